//! Reading YAML the way Helm does (go-yaml v2, YAML 1.1, then through JSON).
//!
//! A values file goes through four steps, one module each:
//!
//! 1. [`split`]: Helm 4 cuts the file into documents at lines starting with `---`
//!    (its own line scanner, not YAML's rules); Helm 3 reads the first YAML
//!    document only.
//! 2. [`parse`]: saphyr-parser turns each piece into events; its character
//!    positions become byte spans into the whole file.
//! 3. [`build`]: events become [`Node`] trees with anchors, aliases, `<<` merge
//!    keys and duplicate keys handled as go-yaml v2 handles them, within
//!    [`Limits`].
//! 4. [`helm`] (through the [`Schema`] seam): scalars are typed by go-yaml v2's
//!    YAML 1.1 rules (`scalar`), keys become strings (`keys`), numbers become
//!    float64, and surprises become warnings (`diagnostics`).
//!
//! Every document must then be a map (or empty, or null).

mod build;
mod cursor;
mod diagnostics;
mod direct;
mod fast;
mod helm;
mod keys;
mod parse;
mod scalar;
mod schema;
mod split;

#[cfg(test)]
mod tests;

pub use helm::HelmSchema;
pub use keys::KeyIdentity;
pub use schema::{Scalar, Schema, Style};

use crate::diag::Diagnostic;
use crate::node::{Node, Value};
use crate::profile::Profile;
use crate::source::{SourceId, Sources, Span};
use build::Builder;
use parse::Events;
use saphyr_parser::{Event, ScalarStyle};
use std::ops::Range;

/// Bounds that keep hostile input from exhausting time, memory or stack.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest source accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of maps and lists accepted.
    pub max_depth: usize,
    /// Most nodes that alias expansion may create in one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: crate::files::MAX_FILE_BYTES, max_depth: 1000, max_alias_nodes: 1_000_000 }
    }
}

/// The documents of one values file, each a map, plus the warnings found reading it.
#[derive(Debug, Default)]
pub struct Documents {
    pub docs: Vec<Node>,
    pub warnings: Vec<Diagnostic>,
}

/// Read a values file: split it into documents as Helm does (only the first
/// under Helm 3), resolve every scalar as go-yaml v2 does, and check that each
/// document is a map. Empty documents are left out.
pub fn read_documents(
    sources: &Sources,
    id: SourceId,
    profile: Profile,
    limits: &Limits,
) -> Result<Documents, Diagnostic> {
    let text = sources.text(id);
    let start = body_start(text, id, limits)?;
    let mut schema = HelmSchema;
    let mut out = Documents::default();
    let pieces: Vec<Range<usize>> = if profile.reads_all_documents() {
        split::split(text, start, id)?
    } else {
        std::iter::once(start..text.len()).collect()
    };
    for piece in pieces {
        split::check_leading_end(text, piece.start, piece.end, id)?;
        let Some(body) = text.get(piece.clone()) else { continue };
        let (read, mut warnings) = read_piece(body, id, piece.start, &mut schema, sources, limits);
        out.warnings.append(&mut warnings);
        let docs = read.map_err(|error| explain_directive(error, text, &piece, profile, id))?;
        for doc in docs {
            let after =
                split::first_content(text, (doc.end.end as usize).max(doc.root.span.end as usize), piece.end, id);
            if let Some(span) = after {
                out.warnings.push(if profile.reads_all_documents() {
                    diagnostics::ignored_after_end(span)
                } else {
                    diagnostics::helm3_first_document_only(span)
                });
            }
            if let Some(map) = values_document(doc.root)? {
                out.docs.push(map);
            }
        }
    }
    Ok(out)
}

/// The first document of `body` (at byte `base` of `id`) and the warnings reading it
/// raised: straight from the fast scanner where it can, through saphyr's events otherwise.
fn read_piece(
    body: &str,
    id: SourceId,
    base: usize,
    schema: &mut HelmSchema,
    sources: &Sources,
    limits: &Limits,
) -> (Result<Vec<build::Doc>, Diagnostic>, Vec<Diagnostic>) {
    let mut builder = Builder::new(schema, sources, limits);
    if let Some(docs) = direct::first_document(&mut builder, body, id, base) {
        return (Ok(docs), builder.warnings);
    }
    let mut events = Events::new(body, id, base);
    let mut builder = Builder::new(schema, sources, limits);
    let read = builder.documents(&mut events, base, true);
    (read, builder.warnings)
}

