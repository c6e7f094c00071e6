//! Which unit a name in `extends:` refers to.
//!
//! A name is first a named block: a top-level key whose value is a map, in any
//! file but the one whose top level holds the `extends:` (a block may name a
//! sibling block of its own file). Only when no block has the name is it a file
//! stem. `extends` and `overrides` are never block names.

use super::{Candidate, Unit, EXTENDS, OVERRIDES};
use crate::node::{Map, Value};
use crate::source::Span;
use std::collections::BTreeSet;

pub(super) enum Found {
    One(Unit),
    /// Two or more units share the name (all blocks, or all files).
    Many(Vec<Unit>),
    None,
}

fn is_directive(key: &str) -> bool {
    key == EXTENDS || key == OVERRIDES
}

/// The named blocks visible from `from`, each with its name.
fn blocks(candidates: &[Candidate], from: Unit) -> impl Iterator<Item = (Unit, &str)> {
    candidates.iter().enumerate().filter(move |(file, _)| from != Unit::File(*file)).flat_map(|(file, candidate)| {
        candidate.root.iter().enumerate().filter_map(move |(key, (name, node))| {
            (!is_directive(name) && matches!(node.value, Value::Map(_)))
                .then_some((Unit::Block { file, key }, name.as_str()))
        })
    })
}

/// The unit `name` refers to when written in `from`'s `extends:`.
pub(super) fn find(candidates: &[Candidate], name: &str, from: Unit) -> Found {
    let mut found: Vec<Unit> = blocks(candidates, from).filter(|(_, n)| *n == name).map(|(unit, _)| unit).collect();
    if found.is_empty() {
        found =
            candidates.iter().enumerate().filter(|(_, c)| c.stem == name).map(|(file, _)| Unit::File(file)).collect();
    }
    match found.len() {
        0 => Found::None,
        1 => Found::One(found[0]),
        _ => Found::Many(found),
    }
}

/// Every name `from` could extend, sorted and without repeats.
pub(super) fn known_names(candidates: &[Candidate], from: Unit) -> Vec<String> {
    let mut names: BTreeSet<&str> = blocks(candidates, from).map(|(_, name)| name).collect();
    // Its own stem is left out: a file that extends itself is a cycle.
    let own = |file: usize| from == Unit::File(file);
    names.extend(candidates.iter().enumerate().filter(|(file, _)| !own(*file)).map(|(_, c)| c.stem.as_str()));
    names.into_iter().map(str::to_string).collect()
}

/// The map a unit's values and directives are read from.
pub(super) fn body(candidates: &[Candidate], unit: Unit) -> Option<&Map> {
    match unit {
        Unit::File(file) => candidates.get(file).map(|c| &c.root),
        Unit::Block { file, key } => candidates.get(file)?.root.get_index(key)?.1.value.as_map(),
    }
}

/// How a unit is named in `extends:`.
pub(super) fn name(candidates: &[Candidate], unit: Unit) -> &str {
    match unit {
        Unit::File(file) => candidates.get(file).map_or("", |c| c.stem.as_str()),
        Unit::Block { file, key } => {
            candidates.get(file).and_then(|c| c.root.get_index(key)).map_or("", |(k, _)| k.as_str())
        }
    }
}

/// Where a unit is defined: a file's start, a block's key.
pub(super) fn position(candidates: &[Candidate], unit: Unit) -> Span {
    let Some(candidate) = candidates.get(unit.file()) else {
        return Span::at(crate::source::SourceId(0), 0);
    };
    match unit {
        Unit::File(_) => Span::at(candidate.source, 0),
        Unit::Block { key, .. } => {
            candidate.root.get_index(key).map_or(Span::at(candidate.source, 0), |(_, node)| node.origin())
        }
    }
}
