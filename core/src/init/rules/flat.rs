//! Seed 004's layout: the chart's `values.yaml` plus one `values-<env>.yaml` per
//! environment, beside it or one directory up (`helm_deploy/values-prod.yaml` over
//! `helm_deploy/<chart>/values.yaml`). Prefixed files form their own application:
//! `tempo-values-<env>.yaml` over `tempo-values.yaml` (a values file, not a chart's
//! defaults).

use super::{app_name, directories, Scan};
use crate::init::names;
use crate::init::plan::{Found, Group};
use crate::init::tree::{file_name, parent, yaml_stem};

/// Words after `values-` that name no environment.
const NOT_ENVIRONMENTS: &[&str] =
    &["schema", "example", "examples", "sample", "template", "secret", "secrets", "override", "overrides", "dist"];

/// The files of one set share a prefix and a separator: (`tempo`, `-`).
type SetKey = (String, char);

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    for dir in directories(scan.tree) {
        // (prefix, separator) → [(env, path)], in path order.
        let mut sets: Vec<(SetKey, Vec<(String, String)>)> = Vec::new();
        for path in &scan.tree.paths {
            if parent(path) != dir || scan.is_claimed(path) {
                continue;
            }
            let Some((prefix, sep, env)) = yaml_stem(path).and_then(split) else { continue };
            if scan.tree.is_manifest(path) {
                continue;
            }
            let key = (prefix, sep);
            match sets.iter_mut().find(|(k, _)| *k == key) {
                Some((_, envs)) => envs.push((env, path.clone())),
                None => sets.push((key, vec![(env, path.clone())])),
            }
        }
        for ((prefix, sep), envs) in sets {
            if !envs.iter().any(|(env, _)| names::is_environment(env)) {
                continue;
            }
            // `values-eu.yaml` beside `values-prod.yaml` overlays environments; it is not one.
            let (regions, envs): (Vec<_>, Vec<_>) = envs.into_iter().partition(|(env, _)| names::is_region_only(env));
            for (_, path) in regions {
                scan.note(format!(
                    "left out `{path}`: it names a region, not an environment; add it to the layers of the environments it applies to"
                ));
            }
            groups.push(group(scan, &dir, &prefix, sep, envs));
        }
    }
    groups
}

/// `values-prod` → ("", '-', "prod"); `tempo-values-prod` → ("tempo", '-', "prod");
/// `values.prod` → ("", '.', "prod").
pub fn split(stem: &str) -> Option<(String, char, String)> {
    for sep in ['-', '.', '_'] {
        let marker = format!("values{sep}");
        let found =
            if stem.starts_with(&marker) { Some(0) } else { stem.find(&format!("{sep}{marker}")).map(|i| i + 1) };
        let Some(at) = found else { continue };
        let prefix = stem[..at].trim_end_matches(sep).to_string();
        let env = &stem[at + marker.len()..];
        if env.is_empty() || NOT_ENVIRONMENTS.contains(&env) || prefix.contains("secret") {
            return None;
        }
        return Some((prefix, sep, env.to_string()));
    }
    None
}

fn group(scan: &mut Scan, dir: &str, prefix: &str, sep: char, envs: Vec<(String, String)>) -> Group {
    let join = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
    let (chart, base, layout) = if prefix.is_empty() {
        let chart = Some(join("values.yaml")).filter(|p| scan.tree.has(p)).or_else(|| child_chart(scan, dir));
        (chart, None, "the chart's `values.yaml` + `values-<env>.yaml`".to_string())
    } else {
        let base = Some(join(&format!("{prefix}{sep}values.yaml"))).filter(|p| scan.tree.has(p));
        (None, base, format!("`<name>{sep}values.yaml` + `<name>{sep}values{sep}<env>.yaml`"))
    };
    for path in chart.iter().chain(&base) {
        scan.claim(path);
    }
    let mut environments = Vec::new();
    for (env, path) in envs {
        scan.claim(&path);
        let mut files: Vec<String> = base.iter().cloned().collect();
        files.push(path.clone());
        let why = match (&chart, &base) {
            (Some(chart), _) => format!("`{path}` names the environment, over the chart's `{chart}`"),
            (None, Some(base)) => format!("`{path}` names the environment, over `{base}`"),
            (None, None) => format!("`{path}` names the environment (no shared values file found)"),
        };
        environments.push(Found::new(env, files, why));
    }
    let name = if prefix.is_empty() { app_name(dir) } else { prefix.to_string() };
    Group { name, layout, chart, environments }
}

/// The one `<child>/values.yaml` below `dir`, as `helm_deploy/<chart>/values.yaml`.
fn child_chart(scan: &Scan, dir: &str) -> Option<String> {
    let children: Vec<&String> = scan
        .tree
        .paths
        .iter()
        .filter(|p| file_name(p) == "values.yaml" && !scan.is_claimed(p))
        .filter(|p| {
            let chart_dir = parent(p);
            !chart_dir.is_empty() && parent(chart_dir) == dir && chart_dir != dir
        })
        .collect();
    match children.as_slice() {
        [only] => Some((*only).clone()),
        _ => None,
    }
}
