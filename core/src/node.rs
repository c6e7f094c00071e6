//! The positioned value tree every stage works on.
//!
//! A [`Node`] is a value as Helm sees it (after YAML 1.1 resolution and the trip
//! through JSON) plus where it was written and, once layers are resolved, what
//! it shadowed. Numbers keep Helm's two representations: YAML and JSON numbers
//! are `f64`, `--set` integers are `i64`.

use crate::source::Span;
use std::rc::Rc;

/// Keys and strings: most in values files are short, and a `CompactString` keeps up to 24
/// bytes inline, so a leaf costs no allocation for its key or its text (decision 0006).
pub type Text = compact_str::CompactString;

/// Keys hash with foldhash's fixed seed: several times faster than SipHash on the short keys
/// values files are made of, and no randomness (decision 0005). Order is insertion order.
pub type KeyHasher = foldhash::fast::FixedState;
pub use crate::map::Map;

/// Values kept per shared map, by the map's identity (`Rc::ptr_eq`), for walks that skip
/// a map met before. Each map is held while it is a key, so no other map can take its
/// address meanwhile. Only a map another tree also holds is worth keeping ([`is_shared`]).
pub struct ByMap<V>(std::collections::BTreeMap<usize, (Rc<Map>, V)>);

impl<V> Default for ByMap<V> {
    fn default() -> Self {
        ByMap(std::collections::BTreeMap::new())
    }
}

impl<V> ByMap<V> {
    pub fn get(&self, map: &Rc<Map>) -> Option<&V> {
        self.0.get(&address(map)).map(|(_, value)| value)
    }

    pub fn get_mut(&mut self, map: &Rc<Map>) -> Option<&mut V> {
        self.0.get_mut(&address(map)).map(|(_, value)| value)
    }

    pub fn insert(&mut self, map: &Rc<Map>, value: V) {
        self.0.insert(address(map), (Rc::clone(map), value));
    }
}

fn address(map: &Rc<Map>) -> usize {
    Rc::as_ptr(map) as usize
}

/// Whether another tree (or another place in this one) holds `map` too.
pub fn is_shared(map: &Rc<Map>) -> bool {
    Rc::strong_count(map) > 1
}

/// An empty [`Map`] with room for `capacity` keys.
pub fn map_with_capacity(capacity: usize) -> Map {
    Map::with_capacity(capacity)
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An exact integer: only `--set` (and `--set-file` typing never) makes these.
    Int(i64),
    /// Every number read from YAML or JSON, as Go's `float64`.
    Float(f64),
    Str(Text),
    List(Vec<Node>),
    /// Behind a pointer: a map is 72 bytes, and every scalar node would otherwise carry
    /// that much. Shared, not owned: environments built on one base file start from one
    /// tree, and a copy costs nothing until a layer changes it ([`Value::map_mut`] copies
    /// the one map it changes; decision 0007).
    Map(Rc<Map>),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn from_map(map: Map) -> Value {
        Value::Map(Rc::new(map))
    }

    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(map) => Some(map),
            _ => None,
        }
    }
}

/// Why an older value lost to a newer one; rendered in words by `explain`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShadowReason {
    /// A later layer of the same or a later kind replaced the value.
    Replaced,
    /// A list replaced a list as a whole (Helm never merges lists); `dropped`
    /// counts old entries that are gone.
    ListReplaced { dropped: usize },
    /// A null in user values deleted a chart default.
    DeletedByNull,
    /// A later duplicate key in the same YAML map.
    DuplicateKey,
    /// An explicit key beat a `<<` merge key.
    MergeKeyOverridden,
    /// A user value of another type beat the chart default (Helm only logs this).
    TypeClash,
}

/// One value that a node shadowed (replaced, or deleted when the node is the null that deleted it).
#[derive(Clone, Debug, PartialEq)]
pub struct Shadow {
    pub old: Box<Node>,
    pub reason: ShadowReason,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    /// Where the value was written (for a map entry: the value; see [`Node::key_span`]).
    pub span: Span,
    /// For a map entry, where its key was written: always in the value's source, so only
    /// the offsets are kept (8 bytes, not 16, in every node).
    key: KeyRange,
    /// What this node replaced, oldest first. Empty when read; filled by resolve.
    pub history: History,
}

/// Byte offsets of a key in its node's source; `start == u32::MAX` when there is no key.
#[derive(Clone, Copy, Debug, PartialEq)]
struct KeyRange {
    start: u32,
    end: u32,
}

impl KeyRange {
    const NONE: KeyRange = KeyRange { start: u32::MAX, end: u32::MAX };
}

/// What a node shadowed, oldest first. Most nodes shadow nothing, so an empty history
/// is one null pointer (8 bytes) rather than an empty `Vec` (24) in every node.
#[derive(Clone, Debug, Default, PartialEq)]
#[allow(clippy::box_collection)] // the box is the point: 8 bytes when empty, not 24
pub struct History(Option<Box<Vec<Shadow>>>);

impl History {
    pub fn push(&mut self, shadow: Shadow) {
        self.0.get_or_insert_with(Box::default).push(shadow);
    }

    /// Insert at `index` (0 is the oldest).
    pub fn insert(&mut self, index: usize, shadow: Shadow) {
        let list = self.0.get_or_insert_with(Box::default);
        list.insert(index.min(list.len()), shadow);
    }

    /// Move every entry of `newer` to the end of this history.
    pub fn append(&mut self, newer: &mut History) {
        let Some(mut entries) = newer.0.take() else { return };
        match &mut self.0 {
            Some(list) => list.append(&mut entries),
            None => self.0 = Some(entries),
        }
    }

    pub fn clear(&mut self) {
        self.0 = None;
    }
}

impl std::ops::Deref for History {
    type Target = [Shadow];

