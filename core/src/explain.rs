//! `explain PATH`: the winner at a path and the whole chain it shadowed, in words.

use crate::emit::yaml_scalar_inline;
use crate::node::{Node, ShadowReason, Value};
use crate::path::{Path, Segment};
use crate::resolve::{LayerKind, Resolved};
use crate::source::{Sources, Span};
use std::fmt::Write as _;

/// The explanation as text, and whether the path was found (set or deleted).
pub fn explain(resolved: &Resolved, sources: &Sources, path: &Path) -> (String, bool) {
    let mut out = String::new();
    if let Some(node) = path.lookup(&resolved.root) {
        let _ = writeln!(out, "{path} = {}", short(&node.value));
        let _ = writeln!(out, "  set at {} ({})", sources.position(node.origin()), layer_label(resolved, sources, node.origin()));
        if let Value::Map(_) | Value::List(_) = node.value {
            let contributors = contributing_layers(resolved, sources, node);
            if contributors.len() > 1 {
                let _ = writeln!(out, "  entries from: {}", contributors.join(", "));
            }
        }
        write_chain(&mut out, resolved, sources, node);
        write_related_warnings(&mut out, resolved, sources, node);
        return (out, true);
    }
    let deletions: Vec<_> = resolved.deletions.iter().filter(|d| d.path == *path || d.path.is_prefix_of(path)).collect();
    if let Some(deletion) = deletions.first() {
        let _ = writeln!(out, "{path} is not in the values: deleted");
        if deletion.path != *path {
            let _ = writeln!(out, "  its parent `{}` was deleted", deletion.path);
        }
        match &deletion.by {
            Some(null) => {
                let _ = writeln!(
                    out,
                    "  deleted by `null` at {} ({}): a null in user values deletes the chart default",
                    sources.position(null.origin()),
                    layer_label(resolved, sources, null.origin())
                );
                let _ = writeln!(out, "  chart default was {} at {}", short(&deletion.old.value), sources.position(deletion.old.origin()));
            }
            None => {
                let _ = writeln!(
                    out,
                    "  dropped: the chart default at {} is null, and Helm 4 removes null chart defaults",
                    sources.position(deletion.old.origin())
                );
            }
        }
        return (out, true);
    }
    let _ = writeln!(out, "{path} is not set by any layer");
    if let Some(suggestion) = did_you_mean(resolved, path) {
        let _ = writeln!(out, "  hint: did you mean `{suggestion}`?");
    }
    (out, false)
}

