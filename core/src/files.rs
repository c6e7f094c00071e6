//! The one door through which core asks a shell for a file (`--set-file`).
//!
//! Core never touches the file system: the CLI implements this with `std::fs`,
//! the page with the files the user pasted or dropped.

pub trait Files {
    /// The file's text, or a short reason it cannot be read (e.g. "no such file").
    fn read_text(&self, path: &str) -> Result<String, String>;
}

/// A shell with no files at all: every read fails.
pub struct NoFiles;

impl Files for NoFiles {
    fn read_text(&self, path: &str) -> Result<String, String> {
        Err(format!("no file `{path}` was provided"))
    }
}
