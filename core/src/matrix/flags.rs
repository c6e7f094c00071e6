//! The feature-flag view: which boolean subtree to show.
//!
//! `--flags PATH` names it. A bare `--flags` looks for it: a top-level map with a flag
//! name (`features`, `feature_flags`, `featureFlags`, `flags`, ...) holding booleans;
//! else the top-level map with the largest share of boolean leaves, if at least three
//! quarters of its leaves (and two or more) are booleans; else the whole values, whose
//! boolean leaves (`autoscaling.enabled`, `vault.enabled`) are seed 004's feature list.

use super::leaves::{leaves, Walk};
use super::model::Env;
use crate::diag::Diagnostic;
use crate::node::Value;
use crate::path::Path;
use crate::text::closest;
use crate::workspace::Workspace;
use indexmap::IndexMap;

/// Top-level keys that name a feature-flag map, best first.
const FLAG_NAMES: [&str; 8] =
    ["features", "feature_flags", "featureFlags", "feature-flags", "flags", "featureToggles", "toggles", "feature"];

/// The subtree of the view, as a path (`""` for all values).
pub fn choose(given: Option<&str>, workspace: &Workspace, envs: &[Env]) -> Result<String, Diagnostic> {
    match given {
        Some(text) => given_path(text, envs),
        None => Ok(detect(workspace, envs)),
    }
}

fn given_path(text: &str, envs: &[Env]) -> Result<String, Diagnostic> {
    let path = Path::parse(text).map_err(|reason| {
        Diagnostic::error("usage", format!("cannot read the path `{text}`: {reason}"))
            .hint("write it like `--flags features` or `--flags api.features`")
    })?;
    if envs.iter().any(|(_, resolved)| path.lookup(&resolved.root).is_some()) {
        return Ok(path.to_string());
    }
    let keys = top_keys(envs);
    let error = Diagnostic::error("matrix-no-flags", format!("no environment has a value at `{text}`"));
    Err(match closest(text, keys.iter().map(|(k, _)| k.as_str())) {
        Some(best) => error.hint(format!("did you mean `--flags {best}`?")),
        None => {
            error.hint("give the path of a map of booleans, like `--flags features`, or `--flags` alone to find one")
        }
    })
}

fn detect(workspace: &Workspace, envs: &[Env]) -> String {
    let names: Vec<String> = workspace.environments.iter().map(|e| e.name.clone()).collect();
    let mut best: Option<(String, usize, usize)> = None;
    for (key, is_map) in top_keys(envs) {
        if !is_map {
            continue;
        }
        // Distinct paths below the key, and whether each is a boolean in some environment.
        let mut paths: IndexMap<String, bool> = IndexMap::new();
        for (env, resolved) in envs {
            let Some(node) = resolved.root.value.as_map().and_then(|m| m.get(&key)) else { continue };
            let walk = Walk { rules: &workspace.secrets, env_keyed: Some((names.as_slice(), env)), sites: None };
            let mut found = Vec::new();
            leaves(node, "", walk, &mut found);
            for leaf in found {
                *paths.entry(leaf.path).or_default() |= matches!(leaf.node.value, Value::Bool(_));
            }
        }
        let total = paths.len();
        let booleans = paths.values().filter(|b| **b).count();
        if booleans > 0 && FLAG_NAMES.contains(&key.as_str()) {
            return Path(vec![crate::path::Segment::Key(key)]).to_string();
        }
        let better = match &best {
            None => true,
            Some((_, b, t)) => booleans * t > b * total || (booleans * t == b * total && booleans > *b),
        };
        if booleans >= 2 && booleans * 4 >= total * 3 && better {
            best = Some((key, booleans, total));
        }
    }
    best.map(|(key, _, _)| Path(vec![crate::path::Segment::Key(key)]).to_string()).unwrap_or_default()
}

/// Top-level keys of every environment in order of first appearance, and whether any holds a map.
fn top_keys(envs: &[Env]) -> Vec<(String, bool)> {
    let mut keys: IndexMap<String, bool> = IndexMap::new();
    for (_, resolved) in envs {
        let Some(map) = resolved.root.value.as_map() else { continue };
        for (key, node) in map {
            *keys.entry(key.clone()).or_default() |= matches!(node.value, Value::Map(_));
        }
    }
    keys.into_iter().collect()
}
