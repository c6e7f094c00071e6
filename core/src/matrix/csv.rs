//! CSV (RFC 4180): a header `path,state,ENV...`, one record per path, CRLF line ends,
//! fields quoted when they hold a comma, a quote or a line break. Missing cells are empty.

use super::cell;
use super::model::Matrix;

/// Write the CSV to `sink`, a record at a time.
pub fn render(matrix: &Matrix, sink: &mut dyn std::fmt::Write) {
    let mut out = String::new();
    field(&mut out, matrix.path_heading());
    out.push_str(",state");
    for env in &matrix.environments {
        out.push(',');
        field(&mut out, env);
    }
    out.push_str("\r\n");
    let flags = matrix.flags();
    let mut texts = cell::Texts::default();
    for row in &matrix.rows {
        field(&mut out, row.label());
        out.push(',');
        out.push_str(row.state.as_str());
        for cell in &row.cells {
            out.push(',');
            field(&mut out, texts.text(matrix, cell, flags, ""));
        }
        out.push_str("\r\n");
        super::flush(&mut out, sink);
    }
    super::flush(&mut out, sink);
}

fn field(out: &mut String, text: &str) {
    if text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}
