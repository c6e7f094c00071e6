//! The fast YAML scanner against saphyr-parser on every file we hold: the YAML
//! test suite's inputs, the chart corpus and the golden cases' YAML. On each, the
//! fast scanner's events and spans must equal saphyr's, or be a strict prefix of
//! them where it bails, and what the builder makes of its events directly must
//! equal what it makes of saphyr's (values, spans, warnings). The corpus must mostly stay on the fast path: the test
//! fails if fewer than [`CORPUS_COMPLETE_MIN`] percent of its files are read
//! whole, and prints the figure.

use std::path::{Path, PathBuf};
use strata_core::yaml::{direct_read_agrees, fast_path_agrees};

/// The share of corpus files (percent) the fast scanner must read to the end.
const CORPUS_COMPLETE_MIN: usize = 80;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml") {
            out.push(path);
        }
    }
}

/// (files read whole, files) after checking every file under `dir`.
fn check(dir: &str) -> (usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    assert!(!files.is_empty(), "no YAML under {dir}");
    let mut failures = Vec::new();
    let mut complete = 0;
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        match fast_path_agrees(&text) {
            Ok(true) => complete += 1,
            Ok(false) => {}
            Err(error) => failures.push(format!("{}: {error}", file.display())),
        }
        if let Err(error) = direct_read_agrees(&text) {
            failures.push(format!("{}: {error}", file.display()));
        }
    }
    assert!(failures.is_empty(), "fast scanner differs from saphyr:\n{}", failures.join("\n"));
    (complete, files.len())
}

#[test]
fn fast_scanner_agrees_on_the_yaml_test_suite() {
    check("data/yaml-test-suite");
}

#[test]
fn fast_scanner_agrees_on_golden_yaml() {
    check("golden");
}

#[test]
fn fast_scanner_reads_most_of_the_corpus_whole() {
    let (complete, total) = check("data/corpus");
    println!("fast path read {complete} of {total} corpus files whole");
    assert!(
        complete * 100 >= total * CORPUS_COMPLETE_MIN,
        "fast path read only {complete} of {total} corpus files whole"
    );
}
