//! Events to positioned trees: maps, lists, anchors, aliases, `<<` merge keys,
//! duplicate keys, and the limits that keep hostile input cheap.
//!
//! The builder keeps an explicit stack of open maps and lists (never recursion)
//! and checks the depth before it opens one, so 100k-deep nesting stops at the
//! limit. Maps are applied the way go-yaml v2 decodes them: entries in order,
//! the later one wins, a `<<` merge writes its map's entries at its own place
//! (so a key written *before* `<<` loses to the merged value, one written after
//! it wins), and a merge list is applied last to first so earlier maps win.
//!
//! Besides `Limits`, go-yaml's own rule against alias-heavy documents is
//! reproduced (`allowedAliasRatio` in go-yaml's `decode.go`), counting decode
//! steps exactly as go-yaml does, so a file Helm rejects is rejected here too.

use super::diagnostics as d;
use super::keys::KeyIdentity;
use super::parse::{full_tag, style, Events};
use super::schema::{Scalar, Schema, Style};
use super::Limits;
use crate::diag::Diagnostic;
use crate::node::{supersede, Map, Node, ShadowReason, Text, Value};
use crate::source::{Sources, Span};
use saphyr_parser::Event;
use std::borrow::Cow;
use std::rc::Rc;

/// One document of a stream.
pub(crate) struct Doc {
    pub(crate) root: Node,
    /// The document's end event (`...` when explicit).
    pub(crate) end: Span,
}

/// A finished node on its way into its parent.
struct Done {
    node: Node,
    /// Nodes in the tree (for the alias limit).
    count: usize,
    /// go-yaml decode steps for this node.
    cost: u64,
    /// For a map: the identity of each key, in map order.
    keys: Vec<KeyIdentity>,
}

enum Anchor {
    Unset,
    /// Being read: an alias to it would contain itself.
    Open,
    /// A scalar is kept as written, so an alias can read it as a key or a value.
    Scalar(Box<OwnedScalar>),
    Node(Box<Anchored>),
}

struct OwnedScalar {
    text: String,
    style: Style,
    tag: Option<String>,
}

struct Anchored {
    node: Node,
    count: usize,
    cost: u64,
    keys: Vec<KeyIdentity>,
}

enum Key {
    Named {
        name: Text,
        span: Span,
        identity: KeyIdentity,
    },
    /// A `<<` merge key, at this span.
    Merge(Span),
}

#[derive(Clone, Copy)]
struct EntryInfo {
    identity: KeyIdentity,
    /// Whether the current value came from a `<<` merge.
    merged: bool,
}

/// A map being read. Nearly every map is small: its entries stay in a plain vector, a key
/// found again by comparing keys, and it becomes a `Map` of exactly its size when it closes,
/// instead of growing a table and its entries several times on the way. A map that passes
/// [`SMALL_MAP`] entries moves into a `Map` then and grows as maps do.
struct MapFrame {
    small: Vec<(Text, Node)>,
    large: Option<Map>,
    /// Each entry's key identity and whether a `<<` wrote it, in entry order.
    info: Vec<EntryInfo>,
    key: Option<Key>,
}

/// Entries a map keeps in its vector before it needs a hash table to find a key.
const SMALL_MAP: usize = crate::map::INDEXED;

impl MapFrame {
    fn entry_at(&mut self, index: usize) -> Option<(&Text, &mut Node)> {
        match &mut self.large {
            Some(map) => map.get_index_mut(index),
            None => self.small.get_mut(index).map(|(key, node)| (&*key, node)),
        }
    }

    /// Add the entry `name` if the map has none yet; otherwise hand `node` back with the
    /// index of the entry it repeats. A large map hashes the key once for both.
    fn add(&mut self, name: Text, node: Node) -> Option<(usize, Node)> {
        if let Some(map) = &mut self.large {
            return map.insert_new(name, node).err();
        }
        if let Some(index) = crate::map::position(&self.small, &name) {
            return Some((index, node));
        }
        self.small.push((name, node));
        if self.small.len() > SMALL_MAP {
            self.large = Some(exact_map(&mut self.small));
        }
        None
    }
}

