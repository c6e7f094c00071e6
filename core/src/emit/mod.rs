//! Output bytes: YAML and JSON of a value tree, identical on every platform.
//!
//! Key order is the tree's (order of first appearance) unless the caller asks
//! for Helm's sorted order. Numbers go through [`number`] so float formatting
//! never depends on the platform.

mod flow;
mod json;
pub mod number;
mod yaml;

pub use flow::{write_flow, FlowStyle};
pub use json::{json_string, to_json, to_json_compact, write_json};
pub use yaml::{to_yaml, write_yaml, yaml_scalar_inline};

/// Helm's order of keys for a format when `--sort-keys` is asked for, else order of appearance.
pub fn key_order(sort_keys: bool, yaml: bool) -> KeyOrder {
    match (sort_keys, yaml) {
        (false, _) => KeyOrder::Appearance,
        (true, true) => KeyOrder::Natural,
        (true, false) => KeyOrder::Bytes,
    }
}

use crate::node::{Map, Node, Text};

/// How to order map keys in output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyOrder {
    /// Order of first appearance across the layers.
    Appearance,
    /// Go's `encoding/json` order: by bytes (Helm's `-o json`).
    Bytes,
    /// go-yaml v2's order: other characters before letters, digit runs by value (Helm's YAML).
    Natural,
}

/// Output written in pieces: once `out` holds a megabyte, it goes to `sink`.
fn flush_full(out: &mut String, sink: &mut dyn std::fmt::Write) {
    if out.len() >= 1 << 20 {
        let _ = sink.write_str(out);
        out.clear();
    }
}

/// Two spaces per level of `indent`.
pub(super) fn pad(out: &mut String, indent: usize) {
    push_spaces(out, indent * 2);
}

/// `count` spaces, a run at a time (indentation, padded table cells).
pub fn push_spaces(out: &mut String, mut count: usize) {
    const SPACES: &str = "                                                                ";
    while count > 0 {
        let n = count.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        count -= n;
    }
}

/// `n` in decimal, without the formatting machinery (outputs of millions of lines write
/// a line and column on each).
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `n % 10` is below 10: the cast keeps it whole.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        digits[start] = b'0' + digit;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Map entries in output order (no copy of the entries unless they are sorted).
fn entries(map: &Map, order: KeyOrder) -> Entries<'_> {
    let compare: fn(&str, &str) -> std::cmp::Ordering = match order {
        KeyOrder::Appearance => return Entries::Appearance(map.iter()),
        // Rust's `str` order is byte order.
        KeyOrder::Bytes => |a, b| a.cmp(b),
        KeyOrder::Natural => natural_order,
    };
    let mut sorted: Vec<_> = map.iter().collect();
    sorted.sort_by(|a, b| compare(a.0, b.0));
    Entries::Sorted(sorted.into_iter())
}

enum Entries<'a> {
    Appearance(crate::map::Iter<'a>),
    Sorted(std::vec::IntoIter<(&'a Text, &'a Node)>),
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a Text, &'a Node);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Entries::Appearance(iter) => iter.next(),
            Entries::Sorted(iter) => iter.next(),
        }
    }
}

