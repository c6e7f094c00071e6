//! Findings for people (`human`), tools (`json`) and GitHub Actions (`github`).

use super::context::Context;
use super::finding::{counts, Finding};
use crate::diag::Severity;
use crate::emit::json_string;
use crate::paint::{paint, Paint};
use std::fmt::Write;

/// `file:line:col: severity[code]: message` and hints, then a count.
pub fn human(findings: &[Finding], cx: &Context, environments: &[String], color: bool, sink: &mut dyn Write) {
    let sources = cx.sources;
    let mut out = String::new();
    for finding in findings {
        let finding = finding.made(cx);
        if let Some(span) = finding.span {
            let _ = write!(out, "{}: ", sources.position(span));
        }
        let colour = match finding.severity {
            Severity::Error => Paint::Red,
            Severity::Warning => Paint::Yellow,
        };
        let label = format!("{}[{}]", finding.severity.as_str(), finding.code);
        let _ = writeln!(out, "{}: {}", paint(color, colour, &label), finding.message);
        for hint in &finding.hints {
            let _ = writeln!(out, "  {} {hint}", paint(color, Paint::Cyan, "hint:"));
        }
        flush(&mut out, sink);
    }
    if !findings.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", summary(findings, environments));
    flush(&mut out, sink);
}

/// Hand what `out` holds to `sink` (findings go out one at a time) and empty it.
fn flush(out: &mut String, sink: &mut dyn Write) {
    let _ = sink.write_str(out);
    out.clear();
}

/// `1 error, 2 warnings in 3 environments` or `no findings in 3 environments`.
fn summary(findings: &[Finding], environments: &[String]) -> String {
    let (errors, warnings) = counts(findings);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let envs = plural(environments.len(), "environment");
    match (errors, warnings) {
        (0, 0) => format!("no findings in {envs}"),
        (e, 0) => format!("{} in {envs}", plural(e, "error")),
        (0, w) => format!("{} in {envs}", plural(w, "warning")),
        (e, w) => format!("{}, {} in {envs}", plural(e, "error"), plural(w, "warning")),
    }
}

/// One JSON object: the environments, the counts and every finding.
pub fn json(findings: &[Finding], cx: &Context, environments: &[String], sink: &mut dyn Write) {
    let sources = cx.sources;
    let mut out = String::from("{\n  \"environments\": [");
    for (i, env) in environments.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        json_string(&mut out, env);
    }
    let (errors, warnings) = counts(findings);
    let _ = write!(out, "],\n  \"summary\": {{\"errors\": {errors}, \"warnings\": {warnings}}},\n  \"findings\": [");
    for (i, finding) in findings.iter().enumerate() {
        let finding = finding.made(cx);
        out.push_str(if i == 0 { "\n    {" } else { ",\n    {" });
        let _ = write!(out, "\"severity\": \"{}\", \"code\": \"{}\", ", finding.severity.as_str(), finding.code);
        if let Some(span) = finding.span {
            let at = sources.line_col(span.source, span.start);
            out.push_str("\"file\": ");
            json_string(&mut out, &sources.display_name(span.source));
            let _ = write!(out, ", \"line\": {}, \"column\": {}, ", at.line, at.column);
        }
        out.push_str("\"message\": ");
        json_string(&mut out, &finding.message);
        out.push_str(", \"hints\": [");
        for (j, hint) in finding.hints.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            json_string(&mut out, hint);
        }
        out.push_str("]}");
        flush(&mut out, sink);
    }
    out.push_str(if findings.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
    flush(&mut out, sink);
}

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=CODE::message`.
pub fn github(findings: &[Finding], cx: &Context, environments: &[String], sink: &mut dyn Write) {
    let sources = cx.sources;
    let mut out = String::new();
    for finding in findings {
        let finding = finding.made(cx);
        let mut properties = Vec::new();
        if let Some(span) = finding.span {
            let at = sources.line_col(span.source, span.start);
            properties.push(format!("file={}", escape_property(&sources.display_name(span.source))));
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
        }
        properties.push(format!("title={}", escape_property(finding.code)));
        let mut message = finding.message.clone();
        for hint in &finding.hints {
            let _ = write!(message, "\nhint: {hint}");
        }
        let _ = writeln!(out, "::{} {}::{}", finding.severity.as_str(), properties.join(","), escape_data(&message));
        flush(&mut out, sink);
    }
    let _ = writeln!(out, "{}", summary(findings, environments));
    flush(&mut out, sink);
}

/// GitHub's escaping of a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_github_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
