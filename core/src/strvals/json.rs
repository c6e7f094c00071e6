//! JSON values as Go's `encoding/json` decodes them into `any` (`--set-json`).
//!
//! Every number is a float64 (too large for one is an error), duplicate object
//! keys keep the last value, a `\u` escape that is not a valid surrogate pair
//! becomes U+FFFD. [`decode_prefix`] reads one value from the start of the text
//! the way `json.Decoder.Decode` does (whatever follows is left for the caller,
//! so `1x` is the number 1 followed by `x`); [`decode_all`] requires the whole
//! text to be one value, like `json.Unmarshal`.

use crate::diag::Diagnostic;
use crate::node::{supersede, Map, Node, ShadowReason, Value};
use crate::source::{SourceId, Span};

/// A syntax error at a byte range of the argument.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub start: usize,
    pub end: usize,
    pub message: String,
}

/// Read one JSON value starting at byte `start` of `text`; return it and the
/// offset just after it.
pub(crate) fn decode_prefix(
    text: &str,
    start: usize,
    arg: SourceId,
    max_depth: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(Node, usize), JsonError> {
    let mut p = Decoder { text, bytes: text.as_bytes(), pos: start, arg, max_depth, warnings };
    p.skip_ws();
    let node = p.value(0)?;
    Ok((node, p.pos))
}

/// Read `text[start..end]` as exactly one JSON value (surrounding JSON whitespace allowed).
pub(crate) fn decode_all(
    text: &str,
    start: usize,
    end: usize,
    arg: SourceId,
    max_depth: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Node, JsonError> {
    let slice = text.get(..end).unwrap_or(text);
    let mut p = Decoder { text: slice, bytes: slice.as_bytes(), pos: start, arg, max_depth, warnings };
    p.skip_ws();
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.invalid("after top-level value"));
    }
    Ok(node)
}

struct Decoder<'a, 'w> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    arg: SourceId,
    max_depth: usize,
    warnings: &'w mut Vec<Diagnostic>,
}

