//! Diagnostics: one type for every error and warning strata reports.
//!
//! Messages are lowercase without a trailing period, with names in backticks;
//! hints start with the fix. Constructors for the engine's own codes live next
//! to the code that detects them; this module only defines the shape and the
//! rendering.

use crate::source::{Sources, Span};
use std::borrow::Cow;
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `yaml-syntax`, `yaml11-boolean`.
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
    /// Most hints are fixed text: borrowed, not copied into every finding.
    pub hints: Vec<Cow<'static, str>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, message: message.into(), span: None, hints: Vec::new() }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), span: None, hints: Vec::new() }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn hint(mut self, hint: impl Into<Cow<'static, str>>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error[code]: message` followed by `  hint: ...` lines.
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = String::new();
        if let Some(span) = self.span {
            let _ = write!(out, "{}: ", sources.position(span));
        }
        let _ = write!(out, "{}[{}]: {}", self.severity.as_str(), self.code, self.message);
        for hint in &self.hints {
            let _ = write!(out, "\n  hint: {hint}");
        }
        out.push('\n');
        out
    }
}

/// Render many diagnostics, in the order given.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    diagnostics.iter().map(|d| d.render(sources)).collect()
}
