//! `strata init [DIR]`: infer `strata.yaml` from a repository's layout.
//!
//! The shell lists the files below DIR ([`Files::list`]); the layout rules
//! (`rules/`, one module per layout) read the few small files that name
//! environments (helmfile `environments:`, `config/environments.yaml`, 2i2c
//! `cluster.yaml`) or recognise them by shape (`environments/base` + `<env>/`,
//! `values-<env>.yaml`, a directory of `<env>.yaml` files, `<env>/<release>.yaml`
//! directories). `plan` orders the
//! environments (dev < test < staging < prod, then regions and DR) and draws
//! the promotion graph; `render` writes the file and the report.
//!
//! `init` never overwrites: an existing `DIR/strata.yaml` is an error, and the
//! CLI creates the file only if it still does not exist when writing
//! ([`crate::api::writes_create_only`]). `-o yaml` prints the file instead of writing it.

mod names;
pub mod plan;
mod render;
mod rules;
mod tree;

use crate::api::{Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::source::Sources;
use crate::workspace::{join, WORKSPACE_FILE};
pub use plan::Plan;
use tree::Tree;

/// What `init` found: the plan, the file, and the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inferred {
    pub plan: Plan,
    /// The `strata.yaml` text.
    pub yaml: String,
    /// What was inferred and why, for people.
    pub report: String,
}

/// Infer a workspace for the files below `dir`.
pub fn infer(dir: &str, files: &dyn Files) -> Result<Inferred, Diagnostic> {
    let paths = files.list(dir).map_err(|reason| {
        Diagnostic::error("init-unreadable", format!("cannot list the files below `{dir}`: {reason}"))
            .hint("give the repository's directory: `strata init path/to/repo`")
    })?;
    let tree = Tree::new(dir, paths, files);
    let (groups, notes) = rules::find(&tree);
    if groups.is_empty() {
        let mut error = Diagnostic::error("init-no-environments", format!("found no environments below `{dir}`"))
            .hint("strata init recognises `environments/base/` + `environments/<env>/values.yaml`, `values.yaml` + `values-<env>.yaml`, a directory of `<env>.yaml` files (with a `common.yaml`), `<env>/<release>.yaml` directories, `config/environments.yaml` + `config/services/<service>/<env>.yaml`, helmfile `environments:` and 2i2c `cluster.yaml`")
            .hint("or write strata.yaml by hand: see docs/strata-yaml.md");
        if tree.paths.iter().all(|p| tree::yaml_stem(p).is_none()) {
            error.message = format!("found no values files below `{dir}`");
        }
        return Err(error);
    }
    let mut plan = plan::plan(groups, notes);
    plan.schema = render::shared_chart(&plan)
        .map(|chart| format!("{}values.schema.json", &chart[..chart.len() - tree::file_name(chart).len()]))
        .filter(|schema| tree.has(schema));
    let yaml = render::strata_yaml(&plan);
    let report = render::report(&plan);
    Ok(Inferred { plan, yaml, report })
}

pub fn run(args: &WorkspaceArgs, files: &dyn Files, _terminal: &Terminal) -> Outcome {
    let dir = args.positionals.first().unwrap_or(&args.root).as_str();
    let print = match args.format.as_deref() {
        None | Some("text") => false,
        Some("yaml") => true,
        Some(other) => {
            return failure(
                Diagnostic::error("usage", format!("`init` has no output format `{other}`"))
                    .hint("use `-o yaml` to print strata.yaml instead of writing it, or leave `-o` out"),
            )
        }
    };
    let target = join(dir, WORKSPACE_FILE);
    if !print && files.read_bytes(&target).is_ok() {
        return failure(
            Diagnostic::error("init-exists", format!("`{target}` already exists; strata init never overwrites it"))
                .hint("edit it, or move it away and run `strata init` again; `strata init -o yaml` prints what it would write"),
        );
    }
    let inferred = match infer(dir, files) {
        Ok(inferred) => inferred,
        Err(error) => return failure(error),
    };
    if print {
        return Outcome { stdout: inferred.yaml, stderr: inferred.report, ..Outcome::default() };
    }
    let root = if dir == "." || dir.is_empty() { String::new() } else { format!(" -C {dir}") };
    let stdout = format!("{}wrote {target}: check it, then run `strata matrix{root}`\n", inferred.report);
    Outcome { stdout, writes: vec![(target, inferred.yaml)], ..Outcome::default() }
}

fn failure(error: Diagnostic) -> Outcome {
    Outcome { stderr: error.render(&Sources::new()), exit_code: 2, ..Outcome::default() }
}

#[cfg(test)]
mod tests;
