//! `explain PATH`: the winner at a path and the whole chain it shadowed, in words.

use crate::emit::{json_string, yaml_scalar_inline};
use crate::node::{Node, ShadowReason, Text, Value};
use crate::path::{Path, Segment};
pub use crate::resolve::Place;
use crate::resolve::{LayerKind, Resolved};
use crate::source::{Sources, Span};
use crate::workspace::SecretRules;
use std::fmt::Write as _;

/// One value the winner shadowed, with why it lost to the value after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shadowed {
    pub value: Value,
    pub at: Place,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    Set {
        value: Value,
        at: Place,
        contributors: Vec<String>,
        shadowed: Vec<Shadowed>,
        warnings: Vec<String>,
    },
    /// `by` is the user null that deleted the chart default `old`; `replaced` is what that
    /// null had itself replaced in earlier user layers, newest first.
    Deleted {
        parent: Option<String>,
        by: Option<Place>,
        replaced: Vec<Shadowed>,
        old: Value,
        old_at: Place,
    },
    Missing {
        suggestion: Option<String>,
    },
}

/// What `explain` found at a path.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub path: String,
    pub finding: Finding,
}

impl Explanation {
    pub fn found(&self) -> bool {
        !matches!(self.finding, Finding::Missing { .. })
    }
}

fn place(resolved: &Resolved, sources: &Sources, span: Span) -> Place {
    Place::new(sources, span, layer_label(resolved, sources, span))
}

/// Explain one path of a resolution.
/// With `secrets`, values at secret keys (and secret leaves inside maps) are masked.
pub fn explain(resolved: &Resolved, sources: &Sources, path: &Path, secrets: Option<&SecretRules>) -> Explanation {
    let text = path.to_string();
    let shown = |node: &Node| -> Value {
        match secrets {
            Some(rules) => crate::mask::masked(node, &text, rules).value,
            None => node.value.clone(),
        }
    };
    let finding = if let Some(node) = path.lookup(&resolved.root) {
        let contributors = match node.value {
            Value::Map(_) | Value::List(_) => contributing_layers(resolved, sources, node),
            _ => Vec::new(),
        };
        Finding::Set {
            value: shown(node),
            at: place(resolved, sources, node.origin()),
            contributors,
            shadowed: chain(resolved, sources, node, &shown),
            warnings: related_warnings(resolved, sources, node),
        }
    } else if let Some(deletion) = resolved.deletions.iter().find(|d| d.path == *path || d.path.is_prefix_of(path)) {
        Finding::Deleted {
            parent: (deletion.path != *path).then(|| deletion.path.to_string()),
            by: deletion.by.as_ref().map(|null| place(resolved, sources, null.origin())),
            replaced: deletion.by.as_ref().map(|null| chain(resolved, sources, null, &shown)).unwrap_or_default(),
            old: shown(&deletion.old),
            old_at: place(resolved, sources, deletion.old.origin()),
        }
    } else {
        Finding::Missing { suggestion: did_you_mean(resolved, path) }
    };
    Explanation { path: path.to_string(), finding }
}

/// The explanation in words.
pub fn to_text(explanation: &Explanation) -> String {
    let mut out = String::new();
    let path = &explanation.path;
    let show = show_place;
    match &explanation.finding {
        Finding::Set { value, at, contributors, shadowed, warnings } => {
            let _ = writeln!(out, "{path} = {}", short(value));
            let _ = writeln!(out, "  set at {}", show(at));
            if contributors.len() > 1 {
                let _ = writeln!(out, "  entries from: {}", contributors.join(", "));
            }
            write_shadowed_text(&mut out, "shadowed, newest first:", shadowed);
            if !warnings.is_empty() {
                let _ = writeln!(out, "  warnings:");
                for warning in warnings {
                    let _ = writeln!(out, "    {}", warning.trim_end().replace('\n', "\n    "));
                }
            }
        }
        Finding::Deleted { parent, by, replaced, old, old_at } => {
            let _ = writeln!(out, "{path} is not in the values: deleted");
            if let Some(parent) = parent {
                let _ = writeln!(out, "  its parent `{parent}` was deleted");
            }
            match by {
                Some(by) => {
                    let _ = writeln!(
                        out,
                        "  deleted by `null` at {}: a null in user values deletes the chart default",
                        show(by)
                    );
                    let _ = writeln!(out, "  chart default was {} at {}", short(old), show(old_at));
                    write_shadowed_text(&mut out, "the null had replaced, newest first:", replaced);
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  dropped: the chart default at {} is null, and Helm 4 removes null chart defaults",
                        show(old_at)
                    );
                }
            }
        }
        Finding::Missing { suggestion } => {
            let _ = writeln!(out, "{path} is not set by any layer");
            if let Some(suggestion) = suggestion {
                let _ = writeln!(out, "  hint: did you mean `{suggestion}`?");
            }
        }
    }
    out
}

