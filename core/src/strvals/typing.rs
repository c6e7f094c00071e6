//! How `--set` types a scalar (Helm's `typedVal`, spec 4.3), and the
//! warnings for typings a user is unlikely to expect (spec 9, item 9).

use crate::diag::Diagnostic;
use crate::node::Value;
use crate::source::Span;

/// The value `--set` makes of `text`; `--set-string` passes `as_string`.
pub(crate) fn typed(text: &str, as_string: bool) -> Value {
    if as_string {
        return Value::Str(text.into());
    }
    if equal_fold(text, "true") {
        return Value::Bool(true);
    }
    if equal_fold(text, "false") {
        return Value::Bool(false);
    }
    if equal_fold(text, "null") {
        return Value::Null;
    }
    if text == "0" {
        return Value::Int(0);
    }
    if !text.is_empty() && !text.starts_with('0') {
        // Same grammar as Go's strconv.ParseInt(s, 10, 64): optional sign, digits.
        if let Ok(n) = text.parse::<i64>() {
            return Value::Int(n);
        }
    }
    Value::Str(text.into())
}

/// Go's `strings.EqualFold` against an ASCII lowercase word: simple Unicode
/// case folding, where the long s `ſ` folds to `s` and the Kelvin sign to `k`.
fn equal_fold(text: &str, word: &str) -> bool {
    let mut chars = text.chars();
    for w in word.chars() {
        let Some(c) = chars.next() else { return false };
        let same = (c.is_ascii() && c.to_ascii_lowercase() == w)
            || (w == 's' && c == '\u{17F}')
            || (w == 'k' && c == '\u{212A}');
        if !same {
            return false;
        }
    }
    chars.next().is_none()
}

/// A warning when `--set` typed `text` (now `value`) other than a user likely meant.
pub(crate) fn surprise(text: &str, value: &Value, span: Span) -> Option<Diagnostic> {
    let warn = |message: String, hint: String| Some(Diagnostic::warning("set-typing", message).at(span).hint(hint));
    match value {
        Value::Bool(b) if text != "true" && text != "false" => warn(
            format!("`--set` reads `{text}` as the boolean `{b}`"),
            format!("use `--set-string` to keep the text `{text}`"),
        ),
        Value::Null if text != "null" => {
            warn(format!("`--set` reads `{text}` as null"), format!("use `--set-string` to keep the text `{text}`"))
        }
        Value::Str(_) => string_surprise(text, span),
        _ => None,
    }
}

fn string_surprise(text: &str, span: Span) -> Option<Diagnostic> {
    let warn = |message: String, hint: String| Some(Diagnostic::warning("set-typing", message).at(span).hint(hint));
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let all_digits = !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit());
    if all_digits && text.starts_with('0') {
        let trimmed = text.trim_start_matches('0');
        let number = if trimmed.is_empty() { "0" } else { trimmed };
        return warn(
            format!("`--set` keeps `{text}` as a string because it starts with 0"),
            format!("write `{number}` for the number, or use `--set-string` to show the string is meant"),
        );
    }
    if all_digits {
        return warn(
            format!("`--set` keeps `{text}` as a string: it does not fit a 64-bit integer"),
            "use `--set-string` to show the string is meant".to_string(),
        );
    }
    if looks_like_float(unsigned) {
        return warn(
            format!("`--set` keeps `{text}` as a string, not a number"),
            format!("use `--set-json` to set the number {text}, or `--set-string` to show the string is meant"),
        );
    }
    if ["yes", "no", "on", "off"].iter().any(|w| text.eq_ignore_ascii_case(w)) {
        return warn(
            format!("`--set` keeps `{text}` as a string, not a boolean"),
            "write `true` or `false` for a boolean".to_string(),
        );
    }
    None
}

/// `1.5`, `.5`, `1.`, `1e3`, `2.5E-3`: a decimal float as YAML or JSON would read it.
fn looks_like_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (mantissa, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && frac.is_none_or(digits) && (int.len() + frac.map_or(0, str::len)) > 0;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (frac.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;

    fn t(text: &str) -> Value {
        typed(text, false)
    }

    #[test]
    fn typing_matrix_matches_helm() {
        assert_eq!(t("true"), Value::Bool(true));
        assert_eq!(t("TRUE"), Value::Bool(true));
        assert_eq!(t("False"), Value::Bool(false));
        assert_eq!(t("falſe"), Value::Bool(false), "Go's EqualFold folds the long s");
        assert_eq!(t("Null"), Value::Null);
        assert_eq!(t("0"), Value::Int(0));
        assert_eq!(t("-0"), Value::Int(0));
        assert_eq!(t("+1"), Value::Int(1));
        assert_eq!(t("-1"), Value::Int(-1));
        assert_eq!(t("-007"), Value::Int(-7), "only a leading 0 character keeps a string");
        assert_eq!(t("9223372036854775807"), Value::Int(i64::MAX));
        assert_eq!(t("-9223372036854775808"), Value::Int(i64::MIN));
        for s in ["007", "00", "1.5", "1e3", "0x1F", "yes", "on", "9223372036854775808", "", "+", "-", "1_000", " 1"] {
            assert_eq!(t(s), Value::Str(s.into()), "{s:?}");
        }
        assert_eq!(typed("null", true), Value::Str("null".into()));
        assert_eq!(typed("12", true), Value::Str("12".into()));
    }

    #[test]
    fn surprises() {
        let span = Span::at(SourceId(0), 0);
        let code = |s: &str| surprise(s, &t(s), span).map(|d| d.message);
        assert_eq!(code("007").as_deref(), Some("`--set` keeps `007` as a string because it starts with 0"));
        assert!(code("1.5").is_some());
        assert!(code("1e3").is_some());
        assert!(code(".5").is_some());
        assert!(code("yes").is_some());
        assert!(code("True").is_some());
        assert!(code("NULL").is_some());
        assert!(code("9223372036854775808").is_some());
        for quiet in ["true", "false", "null", "7", "0", "-3", "hello", "1.2.3", "e3", "1e", "v1.5", ""] {
            assert_eq!(code(quiet), None, "{quiet:?}");
        }
    }
}
