//! The golden cases (`tests/golden/<case>/`) and the one harness that runs them.
//!
//! A case is a `cmd` file (one `strata` command line, paths relative to the
//! repository root) and the expected `stdout`, `stderr` (only if non-empty) and `exit`
//! (only if non-zero). `build.rs` embeds every case and every file the cases name,
//! so this module needs no file system and runs unchanged under wasm32.
//!
//! Three runs use it:
//! - `it/golden.rs`: every case through core, natively and under wasm32
//!   (`STRATA_UPDATE_GOLDEN=1` rewrites the expected files, natively);
//! - `cli/tests/cli.rs`: every case through the real `strata` binary, compared with
//!   the expected files and with core's own output.

use crate::words;
use std::fmt::Write as _;
use strata_core::api::Outcome;
use strata_core::files::Files;

/// One golden case, as embedded by `build.rs`.
#[derive(Clone, Copy, Debug)]
pub struct Case {
    /// The directory name under `tests/golden/`.
    pub name: &'static str,
    /// The command line, without the program name (e.g. `render -f values.yaml`).
    pub cmd: &'static str,
    pub stdout: Option<&'static str>,
    pub stderr: Option<&'static str>,
    /// The exit status as text (e.g. `2\n`); absent means 0.
    pub exit: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/golden_cases.rs"));

/// What one run of a command produced: the part golden files record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observed {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
}

impl From<Outcome> for Observed {
    fn from(outcome: Outcome) -> Self {
        Observed { stdout: outcome.stdout, stderr: outcome.stderr, exit: outcome.exit_code }
    }
}

impl Case {
    /// The command's words (`build.rs` already checked that the line splits).
    pub fn words(&self) -> Vec<String> {
        words::split(self.cmd.trim_end_matches(['\n', '\r'])).unwrap_or_default()
    }

    /// Whether expected output has been recorded at all (`stdout` is always written).
    pub fn is_recorded(&self) -> bool {
        self.stdout.is_some() || self.stderr.is_some() || self.exit.is_some()
    }

    /// The recorded output, or why it cannot be read.
    pub fn expected(&self) -> Result<Observed, String> {
        let exit = match self.exit {
            None => 0,
            Some(text) => text.trim().parse().map_err(|_| format!("`exit` holds {text:?}, not a number"))?,
        };
        Ok(Observed {
            stdout: self.stdout.unwrap_or_default().to_string(),
            stderr: self.stderr.unwrap_or_default().to_string(),
            exit,
        })
    }

    /// Whether the case's name contains `filter` (no filter: every case).
    pub fn matches(&self, filter: Option<&str>) -> bool {
        filter.is_none_or(|f| self.name.contains(f))
    }
}

/// The files the cases name, embedded: the harness's stand-in for a file system.
/// A path no case names reads as missing, with the CLI's own wording.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmbeddedFiles;

impl Files for EmbeddedFiles {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        FILES
            .iter()
            .find(|(name, _)| *name == path)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| "no such file or directory".to_string())
    }

    /// The embedded files below `dir` (`init` cases embed every file there).
    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let prefix =
            if dir.is_empty() || dir == "." { String::new() } else { format!("{}/", dir.trim_end_matches('/')) };
        let mut found: Vec<String> =
            FILES.iter().filter_map(|(name, _)| name.strip_prefix(&prefix).map(str::to_string)).collect();
        if found.is_empty() {
            return Err("no such file or directory".to_string());
        }
        found.sort();
        Ok(found)
    }
}

/// Run one command line (the words after `strata`) in core.
///
/// This is exactly what the CLI does: core parses the words
/// (`strata_core::command::parse`) and runs them; only the file system differs.
pub fn run_command(words: &[String], files: &dyn Files) -> Outcome {
    strata_core::api::run(words, files)
}

/// Run a case through core, reading the embedded files.
pub fn run_in_core(case: &Case) -> Observed {
    run_command(&case.words(), &EmbeddedFiles).into()
}

