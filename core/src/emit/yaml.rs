//! YAML output in the style of `helm get values`: block style, two-space
//! indent, list items level with their key, strings quoted whenever Helm's
//! YAML 1.1 reader would read them as anything but the same string.

use super::json::json_string;
use super::{entries, pad, KeyOrder};
use crate::node::{Map, Node, Value};

/// The whole tree as YAML text with a final newline.
pub fn to_yaml(root: &Node, order: KeyOrder) -> String {
    let mut out = String::new();
    write_yaml(root, order, &mut out);
    out
}

/// [`to_yaml`] written to `sink` a top-level entry at a time: a large output is never
/// held whole.
pub fn write_yaml(root: &Node, order: KeyOrder, sink: &mut dyn std::fmt::Write) {
    let mut out = String::new();
    match &root.value {
        Value::Map(map) if !map.is_empty() => {
            write_map_then(&mut out, map, 0, false, order, |out| super::flush_full(out, sink));
        }
        Value::List(items) if !items.is_empty() => write_list(&mut out, items, 0, false, order),
        other => {
            write_inline(&mut out, other);
            out.push('\n');
        }
    }
    let _ = sink.write_str(&out);
}

/// One value on one line (flow style), for messages and tables.
pub fn yaml_scalar_inline(value: &Value) -> String {
    let mut out = String::new();
    write_inline(&mut out, value);
    out
}

fn write_inline(out: &mut String, value: &Value) {
    let style = super::flow::FlowStyle { string: &write_string_inline, key: &write_string_inline, float: yaml_float };
    super::flow::write_flow(out, value, &style);
}

/// A float as YAML that reads back to the same float64: JSON's digits, except that
/// negative zero, which JSON writes `-0` and YAML 1.1 would read as the integer 0, is `-0.0`.
fn yaml_float(out: &mut String, f: f64) {
    if f == 0.0 && f.is_sign_negative() {
        out.push_str("-0.0");
    } else {
        super::number::write_float(out, f);
    }
}

fn write_map(out: &mut String, map: &Map, indent: usize, first_inline: bool, order: KeyOrder) {
    write_map_then(out, map, indent, first_inline, order, |_| {});
}

/// [`write_map`], calling `after_entry` with the output after each entry.
fn write_map_then(
    out: &mut String,
    map: &Map,
    indent: usize,
    first_inline: bool,
    order: KeyOrder,
    mut after_entry: impl FnMut(&mut String),
) {
    for (i, (key, node)) in entries(map, order).enumerate() {
        if i > 0 || !first_inline {
            pad(out, indent);
        }
        let start = out.len();
        write_string_inline(out, key);
        if out.len() - start > SIMPLE_KEY_LIMIT {
            // YAML caps implicit keys at 1024 characters: longer ones need the explicit `? key` form.
            out.insert_str(start, "? ");
            out.push('\n');
            pad(out, indent);
            out.push(':');
            write_nested(out, &node.value, indent + 1, true, order);
        } else {
            out.push(':');
            write_nested(out, &node.value, indent, true, order);
        }
        after_entry(out);
    }
}

/// Longest key written in the implicit `key: value` form (YAML allows 1024 characters).
const SIMPLE_KEY_LIMIT: usize = 1000;

fn write_list(out: &mut String, items: &[Node], indent: usize, first_inline: bool, order: KeyOrder) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !first_inline {
            pad(out, indent);
        }
        out.push('-');
        write_nested(out, &item.value, indent, false, order);
    }
}

/// The part after `key:` or `-`, including the line end.
fn write_nested(out: &mut String, value: &Value, indent: usize, after_key: bool, order: KeyOrder) {
    match value {
        Value::Map(map) if !map.is_empty() => {
            if after_key {
                out.push('\n');
                write_map(out, map, indent + 1, false, order);
            } else {
                out.push(' ');
                write_map(out, map, indent + 1, true, order);
            }
        }
        Value::List(items) if !items.is_empty() => {
            if after_key {
                out.push('\n');
                write_list(out, items, indent, false, order);
            } else {
                out.push(' ');
                write_list(out, items, indent + 1, true, order);
            }
        }
        Value::Str(s) if block_literal_ok(s) => {
            out.push_str(" |");
            let body = s.trim_end_matches('\n');
            match s.len() - body.len() {
                0 => out.push('-'),
                1 => {}
                _ => out.push('+'),
            }
            out.push('\n');
            let trailing = s.len() - body.len();
            for line in body.split('\n') {
                if !line.is_empty() {
                    pad(out, indent + 1);
                    out.push_str(line);
                }
                out.push('\n');
            }
            // Keep chomping: extra trailing newlines become empty lines.
            for _ in 1..trailing {
                out.push('\n');
            }
        }
        other => {
            out.push(' ');
            write_inline(out, other);
            out.push('\n');
        }
    }
}

/// A literal block keeps the text exactly only if it has no characters that
/// need escapes and no whitespace a block scalar would fold away.
fn block_literal_ok(s: &str) -> bool {
    let body = s.trim_end_matches('\n');
    s.contains('\n')
        && !body.is_empty()
        && !body.starts_with([' ', '\t', '\n'])
        && !s.chars().any(|c| c != '\n' && (c.is_control() || c == '\u{feff}') && c != '\t')
        && body.split('\n').all(|line| !line.ends_with([' ', '\t']))
}

fn write_string_inline(out: &mut String, s: &str) {
    if plain_ok(s) {
        out.push_str(s);
    } else {
        json_string(out, s);
    }
}

