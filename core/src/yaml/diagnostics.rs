//! Every error and warning the YAML reader reports, in one place.
//!
//! Messages are lowercase with names in backticks; hints start with the fix.

use crate::diag::Diagnostic;
use crate::source::Span;

/// Show a piece of input in a message: one line, at most 40 characters.
pub(crate) fn shown(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

fn subject(text: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("`{}: {}`", shown(key), shown(text)),
        None => format!("`{}`", shown(text)),
    }
}

// ---------------------------------------------------------------- errors

/// A syntax error from the parser; `info` is its description.
pub(crate) fn syntax(info: &str, span: Span) -> Diagnostic {
    let error = Diagnostic::error("yaml-syntax", info.to_string()).at(span);
    let hint = if info.contains("tab") {
        Some("indent with spaces: YAML does not allow tabs in indentation")
    } else if info.contains("mapping values are not allowed") {
        Some("quote the value if it contains `: `, or put the nested map on its own indented lines")
    } else if info.starts_with("unexpected character") {
        Some("quote the value to keep a string: a plain value cannot start with `@`, a backtick or `%`")
    } else if info.contains("unknown anchor") {
        Some("define the anchor with `&name` before `*name` uses it; in Helm anchors do not cross `---` lines")
    } else if info.contains("did not find expected key") || info.contains("invalid indentation") {
        Some("check the indentation of this line against the lines above it")
    } else if info.contains("block sequence entries are not allowed") {
        Some("start the list on the next line, indented under its key")
    } else if info.contains("did not find expected '-' indicator") {
        Some("a list and a map cannot share one indentation level; indent the map or start each item with `- `")
    } else if info.contains("quoted scalar") {
        Some("close the quotes, and escape any quote inside the value")
    } else {
        None
    };
    match hint {
        Some(hint) => error.hint(hint),
        None => error,
    }
}

pub(crate) fn slash_escape(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-syntax", "`\\/` is not an escape Helm's YAML reader knows (go-yaml v2 is YAML 1.1)")
        .at(span)
        .hint("write `/` without the backslash")
}

pub(crate) fn depth(span: Span, max: usize) -> Diagnostic {
    Diagnostic::error("yaml-depth", format!("maps and lists nest deeper than {max} levels"))
        .at(span)
        .hint(format!("flatten the structure: strata stops at {max} levels to stay safe on hostile input"))
}

pub(crate) fn flow_depth(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-depth", "`[` and `{` nest deeper than the parser allows (255 levels)")
        .at(span)
        .hint("flatten the structure, or write the inner levels as indented block YAML")
}

pub(crate) fn alias_limit(span: Span, max: usize) -> Diagnostic {
    Diagnostic::error("yaml-alias-limit", format!("aliases expand to more than {max} nodes"))
        .at(span)
        .hint("expand fewer aliases: this is how alias bombs (\"billion laughs\") exhaust memory")
}

pub(crate) fn excessive_aliasing(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-alias-limit", "the document contains excessive aliasing, which Helm rejects")
        .at(span)
        .hint("write more of the values out instead of through aliases: go-yaml refuses documents made almost entirely of alias expansions")
}

pub(crate) fn too_large(span: Span, len: usize, max: usize) -> Diagnostic {
    Diagnostic::error("yaml-too-large", format!("the file is {len} bytes, more than the limit of {max} bytes"))
        .at(span)
        .hint("split it into smaller values files")
}

pub(crate) fn not_a_map(span: Span, kind: &str) -> Diagnostic {
    let hint = match kind {
        "a list" => "put the list under a key, e.g. `items:` followed by the list indented",
        _ => "write `key: value` pairs; quote the whole text under a key if it is meant as a string",
    };
    Diagnostic::error("yaml-not-a-map", format!("a values document must be a map, but this one is {kind}"))
        .at(span)
        .hint(hint)
}

pub(crate) fn separator(span: Span, line: &str) -> Diagnostic {
    let rest = line.get(3..).unwrap_or("").trim();
    let hint = if rest.starts_with('-') {
        "write exactly `---` to separate documents, or indent the line if it belongs to a value".to_string()
    } else {
        format!("move `{}` to the next line: only a comment may follow `---` in Helm", shown(rest))
    };
    Diagnostic::error(
        "yaml-document-separator",
        format!("`{}` is not a valid document separator", shown(line.trim_end())),
    )
    .at(span)
    .hint(hint)
}

