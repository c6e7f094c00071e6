//! `Map`: a values map, in insertion order, found by key.
//!
//! Nearly every map in a values file has a handful of keys, and a large file has hundreds of
//! thousands of them. A map keeps its entries in one vector and finds a key by comparing keys
//! while it is small; only a map past [`INDEXED`] entries also keeps a hash table of
//! positions. A small map is one allocation of exactly its entries: no table, no hashes
//! (decision 0008).

use crate::node::{KeyHasher, Node, Text};
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Entries a map holds before it keeps a hash table to find a key.
pub const INDEXED: usize = 16;

#[derive(Clone, Default)]
pub struct Map {
    entries: Vec<(Text, Node)>,
    /// Positions in `entries` by key hash; only when `entries` has more than [`INDEXED`].
    index: Option<Box<HashTable<usize>>>,
}

fn hash(key: &str) -> u64 {
    KeyHasher::default().hash_one(key)
}

/// Where `key` is among `entries`, compared one by one. Keys of one map mostly differ in
/// length or at either end: those are told apart without comparing the whole key.
pub fn position(entries: &[(Text, Node)], key: &str) -> Option<usize> {
    let (first, last) = (key.as_bytes().first(), key.as_bytes().last());
    entries.iter().position(|(name, _)| {
        let name = name.as_bytes();
        name.len() == key.len() && name.first() == first && name.last() == last && name == key.as_bytes()
    })
}

impl Map {
    pub fn new() -> Self {
        Map::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Map { entries: Vec::with_capacity(capacity), index: None }
    }

    /// A map of `entries`, whose keys are distinct, in their order.
    pub fn from_distinct(entries: Vec<(Text, Node)>) -> Self {
        let mut map = Map { entries, index: None };
        map.reindex();
        map
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of `key`.
    pub fn get_index_of(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.find(hash(key), |&at| self.entries[at].0 == key).copied(),
            None => position(&self.entries, key),
        }
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get_index_of(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_index_of(key).map(|at| &self.entries[at].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.get_index_of(key).map(|at| &mut self.entries[at].1)
    }

    pub fn get_index(&self, at: usize) -> Option<(&Text, &Node)> {
        self.entries.get(at).map(|(key, node)| (key, node))
    }

    pub fn get_index_mut(&mut self, at: usize) -> Option<(&Text, &mut Node)> {
        self.entries.get_mut(at).map(|(key, node)| (&*key, node))
    }

    /// Set `key` to `node`: in its place when the map has it (returning the old node), at
    /// the end when not.
    pub fn insert(&mut self, key: Text, node: Node) -> Option<Node> {
        match self.insert_new(key, node) {
            Ok(()) => None,
            Err((at, node)) => Some(std::mem::replace(&mut self.entries[at].1, node)),
        }
    }

    /// Add `key` at the end when the map has no such key; otherwise hand `node` back with
    /// the position of the entry that has it. Hashes the key at most once.
    pub fn insert_new(&mut self, key: Text, node: Node) -> Result<(), (usize, Node)> {
        let Some(index) = &mut self.index else {
            if let Some(at) = position(&self.entries, &key) {
                return Err((at, node));
            }
            self.entries.push((key, node));
            if self.entries.len() > INDEXED {
                self.reindex();
            }
            return Ok(());
        };
        let entries = &self.entries;
        let hashed = hash(&key);
        if let Some(&at) = index.find(hashed, |&at| entries[at].0 == key) {
            return Err((at, node));
        }
        index.insert_unique(hashed, entries.len(), |&at| hash(&entries[at].0));
        self.entries.push((key, node));
        Ok(())
    }

    /// Remove `key`, keeping the order of the others.
    pub fn shift_remove(&mut self, key: &str) -> Option<Node> {
        let at = self.get_index_of(key)?;
        let (_, node) = self.entries.remove(at);
        self.reindex();
        Some(node)
    }

    /// Keep the entries `keep` accepts, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Text, &mut Node) -> bool) {
        self.entries.retain_mut(|(key, node)| keep(key, node));
        self.reindex();
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut(self.entries.iter_mut())
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Text> + ExactSizeIterator {
        self.entries.iter().map(|(key, _)| key)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Node> + ExactSizeIterator {
        self.entries.iter().map(|(_, node)| node)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Node> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, node)| node)
    }

    /// Build the hash table when the map is large enough to need one, drop it when not.
    fn reindex(&mut self) {
        if self.entries.len() <= INDEXED {
            self.index = None;
            return;
        }
        let mut index = HashTable::with_capacity(self.entries.len());
        for (at, (key, _)) in self.entries.iter().enumerate() {
            index.insert_unique(hash(key), at, |&at| hash(&self.entries[at].0));
        }
        self.index = Some(Box::new(index));
    }
}

/// Maps are equal when they hold the same keys with equal values, in any order (as Go's
/// maps, and Helm's values, are).
impl PartialEq for Map {
    fn eq(&self, other: &Map) -> bool {
        if self.len() != other.len() {
            return false;
        }
        let same_order = self.entries.iter().zip(&other.entries).all(|((a, _), (b, _))| a == b);
        if same_order {
            return self.entries.iter().zip(&other.entries).all(|((_, a), (_, b))| a == b);
        }
        self.iter().all(|(key, node)| other.get(key) == Some(node))
    }
}

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl std::ops::Index<&str> for Map {
    type Output = Node;

    fn index(&self, key: &str) -> &Node {
        self.get(key).expect("the map has this key")
    }
}

impl Extend<(Text, Node)> for Map {
    fn extend<I: IntoIterator<Item = (Text, Node)>>(&mut self, entries: I) {
        for (key, node) in entries {
            self.insert(key, node);
        }
    }
}

impl FromIterator<(Text, Node)> for Map {
    fn from_iter<I: IntoIterator<Item = (Text, Node)>>(entries: I) -> Self {
        let mut map = Map::new();
        map.extend(entries);
        map
    }
}

pub struct Iter<'a>(std::slice::Iter<'a, (Text, Node)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Text, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, node)| (key, node))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(key, node)| (key, node))
    }
}

