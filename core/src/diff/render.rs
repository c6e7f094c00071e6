//! A diff as text (for people) or JSON (for tools).

use super::model::{Change, Comparison, Kind, Origin, Side};
use crate::emit::{json_string, push_decimal};
use crate::paint::{paint, paint_line, Paint};
use std::fmt::Write as _;

/// Values longer than this are cut in text output (JSON has them whole).
const SHORT: usize = 72;

/// One comparison in words: `--- A` / `+++ B`, one entry per change, then a count.
/// Comparisons in a row are separated by an empty line.
pub fn comparison_text(out: &mut String, cmp: &Comparison, color: bool) {
    let absent = |absent: bool| if absent { ": no such environment" } else { "" };
    let _ = writeln!(
        out,
        "{}",
        paint(color, Paint::Bold, &format!("--- {}{}", cmp.a.label(cmp.against), absent(cmp.a.absent)))
    );
    let _ =
        writeln!(out, "{}", paint(color, Paint::Bold, &format!("+++ {}{}", cmp.b.label(false), absent(cmp.b.absent))));
    for change in &cmp.changes {
        change_text(out, change, color);
    }
    let _ = writeln!(out, "{}", summary(cmp));
}

fn change_text(out: &mut String, change: &Change, color: bool) {
    let path = &change.path;
    let (marker, colour) = match (change.kind, &change.a, &change.b) {
        (Kind::Added, _, Some(_)) => ('+', Paint::Green),
        (Kind::Removed, Some(_), _) => ('-', Paint::Red),
        (Kind::Changed, Some(_), Some(_)) => ('~', Paint::Yellow),
        (Kind::TypeChanged, Some(_), Some(_)) => ('!', Paint::Magenta),
        _ => ('?', Paint::Bold),
    };
    // A promotion of a hundred environments writes millions of these lines: pieces
    // straight into `out`, no string made and no formatting per line.
    paint_line(out, color, colour, |out| {
        out.push(marker);
        out.push(' ');
        out.push_str(path);
        match (change.kind, &change.a, &change.b) {
            (Kind::Added, _, Some(side)) | (Kind::Removed, Some(side), _) => {
                out.push_str(": ");
                out.push_str(&short(&side.shown));
            }
            (Kind::Changed, Some(a), Some(b)) => {
                out.push_str(": ");
                out.push_str(&short(&a.shown));
                out.push_str(" -> ");
                out.push_str(&short(&b.shown));
            }
            (Kind::TypeChanged, Some(a), Some(b)) => {
                for (piece, side) in [(": ", a), (" -> ", b)] {
                    out.push_str(piece);
                    out.push_str(&short(&side.shown));
                    out.push_str(" (");
                    out.push_str(side.type_name);
                    out.push(')');
                }
            }
            _ => {}
        }
    });
    for (sign, side) in [('-', &change.a), ('+', &change.b)] {
        if let Some(side) = side {
            paint_line(out, color, Paint::Dim, |out| {
                out.push_str("    ");
                out.push(sign);
                out.push(' ');
                if side.deleted {
                    out.push_str("deleted by null at ");
                }
                write_origin(out, &side.at);
            });
        }
    }
}

/// `file:line:col`, and the layer when the file alone does not say it.
fn write_origin(out: &mut String, at: &Origin) {
    out.push_str(&at.file);
    out.push(':');
    push_decimal(out, u64::from(at.line));
    out.push(':');
    push_decimal(out, u64::from(at.column));
    if let Some(note) = at.note {
        out.push_str(" (");
        out.push_str(note);
        out.push(')');
    }
}

fn short(text: &str) -> std::borrow::Cow<'_, str> {
    // Most values are short: no count of characters, no copy.
    if text.len() <= SHORT || text.chars().count() <= SHORT {
        return std::borrow::Cow::Borrowed(text);
    }
    let cut: String = text.chars().take(SHORT - 3).collect();
    std::borrow::Cow::Owned(format!("{cut}..."))
}

/// `2 changed, 1 added` or `no differences`.
fn summary(cmp: &Comparison) -> String {
    let parts: Vec<String> = cmp
        .counts()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| {
            let word = match kind {
                Kind::TypeChanged => "type changed",
                other => other.as_str(),
            };
            format!("{n} {word}")
        })
        .collect();
    if parts.is_empty() {
        "no differences".to_string()
    } else {
        parts.join(", ")
    }
}

/// Every comparison as one JSON object.
pub fn to_json(comparisons: &[Comparison]) -> String {
    let different = comparisons.iter().any(|c| !c.changes.is_empty());
    let mut out = format!("{{\n  \"different\": {different},\n  \"comparisons\": [");
    for (i, cmp) in comparisons.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {\n" } else { ",\n    {\n" });
        for (name, end) in [("a", &cmp.a), ("b", &cmp.b)] {
            let _ = write!(out, "      \"{name}\": {{\"environment\": ");
            json_string(&mut out, &end.environment);
            out.push_str(", \"workspace\": ");
            json_string(&mut out, &end.workspace);
            let _ = writeln!(out, ", \"absent\": {}}},", end.absent);
        }
        out.push_str("      \"summary\": {");
        for (j, (kind, n)) in cmp.counts().iter().enumerate() {
            let _ = write!(out, "{}\"{}\": {n}", if j > 0 { ", " } else { "" }, kind.as_str());
        }
        out.push_str("},\n      \"changes\": [");
        for (j, change) in cmp.changes.iter().enumerate() {
            out.push_str(if j == 0 { "\n        {\"path\": " } else { ",\n        {\"path\": " });
            json_string(&mut out, &change.path);
            let _ = write!(out, ", \"change\": \"{}\", \"a\": ", change.kind.as_str());
            side_json(&mut out, change.a.as_ref());
            out.push_str(", \"b\": ");
            side_json(&mut out, change.b.as_ref());
            out.push('}');
        }
        out.push_str(if cmp.changes.is_empty() { "]\n    }" } else { "\n      ]\n    }" });
    }
    out.push_str(if comparisons.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    out
}

fn side_json(out: &mut String, side: Option<&Side>) {
    let Some(side) = side else {
        out.push_str("null");
        return;
    };
    let _ = write!(out, "{{\"value\": {}, \"type\": \"{}\"", side.json, side.type_name);
    if side.masked {
        out.push_str(", \"masked\": true");
    }
    if side.deleted {
        out.push_str(", \"deleted_by_null\": true");
    }
    out.push_str(", \"file\": ");
    json_string(out, &side.at.file);
    let _ = write!(out, ", \"line\": {}, \"column\": {}, \"layer\": ", side.at.line, side.at.column);
    json_string(out, &side.at.layer);
    out.push('}');
}
