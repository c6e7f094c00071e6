//! helmfile's `environments:` block: each environment names its values files in
//! order (`helmfile -e <env>`). Go templates (`*.gotmpl`, `{{ }}` paths) and files
//! that do not exist are left out, each with a note; an environment left with no
//! file is left out too.

use super::Scan;
use crate::init::plan::{Found, Group};
use crate::init::tree::{self, file_name, normalize, parent, str_of};
use crate::node::Value;

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    let helmfiles: Vec<String> = scan.tree.paths.iter().filter(|p| is_helmfile(p)).cloned().collect();
    for path in helmfiles {
        let Some(text) = scan.tree.text(&path) else { continue };
        let Some(block) = environments_block(&text) else { continue };
        let Some(root) = tree::parse(&path, block) else {
            scan.note(format!(
                "left out the `environments:` of `{path}`: it does not parse as YAML without its templates"
            ));
            continue;
        };
        let Some(envs) = root.value.as_map().and_then(|m| m.get("environments")).and_then(|n| n.value.as_map()) else {
            continue;
        };
        let dir = parent(&path);
        let mut environments = Vec::new();
        for (name, env) in envs {
            let mut files = Vec::new();
            let values = env.value.as_map().and_then(|m| m.get("values"));
            let items = match values.map(|v| &v.value) {
                Some(Value::List(items)) => items.as_slice(),
                _ => &[],
            };
            for item in items {
                let Some(file) = str_of(item) else {
                    scan.note(format!("left out inline values of `{name}` in `{path}`: write them under the environment's `layers` as `- values: {{...}}`"));
                    continue;
                };
                let Some(full) = normalize(dir, file) else {
                    scan.note(format!("left out `{file}` of `{name}`: it is outside the directory"));
                    continue;
                };
                if file.contains("{{") || full.ends_with(".gotmpl") {
                    scan.note(format!("left out `{full}`: a Go template; strata reads values, not templates"));
                } else if !scan.tree.has(&full) {
                    scan.note(format!("left out `{full}` of `{name}`: `{path}` lists it, but it does not exist"));
                } else {
                    files.push(full);
                }
            }
            if env.value.as_map().is_some_and(|m| m.contains_key("secrets")) {
                scan.note(format!(
                    "`{name}` has helmfile `secrets:`: list their names under the environment's `secrets`"
                ));
            }
            if files.is_empty() {
                scan.note(format!(
                    "left out environment `{name}` of `{path}`: none of its values files can be read as values"
                ));
                continue;
            }
            for file in &files {
                scan.claim(file);
            }
            let why = format!("`{path}` lists it under `environments:`");
            environments.push(Found::new(name.clone(), files, why));
        }
        scan.claim(&path);
        if !environments.is_empty() {
            scan.note(format!(
                "helmfile environment values are state values (what templates in `{path}` read as `.Values`), not chart values: each release decides what reaches its chart; keep a layer only where a release passes those values to the chart"
            ));
        }
        groups.push(Group {
            name: super::app_name(dir),
            layout: "helmfile `environments:`".to_string(),
            chart: None,
            environments,
        });
    }
    groups
}

fn is_helmfile(path: &str) -> bool {
    let name = file_name(path);
    let yaml = [".yaml", ".yml", ".yaml.gotmpl", ".yml.gotmpl"].iter().any(|ext| name.ends_with(ext));
    yaml && (name.starts_with("helmfile") || parent(path).ends_with("helmfile.d"))
}

/// The `environments:` top-level block alone, up to the next top-level key or
/// document: the rest of a helmfile is often a Go template that YAML cannot read.
fn environments_block(text: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|line| !line.starts_with("environments:"));
    let first = lines.next()?;
    let mut block = format!("{first}\n");
    for line in lines {
        let top_level = line.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if top_level {
            break;
        }
        block.push_str(line);
        block.push('\n');
    }
    Some(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_stops_at_the_next_top_level_key_or_document() {
        let text = "bases: [a]\nenvironments:\n  dev:\n    values:\n    # c\n      - a.yaml\n---\nreleases: {{ x }}\n";
        assert_eq!(
            environments_block(text).as_deref(),
            Some("environments:\n  dev:\n    values:\n    # c\n      - a.yaml\n")
        );
        assert!(is_helmfile("helmfile/helmfile.yaml.gotmpl"));
        assert!(is_helmfile("helmfile-common.yaml"));
        assert!(!is_helmfile("config/environments.yaml"));
    }
}
