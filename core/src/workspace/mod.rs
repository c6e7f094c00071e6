//! The workspace: environments, promotion graph, policy and secrets, read from `strata.yaml`.
//!
//! `model` holds the types; `read` builds them from the YAML tree with positioned errors.

mod model;
mod read;

pub use model::{Deploy, Environment, Intended, LayerSpec, Policy, SecretRules, Workspace};
pub use read::workspace_from;
