//! Warnings about the final values: Helm surprises only visible after resolving.

use super::{LayerKind, Resolved};
use crate::diag::Diagnostic;
use crate::emit::number::go_template_float;
use crate::emit::yaml_scalar_inline;
use crate::node::{Node, Value};
use crate::path::{Path, Segment};
use crate::source::Sources;
use crate::workspace::SecretRules;

/// A step of the walk: borrowed, so the walk allocates nothing per node.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

pub(super) fn final_value_warnings(resolved: &Resolved, sources: &Sources) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    // Iterative walk: the tree can be as deep as the reader allows.
    let mut stack: Vec<(&Node, usize, Option<Step>)> = vec![(&resolved.root, 0, None)];
    while let Some((node, depth, step)) = stack.pop() {
        steps.truncate(depth.saturating_sub(1));
        if let Some(step) = step {
            steps.push(step);
        }
        match &node.value {
            Value::Map(map) => {
                for (key, child) in map.iter().rev() {
                    stack.push((child, depth + 1, Some(Step::Key(key))));
                }
            }
            Value::List(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((child, depth + 1, Some(Step::Index(i))));
                }
            }
            // Go prints |f| >= 1e6 or < 1e-4 in exponent form; only those need the text.
            Value::Float(f) if f.abs() >= 1e6 || (*f != 0.0 && f.abs() < 1e-4) => {
                let printed = go_template_float(*f);
                if printed.contains('e') {
                    warnings.push(scientific(&path_of(&steps), node, sources, &printed));
                }
            }
            Value::Null if matches!(steps.last(), Some(Step::Key(_))) && is_user_value(resolved, node) => {
                warnings.push(null_deletes_nothing(&path_of(&steps), node, sources));
            }
            _ => {}
        }
    }
    warnings
}

fn path_of(steps: &[Step]) -> Path {
    Path(
        steps
            .iter()
            .map(|step| match step {
                Step::Key(key) => Segment::Key((*key).into()),
                Step::Index(i) => Segment::Index(*i),
            })
            .collect(),
    )
}

fn is_user_value(resolved: &Resolved, node: &Node) -> bool {
    resolved.layer_of(node.origin()).is_some_and(|layer| layer.kind != LayerKind::ChartDefaults)
}

fn scientific(path: &Path, node: &Node, sources: &Sources, printed: &str) -> Diagnostic {
    let written = sources.slice(node.span).trim();
    Diagnostic::warning(
        "scientific-notation",
        format!("`{path}: {written}` is a float64 in Helm and prints as `{printed}` in templates"),
    )
    .at(node.span)
    .hint("quote it to keep the digits as text, or set it with `--set` to keep an integer")
}

fn null_deletes_nothing(path: &Path, node: &Node, sources: &Sources) -> Diagnostic {
    let message = match node.history.last() {
        Some(shadow) => format!(
            "`{path}: null` replaces `{}` from {} but deletes nothing: Helm keeps `{path}: null`",
            // Diagnostics never show a secret, even with `--show-secrets`: the value is not the point.
            yaml_scalar_inline(&crate::mask::masked(&shadow.old, &path.to_string(), &SecretRules::default()).value)
                .chars()
                .take(40)
                .collect::<String>(),
            sources.position(shadow.old.origin())
        ),
        None => format!("`{path}: null` deletes nothing: no chart default sets `{path}`, so Helm keeps it as null"),
    };
    Diagnostic::warning("null-deletes-nothing", message)
        .at(node.origin())
        .hint("a null only deletes chart defaults; remove the key from the earlier values file instead, or set an explicit empty value")
}
