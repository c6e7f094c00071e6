//! The feature-flag view: which boolean subtree to show.
//!
//! `--flags PATH` names it. A bare `--flags` looks for it: a top-level map with a flag
//! name (`features`, `feature_flags`, `featureFlags`, `flags`, ...) holding booleans;
//! else the top-level map with the largest share of boolean leaves, if at least three
//! quarters of its leaves (and two or more) are booleans; else the whole values, whose
//! boolean leaves (`autoscaling.enabled`, `vault.enabled`) are seed 004's feature list.

use super::leaves::{each_leaf, Walk};
use super::model::Columns;
use crate::diag::Diagnostic;
use crate::node::Value;
use crate::path::Path;
use crate::text::closest;
use crate::workspace::Workspace;
use indexmap::IndexMap;

/// Top-level keys that name a feature-flag map, best first.
const FLAG_NAMES: [&str; 8] =
    ["features", "feature_flags", "featureFlags", "feature-flags", "flags", "featureToggles", "toggles", "feature"];

/// The subtree of the view, as a path (`""` for all values). Resolves every environment once.
pub fn choose(given: Option<&str>, workspace: &Workspace, columns: &mut dyn Columns) -> Result<String, Diagnostic> {
    // Every environment is resolved even when the path cannot be read: errors resolving
    // them come first.
    let given = given.map(|text| (text, Path::parse(text)));
    let names: Vec<String> = workspace.environments.iter().map(|e| e.name.clone()).collect();
    let columns_names = columns.names();
    let mut found = false;
    // Top-level keys in order of first appearance, whether any holds a map, and (to detect)
    // the distinct paths below each and whether each is a boolean in some environment.
    let mut keys: IndexMap<String, (bool, IndexMap<String, bool>)> = IndexMap::new();
    columns.each(&mut |column, resolved| {
        if let Some((_, Ok(path))) = &given {
            found |= path.lookup(&resolved.root).is_some();
        }
        let Some(map) = resolved.root.value.as_map() else { return };
        for (key, node) in map {
            let (is_map, paths) = keys.entry(key.to_string()).or_default();
            *is_map |= matches!(node.value, Value::Map(_));
            if given.is_some() {
                continue;
            }
            let env = columns_names[column].as_str();
            let walk = Walk { rules: &workspace.secrets, env_keyed: Some((names.as_slice(), env)), sites: None };
            each_leaf(node, "", walk, &mut |path: &str, leaf: &crate::node::Node, _| {
                if let Some(known) = paths.get_mut(path) {
                    *known |= matches!(leaf.value, Value::Bool(_));
                } else {
                    paths.insert(path.to_string(), matches!(leaf.value, Value::Bool(_)));
                }
            });
        }
    });
    match given {
        Some((text, Err(reason))) => {
            Err(Diagnostic::error("usage", format!("cannot read the path `{text}`: {reason}"))
                .hint("write it like `--flags features` or `--flags api.features`"))
        }
        Some((_, Ok(path))) if found => Ok(path.to_string()),
        Some((text, Ok(_))) => {
            let error = Diagnostic::error("matrix-no-flags", format!("no environment has a value at `{text}`"));
            Err(match closest(text, keys.keys().map(String::as_str)) {
                Some(best) => error.hint(format!("did you mean `--flags {best}`?")),
                None => error.hint(
                    "give the path of a map of booleans, like `--flags features`, or `--flags` alone to find one",
                ),
            })
        }
        None => Ok(detect(keys)),
    }
}

fn detect(keys: IndexMap<String, (bool, IndexMap<String, bool>)>) -> String {
    let mut best: Option<(String, usize, usize)> = None;
    for (key, (is_map, paths)) in keys {
        if !is_map {
            continue;
        }
        let total = paths.len();
        let booleans = paths.values().filter(|b| **b).count();
        if booleans > 0 && FLAG_NAMES.contains(&key.as_str()) {
            return Path(vec![crate::path::Segment::Key(key.into())]).to_string();
        }
        let better = match &best {
            None => true,
            Some((_, b, t)) => booleans * t > b * total || (booleans * t == b * total && booleans > *b),
        };
        if booleans >= 2 && booleans * 4 >= total * 3 && better {
            best = Some((key, booleans, total));
        }
    }
    best.map(|(key, _, _)| Path(vec![crate::path::Segment::Key(key.into())]).to_string()).unwrap_or_default()
}