/// A `Map` holding `entries` (distinct keys, in order), sized for them; `entries` is left empty.
fn exact_map(entries: &mut Vec<(Text, Node)>) -> Map {
    let mut exact = Vec::with_capacity(entries.len());
    exact.append(entries);
    Map::from_distinct(exact)
}

/// Emptied vectors of closed maps and lists, kept for the next ones: a large file opens
/// hundreds of thousands of them, each growing from nothing otherwise. At most one of each
/// per open level is ever kept.
#[derive(Default)]
struct Spare {
    entries: Vec<Vec<(Text, Node)>>,
    info: Vec<Vec<EntryInfo>>,
    items: Vec<Vec<Node>>,
}

impl Spare {
    fn map_frame(&mut self) -> MapFrame {
        MapFrame {
            small: self.entries.pop().unwrap_or_default(),
            large: None,
            info: self.info.pop().unwrap_or_default(),
            key: None,
        }
    }

    fn list(&mut self) -> Vec<Node> {
        self.items.pop().unwrap_or_default()
    }

    /// The finished map; its vectors are kept for the next map.
    fn finish_map(&mut self, mut frame: MapFrame) -> Map {
        let map = frame.large.take().unwrap_or_else(|| exact_map(&mut frame.small));
        self.entries.push(frame.small);
        frame.info.clear();
        if frame.info.capacity() <= SPARE_MAX {
            self.info.push(frame.info);
        }
        map
    }

    /// The finished list, sized to its items; a short list's vector is kept for the next list.
    fn finish_list(&mut self, mut items: Vec<Node>) -> Vec<Node> {
        if items.capacity() > SPARE_MAX {
            // Copying a long list to size it would briefly hold it twice.
            return items;
        }
        let mut list = Vec::with_capacity(items.len());
        list.append(&mut items);
        self.items.push(items);
        list
    }
}

/// Vectors longer than this are not kept for reuse (nor copied to size them).
const SPARE_MAX: usize = 1024;

/// The list under a `<<` key: its maps, each with the decode steps it took.
struct MergeFrame {
    items: Vec<(Node, Vec<KeyIdentity>, (u64, u64))>,
    before: (u64, u64),
    last: (u64, u64),
}

enum Kind {
    Seq(Vec<Node>),
    Map(MapFrame),
    Merge(MergeFrame),
}

struct Frame {
    kind: Kind,
    span: Span,
    anchor: usize,
    count: usize,
    cost: u64,
}

impl Frame {
    fn open_map(&mut self) -> Option<&mut MapFrame> {
        match &mut self.kind {
            Kind::Map(map) => Some(map),
            _ => None,
        }
    }
}

pub(crate) struct Builder<'r, S: Schema> {
    schema: &'r mut S,
    sources: &'r Sources,
    limits: &'r Limits,
    pub(crate) warnings: Vec<Diagnostic>,
    frames: Vec<Frame>,
    spare: Spare,
    anchors: Vec<Anchor>,
    /// Nodes created by alias expansion in this document.
    created: usize,
    /// go-yaml's `decodeCount` and `aliasCount` for this document.
    decoded: u64,
    aliased: u64,
    /// Open merge lists: go-yaml decodes them backwards, so checks wait for the end.
    quiet: usize,
}

impl<'r, S: Schema> Builder<'r, S> {
    pub(crate) fn new(schema: &'r mut S, sources: &'r Sources, limits: &'r Limits) -> Self {
        Builder {
            schema,
            sources,
            limits,
            warnings: Vec::new(),
            frames: Vec::new(),
            spare: Spare::default(),
            anchors: Vec::new(),
            created: 0,
            decoded: 0,
            aliased: 0,
            quiet: 0,
        }
    }

