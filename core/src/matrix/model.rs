//! The matrix: every leaf path × every environment, each cell with its value, origin and state.

use super::cell::needs_mask;
use super::chunked::Chunked;
use super::leaves::{each_leaf, each_leaf_surveying, Sink, Sites, Walk};
use super::reuse::Reuse;
use super::runs::{Cells, Placing};
use crate::glob::matches_path;
use crate::node::{same_value, KeyHasher, Map, Node, Value};
use crate::resolve::Resolved;
use crate::source::{SourceId, Sources, Span};
use crate::workspace::Workspace;
use hashbrown::HashTable;
use indexmap::IndexMap;
use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::rc::Rc;

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
    Value(&'a Value),
    /// A `null` deleted the chart default that was here.
    Deleted,
    Missing,
}

/// One cell: which written value it shows (an index into the matrix's [`Written`]
/// table, shared by every cell that shows the same value set at the same place), its
/// state and whether it is masked. Eight bytes: a matrix can have millions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    entry: u32,
    pub state: State,
    /// Show [`crate::secrets::MASK`] instead of the value.
    pub masked: bool,
    /// The value carries secrets by shape (a URL's password): it shows with them masked
    /// ([`Matrix::content`] gives that copy), and counts as a secret like a masked one.
    pub embedded: bool,
}

impl Cell {
    /// Which written value the cell shows: cells with the same entry show the same value
    /// set at the same place (what is made of one may be reused for the others). Below
    /// [`Matrix::entries`], or `u32::MAX` for a missing cell.
    pub fn entry(&self) -> u32 {
        self.entry
    }

    /// Whether the cell hides a secret: masked whole, or parts of it ([`Cell::embedded`]).
    pub fn hides_secret(&self) -> bool {
        self.masked || self.embedded
    }

    /// The `entry` of a cell whose path the environment does not have.
    const NOTHING: u32 = u32::MAX;
    pub(super) const MISSING: Cell =
        Cell { entry: Cell::NOTHING, state: State::Missing, masked: false, embedded: false };

    #[cfg(test)]
    pub(super) fn new(entry: u32, state: State) -> Cell {
        Cell { entry, state, masked: false, embedded: false }
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    /// The full path (`image.tag`, `env[name=DEBUG].value`).
    pub path: String,
    /// Where the label starts in `path` (the feature-flag view shows paths below its subtree).
    pub label_start: usize,
    /// `Same`, `Differs`, `Intended` or `TypeDiffers`.
    pub state: State,
    /// One per environment, in the order of [`Matrix::environments`].
    pub cells: Cells,
}

impl Row {
    pub fn label(&self) -> &str {
        &self.path[self.label_start..]
    }
}

/// The values cells show, each once per place it was written: the base file's value at
/// `image.tag` is one entry however many environments show it.
#[derive(Debug, Default)]
pub struct Written {
    /// (value, or `None` where a `null` deleted it; who set or deleted it).
    entries: Chunked<(Option<Value>, Span)>,
    /// The latest entry per origin: positions in `entries`, hashed by their origin (4 bytes
    /// an entry, where a map from span to position took about 25).
    by_origin: HashTable<u32>,
}

fn origin_hash(origin: Span) -> u64 {
    KeyHasher::default().hash_one(origin)
}

impl Written {
    /// The entry for `value` set (or, for `None`, deleted) at `origin`, added if new.
    /// An origin usually holds one value, but not always (`--set` can change a list
    /// read from a file in place), so the value is compared, never assumed.
    pub fn intern(&mut self, value: Option<&Value>, origin: Span) -> u32 {
        self.intern_near(value, origin, Cell::NOTHING)
    }

