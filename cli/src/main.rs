//! `strata`: the native shell. It reads files, runs core, prints what core made.
//!
//! Everything that decides anything lives in `strata-core`; this file only
//! moves bytes between the operating system and [`strata_core::api::run`].

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use strata_core::api;
use strata_core::files::Files;

/// Files from the file system; `-` is standard input (read once).
struct FsFiles {
    stdin: std::sync::OnceLock<Result<Vec<u8>, String>>,
}

impl Files for FsFiles {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        if path == "-" {
            return self
                .stdin
                .get_or_init(|| {
                    let mut bytes = Vec::new();
                    std::io::stdin().read_to_end(&mut bytes).map(|_| bytes).map_err(|e| e.to_string())
                })
                .clone();
        }
        std::fs::read(path).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ if Path::new(path).is_dir() => "it is a directory".to_string(),
            _ => error.to_string(),
        })
    }
}

/// Write through a temporary file in the same directory and rename it into
/// place, so a reader never sees half a file.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.strata-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn main() -> ExitCode {
    let words: Vec<String> = std::env::args_os().skip(1).map(|w| w.to_string_lossy().into_owned()).collect();
    let outcome = api::run(&words, &FsFiles { stdin: std::sync::OnceLock::new() });
    let mut exit_code = outcome.exit_code;
    for (path, contents) in &outcome.writes {
        if let Err(error) = write_atomically(Path::new(path), contents) {
            eprintln!(
                "error[write]: cannot write `{path}`: {error}\n  hint: check that the directory exists and is writable"
            );
            exit_code = 2;
        }
    }
    // A closed pipe (e.g. `strata render | head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(outcome.stderr.as_bytes());
    ExitCode::from(u8::try_from(exit_code).unwrap_or(2))
}
