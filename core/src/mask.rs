//! Which leaves are secret, and a copy of a tree with every secret leaf masked.
//!
//! A leaf is secret when its key is (`secrets::must_mask`), or when it sits in a list entry
//! named like a secret (`env: [{name: DB_PASSWORD, value: ...}]`), as `strata matrix` decides.
//! Any other string (or list of scalars) shows with the secrets it carries by shape masked
//! (`postgres://app:••••••@db/app`, [`crate::secrets::shapes`]).

use crate::identity::{identity, identity_key, is_leaf_list, push_entry, push_key};
use crate::node::{Node, Text, Value};
use crate::secrets::{describes_a_secret, is_reference, is_secret_key, SecretKeys, MASK};
use crate::workspace::SecretRules;
use std::fmt::Write as _;
use std::rc::Rc;

/// Whether the leaf `node` at `path` must be masked. `named_secret`: an enclosing list
/// entry is named like a secret.
pub fn is_secret(rules: &SecretRules, path: &str, node: &Node, named_secret: bool) -> bool {
    is_secret_with(&SecretKeys::new(rules), path, node, named_secret)
}

/// [`is_secret`] with key decisions remembered across calls.
pub fn is_secret_with(keys: &SecretKeys, path: &str, node: &Node, named_secret: bool) -> bool {
    let rules = keys.rules;
    let plain = |s: &str| !s.is_empty() && !is_reference(rules, s);
    let named_secret = named_secret && !describes_a_secret(path);
    match &node.value {
        Value::Null => false,
        Value::Str(s) => (named_secret || keys.is_secret_key(path)) && plain(s),
        Value::Map(map) if map.is_empty() => false,
        Value::List(items) if items.is_empty() => false,
        // Booleans say whether something is on, never what a secret is.
        Value::Bool(_) => false,
        _ => named_secret || keys.is_secret_key(path),
    }
}

/// What a leaf shows in masked output: `None` when it shows as it is, the mask when it is
/// secret, or the value with the secrets it carries by shape masked.
pub fn masked_leaf(keys: &SecretKeys, path: &str, node: &Node, named: bool) -> Option<Value> {
    if is_secret_with(keys, path, node, named) {
        Some(Value::Str(Text::const_new(MASK)))
    } else {
        keys.redacted_value(&node.value)
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
    let mut copy = node.clone();
    Masker::new(rules, changed).mask(&mut copy, &mut path.to_string(), path, false);
    copy
}

/// Mask every secret leaf of `node` (at `path`) in place; returns how many were masked.
pub fn mask_in_place(node: &mut Node, path: &str, rules: &SecretRules) -> usize {
    let mut masker = Masker::new(rules, &[]);
    masker.mask(node, &mut path.to_string(), path, false);
    masker.count
}

struct Masker<'a> {
    keys: SecretKeys<'a>,
    changed: &'a [String],
    /// Whether whole paths are kept: only `changed` needs them. A leaf is judged by its
    /// last key alone, so otherwise the masker carries just that (no string built per node).
    full_paths: bool,
    count: usize,
}

impl<'a> Masker<'a> {
    fn new(rules: &'a SecretRules, changed: &'a [String]) -> Self {
        Masker { keys: SecretKeys::new(rules), changed, full_paths: !changed.is_empty(), count: 0 }
    }

