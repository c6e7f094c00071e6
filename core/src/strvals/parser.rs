//! The path walker shared by every `--set` kind (Helm's `parser` and
//! `literalParser` in `pkg/strvals`).
//!
//! Helm's parser writes straight into the values built so far, and some of its
//! behaviour only shows through that: an existing map or list is changed in
//! place, a fresh one is attached only when its part of the path succeeded,
//! and a few "errors" are really the end of the input, which ends the argument
//! successfully. The functions here follow Helm's control flow step by step
//! ([`Parser::key`] is `key`, [`Parser::list_item`] is `listItem`) so that
//! every odd input gives Helm's result; the state after a real error does not
//! matter, since Helm stops there.

use super::diagnostics as diag;
use super::scan::{Piece, Scanner};
use super::{json, typing, MAX_DEPTH, MAX_DOTS, MAX_INDEX, MAX_PADDING};
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::node::{replace_reason, supersede, Map, Node, Text, Value};
use crate::profile::Profile;
use crate::source::{SourceId, Span};
use std::rc::Rc;

/// How the text after `=` becomes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reader {
    /// `--set`: typed scalars, brace lists.
    Typed,
    /// `--set-string`: string scalars, brace lists.
    Text,
    /// `--set-file`: each scalar is a path whose file's text is the value.
    File,
    /// `--set-json`: one JSON value per item.
    Json,
    /// `--set-literal`: no escapes, no commas, the rest of the argument verbatim.
    Literal,
}

/// Why a step of the walk stopped early.
pub(crate) enum Stop {
    /// The input ended (Go's `io.EOF`): the argument is done, successfully.
    End,
    /// The input ended inside `[N`: Helm 4 treats it as the end, Helm 3 fails.
    IndexEnd(Box<Diagnostic>),
    /// A real error.
    Fail(Box<Diagnostic>),
}

type Step = Result<(), Stop>;

/// What came after `=` when a brace list was possible.
enum Braces {
    List(Node),
    /// Nothing at all: the input ended right after `=`.
    End,
    NotList,
}

pub(crate) struct Parser<'a> {
    sc: Scanner<'a>,
    reader: Reader,
    arg: SourceId,
    files: &'a dyn Files,
    pub warnings: Vec<Diagnostic>,
    /// Where the current `path=value` item started (for messages).
    item_start: usize,
    /// End of the last value read (for the spans of containers a path creates).
    last_end: usize,
    /// Null items added to pad lists so far, bounded by `MAX_PADDING`.
    padding: usize,
}

#[cold]
fn fail(diagnostic: Diagnostic) -> Stop {
    Stop::Fail(Box::new(diagnostic))
}

fn index_usize(i: i64) -> usize {
    usize::try_from(i).unwrap_or(usize::MAX)
}

impl<'a> Parser<'a> {
    pub fn new(reader: Reader, arg: SourceId, text: &'a str, files: &'a dyn Files) -> Self {
        Parser {
            sc: Scanner::new(text),
            reader,
            arg,
            files,
            warnings: Vec::new(),
            item_start: 0,
            last_end: 0,
            padding: 0,
        }
    }

    /// Apply every item of the argument to `root` (Go's `parse`).
    pub fn run(&mut self, root: &mut Map, profile: Profile) -> Result<(), Diagnostic> {
        loop {
            self.item_start = self.sc.pos();
            match self.key(root, 0, 0) {
                Ok(()) => {}
                Err(Stop::End) => return Ok(()),
                Err(Stop::IndexEnd(d)) => return if profile == Profile::Helm4 { Ok(()) } else { Err(*d) },
                Err(Stop::Fail(d)) => return Err(*d),
            }
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.arg, start, end)
    }

    fn piece_span(&self, piece: &Piece) -> Span {
        self.span(piece.start, piece.end)
    }

