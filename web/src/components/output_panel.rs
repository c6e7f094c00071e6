//! The merged values core rendered, or its errors when it failed.

use yew::prelude::*;

use crate::components::diagnostic_list::DiagnosticList;
use crate::diagnostics::{self, Position};

#[derive(Properties, PartialEq)]
pub struct OutputPanelProps {
    /// "YAML" or "JSON".
    pub format: AttrValue,
    pub stdout: AttrValue,
    pub stderr: AttrValue,
    pub exit_code: i32,
    pub on_jump: Callback<Position>,
}

#[component]
pub fn OutputPanel(props: &OutputPanelProps) -> Html {
    if props.exit_code != 0 {
        let items = diagnostics::split(&props.stderr);
        let errors = items.iter().filter(|item| item.severity() == "error").count();
        return html! {
            <section id="errors" class="panel output failed" aria-labelledby="errors-title">
                <h2 id="errors-title">
                    { if errors == 1 { "1 error".to_owned() } else { format!("{errors} errors") } }
                    <span class="exit-code">{ format!("exit code {}", props.exit_code) }</span>
                </h2>
                <p class="panel-note">{ "Nothing was merged. Your layers are unchanged; fix the input and the output comes back." }</p>
                <DiagnosticList {items} on_jump={props.on_jump.clone()} />
            </section>
        };
    }
    html! {
        <section class="panel output" aria-labelledby="output-title">
            <h2 id="output-title">{ format!("Merged values ({})", props.format) }</h2>
            <pre id="output" tabindex="0" aria-labelledby="output-title"><code>{ props.stdout.clone() }</code></pre>
        </section>
    }
}
