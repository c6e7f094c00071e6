//! `strata init`. IN PROGRESS: being written.

use crate::api::{Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::files::Files;

pub fn run(_args: &WorkspaceArgs, _files: &dyn Files, _terminal: &Terminal) -> Outcome {
    Outcome { stderr: "error: `strata init` is not written yet\n".into(), exit_code: 2, ..Outcome::default() }
}
