//! Warnings core printed while still succeeding (exit code 0).

use yew::prelude::*;

use crate::components::diagnostic_list::DiagnosticList;
use crate::diagnostics::{self, Position};

#[derive(Properties, PartialEq)]
pub struct WarningsPanelProps {
    pub stderr: AttrValue,
    pub on_jump: Callback<Position>,
}

#[component]
pub fn WarningsPanel(props: &WarningsPanelProps) -> Html {
    let items = diagnostics::split(&props.stderr);
    if items.is_empty() {
        return html! {};
    }
    let title = if items.len() == 1 { "1 warning".to_owned() } else { format!("{} warnings", items.len()) };
    html! {
        <section id="warnings" class="panel warnings" aria-labelledby="warnings-title">
            <h2 id="warnings-title">{ title }</h2>
            <DiagnosticList {items} on_jump={props.on_jump.clone()} />
        </section>
    }
}
