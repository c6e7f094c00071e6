//! Machine-readable JSON: the environments, then one object per row with a cell per
//! environment: its value (typed; masked secrets are the mask string), state and origin.
//!
//! ```json
//! {
//!   "environments": ["dev", "prod"],
//!   "rows": [
//!     {"path": "image.tag", "state": "differs", "cells": {
//!       "dev": {"value": "dev", "state": "differs", "origin": {"file": "values-dev.yaml", "line": 3, "column": 3, "layer": "-f values-dev.yaml"}},
//!       "prod": {"value": null, "state": "missing"}
//!     }}
//!   ]
//! }
//! ```
//!
//! In the feature-flag view, `"flags"` names the subtree and each row has its `"flag"`.

use super::model::{Content, Matrix, View};
use crate::emit::{json_string, to_json_compact};
use crate::secrets::MASK;
use std::fmt::Write as _;

/// Write the JSON to `sink`, a row at a time.
pub fn render(matrix: &Matrix, sink: &mut dyn std::fmt::Write) {
    let mut out = String::from("{\n  \"environments\": [");
    for (i, env) in matrix.environments.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        json_string(&mut out, env);
    }
    out.push_str("],\n");
    if let View::Flags(root) = &matrix.view {
        out.push_str("  \"flags\": ");
        json_string(&mut out, root);
        out.push_str(",\n");
    }
    out.push_str("  \"rows\": [");
    // Each environment's key, made once; a cell's value and origin are made once for a run
    // of cells showing the same written value (a base value shows in most environments).
    let keys: Vec<String> = matrix
        .environments
        .iter()
        .map(|env| {
            let mut key = String::new();
            json_string(&mut key, env);
            key.push_str(": {\"value\": ");
            key
        })
        .collect();
    let mut value_of: (u32, String) = (u32::MAX, String::new());
    let mut origin_of: (u32, String, String) = (u32::MAX, String::new(), String::new());
    for (r, row) in matrix.rows.iter().enumerate() {
        out.push_str(if r == 0 { "\n    {\"path\": " } else { ",\n    {\"path\": " });
        json_string(&mut out, &row.path);
        if matrix.flags() {
            out.push_str(", \"flag\": ");
            json_string(&mut out, row.label());
        }
        let _ = write!(out, ", \"state\": \"{}\", \"cells\": {{", row.state.as_str());
        for (e, cell) in row.cells.iter().enumerate() {
            out.push_str(if e == 0 { "\n      " } else { ",\n      " });
            out.push_str(&keys[e]);
            match matrix.content(cell) {
                Content::Value(_) if cell.masked => json_string(&mut out, MASK),
                Content::Value(value) => {
                    if value_of.0 != cell.entry() {
                        value_of = (cell.entry(), to_json_compact(value));
                    }
                    out.push_str(&value_of.1);
                }
                Content::Deleted | Content::Missing => out.push_str("null"),
            }
            out.push_str(", \"state\": \"");
            out.push_str(cell.state.as_str());
            out.push('"');
            if let Some(span) = matrix.span(cell) {
                let layer = matrix.layer(e, span.source);
                if origin_of.0 != cell.entry() || origin_of.1 != layer {
                    let origin = matrix.origin(e, span);
                    let mut text = String::from(", \"origin\": {\"file\": ");
                    json_string(&mut text, &origin.file);
                    let _ = write!(text, ", \"line\": {}, \"column\": {}, \"layer\": ", origin.line, origin.column);
                    json_string(&mut text, &origin.layer);
                    text.push('}');
                    origin_of = (cell.entry(), layer.into_owned(), text);
                }
                out.push_str(&origin_of.2);
            }
            out.push('}');
        }
        out.push_str(if row.cells.is_empty() { "}}" } else { "\n    }}" });
        super::flush(&mut out, sink);
    }
    out.push_str(if matrix.rows.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    super::flush(&mut out, sink);
}