pub(crate) fn leading_document_end(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-syntax", "a document end marker `...` comes before any content")
        .at(span)
        .hint("remove the `...` line: go-yaml (and so Helm) rejects it before the first document")
}

pub(crate) fn directive(span: Span, line: &str, problem: &str) -> Diagnostic {
    Diagnostic::error("yaml-directive", format!("`{}`: {problem}", shown(line.trim_end())))
        .at(span)
        .hint("remove the directive line: values files need no `%` directives")
}

pub(crate) fn directive_in_chunk(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-directive", "a `%` directive cannot be used in a Helm 4 values file")
        .at(span)
        .hint("remove the directive line: Helm 4 cuts files at `---` lines, so a directive never reaches its document")
}

pub(crate) fn infinity(span: Span, text: &str, key: Option<&str>) -> Diagnostic {
    Diagnostic::error(
        "yaml-infinity",
        format!("{} is not a number JSON can hold, so Helm rejects it", subject(text, key)),
    )
    .at(span)
    .hint(format!("quote it to keep a string: `\"{}\"`", shown(text)))
}

pub(crate) fn null_key(span: Span, text: &str) -> Diagnostic {
    let hint = if text.is_empty() {
        "write a key before the `:`".to_string()
    } else {
        format!("quote the key to keep the text: `\"{}\"`", shown(text))
    };
    let shown_key = if text.is_empty() { "an empty key".to_string() } else { format!("the key `{}`", shown(text)) };
    Diagnostic::error("yaml-key", format!("{shown_key} is null, and Helm cannot turn a null key into a string"))
        .at(span)
        .hint(hint)
}

pub(crate) fn unsigned_key(span: Span, text: &str) -> Diagnostic {
    Diagnostic::error(
        "yaml-key",
        format!("the key `{}` is an integer too big for int64, and Helm cannot turn it into a string", shown(text)),
    )
    .at(span)
    .hint(format!("quote the key to keep the text: `\"{}\"`", shown(text)))
}

pub(crate) fn collection_key(span: Span, is_map: bool) -> Diagnostic {
    let what = if is_map { "a map" } else { "a list" };
    Diagnostic::error("yaml-key", format!("{what} cannot be a map key in Helm"))
        .at(span)
        .hint("use a plain string as the key")
}

pub(crate) fn merge_not_map(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-merge-key", "a `<<` merge key needs a map or a list of maps")
        .at(span)
        .hint("point `<<` at a map anchor (`<<: *defaults`), or quote `\"<<\"` to use it as a plain key")
}

pub(crate) fn recursive_alias(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-alias", "this alias refers to the anchor it is inside of")
        .at(span)
        .hint("move the alias out of the anchored value: a value cannot contain itself")
}

pub(crate) fn unknown_alias(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-alias", "this alias refers to an anchor that is not defined in this document")
        .at(span)
        .hint("define the anchor with `&name` before `*name` uses it; in Helm anchors do not cross `---` lines")
}

pub(crate) fn tag_mismatch(span: Span, text: &str, found: &str, wanted: &str) -> Diagnostic {
    Diagnostic::error("yaml-tag", format!("`{}` cannot be read as `{wanted}`: it is a `{found}`", shown(text)))
        .at(span)
        .hint("remove the tag, or change the value to match it")
}

pub(crate) fn bad_base64(span: Span) -> Diagnostic {
    Diagnostic::error("yaml-tag", "the `!!binary` value is not valid base64")
        .at(span)
        .hint("write padded standard base64 (`A-Z a-z 0-9 + /`, `=` padding), or remove the tag to keep text")
}

// ---------------------------------------------------------------- warnings

pub(crate) fn yaml11_boolean(span: Span, text: &str, value: bool, key: Option<&str>) -> Diagnostic {
    Diagnostic::warning("yaml11-boolean", format!("{} is the boolean {value} in Helm (YAML 1.1)", subject(text, key)))
        .at(span)
        .hint(format!("quote it to keep a string: `\"{}\"`; write `{value}` if a boolean is meant", shown(text)))
}

pub(crate) fn boolean_key(span: Span, text: &str, value: bool) -> Diagnostic {
    Diagnostic::warning("yaml11-boolean", format!("`{}` becomes the key \"{value}\" in Helm (YAML 1.1)", shown(text)))
        .at(span)
        .hint(format!("quote the key to keep it: `\"{}\":`", shown(text)))
}

