//! The tests crate's one integration-test binary (STYLE habit 13): one module per suite.

// Reads every YAML file we hold from disk, so native only.
#[cfg(not(target_arch = "wasm32"))]
mod fast_yaml;
mod golden;
// Reads the corpus from disk, so native only.
#[cfg(not(target_arch = "wasm32"))]
mod init_corpus;
// Reads the corpus from disk, so native only.
#[cfg(not(target_arch = "wasm32"))]
mod secrets;
// Reads the corpus from disk, so native only.
#[cfg(not(target_arch = "wasm32"))]
mod set_cases;
// Reads the YAML test suite from disk, so native only.
#[cfg(not(target_arch = "wasm32"))]
mod yaml_suite;