/// The explanation as one JSON object.
pub fn to_json(explanation: &Explanation) -> String {
    let mut out = String::from("{\n  \"path\": ");
    json_string(&mut out, &explanation.path);
    let place_json = write_place_json;
    let value_json = crate::emit::to_json_compact;
    match &explanation.finding {
        Finding::Set { value, at, contributors, shadowed, warnings } => {
            let _ = write!(out, ",\n  \"state\": \"set\",\n  \"value\": {},\n  \"set_at\": ", value_json(value));
            place_json(&mut out, at);
            out.push_str(",\n  \"contributors\": [");
            for (i, c) in contributors.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_string(&mut out, c);
            }
            out.push_str("],\n  \"shadowed\": ");
            write_shadowed_json(&mut out, shadowed);
            out.push_str(",\n  \"warnings\": [");
            for (i, w) in warnings.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                json_string(&mut out, w.trim_end());
            }
            out.push(']');
        }
        Finding::Deleted { parent, by, replaced, old, old_at } => {
            out.push_str(",\n  \"state\": \"deleted\",\n  \"deleted_parent\": ");
            match parent {
                Some(parent) => json_string(&mut out, parent),
                None => out.push_str("null"),
            }
            out.push_str(",\n  \"deleted_by\": ");
            match by {
                Some(by) => place_json(&mut out, by),
                None => out.push_str("null"),
            }
            let _ = write!(out, ",\n  \"old_value\": {},\n  \"old_at\": ", value_json(old));
            place_json(&mut out, old_at);
            out.push_str(",\n  \"null_replaced\": ");
            write_shadowed_json(&mut out, replaced);
        }
        Finding::Missing { suggestion } => {
            out.push_str(",\n  \"state\": \"missing\",\n  \"suggestion\": ");
            match suggestion {
                Some(s) => json_string(&mut out, s),
                None => out.push_str("null"),
            }
        }
    }
    out.push_str("\n}\n");
    out
}

fn show_place(p: &Place) -> String {
    format!("{}:{}:{} ({})", p.file, p.line, p.column, p.layer)
}

fn write_shadowed_text(out: &mut String, title: &str, entries: &[Shadowed]) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "  {title}");
    for entry in entries {
        let _ = writeln!(out, "    {} at {}", short(&entry.value), show_place(&entry.at));
        let _ = writeln!(out, "      {}", entry.reason);
    }
}

fn write_place_json(out: &mut String, p: &Place) {
    out.push_str("{\"file\": ");
    json_string(out, &p.file);
    let _ = write!(out, ", \"line\": {}, \"column\": {}, \"layer\": ", p.line, p.column);
    json_string(out, &p.layer);
    out.push('}');
}

fn write_shadowed_json(out: &mut String, entries: &[Shadowed]) {
    out.push('[');
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {\"value\": " } else { ",\n    {\"value\": " });
        out.push_str(&crate::emit::to_json_compact(&entry.value));
        out.push_str(", \"at\": ");
        write_place_json(out, &entry.at);
        out.push_str(", \"reason\": ");
        json_string(out, &entry.reason);
        out.push('}');
    }
    out.push_str(if entries.is_empty() { "]" } else { "\n  ]" });
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

fn chain(resolved: &Resolved, sources: &Sources, node: &Node, shown: &dyn Fn(&Node) -> Value) -> Vec<Shadowed> {
    // The chain oldest first is the history then the winner; each entry lost to the next one.
    let mut chain: Vec<&Node> = node.history.iter().map(|s| s.old.as_ref()).collect();
    chain.push(node);
    node.history
        .iter()
        .enumerate()
        .rev()
        .map(|(i, shadow)| Shadowed {
            value: shown(&shadow.old),
            at: place(resolved, sources, shadow.old.origin()),
            reason: reason(resolved, sources, &shadow.old, chain[i + 1], &shadow.reason),
        })
        .collect()
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
            (Some(LayerKind::ValuesFile), Some(LayerKind::ValuesFile))
                if old.origin().source == new.origin().source =>
            {
                format!("a later document of {new_name} replaced it")
            }
            (Some(LayerKind::ValuesFile), Some(LayerKind::ValuesFile)) => {
                format!("-f files apply in order: {new_name} comes after {old_name}")
            }
            (Some(LayerKind::Inherited), Some(LayerKind::Inherited)) => {
                format!("{new_name} overrides {old_name} through `extends:`")
            }
            (Some(LayerKind::ValuesFile | LayerKind::Inline | LayerKind::Inherited), Some(LayerKind::Set(kind))) => {
                format!("`{}` runs after the values files", kind.flag())
            }
            (Some(LayerKind::Set(a)), Some(LayerKind::Set(b))) if a == b => {
                format!("a later `{}` argument wins", b.flag())
            }
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

fn related_warnings(resolved: &Resolved, sources: &Sources, node: &Node) -> Vec<String> {
    let spans: Vec<Span> = std::iter::once(node)
        .chain(node.history.iter().map(|s| s.old.as_ref()))
        .flat_map(|n| [n.span, n.origin()])
        .collect();
    resolved.warnings.iter().filter(|w| w.span.is_some_and(|s| spans.contains(&s))).map(|w| w.render(sources)).collect()
}

/// The closest existing key to the first segment that does not exist.
fn did_you_mean(resolved: &Resolved, path: &Path) -> Option<String> {
    let mut node = &resolved.root;
    let mut prefix = Path::root();
    for segment in &path.0 {
        match (segment, &node.value) {
            (Segment::Key(key), Value::Map(map)) => match map.get(key.as_str()) {
                Some(child) => node = child,
                None => {
                    let best = crate::text::closest(key, map.keys().map(Text::as_str))?;
                    return Some(prefix.child(Segment::Key(best.into())).to_string());
                }
            },
            (Segment::Index(i), Value::List(items)) => node = items.get(*i)?,
            _ => return None,
        }
        prefix.0.push(segment.clone());
    }
    None
}
