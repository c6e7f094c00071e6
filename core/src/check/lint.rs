//! Lint of the layers: keys an overlay sets that nothing below it knows (typos), overrides
//! that repeat what they override, and overrides that change a value's type.

use super::context::Context;
use super::finding::Finding;
use crate::diag::Diagnostic;
use crate::node::{is_shared, ByMap, KeyHasher, Map, Node, ShadowReason, Value};
use crate::profile::Profile;
use crate::resolve::{LayerKind, Resolved};
use crate::source::{SourceId, Sources, Span};
use crate::text::closest;
use crate::values_schema::{Names, Place};
use crate::workspace::{join, Environment, LayerSpec, Workspace};
use crate::yaml::{read_documents, Limits};
use indexmap::{IndexMap, IndexSet};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::rc::Rc;

/// `lint-unknown-key`: a key set in an overlay (a values file not every environment uses)
/// that neither the chart defaults nor the shared layers have, nor the chart's
/// `values.schema.json` (when `strata.yaml` names one) declares, with the closest key
/// there. Below a key that is empty (`{}`) or not a map in the reference, anything goes,
/// unless the schema lists the names that belong there; where the schema allows other
/// names (`additionalProperties`, `patternProperties`), anything goes too. A key the
/// overlays of every environment set is meant, not mistyped, and is no finding.
pub fn unknown_keys(cx: &Context, early: &UnknownKeys, out: &mut Vec<Diagnostic>) {
    let (reference, overlays) = split_layers(cx);
    debug_assert_eq!(reference, early.reference, "the reference read from strata.yaml is the one resolving used");
    let known = &early.known;
    if known.maps.is_empty() && known.schema.is_none() {
        return;
    }
    let watched = early.found.borrow();
    // Per overlay: its unknown keys (path, finding); per environment: its overlays. Each
    // overlay was checked as resolving parsed it; one that was not is read here.
    let found: Vec<(SourceId, Unknown)> = overlays
        .iter()
        .map(|(id, _)| match watched.iter().find(|(seen, _)| seen == id) {
            Some((_, unknown)) => (*id, unknown.clone()),
            None => (*id, known.check_file(&read(cx.sources, cx.workspace.profile, *id))),
        })
        .collect();
    let everywhere = |path: &str| {
        (0..cx.envs.len()).all(|env| {
            found
                .iter()
                .zip(&overlays)
                .any(|((_, unknown), (_, users))| users.contains(&env) && unknown.iter().any(|(p, _)| p == path))
        })
    };
    for (_, unknown) in &found {
        for (path, finding) in unknown {
            if !everywhere(path) {
                out.push(finding.clone());
            }
        }
    }
}

/// A file's unknown keys: (path, finding).
type Unknown = Vec<(String, Diagnostic)>;

/// `lint-unknown-key` on each overlay as resolving parses it ([`crate::resolve::Stack::watch`]),
/// so no file is parsed twice: the reference (chart defaults and the values files every
/// environment lists) is read first, as `strata.yaml` names it.
pub struct UnknownKeys<'s> {
    reference: Vec<SourceId>,
    known: Known<'s>,
    /// Per values file outside the reference, as parsed: its unknown keys.
    found: RefCell<Vec<(SourceId, Unknown)>>,
}

impl<'s> UnknownKeys<'s> {
    /// `environments`: the checked ones, in order.
    pub fn new(
        workspace: &Workspace,
        environments: &[&Environment],
        root: &str,
        sources: &Sources,
        schema: Option<&'s Node>,
    ) -> UnknownKeys<'s> {
        let shared: Vec<String> = shared_files(workspace).into_iter().map(|path| join(root, &path)).collect();
        let id_of = |name: &str| sources.iter().find(|(_, source)| source.name == name).map(|(id, _)| id);
        let mut reference = Vec::new();
        for env in environments {
            for layer in &env.layers {
                let id = match layer {
                    LayerSpec::Chart { path, .. } => id_of(&join(root, path)),
                    LayerSpec::File { path, .. } if shared.contains(&join(root, path)) => id_of(&join(root, path)),
                    _ => None,
                };
                if let Some(id) = id.filter(|id| !reference.contains(id)) {
                    reference.push(id);
                }
            }
        }
        let mut known = Known::default();
        for id in &reference {
            for doc in read(sources, workspace.profile, *id) {
                known.add(&doc, "");
            }
        }
        known.schema = schema.map(Place::root);
        UnknownKeys { reference, known, found: RefCell::default() }
    }

    /// A values file's documents, as parsed.
    pub fn watch(&self, id: SourceId, docs: &[Node]) {
        if self.reference.contains(&id) || (self.known.maps.is_empty() && self.known.schema.is_none()) {
            return;
        }
        let mut found = self.found.borrow_mut();
        if !found.iter().any(|(seen, _)| *seen == id) {
            found.push((id, self.known.check_file(docs)));
        }
    }
}

