//! Sources and spans: every piece of text strata reads, and byte ranges into it.
//!
//! Spans are byte offsets; line and column are computed only when a position is
//! shown, through [`Sources::line_col`].

use std::fmt;

/// Index of a source in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// A byte range `[start, end)` in one source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub source: SourceId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        Span { source, start: clamp_u32(start), end: clamp_u32(end.max(start)) }
    }

    /// An empty span at `offset`.
    pub fn at(source: SourceId, offset: usize) -> Self {
        Span::new(source, offset, offset)
    }

    /// The smallest span covering both (same source assumed).
    pub fn to(self, other: Span) -> Span {
        Span { source: self.source, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What kind of input a source is; decides how its name is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A file (values file, chart values, `--set-file` target, workspace file).
    File,
    /// A command-line argument such as `--set a=1`; its name is the flag.
    Argument,
    /// Text pasted or typed in the page.
    Inline,
}

#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub kind: SourceKind,
    pub text: String,
    /// Byte offsets where lines start, computed on first need: most runs of a large file
    /// never show a position in it.
    line_starts: std::cell::OnceCell<Vec<u32>>,
}

impl Source {
    fn new(name: String, kind: SourceKind, text: String) -> Self {
        Source { name, kind, text, line_starts: std::cell::OnceCell::new() }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0u32];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| clamp_u32(i + 1)));
            starts
        })
    }
}

/// A one-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Every source of one run, addressed by [`SourceId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    sources: Vec<Source>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: impl Into<String>, kind: SourceKind, text: impl Into<String>) -> SourceId {
        let id = SourceId(clamp_u32(self.sources.len()));
        self.sources.push(Source::new(name.into(), kind, text.into()));
        id
    }

    pub fn get(&self, id: SourceId) -> &Source {
        &self.sources[id.0 as usize]
    }

    pub fn name(&self, id: SourceId) -> &str {
        &self.get(id).name
    }

    pub fn text(&self, id: SourceId) -> &str {
        &self.get(id).text
    }

    pub fn slice(&self, span: Span) -> &str {
        let text = self.text(span.source);
        let start = (span.start as usize).min(text.len());
        let end = (span.end as usize).clamp(start, text.len());
        text.get(start..end).unwrap_or("")
    }

    /// One-based line and character column of a byte offset.
    pub fn line_col(&self, id: SourceId, offset: u32) -> LineCol {
        let source = self.get(id);
        let line_starts = source.line_starts();
        let line_index = line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line_start = line_starts[line_index] as usize;
        let offset = (offset as usize).min(source.text.len()).max(line_start);
        let column = source.text.get(line_start..offset).map_or(offset - line_start, |prefix| prefix.chars().count());
        LineCol { line: clamp_u32(line_index + 1), column: clamp_u32(column + 1) }
    }

    /// `name:line:col` for the start of a span. An argument is named by its flag
    /// and its text, shell-quoted: `--set 'a..b=1':1:3`.
    pub fn position(&self, span: Span) -> String {
        format!("{}:{}", self.display_name(span.source), self.line_col(span.source, span.start))
    }

    /// How a source is named in positions.
    pub fn display_name(&self, id: SourceId) -> String {
        let source = self.get(id);
        match source.kind {
            SourceKind::Argument => {
                let text: String = if source.text.chars().count() > 60 {
                    source.text.chars().take(57).chain("...".chars()).collect()
                } else {
                    source.text.clone()
                };
                format!("{} '{}'", source.name, text.replace('\'', r"'\''"))
            }
            SourceKind::File | SourceKind::Inline => source.name.clone(),
        }
    }

    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &Source)> {
        self.sources.iter().enumerate().map(|(i, s)| (SourceId(clamp_u32(i)), s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let mut sources = Sources::new();
        let id = sources.add("a.yaml", SourceKind::File, "a: 1\nbé: x\n");
        assert_eq!(sources.line_col(id, 0), LineCol { line: 1, column: 1 });
        assert_eq!(sources.line_col(id, 5), LineCol { line: 2, column: 1 });
        // "x" is at byte 10 ("bé: " is 5 bytes) but character column 5.
        assert_eq!(sources.line_col(id, 10), LineCol { line: 2, column: 5 });
        assert_eq!(sources.position(Span::at(id, 10)), "a.yaml:2:5");
    }

    #[test]
    fn arguments_are_named_by_flag_and_quoted_text() {
        let mut sources = Sources::new();
        let id = sources.add("--set", SourceKind::Argument, "a..b='x'");
        assert_eq!(sources.position(Span::at(id, 2)), r"--set 'a..b='\''x'\''':1:3");
    }
}
