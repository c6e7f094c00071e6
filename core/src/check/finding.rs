//! A finding as a check reports it, and as the output writes it.
//!
//! A large workspace has tens of thousands of `drift` and `lint-redundant-override`
//! findings, each a sentence or two naming paths, files and environments: held as text they
//! were the largest part of `check`'s memory. Those two kinds keep only what their text is
//! made of (a matrix row, the spans) and are made into a [`Diagnostic`] one at a time as
//! they are written; every other kind is made at once.

use super::context::Context;
use crate::diag::{Diagnostic, Severity};
use crate::source::Span;
use std::borrow::Cow;

pub enum Finding {
    /// Boxed: a finding is three words, however many are held.
    Made(Box<Diagnostic>),
    /// `drift` of the matrix row `row`, at `at`.
    Drift { row: u32, at: Option<Span> },
    /// `lint-redundant-override`: `path`, set at `at` to the value it already has from `from`.
    RedundantOverride { path: Box<str>, at: Span, from: Span },
}

impl Finding {
    pub fn span(&self) -> Option<Span> {
        match self {
            Finding::Made(diagnostic) => diagnostic.span,
            Finding::Drift { at, .. } => *at,
            Finding::RedundantOverride { at, .. } => Some(*at),
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Finding::Made(diagnostic) => diagnostic.severity,
            Finding::Drift { .. } | Finding::RedundantOverride { .. } => Severity::Warning,
        }
    }

    /// The finding as it is written.
    pub fn made<'f>(&'f self, cx: &Context) -> Cow<'f, Diagnostic> {
        match self {
            Finding::Made(diagnostic) => Cow::Borrowed(&**diagnostic),
            Finding::Drift { row, at } => {
                Cow::Owned(super::parity::drift_finding(cx, &cx.matrix.rows[*row as usize], *at))
            }
            Finding::RedundantOverride { path, at, from } => {
                Cow::Owned(super::lint::redundant_override(cx.sources, path, *at, *from))
            }
        }
    }
}

/// How many errors and how many warnings.
pub fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity() == Severity::Error).count();
    (errors, findings.len() - errors)
}
