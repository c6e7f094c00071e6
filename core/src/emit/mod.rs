//! Output bytes: YAML and JSON of a value tree, identical on every platform.
//!
//! Key order is the tree's (order of first appearance) unless the caller asks
//! for Helm's sorted order. Numbers go through [`number`] so float formatting
//! never depends on the platform.

mod json;
pub mod number;
mod yaml;

pub use json::{json_string, to_json, to_json_compact};
pub use yaml::{to_yaml, yaml_scalar_inline};

use crate::node::{Map, Node};

/// Map entries in output order.
fn entries(map: &Map, sort_keys: bool) -> Vec<(&String, &Node)> {
    let mut entries: Vec<_> = map.iter().collect();
    if sort_keys {
        // Go sorts map keys by bytes; Rust's `str` order is byte order.
        entries.sort_by(|a, b| a.0.cmp(b.0));
    }
    entries
}
