//! The fast YAML scanner against saphyr-parser on arbitrary text: its events and
//! spans must equal saphyr's, or be a strict prefix of them where it bails; it
//! must never panic. What the builder makes of the scanner's events directly must
//! equal what it makes of saphyr's. The reader is then run too, so the hand-over
//! from the fast path to saphyr is checked (debug assertions compare the skipped events).
//! Run with `cargo fuzz run fast_scanner` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::yaml::{direct_read_agrees, fast_path_agrees, read_documents, Limits};
use strata_core::{Profile, SourceKind, Sources};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    if let Err(difference) = fast_path_agrees(&text) {
        panic!("fast scanner differs from saphyr on {text:?}: {difference}");
    }
    if let Err(difference) = direct_read_agrees(&text) {
        panic!("the direct read differs on {text:?}: {difference}");
    }
    let mut sources = Sources::new();
    let id = sources.add("fuzz.yaml", SourceKind::File, text);
    let _ = read_documents(&sources, id, Profile::Helm4, &Limits::default());
});
