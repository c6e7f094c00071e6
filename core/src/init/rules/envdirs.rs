//! One directory per environment or cluster, each holding a file per release
//! (`config/<cluster>/<release>.yaml`, jenkins-infra's kubernetes-management),
//! optionally over a shared `<release>__common.yaml`, `<release>.yaml` or
//! `common/<release>.yaml` beside the directories. A release is an application;
//! each directory that has its file is one of its environments.
//!
//! A file name repeated across sibling directories is not enough on its own
//! (`hubploy.yaml` in every hub's directory): most directories must be named
//! after stages, or some release must have a shared file.

use super::{directories, may_hold_values, Scan, SHARED};
use crate::init::names;
use crate::init::plan::{Found, Group};
use crate::init::tree::{file_name, parent, yaml_stem};

pub fn find(scan: &mut Scan) -> Vec<Group> {
    let mut groups = Vec::new();
    let holding = directories(scan.tree);
    // Every directory with a file in it, and the directories above them that hold only directories.
    let mut parents: Vec<&str> = holding.iter().filter(|d| !d.is_empty()).map(|d| parent(d)).collect();
    parents.sort_unstable();
    parents.dedup();
    for dir in parents {
        let children: Vec<&String> = holding
            .iter()
            .filter(|d| !d.is_empty() && parent(d) == dir)
            .filter(|d| !SHARED.contains(&file_name(d)))
            .collect();
        if children.len() < 2 {
            continue;
        }
        let staged = children.iter().filter(|d| names::is_environment(file_name(d))).count();
        // `services/<service>/production.yaml` is the other way round: the files are environments.
        let releases: Vec<(String, Option<String>)> = repeated_releases(scan, &children)
            .into_iter()
            .filter(|release| staged > 0 || !names::is_environment(release))
            .map(|release| {
                let shared = shared_file(scan, dir, &release);
                (release, shared)
            })
            .collect();
        let laid_out = staged * 2 >= children.len() || releases.iter().any(|(_, shared)| shared.is_some());
        if !laid_out {
            continue;
        }
        for (release, shared) in releases {
            let mut environments = Vec::new();
            for child in &children {
                let Some(path) = release_file(scan, child, &release) else { continue };
                let mut files: Vec<String> = shared.iter().cloned().collect();
                files.push(path.clone());
                let why = match &shared {
                    Some(shared) => format!("`{child}/` holds `{}`, over `{shared}`", file_name(&path)),
                    None => format!("`{child}/` holds `{}`", file_name(&path)),
                };
                environments.push(Found::new(file_name(child), files, why));
            }
            for path in environments.iter().flat_map(|e| e.files.clone()).collect::<Vec<_>>() {
                scan.claim(&path);
            }
            let layout = "`<env>/<release>.yaml` directories (over a shared `<release>` file where there is one)";
            groups.push(Group { name: release, layout: layout.to_string(), chart: None, environments });
        }
    }
    groups
}

/// Release names (file stems) found unclaimed in at least two of the directories, in name order.
fn repeated_releases(scan: &Scan, children: &[&String]) -> Vec<String> {
    let mut stems: Vec<String> = children
        .iter()
        .flat_map(|child| {
            let mut own: Vec<String> = scan
                .tree
                .paths
                .iter()
                .filter(|p| parent(p) == child.as_str() && is_release_file(scan, p))
                .filter_map(|p| yaml_stem(p).map(str::to_string))
                .collect();
            own.dedup();
            own
        })
        .collect();
    stems.sort();
    let mut repeated: Vec<String> = stems.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0].clone()).collect();
    repeated.dedup();
    repeated
}

fn is_release_file(scan: &Scan, path: &str) -> bool {
    !scan.is_claimed(path) && may_hold_values(path) && !scan.tree.is_manifest(path)
}

/// `dir/<release>.yaml` (or `.yml`), if it is unclaimed values.
fn release_file(scan: &Scan, dir: &str, release: &str) -> Option<String> {
    ["yaml", "yml"]
        .iter()
        .map(|ext| format!("{dir}/{release}.{ext}"))
        .find(|path| scan.tree.has(path) && is_release_file(scan, path))
}

/// The file every environment's `<release>.yaml` is layered over, if there is one.
fn shared_file(scan: &Scan, dir: &str, release: &str) -> Option<String> {
    let join = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
    let beside =
        [format!("{release}__common"), format!("{release}-common"), format!("{release}_common"), release.to_string()];
    let candidates =
        beside.iter().map(|stem| join(stem)).chain(SHARED.iter().map(|shared| join(&format!("{shared}/{release}"))));
    for stem in candidates {
        if let Some(path) = ["yaml", "yml"].iter().map(|ext| format!("{stem}.{ext}")).find(|p| scan.tree.has(p)) {
            if !scan.is_claimed(&path) && !scan.tree.is_manifest(&path) {
                return Some(path);
            }
        }
    }
    None
}
