//! Fuzz the secret shapes (URL passwords, query tokens, `key=value` pairs, token
//! formats) on any string.
//!
//! Properties: no panic; the spans are sorted, apart, non-empty and on character
//! boundaries; the masked text keeps everything outside them byte for byte, and is
//! the same every time. (Masking the masked text again may find more: the mask
//! removes the delimiters that ended a shape.)
#![no_main]

use libfuzzer_sys::fuzz_target;
use strata_core::secrets::{SecretKeys, MASK};
use strata_core::workspace::SecretRules;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = SecretRules::default();
    let keys = SecretKeys::new(&rules);
    let spans = keys.secret_spans(text);
    let mut end = 0;
    for span in &spans {
        assert!(span.start >= end && span.start < span.end && span.end <= text.len(), "{spans:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        end = span.end;
    }
    let Some(masked) = keys.redacted(text) else {
        assert!(spans.is_empty() || rules_make_it_a_reference(text));
        return;
    };
    let mut rest = masked.as_str();
    let mut at = 0;
    for span in &spans {
        let kept = &text[at..span.start];
        assert!(rest.starts_with(kept), "text outside the secrets is kept");
        rest = rest[kept.len()..].strip_prefix(MASK).expect("each secret becomes the mask");
        at = span.end;
    }
    assert_eq!(rest, &text[at..]);
    assert_eq!(keys.redacted(text).as_deref(), Some(masked.as_str()), "masking is deterministic");
});

/// A whole value that is a reference (`${VAR}`) is never masked, whatever it holds.
fn rules_make_it_a_reference(text: &str) -> bool {
    strata_core::secrets::is_reference(&SecretRules::default(), text)
}
