//! The matrix: every leaf path × every environment, each cell with its value, origin and state.

use super::cell::{needs_mask, secret_key};
use super::leaves::{leaves, Leaf, Sites, Walk};
use crate::glob::matches_path;
use crate::node::Node;
use crate::resolve::Resolved;
use crate::source::{SourceId, Sources, Span};
use crate::workspace::Workspace;
use indexmap::IndexMap;

/// What a cell (or a whole row) says about its path across the environments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The same value in every environment shown.
    Same,
    /// Values differ (or the path is absent somewhere), and nothing documents it.
    Differs,
    /// Values differ, and `intended:` in `strata.yaml` documents it.
    Intended,
    /// The value is of another type somewhere (a number here, a string there).
    TypeDiffers,
    /// Nothing is set at this path in this environment.
    Missing,
    /// A `null` deleted the chart default here.
    Deleted,
    /// The value is a secret and is masked.
    Secret,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Same => "same",
            State::Differs => "differs",
            State::Intended => "intended",
            State::TypeDiffers => "type-differs",
            State::Missing => "missing",
            State::Deleted => "deleted",
            State::Secret => "secret",
        }
    }

    /// In words, for legends.
    pub fn words(self) -> &'static str {
        match self {
            State::TypeDiffers => "type differs",
            State::Deleted => "deleted by null",
            other => other.as_str(),
        }
    }
}

/// What is in a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Content<'a> {
    Value(&'a Node),
    /// A `null` deleted the chart default that was here.
    Deleted,
    Missing,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell<'a> {
    pub content: Content<'a>,
    pub state: State,
    /// Who set the value (or the `null` that deleted it).
    pub origin: Option<Span>,
    /// Show [`crate::secrets::MASK`] instead of the value.
    pub masked: bool,
}

impl Cell<'_> {
    const MISSING: Cell<'static> =
        Cell { content: Content::Missing, state: State::Missing, origin: None, masked: false };
}

#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// The full path (`image.tag`, `env[name=DEBUG].value`).
    pub path: String,
    /// Where the label starts in `path` (the feature-flag view shows paths below its subtree).
    pub label_start: usize,
    /// `Same`, `Differs`, `Intended` or `TypeDiffers`.
    pub state: State,
    /// One per environment, in the order of [`Matrix::environments`].
    pub cells: Vec<Cell<'a>>,
}

impl Row<'_> {
    pub fn label(&self) -> &str {
        &self.path[self.label_start..]
    }
}

/// Which view of the values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// Every leaf.
    Values,
    /// The feature-flag view of the subtree at this path (`""` for all values): rows whose
    /// value is a boolean somewhere, shown as ✓/✗.
    Flags(String),
}

/// The filters of `strata matrix`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keep paths matching one of these globs (or below a path that does).
    pub paths: Vec<String>,
    pub only_diff: bool,
    pub show_secrets: bool,
}

pub struct Matrix<'a> {
    pub environments: Vec<String>,
    pub view: View,
    pub rows: Vec<Row<'a>>,
    /// `--path` patterns that matched no path.
    pub unmatched: Vec<String>,
    sources: &'a Sources,
    /// Per environment: the label of each layer's source.
    layers: Vec<Vec<(SourceId, String)>>,
}

/// Where a cell's value was set, for output.
pub use crate::resolve::Place as Origin;

impl Matrix<'_> {
    pub fn origin(&self, env: usize, span: Span) -> Origin {
        let layer = self.layers[env]
            .iter()
            .find(|(id, _)| *id == span.source)
            .map_or_else(|| self.sources.display_name(span.source), |l| l.1.clone());
        Origin::new(self.sources, span, layer)
    }

    /// Whether this is the feature-flag view.
    pub fn flags(&self) -> bool {
        matches!(self.view, View::Flags(_))
    }

    /// The first column's heading.
    pub fn path_heading(&self) -> &str {
        match &self.view {
            View::Values => "path",
            View::Flags(root) if root.is_empty() => "flag",
            View::Flags(root) => root,
        }
    }
}

/// One resolved environment.
pub type Env<'a> = (&'a str, &'a Resolved);

