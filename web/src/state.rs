//! The page's one state and its pure reducer.
//!
//! Every [`Action`] produces a new [`State`] whose [`State::outcome`] is
//! recomputed by core, so the view only ever shows what core returned. Nothing
//! here touches the DOM, which is why it is tested natively.

use std::rc::Rc;

use strata_core::api::{self, Format, Input, Outcome, RenderRequest};
use strata_core::files::NoFiles;
use strata_core::Profile;
use yew::Reducible;

use crate::example;

/// One values file the user edits: the name used in positions and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub name: String,
    pub text: String,
}

impl Layer {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Layer { name: name.into(), text: text.into() }
    }
}

/// The layers in merge order (`-f` order): later layers override earlier ones.
pub const BASE: usize = 0;
pub const OVERLAY: usize = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    pub layers: Vec<Layer>,
    pub profile: Profile,
    pub format: Format,
    /// What core returned for the fields above; never edited by the page.
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The text of layer `layer` changed.
    EditText {
        layer: usize,
        text: String,
    },
    /// The file name of layer `layer` changed.
    Rename {
        layer: usize,
        name: String,
    },
    SetProfile(Profile),
    SetFormat(Format),
    /// Put the bundled example back.
    LoadExample,
}

impl State {
    /// A state with these layers and options, rendered.
    pub fn new(layers: Vec<Layer>, profile: Profile, format: Format) -> Self {
        let mut state = State { layers, profile, format, outcome: Outcome::default() };
        state.outcome = state.render();
        state
    }

    /// The bundled example, Helm 4, YAML output.
    pub fn example() -> Self {
        State::new(
            vec![Layer::new(example::BASE_NAME, example::BASE), Layer::new(example::OVERLAY_NAME, example::OVERLAY)],
            Profile::default(),
            Format::default(),
        )
    }

    /// The request `strata render -f <base> -f <overlay> [--helm 3] [-o json]` would make.
    pub fn request(&self) -> RenderRequest {
        RenderRequest {
            profile: self.profile,
            values: self.layers.iter().map(|layer| Input::new(layer.name.clone(), layer.text.as_bytes())).collect(),
            format: self.format,
            ..RenderRequest::default()
        }
    }

    /// The CLI command that prints the same bytes, for the user to copy.
    pub fn command_line(&self) -> String {
        let mut words = vec!["strata".to_owned(), "render".to_owned()];
        if self.profile == Profile::Helm3 {
            words.extend(["--helm".to_owned(), "3".to_owned()]);
        }
        for layer in &self.layers {
            words.extend(["-f".to_owned(), shell_quote(&layer.name)]);
        }
        if self.format == Format::Json {
            words.extend(["-o".to_owned(), "json".to_owned()]);
        }
        words.join(" ")
    }

    fn render(&self) -> Outcome {
        // The page offers no `--set-file`, so core is given no files to read.
        api::render(&self.request(), &NoFiles)
    }

    /// The state after `action`: a pure function of the two.
    pub fn apply(&self, action: Action) -> State {
        let mut next = self.clone();
        match action {
            Action::EditText { layer, text } => match next.layers.get_mut(layer) {
                Some(target) if target.text != text => target.text = text,
                _ => return next,
            },
            Action::Rename { layer, name } => match next.layers.get_mut(layer) {
                Some(target) if target.name != name => target.name = name,
                _ => return next,
            },
            Action::SetProfile(profile) if profile != next.profile => next.profile = profile,
            Action::SetFormat(format) if format != next.format => next.format = format,
            Action::SetProfile(_) | Action::SetFormat(_) => return next,
            Action::LoadExample => return State::example(),
        }
        next.outcome = next.render();
        next
    }

    /// Did core fail (non-zero exit)? Then `stderr` holds the errors.
    pub fn failed(&self) -> bool {
        self.outcome.exit_code != 0
    }
}

