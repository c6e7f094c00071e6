//! The semantic comparison of two resolved environments, path by path.
//!
//! Both trees are walked together: maps by key (A's order, then keys only B has), lists
//! of maps by entry identity when every entry of both lists has one (else by index),
//! lists of scalars and scalars as whole values. A subtree on one side only is reported
//! leaf by leaf, each leaf with its own origin.

use super::model::{Change, Kind, Origin, Side};
use crate::emit::{to_json_compact, yaml_scalar_inline};
use crate::identity::{identity, identity_key, is_leaf_list, push_entry, push_key};
use crate::mask::{entry_named_secret, masked, masked_leaf};
use crate::node::{Node, Text, Value};
use crate::path::{Path, Segment};
use crate::resolve::{LayerKind, Resolved};
use crate::secrets::SecretKeys;
use crate::source::{SourceId, Sources, Span};
use crate::workspace::SecretRules;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::rc::Rc;

/// One resolved environment and the sources its positions point into.
#[derive(Clone, Copy)]
pub struct Tree<'a> {
    pub resolved: &'a Resolved,
    pub sources: &'a Sources,
}

/// How values are shown.
#[derive(Clone, Copy)]
pub struct Show<'a> {
    pub rules: &'a SecretRules,
    pub secrets: bool,
    /// Whether each side's value is wanted as JSON too (only JSON output prints it).
    pub json: bool,
}

/// Every change from `a` to `b`, in tree order.
pub fn compare(a: Tree, b: Tree, show: Show) -> Vec<Change> {
    let mut cx = Walk {
        a,
        b,
        show,
        changes: Vec::new(),
        keys: Path::root(),
        secret_keys: SecretKeys::new(show.rules),
        places: BTreeMap::new(),
    };
    let mut path = String::new();
    cx.both(&a.resolved.root, &b.resolved.root, &mut path, false);
    cx.changes
}

struct Walk<'a> {
    a: Tree<'a>,
    b: Tree<'a>,
    show: Show<'a>,
    changes: Vec<Change>,
    /// The path by keys and indices, for finding the `null` that deleted a value.
    keys: Path,
    /// Which keys are secret, decided once per key name.
    secret_keys: SecretKeys<'a>,
    /// File and layer of each source on each side, named once: changes share a few files.
    places: BTreeMap<(Which, SourceId), Place>,
}

/// What [`origin`] says of a source besides line and column.
#[derive(Clone)]
struct Place {
    file: Rc<str>,
    layer: Rc<str>,
    note: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Which {
    A,
    B,
}

impl<'a> Walk<'a> {
    fn both(&mut self, a: &'a Node, b: &'a Node, path: &mut String, named: bool) {
        match (&a.value, &b.value) {
            // One map in both trees (environments over one base share what neither changed).
            (Value::Map(ma), Value::Map(mb)) if Rc::ptr_eq(ma, mb) => {}
            (Value::Map(ma), Value::Map(mb)) => {
                let mut found = 0;
                for (i, (key, na)) in ma.iter().enumerate() {
                    // Environments built on one base mostly keep its key order: try the same place first.
                    let nb = match mb.get_index(i) {
                        Some((other, nb)) if other == key => Some(nb),
                        _ => mb.get(key),
                    };
                    found += usize::from(nb.is_some());
                    self.key(path, key, |cx, path| match nb {
                        Some(nb) => cx.both(na, nb, path, named),
                        None => cx.one(Which::A, na, path, named),
                    });
                }
                if found < mb.len() {
                    for (key, nb) in mb.iter().filter(|(key, _)| !ma.contains_key(key)) {
                        self.key(path, key, |cx, path| cx.one(Which::B, nb, path, named));
                    }
                }
            }
            (Value::List(la), Value::List(lb)) if walked(la) && walked(lb) && !(la.is_empty() && lb.is_empty()) => {
                self.lists(la, lb, path, named);
            }
            _ if a.same_value(b) => {}
            (va, vb) => {
                let whole = |v: &Value| matches!(v, Value::Map(_) | Value::List(_));
                let kind = if va.type_name() != vb.type_name() || whole(va) != whole(vb) {
                    Kind::TypeChanged
                } else {
                    Kind::Changed
                };
                let change = Change {
                    path: path.clone(),
                    kind,
                    a: Some(self.side(Which::A, a, path, named)),
                    b: Some(self.side(Which::B, b, path, named)),
                };
                self.changes.push(change);
            }
        }
    }

