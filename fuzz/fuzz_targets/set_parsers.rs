//! Every `--set` kind over arbitrary text: no panic, no hang, under both profiles.
//!
//! The first byte picks the kind and profile, the rest is the argument. Run with
//! `cargo fuzz run set_parsers` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::files::MemoryFiles;
use strata_core::node::{Map, Node, Value};
use strata_core::strvals::{apply, SetKind};
use strata_core::{Profile, SourceId, Span};

/// `{a: {b: [1, {c: null}]}, s: "x", "": [1]}`: maps, lists, nulls and the empty key.
fn start() -> Map {
    let span = Span::at(SourceId(0), 0);
    let node = |value| Node::new(value, span);
    let mut c = Map::default();
    c.insert("c".into(), node(Value::Null));
    let mut a = Map::default();
    a.insert(
        "b".into(),
        node(Value::List(vec![
            node(Value::Float(1.0)),
            node(Value::from_map(c)),
        ])),
    );
    let mut root = Map::default();
    root.insert("a".into(), node(Value::from_map(a)));
    root.insert("s".into(), node(Value::Str("x".into())));
    root.insert(Default::default(), node(Value::List(vec![node(Value::Int(1))])));
    root
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = SetKind::ORDER[usize::from(selector) % SetKind::ORDER.len()];
    let profile = if selector & 0x80 == 0 {
        Profile::Helm4
    } else {
        Profile::Helm3
    };
    let mut files = MemoryFiles::new();
    files.insert("f.txt", "file text\n");
    let mut values = start();
    let _ = apply(kind, SourceId(1), text, &mut values, profile, &files);
});
