//! The YAML reader over arbitrary bytes: no panic, no hang, under both profiles.
//!
//! Valid UTF-8 is read as it is; other bytes are read after lossy decoding, so no
//! input is wasted. Each input runs with the default limits and with tight ones
//! (shallow depth, few alias nodes) so the limit paths are exercised too. Run with
//! `cargo fuzz run yaml_reader` from `fuzz/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::yaml::{read_document, read_documents, Limits};
use strata_core::{Profile, SourceKind, Sources};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut sources = Sources::new();
    let id = sources.add("fuzz.yaml", SourceKind::File, text);
    let tight = Limits { max_bytes: 1 << 20, max_depth: 16, max_alias_nodes: 256 };
    for limits in [Limits::default(), tight] {
        for profile in [Profile::Helm4, Profile::Helm3] {
            match read_documents(&sources, id, profile, &limits) {
                // Every document the reader returns is a map.
                Ok(read) => assert!(read.docs.iter().all(|doc| doc.value.as_map().is_some())),
                // Every error points into the file.
                Err(error) => {
                    if let Some(span) = error.span {
                        assert!(span.start <= span.end && span.end as usize <= sources.text(id).len());
                        let _ = sources.position(span);
                    }
                }
            }
        }
        let _ = read_document(&sources, id, &limits);
    }
});
