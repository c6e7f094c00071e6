//! A fast path for the common subset of block YAML: the same events and spans as
//! saphyr-parser, or a bail.
//!
//! The scanner reads line by line with an explicit stack of open block
//! collections. It handles implicit documents, comments, block maps with
//! single-line plain or quoted keys, block sequences (compact `- k: v` and
//! `- - x` included), single-line plain and quoted scalars, empty values, `{}`
//! and `[]`, and literal block scalars. On anything else, and on anything
//! malformed, it stops ([`Bail`]) and [`super::parse::Events`] hands the rest of
//! the text to saphyr-parser, which then reports the real events or error.
//! Spans are byte offsets into the text.

use saphyr_parser::{Event, ScalarStyle};
use std::borrow::Cow;
use std::collections::VecDeque;

/// The scanner met something outside its subset.
#[derive(Debug)]
pub(crate) struct Bail;

type Step = Result<(), Bail>;

#[derive(Clone, Copy)]
enum Kind {
    Map,
    Seq,
    /// A sequence whose dashes sit at its parent key's column.
    Indentless,
}

#[derive(Clone, Copy)]
struct Frame {
    kind: Kind,
    col: usize,
}

/// An anchor (`&name`) whose node is not read yet.
#[derive(Clone, Copy)]
struct Anchor {
    id: usize,
    /// Where its `&` is: the node's span starts there.
    at: usize,
    /// Where its name ends: an empty node's span ends there.
    end: usize,
}

/// A node announced on a line that ended before it: `key:` or `- `.
#[derive(Clone, Copy)]
enum Pending {
    /// After `key:` at column `col`; an empty value sits at the colon.
    Key { colon: usize, col: usize },
    /// After `-` at column `col`; an empty entry sits at `mark`.
    Entry { mark: usize, col: usize },
}

/// Where the scanner's events go, each with its byte span, as it makes them.
pub(crate) trait Output<'a> {
    /// Take the next event; an error stops the scanner as a bail does.
    fn event(&mut self, event: Event<'a>, start: usize, end: usize) -> Step;
}

/// Events kept to be given out one at a time ([`Scanner::next`]).
pub(crate) struct Queue<'a> {
    /// Events in order: first `ready` to give out, then `held` of the last line read (held
    /// until the next line is read too), then those the current step makes.
    queue: VecDeque<(Event<'a>, usize, usize)>,
    ready: usize,
    held: usize,
}

impl<'a> Output<'a> for Queue<'a> {
    fn event(&mut self, event: Event<'a>, start: usize, end: usize) -> Step {
        self.queue.push_back((event, start, end));
        Ok(())
    }
}

/// The events of one text, as saphyr-parser would give them, or a bail.
pub(crate) struct Scanner<'a, O: Output<'a> = Queue<'a>> {
    text: &'a str,
    /// Start of the next line to read.
    pos: usize,
    out: O,
    /// The output refused an event: the scan stops as on a bail.
    refused: bool,
    stack: Vec<Frame>,
    pending: Option<Pending>,
    /// A plain scalar ended at the end of a line: a deeper line would continue it.
    plain_open: bool,
    /// Anchors defined so far, by name, each with the id saphyr gives it (1, 2, ... in order
    /// of definition; a name defined again takes a new id).
    anchors: Vec<(&'a str, usize)>,
    /// An anchor waiting for the node it names.
    anchor: Option<Anchor>,
    started: bool,
    /// The document's root collection is open (or was).
    has_root: bool,
    root_done: bool,
    done: bool,
    failed: bool,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner::with_output(text, Queue { queue: VecDeque::new(), ready: 1, held: 0 })
    }

    /// The next event and its byte span, or `None` once the scanner bailed.
    pub(crate) fn next(&mut self) -> Option<(Event<'a>, usize, usize)> {
        loop {
            if self.out.ready > 0 {
                self.out.ready -= 1;
                return self.out.queue.pop_front();
            }
            if self.failed || self.done {
                return None;
            }
            if self.step().is_err() || self.refused {
                self.failed = true;
                self.out.queue.clear();
                self.out.held = 0;
                return None;
            }
            let made = self.out.queue.len() - self.out.held;
            if made == 0 && !self.done {
                continue;
            }
            // saphyr looks a token ahead, so an error on the next line can come before
            // this line's events: a line's events go out only once the next line is read.
            self.out.ready = self.out.held;
            self.out.held = made;
            if self.done {
                self.out.ready += self.out.held;
                self.out.held = 0;
            }
        }
    }
}

