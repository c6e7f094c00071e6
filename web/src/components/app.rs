//! The page: layers on the left, what core made of them on the right.

use strata_core::api::Format;
use strata_core::Profile;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::choice::Choice;
use crate::components::layer_editor::LayerEditor;
use crate::components::output_panel::OutputPanel;
use crate::components::warnings_panel::WarningsPanel;
use crate::diagnostics::{self, Position};
use crate::state::{Action, State};

/// What each layer is for, in merge order.
const ROLES: [&str; 2] = ["base", "overlay"];
const PROFILES: [Profile; 2] = [Profile::Helm4, Profile::Helm3];
const FORMATS: [Format; 2] = [Format::Yaml, Format::Json];

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::example);
    let textarea_refs = [use_node_ref(), use_node_ref()];

    // Select the reported line in the layer whose name the position carries.
    let on_jump = {
        let state = state.clone();
        let textarea_refs = textarea_refs.clone();
        Callback::from(move |position: Position| {
            let Some(index) = state.layers.iter().position(|l| l.name == position.file) else {
                return;
            };
            let Some(textarea) = textarea_refs.get(index).and_then(|r| r.cast::<HtmlTextAreaElement>()) else {
                return;
            };
            if let Some((start, end)) = diagnostics::line_range_utf16(&state.layers[index].text, position.line) {
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(start, end);
            }
        })
    };

    // Layers core reported an error in, to mark them invalid.
    let failed_files: Vec<String> = if state.failed() {
        diagnostics::split(&state.outcome.stderr)
            .into_iter()
            .filter(|item| item.severity() == "error")
            .filter_map(|item| item.position.map(|p| p.file))
            .collect()
    } else {
        Vec::new()
    };

    let layers = state.layers.iter().enumerate().map(|(index, layer)| {
        let on_rename = {
            let state = state.clone();
            Callback::from(move |name| state.dispatch(Action::Rename { layer: index, name }))
        };
        let on_edit = {
            let state = state.clone();
            Callback::from(move |text| state.dispatch(Action::EditText { layer: index, text }))
        };
        html! {
            <LayerEditor
                {index}
                role={ROLES.get(index).copied().unwrap_or("overlay")}
                name={layer.name.clone()}
                text={layer.text.clone()}
                invalid={failed_files.contains(&layer.name)}
                {on_rename}
                {on_edit}
                textarea_ref={textarea_refs.get(index).cloned().unwrap_or_default()}
            />
        }
    });

    let on_profile = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::SetProfile(PROFILES[i])))
    };
    let on_format = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::SetFormat(FORMATS[i])))
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::LoadExample))
    };
    let profile_index = PROFILES.iter().position(|p| *p == state.profile).unwrap_or(0);
    let format_index = FORMATS.iter().position(|f| *f == state.format).unwrap_or(0);
    let format_name = if state.format == Format::Json { "JSON" } else { "YAML" };
    let warnings = if state.failed() { AttrValue::default() } else { state.outcome.stderr.clone().into() };

    // Said by screen readers after each edit (the panels themselves are not live).
    let status = {
        let items = diagnostics::split(&state.outcome.stderr);
        let count = |severity| items.iter().filter(|i| i.severity() == severity).count();
        let (errors, warnings) = (count("error"), count("warning"));
        if state.failed() {
            format!("{errors} error(s), {warnings} warning(s): nothing merged")
        } else {
            let lines = state.outcome.stdout.lines().count();
            format!("merged values updated: {lines} lines, {warnings} warning(s)")
        }
    };

    html! {
        <>
            <p class="visually-hidden" role="status">{ status }</p>
            <header class="masthead">
                <h1>{ "strata" }</h1>
                <p class="tagline">
                    { "Helm values, layered exactly as Helm layers them. Edit a layer; the merged values update as you type." }
                </p>
                <p class="offline">{ "Runs entirely in this page: nothing you type leaves your browser." }</p>
            </header>
            <div class="toolbar" role="group" aria-label="Options">
                <Choice
                    legend="Helm profile"
                    name="profile"
                    options={PROFILES.iter().map(|p| AttrValue::from(p.name())).collect::<Vec<_>>()}
                    selected={profile_index}
                    on_select={on_profile}
                />
                <Choice
                    legend="Output"
                    name="format"
                    options={vec![AttrValue::from("YAML"), AttrValue::from("JSON")]}
                    selected={format_index}
                    on_select={on_format}
                />
                <button type="button" class="reset" onclick={on_reset}>{ "Load example" }</button>
            </div>
            <div class="workspace">
                <div class="layers">
                    { for layers }
                    <p class="merge-note">{ "Later layers override earlier ones (like repeated -f)." }</p>
                </div>
                <div class="results">
                    <OutputPanel
                        format={format_name}
                        stdout={state.outcome.stdout.clone()}
                        stderr={state.outcome.stderr.clone()}
                        exit_code={state.outcome.exit_code}
                        on_jump={on_jump.clone()}
                    />
                    <WarningsPanel stderr={warnings} on_jump={on_jump} />
                    <section class="panel command" aria-labelledby="command-title">
                        <h2 id="command-title">{ "Same result on the command line" }</h2>
                        <pre id="command"><code>{ state.command_line() }</code></pre>
                    </section>
                </div>
            </div>
        </>
    }
}
