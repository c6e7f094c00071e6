//! What every check reads: the workspace, the resolved environments and their matrix.

use crate::diag::Diagnostic;
use crate::emit::yaml_scalar_inline;
use crate::glob::matches_path;
use crate::matrix::{Cell, Content, Matrix};
use crate::node::Value;
use crate::resolve::Layer;
use crate::secrets::{is_reference, MASK};
use crate::source::{Sources, Span};
use crate::workspace::{Environment, Workspace};

pub struct Context<'a> {
    pub workspace: &'a Workspace,
    pub sources: &'a Sources,
    /// The workspace directory, as given: files in `strata.yaml` are relative to it.
    pub root: &'a str,
    /// The environments checked, in workspace order, with what is kept of their values.
    pub envs: Vec<(&'a Environment, Facts)>,
    /// Every leaf × every checked environment, secrets marked (`Cell::masked`).
    pub matrix: Matrix<'a>,
    pub show_secrets: bool,
    /// Per written value (`Cell::entry`): whether it is a string that refers to a secret,
    /// once known (0 unknown, 1 no, 2 yes): most values show in many cells.
    pub references: std::cell::RefCell<Vec<u8>>,
}

/// What the checks need of a resolved environment besides its matrix column.
#[derive(Debug, Default)]
pub struct Facts {
    pub layers: Vec<Layer>,
}

impl Facts {
    pub fn layer_of(&self, span: Span) -> Option<&Layer> {
        self.layers.iter().find(|layer| layer.source == span.source)
    }
}

impl Context<'_> {
    /// A cell's value for a message: masked unless `--show-secrets`, cut when long.
    pub fn shown(&self, cell: &Cell) -> String {
        let content = if self.show_secrets { self.matrix.unmasked(cell) } else { self.matrix.content(cell) };
        match content {
            Content::Missing => "(not set)".to_string(),
            Content::Deleted => "(deleted by null)".to_string(),
            Content::Value(_) if cell.masked && !self.show_secrets => MASK.to_string(),
            Content::Value(value) => {
                let text = yaml_scalar_inline(value);
                if text.chars().count() > 40 {
                    format!("{}...", text.chars().take(37).collect::<String>())
                } else {
                    text
                }
            }
        }
    }

    /// Whether the cell holds a string that refers to a secret (`secret://...`, `vault:...`).
    pub fn refers(&self, cell: &Cell) -> bool {
        let Content::Value(Value::Str(s)) = self.matrix.content(cell) else { return false };
        let entry = cell.entry() as usize;
        let mut known = self.references.borrow_mut();
        if known.len() <= entry {
            known.resize(self.matrix.entries().max(entry + 1), 0);
        }
        if known[entry] == 0 {
            known[entry] = if is_reference(&self.workspace.secrets, s) { 2 } else { 1 };
        }
        known[entry] == 2
    }

    /// Whether the path is documented as an intended difference.
    pub fn intended(&self, path: &str) -> bool {
        self.workspace.intended.iter().any(|i| matches_path(&i.paths, path))
    }

    /// Whether `policy.pinned` keeps the path per environment.
    pub fn pinned(&self, path: &str) -> bool {
        matches_path(&self.workspace.policy.pinned, path)
    }

    /// Whether `span` lies in the chart defaults of a checked environment.
    pub fn in_chart(&self, span: Span) -> bool {
        self.envs.iter().any(|(_, resolved)| {
            resolved.layer_of(span).is_some_and(|layer| layer.kind == crate::resolve::LayerKind::ChartDefaults)
        })
    }

    /// The environment's name in `strata.yaml`: where a finding about a whole environment points.
    pub fn env_span(&self, index: usize) -> Span {
        self.envs[index].0.name_span
    }
}

/// A position for a finding, when the cell has one.
pub fn at(diagnostic: Diagnostic, span: Option<Span>) -> Diagnostic {
    match span {
        Some(span) => diagnostic.at(span),
        None => diagnostic,
    }
}

/// `a`, `a` and `b`, `a`, `b` and `c`: names in backticks, for messages.
pub fn names<S: AsRef<str>>(names: &[S]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_cover_descendants() {
        let patterns = vec!["resources".to_string(), "**.replicas".to_string()];
        assert!(matches_path(&patterns, "resources.limits.cpu"));
        assert!(matches_path(&patterns, "api.replicas"));
        assert!(!matches_path(&patterns, "resourcesx.cpu"));
        assert!(matches_path(&["env".to_string()], "env[name=a.b].value"));
        assert_eq!(names(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
