//! `version-order`: versions move down the promotion graph, so an environment never runs a
//! newer version than the one that promotes into it (seed 001: prod <= staging <= dev).
//!
//! Version paths are `policy.promotable` when the workspace lists any, else every
//! `tag`, `version`, `imageTag` and `appVersion`; only values that read as versions count.

use super::context::Context;
use super::semver::Version;
use crate::diag::Diagnostic;
use crate::emit::yaml_scalar_inline;
use crate::glob::matches_path;
use crate::matrix::{Cell, Content, Row};
use crate::node::Value;

const DEFAULT_PATHS: [&str; 4] = ["**.tag", "**.version", "**.imageTag", "**.appVersion"];

pub fn order(cx: &Context, out: &mut Vec<Diagnostic>) {
    let index = |name: &str| cx.envs.iter().position(|(env, _)| env.name == name);
    let edges: Vec<(usize, usize)> =
        cx.workspace.promotion.iter().filter_map(|(from, to, _)| Some((index(from)?, index(to)?))).collect();
    if edges.is_empty() {
        return;
    }
    for row in cx.matrix.rows.iter().filter(|row| is_version_row(cx, row)) {
        for &(from, to) in &edges {
            let (Some(upstream), Some(downstream)) = (version(cx, &row.cells[from]), version(cx, &row.cells[to]))
            else {
                continue;
            };
            if downstream.1 <= upstream.1 {
                continue;
            }
            let (from_name, to_name) = (&cx.envs[from].0.name, &cx.envs[to].0.name);
            let mut finding = Diagnostic::error(
                "version-order",
                format!(
                    "`{}` is {} in `{to_name}` but {} in `{from_name}`, which promotes into it",
                    row.path, downstream.0, upstream.0
                ),
            )
            .hint(format!(
                "promote {} through `{from_name}` first, or set `{to_name}` back to a version `{from_name}` has run",
                downstream.0
            ));
            if let Some(span) = cx.matrix.span(&row.cells[to]) {
                finding = finding.at(span);
            }
            out.push(finding);
        }
    }
}

/// A row of versions: a version path where some environment holds a version.
pub fn is_version_row(cx: &Context, row: &Row) -> bool {
    let promotable = &cx.workspace.policy.promotable;
    let path_fits = if promotable.is_empty() {
        DEFAULT_PATHS.iter().any(|p| crate::glob::matches(p, &row.path))
    } else {
        matches_path(promotable, &row.path)
    };
    path_fits && row.cells.iter().any(|cell| version(cx, cell).is_some())
}

/// The cell's value as text and as a version, when it is one.
fn version(cx: &Context, cell: &Cell) -> Option<(String, Version)> {
    let Content::Value(value) = cx.matrix.content(cell) else { return None };
    let text = match value {
        Value::Str(s) => s.to_string(),
        Value::Float(_) | Value::Int(_) => yaml_scalar_inline(value),
        _ => return None,
    };
    let parsed = Version::parse(&text)?;
    Some((text, parsed))
}