fn short(value: &Value) -> String {
    let text = yaml_scalar_inline(value);
    if text.chars().count() > 72 {
        let cut: String = text.chars().take(69).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn layer_label(resolved: &Resolved, sources: &Sources, span: Span) -> String {
    resolved.layer_of(span).map_or_else(|| sources.name(span.source).to_string(), |layer| layer.label(sources))
}

fn write_chain(out: &mut String, resolved: &Resolved, sources: &Sources, node: &Node) {
    if node.history.is_empty() {
        return;
    }
    let _ = writeln!(out, "  shadowed, newest first:");
    // The chain oldest first is history then the winner; each entry lost to the next one.
    let mut chain: Vec<&Node> = node.history.iter().map(|s| s.old.as_ref()).collect();
    chain.push(node);
    for (i, shadow) in node.history.iter().enumerate().rev() {
        let old = &shadow.old;
        let next = chain[i + 1];
        let _ = writeln!(
            out,
            "    {} at {} ({})",
            short(&old.value),
            sources.position(old.origin()),
            layer_label(resolved, sources, old.origin())
        );
        let _ = writeln!(out, "      {}", reason(resolved, sources, old, next, &shadow.reason));
    }
}

/// Why `old` lost to `new`, in words.
fn reason(resolved: &Resolved, sources: &Sources, old: &Node, new: &Node, why: &ShadowReason) -> String {
    let old_layer = resolved.layer_of(old.origin());
    let new_layer = resolved.layer_of(new.origin());
    let new_name = sources.name(new.origin().source);
    let old_name = sources.name(old.origin().source);
    match why {
        ShadowReason::DuplicateKey => format!("a later duplicate key in {new_name} replaced it (the last one wins)"),
        ShadowReason::MergeKeyOverridden => "an explicit key beats the value from the `<<` merge key".to_string(),
        ShadowReason::DeletedByNull => "null deletes the chart default".to_string(),
        ShadowReason::TypeClash => format!(
            "the {} from {new_name} replaced the chart's {} (a type clash Helm only logs)",
            new.value.type_name(),
            old.value.type_name()
        ),
        ShadowReason::ListReplaced { dropped } => {
            let base = format!("the list from {new_name} replaced the list from {old_name} (Helm never merges lists)");
            if *dropped > 0 {
                format!("{base}: {dropped} {} dropped", if *dropped == 1 { "entry" } else { "entries" })
            } else {
                base
            }
        }
        ShadowReason::Replaced => match (old_layer.map(|l| l.kind), new_layer.map(|l| l.kind)) {
            (Some(LayerKind::ChartDefaults), _) => "user values beat chart defaults".to_string(),
            (Some(LayerKind::ValuesFile), Some(LayerKind::ValuesFile)) if old.origin().source == new.origin().source => {
                format!("a later document of {new_name} replaced it")
            }
            (Some(LayerKind::ValuesFile), Some(LayerKind::ValuesFile)) => {
                format!("-f files apply in order: {new_name} comes after {old_name}")
            }
            (Some(LayerKind::ValuesFile), Some(LayerKind::Set(kind))) => format!("`{}` runs after the -f files", kind.flag()),
            (Some(LayerKind::Set(a)), Some(LayerKind::Set(b))) if a == b => format!("a later `{}` argument wins", b.flag()),
            (Some(LayerKind::Set(a)), Some(LayerKind::Set(b))) => format!("`{}` runs after `{}`", b.flag(), a.flag()),
            _ => "replaced by a later layer".to_string(),
        },
    }
}

/// Layers that set any node under `node`, in stack order.
fn contributing_layers(resolved: &Resolved, sources: &Sources, node: &Node) -> Vec<String> {
    let mut seen = vec![false; resolved.layers.len()];
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if let Some(i) = resolved.layers.iter().position(|l| l.source == n.origin().source) {
            seen[i] = true;
        }
        match &n.value {
            Value::Map(map) => stack.extend(map.values()),
            Value::List(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    resolved.layers.iter().zip(seen).filter(|(_, s)| *s).map(|(l, _)| l.label(sources)).collect()
}

fn write_related_warnings(out: &mut String, resolved: &Resolved, sources: &Sources, node: &Node) {
    let spans: Vec<Span> = std::iter::once(node).chain(node.history.iter().map(|s| s.old.as_ref())).flat_map(|n| [n.span, n.origin()]).collect();
    let related: Vec<_> = resolved.warnings.iter().filter(|w| w.span.is_some_and(|s| spans.contains(&s))).collect();
    if related.is_empty() {
        return;
    }
    let _ = writeln!(out, "  warnings:");
    for warning in related {
        let _ = writeln!(out, "    {}", warning.render(sources).trim_end().replace('\n', "\n    "));
    }
}

/// The closest existing key to the first segment that does not exist.
fn did_you_mean(resolved: &Resolved, path: &Path) -> Option<String> {
    let mut node = &resolved.root;
    let mut prefix = Path::root();
    for segment in &path.0 {
        match (segment, &node.value) {
            (Segment::Key(key), Value::Map(map)) => match map.get(key) {
                Some(child) => node = child,
                None => {
                    let best = map
                        .keys()
                        .map(|k| (edit_distance(&k.to_lowercase(), &key.to_lowercase()), k))
                        .filter(|(d, k)| *d <= (k.chars().count().max(key.chars().count()) / 3).max(1))
                        .min()?;
                    return Some(prefix.child(Segment::Key(best.1.clone())).to_string());
                }
            },
            (Segment::Index(i), Value::List(items)) => node = items.get(*i)?,
            _ => return None,
        }
        prefix.0.push(segment.clone());
    }
    None
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (prev + cost).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}