/// The chart defaults and shared values files of the checked environments (reference; the
/// same as [`UnknownKeys::new`] finds in `strata.yaml`), and every other values file with
/// the environments that use it (overlays), each once.
fn split_layers(cx: &Context) -> (Vec<SourceId>, Vec<(SourceId, Vec<usize>)>) {
    let shared: Vec<String> = shared_files(cx.workspace).into_iter().map(|path| join(cx.root, &path)).collect();
    let mut reference = Vec::new();
    let mut overlays: Vec<(SourceId, Vec<usize>)> = Vec::new();
    for (env, (_, resolved)) in cx.envs.iter().enumerate() {
        for layer in &resolved.layers {
            let is_reference = match layer.kind {
                LayerKind::ChartDefaults => true,
                LayerKind::ValuesFile => shared.iter().any(|p| p == cx.sources.name(layer.source)),
                _ => continue,
            };
            if is_reference {
                if !reference.contains(&layer.source) {
                    reference.push(layer.source);
                }
            } else {
                match overlays.iter_mut().find(|(id, _)| *id == layer.source) {
                    Some((_, users)) => users.push(env),
                    None => overlays.push((layer.source, vec![env])),
                }
            }
        }
    }
    (reference, overlays)
}

/// Values files every environment of the workspace lists.
fn shared_files(workspace: &Workspace) -> Vec<String> {
    let files = |layers: &[LayerSpec]| -> Vec<String> {
        layers
            .iter()
            .filter_map(|l| if let LayerSpec::File { path, .. } = l { Some(path.clone()) } else { None })
            .collect()
    };
    let mut envs = workspace.environments.iter();
    let Some(first) = envs.next() else { return Vec::new() };
    let mut shared = files(&first.layers);
    for env in envs {
        let mine = files(&env.layers);
        shared.retain(|path| mine.contains(path));
    }
    shared
}

fn read(sources: &Sources, profile: Profile, id: SourceId) -> Vec<Node> {
    read_documents(sources, id, profile, &Limits::default()).map(|read| read.docs).unwrap_or_default()
}

/// The keys of the reference layers: for each map path, its keys (only non-empty maps);
/// and the chart's schema, if any.
#[derive(Default)]
struct Known<'s> {
    /// Looked up once per key of every overlay: hashed, not searched.
    maps: IndexMap<String, IndexSet<String, KeyHasher>, KeyHasher>,
    schema: Option<Place<'s>>,
}

impl Known<'_> {
    fn add(&mut self, node: &Node, path: &str) {
        let mut stack = vec![(node, path.to_string())];
        while let Some((node, path)) = stack.pop() {
            let Value::Map(map) = &node.value else { continue };
            if map.is_empty() {
                continue;
            }
            let keys = self.maps.entry(path.clone()).or_default();
            for (key, child) in map.iter() {
                if !keys.contains(key.as_str()) {
                    keys.insert(key.to_string());
                }
                stack.push((child, child_path(&path, key)));
            }
        }
    }

    /// The unknown keys of a file's documents.
    fn check_file(&self, docs: &[Node]) -> Unknown {
        let mut unknown = Vec::new();
        for doc in docs {
            self.check(doc, &mut unknown);
        }
        unknown
    }

    fn check(&self, doc: &Node, out: &mut Vec<(String, Diagnostic)>) {
        let mut stack = vec![(doc, String::new(), self.schema)];
        while let Some((node, path, place)) = stack.pop() {
            let Value::Map(map) = &node.value else { continue };
            let keys = self.maps.get(&path);
            let names = place.map(Place::names);
            // Whether this map's names are known: from the reference, or listed by the schema;
            // a schema that lets other names in says any name may be meant.
            let open = names.as_ref().is_some_and(|n| n.others.is_some() || n.patterns);
            let listed = names.as_ref().is_some_and(Names::lists_names);
            let checked = !open && (keys.is_some() || listed);
            for (key, child) in map.iter() {
                let full = child_path(&path, key);
                let in_reference = keys.is_some_and(|keys| keys.contains(key.as_str()));
                let declared = names.as_ref().is_some_and(|n| n.declares(key));
                let below = names.as_ref().and_then(|n| n.child(key));
                if !checked || in_reference || declared {
                    if self.maps.contains_key(&full) || below.is_some() {
                        stack.push((child, full, below));
                    }
                    continue;
                }
                let candidates = keys
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .chain(names.iter().flat_map(|n| n.declared.iter().map(|(name, _)| *name)));
                out.push((full.clone(), self.unknown(&path, key, &full, child, candidates)));
            }
        }
    }

    fn unknown<'k>(
        &self,
        path: &str,
        key: &str,
        full: &str,
        child: &Node,
        candidates: impl Iterator<Item = &'k str>,
    ) -> Diagnostic {
        let message = if self.schema.is_some() {
            format!(
                "`{full}` is not in the chart defaults, in a layer every environment shares, or in the chart's schema"
            )
        } else {
            format!("`{full}` is not in the chart defaults or in a layer every environment shares")
        };
        let finding = Diagnostic::warning("lint-unknown-key", message).at(child.origin());
        match closest(key, candidates) {
            Some(best) => finding.hint(format!("did you mean `{}`?", child_path(path, best))),
            None => finding.hint(
                "check the spelling; if the chart reads this key, add it (with its default) to the chart defaults or a shared layer",
            ),
        }
    }
}