    /// Mask `node`. `path` is its whole path when `full_paths`; `last` is what it is judged
    /// by: its whole path, or a path that ends in the same key (the key, escaped).
    fn mask(&mut self, node: &mut Node, path: &mut String, last: &str, named: bool) {
        let judged = if self.full_paths { path.as_str() } else { last };
        if is_secret_leaf(&self.keys, judged, node, named) {
            let changed = self.changed.iter().any(|p| p == path);
            node.value = Value::Str(Text::const_new(if changed { MASK_CHANGED } else { MASK }));
            // What a secret shadowed is as secret as the secret.
            node.history.clear();
            self.count += 1;
            return;
        }
        if matches!(&node.value, Value::Str(_)) || matches!(&node.value, Value::List(items) if is_leaf_list(items)) {
            if let Some(mut shown) = self.keys.redacted_value(&node.value) {
                if self.changed.iter().any(|p| p == path) {
                    mark_changed(&mut shown, &node.value);
                }
                node.value = shown;
                node.history.clear();
                self.count += 1;
            }
            return;
        }
        match &mut node.value {
            Value::Map(map) => {
                for (key, child) in Rc::make_mut(map).iter_mut() {
                    self.mask_child(child, path, key, named);
                }
            }
            Value::List(items) if !is_leaf_list(items) => {
                let key = identity_key(&[items]);
                for (i, item) in items.iter_mut().enumerate() {
                    let len = path.len();
                    match key.and_then(|key| Some((key, identity(item, key)?))) {
                        Some((key, id)) => {
                            if self.full_paths {
                                push_entry(path, key, &id);
                            }
                            let entry_named = named || self.keys.is_secret_key(&id);
                            self.mask_entry(item, path, last, key, entry_named, named);
                        }
                        None => {
                            if self.full_paths {
                                let _ = write!(path, "[{i}]");
                            }
                            // An item's last key is its list's: `ports[0]` is judged as `ports`.
                            self.mask(item, path, last, named);
                        }
                    }
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }

    /// The entry `key` of a map.
    fn mask_child(&mut self, child: &mut Node, path: &mut String, key: &str, named: bool) {
        let len = path.len();
        if self.full_paths {
            push_key(path, key);
            self.mask(child, path, "", named);
        } else if key.bytes().any(|b| matches!(b, b'.' | b'[' | b']' | b'\\')) {
            let mut escaped = String::new();
            push_key(&mut escaped, key);
            self.mask(child, path, &escaped, named);
        } else {
            self.mask(child, path, key, named);
        }
        path.truncate(len);
    }

    /// A list entry (a map) whose identity is `key`: the identity keeps the enclosing flag,
    /// the other entries take the entry's.
    fn mask_entry(&mut self, item: &mut Node, path: &mut String, last: &str, key: &str, named: bool, enclosing: bool) {
        let Value::Map(map) = &mut item.value else { return self.mask(item, path, last, enclosing) };
        for (k, child) in Rc::make_mut(map).iter_mut() {
            self.mask_child(child, path, k, if k == key { enclosing } else { named });
        }
    }
}

/// Mark the strings of `shown` that differ from `original` (its redacted parts) as changed,
/// so a secret that changed shows so in `--text` though masked alike on both sides.
fn mark_changed(shown: &mut Value, original: &Value) {
    match (shown, original) {
        (Value::Str(s), _) => s.push_str(" (changed)"),
        (Value::List(items), Value::List(before)) => {
            for (item, before) in items.iter_mut().zip(before) {
                if item.value != before.value {
                    mark_changed(&mut item.value, &before.value);
                }
            }
        }
        _ => {}
    }
}

/// A leaf the masker replaces: secret, and not a collection it walks into.
fn is_secret_leaf(keys: &SecretKeys, path: &str, node: &Node, named: bool) -> bool {
    match &node.value {
        Value::Map(map) if !map.is_empty() => false,
        Value::List(items) if !is_leaf_list(items) => false,
        _ => is_secret_with(keys, path, node, named),
    }
}

#[cfg(test)]
mod tests {
    use crate::api::{run_in, Terminal};
    use crate::files::MemoryFiles;
    use crate::workspace::SecretRules;

    fn render(files: &MemoryFiles, args: &[&str]) -> crate::api::Outcome {
        let words: Vec<String> = ["render"].iter().chain(args).map(|w| w.to_string()).collect();
        run_in(&words, files, &Terminal::default())
    }

    #[test]
    fn entries_named_like_a_secret_mask_values_not_names_or_paths() {
        let mut files = MemoryFiles::new();
        files.insert(
            "a.yaml",
            "env:\n  - name: DB_PASSWORD\n    value: hunter2\nvolumes:\n  - name: secrets\n    secret:\n      secretName: app-secrets\n    mountPath: /secrets\n    readOnly: yes-please\n",
        );
        let out = render(&files, &["-f", "a.yaml"]).stdout;
        assert!(!out.contains("hunter2") && !out.contains("yes-please"), "{out}");
        assert!(out.contains("secretName: app-secrets") && out.contains("mountPath: /secrets"), "{out}");
    }

    #[test]
    fn warnings_never_quote_a_secret() {
        let mut files = MemoryFiles::new();
        files.insert("a.yaml", "db:\n  password: hunter2\n  url: postgres://app:pgpass@db/app\n");
        files.insert("b.yaml", "db:\n  password: null\n  url: null\n");
        let outcome = render(&files, &["-f", "a.yaml", "-f", "b.yaml", "--show-secrets"]);
        assert!(outcome.stderr.contains("null-deletes-nothing"), "{}", outcome.stderr);
        assert!(!outcome.stderr.contains("hunter2") && !outcome.stderr.contains("pgpass"), "{}", outcome.stderr);
        assert!(outcome.stderr.contains("postgres://app:••••••@db/app"), "{}", outcome.stderr);
    }

    #[test]
    fn judging_by_the_last_key_masks_what_whole_paths_mask() {
        // `mask_in_place` carries only the last key; with `changed` paths the masker keeps
        // whole paths. Both must mask the same leaves.
        let text = "db:\n  password: hunter2\n  \"a.password\": dotted\n  tokens: [t1, t2]\n  password2: [p1]\n\
                    env:\n  - name: API_TOKEN\n    value: zz-tok\n  - name: LEVEL\n    value: info\n\
                    lists:\n  - [x, z]\n  - secret:\n      apiKey: k1\n\
                    url: postgres://app:pgpass@db/app\nplain: hello\n";
        let mut sources = crate::source::Sources::new();
        let id = sources.add("v.yaml", crate::source::SourceKind::File, text);
        let read = crate::yaml::read_documents(
            &sources,
            id,
            crate::profile::Profile::default(),
            &crate::yaml::Limits::default(),
        );
        let root = read.map(|read| read.docs.into_iter().next().unwrap()).unwrap();
        let rules = SecretRules::default();
        let by_paths = super::masked_marking(&root, "", &rules, &["nowhere".to_string()]);
        let mut by_keys = root.clone();
        let count = super::mask_in_place(&mut by_keys, "", &rules);
        assert_eq!(by_keys, by_paths);
        let shown = crate::emit::to_yaml(&by_keys, crate::emit::KeyOrder::Appearance);
        for secret in ["hunter2", "dotted", "t1", "p1", "zz-tok", "k1", "pgpass"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("value: info") && shown.contains("plain: hello"), "{shown}");
        assert_eq!(count, 7, "{shown}");
    }
}
