//! Core's diagnostics as printed, each position a button that selects the
//! line in its layer.

use yew::prelude::*;

use crate::diagnostics::{Item, Position};

#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    pub items: Vec<Item>,
    pub on_jump: Callback<Position>,
}

#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    let items = props.items.iter().map(|item| {
        let position = match (&item.position_text, &item.position) {
            (Some(text), Some(position)) => {
                let position = position.clone();
                let onclick = props.on_jump.reform(move |_: MouseEvent| position.clone());
                html! {
                    <button type="button" class="position" {onclick}
                        title="Select this line in its layer">{ text.clone() }</button>
                }
            }
            _ => html! {},
        };
        let more: String = item.more.iter().map(|line| format!("\n{line}")).collect();
        html! {
            <li class={item.severity()}>
                <pre>{ position }{ item.rest.clone() }{ more }</pre>
            </li>
        }
    });
    html! { <ul class="diagnostics">{ for items }</ul> }
}
