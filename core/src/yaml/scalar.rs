//! Scalar resolution exactly as go-yaml v2 (`resolve.go`, `decode.go`) does it.
//!
//! Plain scalars resolve by YAML 1.1 rules: `yes`/`on`/`y` are booleans, a
//! leading `0` means octal, `_` separates digits, `.inf` and `.nan` are floats.
//! Quoted and block scalars are strings unless an explicit tag says otherwise.
//! Nothing here knows about positions: callers attach spans to the results.

/// A scalar resolved the way go-yaml v2 types it, before the trip through JSON.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Resolved {
    Null,
    Bool(bool),
    /// Fits `int64` (Go `int` on 64-bit machines).
    Int(i64),
    /// Only fits `uint64` (2^63 and above).
    Uint(u64),
    Float(f64),
    /// The text itself: plain words, quoted and block scalars, timestamps.
    Str,
    /// `!!binary`: the decoded bytes, already made valid UTF-8 the way Go's
    /// JSON encoder does (each invalid byte becomes U+FFFD).
    Binary {
        text: String,
        lossy: bool,
    },
}

/// The tags go-yaml v2 gives meaning to; everything else leaves the text a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagKind {
    Str,
    Int,
    Float,
    Bool,
    Null,
    Timestamp,
    Binary,
    Merge,
    Map,
    Seq,
    /// The non-specific tag `!`.
    NonSpecific,
    /// Any other tag (`!foo`, `!!set`, a `%TAG` prefix); go-yaml keeps the text.
    Unknown,
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

impl TagKind {
    /// Classify a full tag (`tag:yaml.org,2002:int`, `!foo`, `!`).
    pub(crate) fn of(tag: &str) -> TagKind {
        if tag == "!" {
            return TagKind::NonSpecific;
        }
        match tag.strip_prefix(CORE_PREFIX) {
            Some("str") => TagKind::Str,
            Some("int") => TagKind::Int,
            Some("float") => TagKind::Float,
            Some("bool") => TagKind::Bool,
            Some("null") => TagKind::Null,
            Some("timestamp") => TagKind::Timestamp,
            Some("binary") => TagKind::Binary,
            Some("merge") => TagKind::Merge,
            Some("map") => TagKind::Map,
            Some("seq") => TagKind::Seq,
            _ => TagKind::Unknown,
        }
    }

    /// The short name go-yaml prints in its messages.
    pub(crate) fn short(self) -> &'static str {
        match self {
            TagKind::Str => "!!str",
            TagKind::Int => "!!int",
            TagKind::Float => "!!float",
            TagKind::Bool => "!!bool",
            TagKind::Null => "!!null",
            TagKind::Timestamp => "!!timestamp",
            TagKind::Binary => "!!binary",
            TagKind::Merge => "!!merge",
            TagKind::Map => "!!map",
            TagKind::Seq => "!!seq",
            TagKind::NonSpecific => "!",
            TagKind::Unknown => "!unknown",
        }
    }
}

/// Why an explicitly tagged scalar was rejected.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum TagError {
    /// `!!int 1.5`: the text resolves to `found`, not to the tag's type.
    Mismatch { found: TagKind, wanted: TagKind },
    /// `!!binary` text that is not base64.
    BadBase64,
}

/// Resolve a plain scalar with no tag.
pub(crate) fn resolve_plain(text: &str) -> Resolved {
    let (kind, value) = resolve_implicit(text, false);
    match kind {
        TagKind::Timestamp => Resolved::Str,
        _ => value,
    }
}

/// Resolve a scalar that carries an explicit tag (go-yaml ignores the style then).
pub(crate) fn resolve_tagged(tag: TagKind, text: &str) -> Result<Resolved, TagError> {
    match tag {
        TagKind::Str => Ok(Resolved::Str),
        TagKind::Binary => match decode_base64(text) {
            Some(bytes) => {
                let (text, lossy) = go_lossy_utf8(&bytes);
                Ok(Resolved::Binary { text, lossy })
            }
            None => Err(TagError::BadBase64),
        },
        // Tags go-yaml cannot resolve leave the text as it is.
        TagKind::Merge | TagKind::Map | TagKind::Seq | TagKind::NonSpecific | TagKind::Unknown => Ok(Resolved::Str),
        TagKind::Int | TagKind::Float | TagKind::Bool | TagKind::Null | TagKind::Timestamp => {
            let (found, value) = resolve_implicit(text, tag == TagKind::Timestamp);
            if found == tag {
                return Ok(match found {
                    TagKind::Timestamp => Resolved::Str,
                    _ => value,
                });
            }
            if tag == TagKind::Float && found == TagKind::Int {
                return Ok(match value {
                    Resolved::Int(i) => Resolved::Float(i as f64),
                    Resolved::Uint(u) => Resolved::Float(u as f64),
                    other => other,
                });
            }
            Err(TagError::Mismatch { found, wanted: tag })
        }
    }
}