pub(crate) fn float_precision(span: Span, text: &str, held: &str, key: Option<&str>) -> Diagnostic {
    Diagnostic::warning(
        "float-precision",
        format!("{} is too big for a float64 to hold exactly; Helm reads it as {held}", subject(text, key)),
    )
    .at(span)
    .hint("quote it to keep the exact digits as a string, or set it with `--set` to keep a 64-bit integer")
}

pub(crate) fn version_number(span: Span, text: &str, printed: &str, key: Option<&str>) -> Diagnostic {
    Diagnostic::warning(
        "version-number",
        format!("{} is the number {printed} in Helm, not the text `{}`", subject(text, key), shown(text)),
    )
    .at(span)
    .hint(format!("quote it to keep the text: `\"{}\"`", shown(text)))
}

pub(crate) fn octal_number(span: Span, text: &str, value: i64, key: Option<&str>) -> Diagnostic {
    Diagnostic::warning(
        "octal-number",
        format!("{} is the octal number {value} in Helm (a leading 0 means octal)", subject(text, key)),
    )
    .at(span)
    .hint(format!("quote it to keep the text: `\"{}\"`; write `{value}` if the number is meant", shown(text)))
}

pub(crate) fn float_key(span: Span, text: &str, printed: &str) -> Diagnostic {
    Diagnostic::warning(
        "float-key",
        format!(
            "the key `{}` is a float and becomes \"{printed}\" (Helm prints float keys in single precision)",
            shown(text)
        ),
    )
    .at(span)
    .hint(format!("quote the key to keep it as written: `\"{}\":`", shown(text)))
}

pub(crate) fn numeric_key(span: Span, text: &str, printed: &str) -> Diagnostic {
    Diagnostic::warning(
        "numeric-key",
        format!("the key `{}` is a number and becomes \"{printed}\" in Helm", shown(text)),
    )
    .at(span)
    .hint(format!("quote the key to keep it as written: `\"{}\":`", shown(text)))
}

pub(crate) fn duplicate_key(span: Span, key: &str, earlier: &str) -> Diagnostic {
    Diagnostic::warning("duplicate-key", format!("the key `{}` appears again; this later value wins", shown(key)))
        .at(span)
        .hint(format!("remove one of the two: the value at {earlier} is ignored"))
}

pub(crate) fn ambiguous_key(span: Span, key: &str, earlier: &str) -> Diagnostic {
    Diagnostic::warning(
        "duplicate-key",
        format!(
            "two different keys both become \"{}\" (the other at {earlier}); Helm keeps one of them at random",
            shown(key)
        ),
    )
    .at(span)
    .hint("quote the keys or remove one: which value Helm keeps is not defined")
}

pub(crate) fn merge_overrides(span: Span, key: &str, earlier: &str) -> Diagnostic {
    Diagnostic::warning(
        "merge-key-order",
        format!("this `<<` comes after the key `{}` (at {earlier}) and replaces its value", shown(key)),
    )
    .at(span)
    .hint("move `<<` above the keys it should not override: in Helm (go-yaml v2) the later entry wins")
}

pub(crate) fn binary_not_text(span: Span) -> Diagnostic {
    Diagnostic::warning(
        "binary-not-text",
        "the `!!binary` value is not UTF-8 text; Helm replaces its invalid bytes with U+FFFD",
    )
    .at(span)
    .hint("remove the `!!binary` tag to keep the base64 text as it is")
}

pub(crate) fn unknown_tag(span: Span, tag: &str) -> Diagnostic {
    Diagnostic::warning("yaml-tag-ignored", format!("the tag `{}` has no meaning in Helm and is ignored", shown(tag)))
        .at(span)
        .hint("remove the tag")
}

pub(crate) fn ignored_after_end(span: Span) -> Diagnostic {
    Diagnostic::warning("yaml-ignored-content", "the text after the `...` end marker is ignored by Helm")
        .at(span)
        .hint("remove the `...` line, or start a new document with `---` instead")
}

pub(crate) fn helm3_first_document_only(span: Span) -> Diagnostic {
    Diagnostic::warning(
        "helm3-first-document",
        "Helm 3 reads only the first YAML document of a file; this one and later ones are ignored",
    )
    .at(span)
    .hint("merge the documents into one, or use the Helm 4 profile, which merges every document")
}