    /// Read the documents of `events` (only the first when `first_only`).
    /// `start` is where the events' text begins, for directives before the first `---`.
    pub(crate) fn documents(
        &mut self,
        events: &mut Events<'_>,
        start: usize,
        first_only: bool,
    ) -> Result<Vec<Doc>, Diagnostic> {
        let mut docs = Vec::new();
        let mut previous_end = start;
        loop {
            let (event, span) = events.next()?;
            match event {
                Event::StreamStart | Event::Nothing => {}
                Event::StreamEnd => return Ok(docs),
                Event::DocumentStart(explicit) => {
                    if explicit {
                        self.directives(previous_end, span)?;
                    }
                    self.reset();
                    let root = self.root(events)?;
                    let (event, end) = events.next()?;
                    if !matches!(event, Event::DocumentEnd) {
                        return Err(d::syntax("expected the end of the document", end));
                    }
                    previous_end = end.end as usize;
                    docs.push(Doc { root, end });
                    if first_only {
                        return Ok(docs);
                    }
                }
                _ => return Err(d::syntax("unexpected content outside a document", span)),
            }
        }
    }

    /// Directive lines (`%...`) between the previous document and this `---`.
    pub(super) fn directives(&mut self, from: usize, marker: Span) -> Result<(), Diagnostic> {
        let text = self.sources.text(marker.source);
        let to = (marker.start as usize).min(text.len());
        let Some(region) = text.get(from.min(to)..to) else { return Ok(()) };
        let mut offset = from.min(to);
        for line in region.split_inclusive('\n') {
            if line.starts_with('%') {
                let trimmed = line.trim_end();
                let span = Span::new(marker.source, offset, offset + trimmed.len());
                self.schema.directive(trimmed, span)?;
            }
            offset += line.len();
        }
        Ok(())
    }

    pub(super) fn reset(&mut self) {
        self.frames.clear();
        self.anchors.clear();
        self.created = 0;
        self.decoded = 1; // go-yaml counts the document node
        self.aliased = 0;
        self.quiet = 0;
    }

    /// Events up to the end of the document's root node.
    fn root(&mut self, events: &mut Events<'_>) -> Result<Node, Diagnostic> {
        loop {
            let (event, span) = events.next()?;
            if let Some(root) = self.node_event(event, span)? {
                return Ok(root);
            }
        }
    }

    /// One event of the document's root node; the root once it is complete.
    pub(super) fn node_event(&mut self, event: Event<'_>, span: Span) -> Result<Option<Node>, Diagnostic> {
        let done = match event {
            Event::Scalar(text, scalar_style, anchor, tag) => {
                let scalar = Scalar { text, style: style(scalar_style), tag: tag.map(|t| full_tag(&t)), span };
                self.scalar(scalar, anchor)?
            }
            Event::Alias(id) => self.alias(id, span)?,
            Event::SequenceStart(anchor, tag) => {
                self.open(false, anchor, tag.map(|t| full_tag(&t)), span)?;
                None
            }
            Event::MappingStart(anchor, tag) => {
                self.open(true, anchor, tag.map(|t| full_tag(&t)), span)?;
                None
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span)?,
            _ => return Err(d::syntax("unexpected end of the document", span)),
        };
        match done {
            Some(done) => self.attach(done),
            None => Ok(None),
        }
    }

    fn in_key_position(&mut self) -> Option<&mut MapFrame> {
        self.frames.last_mut().and_then(Frame::open_map).filter(|map| map.key.is_none())
    }

    fn set_anchor(&mut self, id: usize, anchor: Anchor) {
        if id >= self.anchors.len() {
            self.anchors.resize_with(id + 1, || Anchor::Unset);
        }
        self.anchors[id] = anchor;
    }

    fn count(&mut self, steps: u64, aliased: u64, span: Span) -> Result<(), Diagnostic> {
        self.decoded += steps;
        self.aliased += aliased;
        self.check_aliasing(span)
    }

    /// go-yaml's `allowedAliasRatio` rule.
    fn check_aliasing(&self, span: Span) -> Result<(), Diagnostic> {
        if self.quiet > 0 || self.aliased <= 100 || self.decoded <= 1000 {
            return Ok(());
        }
        #[allow(clippy::cast_precision_loss)]
        let (aliased, decoded) = (self.aliased as f64, self.decoded as f64);
        let allowed = if self.decoded <= 400_000 {
            0.99
        } else if self.decoded >= 4_000_000 {
            0.10
        } else {
            0.99 - 0.89 * ((decoded - 400_000.0) / 3_600_000.0)
        };
        if aliased / decoded > allowed {
            return Err(d::excessive_aliasing(span));
        }
        Ok(())
    }

