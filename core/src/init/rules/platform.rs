//! Seed 002's layout: `config/environments.yaml` names the environments with
//! their description, tier and region; `config/services/<service>/<env>.yaml`
//! holds each service's values per environment (each service a top-level key, so
//! the services' files layer like an umbrella chart's values). A `config/<env>.yaml`
//! in the `extends:`/`overrides:` form (seed 002's inheritance, not Helm) becomes the
//! environment's first layer, an `inherit` layer naming the files its chain reads.

use super::parents::parents;
use super::Scan;
use crate::init::plan::{Found, Group, Inherited};
use crate::init::tree::{file_name, parent, str_of, yaml_stem};
use crate::node::Map;

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    let descriptors: Vec<String> =
        scan.tree.paths.iter().filter(|p| file_name(p) == "environments.yaml").cloned().collect();
    for path in descriptors {
        let Some(root) = scan.tree.yaml(&path) else { continue };
        let Some(envs) = root.value.as_map().and_then(|m| m.get("environments")).and_then(|n| n.value.as_map()) else {
            continue;
        };
        let described = |env: &Map| ["description", "tier", "region"].iter().any(|k| env.contains_key(k));
        if !envs.values().any(|env| env.value.as_map().is_some_and(described)) {
            continue;
        }
        let dir = parent(&path).to_string();
        scan.claim(&path);
        let services = services(scan, &dir);
        let mut environments = Vec::new();
        for (name, env) in envs {
            let env = env.value.as_map();
            let text = |key: &str| env.and_then(|m| m.get(key)).and_then(str_of).map(str::to_string);
            let mut files = Vec::new();
            let mut inherit = None;
            let own = in_dir(&dir, &format!("{name}.yaml"));
            if scan.tree.has(&own) {
                if !scan.tree.uses_extends(&own) {
                    files.push(own);
                } else if let Some(from) = parents(scan, &own, &TABLES) {
                    inherit = Some(Inherited { file: own, from });
                } else {
                    scan.note(format!(
                        "left out `{own}`: it uses `extends:`/`overrides:`, but no file beside it defines the parent it names; layer it with `- inherit: {{file: {own}, from: [...]}}`"
                    ));
                }
            }
            for service in &services {
                let file = in_dir(&dir, &format!("services/{service}/{name}.yaml"));
                if scan.tree.has(&file) {
                    files.push(file);
                }
            }
            let inherited = inherit.iter().flat_map(|i: &Inherited| std::iter::once(&i.file).chain(&i.from));
            for file in files.iter().chain(inherited) {
                scan.claim(file);
            }
            let why = match (files.len(), &inherit) {
                (0, None) => format!("`{path}` names it; no values files found for it"),
                (0, Some(_)) => format!("`{path}` names it; its `{name}.yaml` extends a base"),
                (_, None) => format!("`{path}` names it; one file per service under `{}`", in_dir(&dir, "services/")),
                (_, Some(_)) => format!(
                    "`{path}` names it; its `{name}.yaml` extends a base, then one file per service under `{}`",
                    in_dir(&dir, "services/")
                ),
            };
            let mut found = Found::new(name.clone(), files, why);
            found.inherit = inherit;
            found.description = text("description");
            found.tier = text("tier");
            found.region = text("region");
            environments.push(found);
        }
        for other in ["base.yaml", "feature-flags.yaml", "tenants.yaml"] {
            let other = in_dir(&dir, other);
            if scan.tree.has(&other) && !scan.is_claimed(&other) {
                let why = if scan.tree.uses_extends(&other) || other.ends_with("base.yaml") {
                    "the parent of seed 002's `extends:` files, not a Helm layer"
                } else {
                    "not a values layer (a table by environment)"
                };
                scan.note(format!("left out `{other}`: {why}"));
            }
        }
        // Environments with no values at all still appear, so the file lists them all.
        groups.push(Group {
            name: super::app_name(&dir),
            layout: "`config/environments.yaml` + `config/services/<service>/<env>.yaml` (seed 002)".to_string(),
            chart: None,
            environments,
        });
    }
    groups
}

/// The services: directories under `DIR/services/` that hold YAML files, sorted.
/// Files beside `environments.yaml` that are tables by environment, never parents.
const TABLES: [&str; 3] = ["environments.yaml", "feature-flags.yaml", "tenants.yaml"];

fn services(scan: &Scan, dir: &str) -> Vec<String> {
    let prefix = in_dir(dir, "services/");
    let mut found: Vec<String> = scan
        .tree
        .paths
        .iter()
        .filter_map(|p| p.strip_prefix(&prefix))
        .filter(|rest| rest.matches('/').count() == 1 && yaml_stem(rest).is_some())
        .filter_map(|rest| rest.split_once('/').map(|(service, _)| service.to_string()))
        .collect();
    found.sort();
    found.dedup();
    found
}

fn in_dir(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}