    fn lists(&mut self, la: &'a [Node], lb: &'a [Node], path: &mut String, named: bool) {
        // One entry on each side under another identity (`hosts: [{host: staging.example.com}]`
        // against `prod.example.com`) is the same entry changed, not one removed and one added.
        let renamed = |key: &str| matches!((la, lb), ([a], [b]) if identity(a, key) != identity(b, key));
        let Some(key) = identity_key(&[la, lb]).filter(|key| !renamed(key)) else {
            for i in 0..la.len().max(lb.len()) {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                self.keys.0.push(Segment::Index(i));
                match (la.get(i), lb.get(i)) {
                    (Some(a), Some(b)) => self.both(a, b, path, named),
                    (Some(a), None) => self.one(Which::A, a, path, named),
                    (None, Some(b)) => self.one(Which::B, b, path, named),
                    (None, None) => {}
                }
                self.keys.0.pop();
                path.truncate(len);
            }
            return;
        };
        let ids_b: Vec<Option<Cow<str>>> = lb.iter().map(|item| identity(item, key)).collect();
        let mut entries: Vec<(Option<&'a Node>, Option<&'a Node>, String, usize)> = Vec::new();
        for (i, a) in la.iter().enumerate() {
            let id = identity(a, key).map(Cow::into_owned).unwrap_or_default();
            let b = ids_b.iter().position(|other| other.as_deref() == Some(id.as_str())).map(|j| &lb[j]);
            entries.push((Some(a), b, id, i));
        }
        let ids_a: Vec<Option<Cow<str>>> = la.iter().map(|item| identity(item, key)).collect();
        for (j, b) in lb.iter().enumerate() {
            if !ids_a.contains(&ids_b[j]) {
                entries.push((None, Some(b), ids_b[j].as_deref().unwrap_or_default().to_string(), j));
            }
        }
        for (a, b, id, index) in entries {
            let len = path.len();
            push_entry(path, key, &id);
            self.keys.0.push(Segment::Index(index));
            let entry_named = entry_named_secret(self.show.rules, named, &id);
            self.entry(a, b, key, path, named, entry_named);
            self.keys.0.pop();
            path.truncate(len);
        }
    }

    /// A list entry (a map) on one or both sides: its identity key keeps the enclosing
    /// secrecy, its other keys take the entry's.
    fn entry(
        &mut self,
        a: Option<&'a Node>,
        b: Option<&'a Node>,
        key: &str,
        path: &mut String,
        named: bool,
        entry_named: bool,
    ) {
        let map_of = |n: Option<&'a Node>| n.and_then(|n| n.value.as_map());
        let (ma, mb) = (map_of(a), map_of(b));
        let keys: Vec<&'a Text> = ma
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(mb.into_iter().flat_map(|m| m.keys()).filter(|k| !ma.is_some_and(|m| m.contains_key(k))))
            .collect();
        for k in keys {
            let flag = if k == key { named } else { entry_named };
            self.key(path, k, |cx, path| match (ma.and_then(|m| m.get(k)), mb.and_then(|m| m.get(k))) {
                (Some(x), Some(y)) => cx.both(x, y, path, flag),
                (Some(x), None) => cx.one(Which::A, x, path, flag),
                (None, Some(y)) => cx.one(Which::B, y, path, flag),
                (None, None) => {}
            });
        }
    }

