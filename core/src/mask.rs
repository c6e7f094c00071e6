//! Which leaves are secret, and a copy of a tree with every secret leaf masked.
//!
//! A leaf is secret when its key is (`secrets::must_mask`), or when it sits in a list entry
//! named like a secret (`env: [{name: DB_PASSWORD, value: ...}]`), as `strata matrix` decides.

use crate::identity::{identity, identity_key, is_leaf_list, push_entry, push_key};
use crate::node::{Node, Value};
use crate::secrets::{is_reference, is_secret_key, must_mask, MASK};
use crate::workspace::SecretRules;
use std::fmt::Write as _;

/// Whether the leaf `node` at `path` must be masked. `named_secret`: an enclosing list
/// entry is named like a secret.
pub fn is_secret(rules: &SecretRules, path: &str, node: &Node, named_secret: bool) -> bool {
    match &node.value {
        Value::Null => false,
        Value::Str(s) => must_mask(rules, path, Some(s)) || (named_secret && !s.is_empty() && !is_reference(rules, s)),
        Value::Map(map) if map.is_empty() => false,
        Value::List(items) if items.is_empty() => false,
        // Booleans say whether something is on, never what a secret is.
        Value::Bool(_) => false,
        _ => named_secret || is_secret_key(rules, path),
    }
}

/// Whether the entries of a list entry (other than its identity) are secret.
pub fn entry_named_secret(rules: &SecretRules, enclosing: bool, id: &str) -> bool {
    enclosing || is_secret_key(rules, id)
}

/// What a masked secret that changed shows on the new side of `--text`, so the line differs.
pub const MASK_CHANGED: &str = "•••••• (changed)";

/// A copy of `node` (at `path`) with every secret leaf replaced by the mask.
pub fn masked(node: &Node, path: &str, rules: &SecretRules) -> Node {
    masked_marking(node, path, rules, &[])
}

/// Like [`masked`], with the secrets at `changed` paths shown as [`MASK_CHANGED`].
pub fn masked_marking(node: &Node, path: &str, rules: &SecretRules, changed: &[String]) -> Node {
    let mut path = path.to_string();
    Masker { rules, changed }.mask_into(node, &mut path, false)
}

struct Masker<'a> {
    rules: &'a SecretRules,
    changed: &'a [String],
}

impl Masker<'_> {
    fn mask_into(&self, node: &Node, path: &mut String, named: bool) -> Node {
        let rules = self.rules;
        let mut out = Node { value: Value::Null, span: node.span, key_span: node.key_span, history: Vec::new() };
        out.value = match &node.value {
            Value::Map(map) if !map.is_empty() => Value::Map(
                map.iter()
                    .map(|(key, child)| {
                        let len = path.len();
                        push_key(path, key);
                        let child = self.mask_into(child, path, named);
                        path.truncate(len);
                        (key.clone(), child)
                    })
                    .collect(),
            ),
            Value::List(items) if !is_leaf_list(items) => {
                let key = identity_key(&[items]);
                Value::List(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let len = path.len();
                            let child = match key.and_then(|key| Some((key, identity(item, key)?))) {
                                Some((key, id)) => {
                                    push_entry(path, key, &id);
                                    let entry_named = entry_named_secret(rules, named, &id);
                                    self.mask_entry(item, path, key, entry_named, named)
                                }
                                None => {
                                    let _ = write!(path, "[{i}]");
                                    self.mask_into(item, path, named)
                                }
                            };
                            path.truncate(len);
                            child
                        })
                        .collect(),
                )
            }
            _ if is_secret(rules, path, node, named) => {
                let changed = self.changed.iter().any(|p| p == path);
                Value::Str(if changed { MASK_CHANGED } else { MASK }.to_string())
            }
            value => value.clone(),
        };
        out
    }

    /// A list entry (a map) whose identity is `key`: the identity keeps the enclosing flag,
    /// the other entries take the entry's.
    fn mask_entry(&self, item: &Node, path: &mut String, key: &str, named: bool, enclosing: bool) -> Node {
        let Value::Map(map) = &item.value else { return self.mask_into(item, path, enclosing) };
        let mut out = Node { value: Value::Null, span: item.span, key_span: item.key_span, history: Vec::new() };
        out.value = Value::Map(
            map.iter()
                .map(|(k, child)| {
                    let len = path.len();
                    push_key(path, k);
                    let child = self.mask_into(child, path, if k == key { enclosing } else { named });
                    path.truncate(len);
                    (k.clone(), child)
                })
                .collect(),
        );
        out
    }
}

/// How many leaves of a masked tree show the mask.
pub fn count_masked(node: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Str(s) if s == MASK || s == MASK_CHANGED => count += 1,
            Value::Map(map) => stack.extend(map.values()),
            Value::List(items) => stack.extend(items.iter()),
            _ => {}
        }
    }
    count
}
