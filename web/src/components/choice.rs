//! A labelled group of radio buttons, drawn as a segmented switch.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    /// What is being chosen, e.g. "Helm profile".
    pub legend: AttrValue,
    /// The radio group's name, unique on the page; also the ids' prefix.
    pub name: AttrValue,
    pub options: Vec<AttrValue>,
    /// Index into `options`.
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let options = props.options.iter().enumerate().map(|(index, label)| {
        let id = format!("{}-{index}", props.name);
        let onchange = props.on_select.reform(move |_: Event| index);
        html! {
            <label class="choice-option" for={id.clone()}>
                <input
                    type="radio"
                    {id}
                    name={props.name.clone()}
                    checked={index == props.selected}
                    {onchange}
                />
                <span>{ label.clone() }</span>
            </label>
        }
    });
    html! {
        <fieldset class="choice">
            <legend>{ props.legend.clone() }</legend>
            <div class="choice-options">{ for options }</div>
        </fieldset>
    }
}
