//! Which files an `extends:` chain reads (seed 002's inheritance), so `init` can
//! write an `inherit` layer instead of leaving the file out.
//!
//! A name is defined by a file whose stem is the name, or by a file with a
//! top-level map under that key (`base_config:` in `config/base.yaml`), the way
//! `crate::inherit` looks names up. Only files in the same directory are
//! candidates; the walk visits each file once, so cycles end it.

use super::Scan;
use crate::inherit::EXTENDS;
use crate::init::tree::{file_name, parent, yaml_stem};
use crate::node::{Node, Value};

/// The files the `extends:` chain of `target` reads, in the order found; `None` when a
/// name has no file that defines it (the layer would not resolve).
pub fn parents(scan: &Scan, target: &str, skip: &[&str]) -> Option<Vec<String>> {
    let dir = parent(target);
    let candidates: Vec<&String> = scan
        .tree
        .paths
        .iter()
        .filter(|p| parent(p) == dir && p.as_str() != target && yaml_stem(p).is_some())
        .filter(|p| !skip.contains(&file_name(p)))
        .collect();
    let root = scan.tree.yaml(target)?;
    let mut wanted = extends_names(&root);
    let mut found: Vec<String> = Vec::new();
    while let Some(name) = wanted.pop() {
        let (file, unit) = candidates.iter().find_map(|path| defines(scan, path, &name))?;
        // Each file is expanded once, so the walk ends even on a cycle.
        if !found.contains(&file) {
            wanted.extend(extends_names(&unit));
            found.push(file);
        }
    }
    (!found.is_empty()).then_some(found)
}

/// The names a unit's `extends:` holds (one name or a list), last first so a stack pops them in order.
fn extends_names(unit: &Node) -> Vec<String> {
    let Some(extends) = unit.value.as_map().and_then(|m| m.get(EXTENDS)) else { return Vec::new() };
    let mut names: Vec<String> = match &extends.value {
        Value::Str(name) => vec![name.to_string()],
        Value::List(items) => {
            items.iter().filter_map(|n| if let Value::Str(s) = &n.value { Some(s.to_string()) } else { None }).collect()
        }
        _ => Vec::new(),
    };
    names.reverse();
    names
}

/// The file and the unit (whole file or named block) that define `name`, if `path` does.
fn defines(scan: &Scan, path: &str, name: &str) -> Option<(String, Node)> {
    let root = scan.tree.yaml(path)?;
    let stem = yaml_stem(path)?;
    if stem == name {
        return Some((path.to_string(), root));
    }
    let block = root.value.as_map()?.get(name).filter(|n| n.value.as_map().is_some())?.clone();
    Some((path.to_string(), block))
}