    /// [`Written::intern`], trying `near` (a likely entry) first.
    pub fn intern_near(&mut self, value: Option<&Value>, origin: Span, near: u32) -> u32 {
        if self.holds(near, value, origin) {
            return near;
        }
        let hash = origin_hash(origin);
        let entries = &self.entries;
        let latest = self
            .by_origin
            .find(hash, |known| entries.get(*known as usize).is_some_and(|(_, at)| *at == origin))
            .copied();
        if let Some(entry) = latest.filter(|entry| self.holds(*entry, value, origin)) {
            return entry;
        }
        let entry = u32::try_from(self.entries.len()).unwrap_or(u32::MAX - 1).min(Cell::NOTHING - 1);
        self.entries.push((value.cloned(), origin));
        match latest {
            // The origin now holds another value: the new entry is its latest.
            Some(before) => {
                if let Some(slot) = self.by_origin.find_mut(hash, |known| *known == before) {
                    *slot = entry;
                }
            }
            None => {
                let entries = &self.entries;
                self.by_origin.insert_unique(hash, entry, |known| {
                    origin_hash(entries.get(*known as usize).map_or(origin, |(_, at)| *at))
                });
            }
        }
        entry
    }

    /// Whether `entry` is `value` set at `origin`.
    fn holds(&self, entry: u32, value: Option<&Value>, origin: Span) -> bool {
        match self.entries.get(entry as usize) {
            Some((known, at)) if *at == origin => match (known, value) {
                (Some(a), Some(b)) => identical(a, b),
                (None, None) => true,
                _ => false,
            },
            _ => false,
        }
    }

    /// Interning is over: drop the index by origin (a matrix, once built, only reads its
    /// entries, and the index is a large part of its memory).
    fn sealed(mut self) -> Written {
        self.by_origin = HashTable::new();
        self
    }

    pub fn content(&self, entry: u32) -> Content<'_> {
        match self.entries.get(entry as usize) {
            Some((Some(value), _)) => Content::Value(value),
            Some((None, _)) => Content::Deleted,
            None => Content::Missing,
        }
    }

    pub fn origin(&self, entry: u32) -> Option<Span> {
        self.entries.get(entry as usize).map(|(_, origin)| *origin)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The same value, printed the same way: like `==`, but `0.0` and `-0.0` differ (Go prints
/// them apart) and `NaN` is itself.
fn identical(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| identical(&a.value, &b.value))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().zip(y.iter()).all(|((ka, a), (kb, b))| ka == kb && identical(&a.value, &b.value))
        }
        _ => a == b,
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
    pub rows: Vec<Row>,
    /// `--path` patterns that matched no path.
    pub unmatched: Vec<String>,
    sources: &'a Sources,
    /// Per environment: the label of each layer's source.
    layers: Vec<Vec<(SourceId, String)>>,
    written: Written,
    /// Per written entry that carries secrets by shape: the value with them masked.
    redacted: BTreeMap<u32, Value>,
}

/// Where a cell's value was set, for output.
pub use crate::resolve::Place as Origin;

impl Matrix<'_> {
    pub fn origin(&self, env: usize, span: Span) -> Origin {
        Origin::new(self.sources, span, self.layer(env, span.source).into_owned())
    }

    /// How the environment's layer from `source` is named (the file's name if no layer is).
    pub fn layer(&self, env: usize, source: SourceId) -> std::borrow::Cow<'_, str> {
        match self.layers[env].iter().find(|(id, _)| *id == source) {
            Some((_, label)) => std::borrow::Cow::Borrowed(label),
            None => std::borrow::Cow::Owned(self.sources.display_name(source)),
        }
    }

    /// What a cell holds, with the secrets it carries by shape masked ([`Cell::embedded`]).
    pub fn content(&self, cell: &Cell) -> Content<'_> {
        match cell.embedded.then(|| self.redacted.get(&cell.entry)).flatten() {
            Some(shown) => Content::Value(shown),
            None => self.written.content(cell.entry),
        }
    }

    /// What a cell holds, secrets and all (for `--show-secrets` where the matrix was built masked).
    pub fn unmasked(&self, cell: &Cell) -> Content<'_> {
        self.written.content(cell.entry)
    }

    /// How many written values the cells show (see [`Cell::entry`]).
    pub fn entries(&self) -> usize {
        self.written.len()
    }

    /// Who set the cell's value (or the `null` that deleted it).
    pub fn span(&self, cell: &Cell) -> Option<Span> {
        self.written.origin(cell.entry)
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

/// The environments of a matrix in column order, handed over one at a time: a
/// workspace's environments need not all be resolved, or held, at once.
pub trait Columns {
    /// The environments' names, in column order.
    fn names(&self) -> Vec<String>;
    /// Call `f` with each environment's values, in column order. An environment that
    /// cannot be resolved is skipped; reporting its errors is the caller's business.
    fn each(&mut self, f: &mut dyn FnMut(usize, &Resolved));
}

/// Environments already resolved.
impl Columns for Vec<Env<'_>> {
    fn names(&self) -> Vec<String> {
        self.iter().map(|(name, _)| name.to_string()).collect()
    }

    fn each(&mut self, f: &mut dyn FnMut(usize, &Resolved)) {
        for (column, (_, resolved)) in self.iter().enumerate() {
            f(column, resolved);
        }
    }
}