impl<'a, O: Output<'a>> Scanner<'a, O> {
    /// A scanner that hands each event to `out` as soon as it is made.
    pub(crate) fn with_output(text: &'a str, out: O) -> Self {
        let mut scanner = Scanner {
            text,
            pos: 0,
            out,
            refused: false,
            stack: Vec::new(),
            pending: None,
            plain_open: false,
            anchors: Vec::new(),
            anchor: None,
            started: false,
            has_root: false,
            root_done: false,
            done: false,
            failed: text.starts_with('\u{feff}'),
        };
        scanner.push(Event::StreamStart, 0, 0);
        scanner
    }

    /// Scan the whole text, each event to the output as it is made: `Err` where the scanner
    /// bails or the output refuses an event.
    pub(crate) fn run(mut self) -> Result<O, Bail> {
        while !self.done {
            if self.failed || self.refused {
                return Err(Bail);
            }
            self.step()?;
        }
        if self.refused {
            return Err(Bail);
        }
        Ok(self.out)
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn push(&mut self, event: Event<'a>, start: usize, end: usize) {
        if !self.refused && self.out.event(event, start, end).is_err() {
            self.refused = true;
        }
    }

    fn scalar(&mut self, text: Cow<'a, str>, style: ScalarStyle, start: usize, end: usize) {
        let (anchor, start) = self.take_anchor(start);
        self.push(Event::Scalar(text, style, anchor, None), start, end);
    }

    fn empty(&mut self, at: usize) {
        self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, at, at);
    }

    /// The empty value of a key whose line ended at its `:` (or at an anchor after it).
    fn empty_value(&mut self, colon: usize) {
        match self.anchor {
            Some(anchor) => self.scalar(Cow::Borrowed(""), ScalarStyle::Plain, anchor.at, anchor.end),
            None => self.empty(colon),
        }
    }

    /// The id of the anchor waiting for the node that starts at `start`, and where the
    /// node's span starts: at the anchor's `&`. `(0, start)` when none waits.
    fn take_anchor(&mut self, start: usize) -> (usize, usize) {
        self.anchor.take().map_or((0, start), |anchor| (anchor.id, anchor.at))
    }

    /// The anchor `&name` at `v`: defined, waiting for its node; where what follows it starts.
    fn anchor_at(&mut self, v: usize, end: usize) -> Result<usize, Bail> {
        let name_end = self.name_end(v + 1, end);
        let after = self.skip_spaces(name_end, end);
        // A name ends at a space or the end of the line; a comment after it is left to saphyr.
        if name_end == v + 1 || (after == name_end && after < end) || (after < end && self.at(after) == b'#') {
            return Err(Bail);
        }
        let id = self.anchors.len() + 1;
        self.anchors.push((self.text.get(v + 1..name_end).ok_or(Bail)?, id));
        self.anchor = Some(Anchor { id, at: v, end: name_end });
        Ok(after)
    }

    /// Where an anchor's or an alias's name from `i` ends (letters, digits, `-`, `_`, `.`;
    /// anything else YAML allows is left to saphyr by the checks after it).
    fn name_end(&self, i: usize, end: usize) -> usize {
        (i..end)
            .find(|&j| !matches!(self.at(j), b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.'))
            .unwrap_or(end)
    }

    /// The alias `*name` at `v`, a whole value.
    fn alias(&mut self, v: usize, end: usize) -> Step {
        let name_end = self.name_end(v + 1, end);
        if self.anchor.is_some() || name_end == v + 1 {
            return Err(Bail);
        }
        self.line_rest(name_end, end)?;
        let name = self.text.get(v + 1..name_end).ok_or(Bail)?;
        // An alias to an anchor not defined before is saphyr's error.
        let id = self.anchors.iter().rev().find(|(known, _)| *known == name).map(|(_, id)| *id).ok_or(Bail)?;
        self.push(Event::Alias(id), v, name_end);
        Ok(())
    }

    /// The end of the line starting at `start` (its `\n` or the end of the text),
    /// after checking that it holds no character the subset leaves to saphyr.
    fn line_end(&self, start: usize) -> Result<usize, Bail> {
        let bytes = self.bytes();
        if start >= bytes.len() {
            return Ok(start);
        }
        let mut k = start;
        loop {
            // Printable ASCII, the common case, eight bytes at a time.
            k = printable_end(bytes, k);
            let Some(&b) = bytes.get(k) else { return Ok(k) };
            if b == b'\n' {
                return Ok(k);
            }
            // Tabs, CR, NUL and other controls; NEL, LS, PS and BOM (C2 85, E2 80 A8/A9, EF BB BF).
            let tail = bytes.get(k..).unwrap_or(&[]);
            let bad = b < 0x20
                || b == 0x7f
                || tail.starts_with("\u{85}".as_bytes())
                || tail.starts_with("\u{2028}".as_bytes())
                || tail.starts_with("\u{2029}".as_bytes())
                || tail.starts_with("\u{feff}".as_bytes());
            if bad {
                return Err(Bail);
            }
            k += 1;
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.bytes().get(i).copied().unwrap_or(0)
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.at(i) == b' ' {
            i += 1;
        }
        i
    }

    fn top_col(&self) -> Option<usize> {
        self.stack.last().map(|f| f.col)
    }

    /// Read one line (or the end of the text).
    fn step(&mut self) -> Step {
        let len = self.text.len();
        if self.pos >= len {
            return self.finish();
        }
        let start = self.pos;
        let end = self.line_end(start)?;
        let next = end + 1;
        let first = self.skip_spaces(start, end);
        if first == end {
            self.pos = next;
            return Ok(());
        }
        let c = self.at(first);
        if c == b'#' {
            self.pos = next;
            return Ok(());
        }
        if first == start
            && (c == b'%' || self.text.get(start..).is_some_and(|s| s.starts_with("---") || s.starts_with("...")))
        {
            // Only an explicit start of the first document, alone on its line.
            let marker = self.text.get(start..end).unwrap_or("");
            if self.started || !marker.starts_with("---") {
                return Err(Bail);
            }
            let after = self.skip_spaces(start + 3, end);
            if !(after == end || (after > start + 3 && self.at(after) == b'#')) {
                return Err(Bail);
            }
            self.started = true;
            self.push(Event::DocumentStart(true), start, start + 3);
            self.pos = next;
            return Ok(());
        }
        let col = first - start;
        if self.plain_open && self.top_col().is_some_and(|top| col > top) {
            return Err(Bail);
        }
        self.plain_open = false;
        if !self.started {
            self.started = true;
            self.push(Event::DocumentStart(false), first, first);
        }
        if !self.has_root {
            self.has_root = true;
            return self.open_node(first, col, end, start);
        }
        if self.root_done {
            return Err(Bail);
        }
        if let Some(pending) = self.pending.take() {
            match pending {
                Pending::Key { colon, col: key_col } => {
                    if col > key_col {
                        if self.is_dash(first, end) || self.starts_key(first, end)? {
                            return self.open_node(first, col, end, start);
                        }
                        // The key's value, on the line below it.
                        if self.anchor.is_some() || self.at(first) == b'&' {
                            return Err(Bail);
                        }
                        self.pos = end + 1;
                        return self.value(first, end);
                    }
                    if col == key_col && self.is_dash(first, end) {
                        if self.anchor.is_some() {
                            return Err(Bail);
                        }
                        self.stack.push(Frame { kind: Kind::Indentless, col });
                        let mark = self.entry_mark(first, end);
                        self.push(Event::SequenceStart(0, None), mark, mark);
                        return self.line(first, end, start);
                    }
                    self.empty_value(colon);
                }
                Pending::Entry { mark, col: dash_col } => {
                    if col > dash_col {
                        return Err(Bail);
                    }
                    self.empty(mark);
                }
            }
        }
        // Close what the dedent ends.
        while let Some(frame) = self.stack.last().copied() {
            if col > frame.col {
                return Err(Bail);
            }
            let dash = self.is_dash(first, end);
            let close = col < frame.col || (matches!(frame.kind, Kind::Indentless) && !dash);
            if !close {
                break;
            }
            self.stack.pop();
            let event = match frame.kind {
                Kind::Map => Event::MappingEnd,
                Kind::Seq | Kind::Indentless => Event::SequenceEnd,
            };
            self.push(event, first, first);
        }
        if self.stack.is_empty() {
            return Err(Bail);
        }
        self.line(first, end, start)
    }

    /// Whether the line from `first` starts with a key (so opens a map), not a value.
    fn starts_key(&self, first: usize, end: usize) -> Result<bool, Bail> {
        if matches!(self.at(first), b'[' | b'{' | b'|' | b'>' | b'*') {
            return Ok(false);
        }
        Ok(self.key_at(first, end)?.is_some())
    }

    /// A new block collection starting at `first` (column `col`).
    fn open_node(&mut self, first: usize, col: usize, end: usize, line_start: usize) -> Step {
        // An anchor on the line before names this collection; its span starts at the `&`.
        let (anchor, start) = self.take_anchor(first);
        if self.is_dash(first, end) {
            self.stack.push(Frame { kind: Kind::Seq, col });
            self.push(Event::SequenceStart(anchor, None), start, first);
        } else {
            self.stack.push(Frame { kind: Kind::Map, col });
            self.push(Event::MappingStart(anchor, None), start, first);
        }
        self.line(first, end, line_start)
    }

    fn is_dash(&self, i: usize, end: usize) -> bool {
        self.at(i) == b'-' && (i + 1 == end || self.at(i + 1) == b' ')
    }

    /// Where saphyr puts an entry's mark: after the dash, its spaces and a comment.
    fn entry_mark(&self, dash: usize, end: usize) -> usize {
        let q = self.skip_spaces(dash + 1, end);
        if q == end || self.at(q) == b'#' {
            end
        } else {
            q
        }
    }

    /// The entries a line holds from `at`, where the innermost collection expects one.
    fn line(&mut self, mut at: usize, end: usize, line_start: usize) -> Step {
        self.pos = end + 1;
        loop {
            let Some(frame) = self.stack.last().copied() else { return Err(Bail) };
            match frame.kind {
                Kind::Seq | Kind::Indentless => {
                    if !self.is_dash(at, end) {
                        return Err(Bail);
                    }
                    let q = self.skip_spaces(at + 1, end);
                    if q == end || self.at(q) == b'#' {
                        self.pending = Some(Pending::Entry { mark: end, col: at - line_start });
                        return Ok(());
                    }
                    let c = self.at(q);
                    if c == b'&' {
                        let q = self.anchor_at(q, end)?;
                        // An anchored entry on the next lines, a sequence or a map: left to saphyr.
                        let c = self.at(q);
                        let collection = !matches!(c, b'|' | b'>' | b'[' | b'{' | b'"' | b'\'')
                            && (self.is_dash(q, end) || self.key_at(q, end)?.is_some());
                        if q == end || collection {
                            return Err(Bail);
                        }
                        return self.value(q, end);
                    }
                    if c == b'*' || (matches!(c, b'"' | b'\'') && self.quote_close(c, q + 1, end).is_none()) {
                        return self.value(q, end);
                    }
                    if self.is_dash(q, end) {
                        self.push(Event::SequenceStart(0, None), q, q);
                        self.stack.push(Frame { kind: Kind::Seq, col: q - line_start });
                        at = q;
                        continue;
                    }
                    if c == b'{' {
                        return Err(Bail);
                    }
                    if matches!(c, b'|' | b'>' | b'[') {
                        return self.value(q, end);
                    }
                    if self.key_at(q, end)?.is_some() {
                        self.push(Event::MappingStart(0, None), q, q);
                        self.stack.push(Frame { kind: Kind::Map, col: q - line_start });
                        at = q;
                        continue;
                    }
                    return self.value(q, end);
                }
                Kind::Map => {
                    let Some((colon, key_end)) = self.key_at(at, end)? else { return Err(Bail) };
                    if colon - at > 1000 {
                        return Err(Bail);
                    }
                    self.key(at, key_end, colon)?;
                    let mut v = self.skip_spaces(colon + 1, end);
                    if v < end && self.at(v) == b'&' {
                        v = self.anchor_at(v, end)?;
                    }
                    if v == end || self.at(v) == b'#' {
                        self.pending = Some(Pending::Key { colon, col: at - line_start });
                        return Ok(());
                    }
                    return self.value(v, end);
                }
            }
        }
    }

    /// If a key starts at `i`, the position of its `:`.
    fn key_at(&self, i: usize, end: usize) -> Result<Option<(usize, usize)>, Bail> {
        let c = self.at(i);
        let after = if c == b'"' || c == b'\'' {
            self.quoted_end(i, end)?
        } else {
            if !plain_start(c, self.at(i + 1)) {
                return Err(Bail);
            }
            let (stop, last) = self.plain_end(i, end);
            if stop < end && self.at(stop) == b':' {
                return Ok(Some((stop, last)));
            }
            return Ok(None);
        };
        let j = self.skip_spaces(after, end);
        if self.at(j) == b':' && j < end {
            if j + 1 == end || self.at(j + 1) == b' ' {
                return Ok(Some((j, after)));
            }
            return Err(Bail);
        }
        Ok(None)
    }

    /// Emit the key spanning `i..key_end` (its text; quotes included), whose colon is at `colon`.
    fn key(&mut self, i: usize, key_end: usize, colon: usize) -> Step {
        let c = self.at(i);
        if c == b'"' || c == b'\'' {
            let text = self.quoted(i, key_end)?;
            // saphyr's span of a quoted scalar takes in the spaces after it.
            self.scalar(text, quote_style(c), i, colon);
        } else {
            let text = self.text.get(i..key_end).ok_or(Bail)?;
            self.scalar(Cow::Borrowed(text), ScalarStyle::Plain, i, key_end);
        }
        Ok(())
    }

    /// A value that starts at `v` on the current line and must end it.
    fn value(&mut self, v: usize, end: usize) -> Step {
        let c = self.at(v);
        match c {
            b'*' => self.alias(v, end),
            b'"' | b'\'' => {
                let Some(after) = self.quote_close(c, v + 1, end) else { return self.quoted_lines(v, end) };
                self.line_rest(after, end)?;
                let text = self.quoted(v, after)?;
                // saphyr's span of a quoted scalar takes in the spaces and comment after it.
                let span_end = self.token_end(after, end);
                self.scalar(text, quote_style(c), v, span_end);
                Ok(())
            }
            b'{' => {
                let close = self.skip_spaces(v + 1, end);
                if close >= end || self.at(close) != b'}' {
                    return Err(Bail);
                }
                let (anchor, start) = self.take_anchor(v);
                self.push(Event::MappingStart(anchor, None), start, close);
                self.close_flow(Event::MappingEnd, close, end)
            }
            b'[' => self.flow_sequence(v, end),
            b'|' | b'>' => self.literal(v, end),
            _ => {
                if !plain_start(c, self.at(v + 1)) {
                    return Err(Bail);
                }
                let (stop, last) = self.plain_end(v, end);
                if stop < end && self.at(stop) == b':' {
                    return Err(Bail);
                }
                // A deeper line after it continues it (or, after a comment, is saphyr's
                // "comment intercepting the multiline text" error).
                let top = self.stack.last().copied().ok_or(Bail)?;
                if self.next_content_col(end + 1)?.is_some_and(|col| col > top.col) {
                    let commented = stop < end;
                    if commented || matches!(top.kind, Kind::Indentless) {
                        return Err(Bail);
                    }
                    return self.plain_lines(v, last, end + 1, top.col);
                }
                self.plain_open = true;
                let text = self.text.get(v..last).ok_or(Bail)?;
                self.scalar(Cow::Borrowed(text), ScalarStyle::Plain, v, last);
                Ok(())
            }
        }
    }

    /// A plain scalar from `v` whose first line's text ends at `first_last`, continued on
    /// the lines from `line` deeper than `top` (the column of its collection): the lines
    /// are joined by a space, or by a line break per blank line between them.
    fn plain_lines(&mut self, v: usize, first_last: usize, mut line: usize, top: usize) -> Step {
        let len = self.text.len();
        let mut text = String::from(self.text.get(v..first_last).ok_or(Bail)?);
        let mut last = first_last;
        let mut blanks = 0;
        while line < len {
            let e = self.line_end(line)?;
            let f = self.skip_spaces(line, e);
            if f == e {
                blanks += 1;
                line = e + 1;
                continue;
            }
            let c = self.at(f);
            if f - line <= top || c == b'#' {
                break;
            }
            // Left to saphyr: a line that starts like something other than text.
            if !plain_start(c, self.at(f + 1)) || c == b'-' {
                return Err(Bail);
            }
            let (stop, end_of_text) = self.plain_end(f, e);
            if stop < e && self.at(stop) == b':' {
                return Err(Bail);
            }
            fold(&mut text, blanks);
            blanks = 0;
            text.push_str(self.text.get(f..end_of_text).ok_or(Bail)?);
            last = end_of_text;
            line = e + 1;
            if stop < e {
                // A comment ends it.
                break;
            }
        }
        // What follows must not be deeper: after a comment that is saphyr's error.
        if self.next_content_col(line.min(len))?.is_some_and(|col| col > top) {
            return Err(Bail);
        }
        self.plain_open = true;
        self.pos = line.min(len);
        self.scalar(Cow::Owned(text), ScalarStyle::Plain, v, last);
        Ok(())
    }

    /// A flow sequence of scalars that ends on its line (`[a, 'b', "c"]`, `[]`), starting at
    /// `v`. Each span reaches to the next token, as saphyr's do, except a plain scalar's.
    fn flow_sequence(&mut self, v: usize, end: usize) -> Step {
        let mut at = self.skip_spaces(v + 1, end);
        let (anchor, start) = self.take_anchor(v);
        self.push(Event::SequenceStart(anchor, None), start, at);
        if at < end && self.at(at) == b']' {
            return self.close_flow(Event::SequenceEnd, at, end);
        }
        loop {
            let c = self.at(at);
            let next = if c == b'"' || c == b'\'' {
                let after = self.quoted_end(at, end)?;
                let text = self.quoted(at, after)?;
                let next = self.skip_spaces(after, end);
                self.scalar(text, quote_style(c), at, next);
                next
            } else {
                // saphyr refuses `-` before a flow indicator (`[-, x]`).
                let next = self.at(at + 1);
                if at >= end || !plain_start(c, next) || (c == b'-' && matches!(next, b',' | b'[' | b']' | b'{' | b'}'))
                {
                    return Err(Bail);
                }
                let last = self.flow_plain_end(at, end)?;
                let text = self.text.get(at..last).ok_or(Bail)?;
                self.scalar(Cow::Borrowed(text), ScalarStyle::Plain, at, last);
                self.skip_spaces(last, end)
            };
            match (next < end).then(|| self.at(next)) {
                Some(b',') => {
                    at = self.skip_spaces(next + 1, end);
                    if at < end && self.at(at) == b']' {
                        return self.close_flow(Event::SequenceEnd, at, end);
                    }
                }
                Some(b']') => return self.close_flow(Event::SequenceEnd, next, end),
                _ => return Err(Bail),
            }
        }
    }

    /// Where the text of a plain scalar inside a flow sequence ends (before the spaces ahead
    /// of its `,` or `]`); a bail on anything that would make it more than a scalar.
    fn flow_plain_end(&self, i: usize, end: usize) -> Result<usize, Bail> {
        let mut last = i;
        for j in i..end {
            match self.at(j) {
                b',' | b']' => return Ok(last),
                b'[' | b'{' | b'}' => return Err(Bail),
                // `a: b` and `a:` inside a flow sequence are pairs; `http://x` is a scalar.
                b':' if matches!(self.at(j + 1), b' ' | b',' | b']' | b'[' | b'{' | b'}') || j + 1 == end => {
                    return Err(Bail)
                }
                b'#' if self.at(j - 1) == b' ' => return Err(Bail),
                b' ' => {}
                _ => last = j + 1,
            }
        }
        Err(Bail)
    }

    /// The `}` or `]` at `close` that ends a flow collection, and the rest of its line. As
    /// for quoted scalars, its span takes in the spaces and comment after it.
    fn close_flow(&mut self, event: Event<'a>, close: usize, end: usize) -> Step {
        self.line_rest(close + 1, end)?;
        let shut_end = self.token_end(close + 1, end);
        self.push(event, close, shut_end);
        Ok(())
    }

    /// Where the span of a quoted scalar or a closing `}`/`]` ends: past the spaces after it
    /// (from `from`), and past a comment there, to the end of the line `end`.
    fn token_end(&self, from: usize, end: usize) -> usize {
        let after = self.skip_spaces(from, end);
        if after < end && self.at(after) == b'#' {
            end
        } else {
            after
        }
    }

    /// The column of the next line from `line` that is neither blank nor a comment.
    fn next_content_col(&self, mut line: usize) -> Result<Option<usize>, Bail> {
        loop {
            let first = self.skip_spaces(line, self.text.len());
            match self.bytes().get(first) {
                None => return Ok(None),
                Some(b'\n') => line = first + 1,
                Some(b'#') => {
                    let rest = self.bytes().get(first..).unwrap_or(&[]);
                    line = first + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len()) + 1;
                }
                Some(&b) if !(0x20..0x80).contains(&b) => return Err(Bail),
                Some(_) => return Ok(Some(first - line)),
            }
        }
    }

    /// After a value: only spaces, then a comment or the end of the line.
    fn line_rest(&self, after: usize, end: usize) -> Step {
        let j = self.skip_spaces(after, end);
        if j == end || (j > after && self.at(j) == b'#') {
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// Where a plain scalar from `i` stops (`:` of a key, ` #`, or the end of the
    /// line) and where its text ends (trailing spaces trimmed).
    fn plain_end(&self, i: usize, end: usize) -> (usize, usize) {
        let bytes = self.bytes();
        let mut j = i;
        let mut last = i;
        while j < end {
            let b = bytes.get(j).copied().unwrap_or(0);
            match b {
                b':' if j + 1 == end || bytes.get(j + 1) == Some(&b' ') => return (j, last),
                b'#' if j > i && bytes.get(j - 1) == Some(&b' ') => return (j, last),
                b' ' => {}
                _ => last = j + 1,
            }
            j += 1;
        }
        (end, last)
    }

    /// The position after the closing quote of the scalar opened at `i`, on this line.
    fn quoted_end(&self, i: usize, end: usize) -> Result<usize, Bail> {
        self.quote_close(self.at(i), i + 1, end).ok_or(Bail)
    }

    /// The position after the quote that closes a scalar quoted with `quote`, looking from
    /// `from` to the end of its line; `None` when the line does not close it.
    fn quote_close(&self, quote: u8, from: usize, end: usize) -> Option<usize> {
        let mut j = from;
        while j < end {
            let b = self.at(j);
            if quote == b'\'' && b == b'\'' {
                if self.at(j + 1) == b'\'' && j + 1 < end {
                    j += 2;
                    continue;
                }
                return Some(j + 1);
            }
            if quote == b'"' {
                if b == b'\\' {
                    j += 2;
                    continue;
                }
                if b == b'"' {
                    return Some(j + 1);
                }
            }
            j += 1;
        }
        None
    }

    /// The text of the quoted scalar spanning `i..after`.
    fn quoted(&self, i: usize, after: usize) -> Result<Cow<'a, str>, Bail> {
        unquoted(self.at(i), self.text.get(i + 1..after - 1).ok_or(Bail)?)
    }

    /// A quoted scalar opened at `v` and closed on a later line, deeper than its collection:
    /// its lines folded as saphyr folds them (trailing spaces dropped, lines joined by a space,
    /// or by a line break per empty line between). A line that ends in `\\` (an escaped line
    /// break) is left to saphyr.
    fn quoted_lines(&mut self, v: usize, end: usize) -> Step {
        let quote = self.at(v);
        let top = self.stack.last().copied().ok_or(Bail)?;
        if matches!(top.kind, Kind::Indentless) {
            return Err(Bail);
        }
        let piece = |scanner: &Self, from: usize, to: usize| -> Result<&'a str, Bail> {
            let text = scanner.text.get(from..to).ok_or(Bail)?.trim_end_matches(' ');
            if text.ends_with('\\') {
                return Err(Bail);
            }
            Ok(text)
        };
        let mut raw = String::from(piece(self, v + 1, end)?);
        let len = self.text.len();
        let mut line = end + 1;
        let mut blanks = 0;
        while line < len {
            let e = self.line_end(line)?;
            let f = self.skip_spaces(line, e);
            if f == e {
                blanks += 1;
                line = e + 1;
                continue;
            }
            if f - line <= top.col {
                return Err(Bail);
            }
            fold(&mut raw, blanks);
            blanks = 0;
            let Some(after) = self.quote_close(quote, f, e) else {
                raw.push_str(piece(self, f, e)?);
                line = e + 1;
                continue;
            };
            raw.push_str(self.text.get(f..after - 1).ok_or(Bail)?);
            self.line_rest(after, e)?;
            let text = unquoted(quote, &raw)?.into_owned();
            // As on one line, the span takes in the spaces and comment after the quote.
            let span_end = self.token_end(after, e);
            self.pos = e + 1;
            self.scalar(Cow::Owned(text), quote_style(quote), v, span_end);
            return Ok(());
        }
        Err(Bail)
    }

    /// A block scalar whose header starts at `v`: literal (`|`, `|-`, `|+`) or folded
    /// (`>`, `>-`, `>+`; a folded one only where no line is indented more than the first).
    fn literal(&mut self, v: usize, end: usize) -> Step {
        let folded = self.at(v) == b'>';
        let mut h = v + 1;
        let chomp = self.at(h);
        if h < end && (chomp == b'-' || chomp == b'+') {
            h += 1;
        }
        let chomp = if h > v + 1 { chomp } else { 0 };
        self.line_rest(h, end)?;
        let parent = self.top_col().ok_or(Bail)?;
        let len = self.text.len();
        // Find the indentation: the first line with content.
        let mut line = end + 1;
        let mut leading = 0usize;
        let mut breaks = 0usize;
        let indent;
        loop {
            if line >= len {
                return Err(Bail);
            }
            let e = self.line_end(line)?;
            let f = self.skip_spaces(line, e);
            if f == e {
                leading = leading.max(f - line);
                breaks += 1;
                line = e + 1;
                continue;
            }
            indent = f - line;
            break;
        }
        if indent <= parent || leading > indent {
            return Err(Bail);
        }
        let mut out = String::new();
        let mut start = None;
        let mut next_token = len;
        let mut last_had_newline = true;
        loop {
            if line >= len {
                break;
            }
            let e = self.line_end(line)?;
            if e == len {
                // The text ends inside the block scalar without a line break: left to saphyr.
                return Err(Bail);
            }
            let f = self.skip_spaces(line, e);
            if f == e {
                if f - line > indent {
                    return Err(Bail);
                }
                breaks += 1;
                line = e + 1;
                continue;
            }
            if f - line < indent {
                next_token = f;
                break;
            }
            if folded && f - line > indent {
                // More indented: folding keeps its line breaks, left to saphyr.
                return Err(Bail);
            }
            let content_start = line + indent;
            if start.is_none() {
                start = Some(content_start);
                out.extend(std::iter::repeat_n('\n', breaks));
            } else if folded {
                fold(&mut out, breaks);
            } else {
                out.extend(std::iter::repeat_n('\n', breaks + 1));
            }
            breaks = 0;
            out.push_str(self.text.get(content_start..e).ok_or(Bail)?);
            last_had_newline = e < len;
            line = e + 1;
        }
        let start = start.ok_or(Bail)?;
        match chomp {
            b'-' => {}
            b'+' => {
                if !last_had_newline {
                    return Err(Bail);
                }
                out.push('\n');
                for _ in 0..breaks {
                    out.push('\n');
                }
            }
            _ => out.push('\n'),
        }
        let style = if folded { ScalarStyle::Folded } else { ScalarStyle::Literal };
        self.scalar(Cow::Owned(out), style, start, next_token);
        self.pos = if next_token == len { len } else { line };
        Ok(())
    }

    fn finish(&mut self) -> Step {
        let len = self.text.len();
        if self.started && !self.has_root {
            // `---` and nothing: saphyr gives an empty root scalar.
            return Err(Bail);
        }
        if self.started {
            match self.pending.take() {
                Some(Pending::Key { colon, .. }) => self.empty_value(colon),
                Some(Pending::Entry { mark, .. }) => self.empty(mark),
                None => {}
            }
            while let Some(frame) = self.stack.pop() {
                let event = match frame.kind {
                    Kind::Map => Event::MappingEnd,
                    Kind::Seq | Kind::Indentless => Event::SequenceEnd,
                };
                self.push(event, len, len);
            }
            self.push(Event::DocumentEnd, len, len);
        }
        self.push(Event::StreamEnd, len, len);
        self.done = true;
        self.root_done = true;
        Ok(())
    }
}

/// The text between the quotes of a quoted scalar: `''` made `'`, or the escapes of a
/// double-quoted one read (only `\\ \" \/ \n \t \r \0`; any other is left to saphyr).
/// Borrowed when there is nothing to read.
fn unquoted(quote: u8, inner: &str) -> Result<Cow<'_, str>, Bail> {
    if quote == b'\'' {
        if !inner.contains('\'') {
            return Ok(Cow::Borrowed(inner));
        }
        return Ok(Cow::Owned(inner.replace("''", "'")));
    }
    if !inner.contains('\\') {
        return Ok(Cow::Borrowed(inner));
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some('\\') => '\\',
            Some('"') => '"',
            Some('/') => '/',
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            _ => return Err(Bail),
        };
        out.push(escaped);
    }
    Ok(Cow::Owned(out))
}

