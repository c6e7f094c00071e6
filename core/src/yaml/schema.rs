//! The seam between the tree builder and the rules that type scalars.
//!
//! The builder ([`super::build`]) knows YAML structure: documents, maps, lists,
//! anchors, aliases, merge keys, duplicate keys and limits. A [`Schema`] knows
//! what a scalar means. Helm's reader uses the go-yaml v2 schema
//! ([`super::helm::HelmSchema`]); the YAML test suite runs the same builder with
//! a YAML 1.2 core schema of its own.

use super::keys::KeyIdentity;
use crate::diag::Diagnostic;
use crate::node::{Text, Value};
use crate::source::Span;
use std::borrow::Cow;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

impl Style {
    pub fn is_plain(self) -> bool {
        self == Style::Plain
    }
}

/// One scalar as the parser saw it.
#[derive(Clone, Debug)]
pub struct Scalar<'a> {
    /// The scalar's value after YAML's escapes and folding.
    pub text: Cow<'a, str>,
    pub style: Style,
    /// The full tag (`tag:yaml.org,2002:int`, `!foo`, `!`), if one was written.
    pub tag: Option<String>,
    /// Where it was written, properties (`&anchor`, `!tag`) included.
    pub span: Span,
}

/// Types scalars and names keys; see the module documentation.
pub trait Schema {
    /// The value of a scalar in a value or list-item position. `key` is the map
    /// key it belongs to, when there is one, for messages.
    fn value(
        &mut self,
        scalar: Scalar<'_>,
        key: Option<&str>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Value, Diagnostic>;

    /// The string a scalar key becomes, and which value it was before that.
    fn key(&mut self, scalar: Scalar<'_>, warnings: &mut Vec<Diagnostic>) -> Result<(Text, KeyIdentity), Diagnostic>;

    /// Whether this key is a `<<` merge key.
    fn is_merge_key(&self, scalar: &Scalar<'_>) -> bool;

    /// A tag written on a map (`is_map`) or list; may warn or refuse.
    fn collection_tag(
        &mut self,
        tag: &str,
        is_map: bool,
        span: Span,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let _ = (tag, is_map, span, warnings);
        Ok(())
    }

    /// The source text of a double-quoted scalar (quotes included), for escapes
    /// the parser accepts but the schema's reader does not.
    fn double_quoted(&mut self, raw: &str, span: Span) -> Result<(), Diagnostic> {
        let _ = (raw, span);
        Ok(())
    }

    /// A directive line (`%YAML 1.1`, `%TAG ...`) before a document; `span` covers the line.
    fn directive(&mut self, line: &str, span: Span) -> Result<(), Diagnostic> {
        let _ = (line, span);
        Ok(())
    }
}
