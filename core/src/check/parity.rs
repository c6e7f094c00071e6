//! Parity: every environment enables the same components, and nothing else differs
//! unless documented (`intended:`) or kept per environment (`policy.pinned`).

use super::context::{at, names, Context};
use super::finding::Finding;
use super::versions::is_version_row;
use crate::diag::Diagnostic;
use crate::matrix::{Cell, Content, Row, State};
use crate::node::{same_value, Value};
use crate::source::Span;

/// `parity-component`: a `*.enabled` boolean that is true in some environments only.
pub fn components(cx: &Context, out: &mut Vec<Diagnostic>) {
    for row in cx.matrix.rows.iter().filter(|row| is_component_row(cx, row)) {
        if row.state == State::Same || cx.intended(&row.path) || cx.pinned(&row.path) {
            continue;
        }
        let enabled: Vec<bool> =
            row.cells.iter().map(|cell| matches!(cx.matrix.content(cell), Content::Value(Value::Bool(true)))).collect();
        if !enabled.contains(&true) || !enabled.contains(&false) {
            continue;
        }
        let (on, off): (Vec<&str>, Vec<&str>) = split(cx, &enabled);
        let component = row.path.strip_suffix(".enabled").unwrap_or(&row.path);
        out.push(
            at(
                Diagnostic::warning(
                    "parity-component",
                    format!("`{component}` is enabled in {} but not in {}", names(&on), names(&off)),
                ),
                first_difference(cx, row),
            )
            .hint(format!(
                "enable `{component}` in every environment (or in none), or document the difference under `intended:` with a reason"
            )),
        );
    }
}

/// `drift`: any other difference between environments that nothing documents.
pub fn drift(cx: &Context, out: &mut Vec<Finding>) {
    // A component on in some environments only explains every difference below it.
    let switched: Vec<&str> = cx
        .matrix
        .rows
        .iter()
        .filter(|row| is_component_row(cx, row) && row.state != State::Same)
        .map(|row| row.path.strip_suffix("enabled").unwrap_or(""))
        .collect();
    for (index, row) in cx.matrix.rows.iter().enumerate() {
        if switched.iter().any(|prefix| row.path.starts_with(prefix)) || only_empty(cx, row) {
            continue;
        }
        let differs = match row.state {
            State::Differs => true,
            State::TypeDiffers => !cx.intended(&row.path),
            _ => false,
        };
        if !differs || is_component_row(cx, row) || cx.pinned(&row.path) || covered_elsewhere(cx, row) {
            continue;
        }
        out.push(Finding::Drift { row: index as u32, at: first_difference(cx, row) });
    }
}

/// The `drift` finding of `row`, at `span` ([`drift`] keeps only the row and the span).
pub fn drift_finding(cx: &Context, row: &Row, span: Option<Span>) -> Diagnostic {
    let what = if row.state == State::TypeDiffers { "differs in type" } else { "differs" };
    at(
        Diagnostic::warning(
            "drift",
            format!("`{}` {what} between environments: {}", row.path, by_value(cx, row, |cell| cx.shown(cell))),
        ),
        span,
    )
    .hint(
        "make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`",
    )
}

/// Environments grouped by the value they show, in order of first appearance:
/// `"200m" in `dev`, `qa`; "500m" in `prod``. A group names at most
/// [`NAMES_PER_VALUE`] environments, then counts the rest, so a hundred stay readable.
fn by_value(cx: &Context, row: &Row, shown: impl Fn(&Cell) -> String) -> String {
    // Equal cells show the same: each cell is shown once, then grouped by what it shows.
    // Runs come in column order, so each group's columns stay in order.
    let mut seen: Vec<(&Cell, usize)> = Vec::new();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (columns, cell) in row.cells.runs() {
        let group = match seen.iter().find(|(known, _)| *known == cell) {
            Some(&(_, group)) => group,
            None => {
                let value = shown(cell);
                let group = match groups.iter().position(|(known, _)| *known == value) {
                    Some(group) => group,
                    None => {
                        groups.push((value, Vec::new()));
                        groups.len() - 1
                    }
                };
                seen.push((cell, group));
                group
            }
        };
        groups[group].1.extend(columns);
    }
    let name = |column: usize| cx.envs.get(column).map_or("", |(env, _)| env.name.as_str());
    // Written piece by piece: a hundred environments make thousands of these.
    let mut out = String::new();
    for (i, (value, columns)) in groups.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(value);
        out.push_str(" in ");
        let listed = if columns.len() > NAMES_PER_VALUE { NAMES_PER_VALUE - 1 } else { columns.len() };
        for (j, &column) in columns[..listed].iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            out.push('`');
            out.push_str(name(column));
            out.push('`');
        }
        if listed < columns.len() {
            out.push_str(" and ");
            crate::emit::push_decimal(&mut out, (columns.len() - listed) as u64);
            out.push_str(" more");
        }
    }
    out
}

const NAMES_PER_VALUE: usize = 4;

/// A row whose values are all `{}` or `[]`: another environment fills the container,
/// and the rows below it show what it holds.
fn only_empty(cx: &Context, row: &Row) -> bool {
    row.cells.runs().all(|(_, cell)| match cx.matrix.content(cell) {
        Content::Value(value) => match value {
            Value::Map(map) => map.is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        },
        _ => true,
    })
}

/// A `*.enabled` row that holds a boolean somewhere: `components` reports it.
fn is_component_row(cx: &Context, row: &Row) -> bool {
    (row.path == "enabled" || row.path.ends_with(".enabled"))
        && row.cells.runs().any(|(_, cell)| matches!(cx.matrix.content(cell), Content::Value(Value::Bool(_))))
}

/// Rows other checks own: promotable paths and versions (ordered along the promotion
/// graph instead), secrets and secret references (per environment by nature).
fn covered_elsewhere(cx: &Context, row: &Row) -> bool {
    crate::glob::matches_path(&cx.workspace.policy.promotable, &row.path)
        || is_version_row(cx, row)
        || row.cells.runs().any(|(_, cell)| match cx.matrix.content(cell) {
            Content::Value(value) => cell.hides_secret() || matches!(value, Value::Str(_)) && cx.refers(cell),
            _ => false,
        })
}

/// The environments where `flags` holds, and where it does not.
fn split<'a>(cx: &'a Context, flags: &[bool]) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    for ((env, _), flag) in cx.envs.iter().zip(flags) {
        if *flag {
            yes.push(env.name.as_str());
        } else {
            no.push(env.name.as_str());
        }
    }
    (yes, no)
}

/// Where to point at a difference: where the first environment that differs from the
/// first one set its value, or the first one's own value; a value someone wrote in a
/// values file rather than a chart default, when one of the two is.
pub fn first_difference(cx: &Context, row: &Row) -> Option<crate::source::Span> {
    let first = row.cells.first()?;
    let content = |cell: &Cell| cx.matrix.content(cell);
    // The first run holds the first cell: a difference starts in a later one.
    let differs = row.cells.runs().skip(1).map(|(_, cell)| cell).find(|cell| match (content(cell), content(first)) {
        (Content::Value(a), Content::Value(b)) => !same_value(a, b),
        (a, b) => std::mem::discriminant(&a) != std::mem::discriminant(&b),
    });
    let candidates = [differs.and_then(|cell| cx.matrix.span(cell)), cx.matrix.span(first)];
    candidates
        .into_iter()
        .flatten()
        .find(|span| !cx.in_chart(*span))
        .or_else(|| candidates.into_iter().flatten().next())
}