/// `word` as one POSIX shell word: unchanged when it is plainly safe, else single-quoted.
fn shell_quote(word: &str) -> String {
    let safe = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=+,@%:".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two(base: &str, overlay: &str) -> State {
        State::new(
            vec![Layer::new("values.yaml", base), Layer::new("values-production.yaml", overlay)],
            Profile::Helm4,
            Format::Yaml,
        )
    }

    #[test]
    fn request_lists_layers_in_merge_order_with_their_names() {
        let state = two("a: 1\n", "b: 2\n");
        let request = state.request();
        let names: Vec<_> = request.values.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["values.yaml", "values-production.yaml"]);
        assert_eq!(request.values[1].bytes, b"b: 2\n");
        assert_eq!(request.profile, Profile::Helm4);
        assert_eq!(request.format, Format::Yaml);
        assert!(request.set.is_empty() && request.chart_values.is_none());
    }

    #[test]
    fn outcome_is_what_core_returns_for_the_request() {
        let state = two("a: 1\n", "b: 2\n");
        assert_eq!(state.outcome, api::render(&state.request(), &NoFiles));
    }

    #[test]
    fn editing_text_changes_only_that_layer_and_rerenders() {
        let state = two("a: 1\n", "b: 2\n");
        let next = state.apply(Action::EditText { layer: OVERLAY, text: "b: {c: [\n".into() });
        assert_eq!(next.layers[BASE].text, "a: 1\n");
        assert_eq!(next.layers[OVERLAY].text, "b: {c: [\n");
        assert_eq!(next.outcome, api::render(&next.request(), &NoFiles));
    }

    #[test]
    fn renaming_changes_the_name_core_sees() {
        let state = two("a: 1\n", "b: 2\n");
        let next = state.apply(Action::Rename { layer: BASE, name: "common.yaml".into() });
        assert_eq!(next.layers[BASE].name, "common.yaml");
        assert_eq!(next.request().values[0].name, "common.yaml");
        assert_eq!(next.layers[BASE].text, "a: 1\n");
    }

    #[test]
    fn switches_set_profile_and_format() {
        let state = two("a: 1\n", "b: 2\n");
        let next = state.apply(Action::SetProfile(Profile::Helm3)).apply(Action::SetFormat(Format::Json));
        assert_eq!(next.request().profile, Profile::Helm3);
        assert_eq!(next.request().format, Format::Json);
        assert_eq!(next.outcome, api::render(&next.request(), &NoFiles));
    }

    #[test]
    fn out_of_range_layer_and_no_change_leave_state_equal() {
        let state = two("a: 1\n", "b: 2\n");
        assert_eq!(state.apply(Action::EditText { layer: 7, text: "x".into() }), state);
        assert_eq!(state.apply(Action::Rename { layer: 7, name: "x".into() }), state);
        assert_eq!(state.apply(Action::SetProfile(Profile::Helm4)), state);
        assert_eq!(state.apply(Action::SetFormat(Format::Yaml)), state);
    }

    #[test]
    fn load_example_restores_the_bundled_layers() {
        let state = two("a: 1\n", "b: 2\n").apply(Action::SetFormat(Format::Json));
        let next = state.apply(Action::LoadExample);
        assert_eq!(next, State::example());
        assert_eq!(next.layers[BASE].text, example::BASE);
        assert_eq!(next.layers[OVERLAY].name, example::OVERLAY_NAME);
    }

    #[test]
    fn command_line_matches_the_options() {
        let state = two("a: 1\n", "b: 2\n");
        assert_eq!(state.command_line(), "strata render -f values.yaml -f values-production.yaml");
        let next = state
            .apply(Action::SetProfile(Profile::Helm3))
            .apply(Action::SetFormat(Format::Json))
            .apply(Action::Rename { layer: OVERLAY, name: "it's prod.yaml".into() });
        assert_eq!(next.command_line(), "strata render --helm 3 -f values.yaml -f 'it'\\''s prod.yaml' -o json");
    }

    #[test]
    fn bundled_example_renders_without_errors() {
        let state = State::example();
        assert_eq!(state.outcome.exit_code, 0, "stderr:\n{}", state.outcome.stderr);
        assert!(!state.outcome.stdout.is_empty());
    }

    #[test]
    fn failed_follows_the_exit_code() {
        let mut state = two("a: 1\n", "b: 2\n");
        state.outcome = Outcome { stderr: "x\n".into(), exit_code: 2, ..Outcome::default() };
        assert!(state.failed());
        state.outcome.exit_code = 0;
        assert!(!state.failed());
    }
}
