//! Every error the inheritance form reports, in one place.

use crate::diag::Diagnostic;
use crate::node::Value;
use crate::source::{Sources, Span};

/// How many known names an unknown-parent error lists.
const KNOWN_SHOWN: usize = 12;

pub(super) fn no_target(target: usize, count: usize) -> Diagnostic {
    Diagnostic::error("inherit-target", format!("no file #{target} to resolve: {count} files were given"))
        .hint("pass the index of one of the candidate files")
}

pub(super) fn internal(span: Span) -> Diagnostic {
    Diagnostic::error("inherit-internal", "inheritance could not be resolved (an internal error)")
        .at(span)
        .hint("report this with the files involved")
}

pub(super) fn unknown_parent(name: &str, known: &[String], own_key: bool, span: Span) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::error("inherit-unknown-parent", format!("`extends` names `{name}`, but no file defines it"))
            .at(span);
    if let Some(best) = closest(name, known) {
        diagnostic = diagnostic.hint(format!("did you mean `{best}`?"));
    }
    if own_key {
        diagnostic = diagnostic.hint(format!(
            "move `{name}:` to another file: a file's own top-level keys are its values, not parents it can extend"
        ));
    }
    let hint = if known.is_empty() {
        format!("define a top-level `{name}:` map in another file, or add a file `{name}.yaml`")
    } else {
        let mut shown: Vec<String> = known.iter().take(KNOWN_SHOWN).map(|n| format!("`{n}`")).collect();
        if known.len() > KNOWN_SHOWN {
            shown.push(format!("and {} more", known.len() - KNOWN_SHOWN));
        }
        format!("name a top-level map of another file or a file's stem; known: {}", shown.join(", "))
    };
    diagnostic.hint(hint)
}

pub(super) fn ambiguous(name: &str, places: &[Span], span: Span, sources: &Sources) -> Diagnostic {
    let places: Vec<String> = places.iter().map(|&p| sources.position(p)).collect();
    Diagnostic::error(
        "inherit-ambiguous-parent",
        format!("`extends` names `{name}`, which is defined {} times: {}", places.len(), places.join(" and ")),
    )
    .at(span)
    .hint(format!("rename all but one of them so `{name}` names exactly one parent"))
}

/// `steps` are the links of the cycle in order: (unit, the parent it extends, where).
pub(super) fn cycle(steps: &[(String, String, Span)], span: Span, sources: &Sources) -> Diagnostic {
    let mut names: Vec<&str> = steps.iter().map(|(from, _, _)| from.as_str()).collect();
    if let Some((first, _, _)) = steps.first() {
        names.push(first);
    }
    let mut diagnostic = Diagnostic::error("inherit-cycle", format!("`extends` forms a cycle: {}", names.join(" -> ")))
        .at(span)
        .hint("remove one of these `extends:` to break the cycle");
    for (from, to, at) in steps {
        diagnostic = diagnostic.hint(format!("`{from}` extends `{to}` at {}", sources.position(*at)));
    }
    diagnostic
}

pub(super) fn too_deep(limit: usize, target: &str, span: Span) -> Diagnostic {
    Diagnostic::error("inherit-too-deep", format!("the `extends` chain from `{target}` is longer than {limit} links"))
        .at(span)
        .hint(format!("shorten the chain: merge some parents into one block (at most {limit} links are followed)"))
}

pub(super) fn too_many_parents(limit: usize, count: usize, span: Span) -> Diagnostic {
    Diagnostic::error("inherit-too-many-parents", format!("`extends` lists {count} parents, more than {limit}"))
        .at(span)
        .hint(format!("list at most {limit} parents; merge some of them into one block"))
}

pub(super) fn too_large(limit: usize, span: Span) -> Diagnostic {
    Diagnostic::error("inherit-too-large", format!("inheritance copies more than {limit} values"))
        .at(span)
        .hint("extend fewer parents: a parent listed or reached many times is copied each time")
}

pub(super) fn extends_type(value: &Value, span: Span, sources: &Sources) -> Diagnostic {
    let found = value.type_name();
    let diagnostic = Diagnostic::error(
        "inherit-extends-type",
        format!("`extends` must be a name or a list of names, not a {found}"),
    )
    .at(span);
    match value {
        Value::Null => diagnostic.hint("name the parent, e.g. `extends: base_config`, or remove `extends:`"),
        Value::Map(_) => {
            diagnostic.hint("name the parent, e.g. `extends: base_config`, and put changed values under `overrides:`")
        }
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            diagnostic.hint(format!("quote the name: `extends: \"{}\"`", sources.slice(span).trim()))
        }
        Value::Str(_) | Value::List(_) => {
            diagnostic.hint("write `extends: base_config` or `extends: [base_config, extra]`")
        }
    }
}

pub(super) fn extends_item_type(value: &Value, span: Span, sources: &Sources) -> Diagnostic {
    let found = value.type_name();
    let diagnostic =
        Diagnostic::error("inherit-extends-type", format!("each entry of `extends` must be a name, not a {found}"))
            .at(span);
    match value {
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            diagnostic.hint(format!("quote the name: `\"{}\"`", sources.slice(span).trim()))
        }
        _ => diagnostic.hint("list parent names only, e.g. `extends: [base_config, extra]`"),
    }
}

pub(super) fn overrides_type(value: &Value, span: Span) -> Diagnostic {
    Diagnostic::error("inherit-overrides-type", format!("`overrides` must be a map, not a {}", value.type_name()))
        .at(span)
        .hint("write the changed values as keys under `overrides:`, e.g. `overrides: {database: {pool_size: 50}}`")
}

/// The known name closest to `name`, other than `name` itself.
fn closest<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    crate::text::closest(name, known.iter().map(String::as_str).filter(|k| *k != name))
}