/// Whether the fast scanner agrees with saphyr-parser on `text` (its events and
/// spans equal saphyr's, or a strict prefix of them where it bails); `Ok(true)`
/// when it read the whole text. For tests and fuzzing.
#[doc(hidden)]
pub fn fast_path_agrees(text: &str) -> Result<bool, String> {
    fast::compare(text)
}

/// Whether reading `text` straight from the fast scanner into the builder gives what
/// reading it through saphyr's events gives (the first document, its end and every
/// warning); `Ok(true)` when the direct path read it. For tests and fuzzing.
#[doc(hidden)]
pub fn direct_read_agrees(text: &str) -> Result<bool, String> {
    let mut sources = Sources::new();
    let id = sources.add("agree.yaml", crate::source::SourceKind::File, text);
    let limits = Limits::default();
    let mut schema = HelmSchema;
    let mut direct = Builder::new(&mut schema, &sources, &limits);
    let Some(docs) = direct::first_document(&mut direct, text, id, 0) else { return Ok(false) };
    let warnings = direct.warnings;
    let mut events = Events::new(text, id, 0);
    let mut builder = Builder::new(&mut schema, &sources, &limits);
    let expected = builder
        .documents(&mut events, 0, true)
        .map_err(|error| format!("read directly, but through events: {}", error.message))?;
    let shown =
        |docs: &[build::Doc]| docs.iter().map(|doc| format!("{:?} {:?}", doc.root, doc.end)).collect::<Vec<_>>();
    if shown(&docs) != shown(&expected) {
        return Err(format!("documents differ:\n direct {:?}\n events {:?}", shown(&docs), shown(&expected)));
    }
    if warnings != builder.warnings {
        return Err(format!("warnings differ:\n direct {warnings:?}\n events {:?}", builder.warnings));
    }
    Ok(true)
}

/// How many events the fast scanner gives for `text`, or `None` if it bails.
/// For benchmarks.
#[doc(hidden)]
pub fn fast_event_count(text: &str) -> Option<usize> {
    let mut scanner = fast::Scanner::new(text);
    let mut count = 0;
    while let Some((event, _, _)) = scanner.next() {
        count += 1;
        if matches!(event, Event::StreamEnd) {
            return Some(count);
        }
    }
    None
}

/// How many events saphyr-parser alone gives for `text` (up to an error).
/// For benchmarks.
#[doc(hidden)]
pub fn saphyr_event_count(text: &str) -> usize {
    saphyr_parser::Parser::new_from_str(text).take_while(Result::is_ok).count()
}

/// What a generic YAML file (such as a workspace file) holds.
#[derive(Debug, Default)]
pub struct Document {
    /// The root value; `None` for an empty file.
    pub root: Option<Node>,
    pub warnings: Vec<Diagnostic>,
}

/// Read a YAML file that holds one document of any shape, with the same YAML 1.1
/// typing, limits and warnings as values files. A second document is an error.
pub fn read_document(sources: &Sources, id: SourceId, limits: &Limits) -> Result<Document, Diagnostic> {
    let mut stream = read_stream(sources, id, &mut HelmSchema, limits)?;
    if stream.docs.len() > 1 {
        let span = stream.docs[1].span;
        return Err(Diagnostic::error(
            "yaml-multiple-documents",
            "this file may hold one YAML document, but a second one starts here",
        )
        .at(span)
        .hint("remove the `---` line and merge the documents into one"));
    }
    Ok(Document { root: stream.docs.pop(), warnings: stream.warnings })
}

/// Every document of a YAML stream (as YAML defines documents), of any shape.
#[derive(Debug, Default)]
pub struct Stream {
    pub docs: Vec<Node>,
    pub warnings: Vec<Diagnostic>,
}

