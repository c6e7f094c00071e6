//! The layout rules, one module each. Descriptor rules read a file that names the
//! environments (seed 002's `config/environments.yaml`, helmfile `environments:`,
//! 2i2c `cluster.yaml`); when one of them finds environments, it is the evidence and
//! the directory-shape rules are not consulted. Otherwise every shape rule runs,
//! each claiming the files it uses so that no file serves two rules.

mod based;
mod chart;
mod clusters;
mod envdirs;
mod envfiles;
mod flat;
mod helmfile;
mod parents;
mod platform;

use super::plan::Group;
use super::tree::{self, Tree};

/// A scan in progress: which files are taken, and what was left out and why.
pub struct Scan<'t, 'a> {
    pub tree: &'t Tree<'a>,
    claimed: Vec<String>,
    pub notes: Vec<String>,
}

impl<'t, 'a> Scan<'t, 'a> {
    pub fn new(tree: &'t Tree<'a>) -> Self {
        Scan { tree, claimed: Vec::new(), notes: Vec::new() }
    }

    pub fn claim(&mut self, path: &str) {
        if let Err(at) = self.claimed.binary_search_by(|p| p.as_str().cmp(path)) {
            self.claimed.insert(at, path.to_string());
        }
    }

    pub fn is_claimed(&self, path: &str) -> bool {
        self.claimed.binary_search_by(|p| p.as_str().cmp(path)).is_ok()
    }

    pub fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// Every group of environments the rules find, and the notes they made.
pub fn find(tree: &Tree) -> (Vec<Group>, Vec<String>) {
    let mut scan = Scan::new(tree);
    let mut groups = platform::find(&mut scan);
    groups.extend(helmfile::find(&mut scan));
    groups.extend(clusters::find(&mut scan));
    groups.retain(|g| !g.environments.is_empty());
    if groups.is_empty() {
        groups.extend(based::find(&mut scan));
        groups.extend(envfiles::find(&mut scan));
        chart::assign(&mut scan, &mut groups);
        groups.extend(flat::find(&mut scan));
        groups.extend(envdirs::find(&mut scan));
    } else {
        note_shapes_not_taken(&mut scan, &groups);
    }
    groups.retain(|g| !g.environments.is_empty());
    (groups, scan.notes)
}

/// A file naming the environments wins over directory shapes; say so when the
/// shapes would have found environments of their own, rather than drop them silently.
fn note_shapes_not_taken(scan: &mut Scan, described: &[Group]) {
    let mut shapes = Scan { tree: scan.tree, claimed: scan.claimed.clone(), notes: Vec::new() };
    let mut found = based::find(&mut shapes);
    found.extend(envfiles::find(&mut shapes));
    found.extend(flat::find(&mut shapes));
    found.extend(envdirs::find(&mut shapes));
    let files: Vec<String> = found
        .iter()
        .flat_map(|g| &g.environments)
        .filter_map(|env| env.files.last().cloned())
        .filter(|file| !described.iter().flat_map(|g| &g.environments).any(|e| e.files.contains(file)))
        .collect();
    if files.is_empty() {
        return;
    }
    let shown: Vec<String> = files.iter().take(4).map(|f| format!("`{f}`")).collect();
    let mut layouts: Vec<&str> = described.iter().map(|g| g.layout.as_str()).collect();
    layouts.dedup();
    let more = if files.len() > 4 { format!(" and {} more", files.len() - 4) } else { String::new() };
    scan.note(format!(
        "left out {}{more}: named like environments' values, but {} names the environments; add them by hand if they belong",
        shown.join(", "),
        layouts.join(" and ")
    ));
}

/// Names of the file (or directory) whose values every environment beside it starts from.
const SHARED: &[&str] = &["common", "base", "shared", "global", "defaults", "default", "all"];

/// File stems that are never an environment's values: the chart's own files (its
/// `values.yaml` is the chart defaults, found by `chart::assign`), descriptors that
/// other rules read (`cluster.yaml`, `hubploy.yaml`) and other tools' files.
const NOT_VALUES: &[&str] = &[
    "values",
    "chart",
    "requirements",
    "kustomization",
    "helmfile",
    "strata",
    "cluster",
    "hubploy",
    "skaffold",
    "docker-compose",
    "compose",
    "cloudbuild",
    "renovate",
    "mkdocs",
];

/// Whether a YAML file may hold an environment's values, judged by its name alone.
pub fn may_hold_values(path: &str) -> bool {
    let Some(stem) = tree::yaml_stem(path) else { return false };
    !stem.starts_with('.') && !NOT_VALUES.contains(&stem.to_ascii_lowercase().as_str())
}

/// Directory names that say nothing about the application they hold.
const GENERIC_DIRS: &[&str] = &[
    "config",
    "configs",
    "values",
    "environments",
    "envs",
    "env",
    "helm",
    "helm_deploy",
    "deploy",
    "overrides",
    "settings",
    "charts",
];

/// A name for the application whose files live in `dir`: its last meaningful component.
pub fn app_name(dir: &str) -> String {
    dir.rsplit('/').find(|part| !part.is_empty() && !GENERIC_DIRS.contains(part)).unwrap_or("app").to_string()
}

/// Whether `path` is a YAML file directly inside `dir`.
pub fn directly_in(dir: &str, path: &str) -> bool {
    tree::parent(path) == dir && tree::yaml_stem(path).is_some()
}

/// The distinct directories of the tree, in path order.
pub fn directories(tree: &Tree) -> Vec<String> {
    let mut dirs: Vec<String> = tree.paths.iter().map(|p| tree::parent(p).to_string()).collect();
    dirs.sort();
    dirs.dedup();
    dirs
}