/// go-yaml v2's key order for string keys (`keyList.Less` in its `sorter.go`):
/// non-letters sort before letters, runs of digits compare by value, so
/// `item2` < `item10`; a shorter key that is a prefix sorts first.
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    for i in 0..a.len().min(b.len()) {
        if a[i] == b[i] {
            continue;
        }
        let (a_letter, b_letter) = (a[i].is_alphabetic(), b[i].is_alphabetic());
        if a_letter && b_letter {
            return a[i].cmp(&b[i]);
        }
        if a_letter || b_letter {
            return if b_letter { Ordering::Less } else { Ordering::Greater };
        }
        // Digit runs compare by value; a run after a non-zero digit keeps leading zeros significant.
        let mut a_num: i64 = 0;
        let mut b_num: i64 = 0;
        if a[i] == '0' || b[i] == '0' {
            let mut j = i;
            while j > 0 && a[j - 1].is_ascii_digit() {
                j -= 1;
                if a[j] != '0' {
                    a_num = 1;
                    b_num = 1;
                    break;
                }
            }
        }
        let mut a_end = i;
        while a_end < a.len() && a[a_end].is_ascii_digit() {
            a_num = a_num.wrapping_mul(10).wrapping_add(i64::from(a[a_end] as u8 - b'0'));
            a_end += 1;
        }
        let mut b_end = i;
        while b_end < b.len() && b[b_end].is_ascii_digit() {
            b_num = b_num.wrapping_mul(10).wrapping_add(i64::from(b[b_end] as u8 - b'0'));
            b_end += 1;
        }
        if a_num != b_num {
            return a_num.cmp(&b_num);
        }
        if a_end != b_end {
            return a_end.cmp(&b_end);
        }
        return a[i].cmp(&b[i]);
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::{natural_order, push_decimal};
    use std::cmp::Ordering::*;

    #[test]
    fn decimals_read_as_format_writes_them() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295, u64::MAX] {
            let mut out = String::from("at ");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("at {n}"));
        }
    }

    #[test]
    fn natural_order_is_go_yaml_v2s() {
        assert_eq!(natural_order("item2", "item10"), Less);
        assert_eq!(natural_order("allowed_x", "allowedOrigins"), Less, "non-letters sort before letters");
        assert_eq!(natural_order("a", "ab"), Less);
        assert_eq!(natural_order("b", "a"), Greater);
        assert_eq!(natural_order("1", "a"), Less);
        assert_eq!(natural_order("x01", "x1"), Greater);
        let mut keys = vec!["item10", "Item", "item2", "_x", "item"];
        keys.sort_by(|a, b| natural_order(a, b));
        assert_eq!(keys, ["_x", "Item", "item", "item2", "item10"]);
    }

    /// A sink that keeps each piece written to it.
    #[derive(Default)]
    struct Pieces(Vec<String>);

    impl std::fmt::Write for Pieces {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.push(s.to_string());
            Ok(())
        }
    }

    #[test]
    fn large_output_goes_out_in_pieces_that_join_to_the_whole() {
        use crate::node::{Map, Node, Value};
        use crate::source::{SourceId, Span};
        let at = Span::at(SourceId(0), 0);
        let mut map = Map::default();
        let mut expected_yaml = String::new();
        let mut reference = serde_json::Map::new();
        for i in 0..40_000 {
            let (key, value) = (format!("key{i:05}"), format!("value {i} of a long enough line"));
            expected_yaml.push_str(&format!("{key}: {value}\n"));
            reference.insert(key.clone(), serde_json::Value::String(value.clone()));
            map.insert(key.into(), Node::new(Value::Str(value.into()), at));
        }
        let root = Node::new(Value::from_map(map), at);

        let mut json = Pieces::default();
        super::write_json(&root, super::KeyOrder::Appearance, &mut json);
        assert!(json.0.len() >= 2, "{} piece(s)", json.0.len());
        assert_eq!(json.0.concat(), serde_json::to_string_pretty(&reference).unwrap() + "\n");

        let mut yaml = Pieces::default();
        super::write_yaml(&root, super::KeyOrder::Appearance, &mut yaml);
        assert!(yaml.0.len() >= 2, "{} piece(s)", yaml.0.len());
        assert_eq!(yaml.0.concat(), expected_yaml);
    }

    #[test]
    fn deep_json_is_indented_like_serde_json_at_every_depth() {
        use crate::node::{Map, Node, Value};
        use crate::source::{SourceId, Span};
        let at = Span::at(SourceId(0), 0);
        let (mut node, mut reference) = (Node::new(Value::Float(1.0), at), serde_json::json!(1));
        for depth in 0..50 {
            let mut map = Map::default();
            map.insert(format!("k{depth}").into(), node);
            map.insert("n".into(), Node::new(Value::List(vec![Node::new(Value::Bool(true), at)]), at));
            node = Node::new(Value::from_map(map), at);
            reference = serde_json::json!({ format!("k{depth}"): reference, "n": [true] });
        }
        let json = super::to_json(&node, super::KeyOrder::Appearance);
        assert_eq!(json, serde_json::to_string_pretty(&reference).unwrap() + "\n");
    }
}
