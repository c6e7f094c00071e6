//! saphyr-parser's events, with spans in source bytes and errors as diagnostics.
//!
//! One [`Events`] reads one piece of a source (a whole file, or one of Helm's
//! documents) starting at byte `base`, so every span stays relative to the file.

use super::cursor::CharCursor;
use super::diagnostics as d;
use super::schema::Style;
use crate::diag::Diagnostic;
use crate::source::{SourceId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, StrInput, Tag};

pub(crate) struct Events<'a> {
    parser: Parser<'a, StrInput<'a>>,
    source: SourceId,
    base: usize,
    starts: CharCursor<'a>,
    ends: CharCursor<'a>,
    finished: bool,
}

impl<'a> Events<'a> {
    /// Events of `text`, which starts at byte `base` of `source`.
    pub(crate) fn new(text: &'a str, source: SourceId, base: usize) -> Self {
        let ascii = text.is_ascii();
        Events {
            parser: Parser::new_from_str(text),
            source,
            base,
            starts: CharCursor::new(text, ascii),
            ends: CharCursor::new(text, ascii),
            finished: false,
        }
    }

    /// The next event; after the end of the stream, `StreamEnd` again.
    pub(crate) fn next(&mut self) -> Result<(Event<'a>, Span), Diagnostic> {
        if self.finished {
            let end = self.ends.byte_of(usize::MAX);
            return Ok((Event::StreamEnd, Span::at(self.source, self.base + end)));
        }
        match self.parser.next_event() {
            None => {
                self.finished = true;
                self.next()
            }
            Some(Ok((event, span))) => {
                if matches!(event, Event::StreamEnd) {
                    self.finished = true;
                }
                let start = self.base + self.starts.byte_of(span.start.index());
                let end = self.base + self.ends.byte_of(span.end.index());
                Ok((event, Span::new(self.source, start, end.max(start))))
            }
            Some(Err(error)) => Err(self.error(&error)),
        }
    }

    fn error(&mut self, error: &ScanError) -> Diagnostic {
        self.finished = true;
        let at = self.base + self.starts.byte_of(error.marker().index());
        let span = Span::at(self.source, at);
        if error.info() == "recursion limit exceeded" {
            return d::flow_depth(span);
        }
        d::syntax(error.info(), span)
    }
}

/// The full name of a tag: `tag:yaml.org,2002:int` for `!!int`, `!foo`, `!`.
pub(crate) fn full_tag(tag: &Tag) -> String {
    if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

pub(crate) fn style(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    }
}
