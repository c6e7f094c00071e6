//! The `--set` family: Helm's `pkg/strvals` parsers (spec section 4).
//!
//! IN PROGRESS: being written.

use crate::diag::Diagnostic;
use crate::files::Files;
use crate::node::Map;
use crate::profile::Profile;
use crate::source::SourceId;

/// Which flag an argument came from; Helm applies the kinds in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SetKind {
    SetJson,
    Set,
    SetString,
    SetFile,
    SetLiteral,
}

impl SetKind {
    pub const ORDER: [SetKind; 5] = [SetKind::SetJson, SetKind::Set, SetKind::SetString, SetKind::SetFile, SetKind::SetLiteral];

    pub fn flag(self) -> &'static str {
        match self {
            SetKind::SetJson => "--set-json",
            SetKind::Set => "--set",
            SetKind::SetString => "--set-string",
            SetKind::SetFile => "--set-file",
            SetKind::SetLiteral => "--set-literal",
        }
    }
}

/// Apply one argument of `kind` (its text is source `arg`) to the user values.
/// Returns warnings; an error leaves `values` in an unspecified state (Helm stops).
pub fn apply(
    _kind: SetKind,
    _arg: SourceId,
    _text: &str,
    _values: &mut Map,
    _profile: Profile,
    _files: &dyn Files,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    Err(Diagnostic::error("unimplemented", "the --set parsers are not written yet"))
}