/// Compare what a run produced with what the case recorded; the error is a report
/// fit for a test failure.
pub fn check(case: &Case, observed: &Observed) -> Result<(), String> {
    if !case.is_recorded() {
        return Err(format!(
            "no expected output recorded yet\n  run `STRATA_UPDATE_GOLDEN=1 STRATA_GOLDEN={name} cargo test -p strata-tests --test it golden`, then review tests/golden/{name}/",
            name = case.name
        ));
    }
    let expected = case.expected()?;
    let mut report = String::new();
    if expected.exit != observed.exit {
        let _ = writeln!(report, "exit: expected {}, got {}", expected.exit, observed.exit);
    }
    for (stream, want, got) in
        [("stdout", &expected.stdout, &observed.stdout), ("stderr", &expected.stderr, &observed.stderr)]
    {
        if want != got {
            let _ = write!(report, "{stream} differs:\n{}", difference(want, got));
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(report)
    }
}

/// The first place two texts differ, with a little context, as `-expected`/`+actual` lines.
pub fn difference(expected: &str, actual: &str) -> String {
    const CONTEXT: usize = 3;
    const SHOWN: usize = 8;
    let want: Vec<&str> = expected.split_inclusive('\n').collect();
    let got: Vec<&str> = actual.split_inclusive('\n').collect();
    let first = want.iter().zip(&got).position(|(a, b)| a != b).unwrap_or(want.len().min(got.len()));
    let mut out = String::new();
    let _ = writeln!(out, "  @@ line {} (expected {} lines, got {}) @@", first + 1, want.len(), got.len());
    for line in &want[first.saturating_sub(CONTEXT)..first] {
        let _ = writeln!(out, "   {}", visible(line));
    }
    for line in want.iter().skip(first).take(SHOWN) {
        let _ = writeln!(out, "  -{}", visible(line));
    }
    for line in got.iter().skip(first).take(SHOWN) {
        let _ = writeln!(out, "  +{}", visible(line));
    }
    out
}

/// A line with its end made visible, so a missing final newline or a `\r` shows.
fn visible(line: &str) -> String {
    match line.strip_suffix('\n') {
        Some(body) => body.replace('\r', "\\r"),
        None => format!("{}\\ (no newline at end)", line.replace('\r', "\\r")),
    }
}

/// The failures of a run over many cases, as one readable report.
#[derive(Debug, Default)]
pub struct Report {
    pub ran: usize,
    pub failures: Vec<(&'static str, &'static str, String)>,
}

impl Report {
    pub fn fail(&mut self, case: &Case, why: String) {
        self.failures.push((case.name, case.cmd, why));
    }

    /// Panics with every failure listed, if there was any.
    pub fn assert_ok(&self, what: &str) {
        assert!(self.ran > 0, "{what}: no golden case ran (is the filter too narrow?)");
        if self.failures.is_empty() {
            return;
        }
        let mut text = format!("{what}: {} of {} golden cases failed\n", self.failures.len(), self.ran);
        for (name, cmd, why) in &self.failures {
            let _ = write!(text, "\n--- {name}\n    strata {}\n{why}", cmd.trim_end());
            if !why.ends_with('\n') {
                text.push('\n');
            }
        }
        text.push_str("\nGolden files are reviewed, not regenerated blindly: see tests/golden/README.md.\n");
        panic!("{text}");
    }
}

/// Native-only helpers: where the cases live, and rewriting them.
#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use super::{Case, Observed};
    use std::path::{Path, PathBuf};

    /// The repository root: paths in `cmd` are relative to it, and the CLI runs there.
    pub fn repo_root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate sits in the repository")
    }

    pub fn case_dir(case: &Case) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("golden").join(case.name)
    }

    /// `STRATA_UPDATE_GOLDEN=1`: rewrite expected files instead of comparing.
    pub fn update_requested() -> bool {
        std::env::var("STRATA_UPDATE_GOLDEN").is_ok_and(|v| !v.is_empty() && v != "0")
    }

    /// `STRATA_GOLDEN=text`: run only the cases whose name contains `text`.
    pub fn filter() -> Option<String> {
        std::env::var("STRATA_GOLDEN").ok().filter(|v| !v.is_empty())
    }

    /// Record `observed` as the case's expected output: `stdout` always, `stderr`
    /// only if non-empty, `exit` only if non-zero (stale ones are removed).
    pub fn write_expected(case: &Case, observed: &Observed) -> std::io::Result<()> {
        let dir = case_dir(case);
        std::fs::write(dir.join("stdout"), &observed.stdout)?;
        let optional = [
            ("stderr", (!observed.stderr.is_empty()).then(|| observed.stderr.clone())),
            ("exit", (observed.exit != 0).then(|| format!("{}\n", observed.exit))),
        ];
        for (name, contents) in optional {
            let path = dir.join(name);
            match contents {
                Some(contents) => std::fs::write(&path, contents)?,
                None if path.exists() => std::fs::remove_file(&path)?,
                None => {}
            }
        }
        Ok(())
    }
}
