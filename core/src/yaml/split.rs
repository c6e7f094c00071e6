//! Helm 4's document splitter and small line-level checks around it.
//!
//! Helm 4 does not let YAML find documents: its line scanner (k8s.io/apimachinery
//! `YAMLReader`) cuts the file at every line that *starts* with `---`, and the
//! rest of such a line must be empty or a comment. Each piece is then parsed on
//! its own. Unlike Helm 4.2.4, a last line of exactly 4096 bytes is not lost.

use super::diagnostics as d;
use crate::diag::Diagnostic;
use crate::source::{SourceId, Span};
use std::ops::Range;

/// The byte ranges between separator lines in `text[start..]`; ranges hold at
/// least one byte, but may be blank or comments only.
pub(crate) fn split(text: &str, start: usize, source: SourceId) -> Result<Vec<Range<usize>>, Diagnostic> {
    let mut chunks = Vec::new();
    let mut chunk_start = start;
    let region = text.get(start..).unwrap_or("");
    // Only `---` at the start of a line matters: search for it rather than walk every line.
    for at in memchr::memmem::find_iter(region.as_bytes(), "---") {
        if at > 0 && region.as_bytes().get(at - 1) != Some(&b'\n') {
            continue;
        }
        let line_end = region[at..].find('\n').map_or(region.len(), |end| at + end + 1);
        let line = &region[at..line_end];
        let offset = start + at;
        let rest = &line[3..];
        let trimmed = rest.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            let at = offset + 3 + (rest.len() - rest.trim_start().len());
            return Err(d::separator(Span::new(source, at, at + trimmed.len()), line));
        }
        if offset > chunk_start {
            chunks.push(chunk_start..offset);
        }
        chunk_start = offset + line.len();
    }
    if chunk_start < text.len() {
        chunks.push(chunk_start..text.len());
    }
    Ok(chunks)
}

/// The lines of `text[from..to]` with their byte offsets, line ends included.
pub(crate) fn lines(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, &str)> {
    let region = text.get(from..to).unwrap_or("");
    region.split_inclusive('\n').scan(from, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line))
    })
}

/// Whether a line is a document marker (`---` or `...`) followed by nothing or a comment.
fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker).is_some_and(|rest| {
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.trim_end().is_empty() || rest.starts_with('#')
    })
}

/// The first line of `text[from..to]` with content: not blank, not a comment,
/// not a `---` or `...` marker. Returns its span (trailing whitespace left out).
pub(crate) fn first_content(text: &str, from: usize, to: usize, source: SourceId) -> Option<Span> {
    lines(text, from, to).find_map(|(offset, line)| {
        let trimmed = line.trim();
        let skip = trimmed.is_empty() || trimmed.starts_with('#') || is_marker(line, "---") || is_marker(line, "...");
        (!skip).then(|| Span::new(source, offset, offset + line.trim_end().len()))
    })
}

/// go-yaml rejects a `...` marker before the first document's content; saphyr skips it.
pub(crate) fn check_leading_end(text: &str, from: usize, to: usize, source: SourceId) -> Result<(), Diagnostic> {
    for (offset, line) in lines(text, from, to) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if is_marker(line, "...") {
            return Err(d::leading_document_end(Span::new(source, offset, offset + 3)));
        }
        return Ok(());
    }
    Ok(())
}

/// Whether any line of the range starts with `%` (a directive, as the scanner sees it).
pub(crate) fn has_directive(text: &str, from: usize, to: usize) -> Option<usize> {
    let region = text.get(from..to).unwrap_or("").as_bytes();
    memchr::memchr_iter(b'%', region).find(|&at| at == 0 || region[at - 1] == b'\n').map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: SourceId = SourceId(0);

    fn pieces(text: &str) -> Result<Vec<&str>, &'static str> {
        split(text, 0, ID).map(|ranges| ranges.into_iter().map(|r| &text[r]).collect()).map_err(|e| e.code)
    }

    #[test]
    fn cuts_at_lines_starting_with_three_dashes() {
        assert_eq!(pieces("a: 1\n---\nb: 2\n"), Ok(vec!["a: 1\n", "b: 2\n"]));
        assert_eq!(pieces("---\na: 1\n"), Ok(vec!["a: 1\n"]));
        assert_eq!(pieces("a: 1\n--- # c\nb: 2"), Ok(vec!["a: 1\n", "b: 2"]));
        assert_eq!(pieces("a: 1\n---#c\nb: 2"), Ok(vec!["a: 1\n", "b: 2"]));
        assert_eq!(pieces("a: 1\r\n---\r\nb: 2\r\n"), Ok(vec!["a: 1\r\n", "b: 2\r\n"]));
        assert_eq!(pieces("---\n---\n"), Ok(vec![]));
        assert_eq!(pieces("a: |\n  ---\n"), Ok(vec!["a: |\n  ---\n"]));
        assert_eq!(pieces(""), Ok(vec![]));
        assert_eq!(pieces("a: x---y\n---\nb: ------\n"), Ok(vec!["a: x---y\n", "b: ------\n"]));
        let text = "skip\n---\na: 1\n---\n";
        assert_eq!(split(text, 5, ID).map(|r| r.into_iter().map(|r| &text[r]).collect::<Vec<_>>()), Ok(vec!["a: 1\n"]));
    }

    #[test]
    fn separator_lines_with_content_are_errors() {
        for bad in ["--- a: 1\n", "a: 1\n--- |\n  x\n", "----\n", "---a\n", "--- !!map\n"] {
            assert_eq!(pieces(bad), Err("yaml-document-separator"), "{bad:?}");
        }
        let error = split("a: 1\n---  b: 2\n", 0, ID).unwrap_err();
        assert_eq!(error.span, Some(Span::new(ID, 10, 14)));
    }

    #[test]
    fn a_last_line_of_4096_bytes_is_kept() {
        let line = format!("a: {}", "x".repeat(4093));
        assert_eq!(line.len(), 4096);
        assert_eq!(pieces(&line), Ok(vec![line.as_str()]));
    }

    #[test]
    fn content_and_leading_end_markers() {
        let text = "# c\n\n---\n... # x\nb: 2\n";
        assert_eq!(first_content(text, 0, text.len(), ID), Some(Span::new(ID, 17, 21)));
        assert_eq!(first_content("# only\n---\n", 0, 11, ID), None);
        assert!(check_leading_end("# c\n...\na: 1\n", 0, 13, ID).is_err());
        assert!(check_leading_end("a: 1\n...\n", 0, 9, ID).is_ok());
        assert!(check_leading_end("....\n", 0, 5, ID).is_ok());
    }
}