impl Decoder<'_, '_> {
    fn span(&self, start: usize) -> Span {
        Span::new(self.arg, start, self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// `invalid character 'x' <context>` at the current position, or the end-of-input error.
    #[inline(never)]
    fn invalid(&self, context: &str) -> JsonError {
        let Some(c) = self.text.get(self.pos..).and_then(|rest| rest.chars().next()) else {
            return self.eof();
        };
        let shown = if c.is_control() { c.escape_default().to_string() } else { c.to_string() };
        JsonError {
            start: self.pos,
            end: self.pos + c.len_utf8(),
            message: format!("invalid character `{shown}` {context}"),
        }
    }

    #[inline(never)]
    fn eof(&self) -> JsonError {
        JsonError { start: self.pos, end: self.pos, message: "unexpected end of JSON input".to_string() }
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        let start = self.pos;
        match self.peek() {
            None => Err(self.eof()),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string_node(start),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(_) => Err(self.invalid("looking for beginning of value")),
        }
    }

    #[inline(never)]
    fn string_node(&mut self, start: usize) -> Result<Node, JsonError> {
        let s = self.string()?;
        Ok(Node::new(Value::Str(s.into()), self.span(start)))
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > self.max_depth {
            return Err(JsonError {
                start: self.pos,
                end: self.pos + 1,
                message: format!("JSON nests deeper than {} levels", self.max_depth),
            });
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<Node, JsonError> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut map = Map::default();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Value::from_map(map), self.span(start)));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.invalid("looking for beginning of object key string"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.span(key_start);
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.invalid("after object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let node = self.value(depth)?.with_key(key_span);
            match map.get_mut(key.as_str()) {
                // Go keeps the last of duplicate keys.
                Some(slot) => {
                    let old = std::mem::replace(slot, Node::new(Value::Null, node.span));
                    *slot = supersede(old, node, ShadowReason::DuplicateKey);
                }
                None => {
                    map.insert(key.into(), node);
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::from_map(map), self.span(start)));
                }
                _ => return Err(self.invalid("after object key:value pair")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, JsonError> {
        self.enter(depth)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Value::List(items), self.span(start)));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(Value::List(items), self.span(start)));
                }
                _ => return Err(self.invalid("after array element")),
            }
        }
    }

    #[inline(never)]
    fn literal(&mut self, word: &str, value: Value) -> Result<Node, JsonError> {
        let start = self.pos;
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                Some(_) => {
                    let shown = char::from(expected);
                    return Err(self.invalid(&format!("in literal {word} (expecting `{shown}`)")));
                }
                None => return Err(self.eof()),
            }
        }
        Ok(Node::new(value, self.span(start)))
    }

    fn digits(&mut self) -> usize {
        let from = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - from
    }

    /// Go's number grammar: the number ends where the grammar cannot go on (at
    /// the top level anything may follow; in a container the caller checks).
    #[inline(never)]
    fn number(&mut self) -> Result<Node, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.invalid("in numeric literal")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.invalid("after decimal point in numeric literal"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.invalid("in exponent of numeric literal"));
            }
        }
        let token = &self.text[start..self.pos];
        let span = self.span(start);
        let f: f64 = token.parse().unwrap_or(f64::INFINITY);
        if !f.is_finite() {
            return Err(JsonError {
                start,
                end: self.pos,
                message: format!("number `{token}` is too large for a float64"),
            });
        }
        if integer && loses_precision(token, f) {
            self.warnings.push(
                Diagnostic::warning(
                    "set-json-precision",
                    format!("`--set-json` reads `{token}` as a float64, which makes it `{f}`"),
                )
                .at(span)
                .hint("use `--set` for an exact 64-bit integer, or quote it to keep the digits as a string"),
            );
        }
        Ok(Node::new(Value::Float(f), span))
    }

    /// A string token, unquoted as Go does it.
    #[inline(never)]
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => return Err(self.eof()),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.invalid("in string literal")),
            }
        }
    }

    #[inline(never)]
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.eof());
        };
        let simple = match b {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            b'u' => None,
            _ => return Err(self.invalid("in string escape code")),
        };
        self.pos += 1;
        if let Some(c) = simple {
            out.push(c);
            return Ok(());
        }
        let unit = self.hex4()?;
        if !(0xD800..0xE000).contains(&unit) {
            out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
            return Ok(());
        }
        // A surrogate: only a high one directly followed by `\u` + a low one makes a pair.
        if (0xD800..0xDC00).contains(&unit) && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
            if let Some(low) = self.peek_hex4(self.pos + 2) {
                if (0xDC00..0xE000).contains(&low) {
                    self.pos += 6;
                    let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    return Ok(());
                }
            }
        }
        out.push('\u{FFFD}');
        Ok(())
    }

    fn peek_hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        digits.iter().try_fold(0u32, |acc, &b| Some(acc * 16 + char::from(b).to_digit(16)?))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        for i in 0..4 {
            match self.bytes.get(self.pos + i) {
                Some(b) if b.is_ascii_hexdigit() => {}
                Some(_) => {
                    self.pos += i;
                    return Err(self.invalid("in \\u hexadecimal character escape"));
                }
                None => {
                    self.pos = self.bytes.len();
                    return Err(self.eof());
                }
            }
        }
        let unit = self.peek_hex4(self.pos).unwrap_or(0xFFFD);
        self.pos += 4;
        Ok(unit)
    }
}