/// The style of a scalar quoted with `quote`.
fn quote_style(quote: u8) -> ScalarStyle {
    if quote == b'"' {
        ScalarStyle::DoubleQuoted
    } else {
        ScalarStyle::SingleQuoted
    }
}

/// Join the next line of a folded scalar: a space, or a line break per empty line between.
fn fold(out: &mut String, blanks: usize) {
    if blanks == 0 {
        out.push(' ');
    }
    for _ in 0..blanks {
        out.push('\n');
    }
}

/// The first byte at or after `from` that is not printable ASCII (a line break, a control
/// byte, DEL, a byte of a multi-byte character), or `bytes.len()`; eight bytes at a time.
fn printable_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
        let del = word ^ (ONES * 0x7f);
        // A high bit; a byte below 0x20 (subtracting 0x20 borrows into its high bit); DEL.
        // A borrow can only mark bytes above one that is marked rightly.
        let odd =
            (word & HIGHS) | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS) | (del.wrapping_sub(ONES) & !del & HIGHS);
        if odd != 0 {
            break;
        }
        at += 8;
    }
    // Found in this word (or fewer than eight bytes are left): byte by byte.
    at + bytes[at..].iter().position(|b| !(0x20..0x7f).contains(b)).unwrap_or(bytes.len() - at)
}

