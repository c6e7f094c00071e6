//! strata's engine: Helm-exact layered values with provenance.
//!
//! The pipeline, one module per stage:
//!
//! 1. **read** ([`yaml`]): a values file becomes positioned [`node::Node`] trees,
//!    scalars resolved as Helm's YAML 1.1 reader resolves them.
//! 2. **layer** ([`strvals`], [`merge`]): `-f` files merge in order (Helm's
//!    `MergeMaps`), then the `--set` family writes into the result in Helm's
//!    fixed order of kinds.
//! 3. **resolve** ([`resolve`]): user values coalesce over chart defaults; the
//!    result is values plus provenance (every node knows where it was set and
//!    what it shadowed) plus positioned warnings.
//! 4. **emit** ([`emit`]): YAML and JSON bytes, identical on every platform.
//! 5. **explain** ([`explain`]): the winner and the chain for one path.
//!
//! The core does no I/O, reads no clock or environment and spawns nothing:
//! inputs arrive as (name, bytes) pairs through [`api`], and the only file
//! access (`--set-file`) goes through the [`files::Files`] trait a shell provides.

#![deny(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod api;
pub mod check;
pub mod command;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod explain;
pub mod files;
pub mod glob;
pub mod identity;
pub mod inherit;
pub mod init;
pub mod map;
pub mod mask;
pub mod matrix;
pub mod merge;
pub mod node;
pub mod paint;
pub mod path;
pub mod profile;
pub mod resolve;
pub mod secrets;
pub mod source;
pub mod strvals;
pub mod text;
pub mod values_schema;
pub mod workspace;
pub mod yaml;

pub use diag::{Diagnostic, Severity};
pub use node::{Map, Node, Value};
pub use profile::Profile;
pub use source::{SourceId, SourceKind, Sources, Span};
