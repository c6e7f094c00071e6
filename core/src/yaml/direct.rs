//! The fast scanner's events straight into the builder, with nothing queued between them.
//!
//! Going through [`super::parse::Events`], every event waits in a queue until the scanner
//! has read the next line too: saphyr looks a token ahead, so an error it finds on the next
//! line must come before anything the builder would say about this one. Here nothing
//! waits, so nothing here may decide an error: when the scanner bails or the builder
//! reports anything, this gives up and the caller reads the text through `Events` from the
//! start, which finds the same values and warnings, or the error saphyr would put first.
//! Either way the builder sees the same events in the same order (decision 0002).

use super::build::{Builder, Doc};
use super::fast::{Bail, Output, Scanner};
use super::schema::Schema;
use crate::node::Node;
use crate::source::{SourceId, Span};
use saphyr_parser::Event;

/// The documents of `text` (which starts at byte `base` of `source`), read as
/// [`Builder::documents`] reads the first one; `None` when the fast path cannot say.
pub(super) fn first_document<S: Schema>(
    builder: &mut Builder<'_, S>,
    text: &str,
    source: SourceId,
    base: usize,
) -> Option<Vec<Doc>> {
    let sink = Sink { builder, source, base, in_document: false, root: None, docs: Vec::new() };
    Scanner::with_output(text, sink).run().ok().map(|sink| sink.docs)
}

struct Sink<'b, 'r, S: Schema> {
    builder: &'b mut Builder<'r, S>,
    source: SourceId,
    base: usize,
    in_document: bool,
    root: Option<Node>,
    docs: Vec<Doc>,
}

impl<'a, S: Schema> Output<'a> for Sink<'_, '_, S> {
    fn event(&mut self, event: Event<'a>, start: usize, end: usize) -> Result<(), Bail> {
        let span = Span::new(self.source, self.base + start, self.base + end);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
            Event::DocumentStart(explicit) => {
                if self.in_document || !self.docs.is_empty() {
                    return Err(Bail);
                }
                if explicit {
                    self.builder.directives(self.base, span).map_err(|_| Bail)?;
                }
                self.builder.reset();
                self.in_document = true;
                Ok(())
            }
            Event::DocumentEnd => {
                let root = self.root.take().ok_or(Bail)?;
                self.docs.push(Doc { root, end: span });
                self.in_document = false;
                Ok(())
            }
            event => {
                if !self.in_document || self.root.is_some() {
                    return Err(Bail);
                }
                self.root = self.builder.node_event(event, span).map_err(|_| Bail)?;
                Ok(())
            }
        }
    }
}
