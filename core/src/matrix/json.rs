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
            json_string(&mut out, &matrix.environments[e]);
            out.push_str(": {\"value\": ");
            match matrix.content(cell) {
                Content::Value(_) if cell.masked => json_string(&mut out, MASK),
                Content::Value(value) => out.push_str(&to_json_compact(value)),
                Content::Deleted | Content::Missing => out.push_str("null"),
            }
            let _ = write!(out, ", \"state\": \"{}\"", cell.state.as_str());
            if let Some(span) = matrix.span(cell) {
                let origin = matrix.origin(e, span);
                out.push_str(", \"origin\": {\"file\": ");
                json_string(&mut out, &origin.file);
                let _ = write!(out, ", \"line\": {}, \"column\": {}, \"layer\": ", origin.line, origin.column);
                json_string(&mut out, &origin.layer);
                out.push('}');
            }
            out.push('}');
        }
        out.push_str(if row.cells.is_empty() { "}}" } else { "\n    }}" });
        super::flush(&mut out, sink);
    }
    out.push_str(if matrix.rows.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    super::flush(&mut out, sink);
}
