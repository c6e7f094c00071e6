//! The example the page opens with: the base and production layers of the
//! `mcp-mesh` example that `scripts/start.sh` also renders with the CLI.

/// The base layer, shown as `values.yaml`.
pub const BASE_NAME: &str = "values.yaml";
pub const BASE: &str = include_str!("../../examples/mcp-mesh/environments/base/values.yaml");

/// The overlay layer, shown as `values-production.yaml`.
pub const OVERLAY_NAME: &str = "values-production.yaml";
pub const OVERLAY: &str = include_str!("../../examples/mcp-mesh/environments/production/values.yaml");