    fn scalar(&mut self, scalar: Scalar<'_>, anchor: usize) -> Result<Option<Done>, Diagnostic> {
        let span = scalar.span;
        if scalar.style == Style::DoubleQuoted {
            self.schema.double_quoted(self.sources.slice(span), span)?;
        }
        if anchor != 0 {
            let owned = OwnedScalar { text: scalar.text.to_string(), style: scalar.style, tag: scalar.tag.clone() };
            self.set_anchor(anchor, Anchor::Scalar(Box::new(owned)));
        }
        if self.in_key_position().is_some() {
            if self.schema.is_merge_key(&scalar) {
                // go-yaml never decodes the `<<` key itself.
                if let Some(map) = self.in_key_position() {
                    map.key = Some(Key::Merge(span));
                }
                return Ok(None);
            }
            self.count(1, 0, span)?;
            return self.key(scalar, 1).map(|()| None);
        }
        self.count(1, 0, span)?;
        let key = self.frames.last().and_then(pending_name);
        let value = self.schema.value(scalar, key, &mut self.warnings)?;
        Ok(Some(Done { node: Node::new(value, span), count: 1, cost: 1, keys: Vec::new() }))
    }

    /// Resolve `scalar` as the key of the open map.
    fn key(&mut self, scalar: Scalar<'_>, cost: u64) -> Result<(), Diagnostic> {
        let span = scalar.span;
        let (name, identity) = self.schema.key(scalar, &mut self.warnings)?;
        if let Some(frame) = self.frames.last_mut() {
            frame.cost += cost;
            if let Some(map) = frame.open_map() {
                map.key = Some(Key::Named { name, span, identity });
            }
        }
        Ok(())
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<Option<Done>, Diagnostic> {
        let in_key = self.in_key_position().is_some();
        let (count, target_cost) = match self.anchors.get(id) {
            None | Some(Anchor::Unset) => return Err(d::unknown_alias(span)),
            Some(Anchor::Open) => return Err(d::recursive_alias(span)),
            Some(Anchor::Scalar(_)) => (1, 1),
            Some(Anchor::Node(anchored)) => {
                if in_key {
                    return Err(d::collection_key(span, matches!(anchored.node.value, Value::Map(_))));
                }
                (anchored.count, anchored.cost)
            }
        };
        self.created += count;
        if self.created > self.limits.max_alias_nodes {
            return Err(d::alias_limit(span, self.limits.max_alias_nodes));
        }
        self.count(1 + target_cost, target_cost, span)?;
        let cost = 1 + target_cost;
        match self.anchors.get(id) {
            Some(Anchor::Scalar(raw)) => {
                let scalar =
                    Scalar { text: Cow::Owned(raw.text.clone()), style: raw.style, tag: raw.tag.clone(), span };
                if in_key {
                    return self.key(scalar, cost).map(|()| None);
                }
                // Warnings were given where the anchor was written.
                let mut again = Vec::new();
                let key = self.frames.last().and_then(pending_name);
                let value = self.schema.value(scalar, key, &mut again)?;
                Ok(Some(Done { node: Node::new(value, span), count: 1, cost, keys: Vec::new() }))
            }
            Some(Anchor::Node(anchored)) => {
                let mut node = anchored.node.clone();
                node.span = span;
                node.set_key_span(None);
                Ok(Some(Done { node, count, cost, keys: anchored.keys.clone() }))
            }
            _ => Err(d::unknown_alias(span)),
        }
    }

    fn open(&mut self, is_map: bool, anchor: usize, tag: Option<String>, span: Span) -> Result<(), Diagnostic> {
        if self.in_key_position().is_some() {
            return Err(d::collection_key(span, is_map));
        }
        if self.frames.len() >= self.limits.max_depth {
            return Err(d::depth(span, self.limits.max_depth));
        }
        if let Some(tag) = tag {
            self.schema.collection_tag(&tag, is_map, span, &mut self.warnings)?;
        }
        let merge_list = !is_map
            && matches!(
                self.frames.last().map(|f| &f.kind),
                Some(Kind::Map(MapFrame { key: Some(Key::Merge(_)), .. }))
            );
        if anchor != 0 {
            self.set_anchor(anchor, Anchor::Open);
        }
        let kind = if is_map {
            Kind::Map(self.spare.map_frame())
        } else if merge_list {
            self.quiet += 1;
            let now = (self.decoded, self.aliased);
            Kind::Merge(MergeFrame { items: Vec::new(), before: now, last: now })
        } else {
            Kind::Seq(self.spare.list())
        };
        if !merge_list {
            self.count(1, 0, span)?;
        }
        let cost = u64::from(!merge_list);
        self.frames.push(Frame { kind, span, anchor, count: 1, cost });
        Ok(())
    }

    fn close(&mut self, end: Span) -> Result<Option<Done>, Diagnostic> {
        let Some(frame) = self.frames.pop() else {
            return Err(d::syntax("unexpected end of a collection", end));
        };
        let span = frame.span.to(end);
        let (node, keys) = match frame.kind {
            Kind::Seq(items) => (Node::new(Value::List(self.spare.finish_list(items)), span), Vec::new()),
            Kind::Map(map) => {
                // Key identities only matter where the map's entries get merged again.
                let keep_keys = frame.anchor != 0 || self.parent_merges();
                let keys = if keep_keys { map.info.iter().map(|e| e.identity).collect() } else { Vec::new() };
                (Node::new(Value::from_map(self.spare.finish_map(map)), span), keys)
            }
            Kind::Merge(merge) => {
                self.close_merge_list(merge, frame.anchor, frame.count, frame.cost, span)?;
                return Ok(None);
            }
        };
        if frame.anchor != 0 {
            let anchored = Anchored { node: node.clone(), count: frame.count, cost: frame.cost, keys: keys.clone() };
            self.set_anchor(frame.anchor, Anchor::Node(Box::new(anchored)));
        }
        Ok(Some(Done { node, count: frame.count, cost: frame.cost, keys }))
    }

    /// Whether the open frame merges the node that closes now (`<<: {...}` or `<<: [...]`).
    fn parent_merges(&self) -> bool {
        matches!(
            self.frames.last().map(|f| &f.kind),
            Some(Kind::Merge(_) | Kind::Map(MapFrame { key: Some(Key::Merge(_)), .. }))
        )
    }

    /// `<<: [*a, *b]`: go-yaml decodes the maps last to first, so the earlier map wins.
    fn close_merge_list(
        &mut self,
        merge: MergeFrame,
        anchor: usize,
        count: usize,
        cost: u64,
        span: Span,
    ) -> Result<(), Diagnostic> {
        self.quiet -= 1;
        // Replay go-yaml's counting in its order.
        self.decoded = merge.before.0;
        self.aliased = merge.before.1;
        for (_, _, (steps, aliased)) in merge.items.iter().rev() {
            self.count(*steps, *aliased, span)?;
        }
        if anchor != 0 {
            let items = merge.items.iter().map(|(node, _, _)| node.clone()).collect();
            let anchored =
                Anchored { node: Node::new(Value::List(items), span), count, cost: cost + 1, keys: Vec::new() };
            self.set_anchor(anchor, Anchor::Node(Box::new(anchored)));
        }
        let Some(parent) = self.frames.last_mut() else {
            return Err(d::syntax("unexpected end of a merge list", span));
        };
        parent.count += count;
        parent.cost += cost;
        let Some(map) = parent.open_map() else {
            return Err(d::syntax("unexpected end of a merge list", span));
        };
        let merge_span = match map.key.take() {
            Some(Key::Merge(at)) => at,
            _ => span,
        };
        for (node, keys, _) in merge.items.into_iter().rev() {
            merge_into(map, node, &keys, merge_span, self.sources, &mut self.warnings);
        }
        Ok(())
    }

    /// Put a finished node into its parent; the root comes back out.
    fn attach(&mut self, done: Done) -> Result<Option<Node>, Diagnostic> {
        let now = (self.decoded, self.aliased);
        let Some(frame) = self.frames.last_mut() else {
            return Ok(Some(done.node));
        };
        frame.count += done.count;
        frame.cost += done.cost;
        match &mut frame.kind {
            Kind::Seq(items) => items.push(done.node),
            Kind::Merge(merge) => {
                if !matches!(done.node.value, Value::Map(_)) {
                    return Err(d::merge_not_map(done.node.span));
                }
                let steps = (now.0 - merge.last.0, now.1 - merge.last.1);
                merge.last = now;
                merge.items.push((done.node, done.keys, steps));
            }
            Kind::Map(map) => match map.key.take() {
                Some(Key::Named { name, span, identity }) => {
                    insert(map, name, span, identity, done.node, None, self.sources, &mut self.warnings);
                }
                Some(Key::Merge(merge_span)) => {
                    if !matches!(done.node.value, Value::Map(_)) {
                        return Err(d::merge_not_map(done.node.span));
                    }
                    merge_into(map, done.node, &done.keys, merge_span, self.sources, &mut self.warnings);
                }
                None => return Err(d::syntax("a map value without a key", done.node.span)),
            },
        }
        Ok(None)
    }
}

/// The key waiting for its value in this frame, for messages.
fn pending_name(frame: &Frame) -> Option<&str> {
    match &frame.kind {
        Kind::Map(MapFrame { key: Some(Key::Named { name, .. }), .. }) => Some(name.as_str()),
        _ => None,
    }
}

/// Write every entry of the map `node` into `map`, as a `<<` at `merge_span` does.
fn merge_into(
    map: &mut MapFrame,
    node: Node,
    keys: &[KeyIdentity],
    merge_span: Span,
    sources: &Sources,
    warnings: &mut Vec<Diagnostic>,
) {
    let Value::Map(entries) = node.value else { return };
    for (i, (name, entry)) in Rc::unwrap_or_clone(entries).into_iter().enumerate() {
        let identity = keys.get(i).copied().unwrap_or(KeyIdentity::Str);
        let key_span = entry.origin();
        insert(map, name, key_span, identity, entry, Some(merge_span), sources, warnings);
    }
}

/// Add one entry; a repeated key replaces the value in place and records what it shadowed.
#[allow(clippy::too_many_arguments)]
fn insert(
    map: &mut MapFrame,
    name: Text,
    key_span: Span,
    identity: KeyIdentity,
    mut node: Node,
    merge: Option<Span>,
    sources: &Sources,
    warnings: &mut Vec<Diagnostic>,
) {
    if merge.is_none() {
        node.set_key_span(Some(key_span));
    }
    let merged = merge.is_some();
    let Some((index, node)) = map.add(name, node) else {
        map.info.push(EntryInfo { identity, merged });
        return;
    };
    let Some(info) = map.info.get(index).copied() else { return };
    let Some((key, slot)) = map.entry_at(index) else { return };
    let earlier = sources.position(slot.origin());
    let here = merge.unwrap_or(key_span);
    let reason = if !identity.same_key(info.identity) {
        warnings.push(d::ambiguous_key(here, key, &earlier));
        ShadowReason::DuplicateKey
    } else {
        match (info.merged, merged) {
            (false, false) => {
                warnings.push(d::duplicate_key(here, key, &earlier));
                ShadowReason::DuplicateKey
            }
            (true, false) => ShadowReason::MergeKeyOverridden,
            (false, true) => {
                warnings.push(d::merge_overrides(here, key, &earlier));
                ShadowReason::DuplicateKey
            }
            (true, true) => ShadowReason::DuplicateKey,
        }
    };
    let old = std::mem::replace(slot, Node::new(Value::Null, here));
    *slot = supersede(old, node, reason);
    map.info[index] = EntryInfo { identity, merged };
}