/// The cells as they are found, before rows get their states.
struct Found {
    index: IndexMap<String, usize>,
    cells: Vec<Placing>,
    named: Vec<bool>,
    written: Written,
    width: usize,
    /// The row after the one placed last: environments mostly list their leaves in the
    /// same order, so the next leaf is usually there (no hashing needed).
    next: usize,
    reuse: Reuse,
}

impl Found {
    fn new(width: usize) -> Found {
        let written = Written::default();
        let reuse = Reuse::default();
        Found { index: IndexMap::new(), cells: Vec::new(), named: Vec::new(), written, width, next: 0, reuse }
    }

    /// Place a cell; returns its row.
    fn place(&mut self, column: usize, path: &str, value: Option<&Value>, origin: Span, named_secret: bool) -> usize {
        let row = match self.index.get_index(self.next) {
            Some((known, _)) if known == path => self.next,
            _ => match self.index.get_index_of(path) {
                Some(row) => row,
                None => {
                    self.index.insert(path.to_string(), self.cells.len());
                    self.cells.push(Placing::new());
                    self.named.push(false);
                    self.cells.len() - 1
                }
            },
        };
        self.next = row + 1;
        let cells = &mut self.cells[row];
        if !cells.placed(column) {
            // The environment before usually shows the same written value.
            let before = cells.before(column).map_or(Cell::NOTHING, |cell| cell.entry);
            let entry = self.written.intern_near(value, origin, before);
            cells.place(column, Cell { entry, ..Cell::MISSING }, Cell::MISSING);
            self.named[row] |= named_secret;
        }
        row
    }

    /// One environment's leaves below `root`, then the leaves its `null`s deleted; with
    /// `survey`, its lists are surveyed in the same walk (and `walk.sites` is not used).
    fn add(&mut self, column: usize, resolved: &Resolved, root: &str, walk: Walk, survey: Option<&mut Sites>) {
        // The feature-flag view walks each environment its own way: nothing to copy.
        let reuse = walk.env_keyed.is_none();
        if let Some(node) = subtree(&resolved.root, root) {
            let sink = &mut Adding { found: self, column, reuse };
            match survey {
                Some(sites) => each_leaf_surveying(node, root, walk, sites, sink),
                None => each_leaf(node, root, walk, sink),
            }
        }
        for deletion in &resolved.deletions {
            let path = deletion.path.to_string();
            if !within(&path, root) {
                continue;
            }
            let origin = deletion.by.as_ref().map_or(deletion.old.origin(), Node::origin);
            each_leaf(&deletion.old, &path, walk, &mut |path: &str, _: &Node, named| {
                self.place(column, path, None, origin, named);
            });
        }
    }
}

/// One environment's leaves, on their way into [`Found`].
struct Adding<'f> {
    found: &'f mut Found,
    column: usize,
    /// Copy what the column before walked ([`Reuse`]).
    reuse: bool,
}

