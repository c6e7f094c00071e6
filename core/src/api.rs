//! The wire between shells and core: requests in, output bytes out.
//!
//! Both the CLI and the page call these functions and print what they return
//! unchanged, which is what makes their output byte for byte identical.

use crate::files::Files;
use crate::profile::Profile;

/// One input file as the shell read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The name to show in positions, as the user gave it (e.g. `values-prod.yaml`).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Input { name: name.into(), bytes: bytes.into() }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Yaml,
    Json,
}

/// Everything `strata render` and `strata explain` take.
#[derive(Clone, Debug, Default)]
pub struct RenderRequest {
    pub profile: Profile,
    pub chart_values: Option<Input>,
    pub values: Vec<Input>,
    pub set: Vec<String>,
    pub set_string: Vec<String>,
    pub set_json: Vec<String>,
    pub set_file: Vec<String>,
    pub set_literal: Vec<String>,
    pub format: Format,
    /// Sort map keys as Helm prints them, instead of order of first appearance.
    pub sort_keys: bool,
}

/// What a command produced: bytes for stdout and stderr, and the exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

/// `strata render`: the final values, or positioned errors (exit 2).
pub fn render(_request: &RenderRequest, _files: &dyn Files) -> Outcome {
    Outcome { stdout: String::new(), stderr: "error: not implemented yet\n".into(), exit_code: 2 }
}