    fn deref(&self) -> &[Shadow] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl Node {
    pub fn new(value: Value, span: Span) -> Self {
        Node { value, span, key: KeyRange::NONE, history: History::default() }
    }

    pub fn with_key(mut self, key_span: Span) -> Self {
        self.set_key_span(Some(key_span));
        self
    }

    /// For a map entry, where its key was written.
    pub fn key_span(&self) -> Option<Span> {
        (self.key != KeyRange::NONE).then_some(Span {
            source: self.span.source,
            start: self.key.start,
            end: self.key.end,
        })
    }

    /// Set (or clear) where the key was written; a key is written in its value's source.
    pub fn set_key_span(&mut self, key_span: Option<Span>) {
        self.key = match key_span {
            Some(span) => {
                debug_assert_eq!(span.source, self.span.source, "a key and its value share a source");
                KeyRange { start: span.start, end: span.end }
            }
            None => KeyRange::NONE,
        };
    }

    /// The position to show for "who set this": the key if there is one, else the value.
    pub fn origin(&self) -> Span {
        self.key_span().unwrap_or(self.span)
    }

    /// Structural equality of values, ignoring positions and history.
    pub fn same_value(&self, other: &Node) -> bool {
        same_value(&self.value, &other.value)
    }

    /// Number of nodes in this tree, this one included.
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::List(items) => items.iter().map(Node::count).sum(),
            Value::Map(map) => map.values().map(Node::count).sum(),
            _ => 0,
        }
    }
}

pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        // Helm compares through JSON: 1 (int) and 1.0 (float64) print alike.
        #[allow(clippy::cast_precision_loss)]
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            (*x as f64) == *y && y.fract() == 0.0 && (*y as i64) == *x
        }
        (Value::List(x), Value::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.same_value(b)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| v.same_value(w)))
        }
        _ => false,
    }
}

/// Put `new` where `old` was, recording `old` (and everything it had shadowed)
/// in `new`'s history so the chain stays flat and oldest first.
pub fn supersede(old: Node, mut new: Node, reason: ShadowReason) -> Node {
    let mut old = old;
    let mut history = std::mem::take(&mut old.history);
    history.push(Shadow { old: Box::new(old), reason });
    history.append(&mut new.history);
    new.history = history;
    new
}

/// The reason to record when `new` replaces `old` between user layers.
pub fn replace_reason(old: &Value, new: &Value) -> ShadowReason {
    match (old, new) {
        (Value::List(old_items), Value::List(new_items)) => {
            ShadowReason::ListReplaced { dropped: old_items.len().saturating_sub(new_items.len()) }
        }
        _ => ShadowReason::Replaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;

    fn node(n: f64) -> Node {
        Node::new(Value::Float(n), Span::at(SourceId(0), 0))
    }

    fn olds(history: &History) -> Vec<Value> {
        history.iter().map(|s| s.old.value.clone()).collect()
    }

    #[test]
    fn a_node_stays_small() {
        // Every value of a 50 MB file is a node; growing this costs memory everywhere.
        assert!(std::mem::size_of::<Node>() <= 64, "Node is {} bytes", std::mem::size_of::<Node>());
    }

    fn map_of(entries: Vec<(&str, Node)>) -> Node {
        let map: Map = entries.into_iter().map(|(key, node)| (Text::from(key), node)).collect();
        Node::new(Value::from_map(map), Span::at(SourceId(0), 0))
    }

    fn child<'a>(node: &'a Node, key: &str) -> &'a Rc<Map> {
        match &node.value.as_map().map(|map| &map[key].value) {
            Some(Value::Map(map)) => map,
            _ => panic!("`{key}` is not a map"),
        }
    }

    #[test]
    fn a_copy_shares_its_maps_until_a_layer_changes_one() {
        let base = map_of(vec![("a", map_of(vec![("x", node(1.0))])), ("b", map_of(vec![("y", node(2.0))]))]);
        let mut copy = base.clone();
        let overlay = map_of(vec![("a", map_of(vec![("x", node(3.0))]))]);
        let (Value::Map(target), Value::Map(newer)) = (&mut copy.value, overlay.value) else { unreachable!() };
        crate::merge::merge_maps(Rc::make_mut(target), Rc::unwrap_or_clone(newer));

        assert_eq!(child(&base, "a")["x"].value, Value::Float(1.0), "the original is untouched");
        assert_eq!(child(&copy, "a")["x"].value, Value::Float(3.0));
        assert!(Rc::ptr_eq(child(&base, "b"), child(&copy, "b")), "a map no layer changed stays shared");
        assert!(!Rc::ptr_eq(child(&base, "a"), child(&copy, "a")));
    }

    #[test]
    fn history_keeps_the_chain_flat_and_oldest_first() {
        let second = supersede(node(1.0), node(2.0), ShadowReason::Replaced);
        let third = supersede(second, node(3.0), ShadowReason::DuplicateKey);
        assert_eq!(olds(&third.history), vec![Value::Float(1.0), Value::Float(2.0)]);
        assert_eq!(third.history[1].reason, ShadowReason::DuplicateKey);

        let mut history = History::default();
        assert!(history.is_empty());
        history.push(Shadow { old: Box::new(node(5.0)), reason: ShadowReason::Replaced });
        history.insert(0, Shadow { old: Box::new(node(4.0)), reason: ShadowReason::TypeClash });
        let mut newer = History::default();
        newer.push(Shadow { old: Box::new(node(6.0)), reason: ShadowReason::Replaced });
        history.append(&mut newer);
        assert!(newer.is_empty());
        assert_eq!(olds(&history), vec![Value::Float(4.0), Value::Float(5.0), Value::Float(6.0)]);
        history.clear();
        assert_eq!(history.len(), 0);
    }
}