impl ExactSizeIterator for Iter<'_> {}

pub struct IterMut<'a>(std::slice::IterMut<'a, (Text, Node)>);

impl<'a> Iterator for IterMut<'a> {
    type Item = (&'a Text, &'a mut Node);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, node)| (&*key, node))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for IterMut<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(key, node)| (&*key, node))
    }
}

impl ExactSizeIterator for IterMut<'_> {}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a Text, &'a Node);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut Map {
    type Item = (&'a Text, &'a mut Node);
    type IntoIter = IterMut<'a>;

    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

impl IntoIterator for Map {
    type Item = (Text, Node);
    type IntoIter = std::vec::IntoIter<(Text, Node)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::{Map, INDEXED};
    use crate::node::{Node, Text, Value};
    use crate::source::{SourceId, Span};

    fn node(n: f64) -> Node {
        Node::new(Value::Float(n), Span::at(SourceId(0), 0))
    }

    fn numbers(map: &Map) -> Vec<(String, f64)> {
        map.iter()
            .map(|(key, node)| match node.value {
                Value::Float(n) => (key.to_string(), n),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn small_and_indexed_maps_find_insert_and_remove_alike() {
        for size in [3, INDEXED, INDEXED + 1, 5 * INDEXED] {
            let mut map: Map = (0..size).map(|i| (Text::from(format!("k{i}")), node(i as f64))).collect();
            assert_eq!(map.len(), size);
            assert!((0..size).all(|i| map.get_index_of(&format!("k{i}")) == Some(i)), "{size}");
            assert_eq!(map.get("absent"), None);
            // A key set again keeps its place.
            assert_eq!(map.insert(Text::from("k1"), node(-1.0)).map(|old| old.value), Some(Value::Float(1.0)));
            assert_eq!(map.get_index_of("k1"), Some(1));
            assert_eq!(map.insert_new(Text::from("k2"), node(9.0)).map_err(|(at, _)| at), Err(2));
            assert_eq!(map.insert_new(Text::from("new"), node(9.0)).map_err(|(at, _)| at), Ok(()));
            assert_eq!(map.get_index_of("new"), Some(size));
            // Removing shifts the later entries and still finds every key.
            assert_eq!(map.shift_remove("k0").map(|old| old.value), Some(Value::Float(0.0)));
            assert_eq!(map.get_index_of("k1"), Some(0));
            assert_eq!(map.get_index_of("new"), Some(size - 1));
            assert!((1..size).all(|i| map.contains_key(&format!("k{i}"))), "{size}");
            map.retain(|key, _| key != "k2");
            assert!(!map.contains_key("k2") && map.contains_key("new"));
            assert_eq!(numbers(&map).last(), Some(&("new".to_string(), 9.0)));
        }
    }

    #[test]
    fn maps_are_equal_in_any_order_and_unequal_on_any_value() {
        for size in [4, 3 * INDEXED] {
            let forward: Map = (0..size).map(|i| (Text::from(format!("k{i}")), node(i as f64))).collect();
            let backward: Map = (0..size).rev().map(|i| (Text::from(format!("k{i}")), node(i as f64))).collect();
            assert_eq!(forward, backward);
            let mut changed = backward.clone();
            changed.insert(Text::from("k0"), node(7.0));
            assert_ne!(forward, changed);
            let mut other_key = backward.clone();
            other_key.shift_remove("k0");
            other_key.insert(Text::from("x"), node(0.0));
            assert_ne!(forward, other_key);
        }
    }
}