    /// The raw path of the current item up to `end`, for messages.
    fn path_to(&self, end: usize) -> &'a str {
        self.sc.text().get(self.item_start..end).unwrap_or("")
    }

    fn escapes(&self) -> bool {
        self.reader != Reader::Literal
    }

    fn check_depth(&self, depth: usize, at: usize) -> Step {
        if depth > MAX_DEPTH {
            return Err(fail(diag::too_deep(MAX_DEPTH, self.span(at, at + 1))));
        }
        Ok(())
    }

    /// One `path=value` item, or the rest of a path below a map (Go's `key`).
    fn key(&mut self, data: &mut Map, level: usize, depth: usize) -> Step {
        let stops: &[char] = if self.reader == Reader::Literal { &['=', '[', '.'] } else { &['=', '[', ',', '.'] };
        let k = self.sc.until(stops, self.escapes());
        self.last_end = k.end;
        match k.stop {
            None if k.text.is_empty() => Err(Stop::End),
            None => Err(fail(diag::no_value(self.path_to(k.end), self.piece_span(&k)))),
            Some('[') => self.key_list(data, &k, level, depth),
            Some('.') => self.key_map(data, &k, level, depth),
            Some('=') => self.key_value(data, &k, depth),
            Some(_) if k.text.is_empty() => Err(fail(diag::empty_item(self.span(k.end, k.end + 1)))),
            Some(_) => Err(fail(diag::no_value_before_comma(self.path_to(k.end), self.piece_span(&k)))),
        }
    }

    /// `key.rest`: find or create the map under `key` and go on below it.
    fn key_map(&mut self, data: &mut Map, k: &Piece, level: usize, depth: usize) -> Step {
        let level = level + 1;
        if level > MAX_DOTS {
            return Err(fail(diag::too_many_dots(MAX_DOTS, self.span(k.end, k.end + 1))));
        }
        self.check_depth(depth + 1, k.end)?;
        let child_start = k.end + 1;
        if let Some(node) = data.get_mut(k.text.as_str()) {
            let Value::Map(inner) = &mut node.value else {
                return Err(fail(diag::not_a_map(self.path_to(k.end), &node.value, self.piece_span(k))));
            };
            let result = self.key(Rc::make_mut(inner), level, depth + 1);
            if result.is_ok() && inner.is_empty() {
                return Err(fail(diag::empty_key_after_dot(self.path_to(k.end), self.span(k.end, child_start))));
            }
            return result;
        }
        let mut inner = Map::default();
        let result = self.key(&mut inner, level, depth + 1);
        if result.is_ok() && inner.is_empty() {
            return Err(fail(diag::empty_key_after_dot(self.path_to(k.end), self.span(k.end, child_start))));
        }
        if !inner.is_empty() {
            let span = self.span(child_start, self.last_end.max(child_start));
            self.set(data, k, Node::new(Value::from_map(inner), span));
        }
        result
    }

    /// `key[N]...`: find or create the list under `key` and go on at item N.
    fn key_list(&mut self, data: &mut Map, k: &Piece, level: usize, depth: usize) -> Step {
        let open = k.end;
        let (index, index_span) = self.key_index(open)?;
        self.check_depth(depth + 1, open)?;
        if let Some(node) = data.get_mut(k.text.as_str()) {
            let Value::List(items) = &mut node.value else {
                return Err(fail(diag::not_a_list(self.path_to(k.end), &node.value, self.piece_span(k))));
            };
            let keep = items.len();
            let result = self.list_item(items, index, index_span, level, depth + 1);
            if k.text.is_empty() {
                // Helm never stores a list under the empty key: what it wrote in
                // place stays, items it appended (to a copy) are lost.
                items.truncate(keep);
            }
            return result;
        }
        let mut items = Vec::new();
        let result = self.list_item(&mut items, index, index_span, level, depth + 1);
        let span = self.span(open, self.last_end.max(open));
        self.set(data, k, Node::new(Value::List(items), span));
        result
    }

    /// `N]` after a `[` at `open` (Go's `keyIndex`).
    fn key_index(&mut self, open: usize) -> Result<(i64, Span), Stop> {
        let p = self.sc.until(&[']'], self.escapes());
        self.last_end = p.end;
        if p.stop.is_none() {
            return Err(Stop::IndexEnd(Box::new(diag::index_unclosed(self.span(open, p.end)))));
        }
        match p.text.parse::<i64>() {
            Ok(index) => Ok((index, self.span(open, p.end + 1))),
            Err(_) => Err(fail(diag::index_not_a_number(&p.text, self.piece_span(&p)))),
        }
    }

    /// What follows `[i]` in `list` (Go's `listItem`).
    fn list_item(&mut self, list: &mut Vec<Node>, i: i64, index_span: Span, level: usize, depth: usize) -> Step {
        if i < 0 {
            return Err(fail(diag::index_negative(i, index_span)));
        }
        let k = self.sc.until(&['[', '.', '='], self.escapes());
        if !k.text.is_empty() {
            return Err(fail(diag::data_after_index(&k.text, self.piece_span(&k))));
        }
        let at = k.end;
        match k.stop {
            None => Err(Stop::End),
            Some('=') => self.item_value(list, i, index_span, at, depth),
            Some('[') => self.item_list(list, i, index_span, at, level, depth),
            Some(_) => self.item_map(list, i, index_span, at, level, depth),
        }
    }

    /// `[i]=value`.
    #[inline(never)]
    fn item_value(&mut self, list: &mut Vec<Node>, i: i64, index_span: Span, at: usize, depth: usize) -> Step {
        let node = match self.reader {
            Reader::Json => match self.blank_json() {
                Some(null) => null,
                None => {
                    let node = self.json_value(depth)?;
                    self.set_index(list, i, index_span, node)?;
                    self.blank_json();
                    return Ok(());
                }
            },
            Reader::Literal => self.literal_value(),
            _ => match self.val_list()? {
                Braces::List(node) => node,
                Braces::End => Node::new(Value::Str(Text::default()), self.span(at + 1, at + 1)),
                Braces::NotList => self.scalar()?,
            },
        };
        self.set_index(list, i, index_span, node)
    }

    /// `[i][j]...`: the item is a list.
    fn item_list(
        &mut self,
        list: &mut Vec<Node>,
        i: i64,
        index_span: Span,
        at: usize,
        level: usize,
        depth: usize,
    ) -> Step {
        let (next, next_span) = self.key_index(at)?;
        self.check_depth(depth + 1, at)?;
        let existing = list.get_mut(index_usize(i)).filter(|item| !item.value.is_null());
        if let Some(item) = existing {
            let Value::List(inner) = &mut item.value else {
                return Err(self.item_not_a_list(&item.value, index_span));
            };
            self.list_item(inner, next, next_span, level, depth + 1)?;
            return self.check_index(i, index_span);
        }
        let mut inner = Vec::new();
        self.list_item(&mut inner, next, next_span, level, depth + 1)?;
        let span = self.span(at, self.last_end.max(at));
        self.set_index(list, i, index_span, Node::new(Value::List(inner), span))
    }

    #[cold]
    #[inline(never)]
    fn item_not_a_list(&self, old: &Value, index_span: Span) -> Stop {
        fail(diag::not_a_list(self.path_to(index_span.end as usize), old, index_span))
    }

    /// `[i].key...`: the item is a map.
    fn item_map(
        &mut self,
        list: &mut Vec<Node>,
        i: i64,
        index_span: Span,
        at: usize,
        level: usize,
        depth: usize,
    ) -> Step {
        self.check_depth(depth + 1, at)?;
        let child_start = at + 1;
        if let Some(item) = list.get_mut(index_usize(i)) {
            if !matches!(item.value, Value::Map(_)) {
                // Helm replaces a non-map item at once, before reading on.
                self.replace_with_map(item, child_start);
            }
            if let Value::Map(inner) = &mut item.value {
                self.key(Rc::make_mut(inner), level, depth + 1)?;
            }
            return self.check_index(i, index_span);
        }
        let mut inner = Map::default();
        self.key(&mut inner, level, depth + 1)?;
        let span = self.span(child_start, self.last_end.max(child_start));
        self.set_index(list, i, index_span, Node::new(Value::from_map(inner), span))
    }

    #[inline(never)]
    fn replace_with_map(&self, item: &mut Node, at: usize) {
        let fresh = Node::new(Value::from_map(Default::default()), self.span(at, at));
        let old = std::mem::replace(item, Node::new(Value::Null, fresh.span));
        let reason = replace_reason(&old.value, &fresh.value);
        *item = supersede(old, fresh, reason);
    }

    /// After `key=`: read the value and store it (the `=` case of Go's `key`).
    #[inline(never)]
    fn key_value(&mut self, data: &mut Map, k: &Piece, depth: usize) -> Step {
        match self.reader {
            Reader::Json => {
                if let Some(null) = self.blank_json() {
                    self.set(data, k, null);
                    return Ok(());
                }
                let node = self.json_value(depth)?;
                if let (Some(Value::Map(old)), Value::Map(_)) =
                    (data.get(k.text.as_str()).map(|n| &n.value), &node.value)
                {
                    if !old.is_empty() {
                        let warning = diag::json_replaces_map(self.path_to(k.end), self.piece_span(k));
                        self.warnings.push(warning);
                    }
                }
                self.set(data, k, node);
                self.blank_json();
                Ok(())
            }
            Reader::Literal => {
                let node = self.literal_value();
                self.set(data, k, node);
                Ok(())
            }
            _ => match self.val_list()? {
                Braces::List(node) => {
                    self.set(data, k, node);
                    Ok(())
                }
                Braces::End => {
                    let span = self.span(k.end + 1, k.end + 1);
                    self.set(data, k, Node::new(Value::Str(Text::default()), span));
                    Err(Stop::End)
                }
                Braces::NotList => {
                    let node = self.scalar()?;
                    self.set(data, k, node);
                    Ok(())
                }
            },
        }
    }

    /// A brace list `{a,b}` right after `=` (Go's `valList`).
    fn val_list(&mut self) -> Result<Braces, Stop> {
        let start = self.sc.pos();
        match self.sc.peek() {
            None => return Ok(Braces::End),
            Some('{') => {
                self.sc.next_char();
            }
            Some(_) => return Ok(Braces::NotList),
        }
        let mut items = Vec::new();
        loop {
            let p = self.sc.until(&[',', '}'], true);
            match p.stop {
                None => return Err(fail(diag::list_unclosed(self.span(start, start + 1)))),
                Some('}') => {
                    let end = self.sc.pos();
                    if self.sc.peek() == Some(',') {
                        self.sc.next_char();
                    }
                    items.push(self.read(&p)?);
                    self.last_end = end;
                    return Ok(Braces::List(Node::new(Value::List(items), self.span(start, end))));
                }
                Some(_) => items.push(self.read(&p)?),
            }
        }
    }

    /// A scalar up to the next unescaped comma (Go's `val` + reader).
    fn scalar(&mut self) -> Result<Node, Stop> {
        let p = self.sc.until(&[','], true);
        self.read(&p)
    }

    /// Turn the text of one scalar into a value as the kind says.
    fn read(&mut self, p: &Piece) -> Result<Node, Stop> {
        self.last_end = p.end;
        let span = self.piece_span(p);
        let value = match self.reader {
            Reader::Typed => {
                let value = typing::typed(&p.text, false);
                if let Some(warning) = typing::surprise(&p.text, &value, span) {
                    self.warnings.push(warning);
                }
                value
            }
            Reader::File => match self.files.read_text(&p.text) {
                Ok(text) => Value::Str(text.into()),
                Err(reason) => return Err(fail(diag::file_unreadable(&p.text, &reason, span))),
            },
            Reader::Text | Reader::Json | Reader::Literal => Value::Str(p.text.as_str().into()),
        };
        Ok(Node::new(value, span))
    }

    /// `--set-literal`: the rest of the argument.
    fn literal_value(&mut self) -> Node {
        let p = self.sc.rest();
        self.last_end = p.end;
        Node::new(Value::Str(p.text.into()), self.span(p.start, p.end))
    }

    /// Skip blanks and one comma (Go's `emptyVal`); a null node if the value was empty.
    fn blank_json(&mut self) -> Option<Node> {
        let start = self.sc.pos();
        loop {
            let here = self.sc.pos();
            match self.sc.peek() {
                None => return Some(Node::new(Value::Null, self.span(start, here))),
                Some(',') => {
                    self.sc.next_char();
                    return Some(Node::new(Value::Null, self.span(start, here)));
                }
                Some(c) if c.is_whitespace() => {
                    self.sc.next_char();
                }
                Some(_) => return None,
            }
        }
    }

    /// One JSON value where the scanner stands; the scanner moves past it.
    fn json_value(&mut self, depth: usize) -> Result<Node, Stop> {
        let start = self.sc.pos();
        let max_depth = MAX_DEPTH.saturating_sub(depth);
        match json::decode_prefix(self.sc.text(), start, self.arg, max_depth, &mut self.warnings) {
            Ok((node, end)) => {
                self.sc.jump(end);
                self.last_end = end;
                Ok(node)
            }
            Err(e) => Err(fail(diag::json_syntax(&e.message, self.span(e.start, e.end)))),
        }
    }

    fn check_index(&self, i: i64, span: Span) -> Step {
        if i < 0 {
            return Err(fail(diag::index_negative(i, span)));
        }
        if i > MAX_INDEX {
            return Err(fail(diag::index_too_large(i, span)));
        }
        Ok(())
    }

    /// Put `node` at index `i`, padding with nulls (Go's `setIndex`).
    fn set_index(&mut self, list: &mut Vec<Node>, i: i64, span: Span, node: Node) -> Step {
        self.check_index(i, span)?;
        let idx = index_usize(i);
        if let Some(slot) = list.get_mut(idx) {
            let old = std::mem::replace(slot, Node::new(Value::Null, node.span));
            let reason = replace_reason(&old.value, &node.value);
            *slot = supersede(old, node, reason);
            return Ok(());
        }
        let pad = idx - list.len();
        if self.padding + pad > MAX_PADDING {
            return Err(fail(diag::too_many_items(MAX_PADDING, span)));
        }
        self.padding += pad;
        list.resize_with(idx, || Node::new(Value::Null, span));
        list.push(node);
        Ok(())
    }

    /// Store `node` under the key `k` (Go's `set`: the empty key is never stored).
    fn set(&mut self, data: &mut Map, k: &Piece, node: Node) {
        if k.text.is_empty() {
            return;
        }
        let node = node.with_key(self.piece_span(k));
        if let Some(slot) = data.get_mut(k.text.as_str()) {
            let old = std::mem::replace(slot, Node::new(Value::Null, node.span));
            let reason = replace_reason(&old.value, &node.value);
            *slot = supersede(old, node, reason);
            return;
        }
        if k.text.starts_with(char::is_whitespace) || k.text.ends_with(char::is_whitespace) {
            self.warnings.push(diag::key_spaces(&k.text, self.piece_span(k)));
        }
        data.insert(k.text.as_str().into(), node);
    }
}
