//! What a diff found: changes at paths, each side with its value and origin.

use std::rc::Rc;

/// What happened at a path going from A to B.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Changed,
    TypeChanged,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::TypeChanged => "type-changed",
        }
    }
}

/// Where a value was written. File and layer are shared: a comparison's thousands of
/// changes come from a few files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: Rc<str>,
    pub line: u32,
    pub column: u32,
    /// The layer as `explain` names it: `-f values-prod.yaml`, `chart defaults values.yaml`.
    pub layer: Rc<str>,
    /// What the position alone does not say (`chart defaults`, `inline values`), for text.
    pub note: Option<&'static str>,
}

/// One side of a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The value on one line (YAML flow style), or the mask.
    pub shown: String,
    /// The value as JSON, or the mask as a JSON string; empty unless the comparison was
    /// asked for JSON ([`super::compare::Show::json`]).
    pub json: String,
    pub type_name: &'static str,
    pub masked: bool,
    /// The side has no value because a `null` written here deleted it; `at` is the null.
    pub deleted: bool,
    pub at: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The path as `strata matrix` shows it: `image.tag`, `env[name=DEBUG].value`.
    pub path: String,
    pub kind: Kind,
    pub a: Option<Side>,
    pub b: Option<Side>,
}

/// One environment on one side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct End {
    pub environment: String,
    /// The workspace directory, as given (`.` or `--against DIR`).
    pub workspace: String,
    /// The workspace has no such environment (only with `--against`).
    pub absent: bool,
}

impl End {
    /// The name in headers: `production`, or `production (../main)` for the other checkout.
    pub fn label(&self, against: bool) -> String {
        if against {
            format!("{} ({})", self.environment, self.workspace)
        } else {
            self.environment.clone()
        }
    }
}

/// The changes between two environments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub a: End,
    pub b: End,
    /// The A side comes from another checkout (`--against`).
    pub against: bool,
    pub changes: Vec<Change>,
}

impl Comparison {
    /// How many changes of each kind: added, removed, changed, type changed.
    pub fn counts(&self) -> [(Kind, usize); 4] {
        [Kind::Changed, Kind::Added, Kind::Removed, Kind::TypeChanged]
            .map(|kind| (kind, self.changes.iter().filter(|c| c.kind == kind).count()))
    }
}
