//! Numbers printed as Helm prints them in JSON (Go's `encoding/json`).
//!
//! Rust's shortest round-trip digits equal Go's `strconv.FormatFloat(f, 'f'|'e', -1, 64)`;
//! only the choice of notation and the exponent's spelling need Go's rules.

use std::fmt::Write as _;

/// A float64 as Go's `encoding/json` writes it: plain digits for
/// `1e-6 <= |f| < 1e21`, else exponent form like `1e+21` or `1.5e-7`.
pub fn write_float(out: &mut String, f: f64) {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let text = format!("{f:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                let _ = write!(out, "{mantissa}e+{exponent}");
            }
            _ => out.push_str(&text),
        }
    } else if f.fract() == 0.0 && abs < EXACT_INTEGERS {
        // Most numbers in values are whole (`replicas: 3`, `port: 8080`): written as
        // `{f}` writes them, without its shortest-digits search.
        if f.is_sign_negative() {
            out.push('-');
        }
        // Whole and below 2^53: the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        super::push_decimal(out, abs as u64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// Below 2^53 every whole float64 is an exact integer.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

pub fn write_int(out: &mut String, i: i64) {
    if i < 0 {
        out.push('-');
    }
    super::push_decimal(out, i.unsigned_abs());
}

/// A float64 as Go's `%v` prints it in a template (`%g`, shortest digits):
/// exponent form when the decimal exponent is below -4 or at least 6. This is
/// what users see when a chart prints `{{ .Values.x }}`.
pub fn go_template_float(f: f64) -> String {
    if f == 0.0 || !f.is_finite() {
        return format!("{f}");
    }
    let text = format!("{f:e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&exponent) {
        return format!("{f}");
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_as_the_formatter_writes_them() {
        let mut values =
            vec![0.0, -0.0, 1.0, -1.0, 3.0, 8080.0, 1e15, -1e15, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0];
        values.extend((0..2000).map(|i| f64::from(i) * 37.0 - 5000.0));
        values.extend([0.5, -2.25, 1e-6, 123_456.789, 1e20, 2e20]);
        for f in values {
            assert_eq!(json(f), format!("{f}"), "{f:?}");
        }
        for i in [0, 1, -1, 42, i64::MAX, i64::MIN, -9_000_000_000] {
            let mut s = String::new();
            write_int(&mut s, i);
            assert_eq!(s, i.to_string());
        }
    }

    fn json(f: f64) -> String {
        let mut s = String::new();
        write_float(&mut s, f);
        s
    }

    #[test]
    fn floats_print_like_go_encoding_json() {
        assert_eq!(json(1.0), "1");
        assert_eq!(json(1000000.0), "1000000");
        assert_eq!(json(0.5), "0.5");
        assert_eq!(json(-0.0), "-0");
        assert_eq!(json(1.2345678901234567e19), "12345678901234567000");
        assert_eq!(json(9007199254740993.0), "9007199254740992");
        assert_eq!(json(1e21), "1e+21");
        assert_eq!(json(1.5e-7), "1.5e-7");
        assert_eq!(json(0.000001), "0.000001");
        assert_eq!(json(1.8446744073709552e19), "18446744073709552000");
    }

    #[test]
    fn template_floats_print_like_go_percent_v() {
        assert_eq!(go_template_float(1000000.0), "1e+06");
        assert_eq!(go_template_float(1234567.0), "1.234567e+06");
        assert_eq!(go_template_float(123456.0), "123456");
        assert_eq!(go_template_float(0.5), "0.5");
        assert_eq!(go_template_float(0.00001), "1e-05");
        assert_eq!(go_template_float(0.0001), "0.0001");
    }
}
