//! saphyr-parser's events, with spans in source bytes and errors as diagnostics.
//!
//! One [`Events`] reads one piece of a source (a whole file, or one of Helm's
//! documents) starting at byte `base`, so every span stays relative to the file.
//!
//! The fast scanner ([`super::fast`]) goes first; when it bails, a saphyr parser
//! reads the same text from the start, its first events (the ones already
//! delivered) are dropped, and it carries on. Debug builds check that the dropped
//! events equal the delivered ones, spans included.

use super::cursor::CharCursor;
use super::diagnostics as d;
use super::fast::Scanner;
use super::schema::Style;
use crate::diag::Diagnostic;
use crate::source::{SourceId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, StrInput, Tag};

pub(crate) struct Events<'a> {
    text: &'a str,
    fast: Option<Scanner<'a>>,
    /// Events the fast scanner delivered.
    delivered: usize,
    #[cfg(debug_assertions)]
    seen: Vec<(Event<'a>, Span)>,
    parser: Option<Parser<'a, StrInput<'a>>>,
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
            text,
            fast: Some(Scanner::new(text)),
            delivered: 0,
            #[cfg(debug_assertions)]
            seen: Vec::new(),
            parser: None,
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
        if let Some(fast) = self.fast.as_mut() {
            if let Some((event, start, end)) = fast.next() {
                if matches!(event, Event::StreamEnd) {
                    self.finished = true;
                }
                self.delivered += 1;
                let span = Span::new(self.source, self.base + start, self.base + end);
                #[cfg(debug_assertions)]
                self.seen.push((event.clone(), span));
                return Ok((event, span));
            }
            self.fast = None;
            return self.fall_back();
        }
        self.slow()
    }

    /// Hand over to saphyr: skip what the fast scanner delivered, then go on.
    fn fall_back(&mut self) -> Result<(Event<'a>, Span), Diagnostic> {
        self.parser = Some(Parser::new_from_str(self.text));
        for _index in 0..self.delivered {
            let _event = self.slow()?;
            #[cfg(debug_assertions)]
            assert_eq!(Some(&_event), self.seen.get(_index), "fast scanner and saphyr differ at event {_index}");
        }
        #[cfg(debug_assertions)]
        self.seen.clear();
        self.finished = false;
        self.slow()
    }

    fn slow(&mut self) -> Result<(Event<'a>, Span), Diagnostic> {
        let Some(parser) = self.parser.as_mut() else {
            self.finished = true;
            return self.next();
        };
        match parser.next_event() {
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