/// Build the matrix of `envs` (in column order) under `view`, then filter it.
pub fn build<'a>(
    workspace: &Workspace,
    sources: &'a Sources,
    envs: &[Env<'a>],
    view: View,
    options: &Options,
) -> Matrix<'a> {
    let names: Vec<String> = workspace.environments.iter().map(|e| e.name.clone()).collect();
    let (root, flags) = match &view {
        View::Values => (String::new(), false),
        View::Flags(root) => (root.clone(), true),
    };
    let mut index: IndexMap<String, usize> = IndexMap::new();
    let mut cells: Vec<Vec<Cell<'a>>> = Vec::new();
    let mut named: Vec<bool> = Vec::new();
    let mut found: Vec<Leaf<'a>> = Vec::new();
    let walk_of = |env: &'a str| Walk {
        rules: &workspace.secrets,
        env_keyed: flags.then_some((names.as_slice(), env)),
        sites: None,
    };
    let sites = Sites::survey(
        envs.iter().filter_map(|(env, resolved)| Some((subtree(&resolved.root, &root)?, walk_of(env)))),
        &root,
    );
    for (column, (env, resolved)) in envs.iter().enumerate() {
        let walk = Walk { sites: Some(&sites), ..walk_of(env) };
        found.clear();
        if let Some(node) = subtree(&resolved.root, &root) {
            leaves(node, &root, walk, &mut found);
        }
        let mut place = |leaf: Leaf<'a>, content: Content<'a>, origin: Span| {
            let row = match index.get_index_of(&leaf.path) {
                Some(row) => row,
                None => {
                    index.insert(leaf.path, cells.len());
                    cells.push(vec![Cell::MISSING; envs.len()]);
                    named.push(false);
                    cells.len() - 1
                }
            };
            if cells[row][column].content == Content::Missing {
                cells[row][column] = Cell { content, state: State::Missing, origin: Some(origin), masked: false };
                named[row] |= leaf.named_secret;
            }
        };
        for leaf in found.drain(..) {
            let origin = leaf.node.origin();
            let node = leaf.node;
            place(leaf, Content::Value(node), origin);
        }
        for deletion in &resolved.deletions {
            let path = deletion.path.to_string();
            if !within(&path, &root) {
                continue;
            }
            let origin = deletion.by.as_ref().map_or(deletion.old.origin(), Node::origin);
            let mut gone = Vec::new();
            leaves(&deletion.old, &path, walk, &mut gone);
            for leaf in gone {
                place(leaf, Content::Deleted, origin);
            }
        }
    }

    let label_start = |path: &str| match path.len().cmp(&root.len()) {
        std::cmp::Ordering::Greater if !root.is_empty() => {
            root.len() + usize::from(path[root.len()..].starts_with('.'))
        }
        _ => 0,
    };
    let mut rows = Vec::with_capacity(cells.len());
    for ((path, _), (mut row_cells, named)) in index.into_iter().zip(cells.into_iter().zip(named)) {
        if flags
            && !row_cells
                .iter()
                .any(|c| matches!(c.content, Content::Value(n) if matches!(n.value, crate::Value::Bool(_))))
        {
            continue;
        }
        let intended = workspace.intended.iter().any(|i| matches_path(&i.paths, &path));
        let state = row_state(&row_cells, intended);
        let secret_key = !options.show_secrets && secret_key(&workspace.secrets, &path);
        for cell in &mut row_cells {
            cell.state = match cell.content {
                Content::Missing => State::Missing,
                Content::Deleted => State::Deleted,
                Content::Value(node) => {
                    cell.masked = !options.show_secrets && needs_mask(&workspace.secrets, secret_key, node, named);
                    if cell.masked {
                        State::Secret
                    } else {
                        state
                    }
                }
            };
        }
        rows.push(Row { label_start: label_start(&path), path, state, cells: row_cells });
    }

    let mut unmatched = Vec::new();
    if !options.paths.is_empty() {
        let mut used = vec![false; options.paths.len()];
        rows.retain(|row| {
            let mut keep = false;
            for (pattern, used) in options.paths.iter().zip(used.iter_mut()) {
                if matches_path(std::slice::from_ref(pattern), &row.path) {
                    *used = true;
                    keep = true;
                }
            }
            keep
        });
        unmatched = options.paths.iter().zip(used).filter(|(_, used)| !used).map(|(p, _)| p.clone()).collect();
    }
    if options.only_diff {
        rows.retain(|row| row.state != State::Same);
    }
    let layers = envs
        .iter()
        .map(|(_, resolved)| resolved.layers.iter().map(|layer| (layer.source, layer.label(sources))).collect())
        .collect();
    Matrix {
        environments: envs.iter().map(|(name, _)| name.to_string()).collect(),
        view,
        rows,
        unmatched,
        sources,
        layers,
    }
}

/// The node at `root` (a path as [`leaves`] prints it; `""` is the whole tree).
fn subtree<'a>(top: &'a Node, root: &str) -> Option<&'a Node> {
    if root.is_empty() {
        return Some(top);
    }
    crate::path::Path::parse(root).ok()?.lookup(top)
}

fn within(path: &str, root: &str) -> bool {
    root.is_empty() || path == root || (path.starts_with(root) && path[root.len()..].starts_with(['.', '[']))
}

/// `Same` when every cell holds the same thing; otherwise why not.
fn row_state(cells: &[Cell], intended: bool) -> State {
    let mut types = cells.iter().filter_map(|c| match c.content {
        Content::Value(node) => Some(node.value.type_name()),
        _ => None,
    });
    let first_type = types.next();
    if types.any(|t| Some(t) != first_type) {
        return State::TypeDiffers;
    }
    let same = cells.windows(2).all(|pair| match (pair[0].content, pair[1].content) {
        (Content::Value(a), Content::Value(b)) => a.same_value(b),
        (a, b) => std::mem::discriminant(&a) == std::mem::discriminant(&b),
    });
    match (same, intended) {
        (true, _) => State::Same,
        (false, true) => State::Intended,
        (false, false) => State::Differs,
    }
}
