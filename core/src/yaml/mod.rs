//! Reading YAML the way Helm does (go-yaml v2, YAML 1.1, then through JSON).
//!
//! IN PROGRESS: being written.

use crate::diag::Diagnostic;
use crate::node::Node;
use crate::profile::Profile;
use crate::source::{SourceId, Sources};

/// Bounds that keep hostile input from exhausting time, memory or stack.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest source accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of maps and lists accepted.
    pub max_depth: usize,
    /// Most nodes that alias expansion may create in one document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 256 << 20, max_depth: 1000, max_alias_nodes: 1_000_000 }
    }
}

/// The documents of one values file, each a map, plus the warnings found reading it.
#[derive(Debug, Default)]
pub struct Documents {
    pub docs: Vec<Node>,
    pub warnings: Vec<Diagnostic>,
}

/// Read a values file: split it into documents as Helm does (only the first
/// under Helm 3), resolve every scalar as go-yaml v2 does, and check that each
/// document is a map. Empty documents are left out.
pub fn read_documents(
    _sources: &Sources,
    _id: SourceId,
    _profile: Profile,
    _limits: &Limits,
) -> Result<Documents, Diagnostic> {
    Err(Diagnostic::error("unimplemented", "the YAML reader is not written yet"))
}
