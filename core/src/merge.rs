//! Helm's merge between user layers (`MergeMaps` in `pkg/chart/v2/loader/load.go`).
//!
//! Used between the documents of one file, between `-f` files and for the
//! whole-object form of `--set-json`. Spec section 2: maps merge recursively,
//! anything else replaces outright, nulls are ordinary values here.

use crate::node::{replace_reason, supersede, Map, Value};
use std::rc::Rc;

/// Merge `newer` over `older` in place, recording provenance.
pub fn merge_maps(older: &mut Map, newer: Map) {
    for (key, new_node) in newer {
        let Some(old_node) = older.get_mut(&key) else {
            older.insert(key, new_node);
            continue;
        };
        if let (Value::Map(old_map), Value::Map(_)) = (&mut old_node.value, &new_node.value) {
            // Both maps: the older map stays (and keeps its position); keys merge.
            let Value::Map(new_map) = new_node.value else { unreachable!("checked above") };
            merge_maps(Rc::make_mut(old_map), Rc::unwrap_or_clone(new_map));
            continue;
        }
        let old = std::mem::replace(old_node, crate::node::Node::new(Value::Null, new_node.span));
        let reason = replace_reason(&old.value, &new_node.value);
        *old_node = supersede(old, new_node, reason);
    }
}
