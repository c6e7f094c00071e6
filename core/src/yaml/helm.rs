//! The schema Helm reads values with: go-yaml v2's YAML 1.1 resolution, then
//! sigs.k8s.io/yaml's trip through JSON (numbers become float64, keys become
//! strings, infinities and NaN are refused), plus the read-time warnings of
//! spec section 9.

use super::diagnostics as d;
use super::keys::{key_string, KeyError, KeyIdentity};
use super::scalar::{is_yaml11_only_bool, resolve_plain, resolve_tagged, Resolved, TagError, TagKind};
use super::schema::{Scalar, Schema, Style};
use crate::diag::Diagnostic;
use crate::node::{Text, Value};
use crate::source::Span;

/// go-yaml v2 as Helm 4.2.4 and 3.21.4 use it.
#[derive(Clone, Copy, Debug, Default)]
pub struct HelmSchema;

impl HelmSchema {
    fn resolve(scalar: &Scalar<'_>, warnings: &mut Vec<Diagnostic>) -> Result<Resolved, Diagnostic> {
        let text = scalar.text.as_ref();
        let Some(tag) = scalar.tag.as_deref() else {
            return Ok(if scalar.style.is_plain() { resolve_plain(text) } else { Resolved::Str });
        };
        let kind = TagKind::of(tag);
        if matches!(kind, TagKind::Unknown | TagKind::Map | TagKind::Seq | TagKind::Merge) {
            warnings.push(d::unknown_tag(scalar.span, tag));
        }
        resolve_tagged(kind, text).map_err(|error| match error {
            TagError::Mismatch { found, wanted } => d::tag_mismatch(scalar.span, text, found.short(), wanted.short()),
            TagError::BadBase64 => d::bad_base64(scalar.span),
        })
    }
}

/// Plain and untagged: the only scalars YAML 1.1 typing surprises.
fn implicit(scalar: &Scalar<'_>) -> bool {
    scalar.style == Style::Plain && scalar.tag.is_none()
}

impl Schema for HelmSchema {
    fn value(
        &mut self,
        scalar: Scalar<'_>,
        key: Option<&str>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<Value, Diagnostic> {
        let resolved = Self::resolve(&scalar, warnings)?;
        let span = scalar.span;
        let text = scalar.text.as_ref();
        Ok(match resolved {
            Resolved::Null => Value::Null,
            Resolved::Bool(b) => {
                if implicit(&scalar) && is_yaml11_only_bool(text) {
                    warnings.push(d::yaml11_boolean(span, text, b, key));
                }
                Value::Bool(b)
            }
            Resolved::Int(i) => {
                if implicit(&scalar) {
                    if let Some(value) = surprising_octal(text, i) {
                        warnings.push(d::octal_number(span, text, value, key));
                    }
                }
                #[allow(clippy::cast_precision_loss)]
                let f = i as f64;
                warn_inexact_integer(span, text, i128::from(i), f, key, warnings);
                Value::Float(f)
            }
            Resolved::Uint(u) => {
                #[allow(clippy::cast_precision_loss)]
                let f = u as f64;
                warn_inexact_integer(span, text, i128::from(u), f, key, warnings);
                Value::Float(f)
            }
            Resolved::Float(f) => {
                if !f.is_finite() {
                    return Err(d::infinity(span, text, key));
                }
                if implicit(&scalar) {
                    if is_version_like(text) {
                        warnings.push(d::version_number(span, text, &format!("{f}"), key));
                    } else if let Some(exact) = big_integer_literal(text) {
                        if exact != format!("{f:.0}") {
                            warnings.push(d::float_precision(span, text, &format!("{f:.0}"), key));
                        }
                    }
                }
                Value::Float(f)
            }
            // Copied: inline when short, else at its exact size (the parser's scanning buffer
            // would keep its spare capacity in the tree).
            Resolved::Str => Value::Str(Text::new(&scalar.text)),
            Resolved::Binary { text, lossy } => {
                if lossy {
                    warnings.push(d::binary_not_text(span));
                }
                Value::Str(Text::new(&text))
            }
        })
    }

    fn key(&mut self, scalar: Scalar<'_>, warnings: &mut Vec<Diagnostic>) -> Result<(Text, KeyIdentity), Diagnostic> {
        let resolved = Self::resolve(&scalar, warnings)?;
        if resolved == Resolved::Str {
            return Ok((Text::new(&scalar.text), KeyIdentity::Str));
        }
        let text = scalar.text.as_ref();
        let span = scalar.span;
        let kind = resolved.clone();
        let (name, identity) = key_string(resolved, text).map_err(|error| match error {
            KeyError::Null => d::null_key(span, text),
            KeyError::Unsigned => d::unsigned_key(span, text),
        })?;
        if name != text {
            match kind {
                Resolved::Bool(b) => warnings.push(d::boolean_key(span, text, b)),
                Resolved::Int(_) => warnings.push(d::numeric_key(span, text, &name)),
                Resolved::Float(_) => warnings.push(d::float_key(span, text, &name)),
                _ => {}
            }
        }
        Ok((name, identity))
    }

    fn is_merge_key(&self, scalar: &Scalar<'_>) -> bool {
        // go-yaml's isMerge: the text `<<`, plain and untagged, or tagged `!!merge` or `!`.
        scalar.text == "<<"
            && match scalar.tag.as_deref() {
                None => scalar.style.is_plain(),
                Some(tag) => matches!(TagKind::of(tag), TagKind::Merge | TagKind::NonSpecific),
            }
    }

    fn collection_tag(
        &mut self,
        tag: &str,
        is_map: bool,
        span: Span,
        warnings: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        // go-yaml v2 ignores tags on maps and lists; only say so when the tag looks meaningful.
        let expected = if is_map { TagKind::Map } else { TagKind::Seq };
        let kind = TagKind::of(tag);
        if kind != expected && kind != TagKind::NonSpecific {
            warnings.push(d::unknown_tag(span, tag));
        }
        Ok(())
    }

    fn double_quoted(&mut self, raw: &str, span: Span) -> Result<(), Diagnostic> {
        // YAML 1.2 added the `\/` escape; go-yaml v2 (libyaml) rejects it.
        let bytes = raw.as_bytes();
        let mut i = 0;
        while let Some(at) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
            let slash = i + at + 1;
            if bytes.get(slash) == Some(&b'/') {
                let at = span.start as usize + slash - 1;
                return Err(d::slash_escape(Span::new(span.source, at, at + 2)));
            }
            i = slash + 1;
        }
        Ok(())
    }