    /// A subtree only one side has: every leaf is added (B) or removed (A).
    fn one(&mut self, which: Which, node: &'a Node, path: &mut String, named: bool) {
        match &node.value {
            Value::Map(map) if !map.is_empty() => {
                for (key, child) in map.iter() {
                    self.key(path, key, |cx, path| cx.one(which, child, path, named));
                }
            }
            Value::List(items) if !is_leaf_list(items) => {
                let key = identity_key(&[items]);
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    self.keys.0.push(Segment::Index(i));
                    match key.and_then(|key| Some((key, identity(item, key)?))) {
                        Some((key, id)) => {
                            push_entry(path, key, &id);
                            let entry_named = entry_named_secret(self.show.rules, named, &id);
                            let (a, b) = if which == Which::A { (Some(item), None) } else { (None, Some(item)) };
                            self.entry(a, b, key, path, named, entry_named);
                        }
                        None => {
                            let _ = write!(path, "[{i}]");
                            self.one(which, item, path, named);
                        }
                    }
                    self.keys.0.pop();
                    path.truncate(len);
                }
            }
            _ => {
                let side = self.side(which, node, path, named);
                let other = self.deleted(if which == Which::A { Which::B } else { Which::A });
                let (kind, a, b) = match which {
                    Which::A => (Kind::Removed, Some(side), other),
                    Which::B => (Kind::Added, other, Some(side)),
                };
                self.changes.push(Change { path: path.clone(), kind, a, b });
            }
        }
    }

    fn key(&mut self, path: &mut String, key: &str, then: impl FnOnce(&mut Self, &mut String)) {
        let len = path.len();
        push_key(path, key);
        self.keys.push_key(key);
        then(self, path);
        self.keys.0.pop();
        path.truncate(len);
    }

    fn tree(&self, which: Which) -> Tree<'a> {
        match which {
            Which::A => self.a,
            Which::B => self.b,
        }
    }

    fn side(&mut self, which: Which, node: &Node, path: &str, named: bool) -> Side {
        let rules = self.show.rules;
        let whole = matches!(&node.value, Value::Map(m) if !m.is_empty())
            || matches!(&node.value, Value::List(l) if !is_leaf_list(l));
        let copy;
        let (value, masked_leaf) = if self.show.secrets {
            (&node.value, false)
        } else if whole {
            copy = masked(node, path, rules).value;
            (&copy, false)
        } else if let Some(shown) = masked_leaf(&self.secret_keys, path, node, named) {
            copy = shown;
            (&copy, true)
        } else {
            (&node.value, false)
        };
        let shown = yaml_scalar_inline(value);
        let json = if self.show.json { to_json_compact(value) } else { String::new() };
        Side {
            shown,
            json,
            type_name: node.value.type_name(),
            masked: masked_leaf,
            deleted: false,
            at: self.origin(which, node.origin()),
        }
    }

    /// [`origin`], naming each source's file and layer once.
    fn origin(&mut self, which: Which, span: Span) -> Origin {
        let tree = self.tree(which);
        let place = self.places.entry((which, span.source)).or_insert_with(|| {
            let named = origin(tree, span);
            Place { file: named.file, layer: named.layer, note: named.note }
        });
        let at = tree.sources.line_col(span.source, span.start);
        Origin {
            file: place.file.clone(),
            line: at.line,
            column: at.column,
            layer: place.layer.clone(),
            note: place.note,
        }
    }

    /// The `null` on this side that deleted the value at the current path, if one did.
    fn deleted(&mut self, which: Which) -> Option<Side> {
        let tree = self.tree(which);
        let deletion = tree.resolved.deletions.iter().find(|d| d.by.is_some() && d.path.is_prefix_of(&self.keys))?;
        let by = deletion.by.as_ref()?;
        Some(Side {
            shown: "null".to_string(),
            json: if self.show.json { "null".to_string() } else { String::new() },
            type_name: "null",
            masked: false,
            deleted: true,
            at: self.origin(which, by.origin()),
        })
    }
}

/// A list compared entry by entry (lists of maps, and the empty list next to one), not whole.
fn walked(items: &[Node]) -> bool {
    items.is_empty() || !is_leaf_list(items)
}

/// Where `span` is, with the layer it belongs to.
pub fn origin(tree: Tree, span: Span) -> Origin {
    let at = tree.sources.line_col(span.source, span.start);
    let layer = tree.resolved.layer_of(span);
    Origin {
        file: tree.sources.display_name(span.source).into(),
        line: at.line,
        column: at.column,
        layer: layer.map_or_else(|| tree.sources.name(span.source).into(), |l| l.label(tree.sources).into()),
        note: match layer.map(|l| l.kind) {
            Some(LayerKind::ChartDefaults) => Some("chart defaults"),
            Some(LayerKind::Inline) => Some("inline values"),
            _ => None,
        },
    }
}
