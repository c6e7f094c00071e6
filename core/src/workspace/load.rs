//! Finding and reading `strata.yaml`.

use super::model::Workspace;
use super::read::workspace_from;
use super::resolve::join;
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::node::Node;
use crate::profile::Profile;
use crate::source::{SourceId, SourceKind, Sources, Span};
use crate::yaml::{self, Limits};

/// The name of the workspace file at a repository root.
pub const WORKSPACE_FILE: &str = "strata.yaml";

/// A workspace read from disk, with the sources its positions point into.
pub struct Loaded {
    pub sources: Sources,
    /// `strata.yaml` itself.
    pub source: SourceId,
    pub workspace: Workspace,
}

/// Read `ROOT/strata.yaml`. Errors come with the sources they point into.
pub fn load(root: &str, files: &dyn Files) -> Result<Loaded, (Sources, Vec<Diagnostic>)> {
    let mut sources = Sources::new();
    let path = join(root, WORKSPACE_FILE);
    let bytes = match files.read_bytes(&path) {
        Ok(bytes) => bytes,
        Err(reason) => {
            let error = Diagnostic::error("workspace-missing", format!("cannot read `{path}`: {reason}"))
                .hint("run `strata init` to infer one from the repository, or pass the directory with `-C DIR`");
            return Err((sources, vec![error]));
        }
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let source = sources.add(path, SourceKind::File, text);
    let root_node = match yaml::read_documents(&sources, source, Profile::Helm4, &Limits::default()) {
        Ok(read) => match read.docs.into_iter().next() {
            Some(node) => node,
            None => Node::new(crate::node::Value::from_map(Default::default()), Span::at(source, 0)),
        },
        Err(error) => return Err((sources, vec![error])),
    };
    match workspace_from(&root_node) {
        Ok(workspace) => Ok(Loaded { sources, source, workspace }),
        Err(errors) => Err((sources, errors)),
    }
}

/// The chart's `values.schema.json` that `strata.yaml` names, read as a value tree (JSON
/// is read by the same reader, so errors are positioned in it); `None` when none is named.
pub fn load_schema(
    workspace: &super::model::Workspace,
    root: &str,
    files: &dyn Files,
    sources: &mut Sources,
) -> Result<Option<Node>, Diagnostic> {
    let Some((path, span)) = &workspace.schema else { return Ok(None) };
    let full = join(root, path);
    let bytes = files.read_bytes(&full).map_err(|reason| {
        Diagnostic::error("workspace-file", format!("cannot read the schema `{path}`: {reason}"))
            .at(*span)
            .hint("`schema:` names the chart's values.schema.json, relative to strata.yaml")
    })?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let source = sources.add(full, SourceKind::File, text);
    let read = yaml::read_documents(sources, source, Profile::Helm4, &Limits::default())?;
    Ok(read.docs.into_iter().next())
}
