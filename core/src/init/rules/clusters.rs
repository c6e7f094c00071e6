//! 2i2c's `config/clusters/<cluster>/cluster.yaml`: each hub names its chart
//! (`helm_chart: basehub`) and its values files in order, relative to the
//! cluster's directory. Listed files that are absent (the sops-encrypted `enc-*`
//! secrets) are left out with a note.

use super::Scan;
use crate::init::plan::{Found, Group};
use crate::init::tree::{file_name, normalize, parent, str_of};
use crate::node::{Map, Value};

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    let descriptors: Vec<String> = scan.tree.paths.iter().filter(|p| file_name(p) == "cluster.yaml").cloned().collect();
    for path in descriptors {
        let Some(root) = scan.tree.yaml(&path) else { continue };
        let Some(map) = root.value.as_map() else { continue };
        let Some(Value::List(hubs)) = map.get("hubs").map(|n| &n.value) else { continue };
        let dir = parent(&path);
        let cluster = map.get("name").and_then(str_of).map_or_else(|| file_name(dir).to_string(), str::to_string);
        let mut environments = Vec::new();
        for hub in hubs {
            let Some(hub) = hub.value.as_map() else { continue };
            let Some(name) = hub.get("name").and_then(str_of) else { continue };
            let files = listed(scan, &path, dir, name, hub);
            if files.is_empty() {
                continue;
            }
            let mut found = Found::new(name, files, format!("`{path}` lists the hub's `helm_chart_values_files`"));
            found.chart = hub.get("helm_chart").and_then(str_of).and_then(|chart| chart_values(scan, chart));
            found.description = hub.get("display_name").and_then(str_of).map(str::to_string);
            environments.push(found);
        }
        if map.get("support").is_some() {
            scan.note(format!("left out the `support` release of `{path}`: another chart than the hubs'"));
        }
        scan.claim(&path);
        groups.push(Group {
            name: cluster,
            layout: "2i2c `cluster.yaml` hub lists".to_string(),
            chart: None,
            environments,
        });
    }
    groups
}

fn listed(scan: &mut Scan, path: &str, dir: &str, hub: &str, map: &Map) -> Vec<String> {
    let mut files = Vec::new();
    let Some(Value::List(items)) = map.get("helm_chart_values_files").map(|n| &n.value) else { return files };
    for item in items {
        let Some(file) = str_of(item) else { continue };
        match normalize(dir, file) {
            Some(full) if scan.tree.has(&full) => {
                scan.claim(&full);
                files.push(full);
            }
            Some(full) => scan.note(format!(
                "left out `{full}` of hub `{hub}`: `{path}` lists it, but it is not here (encrypted secrets are often not checked out)"
            )),
            None => scan.note(format!("left out `{file}` of hub `{hub}`: it is outside the directory")),
        }
    }
    files
}

/// `helm-charts/<chart>/values.yaml` (or any `<chart>/values.yaml`, the shortest path).
fn chart_values(scan: &mut Scan, chart: &str) -> Option<String> {
    let suffix = format!("{chart}/values.yaml");
    let found = scan
        .tree
        .paths
        .iter()
        .filter(|p| *p == &suffix || p.ends_with(&format!("/{suffix}")))
        .min_by_key(|p| (p.len(), p.as_str()))
        .cloned();
    match &found {
        Some(path) => scan.claim(path),
        None => scan.note(format!("chart `{chart}` has no `values.yaml` here: its hubs have no chart defaults")),
    }
    found
}
