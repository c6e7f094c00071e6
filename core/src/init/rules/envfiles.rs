//! A directory of files named after environments (`config/prod.yaml`,
//! `config/staging.yaml`, mybinder.org-deploy), optionally with a shared
//! `common.yaml` applied first (`deployments/<hub>/config/`, hubploy). Other files
//! there count as environments when most of their top-level keys are keys the
//! named environments set (mybinder's federation members), and are left out
//! otherwise (a values file for another release). `values-<env>.yaml` files
//! are the flat rule's.

use super::{app_name, directly_in, directories, may_hold_values, Scan, SHARED};
use crate::init::names::{self, Stage};
use crate::init::plan::{Found, Group};
use crate::init::tree::{file_name, yaml_stem};

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    for dir in directories(scan.tree) {
        let files: Vec<String> = scan
            .tree
            .paths
            .iter()
            .filter(|p| directly_in(&dir, p) && !scan.is_claimed(p))
            .filter(|p| yaml_stem(p).and_then(super::flat::split).is_none())
            .filter(|p| may_hold_values(p) && !scan.tree.is_manifest(p))
            .cloned()
            .collect();
        let stem = |p: &String| env_stem(p).to_string();
        let shared = files.iter().find(|p| SHARED.contains(&stem(p).as_str())).cloned();
        let named: Vec<&String> =
            files.iter().filter(|p| Some(*p) != shared.as_ref() && names::is_environment(&stem(p))).collect();
        let mut stages: Vec<Stage> = named.iter().filter_map(|p| names::classify(&stem(p)).stage).collect();
        stages.sort();
        stages.dedup();
        if named.is_empty() || (stages.len() < 2 && shared.is_none()) {
            continue;
        }
        let known_keys: Vec<String> = named.iter().flat_map(|p| scan.tree.top_keys(p)).collect();
        let mut environments = Vec::new();
        for path in &files {
            let name = stem(path);
            if Some(path) == shared.as_ref() {
                continue;
            }
            if scan.tree.uses_extends(path) {
                scan.note(format!(
                    "left out `{path}`: it uses `extends:`/`overrides:` (seed 002's inheritance, not Helm); resolve it with `strata render --inherit`"
                ));
                continue;
            }
            let is_named = names::is_environment(&name);
            if !is_named {
                let keys = scan.tree.top_keys(path);
                let shared_keys = keys.iter().filter(|k| known_keys.contains(k)).count();
                if name.contains("secret") || keys.is_empty() || shared_keys * 2 <= keys.len() {
                    scan.note(format!(
                        "left out `{path}`: its name is no environment's and its top-level keys are not the environments' (values for another release?)"
                    ));
                    continue;
                }
            }
            let mut layers: Vec<String> = shared.iter().cloned().collect();
            layers.push(path.clone());
            let why = match (&shared, is_named) {
                (Some(shared), true) => format!("`{path}` is named after the environment, over `{shared}`"),
                (None, true) => format!("`{path}` is named after the environment"),
                (Some(shared), false) => {
                    format!("`{path}` sets the same top-level keys as the named environments, over `{shared}`")
                }
                (None, false) => format!("`{path}` sets the same top-level keys as the named environments"),
            };
            environments.push(Found::new(name, layers, why));
        }
        if environments.is_empty() {
            continue;
        }
        for path in environments.iter().flat_map(|e| e.files.clone()).collect::<Vec<_>>() {
            scan.claim(&path);
        }
        let layout = match &shared {
            Some(shared) => format!("`<env>.yaml` files beside a shared `{}`", file_name(shared)),
            None => "a directory of `<env>.yaml` files".to_string(),
        };
        groups.push(Group { name: app_name(&dir), layout, chart: None, environments });
    }
    groups
}

/// A file's environment name: its stem without a `values` suffix
/// (`prod.values.yaml`, `prod-values.yaml` → `prod`).
fn env_stem(path: &str) -> &str {
    let stem = yaml_stem(path).unwrap_or(path);
    [".values", "-values", "_values"].iter().find_map(|suffix| stem.strip_suffix(suffix)).unwrap_or(stem)
}