impl<'a> Sink<'a> for Adding<'_> {
    fn leaf(&mut self, path: &str, node: &'a Node, named: bool) {
        let row = self.found.place(self.column, path, Some(&node.value), node.origin(), named);
        if self.reuse {
            self.found.reuse.leaf(row);
        }
    }

    fn enter(&mut self, path: &str, map: &'a Rc<Map>) -> bool {
        if !self.reuse {
            return false;
        }
        let found = &mut *self.found;
        if let Some(last) = found.reuse.copy(self.column, path, map, &mut found.cells) {
            found.next = last + 1;
            return true;
        }
        found.reuse.enter(path, map);
        false
    }

    fn leave(&mut self, map: &'a Rc<Map>) {
        if self.reuse {
            self.found.reuse.leave(self.column, map);
        }
    }

    fn list(&mut self) {
        if self.reuse {
            self.found.reuse.list();
        }
    }
}

/// Build the matrix of `columns` under `view`, then filter it. `seen` is called once with
/// each environment's values, for what else the caller wants of them.
pub fn build<'a>(
    workspace: &Workspace,
    sources: &'a Sources,
    columns: &mut dyn Columns,
    view: View,
    options: &Options,
    seen: &mut dyn FnMut(usize, &Resolved),
) -> Matrix<'a> {
    let names: Vec<String> = workspace.environments.iter().map(|e| e.name.clone()).collect();
    let environments = columns.names();
    let (root, flags) = match &view {
        View::Values => (String::new(), false),
        View::Flags(root) => (root.clone(), true),
    };
    let walk_of = |env: usize| Walk {
        rules: &workspace.secrets,
        env_keyed: flags.then_some((names.as_slice(), environments[env].as_str())),
        sites: None,
    };
    // One pass surveys the lists and, meanwhile, walks every list by identity where it
    // can; only if the survey decides otherwise somewhere is a second pass needed.
    let mut sites = Sites::default();
    let mut found = Found::new(environments.len());
    let mut layers = vec![Vec::new(); environments.len()];
    columns.each(&mut |column, resolved| {
        seen(column, resolved);
        layers[column] = resolved.layers.iter().map(|layer| (layer.source, layer.label(sources))).collect();
        found.add(column, resolved, &root, walk_of(column), Some(&mut sites));
    });
    sites.decide();
    if !sites.agree() {
        found = Found::new(environments.len());
        columns.each(&mut |column, resolved| {
            found.add(column, resolved, &root, Walk { sites: Some(&sites), ..walk_of(column) }, None);
        });
    }
    // What is left of the walk (the maps `Reuse` holds) goes here.
    let Found { index, cells, named, written, width, .. } = found;
    let written = written.sealed();

    let label_start = |path: &str| match path.len().cmp(&root.len()) {
        std::cmp::Ordering::Greater if !root.is_empty() => {
            root.len() + usize::from(path[root.len()..].starts_with('.'))
        }
        _ => 0,
    };
    let mut rows = Vec::with_capacity(cells.len());
    let keys = crate::secrets::SecretKeys::new(&workspace.secrets);
    let mut redacted = BTreeMap::new();
    // Per written entry, once scanned: whether it carries secrets by shape.
    let mut carries_secret: Vec<Option<bool>> = vec![None; written.len()];
    for ((path, _), (placing, named)) in index.into_iter().zip(cells.into_iter().zip(named)) {
        let mut row_cells = placing.finish(width, Cell::MISSING);
        let content = |cell: &Cell| written.content(cell.entry);
        if flags && !row_cells.iter().any(|c| matches!(content(c), Content::Value(crate::Value::Bool(_)))) {
            continue;
        }
        let intended = workspace.intended.iter().any(|i| matches_path(&i.paths, &path));
        let state = row_state(row_cells.iter().map(content), intended);
        let secret_key = !options.show_secrets && keys.is_secret_key(&path);
        let named = named && !crate::secrets::describes_a_secret(&path);
        // A cell's state follows from its entry, so runs of one entry stay runs.
        for cell in row_cells.runs_mut() {
            cell.state = match content(cell) {
                Content::Missing => State::Missing,
                Content::Deleted => State::Deleted,
                Content::Value(value) => {
                    cell.masked = !options.show_secrets && needs_mask(&workspace.secrets, secret_key, value, named);
                    if !cell.masked && !options.show_secrets {
                        // Each written value is scanned once.
                        cell.embedded = *carries_secret[cell.entry as usize].get_or_insert_with(|| {
                            keys.redacted_value(value).map(|shown| redacted.insert(cell.entry, shown)).is_some()
                        });
                    }
                    if cell.masked || cell.embedded {
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
    Matrix { environments, view, rows, unmatched, sources, layers, written, redacted }
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
fn row_state<'v>(cells: impl Iterator<Item = Content<'v>> + Clone, intended: bool) -> State {
    let mut types = cells.clone().filter_map(|c| match c {
        Content::Value(value) => Some(value.type_name()),
        _ => None,
    });
    let first_type = types.next();
    if types.any(|t| Some(t) != first_type) {
        return State::TypeDiffers;
    }
    let mut pairs = cells.clone().zip(cells.skip(1));
    let same = pairs.all(|pair| match pair {
        (Content::Value(a), Content::Value(b)) => same_value(a, b),
        (a, b) => std::mem::discriminant(&a) == std::mem::discriminant(&b),
    });
    match (same, intended) {
        (true, _) => State::Same,
        (false, true) => State::Intended,
        (false, false) => State::Differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;

    fn at(offset: usize) -> Span {
        Span::at(SourceId(1), offset)
    }

    #[test]
    fn written_values_are_shared_per_origin_and_value() {
        let mut written = Written::default();
        let tag = Value::Str("1.0".into());
        let a = written.intern(Some(&tag), at(3));
        assert_eq!(written.intern(Some(&tag), at(3)), a, "the same value set at the same place is one entry");
        let elsewhere = written.intern(Some(&tag), at(9));
        assert_ne!(elsewhere, a, "another place is another origin");
        let changed = written.intern(Some(&Value::Str("2.0".into())), at(3));
        assert_ne!(changed, a, "a value changed in place (`--set` on a list) is not taken for the old one");
        let deleted = written.intern(None, at(3));
        assert_ne!(deleted, changed);
        assert_eq!(written.len(), 4);
        assert_eq!(written.intern_near(Some(&tag), at(3), a), a, "a right guess is taken");
        assert_eq!(written.intern_near(Some(&tag), at(9), a), elsewhere, "a wrong guess is checked");
        assert_eq!(written.len(), 4);
        assert_eq!(written.content(a), Content::Value(&tag));
        assert_eq!(written.content(deleted), Content::Deleted);
        assert_eq!(written.origin(elsewhere), Some(at(9)));
        assert_eq!(written.content(Cell::NOTHING), Content::Missing);
        assert_eq!(written.origin(Cell::NOTHING), None);
        let written = written.sealed();
        assert!(written.by_origin.is_empty(), "a built matrix keeps no index");
        assert_eq!(written.content(a), Content::Value(&tag), "and reads its entries as before");
        assert_eq!(written.origin(elsewhere), Some(at(9)));
    }

    #[test]
    fn identical_tells_apart_what_prints_apart() {
        assert!(!identical(&Value::Float(0.0), &Value::Float(-0.0)));
        assert!(identical(&Value::Float(f64::NAN), &Value::Float(f64::NAN)));
        assert!(!identical(&Value::Int(1), &Value::Float(1.0)));
        let list = |items: &[&str]| {
            Value::List(items.iter().map(|s| Node::new(Value::Str((*s).into()), Span::at(SourceId(0), 0))).collect())
        };
        assert!(identical(&list(&["a", "b"]), &list(&["a", "b"])));
        assert!(!identical(&list(&["a", "b"]), &list(&["a"])));
    }

    #[test]
    fn a_cell_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Cell>(), 8);
    }
}
