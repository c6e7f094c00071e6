//! The workspace: environments, promotion graph, policy and secrets, read from `strata.yaml`.
//!
//! `model` holds the types; `read` builds them from the YAML tree with positioned errors;
//! `resolve` turns each environment into a Helm stack and resolves it.

mod load;
mod model;
mod read;
mod resolve;

pub use load::{load, load_schema, Loaded, WORKSPACE_FILE};
pub use model::{Deploy, Environment, Intended, LayerSpec, Policy, SecretRules, Workspace};
pub use read::workspace_from;
pub use resolve::{join, prepare, resolve_environments, Prepared, Resolution, RootedFiles};
