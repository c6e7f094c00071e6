//! A standalone HTML page: one table, inline CSS, states as classes, every text escaped,
//! nothing loaded from anywhere. Hovering a cell shows where its value was set.

use super::cell::{self, MISSING};
use super::model::{Matrix, State};
use crate::secrets::MASK;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;margin:1.5rem;color:#1f2328;background:#fff}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
td,tbody th{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:normal}
thead th{background:#f6f8fa;position:sticky;top:0}
.differs{background:#fff8c5}
.intended{background:#ddf4ff}
.type-differs{background:#ffebe9;font-weight:bold}
.missing{color:#8c959f}
.deleted{color:#cf222e;font-style:italic}
.secret{color:#8250df}
.legend span{display:inline-block;margin-right:.5rem;padding:1px 6px;border:1px solid #d0d7de;font-size:12px}
";

/// Write the page to `sink`, a row at a time.
pub fn render(matrix: &Matrix, sink: &mut dyn std::fmt::Write) {
    let mut out = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    out.push_str(if matrix.flags() { "strata matrix: feature flags" } else { "strata matrix" });
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<table>\n<thead><tr><th>");
    escape(&mut out, matrix.path_heading());
    out.push_str("</th>");
    for env in &matrix.environments {
        out.push_str("<th>");
        escape(&mut out, env);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let flags = matrix.flags();
    for row in &matrix.rows {
        out.push_str("<tr class=\"");
        out.push_str(row.state.as_str());
        out.push_str("\"><th scope=\"row\">");
        escape(&mut out, row.label());
        out.push_str("</th>");
        for (e, cell) in row.cells.iter().enumerate() {
            out.push_str("<td class=\"");
            out.push_str(cell.state.as_str());
            out.push('"');
            if let Some(span) = matrix.span(cell) {
                let origin = matrix.origin(e, span);
                out.push_str(" title=\"");
                escape(&mut out, &format!("{} ({}:{}:{})", origin.layer, origin.file, origin.line, origin.column));
                out.push('"');
            }
            out.push('>');
            escape(&mut out, &cell::text(matrix, cell, flags, MISSING));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
        super::flush(&mut out, sink);
    }
    out.push_str("</tbody>\n</table>\n<p class=\"legend\">");
    for (state, sample) in [
        (State::Same, "same"),
        (State::Differs, "differs"),
        (State::Intended, "intended"),
        (State::TypeDiffers, "type differs"),
        (State::Missing, MISSING),
        (State::Deleted, "deleted by null"),
        (State::Secret, MASK),
    ] {
        out.push_str("<span class=\"");
        out.push_str(state.as_str());
        out.push_str("\">");
        escape(&mut out, sample);
        if matches!(state, State::Missing | State::Secret) {
            out.push(' ');
            out.push_str(state.words());
        }
        out.push_str("</span>");
    }
    out.push_str("</p>\n</body>\n</html>\n");
    super::flush(&mut out, sink);
}

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
