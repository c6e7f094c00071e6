//! User values over chart defaults (`CoalesceValues`, spec section 3).
//!
//! User values always win; a user null deletes a chart default; Helm 4 drops
//! nulls from the chart defaults first. Lists are atomic.

use super::Deletion;
use crate::diag::Diagnostic;
use crate::node::{Map, Node, Shadow, ShadowReason, Text, Value};
use crate::path::{Path, Segment};
use crate::profile::Profile;
use crate::source::{SourceKind, Sources};
use std::rc::Rc;

pub(super) struct Coalesced {
    pub values: Map,
    pub deletions: Vec<Deletion>,
    pub warnings: Vec<Diagnostic>,
}

struct Context<'a> {
    profile: Profile,
    sources: &'a Sources,
    deletions: Vec<Deletion>,
    warnings: Vec<Diagnostic>,
}

pub(super) fn coalesce(user: Map, chart: Map, profile: Profile, sources: &Sources) -> Coalesced {
    let mut cx = Context { profile, sources, deletions: Vec::new(), warnings: Vec::new() };
    let mut path = Path::root();
    let values = coalesce_maps(user, chart, true, &mut path, &mut cx);
    Coalesced { values, deletions: cx.deletions, warnings: cx.warnings }
}

/// Chart keys come first, in chart order, then keys only the user has, in
/// user order: the order in which keys first appear across the stack.
///
/// Helm 4 cleans nulls out of the chart defaults before merging, except that a
/// top-level user null still removes a key the chart has as null (3.1b), so at
/// the top the chart's nulls are dropped entry by entry instead.
fn coalesce_maps(user: Map, chart: Map, top: bool, path: &mut Path, cx: &mut Context) -> Map {
    let chart = if cx.profile.cleans_chart_nulls() && !top { drop_chart_nulls(chart, path, cx) } else { chart };
    let user_index: Vec<Option<usize>> = chart.keys().map(|key| user.get_index_of(key)).collect();
    let mut user_slots: Vec<Option<(Text, Node)>> = user.into_iter().map(Some).collect();
    let mut out = crate::node::map_with_capacity(user_slots.len() + chart.len());

    for ((key, chart_node), index) in chart.into_iter().zip(user_index) {
        path.0.push(Segment::Key(key.clone()));
        let user_node = index.and_then(|i| user_slots[i].take()).map(|(_, node)| node);
        if let Some(node) = coalesce_entry(user_node, chart_node, top, path, cx) {
            out.insert(key, node);
        }
        path.0.pop();
    }
    for (key, node) in user_slots.into_iter().flatten() {
        out.insert(key, node);
    }
    out
}

/// The result for one key both sides may have; `None` removes the key.
fn coalesce_entry(user: Option<Node>, chart: Node, top: bool, path: &mut Path, cx: &mut Context) -> Option<Node> {
    let Some(mut user) = user else {
        return if top && cx.profile.cleans_chart_nulls() {
            clean_top_chart_entry(chart, path, cx)
        } else {
            Some(chart)
        };
    };
    match (&user.value, &chart.value) {
        // A user null deletes the chart's value. Nested, a chart null counts as no
        // value (Helm 4 has dropped it already; Helm 3 keeps the user's null).
        (Value::Null, _) => {
            if top || !chart.value.is_null() {
                cx.deletions.push(Deletion { path: path.clone(), old: chart, by: Some(user) });
                None
            } else {
                Some(user)
            }
        }
        (Value::Map(_), Value::Map(_)) => {
            let (Value::Map(user_map), Value::Map(chart_map)) =
                (std::mem::replace(&mut user.value, Value::Null), chart.value)
            else {
                unreachable!("matched above")
            };
            user.value = Value::from_map(coalesce_maps(
                Rc::unwrap_or_clone(user_map),
                Rc::unwrap_or_clone(chart_map),
                false,
                path,
                cx,
            ));
            Some(user)
        }
        (_, Value::Null) => Some(user),
        (user_value, chart_value) => {
            let reason = match (user_value, chart_value) {
                (Value::List(new), Value::List(old)) => {
                    if is_indexed_set(&user, cx.sources) && !old.is_empty() {
                        cx.warnings.push(indexed_set_replaces_chart_list(path, &user, old.len()));
                    }
                    ShadowReason::ListReplaced { dropped: old.len().saturating_sub(new.len()) }
                }
                (Value::Map(_), _) | (_, Value::Map(_)) => {
                    cx.warnings.push(type_clash(path, &user, &chart));
                    ShadowReason::TypeClash
                }
                _ => ShadowReason::Replaced,
            };
            user.history.insert(0, Shadow { old: Box::new(chart), reason });
            Some(user)
        }
    }
}

/// A top-level chart entry the user leaves alone, cleaned as the nested ones
/// are before merging: a null goes, a map loses its nulls.
fn clean_top_chart_entry(mut chart: Node, path: &mut Path, cx: &mut Context) -> Option<Node> {
    match chart.value {
        Value::Null => {
            cx.deletions.push(Deletion { path: path.clone(), old: chart, by: None });
            None
        }
        Value::Map(map) => {
            chart.value = Value::from_map(drop_chart_nulls(Rc::unwrap_or_clone(map), path, cx));
            Some(chart)
        }
        _ => Some(chart),
    }
}

/// Helm 4 removes null entries from chart maps, at any depth but not in lists.
fn drop_chart_nulls(chart: Map, path: &mut Path, cx: &mut Context) -> Map {
    let mut out = crate::node::map_with_capacity(chart.len());
    for (key, mut node) in chart {
        path.0.push(Segment::Key(key.clone()));
        match node.value {
            Value::Null => cx.deletions.push(Deletion { path: path.clone(), old: node, by: None }),
            Value::Map(map) => {
                node.value = Value::from_map(drop_chart_nulls(Rc::unwrap_or_clone(map), path, cx));
                out.insert(key, node);
            }
            _ => {
                out.insert(key, node);
            }
        }
        path.0.pop();
    }
    out
}

/// A list made by `--set name[N]=...` (or padded by it).
fn is_indexed_set(node: &Node, sources: &Sources) -> bool {
    let source = sources.get(node.origin().source);
    source.kind == SourceKind::Argument && sources.slice(node.origin()).contains('[')
}

fn indexed_set_replaces_chart_list(path: &Path, user: &Node, chart_len: usize) -> Diagnostic {
    Diagnostic::warning(
        "set-index-replaces-list",
        format!("`{path}[N]=...` replaces the chart's list of {chart_len} entries; Helm does not patch chart lists"),
    )
    .at(user.origin())
    .hint(format!("copy the chart's list into a values file and change the entry there, or set the whole list with `{path}={{...}}`"))
}

fn type_clash(path: &Path, user: &Node, chart: &Node) -> Diagnostic {
    Diagnostic::warning(
        "type-clash",
        format!(
            "`{path}` is a {} here but a {} in the chart defaults; Helm keeps this {} and only logs a warning",
            user.value.type_name(),
            chart.value.type_name(),
            user.value.type_name()
        ),
    )
    .at(user.origin())
    .hint(format!(
        "give `{path}` the chart's shape ({}), or check the chart really expects a {}",
        chart.value.type_name(),
        user.value.type_name()
    ))
}