/// Whether `s` can be written without quotes and still read back, by Helm's
/// YAML 1.1 reader and by YAML 1.2 readers, as exactly this string. Errs on
/// the side of quoting.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if s.len() > 1024 {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`~=<".contains(first) || first.is_whitespace() || s.ends_with(char::is_whitespace) {
        return false;
    }
    // One pass for what may not appear anywhere: `: `, ` #`, a final `:`, tabs, line
    // breaks, backslashes, control characters and the invisible or line-breaking ones.
    let mut previous = '\0';
    for c in s.chars() {
        let refused = match c {
            ' ' => previous == ':',
            '#' => previous == ' ',
            '\t' | '\n' | '\r' | '\\' | '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            c => c.is_control(),
        };
        if refused {
            return false;
        }
        previous = c;
    }
    if previous == ':' || is_reserved_word(s) {
        return false;
    }
    // Anything that starts like a number (or a date, or `.inf`) is quoted.
    let looks_numeric = first.is_ascii_digit()
        || ((first == '+' || first == '.') && s[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.'));
    !looks_numeric && !s.eq_ignore_ascii_case(".inf") && !s.eq_ignore_ascii_case(".nan")
}

fn is_reserved_word(s: &str) -> bool {
    const WORDS: [&str; 12] = ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", ".nan"];
    s.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceId, Span};

    fn node(value: Value) -> Node {
        Node::new(value, Span::at(SourceId(0), 0))
    }

    fn map(entries: Vec<(&str, Value)>) -> Value {
        Value::from_map(entries.into_iter().map(|(k, v)| (k.into(), node(v))).collect())
    }

    #[test]
    fn block_style_with_lists_level_with_keys() {
        let root = node(map(vec![
            ("a", Value::Float(1.0)),
            ("b", map(vec![("c", Value::Str("x".into())), ("d", Value::List(vec![]))])),
            (
                "l",
                Value::List(vec![
                    node(map(vec![("name", Value::Str("web".into())), ("v", Value::Null)])),
                    node(Value::Bool(true)),
                ]),
            ),
            ("e", map(vec![])),
        ]));
        assert_eq!(
            to_yaml(&root, KeyOrder::Appearance),
            "a: 1\nb:\n  c: x\n  d: []\nl:\n- name: web\n  v: null\n- true\ne: {}\n"
        );
        assert_eq!(
            to_yaml(&root, KeyOrder::Natural),
            "a: 1\nb:\n  c: x\n  d: []\ne: {}\nl:\n- name: web\n  v: null\n- true\n"
        );
    }

    #[test]
    fn negative_zero_reads_back_as_negative_zero() {
        // JSON writes -0; YAML 1.1 would read `-0` as the integer 0 (found by fuzzing `layering`).
        let root = node(map(vec![
            ("h", Value::Float(-0.0)),
            ("z", Value::Float(0.0)),
            ("l", Value::List(vec![node(Value::Float(-0.0))])),
        ]));
        let yaml = to_yaml(&root, KeyOrder::Appearance);
        assert_eq!(yaml, "h: -0.0\nz: 0\nl:\n- -0.0\n");
        let mut sources = crate::source::Sources::new();
        let id = sources.add("out.yaml", crate::source::SourceKind::File, yaml);
        let read =
            crate::yaml::read_documents(&sources, id, crate::Profile::Helm4, &crate::yaml::Limits::default()).unwrap();
        let back = &read.docs[0];
        let h = back.value.as_map().and_then(|m| m.get("h")).map(|n| &n.value);
        assert!(matches!(h, Some(Value::Float(f)) if *f == 0.0 && f.is_sign_negative()), "{h:?}");
        assert_eq!(crate::emit::to_json(back, KeyOrder::Appearance), crate::emit::to_json(&root, KeyOrder::Appearance));
    }

    #[test]
    fn strings_that_would_change_type_are_quoted() {
        for s in [
            "yes",
            "NO",
            "on",
            "y",
            "null",
            "~",
            "",
            "1.10",
            "0755",
            "1e3",
            "2002-12-14",
            ".5",
            "- a",
            "a: b",
            "a #b",
            " x",
            "@x",
            ".inf",
            "ends:",
            "tab\there",
            "back\\slash",
            "bell\u{7}",
            "line\u{2028}break",
            "bom\u{feff}",
        ] {
            assert!(!plain_ok(s), "{s:?} must be quoted");
        }
        for s in [
            "hello",
            "v1.2.3",
            "nginx:1.25",
            "a-b",
            "http://x/y",
            "a.b.c",
            "yesno",
            "a:b",
            "a#b",
            "x#y",
            "über",
            "trailing-colon:x",
        ] {
            assert!(plain_ok(s), "{s:?} can stay plain");
        }
    }

    #[test]
    fn very_long_keys_use_the_explicit_form() {
        let long = "k".repeat(1200);
        let root = node(map(vec![(long.as_str(), map(vec![("a", Value::Float(1.0))])), ("b", Value::Bool(true))]));
        assert_eq!(to_yaml(&root, KeyOrder::Appearance), format!("? \"{long}\"\n:\n    a: 1\nb: true\n"));
    }

    #[test]
    fn multi_line_strings_keep_their_chomping() {
        let root = node(map(vec![
            ("clip", Value::Str("a\nb\n".into())),
            ("strip", Value::Str("a\n\nb".into())),
            ("keep", Value::Str("a\n\n\n".into())),
            ("lead", Value::Str(" a\nb".into())),
        ]));
        assert_eq!(
            to_yaml(&root, KeyOrder::Appearance),
            "clip: |\n  a\n  b\nstrip: |-\n  a\n\n  b\nkeep: |+\n  a\n\n\nlead: \" a\\nb\"\n"
        );
    }
}