/// Read a whole YAML stream with a given schema: the same builder as values
/// files, without Helm's document rules. Used for generic files and to run the
/// YAML test suite against the builder with a YAML 1.2 schema.
pub fn read_stream<S: Schema>(
    sources: &Sources,
    id: SourceId,
    schema: &mut S,
    limits: &Limits,
) -> Result<Stream, Diagnostic> {
    let text = sources.text(id);
    let start = body_start(text, id, limits)?;
    let body = text.get(start..).unwrap_or("");
    let mut events = Events::new(body, id, start);
    let mut builder = Builder::new(schema, sources, limits);
    let docs = builder.documents(&mut events, start, false)?;
    Ok(Stream { docs: docs.into_iter().map(|doc| doc.root).collect(), warnings: builder.warnings })
}

/// The parser's event stream in the YAML test suite's `test.event` notation,
/// with anchors numbered in order of definition (`&1`, `*1`) instead of named.
pub fn event_lines(sources: &Sources, id: SourceId) -> Result<Vec<String>, Diagnostic> {
    let text = sources.text(id);
    let mut events = Events::new(text, id, 0);
    let mut lines = Vec::new();
    loop {
        let (event, _) = events.next()?;
        let line = match event {
            Event::Nothing => continue,
            Event::StreamStart => "+STR".to_string(),
            Event::StreamEnd => {
                lines.push("-STR".to_string());
                return Ok(lines);
            }
            Event::DocumentStart(explicit) => (if explicit { "+DOC ---" } else { "+DOC" }).to_string(),
            Event::DocumentEnd => "-DOC".to_string(),
            Event::MappingStart(anchor, tag) => properties("+MAP", anchor, tag.as_deref()),
            Event::SequenceStart(anchor, tag) => properties("+SEQ", anchor, tag.as_deref()),
            Event::MappingEnd => "-MAP".to_string(),
            Event::SequenceEnd => "-SEQ".to_string(),
            Event::Alias(id) => format!("=ALI *{id}"),
            Event::Scalar(value, style, anchor, tag) => {
                let mut line = properties("=VAL", anchor, tag.as_deref());
                line.push(' ');
                line.push(match style {
                    ScalarStyle::Plain => ':',
                    ScalarStyle::SingleQuoted => '\'',
                    ScalarStyle::DoubleQuoted => '"',
                    ScalarStyle::Literal => '|',
                    ScalarStyle::Folded => '>',
                });
                for c in value.chars() {
                    match c {
                        '\\' => line.push_str("\\\\"),
                        '\n' => line.push_str("\\n"),
                        '\t' => line.push_str("\\t"),
                        '\r' => line.push_str("\\r"),
                        '\u{8}' => line.push_str("\\b"),
                        '\0' => line.push_str("\\0"),
                        c => line.push(c),
                    }
                }
                line
            }
        };
        lines.push(line);
    }
}

fn properties(head: &str, anchor: usize, tag: Option<&saphyr_parser::Tag>) -> String {
    let mut line = head.to_string();
    if anchor != 0 {
        line.push_str(&format!(" &{anchor}"));
    }
    if let Some(tag) = tag {
        line.push_str(&format!(" <{}>", parse::full_tag(tag)));
    }
    line
}

/// Where the YAML starts (after a UTF-8 byte order mark), once the size is checked.
fn body_start(text: &str, id: SourceId, limits: &Limits) -> Result<usize, Diagnostic> {
    let start = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
    if text.len() - start > limits.max_bytes {
        return Err(diagnostics::too_large(Span::at(id, 0), text.len() - start, limits.max_bytes));
    }
    Ok(start)
}

/// A document's root as a values map: maps pass, null and empty documents are
/// left out, anything else is an error.
fn values_document(root: Node) -> Result<Option<Node>, Diagnostic> {
    let kind = match &root.value {
        Value::Map(_) => return Ok(Some(root)),
        Value::Null => return Ok(None),
        Value::List(_) => "a list",
        Value::Str(_) => "a string",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::Float(_) => "a number",
    };
    Err(diagnostics::not_a_map(Span::at(root.span.source, root.span.start as usize), kind))
}

/// In a Helm 4 piece a `%` directive can never reach its `---`; say so plainly.
fn explain_directive(
    error: Diagnostic,
    text: &str,
    piece: &Range<usize>,
    profile: Profile,
    id: SourceId,
) -> Diagnostic {
    if !profile.reads_all_documents() || error.message != "did not find expected <document start>" {
        return error;
    }
    match split::has_directive(text, piece.start, piece.end) {
        Some(at) => diagnostics::directive_in_chunk(Span::at(id, at)),
        None => error,
    }
}
