//! `strata check`: findings about all environments of a workspace (or the `-e` ones).
//!
//! - parity (`parity.rs`): `parity-component` (a `*.enabled` true in some environments
//!   only), `drift` (any other undocumented difference);
//! - versions (`versions.rs`): `version-order` (downstream newer than upstream along the
//!   promotion graph, by SemVer);
//! - secrets (`credentials.rs`): `plaintext-secret`, `secret-missing` (a reference or an
//!   inventory name one environment has and another lacks);
//! - lint (`lint.rs`): `lint-unknown-key` (with "did you mean"), `lint-redundant-override`,
//!   `lint-type-change`;
//! - the engine's own warnings while resolving, with their codes.
//!
//! A difference documented under `intended:` or kept per environment by `policy.pinned`
//! is no finding. Findings come sorted by file and position. Exit 1 when a finding is at
//! or above `--fail-on` (default `error`), 2 when the workspace cannot be read.

mod context;
mod credentials;
mod finding;
mod lint;
mod output;
mod parity;
mod semver;
mod versions;

#[cfg(test)]
mod tests;

pub use semver::Version;

use crate::api::{Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::diag::{Diagnostic, Severity};
use crate::diff::open::{failure, open_prepared, resolution_failure, usage};
use crate::files::Files;
use crate::matrix::{self, Options, Resolving, View};
use crate::node::KeyHasher;
use crate::source::Sources;
use crate::workspace::{load_schema, RootedFiles};
use context::{Context, Facts};
use finding::Finding;
use indexmap::IndexSet;
use std::collections::BTreeSet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Github,
}

/// `strata check`: the findings written to `sink`; exit 0, 1 (a finding at `--fail-on`) or 2.
pub fn run(args: &WorkspaceArgs, files: &dyn Files, terminal: &Terminal, sink: &mut dyn std::fmt::Write) -> Outcome {
    let format = match args.format.as_deref() {
        None | Some("human") => Format::Human,
        Some("json") => Format::Json,
        Some("github") => Format::Github,
        Some(other) => {
            return usage(
                format!("`check` has no output format `{other}`"),
                "use `-o human` (the default), `-o json` or `-o github`",
            )
        }
    };
    let (workspace, mut prepared) = match open_prepared(&args.root, files, &args.environments) {
        Ok(opened) => opened,
        Err(outcome) => return outcome,
    };
    let schema = match load_schema(&workspace, &args.root, files, &mut prepared.sources) {
        Ok(schema) => schema,
        Err(error) => return failure(&prepared.sources, &[error]),
    };
    let workspace = &workspace;
    let sources = &prepared.sources;
    let rooted = RootedFiles { root: &args.root, inner: files };
    let names: Vec<String> = (0..prepared.len()).map(|i| prepared.name(i).to_string()).collect();
    let checked: Vec<&crate::workspace::Environment> =
        names.iter().filter_map(|name| workspace.environment(name)).collect();
    let unknown_keys = lint::UnknownKeys::new(workspace, &checked, &args.root, sources, schema.as_ref());
    let watch = |id: crate::source::SourceId, docs: &[crate::node::Node]| unknown_keys.watch(id, docs);
    let mut columns = Resolving::new(&prepared, &rooted, &names);
    columns.watch = Some(&watch);
    let options = Options { show_secrets: false, ..Options::default() };
    // Each environment's values are gone once its column is built: keep what the checks need.
    let mut facts: Vec<Facts> = names.iter().map(|_| Facts::default()).collect();
    let mut overrides = Vec::new();
    let mut engine_warnings: IndexSet<Diagnostic, KeyHasher> = IndexSet::default();
    let mut reported = BTreeSet::new();
    let mut shared_maps = lint::SharedMaps::default();
    let matrix = matrix::build(workspace, sources, &mut columns, View::Values, &options, &mut |column, resolved| {
        facts[column] = Facts { layers: resolved.layers.clone() };
        // Environments built on one file raise its warnings alike: each is kept once.
        for warning in &resolved.warnings {
            if !engine_warnings.contains(warning) {
                engine_warnings.insert(warning.clone());
            }
        }
        lint::overrides(resolved, sources, &mut reported, &mut shared_maps, &mut overrides);
    });
    if columns.failed {
        return resolution_failure(&prepared, &rooted);
    }
    let envs =
        names.iter().zip(facts).filter_map(|(name, facts)| Some((workspace.environment(name)?, facts))).collect();
    let cx = Context {
        workspace,
        sources,
        root: &args.root,
        matrix,
        envs,
        show_secrets: args.show_secrets,
        references: Default::default(),
    };
    let findings = findings(&cx, &unknown_keys, overrides, engine_warnings);
    let names: Vec<String> = cx.envs.iter().map(|(env, _)| env.name.clone()).collect();
    // The matrix stays until the output is made: the most numerous findings are made from it
    // one at a time as they are written (`finding.rs`).
    match format {
        Format::Human => output::human(&findings, &cx, &names, terminal.color(args.color), sink),
        Format::Json => output::json(&findings, &cx, &names, sink),
        Format::Github => output::github(&findings, &cx, &names, sink),
    }
    let threshold = if args.fail_on_warning { Severity::Warning } else { Severity::Error };
    Outcome {
        exit_code: i32::from(findings.iter().any(|f| f.severity() >= threshold)),
        // The findings are the output: not copied into `diagnostics_json` (for 18k findings
        // that copy was 18 MB, the command's peak).
        ..Outcome::default()
    }
}

/// Every finding, sorted by file and position (findings without one last).
fn findings(
    cx: &Context,
    unknown_keys: &lint::UnknownKeys,
    overrides: Vec<Finding>,
    engine_warnings: IndexSet<Diagnostic, KeyHasher>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let made = |out: &mut Vec<Finding>, check: &dyn Fn(&mut Vec<Diagnostic>)| {
        let mut made = Vec::new();
        check(&mut made);
        out.extend(made.into_iter().map(|made| Finding::Made(Box::new(made))));
    };
    made(&mut out, &|made| parity::components(cx, made));
    made(&mut out, &|made| versions::order(cx, made));
    parity::drift(cx, &mut out);
    made(&mut out, &|made| credentials::plaintext(cx, made));
    made(&mut out, &|made| credentials::missing(cx, made));
    made(&mut out, &|made| lint::unknown_keys(cx, unknown_keys, made));
    out.extend(overrides);
    // The warnings resolution raised, each once however many environments share the file.
    out.extend(engine_warnings.into_iter().map(|made| Finding::Made(Box::new(made))));
    sort(&mut out, cx.sources);
    out
}

fn sort(findings: &mut [Finding], sources: &Sources) {
    // By file name, then position: each source's name is made and ranked once, not once
    // per finding (a large workspace has tens of thousands).
    let names: Vec<(String, crate::source::SourceId)> =
        sources.iter().map(|(id, _)| (sources.display_name(id), id)).collect();
    let mut ranked: Vec<&(String, crate::source::SourceId)> = names.iter().collect();
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rank = vec![0; names.len()];
    let mut previous: Option<&str> = None;
    let mut position = 0;
    for (name, id) in ranked {
        if previous.is_some_and(|p| p != name) {
            position += 1;
        }
        previous = Some(name);
        if let Some(slot) = rank.get_mut(id.0 as usize) {
            *slot = position;
        }
    }
    findings.sort_by_key(|f| match f.span() {
        Some(span) => (0, rank.get(span.source.0 as usize).copied().unwrap_or(usize::MAX), span.start),
        None => (1, 0, 0),
    });
}
