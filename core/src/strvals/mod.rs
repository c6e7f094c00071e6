//! The `--set` family: Helm's `pkg/strvals` parsers (spec section 4).
//!
//! [`apply`] takes one argument of one kind and writes it into the user values
//! built so far, exactly as Helm v4.2.4 (or v3.21.4) does:
//!
//! - `scan`: reading the argument, with backslash escapes;
//! - `parser`: walking `a.b[0].c=` paths into the values (Helm's `parser.go`
//!   and `literal_parser.go`, which differ only in escapes, commas and values);
//! - `typing`: how `--set` types a scalar, and the warnings about it;
//! - `json`: JSON values as Go's `encoding/json` reads them (`--set-json`);
//! - `diagnostics`: every error and warning these modules report.
//!
//! Deviations from Helm, all for inputs no real command line has: a path may
//! nest at most [`MAX_DEPTH`] levels (JSON values included; Helm allows any
//! number of chained indexes and JSON up to 10000 levels), and one argument may pad lists
//! with at most [`MAX_PADDING`] null items.

mod diagnostics;
mod json;
mod parser;
mod scan;
mod typing;

use crate::diag::Diagnostic;
use crate::files::Files;
use crate::node::{Map, Value};
use crate::profile::Profile;
use crate::source::{SourceId, Span};
use parser::{Parser, Reader};

/// Largest list index Helm accepts (`MaxIndex`).
pub const MAX_INDEX: i64 = 65536;
/// Most dots in one path (`MaxNestedNameLevel`); a dot right after `]` does not count.
pub const MAX_DOTS: usize = 30;
/// Deepest nesting one argument may create (path levels plus JSON levels).
pub const MAX_DEPTH: usize = 500;
/// Most null items one argument may add to pad lists.
pub const MAX_PADDING: usize = 1 << 18;

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
    pub const ORDER: [SetKind; 5] =
        [SetKind::SetJson, SetKind::Set, SetKind::SetString, SetKind::SetFile, SetKind::SetLiteral];

    pub fn flag(self) -> &'static str {
        match self {
            SetKind::SetJson => "--set-json",
            SetKind::Set => "--set",
            SetKind::SetString => "--set-string",
            SetKind::SetFile => "--set-file",
            SetKind::SetLiteral => "--set-literal",
        }
    }

    fn reader(self) -> Reader {
        match self {
            SetKind::SetJson => Reader::Json,
            SetKind::Set => Reader::Typed,
            SetKind::SetString => Reader::Text,
            SetKind::SetFile => Reader::File,
            SetKind::SetLiteral => Reader::Literal,
        }
    }
}

/// Apply one argument of `kind` (its text is source `arg`, spans are offsets
/// into `text`) to the user values.
///
/// Returns warnings; an error leaves `values` in an unspecified state (Helm
/// stops there). `--set-file` reads its files through `files`, with the path
/// exactly as written in the argument (after escapes).
pub fn apply(
    kind: SetKind,
    arg: SourceId,
    text: &str,
    values: &mut Map,
    profile: Profile,
    files: &dyn Files,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let object_form = kind == SetKind::SetJson && text.trim_start().starts_with('{');
    if object_form && profile.has_set_json_object() {
        return apply_json_object(arg, text, values);
    }
    let mut parser = Parser::new(kind.reader(), arg, text, files);
    match parser.run(values, profile) {
        Ok(()) => Ok(parser.warnings),
        Err(error) if object_form => Err(diagnostics::helm3_object_hint(error)),
        Err(error) => Err(error),
    }
}

/// Helm 4's `--set-json '{...}'`: one JSON object merged over the values.
fn apply_json_object(arg: SourceId, text: &str, values: &mut Map) -> Result<Vec<Diagnostic>, Diagnostic> {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    let mut warnings = Vec::new();
    let node = json::decode_all(text, start, end, arg, MAX_DEPTH, &mut warnings)
        .map_err(|e| diagnostics::json_object_syntax(&e.message, Span::new(arg, e.start, e.end)))?;
    if let Value::Map(map) = node.value {
        crate::merge::merge_maps(values, std::rc::Rc::unwrap_or_clone(map));
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests;
