//! `strata`: the native shell. It reads files, runs core, prints what core made.
//!
//! Everything that decides anything lives in `strata-core`; this file only
//! moves bytes between the operating system and [`strata_core::api::run_in`].

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use strata_core::api;
use strata_core::files::Files;

// Reading a large values file makes millions of small allocations; mimalloc does them
// several times faster than the system allocator (docs/decisions/0004-native-allocator.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// All of `source`, unless it holds more than core accepts: then stop there and refuse it.
/// `expected` is the size the file system reports: reserving it keeps the buffer at the
/// file's size rather than the next power of two (core keeps the buffer as the file's text).
fn read_bounded(source: impl Read, expected: u64) -> Result<Vec<u8>, String> {
    let cap = strata_core::files::MAX_FILE_BYTES;
    let expected = usize::try_from(expected).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(if expected <= cap { expected + 1 } else { 0 });
    source.take(cap as u64 + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() > cap {
        return Err(strata_core::files::too_large_reason());
    }
    Ok(bytes)
}

/// Files from the file system; `-` is standard input (read once).
struct FsFiles {
    stdin: std::sync::OnceLock<Result<Vec<u8>, String>>,
}

impl Files for FsFiles {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            return self.stdin.get_or_init(|| read_bounded(std::io::stdin().lock(), 0)).clone();
        }
        let file = std::fs::File::open(path).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => error.to_string(),
        })?;
        if Path::new(path).is_dir() {
            return Err("it is a directory".to_string());
        }
        let expected = file.metadata().map_or(0, |metadata| metadata.len());
        read_bounded(file, expected)
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let root = Path::new(if dir.is_empty() { "." } else { dir });
        if !root.is_dir() {
            return Err(if root.exists() { "it is not a directory" } else { "no such file or directory" }.to_string());
        }
        let mut found = Vec::new();
        walk(root, "", 0, &mut found).map_err(|error| error.to_string())?;
        found.sort();
        Ok(found)
    }
}

/// Directories no layout needs: version control, dependencies, build output.
const SKIPPED_DIRS: [&str; 4] = [".git", "node_modules", "target", "vendor"];
/// The walk stops after this many files, and does not go deeper than this.
const MAX_FILES: usize = 20_000;
const MAX_DEPTH: usize = 32;

/// Every file below `dir` as `/`-separated paths after `prefix`. Links to files are
/// listed; links to directories are not followed (a link cycle cannot loop);
/// unreadable subdirectories are skipped.
fn walk(dir: &Path, prefix: &str, depth: usize, found: &mut Vec<String>) -> std::io::Result<()> {
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        if found.len() >= MAX_FILES {
            return Ok(());
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if depth + 1 < MAX_DEPTH && !SKIPPED_DIRS.contains(&name.as_str()) {
                let _ = walk(&entry.path(), &format!("{path}/"), depth + 1, found);
            }
        } else if kind.is_file() || (kind.is_symlink() && entry.path().is_file()) {
            found.push(path);
        }
    }
    Ok(())
}

/// Write through a temporary file in the same directory and move it into place,
/// so a reader never sees half a file. With `create_only`, the temporary file is
/// hard-linked into place instead of renamed: the link fails if the target exists,
/// even if it appeared a moment ago, so nothing is ever replaced.
fn write_atomically(path: &Path, contents: &str, create_only: bool) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.strata-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        if create_only {
            std::fs::hard_link(&temp, path)
        } else {
            std::fs::rename(&temp, path)
        }
    })();
    // After a rename the temporary name is gone; after a link (or a failure) it is removed.
    let _ = std::fs::remove_file(&temp);
    result
}

/// What core needs to know about stdout: a terminal or not, `NO_COLOR`, and the width
/// (`COLUMNS`, which shells export; core falls back to its default without it).
fn terminal() -> api::Terminal {
    use std::io::IsTerminal;
    api::Terminal {
        is_tty: std::io::stdout().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        width: std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|w| (20..=1000).contains(w)),
        process_ends: true,
    }
}

/// Buffered stdout as the sink core writes into. After the first failed write (a closed
/// pipe, as in `strata matrix | head`) the rest is dropped quietly, as before.
struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl std::fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if !self.closed && self.out.write_all(s.as_bytes()).is_err() {
            self.closed = true;
        }
        Ok(())
    }
}

fn main() -> ExitCode {
    let words: Vec<String> = std::env::args_os().skip(1).map(|w| w.to_string_lossy().into_owned()).collect();
    let mut stdout =
        Stdout { out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()), closed: false };
    let outcome = api::run_into(&words, &FsFiles { stdin: std::sync::OnceLock::new() }, &terminal(), &mut stdout);
    let create_only = api::writes_create_only(&words);
    let mut exit_code = outcome.exit_code;
    for (path, contents) in &outcome.writes {
        match write_atomically(Path::new(path), contents, create_only) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!("error[write]: `{path}` exists (it appeared while strata ran); it was left as it is\n  hint: move it away and run the command again");
                exit_code = 2;
            }
            Err(error) => {
                eprintln!(
                    "error[write]: cannot write `{path}`: {error}\n  hint: check that the directory exists and is writable"
                );
                exit_code = 2;
            }
        }
    }
    // A closed pipe (e.g. `strata render | head`) is not an error worth a panic.
    let _ = std::fmt::Write::write_str(&mut stdout, &outcome.stdout);
    if !stdout.closed {
        let _ = stdout.out.flush();
    }
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    ExitCode::from(u8::try_from(exit_code).unwrap_or(2))
}
