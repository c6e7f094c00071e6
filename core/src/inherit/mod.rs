//! The `extends:`/`overrides:` inheritance form (seed 002): a values file names
//! a parent and lists what it changes.
//!
//! ```yaml
//! # config/base.yaml           # config/production.yaml
//! base_config:                 extends: base_config
//!   database:                  overrides:
//!     pool_size: 10              database:
//!     timeout: 30                  pool_size: 50
//! ```
//!
//! [`resolve_inherited`] is pure: it takes documents already read (one merged
//! top-level map per file) and returns the target's values. A *unit* is either
//! a whole file or a *named block* (a top-level key whose value is a map). A
//! unit resolves to: each parent named by its `extends:` (a name or a list of
//! names, applied in order, later wins), then its own keys other than
//! `extends`/`overrides`, then its `overrides:` map, each merged over the
//! previous with [`crate::merge::merge_maps`], so replaced values keep their
//! history and every node keeps its span.
//!
//! Modules: `lookup` finds the unit a name refers to; `diagnostics` holds every
//! error this form reports.
//!
//! Bounds ([`Limits`]): the chain of parents is at most 64 links long (the
//! recursion is never deeper), an `extends:` list names at most 64 parents, and
//! the nodes copied out of parents (history included) are budgeted, so a
//! diamond of list `extends` cannot grow exponentially.

mod diagnostics;
mod lookup;
#[cfg(test)]
mod tests;

use crate::diag::Diagnostic;
use crate::merge::merge_maps;
use crate::node::{Map, Node, Value};
use crate::source::{SourceId, Sources, Span};
use std::collections::BTreeMap;

/// The key that names a unit's parent(s).
pub const EXTENDS: &str = "extends";
/// The key whose map is merged over the parent(s).
pub const OVERRIDES: &str = "overrides";

/// One file that may take part in inheritance, already read.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub source: SourceId,
    /// The file's name without directory and extension: `production` for `config/production.yaml`.
    pub stem: String,
    /// The file's documents merged into one top-level map.
    pub root: Map,
}

/// Bounds that keep hostile inheritance from exhausting time or memory.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Most `extends` links followed from the target (target → parent is one link).
    pub max_chain: usize,
    /// Most names in one `extends:` list.
    pub max_parents: usize,
    /// Most nodes (history included) copied out of resolved parents in one resolution.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_chain: 64, max_parents: 64, max_nodes: 1_000_000 }
    }
}

/// Whether a file's top-level map uses the form (has an `extends:` key). A
/// file without one resolves to itself, except that a top-level `overrides:`
/// map would be merged over its other keys: call [`resolve_inherited`] only
/// for files this returns `true` for if `overrides` may be an ordinary key.
pub fn uses_inheritance(root: &Map) -> bool {
    root.contains_key(EXTENDS)
}

/// Resolve the `extends:` chain of `candidates[target]` with the default [`Limits`].
///
/// Parents of `extends: NAME` are looked up first among named blocks (a
/// top-level key `NAME` whose value is a map, in any file other than the one
/// whose top level holds the `extends:`; a block may extend a sibling block),
/// then among file stems. On failure, returns every error found.
pub fn resolve_inherited(candidates: Vec<Candidate>, target: usize, sources: &Sources) -> Result<Map, Vec<Diagnostic>> {
    resolve_inherited_with(candidates, target, sources, &Limits::default())
}

/// [`resolve_inherited`] with explicit bounds.
pub fn resolve_inherited_with(
    candidates: Vec<Candidate>,
    target: usize,
    sources: &Sources,
    limits: &Limits,
) -> Result<Map, Vec<Diagnostic>> {
    if target >= candidates.len() {
        return Err(vec![diagnostics::no_target(target, candidates.len())]);
    }
    let mut resolver = Resolver {
        candidates: &candidates,
        sources,
        limits,
        done: BTreeMap::new(),
        stack: Vec::new(),
        errors: Vec::new(),
        spent: 0,
    };
    let unit = Unit::File(target);
    resolver.resolve(unit, None);
    let result = resolver.done.remove(&unit).flatten();
    match result {
        Some(resolved) if resolver.errors.is_empty() => Ok(resolved.map),
        _ if resolver.errors.is_empty() => Err(vec![diagnostics::internal(Span::at(candidates[target].source, 0))]),
        _ => Err(resolver.errors),
    }
}

