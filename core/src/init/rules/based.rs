//! Seed 001's layout: `P/base/values.yaml` shared by every environment, then
//! `P/<env>/values.yaml`; each `P/<env>/values-<variant>.yaml` is one more
//! environment on top of `<env>` (`production/values-dr.yaml` → `production-dr`).

use super::{app_name, directories, Scan};
use crate::init::plan::{Found, Group};
use crate::init::tree::{file_name, parent};

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    for dir in directories(scan.tree) {
        let Some(parent_dir) = dir.strip_suffix("/base").or((dir == "base").then_some("")) else { continue };
        let base = join(&dir, "values.yaml");
        if !scan.tree.has(&base) || scan.is_claimed(&base) {
            continue;
        }
        let mut environments = Vec::new();
        for env_dir in directories(scan.tree) {
            if parent(&env_dir) != parent_dir || env_dir == dir || env_dir.is_empty() {
                continue;
            }
            environments.extend(environment_dir(scan, &base, &env_dir));
        }
        if environments.is_empty() {
            continue;
        }
        scan.claim(&base);
        for other in scan.tree.paths.clone() {
            if parent(&other) == dir && other != base {
                scan.note(left_out(&other));
            }
        }
        groups.push(Group {
            name: app_name(parent_dir),
            layout: format!("`{}` + `{}`", display(&dir, "/"), display(parent_dir, "/<env>/values.yaml")),
            chart: None,
            environments,
        });
    }
    groups
}

/// The environments one directory beside `base/` holds.
fn environment_dir(scan: &mut Scan, base: &str, dir: &str) -> Vec<Found> {
    let name = file_name(dir).to_string();
    let main = join(dir, "values.yaml");
    let has_main = scan.tree.has(&main) && !scan.tree.is_manifest(&main);
    let mut found = Vec::new();
    let mut variants = Vec::new();
    for path in scan.tree.paths.clone() {
        if parent(&path) != dir {
            continue;
        }
        let file = file_name(&path);
        let variant = file
            .strip_prefix("values-")
            .and_then(|rest| rest.strip_suffix(".yaml").or_else(|| rest.strip_suffix(".yml")));
        match variant {
            Some(variant) if !scan.tree.is_manifest(&path) => variants.push((variant.to_string(), path.clone())),
            _ if path == main && has_main => {}
            _ => scan.note(left_out(&path)),
        }
    }
    if !has_main && variants.is_empty() {
        return found;
    }
    let mut layers = vec![base.to_string()];
    if has_main {
        scan.claim(&main);
        layers.push(main.clone());
        found.push(Found::new(&name, layers.clone(), format!("`{dir}/` holds values.yaml, over `{base}`")));
    }
    for (variant, path) in variants {
        scan.claim(&path);
        let mut files = layers.clone();
        files.push(path.clone());
        let over = if has_main { format!("over `{main}`") } else { format!("over `{base}`") };
        found.push(Found::new(
            format!("{name}-{variant}"),
            files,
            format!("`{path}` is a variant of `{name}`, {over}"),
        ));
    }
    found
}

fn left_out(path: &str) -> String {
    let name = file_name(path);
    let why = if name.starts_with("kustomization.") {
        "a kustomize file, not Helm values"
    } else if name.contains("secret") {
        "secrets (typically encrypted): list their names under the environment's `secrets`"
    } else {
        "not a `values.yaml` or `values-<variant>.yaml` file"
    };
    format!("left out `{path}`: {why}")
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn display(dir: &str, tail: &str) -> String {
    if dir.is_empty() {
        tail.trim_start_matches('/').to_string()
    } else {
        format!("{dir}{tail}")
    }
}