/// Whether a plain scalar may start with `c` (followed by `next`).
fn plain_start(c: u8, next: u8) -> bool {
    match c {
        b'-' => next != b' ' && next != b'\n' && next != 0,
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
        | b'%' | b'@' | b'`' | b' ' | b'\n' | 0 => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests;

/// Check the fast scanner against saphyr-parser on `text`: its events and byte
/// spans must equal saphyr's, or be a strict prefix of them where it bails.
/// `Ok(true)` when the fast scanner read the whole text.
pub(crate) fn compare(text: &str) -> Result<bool, String> {
    use super::cursor::CharCursor;
    let mut fast = Vec::new();
    let mut scanner = Scanner::new(text);
    while let Some(event) = scanner.next() {
        fast.push(event);
    }
    let complete = !scanner.failed;
    let ascii = text.is_ascii();
    let (mut starts, mut ends) = (CharCursor::new(text, ascii), CharCursor::new(text, ascii));
    let mut parser = saphyr_parser::Parser::new_from_str(text);
    for (index, expected) in fast.iter().enumerate() {
        let slow = match parser.next_event() {
            Some(Ok((event, span))) => {
                let start = starts.byte_of(span.start.index());
                let end = ends.byte_of(span.end.index()).max(start);
                (event, start, end)
            }
            Some(Err(error)) => return Err(format!("event {index}: fast {expected:?}, saphyr error {error}")),
            None => return Err(format!("event {index}: fast {expected:?}, saphyr ended")),
        };
        if &slow != expected {
            return Err(format!("event {index}: fast {expected:?}, saphyr {slow:?}"));
        }
    }
    if complete {
        if let Some(extra) = parser.next_event() {
            return Err(format!("fast scanner completed, saphyr goes on with {extra:?}"));
        }
    }
    Ok(complete)
}
