//! One values layer: its editable file name and its text.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LayerEditorProps {
    /// Position in merge order, from 0.
    pub index: usize,
    /// What the layer is for, e.g. "base" or "overlay".
    pub role: AttrValue,
    pub name: AttrValue,
    pub text: AttrValue,
    /// Core reported an error in this layer.
    pub invalid: bool,
    pub on_rename: Callback<String>,
    pub on_edit: Callback<String>,
    /// Lets the page move the caret to a reported position.
    pub textarea_ref: NodeRef,
}

#[component]
pub fn LayerEditor(props: &LayerEditorProps) -> Html {
    let n = props.index;
    let title_id = format!("layer-{n}-title");
    let name_id = format!("layer-{n}-name");
    let text_id = format!("layer-{n}-text");
    let on_name_input = props.on_rename.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let on_text_input = props.on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let invalid = if props.invalid { "true" } else { "false" };
    html! {
        <section class={classes!("layer", props.invalid.then_some("invalid"))} aria-labelledby={title_id.clone()}>
            <div class="layer-head">
                <h2 id={title_id}>
                    { format!("Layer {} ", n + 1) }
                    <span class="layer-role">{ props.role.clone() }</span>
                </h2>
                <label class="file-name">
                    <span class="visually-hidden">{ format!("File name of layer {}", n + 1) }</span>
                    <input
                        id={name_id}
                        type="text"
                        value={props.name.clone()}
                        oninput={on_name_input}
                        spellcheck="false"
                        autocomplete="off"
                    />
                </label>
            </div>
            <label class="visually-hidden" for={text_id.clone()}>
                { format!("Contents of {}", props.name) }
            </label>
            <textarea
                id={text_id}
                ref={props.textarea_ref.clone()}
                value={props.text.clone()}
                oninput={on_text_input}
                aria-invalid={invalid}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                rows="16"
            />
        </section>
    }
}
