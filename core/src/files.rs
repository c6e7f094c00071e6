//! The one door through which core asks a shell for a file.
//!
//! Core never touches the file system: the CLI implements this with `std::fs`,
//! the page and the tests with files held in memory.

/// The largest file strata reads (256 MiB). Shells stop reading there and refuse the
/// file, so `/dev/zero` or an endless pipe fails at once rather than filling memory.
pub const MAX_FILE_BYTES: usize = 256 << 20;

/// The reason a shell gives for a file over [`MAX_FILE_BYTES`].
pub fn too_large_reason() -> String {
    format!("it is larger than {} MiB, the most strata reads (split it into smaller files)", MAX_FILE_BYTES >> 20)
}

pub trait Files {
    /// The file's bytes, or a short reason it cannot be read (e.g. "no such file or directory").
    /// A file over [`MAX_FILE_BYTES`] is refused with [`too_large_reason`].
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String>;

    /// Every file below `dir`, as paths relative to it with `/` separators, sorted.
    /// Shells may leave out what no layout needs (`.git`, `node_modules`) and bound the walk.
    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        Err(format!("cannot list `{dir}` here"))
    }

    /// The file's text; invalid UTF-8 becomes U+FFFD, as Go's JSON encoding would print it.
    fn read_text(&self, path: &str) -> Result<String, String> {
        self.read_bytes(path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A shell with no files at all: every read fails.
pub struct NoFiles;

impl Files for NoFiles {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        Err(format!("no file `{path}` was provided"))
    }
}

/// Files held in memory, by the exact path the user gives.
#[derive(Clone, Debug, Default)]
pub struct MemoryFiles {
    files: Vec<(String, Vec<u8>)>,
}

impl MemoryFiles {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        self.files.retain(|(p, _)| *p != path);
        self.files.push((path, bytes.into()));
    }
}

impl Files for MemoryFiles {
    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let prefix =
            if dir.is_empty() || dir == "." { String::new() } else { format!("{}/", dir.trim_end_matches('/')) };
        let mut found: Vec<String> =
            self.files.iter().filter_map(|(p, _)| p.strip_prefix(&prefix).map(str::to_string)).collect();
        found.sort();
        Ok(found)
    }

    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        self.files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| "no such file or directory".to_string())
    }
}
