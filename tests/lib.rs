//! Shared test harness: the golden cases and the helpers that run them.
//!
//! The cases live in `tests/golden/` as data (see its README.md); `build.rs` embeds
//! them, and the files their command lines name, so every runner below works the same
//! natively and under wasm32:
//!
//! - `it/golden.rs` runs each case through core (`strata_core::api::run`);
//! - `cli/tests/cli.rs` runs each case through the real `strata` binary.

#[path = "src/golden.rs"]
pub mod golden;
#[path = "src/words.rs"]
pub mod words;