    fn directive(&mut self, line: &str, span: Span) -> Result<(), Diagnostic> {
        // libyaml (go-yaml v2) knows `%YAML 1.1` and `%TAG` only.
        let mut words = line.split_whitespace();
        match words.next() {
            Some("%YAML") => match words.next() {
                Some("1.1") => Ok(()),
                _ => Err(d::directive(span, line, "go-yaml v2 reads only `%YAML 1.1` documents")),
            },
            Some("%TAG") => Ok(()),
            _ => Err(d::directive(span, line, "go-yaml v2 knows no such directive")),
        }
    }
}

/// `0755` read as octal, when that differs from reading the digits as decimal.
fn surprising_octal(text: &str, value: i64) -> Option<i64> {
    let digits = text.trim_start_matches(['+', '-']);
    let bytes = digits.as_bytes();
    if bytes.len() < 2 || bytes[0] != b'0' || !bytes[1].is_ascii_digit() {
        return None;
    }
    let decimal: Option<u64> = digits.chars().filter(|c| *c != '_').collect::<String>().parse().ok();
    (decimal != Some(value.unsigned_abs())).then_some(value)
}

/// `1.10`, `1.0`, `5.`: a plain decimal whose number prints differently from the text.
fn is_version_like(text: &str) -> bool {
    let Some((int, frac)) = text.split_once('.') else { return false };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (frac.is_empty() || frac.ends_with('0'))
}

/// The digits of a decimal integer literal (`-` kept), if the text is one.
fn big_integer_literal(text: &str) -> Option<String> {
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.strip_prefix('+').unwrap_or(&plain)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    Some(format!("{sign}{}", if digits.is_empty() { "0" } else { digits }))
}

