//! A GitHub-flavoured Markdown table, for pull requests and documents.

use super::cell::{self, MISSING};
use super::model::{Content, Matrix};

/// Write the table to `sink`, a row at a time.
pub fn render(matrix: &Matrix, sink: &mut dyn std::fmt::Write) {
    let mut out = String::from("| ");
    out.push_str(&escape(matrix.path_heading()));
    for env in &matrix.environments {
        out.push_str(" | ");
        out.push_str(&escape(env));
    }
    out.push_str(" |\n|");
    out.push_str(&" --- |".repeat(matrix.environments.len() + 1));
    out.push('\n');
    let flags = matrix.flags();
    for row in &matrix.rows {
        out.push_str("| ");
        out.push_str(&code(row.label()));
        for cell in &row.cells {
            out.push_str(" | ");
            let text = cell::text(matrix, cell, flags, MISSING);
            match matrix.content(cell) {
                Content::Deleted => {
                    out.push('*');
                    out.push_str(&text);
                    out.push('*');
                }
                // Values read as code; masks, symbols and `—` stay plain.
                Content::Value(value) => {
                    let symbol = cell.masked || (flags && value.type_name() == "boolean");
                    out.push_str(&if symbol { text.into_owned() } else { code(&text) });
                }
                Content::Missing => out.push_str(&text),
            }
        }
        out.push_str(" |\n");
        super::flush(&mut out, sink);
    }
    super::flush(&mut out, sink);
}

/// A code span that survives a table cell: backticks fenced by a longer run, `|` escaped.
fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

/// Plain text in a cell: `|` escaped, and the characters Markdown would read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
