//! The repository as `strata init` sees it: the sorted list of its files, and
//! the few small files a rule needs to read.

use crate::files::Files;
use crate::node::Node;
use crate::source::{SourceKind, Sources};
use crate::workspace::join;
use crate::yaml::{self, HelmSchema, Limits};

/// Files bigger than this are never read to infer a layout (a values file's
/// content is not needed; descriptors are small).
const MAX_READ: usize = 1 << 20;

pub struct Tree<'a> {
    root: &'a str,
    /// Every file below the root, relative, `/`-separated, sorted.
    pub paths: Vec<String>,
    files: &'a dyn Files,
}

impl<'a> Tree<'a> {
    pub fn new(root: &'a str, mut paths: Vec<String>, files: &'a dyn Files) -> Self {
        paths.sort();
        paths.dedup();
        Tree { root, paths, files }
    }

    pub fn has(&self, path: &str) -> bool {
        self.paths.binary_search_by(|p| p.as_str().cmp(path)).is_ok()
    }

    /// A file's text, if it can be read and is small.
    pub fn text(&self, path: &str) -> Option<String> {
        let bytes = self.files.read_bytes(&join(self.root, path)).ok()?;
        (bytes.len() <= MAX_READ).then(|| String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A YAML file's first document, or `None` if it cannot be read or parsed.
    pub fn yaml(&self, path: &str) -> Option<Node> {
        parse(path, self.text(path)?)
    }

    /// The keys written at the start of a line (the top-level keys), without parsing:
    /// good enough to compare files, and safe on Go templates.
    pub fn top_keys(&self, path: &str) -> Vec<String> {
        let Some(text) = self.text(path) else { return Vec::new() };
        let mut keys: Vec<String> = text
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '"'))
            .filter_map(|line| line.split_once(':').map(|(key, _)| key.trim_matches('"').to_string()))
            .filter(|key| !key.contains(' '))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    /// A Kubernetes manifest (`apiVersion:` and `kind:` at the top), not Helm values.
    pub fn is_manifest(&self, path: &str) -> bool {
        let keys = self.top_keys(path);
        keys.iter().any(|k| k == "apiVersion") && keys.iter().any(|k| k == "kind")
    }

    /// A file in seed 002's inheritance form (`extends:` at the top).
    pub fn uses_extends(&self, path: &str) -> bool {
        self.top_keys(path).iter().any(|k| k == crate::inherit::EXTENDS)
    }
}

/// Parse YAML text (any shape) into its first document.
pub fn parse(name: &str, text: String) -> Option<Node> {
    let mut sources = Sources::new();
    let id = sources.add(name, SourceKind::File, text);
    yaml::read_stream(&sources, id, &mut HelmSchema, &Limits::default()).ok()?.docs.into_iter().next()
}

/// `dir/name` for relative paths, with `.` and `..` segments resolved; `None`
/// if the path leaves the root.
pub fn normalize(dir: &str, name: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split('/').chain(name.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The directory part of a relative path (`` for a file at the root).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The last part of a relative path.
pub fn file_name(path: &str) -> &str {
    path.rsplit_once('/').map_or(path, |(_, name)| name)
}

/// A YAML file's name without `.yaml`/`.yml`, or `None` for other files.
pub fn yaml_stem(path: &str) -> Option<&str> {
    let name = file_name(path);
    name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))
}

/// The text of a string node.
pub fn str_of(node: &Node) -> Option<&str> {
    match &node.value {
        crate::node::Value::Str(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(normalize("helmfile", "./overrides/dev.env").as_deref(), Some("helmfile/overrides/dev.env"));
        assert_eq!(normalize("a/b", "../c.yaml").as_deref(), Some("a/c.yaml"));
        assert_eq!(normalize("", "../c.yaml"), None);
        assert_eq!(parent("a/b/c.yaml"), "a/b");
        assert_eq!(parent("c.yaml"), "");
        assert_eq!(yaml_stem("a/values-dev.yml"), Some("values-dev"));
        assert_eq!(yaml_stem("a/dev.env"), None);
    }
}
