//! Resolve a stack of layers the way Helm does: values plus provenance.
//!
//! Order (spec section 1): chart defaults are read; `-f` files merge in order
//! (each file's documents merged first); then `--set-json`, `--set`,
//! `--set-string`, `--set-file`, `--set-literal`, each kind in its own
//! argument order; finally the user values coalesce over the chart defaults.

mod coalesce;
mod surprises;

use crate::diag::Diagnostic;
use crate::files::Files;
use crate::inherit;
use crate::merge::merge_maps;
use crate::node::{Map, Node, Value};
use crate::path::Path;
use crate::profile::Profile;
use crate::source::{SourceId, Sources, Span};
use crate::strvals::{self, SetKind};
use crate::yaml::{self, Limits};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// What a layer is, which decides where it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerKind {
    ChartDefaults,
    ValuesFile,
    /// A values block written inline (in `strata.yaml`); applies like a values file.
    Inline,
    /// A values file taking part in seed 002's `extends:`/`overrides:` form (not Helm layering).
    Inherited,
    Set(SetKind),
}

/// One source of values in the stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub kind: LayerKind,
    pub source: SourceId,
    /// One-based position among the layers of the same kind (`-f` #2, `--set` #1).
    pub ordinal: usize,
}

impl Layer {
    /// How the layer is named in explanations: `-f values-prod.yaml`, `--set replicas=3`.
    pub fn label(&self, sources: &Sources) -> String {
        let name = sources.name(self.source);
        match self.kind {
            LayerKind::ChartDefaults => format!("chart defaults {name}"),
            LayerKind::ValuesFile => format!("-f {name}"),
            LayerKind::Inline => format!("inline values in {name}"),
            LayerKind::Inherited => format!("extends/overrides in {name}"),
            LayerKind::Set(kind) => format!("{} {}", kind.flag(), sources.text(self.source)),
        }
    }
}

/// A user layer that applies like a `-f` file, in order.
#[derive(Clone, Debug)]
pub enum ValuesLayer {
    /// A values file to read.
    File(SourceId),
    /// A values file resolved through its `extends:` chain; `parents` are the files it may name.
    Inherit { target: SourceId, parents: Vec<SourceId> },
    /// A block already read (its nodes point into `source`, e.g. `strata.yaml`).
    Inline { source: SourceId, values: Map },
}

/// The inputs of one resolution; every source is already in [`Sources`].
pub struct Stack<'a> {
    pub profile: Profile,
    pub chart: Option<SourceId>,
    pub values: Vec<ValuesLayer>,
    /// `--set*` arguments with their kind, in command-line order (sorted by kind here).
    pub args: Vec<(SetKind, SourceId)>,
    pub files: &'a dyn Files,
    pub limits: Limits,
    /// Resolve the last values file through `extends:`/`overrides:` (the other
    /// files are its possible parents) instead of merging the files.
    pub inherit: bool,
    /// Files read by earlier stacks over the same sources, if any.
    pub cache: Option<&'a ReadCache>,
    /// Shown each values file's documents as they are parsed, before they are merged
    /// (a file kept in `cache` is parsed, and shown, once), for lints that read files
    /// as written.
    pub watch: Option<&'a Watch<'a>>,
}

/// Shown a values file's documents as they are parsed ([`Stack::watch`]).
pub type Watch<'a> = dyn Fn(SourceId, &[Node]) + 'a;

/// A value that is not in the result because something removed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Deletion {
    pub path: Path,
    /// The value that was removed (a chart default).
    pub old: Node,
    /// The user null that removed it, or `None` when Helm 4 dropped a null chart default.
    pub by: Option<Node>,
}

/// Where a value was written, ready to show: file, one-based line and column, and the
/// layer as explanations name it (`-f values-prod.yaml`, `--set replicas=3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub layer: String,
}

impl Place {
    pub fn new(sources: &Sources, span: Span, layer: String) -> Place {
        let at = sources.line_col(span.source, span.start);
        Place { file: sources.display_name(span.source), line: at.line, column: at.column, layer }
    }
}

/// The outcome of a resolution: values with provenance.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The final values, a map; every node knows where it was set and what it shadowed.
    pub root: Node,
    pub layers: Vec<Layer>,
    pub deletions: Vec<Deletion>,
    /// Warnings (errors stop resolution and come back as `Err`).
    pub warnings: Vec<Diagnostic>,
}

impl Resolved {
    pub fn layer_of(&self, span: Span) -> Option<&Layer> {
        self.layers.iter().find(|layer| layer.source == span.source)
    }
}