/// A file, or a named block (a map-valued top-level key) of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    File(usize),
    Block { file: usize, key: usize },
}

impl Unit {
    fn file(self) -> usize {
        match self {
            Unit::File(file) | Unit::Block { file, .. } => file,
        }
    }
}

/// A unit's resolved values and their size in nodes, history included.
struct Resolved {
    map: Map,
    weight: usize,
}

/// A unit being resolved, and the `extends:` value that led to it.
struct Frame {
    unit: Unit,
    via: Option<Span>,
}

struct Resolver<'a> {
    candidates: &'a [Candidate],
    sources: &'a Sources,
    limits: &'a Limits,
    /// Every unit resolved so far; `None` when it failed (its errors are already reported).
    done: BTreeMap<Unit, Option<Resolved>>,
    /// The units being resolved, target first.
    stack: Vec<Frame>,
    errors: Vec<Diagnostic>,
    /// Nodes copied out of parents so far, checked against `limits.max_nodes`.
    spent: usize,
}

impl<'a> Resolver<'a> {
    /// Resolve `unit` (reached through the `extends:` value at `via`) into
    /// `done`; returns whether it succeeded. Recursion is bounded by `max_chain`.
    fn resolve(&mut self, unit: Unit, via: Option<Span>) -> bool {
        if let Some(state) = self.done.get(&unit) {
            return state.is_some();
        }
        let via_span = via.unwrap_or_else(|| Span::at(self.candidates[unit.file()].source, 0));
        if let Some(start) = self.stack.iter().position(|frame| frame.unit == unit) {
            let steps = self.cycle_steps(start, via_span);
            self.errors.push(diagnostics::cycle(&steps, via_span, self.sources));
            return false;
        }
        if self.stack.len() > self.limits.max_chain {
            let first = self.stack.first().map_or(unit, |frame| frame.unit);
            self.errors.push(diagnostics::too_deep(self.limits.max_chain, self.name(first), via_span));
            return false;
        }
        self.stack.push(Frame { unit, via });
        let result = self.build(unit);
        self.stack.pop();
        let ok = result.is_some();
        self.done.insert(unit, result);
        ok
    }

    /// The links of a cycle that closes at `closing`: (from, to, the `extends:` value).
    fn cycle_steps(&self, start: usize, closing: Span) -> Vec<(String, String, Span)> {
        let frames = &self.stack[start..];
        let mut steps = Vec::new();
        for (i, frame) in frames.iter().enumerate() {
            let (to, span) = match frames.get(i + 1) {
                Some(next) => (next.unit, next.via.unwrap_or(closing)),
                None => (frames[0].unit, closing),
            };
            steps.push((self.name(frame.unit).to_string(), self.name(to).to_string(), span));
        }
        steps
    }

