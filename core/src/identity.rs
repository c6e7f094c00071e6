//! List entries by identity, shared by matrix, diff and masking: a list of maps
//! whose entries all carry a distinct `name` (or `key`, `id`, `host`, `path`) is
//! compared entry by entry under that identity, shown as `env[name=LOG_LEVEL].value`;
//! any other list of maps goes by index.

use crate::emit::yaml_scalar_inline;
use crate::node::{Node, Value};
use std::borrow::Cow;

/// Keys that identify an entry of a list of maps, best first (`path` for ingress-style `paths` lists).
pub const IDENTITY_KEYS: [&str; 5] = ["name", "key", "id", "host", "path"];

/// The identity key that every entry of every list has, with a scalar value unique
/// within its own list. Lists of scalars (and empty lists) are compared whole, never here.
pub fn identity_key(lists: &[&[Node]]) -> Option<&'static str> {
    IDENTITY_KEYS.into_iter().find(|key| lists.iter().all(|items| unique_ids(items, key)))
}

fn unique_ids(items: &[Node], key: &str) -> bool {
    // Most lists of maps are short (`env`, `hosts`, `ports`): compared pairwise, with no
    // vector; the first entry alone rules most keys out.
    const SHORT: usize = 8;
    let Some(first) = items.first().and_then(|item| identity(item, key)) else { return items.is_empty() };
    if items.len() <= SHORT {
        let mut seen: [Option<Cow<str>>; SHORT] = Default::default();
        seen[0] = Some(first);
        for (at, item) in items.iter().enumerate().skip(1) {
            let Some(id) = identity(item, key) else { return false };
            if seen[..at].iter().any(|other| other.as_deref() == Some(&*id)) {
                return false;
            }
            seen[at] = Some(id);
        }
        return true;
    }
    let mut ids = Vec::with_capacity(items.len());
    ids.push(first);
    for item in &items[1..] {
        match identity(item, key) {
            Some(id) => ids.push(id),
            None => return false,
        }
    }
    ids.sort_unstable();
    ids.windows(2).all(|pair| pair[0] != pair[1])
}

/// The entry's identity under `key`: its scalar value as text (a string as it is, not copied:
/// every list of maps is asked for the identities of all its entries).
pub fn identity<'a>(item: &'a Node, key: &str) -> Option<Cow<'a, str>> {
    let node = item.value.as_map()?.get(key)?;
    match &node.value {
        Value::Str(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Null | Value::List(_) | Value::Map(_) => None,
        other => Some(Cow::Owned(yaml_scalar_inline(other))),
    }
}

/// Whether a list is one leaf: empty, or scalars only (compared as a whole).
pub fn is_leaf_list(items: &[Node]) -> bool {
    items.iter().all(|item| !matches!(item.value, Value::List(_) | Value::Map(_)))
}

/// Append `[key=id]`, with `\` and `]` in the id escaped.
pub fn push_entry(path: &mut String, key: &str, id: &str) {
    path.push('[');
    path.push_str(key);
    path.push('=');
    for c in id.chars() {
        if matches!(c, '\\' | ']') {
            path.push('\\');
        }
        path.push(c);
    }
    path.push(']');
}

/// Append `.key` (or `key` at the start), escaped as `path::Path` prints it.
pub fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    // Most keys need no escape: copy them whole. By byte: every byte looked for is ASCII.
    let mut rest = key;
    while let Some(at) = rest.bytes().position(|b| matches!(b, b'.' | b'[' | b']' | b'\\')) {
        path.push_str(&rest[..at]);
        path.push('\\');
        path.push_str(&rest[at..=at]);
        rest = &rest[at + 1..];
    }
    path.push_str(rest);
}

/// Where path segments start in a path as matrix, diff and check print it: the byte offsets of
/// every unescaped `.` and of every `[` that opens a segment. `path[..b]` for each
/// boundary `b` is an ancestor.
pub fn boundaries(path: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut escaped = false;
    let mut in_bracket = false;
    for (i, c) in path.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !in_bracket => {
                in_bracket = true;
                found.push(i);
            }
            ']' if in_bracket => in_bracket = false,
            '.' if !in_bracket => found.push(i),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::Map;
    use crate::source::{SourceId, Span};

    fn entry(pairs: &[(&str, &str)]) -> Node {
        let mut map = Map::default();
        for (k, v) in pairs {
            map.insert((*k).into(), Node::new(Value::Str((*v).into()), span()));
        }
        Node::new(Value::from_map(map), span())
    }

    fn span() -> Span {
        Span::at(SourceId(0), 0)
    }

    #[test]
    fn identity_needs_every_entry_of_both_lists_and_uniqueness() {
        let a = [entry(&[("name", "x"), ("id", "1")]), entry(&[("name", "y"), ("id", "2")])];
        let b = [entry(&[("name", "y"), ("id", "2")]), entry(&[("name", "z"), ("id", "2")])];
        assert_eq!(identity_key(&[&a, &b]), Some("name"));
        let c = [entry(&[("name", "x"), ("id", "1")]), entry(&[("name", "x"), ("id", "2")])];
        assert_eq!(identity_key(&[&a, &c]), Some("id"));
        let d = [entry(&[("host", "a")]), entry(&[("port", "2")])];
        assert_eq!(identity_key(&[&d]), None);
        // Short and long lists alike: a repeated name anywhere rules `name` out.
        for len in [1, 2, 8, 9, 40] {
            let names: Vec<String> = (0..len).map(|i| format!("n{i}")).collect();
            let list: Vec<Node> =
                names.iter().enumerate().map(|(i, name)| entry(&[("name", name), ("id", &i.to_string())])).collect();
            assert_eq!(identity_key(&[&list]), Some("name"), "{len}");
            let mut repeated = list.clone();
            repeated.push(entry(&[("name", "n0"), ("id", "last")]));
            assert_eq!(identity_key(&[&repeated]), Some("id"), "{len}");
        }
        assert_eq!(identity_key(&[&[]]), Some("name"));
    }

    #[test]
    fn paths_escape_like_path_display() {
        let mut path = String::new();
        push_key(&mut path, "annotations");
        push_key(&mut path, "kubernetes.io/tls");
        push_entry(&mut path, "name", "a]b");
        assert_eq!(path, r"annotations.kubernetes\.io/tls[name=a\]b]");
        let mut path = String::new();
        push_key(&mut path, r"a.b[0]\é.");
        push_key(&mut path, "");
        assert_eq!(path, r"a\.b\[0\]\\é\..");
    }
}