/// go-yaml's `resolve` for the empty tag: the tag it finds and the value.
fn resolve_implicit(text: &str, try_timestamp: bool) -> (TagKind, Resolved) {
    // Most scalars are words no rule of the table can match: only its words (`y`, `N`,
    // `true`, `off`, `null`, `~`, `.inf`) and numbers start otherwise.
    if text.as_bytes().first().is_some_and(|b| {
        !matches!(
            b,
            b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' | b'.' | b'+' | b'-' | b'0'
                ..=b'9'
        )
    }) {
        return (TagKind::Str, Resolved::Str);
    }
    if let Some(found) = lookup_word(text) {
        return found;
    }
    match text.as_bytes().first() {
        Some(b'.') if is_dot_float(text) => {
            if let Some(f) = parse_finite(text) {
                return (TagKind::Float, Resolved::Float(f));
            }
        }
        Some(b'0'..=b'9' | b'+' | b'-') => {
            if try_timestamp && is_timestamp(text) {
                return (TagKind::Timestamp, Resolved::Str);
            }
            if let Some(number) = resolve_number(text) {
                return number;
            }
        }
        _ => {}
    }
    (TagKind::Str, Resolved::Str)
}

/// The fixed words of go-yaml's resolve table.
fn lookup_word(text: &str) -> Option<(TagKind, Resolved)> {
    let found = match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            (TagKind::Bool, Resolved::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            (TagKind::Bool, Resolved::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => (TagKind::Null, Resolved::Null),
        ".nan" | ".NaN" | ".NAN" => (TagKind::Float, Resolved::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => (TagKind::Float, Resolved::Float(f64::INFINITY)),
        "-.inf" | "-.Inf" | "-.INF" => (TagKind::Float, Resolved::Float(f64::NEG_INFINITY)),
        _ => return None,
    };
    Some(found)
}

/// The words that are YAML 1.1 booleans but not YAML 1.2 ones (`yes`, `on`, `n`, ...).
pub(crate) fn is_yaml11_only_bool(text: &str) -> bool {
    matches!(
        text,
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF"
    )
}

/// Integers (Go's `strconv.ParseInt`/`ParseUint` with base 0, after dropping
/// every `_`), then floats matching go-yaml's `yamlStyleFloat`.
fn resolve_number(text: &str) -> Option<(TagKind, Resolved)> {
    let owned;
    let plain: &str = if text.contains('_') {
        owned = text.replace('_', "");
        &owned
    } else {
        text
    };
    if let Some(i) = go_parse_int(plain) {
        return Some((TagKind::Int, Resolved::Int(i)));
    }
    if let Some(u) = go_parse_uint(plain) {
        return Some((TagKind::Int, Resolved::Uint(u)));
    }
    if is_yaml_style_float(plain) {
        if let Some(f) = parse_finite(plain) {
            return Some((TagKind::Float, Resolved::Float(f)));
        }
    }
    None
}

/// `strconv.ParseInt(s, 0, 64)`.
fn go_parse_int(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let magnitude = go_parse_uint(digits)?;
    if negative {
        if magnitude == 1u64 << 63 {
            Some(i64::MIN)
        } else {
            i64::try_from(magnitude).ok().map(|m| -m)
        }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// `strconv.ParseUint(s, 0, 64)`: `0x`/`0o`/`0b` prefixes, a bare leading `0` is octal.
fn go_parse_uint(s: &str) -> Option<u64> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    let (base, digits) = if bytes[0] == b'0' {
        match bytes.get(1).map(u8::to_ascii_lowercase) {
            Some(b'b') if bytes.len() >= 3 => (2, &bytes[2..]),
            Some(b'o') if bytes.len() >= 3 => (8, &bytes[2..]),
            Some(b'x') if bytes.len() >= 3 => (16, &bytes[2..]),
            _ => (8, &bytes[1..]),
        }
    } else {
        (10, bytes)
    };
    let mut n: u64 = 0;
    for &b in digits {
        let d = (b as char).to_digit(16)?;
        if d >= base {
            return None;
        }
        n = n.checked_mul(u64::from(base))?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// go-yaml's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        let n = count_digits(&b[i..]);
        if n == 0 {
            return false;
        }
        i += n;
    } else {
        let n = count_digits(&b[i..]);
        if n == 0 {
            return false;
        }
        i += n;
        if b.get(i) == Some(&b'.') {
            i += 1;
            i += count_digits(&b[i..]);
        }
    }
    exponent_ends(b, i)
}

/// What Go's `ParseFloat` accepts for text starting with `.`: `\.[0-9]+([eE][-+]?[0-9]+)?`.
fn is_dot_float(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() != Some(&b'.') {
        return false;
    }
    let n = count_digits(&b[1..]);
    n > 0 && exponent_ends(b, 1 + n)
}

/// An optional exponent starting at `i`, then the end of the text.
fn exponent_ends(b: &[u8], mut i: usize) -> bool {
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = count_digits(&b[i.min(b.len())..]);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

fn count_digits(b: &[u8]) -> usize {
    b.iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Parse already-validated float syntax; out of range (Go's `ErrRange`) gives `None`.
fn parse_finite(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// go-yaml's `parseTimestamp`: four digits and `-`, then one of the layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`
/// and `2006-1-2`, with Go's range checks.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let year: u32 = b[..4].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
    let mut i = 5;
    let Some(month) = one_or_two_digits(b, &mut i) else { return false };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = one_or_two_digits(b, &mut i) else { return false };
    if !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let Some(hour) = one_or_two_digits(b, &mut i) else { return false };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(minute) = one_or_two_digits(b, &mut i) else { return false };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(second) = one_or_two_digits(b, &mut i) else { return false };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + count_digits(&b[i + 1..]);
    }
    if !zoned {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let rest = &b[i + 1..];
            rest.len() == 5
                && rest[0].is_ascii_digit()
                && rest[1].is_ascii_digit()
                && rest[2] == b':'
                && rest[3].is_ascii_digit()
                && rest[4].is_ascii_digit()
                && (rest[0] - b'0') * 10 + (rest[1] - b'0') <= 24
                && (rest[3] - b'0') * 10 + (rest[4] - b'0') <= 60
        }
        _ => false,
    }
}

fn one_or_two_digits(b: &[u8], i: &mut usize) -> Option<u32> {
    let first = *b.get(*i).filter(|c| c.is_ascii_digit())?;
    *i += 1;
    let mut n = u32::from(first - b'0');
    if let Some(&second) = b.get(*i).filter(|c| c.is_ascii_digit()) {
        *i += 1;
        n = n * 10 + u32::from(second - b'0');
    }
    Some(n)
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Go's `base64.StdEncoding.DecodeString`: padded standard alphabet; `\r` and
/// `\n` are skipped anywhere.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut quantum = [0u8; 4];
    let mut filled = 0;
    let mut padding = 0;
    let mut finished = false;
    for &c in text.as_bytes() {
        if c == b'\r' || c == b'\n' {
            continue;
        }
        if finished {
            return None;
        }
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                // Padding may only fill the last one or two places of a quantum.
                if filled < 2 {
                    return None;
                }
                padding += 1;
                filled += 1;
                if filled == 4 {
                    finished = true;
                    flush(&quantum, 4 - padding, &mut out);
                    filled = 0;
                }
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        quantum[filled] = value;
        filled += 1;
        if filled == 4 {
            flush(&quantum, 4, &mut out);
            filled = 0;
        }
    }
    if filled != 0 {
        return None;
    }
    Some(out)
}

/// Append the bytes of a quantum holding `chars` meaningful characters (2, 3 or 4).
fn flush(q: &[u8; 4], chars: usize, out: &mut Vec<u8>) {
    let n = (u32::from(q[0]) << 18) | (u32::from(q[1]) << 12) | (u32::from(q[2]) << 6) | u32::from(q[3]);
    let bytes = n.to_be_bytes();
    out.extend_from_slice(&bytes[1..chars]);
}

/// Go's JSON encoder makes strings valid UTF-8 by replacing every byte that does
/// not start a valid sequence with U+FFFD (one per byte, unlike Rust's lossy decoding).
fn go_lossy_utf8(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    let mut lossy = false;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return (out, lossy);
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push('\u{FFFD}');
                lossy = true;
                rest = after.get(1..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Resolved {
        resolve_plain(text)
    }

    #[test]
    fn yaml11_booleans_and_nulls() {
        for t in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            assert_eq!(plain(t), Resolved::Bool(true), "{t}");
        }
        for f in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            assert_eq!(plain(f), Resolved::Bool(false), "{f}");
        }
        for n in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(n), Resolved::Null, "{n}");
        }
        for s in ["tRUE", "nULL", "yES", "oN", "<<", "o", "nil", "None"] {
            assert_eq!(plain(s), Resolved::Str, "{s}");
        }
    }

    #[test]
    fn integers_follow_go_base_prefixes() {
        let cases: &[(&str, Resolved)] = &[
            ("0755", Resolved::Int(493)),
            ("010", Resolved::Int(8)),
            ("0o755", Resolved::Int(493)),
            ("0O17", Resolved::Int(15)),
            ("0xFF", Resolved::Int(255)),
            ("0XFF", Resolved::Int(255)),
            ("-0x1F", Resolved::Int(-31)),
            ("0b1010", Resolved::Int(10)),
            ("0B11", Resolved::Int(3)),
            ("-0b11", Resolved::Int(-3)),
            ("1_000", Resolved::Int(1000)),
            ("1__0", Resolved::Int(10)),
            ("0x1_0", Resolved::Int(16)),
            ("+12", Resolved::Int(12)),
            ("0", Resolved::Int(0)),
            ("-0", Resolved::Int(0)),
            ("-9223372036854775808", Resolved::Int(i64::MIN)),
            ("9223372036854775807", Resolved::Int(i64::MAX)),
            ("9223372036854775808", Resolved::Uint(1 << 63)),
            ("0x8000000000000000", Resolved::Uint(1 << 63)),
            ("18446744073709551615", Resolved::Uint(u64::MAX)),
            ("12345678901234567890", Resolved::Uint(12_345_678_901_234_567_890)),
        ];
        for (text, want) in cases {
            assert_eq!(&plain(text), want, "{text}");
        }
    }

    #[test]
    fn floats_and_what_stays_a_string() {
        let floats: &[(&str, f64)] = &[
            ("08", 8.0),
            ("09", 9.0),
            ("1.10", 1.1),
            ("1.0", 1.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e3", 1000.0),
            ("1.5E-7", 1.5e-7),
            ("+.5", 0.5),
            ("-1.5", -1.5),
            ("1_000.5", 1000.5),
            ("1e-400", 0.0),
            ("18446744073709551616", 18_446_744_073_709_551_616.0),
            ("-9223372036854775809", -9_223_372_036_854_775_809.0),
            ("123456789012345678901", 123_456_789_012_345_678_901.0),
        ];
        for (text, want) in floats {
            assert_eq!(plain(text), Resolved::Float(*want), "{text}");
        }
        for s in [
            "1.20.0",
            "1:20",
            "1e400",
            "-1e400",
            "0x",
            "._5",
            ".",
            ".e3",
            "_1",
            "-",
            "+",
            "1e",
            "0x1p3",
            "2002-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "0xFFFFFFFFFFFFFFFFF",
            "inf",
            "nan",
            "1,000",
            "12abc",
            "0b102",
            "09.5.1",
        ] {
            assert_eq!(plain(s), Resolved::Str, "{s}");
        }
    }

    #[test]
    fn infinities_and_nan_are_floats_here_and_rejected_later() {
        assert_eq!(plain(".inf"), Resolved::Float(f64::INFINITY));
        assert_eq!(plain("+.Inf"), Resolved::Float(f64::INFINITY));
        assert_eq!(plain("-.INF"), Resolved::Float(f64::NEG_INFINITY));
        assert!(matches!(plain(".nan"), Resolved::Float(f) if f.is_nan()));
        assert_eq!(plain(".iNf"), Resolved::Str);
    }

    #[test]
    fn explicit_tags() {
        assert_eq!(resolve_tagged(TagKind::Str, "123"), Ok(Resolved::Str));
        assert_eq!(resolve_tagged(TagKind::Int, "7"), Ok(Resolved::Int(7)));
        assert_eq!(resolve_tagged(TagKind::Int, "0x10"), Ok(Resolved::Int(16)));
        assert_eq!(resolve_tagged(TagKind::Float, "1"), Ok(Resolved::Float(1.0)));
        assert_eq!(resolve_tagged(TagKind::Float, "1_0"), Ok(Resolved::Float(10.0)));
        assert_eq!(resolve_tagged(TagKind::Bool, "yes"), Ok(Resolved::Bool(true)));
        assert_eq!(resolve_tagged(TagKind::Null, ""), Ok(Resolved::Null));
        assert_eq!(resolve_tagged(TagKind::Null, "~"), Ok(Resolved::Null));
        assert_eq!(resolve_tagged(TagKind::Unknown, "12"), Ok(Resolved::Str));
        assert_eq!(resolve_tagged(TagKind::NonSpecific, "12"), Ok(Resolved::Str));
        assert_eq!(resolve_tagged(TagKind::Timestamp, "2001-12-14"), Ok(Resolved::Str));
        assert_eq!(
            resolve_tagged(TagKind::Int, "1.5"),
            Err(TagError::Mismatch { found: TagKind::Float, wanted: TagKind::Int })
        );
        assert_eq!(
            resolve_tagged(TagKind::Null, "foo"),
            Err(TagError::Mismatch { found: TagKind::Str, wanted: TagKind::Null })
        );
        assert_eq!(
            resolve_tagged(TagKind::Timestamp, "foo"),
            Err(TagError::Mismatch { found: TagKind::Str, wanted: TagKind::Timestamp })
        );
        assert_eq!(
            resolve_tagged(TagKind::Bool, "1"),
            Err(TagError::Mismatch { found: TagKind::Int, wanted: TagKind::Bool })
        );
    }

    #[test]
    fn binary_is_base64_made_valid_utf8_like_go() {
        assert_eq!(
            resolve_tagged(TagKind::Binary, "aGVsbG8="),
            Ok(Resolved::Binary { text: "hello".into(), lossy: false })
        );
        assert_eq!(
            resolve_tagged(TagKind::Binary, "aGVs\nbG8="),
            Ok(Resolved::Binary { text: "hello".into(), lossy: false })
        );
        assert_eq!(
            resolve_tagged(TagKind::Binary, "/w=="),
            Ok(Resolved::Binary { text: "\u{FFFD}".into(), lossy: true })
        );
        assert_eq!(resolve_tagged(TagKind::Binary, ""), Ok(Resolved::Binary { text: String::new(), lossy: false }));
        for bad in ["aGVsbG8", "a===", "aGVsbG8=x", "aGV sbG8=", "=AAA", "aGVsbG8=aGVs"] {
            assert_eq!(resolve_tagged(TagKind::Binary, bad), Err(TagError::BadBase64), "{bad}");
        }
        // E2 82 is a truncated sequence: Go replaces each byte on its own.
        assert_eq!(go_lossy_utf8(&[0xE2, 0x82, b'A']), ("\u{FFFD}\u{FFFD}A".to_string(), true));
    }

    #[test]
    fn timestamps_use_go_layouts_and_ranges() {
        for ok in [
            "2001-12-14",
            "2001-1-2",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14T21:59:43Z",
            "2001-12-14 21:59:43.10",
            "2000-02-29",
            "2001-12-14T1:2:3+01:00",
        ] {
            assert!(is_timestamp(ok), "{ok}");
        }
        for bad in [
            "2001-12-14 21:59:43.10 -5",
            "2001-13-01",
            "2001-02-29",
            "01-12-14",
            "2001-12-14T21:59:43",
            "2001-12-14 25:00:00",
            "2001-12-14x",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn rust_float_parsing_accepts_go_float_syntax() {
        assert_eq!("1.".parse::<f64>().ok(), Some(1.0));
        assert_eq!(".5".parse::<f64>().ok(), Some(0.5));
        assert_eq!("+.5".parse::<f64>().ok(), Some(0.5));
        assert_eq!("1E+3".parse::<f64>().ok(), Some(1000.0));
    }
}