fn warn_inexact_integer(
    span: Span,
    text: &str,
    exact: i128,
    held: f64,
    key: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) {
    #[allow(clippy::cast_possible_truncation)]
    let back = held as i128;
    if back != exact {
        warnings.push(d::float_precision(span, text, &format!("{held:.0}"), key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceId;
    use std::borrow::Cow;

    fn scalar(text: &str, style: Style, tag: Option<&str>) -> Scalar<'static> {
        Scalar {
            text: Cow::Owned(text.to_string()),
            style,
            tag: tag.map(str::to_string),
            span: Span::at(SourceId(0), 0),
        }
    }

    fn value(text: &str) -> (Result<Value, Diagnostic>, Vec<&'static str>) {
        let mut warnings = Vec::new();
        let v = HelmSchema.value(scalar(text, Style::Plain, None), Some("k"), &mut warnings);
        (v, warnings.iter().map(|w| w.code).collect())
    }

    #[test]
    fn numbers_become_float64() {
        assert_eq!(value("9007199254740993").0, Ok(Value::Float(9_007_199_254_740_992.0)));
        assert_eq!(value("9007199254740993").1, vec!["float-precision"]);
        assert_eq!(value("9007199254740992").1, Vec::<&str>::new());
        assert_eq!(value("12345678901234567890").0, Ok(Value::Float(1.2345678901234567e19)));
        assert_eq!(value("12345678901234567890").1, vec!["float-precision"]);
        assert_eq!(value("18446744073709551616").1, Vec::<&str>::new(), "2^64 is exact");
        assert_eq!(value("99999999999999999999999").1, vec!["float-precision"]);
        assert_eq!(value("0x10").0, Ok(Value::Float(16.0)));
    }

    #[test]
    fn warnings_for_yaml11_surprises() {
        assert_eq!(value("NO"), (Ok(Value::Bool(false)), vec!["yaml11-boolean"]));
        assert_eq!(value("true"), (Ok(Value::Bool(true)), vec![]));
        assert_eq!(value("1.10"), (Ok(Value::Float(1.1)), vec!["version-number"]));
        assert_eq!(value("1.0"), (Ok(Value::Float(1.0)), vec!["version-number"]));
        assert_eq!(value("1.5"), (Ok(Value::Float(1.5)), vec![]));
        assert_eq!(value("0755"), (Ok(Value::Float(493.0)), vec!["octal-number"]));
        assert_eq!(value("0o755"), (Ok(Value::Float(493.0)), vec![]));
        assert_eq!(value("07"), (Ok(Value::Float(7.0)), vec![]));
        assert_eq!(value("08"), (Ok(Value::Float(8.0)), vec![]));
        let mut warnings = Vec::new();
        let quoted = HelmSchema.value(scalar("yes", Style::DoubleQuoted, None), None, &mut warnings);
        assert_eq!((quoted, warnings.len()), (Ok(Value::Str("yes".into())), 0));
    }

    #[test]
    fn infinity_and_nan_are_errors() {
        for text in [".inf", "-.Inf", "+.INF", ".nan"] {
            assert_eq!(value(text).0.map_err(|e| e.code), Err("yaml-infinity"), "{text}");
        }
        let mut warnings = Vec::new();
        let tagged =
            HelmSchema.value(scalar(".inf", Style::DoubleQuoted, Some("tag:yaml.org,2002:float")), None, &mut warnings);
        assert_eq!(tagged.map_err(|e| e.code), Err("yaml-infinity"));
    }

    #[test]
    fn keys_and_their_warnings() {
        let key = |text: &str| {
            let mut warnings = Vec::new();
            let k = HelmSchema.key(scalar(text, Style::Plain, None), &mut warnings);
            (k.map(|(s, _)| s).map_err(|e| e.code), warnings.iter().map(|w| w.code).collect::<Vec<_>>())
        };
        assert_eq!(key("on"), (Ok("true".into()), vec!["yaml11-boolean"]));
        assert_eq!(key("true"), (Ok("true".into()), vec![]));
        assert_eq!(key("0x10"), (Ok("16".into()), vec!["numeric-key"]));
        assert_eq!(key("1.5"), (Ok("1.5".into()), vec![]));
        assert_eq!(key("2.0"), (Ok("2".into()), vec!["float-key"]));
        assert_eq!(key("3.14159265358979"), (Ok("3.1415927".into()), vec!["float-key"]));
        assert_eq!(key("18446744073709551616"), (Ok("1.8446744e+19".into()), vec!["float-key"]));
        assert_eq!(key(".inf"), (Ok(".inf".into()), vec![]));
        assert_eq!(key("~"), (Err("yaml-key"), vec![]));
        assert_eq!(key(""), (Err("yaml-key"), vec![]));
        assert_eq!(key("9223372036854775808"), (Err("yaml-key"), vec![]));
        assert_eq!(key("2001-12-14"), (Ok("2001-12-14".into()), vec![]));
    }

    #[test]
    fn merge_keys_are_plain_or_tagged() {
        let merge = |text, style, tag| HelmSchema.is_merge_key(&scalar(text, style, tag));
        assert!(merge("<<", Style::Plain, None));
        assert!(merge("<<", Style::Plain, Some("tag:yaml.org,2002:merge")));
        assert!(merge("<<", Style::DoubleQuoted, Some("!")));
        assert!(!merge("<<", Style::DoubleQuoted, None));
        assert!(!merge("<<", Style::Plain, Some("tag:yaml.org,2002:str")));
    }

    #[test]
    fn slash_escapes_are_refused_like_go_yaml() {
        let span = Span::new(SourceId(0), 10, 20);
        let e = HelmSchema.double_quoted(r#""a\/b""#, span).unwrap_err();
        assert_eq!((e.code, e.span), ("yaml-syntax", Some(Span::new(SourceId(0), 12, 14))));
        assert!(HelmSchema.double_quoted(r#""a\\/b \" \u00e9""#, span).is_ok());
    }

    #[test]
    fn directives() {
        let span = Span::at(SourceId(0), 0);
        assert!(HelmSchema.directive("%YAML 1.1", span).is_ok());
        assert!(HelmSchema.directive("%TAG ! tag:example.com,2000:", span).is_ok());
        assert_eq!(HelmSchema.directive("%YAML 1.2", span).map_err(|e| e.code), Err("yaml-directive"));
        assert_eq!(HelmSchema.directive("%FOO bar", span).map_err(|e| e.code), Err("yaml-directive"));
    }
}
