//! Map keys as sigs.k8s.io/yaml turns them into JSON object keys.
//!
//! go-yaml v2 decodes keys into Go values (string, int, float64, bool, nil,
//! uint64); sigs.k8s.io/yaml then prints them: integers in decimal, booleans as
//! `true`/`false`, floats in single-precision `%g` form. Nulls and `uint64`
//! keys have no string form and are errors.

use super::scalar::Resolved;
use crate::node::Text;

/// What made a key, beyond its string: two keys with the same string but a
/// different identity were different Go map keys, and Helm keeps one of them
/// at random.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyIdentity {
    Str,
    Int,
    Bool,
    /// The float's bits: `1.0` and `1.00000001` print alike but differ.
    Float(u64),
    /// Never equal to anything (a NaN key).
    Unique,
}

impl KeyIdentity {
    /// Whether two keys with the same string were the same Go map key.
    pub fn same_key(self, other: KeyIdentity) -> bool {
        self == other && self != KeyIdentity::Unique
    }
}

/// Why a key has no string form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyError {
    Null,
    Unsigned,
}

/// The JSON key for a resolved scalar (`text` is the scalar's text, used for strings).
pub(crate) fn key_string(resolved: Resolved, text: &str) -> Result<(Text, KeyIdentity), KeyError> {
    Ok(match resolved {
        Resolved::Str => (Text::new(text), KeyIdentity::Str),
        Resolved::Binary { text, .. } => (Text::new(&text), KeyIdentity::Str),
        Resolved::Bool(b) => (Text::const_new(if b { "true" } else { "false" }), KeyIdentity::Bool),
        Resolved::Int(i) => (Text::from(i.to_string()), KeyIdentity::Int),
        Resolved::Float(f) => {
            let identity = if f.is_nan() { KeyIdentity::Unique } else { KeyIdentity::Float(f.to_bits()) };
            (Text::from(format_float32_g(f)), identity)
        }
        Resolved::Uint(_) => return Err(KeyError::Unsigned),
        Resolved::Null => return Err(KeyError::Null),
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`, with go-yaml's names for the
/// infinities and NaN (`.inf`, `-.inf`, `.nan`).
pub(crate) fn format_float32_g(f: f64) -> String {
    #[allow(clippy::cast_possible_truncation)]
    let single = f as f32;
    if single.is_nan() {
        return ".nan".to_string();
    }
    if single.is_infinite() {
        return if single > 0.0 { ".inf" } else { "-.inf" }.to_string();
    }
    // Rust prints the shortest digits that read back as the same f32, as Go does.
    let scientific = format!("{single:e}");
    let (negative, unsigned) = match scientific.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, scientific.as_str()),
    };
    let (mantissa, exponent) = unsigned.split_once('e').unwrap_or((unsigned, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if digits == "0" {
        out.push('0');
        return out;
    }
    // `%g` with the shortest digits switches to an exponent below 1e-4 and from 1e6 up.
    if !(-4..6).contains(&exponent) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exponent < 0 { '-' } else { '+' });
        let magnitude = exponent.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
        return out;
    }
    let point = exponent + 1; // digits before the decimal point
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..(-point) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let point = point.unsigned_abs() as usize;
        if digits.len() <= point {
            out.push_str(&digits);
            for _ in digits.len()..point {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_in_single_precision_g() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (2.0, "2"),
            (std::f64::consts::PI, "3.1415927"),
            (3.000_000_1, "3"),
            (18446744073709551616.0, "1.8446744e+19"),
            (1_000_000.0, "1e+06"),
            (123_456.0, "123456"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.0, "0"),
            (-0.0, "-0"),
            (-2.5, "-2.5"),
            (16_777_217.0, "1.6777216e+07"),
            (1e300, ".inf"),
            (-1e300, "-.inf"),
            (f64::NAN, ".nan"),
            (1.1, "1.1"),
            (100.0, "100"),
            (0.1, "0.1"),
            (1e-45, "1e-45"),
            (1e-50, "0"),
        ];
        for (f, want) in cases {
            assert_eq!(format_float32_g(*f), *want, "{f}");
        }
    }

    #[test]
    fn keys_by_type() {
        assert_eq!(key_string(Resolved::Int(16), "0x10"), Ok(("16".into(), KeyIdentity::Int)));
        assert_eq!(key_string(Resolved::Bool(true), "on"), Ok(("true".into(), KeyIdentity::Bool)));
        assert_eq!(key_string(Resolved::Bool(false), "n"), Ok(("false".into(), KeyIdentity::Bool)));
        assert_eq!(key_string(Resolved::Str, "a.b/c"), Ok(("a.b/c".into(), KeyIdentity::Str)));
        assert_eq!(key_string(Resolved::Null, "~"), Err(KeyError::Null));
        assert_eq!(key_string(Resolved::Uint(1 << 63), "9223372036854775808"), Err(KeyError::Unsigned));
        assert_eq!(key_string(Resolved::Float(2.0), "2.0"), Ok(("2".into(), KeyIdentity::Float(2.0f64.to_bits()))));
        assert!(!KeyIdentity::Unique.same_key(KeyIdentity::Unique));
        assert!(!KeyIdentity::Int.same_key(KeyIdentity::Float(1.0f64.to_bits())));
    }
}
