//! `strata diff --text`: a unified diff of the rendered YAML of both sides, secrets masked.
//!
//! Keys are sorted (as `helm get values` prints them), so the same key sits on the same
//! line on both sides whatever order the layers wrote it in.

use super::model::Comparison;
use crate::emit::{key_order, to_yaml};
use crate::mask::masked_marking;
use crate::node::Node;
use crate::paint::{paint, Paint};
use crate::workspace::SecretRules;
use similar::TextDiff;

/// The YAML of one side as it is compared: masked unless `show_secrets`; an absent side is
/// empty. Secrets at `changed` paths show as changed (on the B side), masked all the same.
pub fn rendered(root: Option<&Node>, rules: &SecretRules, show_secrets: bool, changed: &[String]) -> String {
    match root {
        None => String::new(),
        Some(root) if show_secrets => to_yaml(root, key_order(true, true)),
        Some(root) => to_yaml(&masked_marking(root, "", rules, changed), key_order(true, true)),
    }
}

/// The unified diff of `a` and `b` under `--- A` / `+++ B` headers; empty when they are equal.
pub fn unified(cmp: &Comparison, a: &str, b: &str, color: bool) -> String {
    if a == b {
        return String::new();
    }
    let diff = TextDiff::from_lines(a, b);
    let text = diff.unified_diff().context_radius(3).header(&cmp.a.label(cmp.against), &cmp.b.label(false)).to_string();
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let (body, newline) = line.strip_suffix('\n').map_or((line, ""), |body| (body, "\n"));
        let colour = if body.starts_with("---") || body.starts_with("+++") {
            Paint::Bold
        } else if body.starts_with("@@") {
            Paint::Cyan
        } else if body.starts_with('+') {
            Paint::Green
        } else if body.starts_with('-') {
            Paint::Red
        } else {
            out.push_str(line);
            continue;
        };
        out.push_str(&paint(true, colour, body));
        out.push_str(newline);
    }
    out
}
