//! What a cell shows: values on one line, masks, and the feature-flag symbols.

use super::model::{Cell, Content, Matrix};
use crate::node::Value;
use crate::secrets::{is_reference, MASK};
use crate::workspace::SecretRules;
use std::borrow::Cow;

/// Shown for a path an environment does not have.
pub const MISSING: &str = "—";
/// Shown where a `null` deleted the chart default.
pub const DELETED: &str = "(deleted)";
/// The feature-flag view's true and false.
pub const ON: &str = "✓";
pub const OFF: &str = "✗";

/// Whether a value must be masked, given whether its key is a secret key
/// ([`crate::secrets::is_secret_key`] of its path, decided once per row). Booleans, nulls and empty
/// collections hold nothing secret; a string under a secret key is masked unless it is
/// empty or a reference (`secret://...`), exactly as [`crate::secrets::must_mask`]
/// decides; a value in a list entry named like a secret (`env[name=DB_PASSWORD].value`)
/// is masked too.
pub fn needs_mask(rules: &SecretRules, secret_key: bool, value: &Value, named_secret: bool) -> bool {
    let shown = |s: &str| !s.is_empty() && !is_reference(rules, s);
    match value {
        Value::Null | Value::Bool(_) => false,
        Value::Str(s) => (secret_key || named_secret) && shown(s),
        Value::List(items) if items.is_empty() => false,
        Value::Map(map) if map.is_empty() => false,
        Value::List(items) => {
            (named_secret || secret_key)
                && items.iter().any(|item| match &item.value {
                    Value::Str(s) => shown(s),
                    Value::Null | Value::Bool(_) => false,
                    _ => true,
                })
        }
        _ => named_secret || secret_key,
    }
}

/// The text of a cell. `missing` is what an absent path shows (`—`, or nothing in CSV).
pub fn text<'a>(matrix: &Matrix, cell: &Cell, flags: bool, missing: &'a str) -> Cow<'a, str> {
    match matrix.content(cell) {
        Content::Missing => Cow::Borrowed(missing),
        Content::Deleted => Cow::Borrowed(DELETED),
        Content::Value(_) if cell.masked => Cow::Borrowed(MASK),
        Content::Value(value) => match *value {
            Value::Bool(b) if flags => Cow::Borrowed(if b { ON } else { OFF }),
            ref value => Cow::Owned(inline(value)),
        },
    }
}

/// Cell texts, each value's made once for a run of cells that show the same written
/// value (a base value shows in most environments of a row).
#[derive(Default)]
pub struct Texts {
    entry: Option<u32>,
    text: String,
    /// `text`'s width in characters.
    width: usize,
}

impl Texts {
    /// [`text`], from the last cell's text when this cell shows the same written value.
    pub fn text<'t>(&'t mut self, matrix: &Matrix, cell: &Cell, flags: bool, missing: &'t str) -> &'t str {
        self.text_width(matrix, cell, flags, missing).0
    }

    /// [`Texts::text`] and its width in characters, counted once per value made.
    pub fn text_width<'t>(
        &'t mut self,
        matrix: &Matrix,
        cell: &Cell,
        flags: bool,
        missing: &'t str,
    ) -> (&'t str, usize) {
        let symbol = match matrix.content(cell) {
            Content::Missing => missing,
            Content::Deleted => DELETED,
            Content::Value(_) if cell.masked => MASK,
            Content::Value(Value::Bool(b)) if flags => {
                if *b {
                    ON
                } else {
                    OFF
                }
            }
            Content::Value(value) => {
                if self.entry != Some(cell.entry()) {
                    self.text.clear();
                    write_inline(&mut self.text, value);
                    self.width = self.text.chars().count();
                    self.entry = Some(cell.entry());
                }
                return (&self.text, self.width);
            }
        };
        (symbol, symbol.chars().count())
    }
}

/// A value on one line. Strings are bare unless they would read as something else
/// (`"3"`, `"true"`, `""`, leading spaces, control characters): then JSON-quoted, so a
/// type difference shows.
pub fn inline(value: &Value) -> String {
    let mut out = String::new();
    write_inline(&mut out, value);
    out
}

fn write_inline(out: &mut String, value: &Value) {
    let style = crate::emit::FlowStyle {
        string: &write_string,
        key: &|out: &mut String, key: &str| out.push_str(key),
        float: crate::emit::number::write_float,
    };
    crate::emit::write_flow(out, value, &style);
}

fn write_string(out: &mut String, s: &str) {
    if bare(s) {
        out.push_str(s);
    } else {
        crate::emit::json_string(out, s);
    }
}

fn bare(s: &str) -> bool {
    const WORDS: [&str; 12] = ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", ".nan"];
    !s.is_empty()
        && !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s.chars().any(char::is_control)
        && !WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
        && (!may_read_as_number(s) || s.parse::<f64>().is_err())
        && !s.starts_with(['[', '{', '"'])
}

/// Whether `s` starts as Rust's float syntax does (a sign, then a digit, `.`, `inf` or
/// `nan`): the only strings worth a full parse.
fn may_read_as_number(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    matches!(unsigned.as_bytes().first(), Some(b'0'..=b'9' | b'.' | b'i' | b'I' | b'n' | b'N'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_strings_that_may_read_as_numbers_are_parsed() {
        let samples = [
            "1",
            "-1",
            "+1",
            ".5",
            "-.5",
            "1e3",
            "1E-3",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "nan",
            "NaN",
            "-nan",
            "e3",
            "x1",
            "",
            "-",
            "+",
            "i",
            "n",
            "1_000",
            "0x1F",
            " 1",
            "infinite",
            "none",
            "v1.2",
            "1.2.3",
            "∞",
        ];
        for s in samples {
            assert!(may_read_as_number(s) || s.parse::<f64>().is_err(), "{s:?} reads as a number");
        }
        assert!(!bare("-Infinity") && !bare("1e3") && !bare("NaN"));
        assert!(bare("none") && bare("v1.2") && bare("e3"));
    }
}
