//! JSON output: 2-space indent, like `helm get values -o json` pretty-printed.

use super::number::{write_float, write_int};
use super::{entries, pad, KeyOrder};
use crate::node::{Map, Node, Value};
use std::fmt::Write as _;

/// A value as JSON on one line (`{"a": 1, "b": [true]}`), for embedding in reports.
pub fn to_json_compact(value: &Value) -> String {
    let mut out = String::new();
    super::flow::write_flow(
        &mut out,
        value,
        &super::flow::FlowStyle { string: &json_string, key: &json_string, float: super::number::write_float },
    );
    out
}

/// The whole tree as JSON text with a final newline.
pub fn to_json(root: &Node, order: KeyOrder) -> String {
    let mut out = String::new();
    write_json(root, order, &mut out);
    out
}

/// [`to_json`] written to `sink` a top-level entry at a time: a large output is never
/// held whole.
pub fn write_json(root: &Node, order: KeyOrder, sink: &mut dyn std::fmt::Write) {
    let mut out = String::new();
    match &root.value {
        Value::Map(map) if !map.is_empty() => write_map(&mut out, map, 0, order, |out| super::flush_full(out, sink)),
        other => write_value(&mut out, other, 0, order),
    }
    out.push('\n');
    let _ = sink.write_str(&out);
}

fn write_value(out: &mut String, value: &Value, indent: usize, order: KeyOrder) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => write_int(out, *i),
        Value::Float(f) => write_float(out, *f),
        Value::Str(s) => json_string(out, s),
        Value::List(items) if items.is_empty() => out.push_str("[]"),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                next_line(out, i > 0, indent + 1);
                write_value(out, &item.value, indent + 1, order);
            }
            out.push('\n');
            pad(out, indent);
            out.push(']');
        }
        Value::Map(map) if map.is_empty() => out.push_str("{}"),
        Value::Map(map) => write_map(out, map, indent, order, |_| {}),
    }
}

/// A non-empty map; `after_entry` is called with the output after each entry.
fn write_map(out: &mut String, map: &Map, indent: usize, order: KeyOrder, mut after_entry: impl FnMut(&mut String)) {
    out.push('{');
    for (i, (key, node)) in entries(map, order).enumerate() {
        next_line(out, i > 0, indent + 1);
        json_string(out, key);
        out.push_str(": ");
        write_value(out, &node.value, indent + 1, order);
        after_entry(out);
    }
    out.push('\n');
    pad(out, indent);
    out.push('}');
}

/// The comma after the entry before (when `comma`), a line break and the indentation of
/// `indent`: one copy for all three, as most lines of output start so.
fn next_line(out: &mut String, comma: bool, indent: usize) {
    const START: &str = ",\n                                                                ";
    let end = 2 + indent * 2;
    match START.get(usize::from(!comma)..end) {
        Some(start) => out.push_str(start),
        None => {
            out.push_str(if comma { ",\n" } else { "\n" });
            pad(out, indent);
        }
    }
}

/// A JSON string literal; non-ASCII text is written as is.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    // Copy runs that need no escape in one go; most strings are one run. The scan is by
    // byte: every byte that starts an escape is ASCII, except U+2028 and U+2029 (E2 80 A8/A9).
    let bytes = s.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = next_special(bytes, i);
        let Some(&byte) = bytes.get(i) else { break };
        let (escape, width) = match byte {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            byte if byte < 0x20 => ("", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[run_start..i]);
        if escape.is_empty() {
            let c = s[i..].chars().next().map_or(0, u32::from);
            let _ = write!(out, "\\u{c:04x}");
        } else {
            out.push_str(escape);
        }
        i += width;
        run_start = i;
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}

/// The first byte at or after `from` that may start an escape (`"`, `\\`, a control byte,
/// 0xE2), or `bytes.len()`. Eight bytes at a time: strings are long runs of plain text.
fn next_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
        let special = zero_byte(word ^ (ONES * u64::from(b'"')))
            | zero_byte(word ^ (ONES * u64::from(b'\\')))
            | zero_byte(word ^ (ONES * 0xE2))
            // A byte below 0x20 (high bit clear): subtracting 0x20 borrows into its high bit.
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if special != 0 {
            break;
        }
        at += 8;
    }
    // The word found one (or fewer than eight bytes are left): find it byte by byte.
    at + bytes[at..].iter().position(|&b| matches!(b, b'"' | b'\\' | 0xE2) || b < 0x20).unwrap_or(bytes.len() - at)
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn strings_escape_like_json() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\nd\te\u{1}é\u{2028}");
        assert_eq!(out, r#""a\"b\\c\nd\te\u0001é\u2028""#);
    }

    #[test]
    fn escapes_are_found_at_every_offset_of_the_word_scan() {
        for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', 'é', '\u{2029}'] {
            for len in 0..20 {
                for at in 0..=len {
                    let text: String = (0..len).map(|i| if i == at { special } else { 'x' }).collect();
                    let mut ours = String::new();
                    json_string(&mut ours, &text);
                    let expected = serde_json::to_string(&text).unwrap().replace('\u{2029}', "\\u2029");
                    assert_eq!(ours, expected, "{text:?}");
                }
            }
        }
    }
}
