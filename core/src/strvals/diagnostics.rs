//! Every diagnostic the `--set` parsers report, in one place.

use crate::diag::Diagnostic;
use crate::node::Value;
use crate::source::Span;

pub(crate) fn no_value(path: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-no-value", format!("key `{path}` has no value"))
        .at(span)
        .hint(format!("write `{path}=value`; an empty value is written `{path}=`"))
}

pub(crate) fn no_value_before_comma(path: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-no-value", format!("key `{path}` has no value before `,`"))
        .at(span)
        .hint(format!("write `{path}=value`, or escape the comma as `\\,` if it belongs to the key"))
}

pub(crate) fn empty_item(span: Span) -> Diagnostic {
    Diagnostic::error("set-syntax", "empty item before `,`")
        .at(span)
        .hint("remove the extra `,`, or escape it as `\\,` to keep it in the value")
}

pub(crate) fn empty_key_after_dot(path: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-syntax", format!("nothing is set under `{path}`: the key after the dot is empty"))
        .at(span)
        .hint("remove the extra `.`, or escape it as `\\.` to keep a dot in the key")
}

pub(crate) fn too_many_dots(limit: usize, span: Span) -> Diagnostic {
    Diagnostic::error("set-nesting", format!("the path has more than {limit} dots"))
        .at(span)
        .hint(format!("Helm allows at most {limit} `.` in one path; escape dots that belong to a key as `\\.`"))
}

pub(crate) fn too_deep(limit: usize, span: Span) -> Diagnostic {
    Diagnostic::error("set-nesting", format!("the path nests deeper than {limit} levels"))
        .at(span)
        .hint("split the value into smaller paths, or put it in a values file")
}

pub(crate) fn not_a_map(path: &str, old: &Value, span: Span) -> Diagnostic {
    Diagnostic::error(
        "set-type-conflict",
        format!("cannot set a key under `{path}`: it is a {}, not a map", old.type_name()),
    )
    .at(span)
    .hint(format!("replace `{path}` as a whole first, e.g. `--set-json '{path}={{}}'` (it runs before `--set`)"))
}

pub(crate) fn not_a_list(path: &str, old: &Value, span: Span) -> Diagnostic {
    Diagnostic::error("set-type-conflict", format!("cannot index `{path}`: it is a {}, not a list", old.type_name()))
        .at(span)
        .hint(format!("replace `{path}` as a whole first, e.g. `--set-json '{path}=[]'` (it runs before `--set`)"))
}

pub(crate) fn index_unclosed(span: Span) -> Diagnostic {
    Diagnostic::error("set-index", "list index has no closing `]`")
        .at(span)
        .hint("close the index with `]`, e.g. `list[0]=x`")
}

pub(crate) fn index_not_a_number(text: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-index", format!("list index `{text}` is not a whole number"))
        .at(span)
        .hint(format!("write an index from 0 to {}, e.g. `[0]`", super::MAX_INDEX))
}

pub(crate) fn index_negative(index: i64, span: Span) -> Diagnostic {
    Diagnostic::error("set-index", format!("list index {index} is negative")).at(span).hint("list indexes start at 0")
}

pub(crate) fn index_too_large(index: i64, span: Span) -> Diagnostic {
    Diagnostic::error("set-index", format!("list index {index} is larger than {}", super::MAX_INDEX))
        .at(span)
        .hint(format!("Helm allows list indexes from 0 to {}; put long lists in a values file", super::MAX_INDEX))
}

pub(crate) fn too_many_items(limit: usize, span: Span) -> Diagnostic {
    Diagnostic::error("set-index", format!("this argument pads lists with more than {limit} empty items"))
        .at(span)
        .hint("use smaller list indexes, or put long lists in a values file")
}

pub(crate) fn data_after_index(text: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-index", format!("unexpected `{text}` after a list index"))
        .at(span)
        .hint("after `]` write `=value`, `.key` or another `[N]`")
}

pub(crate) fn list_unclosed(span: Span) -> Diagnostic {
    Diagnostic::error("set-syntax", "list has no closing `}`")
        .at(span)
        .hint("close the list with `}`, or escape the brace as `\\{` to keep it as text")
}

pub(crate) fn file_unreadable(path: &str, reason: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-file-missing", format!("cannot read `{path}`: {reason}"))
        .at(span)
        .hint("check the path; it is relative to the working directory")
}

pub(crate) fn json_syntax(message: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-json-syntax", format!("invalid JSON value: {message}"))
        .at(span)
        .hint("each value must be one JSON value; quote strings, e.g. `key=\"text\"`")
}

pub(crate) fn json_object_syntax(message: &str, span: Span) -> Diagnostic {
    Diagnostic::error("set-json-syntax", format!("invalid JSON object: {message}"))
        .at(span)
        .hint("an argument starting with `{` must be one JSON object, e.g. `{\"a\": {\"b\": 1}}`")
}

pub(crate) fn json_replaces_map(path: &str, span: Span) -> Diagnostic {
    Diagnostic::warning(
        "set-json-replaces-map",
        format!("`--set-json` replaces the whole map at `{path}`; it does not merge"),
    )
    .at(span)
    .hint(format!(
        "to merge, set single keys (`{path}.key=...`) or, with Helm 4, pass one object: `{{\"{path}\": {{...}}}}`"
    ))
}

pub(crate) fn key_spaces(key: &str, span: Span) -> Diagnostic {
    Diagnostic::warning("set-key-space", format!("key `{key}` starts or ends with a space"))
        .at(span)
        .hint("remove the spaces around `,`, `.` and `=`: Helm keeps them as part of the key")
}

pub(crate) fn helm3_object_hint(diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.hint("Helm 3 has no whole-object `--set-json`: write `key=JSON` items, or use Helm 4")
}