fn child_path(parent: &str, key: &str) -> String {
    let mut path = parent.to_string();
    crate::identity::push_key(&mut path, key);
    path
}

/// The maps [`overrides`] walked that other trees hold too (environments over one base
/// share its unchanged maps).
#[derive(Default)]
pub struct SharedMaps(ByMap<()>);

impl SharedMaps {
    /// Whether `map` is to be walked: it is this tree's own, or no tree walked it before.
    fn first_walk(&mut self, map: &Rc<Map>) -> bool {
        if !is_shared(map) {
            return true;
        }
        if self.0.get(map).is_some() {
            return false;
        }
        self.0.insert(map, ());
        true
    }
}

/// `lint-redundant-override` and `lint-type-change`: what each value did to the one it
/// replaced, in one checked environment (called for each in order), each place reported
/// once: `seen` holds the places reported so far, `walked` the shared maps walked so far.
pub fn overrides(
    resolved: &Resolved,
    sources: &Sources,
    seen: &mut BTreeSet<Span>,
    walked: &mut SharedMaps,
    out: &mut Vec<Finding>,
) {
    // Depth-first, keeping the steps from the root: a path is written only for a finding.
    let mut trail: Vec<Step> = Vec::new();
    let mut stack = vec![(&resolved.root, 0, Step::Root)];
    while let Some((node, depth, step)) = stack.pop() {
        if depth > 0 {
            trail.truncate(depth - 1);
            trail.push(step);
        }
        match &node.value {
            // A map an earlier environment shares was walked there: its nodes are the same,
            // and what they hold was reported then (each place is reported once).
            Value::Map(map) if !walked.first_walk(map) => {}
            Value::Map(map) => stack.extend(map.iter().rev().map(|(key, child)| (child, depth + 1, Step::Key(key)))),
            Value::List(items) => {
                stack.extend(items.iter().enumerate().rev().map(|(i, child)| (child, depth + 1, Step::Index(i))))
            }
            _ => {}
        }
        let Some(last) = node.history.last() else { continue };
        if !matches!(last.reason, ShadowReason::Replaced | ShadowReason::ListReplaced { .. })
            || seen.contains(&node.origin())
        {
            continue;
        }
        let old = &last.old;
        if node.same_value(old) && !node.value.is_null() && old.origin().source != node.origin().source {
            seen.insert(node.origin());
            out.push(Finding::RedundantOverride {
                path: path_of(&trail).into_boxed_str(),
                at: node.origin(),
                from: old.origin(),
            });
        } else if node.value.type_name() != old.value.type_name() && !node.value.is_null() && !old.value.is_null() {
            let path = path_of(&trail);
            seen.insert(node.origin());
            let from = sources.position(old.origin());
            out.push(Finding::Made(Box::new(
                Diagnostic::warning(
                    "lint-type-change",
                    format!(
                        "`{path}` is a {} here but a {} at {from}, which it overrides",
                        node.value.type_name(),
                        old.value.type_name()
                    ),
                )
                .at(node.origin())
                .hint(format!(
                    "write it as a {} like the value it overrides (quote or unquote it), or change both if the chart expects a {}",
                    old.value.type_name(),
                    node.value.type_name()
                )),
            )));
        }
    }
}

/// The `lint-redundant-override` finding of `path`, set at `at` to the value it already has
/// from `from` ([`overrides`] keeps only the path and the spans).
pub fn redundant_override(sources: &Sources, path: &str, at: Span, from: Span) -> Diagnostic {
    Diagnostic::warning(
        "lint-redundant-override",
        format!("`{path}` sets the value it already has from {}", sources.position(from)),
    )
    .at(at)
    .hint(format!(
        "remove it from {}; the value comes through from {} already",
        sources.display_name(at.source),
        sources.display_name(from.source)
    ))
}

/// How a node hangs from its parent, for [`overrides`]' path.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// The path the steps from the root spell (`a.b[0].c`).
fn path_of(trail: &[Step]) -> String {
    let mut path = String::new();
    for step in trail {
        match *step {
            Step::Key(key) => crate::identity::push_key(&mut path, key),
            Step::Index(i) => {
                let _ = write!(path, "[{i}]");
            }
            Step::Root => {}
        }
    }
    path
}