    /// How a unit is named in `extends:`: a file by its stem, a block by its key.
    fn name(&self, unit: Unit) -> &'a str {
        lookup::name(self.candidates, unit)
    }

    fn build(&mut self, unit: Unit) -> Option<Resolved> {
        let Some(body) = lookup::body(self.candidates, unit) else {
            let span = lookup::position(self.candidates, unit);
            self.errors.push(diagnostics::internal(span));
            return None;
        };
        let mut ok = true;
        let mut values = Map::default();
        if let Some(extends) = body.get(EXTENDS) {
            let Some(names) = self.parent_names(extends) else {
                // Still check `overrides:` so both mistakes show at once.
                self.check_overrides(body);
                return None;
            };
            for (name, span) in names {
                match lookup::find(self.candidates, &name, unit) {
                    lookup::Found::One(parent) => {
                        // Keep resolving after a failure, to report every error; stop merging.
                        let resolved = self.resolve(parent, Some(span));
                        ok = resolved && ok && self.merge_parent(&mut values, parent, span);
                    }
                    lookup::Found::Many(units) => {
                        let places: Vec<Span> = units.iter().map(|&u| lookup::position(self.candidates, u)).collect();
                        self.errors.push(diagnostics::ambiguous(&name, &places, span, self.sources));
                        ok = false;
                    }
                    lookup::Found::None => {
                        let known = lookup::known_names(self.candidates, unit);
                        let own_key = matches!(unit, Unit::File(_))
                            && body.get(name.as_str()).is_some_and(|node| matches!(node.value, Value::Map(_)));
                        self.errors.push(diagnostics::unknown_parent(&name, &known, own_key, span));
                        ok = false;
                    }
                }
            }
        }
        let overrides = self.check_overrides(body);
        if !ok {
            return None;
        }
        let own: Map = body
            .iter()
            .filter(|(key, _)| key.as_str() != EXTENDS && key.as_str() != OVERRIDES)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        merge_maps(&mut values, own);
        if let Some(overrides) = overrides? {
            merge_maps(&mut values, overrides.clone());
        }
        let weight = weight(&values);
        Some(Resolved { map: values, weight })
    }

    /// Merge a resolved parent's values into `values`, within the node budget.
    fn merge_parent(&mut self, values: &mut Map, parent: Unit, span: Span) -> bool {
        let Some(Some(resolved)) = self.done.get(&parent) else {
            return false;
        };
        self.spent = self.spent.saturating_add(resolved.weight);
        if self.spent > self.limits.max_nodes {
            self.errors.push(diagnostics::too_large(self.limits.max_nodes, span));
            return false;
        }
        merge_maps(values, resolved.map.clone());
        true
    }

    /// The names an `extends:` value lists, each with its span; `None` (errors
    /// reported) when the value is not a string or a list of strings.
    fn parent_names(&mut self, extends: &Node) -> Option<Vec<(String, Span)>> {
        match &extends.value {
            Value::Str(name) => Some(vec![(name.to_string(), extends.span)]),
            Value::List(items) => {
                if items.len() > self.limits.max_parents {
                    self.errors.push(diagnostics::too_many_parents(self.limits.max_parents, items.len(), extends.span));
                    return None;
                }
                let mut names = Vec::new();
                let mut ok = true;
                for item in items {
                    match &item.value {
                        Value::Str(name) => names.push((name.to_string(), item.span)),
                        other => {
                            self.errors.push(diagnostics::extends_item_type(other, item.span, self.sources));
                            ok = false;
                        }
                    }
                }
                ok.then_some(names)
            }
            other => {
                self.errors.push(diagnostics::extends_type(other, extends.span, self.sources));
                None
            }
        }
    }

    /// The unit's `overrides:` map: `Some(None)` when there is none (or it is
    /// null), `None` (error reported) when it is not a map.
    fn check_overrides(&mut self, body: &'a Map) -> Option<Option<&'a Map>> {
        let Some(node) = body.get(OVERRIDES) else {
            return Some(None);
        };
        match &node.value {
            Value::Map(map) => Some(Some(map)),
            Value::Null => Some(None),
            other => {
                self.errors.push(diagnostics::overrides_type(other, node.span));
                None
            }
        }
    }
}

/// Nodes in a map, the nodes in their histories included; iterative, so any depth is safe.
fn weight(map: &Map) -> usize {
    let mut count = 0usize;
    let mut stack: Vec<&Node> = map.values().collect();
    while let Some(node) = stack.pop() {
        count = count.saturating_add(1);
        stack.extend(node.history.iter().map(|shadow| shadow.old.as_ref()));
        match &node.value {
            Value::Map(map) => stack.extend(map.values()),
            Value::List(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    count
}