/// Resolve the stack. On failure, returns every error found (one bad file does
/// not hide another) followed by the warnings gathered so far.
pub fn resolve(sources: &Sources, stack: &Stack) -> Result<Resolved, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut layers = Vec::new();

    let mut chart = Map::default();
    if let Some(id) = stack.chart {
        layers.push(Layer { kind: LayerKind::ChartDefaults, source: id, ordinal: 1 });
        match read_file(sources, id, stack, &mut warnings) {
            Ok(map) => chart = map,
            Err(error) => errors.push(error),
        }
    }

    let mut files = Vec::new();
    for (i, layer) in stack.values.iter().enumerate() {
        match layer {
            ValuesLayer::File(id) => {
                let kind = if stack.inherit { LayerKind::Inherited } else { LayerKind::ValuesFile };
                layers.push(Layer { kind, source: *id, ordinal: i + 1 });
                match read_file(sources, *id, stack, &mut warnings) {
                    Ok(map) => files.push((*id, map)),
                    Err(error) => errors.push(error),
                }
            }
            ValuesLayer::Inherit { target, parents } => {
                let mut chain = Vec::new();
                for &id in parents.iter().chain(std::iter::once(target)) {
                    if !layers.iter().any(|l: &Layer| l.source == id) {
                        layers.push(Layer { kind: LayerKind::Inherited, source: id, ordinal: i + 1 });
                    }
                    match read_file(sources, id, stack, &mut warnings) {
                        Ok(map) => chain.push((id, map)),
                        Err(error) => errors.push(error),
                    }
                }
                if chain.len() == parents.len() + 1 {
                    match inherited_values(sources, chain) {
                        Ok(map) => files.push((*target, map)),
                        Err(mut found) => errors.append(&mut found),
                    }
                }
            }
            ValuesLayer::Inline { source, values } => {
                if !layers.iter().any(|l: &Layer| l.source == *source) {
                    layers.push(Layer { kind: LayerKind::Inline, source: *source, ordinal: i + 1 });
                }
                files.push((*source, values.clone()));
            }
        }
    }
    if !errors.is_empty() {
        errors.append(&mut warnings);
        return Err(errors);
    }
    let mut user = if stack.inherit {
        match inherited_values(sources, files) {
            Ok(map) => map,
            Err(mut found) => {
                found.append(&mut warnings);
                return Err(found);
            }
        }
    } else {
        let mut user = Map::default();
        for (_, map) in files {
            merge_maps(&mut user, map);
        }
        user
    };

    for kind in SetKind::ORDER {
        let args = stack.args.iter().filter(|(k, _)| *k == kind);
        for (i, &(_, id)) in args.enumerate() {
            layers.push(Layer { kind: LayerKind::Set(kind), source: id, ordinal: i + 1 });
            match strvals::apply(kind, id, sources.text(id), &mut user, stack.profile, stack.files) {
                Ok(mut found) => warnings.append(&mut found),
                Err(error) => {
                    let mut all = vec![error];
                    all.append(&mut warnings);
                    return Err(all);
                }
            }
        }
    }

    let mut coalesced = coalesce::coalesce(user, chart, stack.profile, sources);
    warnings.append(&mut coalesced.warnings);
    let root = Node::new(Value::from_map(coalesced.values), Span::at(stack.chart.unwrap_or(SourceId(0)), 0));
    let resolved = Resolved { root, layers, deletions: coalesced.deletions, warnings };
    let mut resolved = resolved;
    let mut found = surprises::final_value_warnings(&resolved, sources);
    resolved.warnings.append(&mut found);
    Ok(resolved)
}

/// The last file's values through its `extends:` chain; the other files are
/// the parents it may name (seed 002's form, not Helm's).
fn inherited_values(sources: &Sources, files: Vec<(SourceId, Map)>) -> Result<Map, Vec<Diagnostic>> {
    let Some(target) = files.len().checked_sub(1) else { return Ok(Map::default()) };
    let candidates = files
        .into_iter()
        .map(|(source, root)| {
            let name = sources.name(source);
            let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
            let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem).to_string();
            inherit::Candidate { source, stem, root }
        })
        .collect();
    inherit::resolve_inherited(candidates, target, sources)
}