/// Whether the integer literal `token` is not exactly `f`.
fn loses_precision(token: &str, f: f64) -> bool {
    let digits = token.trim_start_matches('-');
    if digits.len() <= 15 {
        return false; // below 2^53, always exact
    }
    match digits.parse::<u128>() {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(n) => (f.abs() as u128) != n || f.abs() >= 3.4e38,
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix(text: &str) -> Result<(Value, usize), String> {
        let mut w = Vec::new();
        decode_prefix(text, 0, SourceId(0), 100, &mut w).map(|(n, end)| (n.value, end)).map_err(|e| e.message)
    }

    fn all(text: &str) -> Result<Value, JsonError> {
        let mut w = Vec::new();
        decode_all(text, 0, text.len(), SourceId(0), 100, &mut w).map(|n| n.value)
    }

    fn s(text: &str) -> Value {
        Value::Str(text.into())
    }

    #[test]
    fn prefix_stops_where_the_value_ends() {
        assert_eq!(prefix("1x").unwrap(), (Value::Float(1.0), 1));
        assert_eq!(prefix("01").unwrap(), (Value::Float(0.0), 1));
        assert_eq!(prefix("-0.5e+2,b").unwrap(), (Value::Float(-50.0), 7));
        assert_eq!(prefix("truex").unwrap(), (Value::Bool(true), 4));
        assert_eq!(prefix("\"a\"b").unwrap(), (s("a"), 3));
        assert_eq!(prefix("{}]").unwrap().1, 2);
        assert_eq!(prefix("null").unwrap(), (Value::Null, 4));
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "hello",
            "-",
            "1.",
            "1.x",
            "1e",
            "1e+",
            "tru",
            "trux",
            "\"abc",
            "{",
            "{\"a\"",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{a:1}",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\tb\"",
            "",
            "1e400",
            "-1e400",
            "+1",
            ".5",
        ] {
            assert!(prefix(bad).is_err(), "{bad:?} should fail");
        }
        assert_eq!(prefix("1e400").unwrap_err(), "number `1e400` is too large for a float64");
        assert_eq!(prefix("1e-400").unwrap().0, Value::Float(0.0), "underflow is zero, as in Go");
    }

    #[test]
    fn whole_value_rejects_trailing_garbage() {
        assert!(all("{\"a\":1} ").is_ok());
        let e = all("{\"a\":1}x").unwrap_err();
        assert_eq!((e.start, e.message.as_str()), (7, "invalid character `x` after top-level value"));
        assert!(all("{invalid").is_err());
    }

    #[test]
    fn strings_unquote_like_go() {
        assert_eq!(prefix(r#""a\"\\\/\b\f\n\r\t""#).unwrap().0, s("a\"\\/\u{8}\u{c}\n\r\t"));
        assert_eq!(prefix(r#""\u00e9\ud83d\ude00""#).unwrap().0, s("é😀"));
        assert_eq!(prefix(r#""\ud800""#).unwrap().0, s("\u{FFFD}"));
        assert_eq!(prefix(r#""\ud800\u0041""#).unwrap().0, s("\u{FFFD}A"));
        assert_eq!(prefix(r#""\udc00x""#).unwrap().0, s("\u{FFFD}x"));
        assert_eq!(prefix(r#""\u0000""#).unwrap().0, s("\0"));
        assert_eq!(prefix("\"é\u{7f}\"").unwrap().0, s("é\u{7f}"));
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_record_it() {
        let mut w = Vec::new();
        let (node, _) = decode_prefix(r#"{"a":1,"b":2,"a":{"x":3}}"#, 0, SourceId(0), 100, &mut w).unwrap();
        let Value::Map(map) = node.value else { panic!("map") };
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        let a = &map["a"];
        assert!(matches!(a.value, Value::Map(_)));
        assert_eq!(a.history.len(), 1);
        assert_eq!(a.history[0].reason, ShadowReason::DuplicateKey);
        assert_eq!(a.key_span().map(|s| (s.start, s.end)), Some((13, 16)));
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(101) + &"]".repeat(101);
        assert!(prefix(&deep).unwrap_err().contains("deeper than 100"));
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(prefix(&ok).is_ok());
    }

    #[test]
    fn precision_warnings() {
        let mut w = Vec::new();
        decode_prefix(
            "[9007199254740993,9007199254740992,12345678901234567890,1e300,-9007199254740993]",
            0,
            SourceId(0),
            10,
            &mut w,
        )
        .unwrap();
        let messages: Vec<_> = w.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`--set-json` reads `9007199254740993` as a float64, which makes it `9007199254740992`",
                "`--set-json` reads `12345678901234567890` as a float64, which makes it `12345678901234567000`",
                "`--set-json` reads `-9007199254740993` as a float64, which makes it `-9007199254740992`",
            ]
        );
        assert!(!loses_precision("100000000000000000000", 1e20));
    }
}