/// A values file's documents, merged in order into one map.
fn read_file(
    sources: &Sources,
    id: SourceId,
    stack: &Stack,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Map, Diagnostic> {
    let Some(cache) = stack.cache.filter(|cache| cache.keeps(id)) else {
        return read_and_merge(sources, id, stack, warnings);
    };
    let key = (id, stack.profile);
    let last = cache.use_one(id);
    let mut entries = cache.entries.borrow_mut();
    if last {
        // The last read of a round takes the kept copy instead of copying it.
        if let Some((map, found)) = entries.remove(&key) {
            warnings.extend(found);
            return map;
        }
    } else if let Some((map, found)) = entries.get(&key) {
        warnings.extend(found.iter().cloned());
        return map.clone();
    }
    let mut found = Vec::new();
    let map = read_and_merge(sources, id, stack, &mut found);
    warnings.extend(found.iter().cloned());
    if !last {
        entries.insert(key, (map.clone(), found));
    }
    map
}

fn read_and_merge(
    sources: &Sources,
    id: SourceId,
    stack: &Stack,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Map, Diagnostic> {
    let read = yaml::read_documents(sources, id, stack.profile, &stack.limits)?;
    warnings.extend(read.warnings);
    if let Some(watch) = stack.watch {
        watch(id, &read.docs);
    }
    let mut merged = Map::default();
    for doc in read.docs {
        // The reader only yields maps; a null document is an empty map.
        if let Value::Map(map) = doc.value {
            if merged.is_empty() {
                // Merging into nothing is the map itself.
                merged = Rc::unwrap_or_clone(map);
            } else {
                merge_maps(&mut merged, Rc::unwrap_or_clone(map));
            }
        }
    }
    Ok(merged)
}

/// Files already read, shared by the stacks of one workspace so that a base
/// file used by every environment is parsed once.
#[derive(Default)]
pub struct ReadCache {
    #[allow(clippy::type_complexity)]
    entries: RefCell<BTreeMap<(SourceId, Profile), (Result<Map, Diagnostic>, Vec<Diagnostic>)>>,
    /// When given: the only files to keep (sorted), each with how many reads a round of
    /// stacks makes of it and how many are left in this round. A file one stack reads is
    /// not worth keeping; the last read of a round takes the copy (another round, e.g. a
    /// second pass over the environments, reads the file again).
    only: Option<RefCell<Vec<(SourceId, usize, usize)>>>,
}

impl ReadCache {
    /// A cache that keeps only the files read more than once in `reads` (one entry per read
    /// a round of stacks makes), until the last read of each.
    pub fn shared(mut reads: Vec<SourceId>) -> ReadCache {
        reads.sort_unstable();
        let mut counted: Vec<(SourceId, usize, usize)> = Vec::new();
        for id in reads {
            match counted.last_mut() {
                Some((last, total, left)) if *last == id => {
                    *total += 1;
                    *left += 1;
                }
                _ => counted.push((id, 1, 1)),
            }
        }
        counted.retain(|(_, total, _)| *total > 1);
        ReadCache { entries: RefCell::default(), only: Some(RefCell::new(counted)) }
    }

    fn keeps(&self, id: SourceId) -> bool {
        self.only.as_ref().is_none_or(|files| files.borrow().binary_search_by_key(&id, |f| f.0).is_ok())
    }

    /// Count one read of `id`; whether it is the last of its round (never, without counts).
    fn use_one(&self, id: SourceId) -> bool {
        let Some(files) = &self.only else { return false };
        let mut files = files.borrow_mut();
        let Ok(at) = files.binary_search_by_key(&id, |f| f.0) else { return false };
        let (_, total, left) = &mut files[at];
        *left = left.saturating_sub(1);
        if *left == 0 {
            *left = *total;
            return true;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::MemoryFiles;
    use crate::source::SourceKind;

    #[test]
    fn the_cache_keeps_a_shared_file_until_its_last_read_of_a_round() {
        let mut sources = Sources::new();
        let base = sources.add("base.yaml", SourceKind::File, "a: 1\nb: [x, y]\n");
        let own = sources.add("own.yaml", SourceKind::File, "c: 2\n");
        let files = MemoryFiles::new();
        let cache = ReadCache::shared(vec![base, own, base]);
        let stack = Stack {
            profile: Profile::default(),
            chart: None,
            values: vec![ValuesLayer::File(base)],
            args: Vec::new(),
            files: &files,
            limits: Limits::default(),
            inherit: false,
            cache: Some(&cache),
            watch: None,
        };
        let mut warnings = Vec::new();
        let kept = |cache: &ReadCache| cache.entries.borrow().len();
        let first = read_file(&sources, base, &stack, &mut warnings);
        assert_eq!(kept(&cache), 1, "kept for the second read");
        let own_map = read_file(&sources, own, &stack, &mut warnings);
        assert_eq!(kept(&cache), 1, "a file read once is not kept");
        let second = read_file(&sources, base, &stack, &mut warnings);
        assert_eq!(kept(&cache), 0, "the last read took the copy");
        assert_eq!(first, second);
        let third = read_file(&sources, base, &stack, &mut warnings);
        assert_eq!((kept(&cache), &third), (1, &first), "a new round reads it again and keeps it");
        assert_eq!(own_map.map(|m| m.len()), Ok(1));
    }
}
