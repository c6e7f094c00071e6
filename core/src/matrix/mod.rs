//! `strata matrix`: every leaf path × every environment of a workspace.
//!
//! Each cell holds the value (secrets masked unless `--show-secrets`), where it was set
//! (layer and `file:line:col`) and its state: the same everywhere, differs, differs as
//! documented under `intended:`, type differs, missing, deleted by `null`, or secret.
//! Rows come in order of first appearance across the environments.
//!
//! - `model`: the matrix and its states; `leaves`: a values tree as rows; `cell`: what a
//!   cell shows; `flags`: which subtree the feature-flag view shows.
//! - `table`, `markdown`, `csv`, `json`, `html`: the output formats.

mod cell;
mod csv;
mod flags;
mod html;
mod json;
mod leaves;
mod markdown;
mod model;
mod table;
#[cfg(test)]
mod tests;

pub use cell::{DELETED, MISSING, OFF, ON};
pub use leaves::IDENTITY_KEYS;
pub use model::{build, Cell, Content, Env, Matrix, Options, Origin, Row, State, View};

use crate::api::{diagnostics_json, Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::diag::{render_all, Diagnostic};
use crate::files::Files;
use crate::source::Sources;
use crate::text::closest;
use crate::workspace::{self, resolve_environments, RootedFiles, Workspace};

/// The output formats of `strata matrix`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Table,
    Markdown,
    Csv,
    Json,
    Html,
}

impl Format {
    pub const NAMES: [&'static str; 5] = ["table", "markdown", "csv", "json", "html"];

    /// `-o NAME`; `None` is the table.
    pub fn parse(name: Option<&str>) -> Result<Format, Diagnostic> {
        Ok(match name {
            None | Some("table") => Format::Table,
            Some("markdown" | "md") => Format::Markdown,
            Some("csv") => Format::Csv,
            Some("json") => Format::Json,
            Some("html") => Format::Html,
            Some(other) => {
                let error = Diagnostic::error("usage", format!("unknown output format `{other}` for `matrix`"));
                return Err(match closest(other, Format::NAMES) {
                    Some(best) => error.hint(format!("did you mean `-o {best}`?")),
                    None => error.hint("use `-o table`, `markdown`, `csv`, `json` or `html`"),
                });
            }
        })
    }
}

/// Render a built matrix into `sink` (the output can be far larger than the values:
/// it goes out a row at a time). `width` and `color` apply to the table only.
pub fn render(matrix: &Matrix, format: Format, width: usize, color: bool, sink: &mut dyn std::fmt::Write) {
    match format {
        Format::Table => table::render(matrix, width, color, sink),
        Format::Markdown => markdown::render(matrix, sink),
        Format::Csv => csv::render(matrix, sink),
        Format::Json => json::render(matrix, sink),
        Format::Html => html::render(matrix, sink),
    }
}

/// Hand what `out` holds to `sink` and empty it. A failing sink (a closed pipe) is
/// the shell's to notice; the output is lost either way.
fn flush(out: &mut String, sink: &mut dyn std::fmt::Write) {
    let _ = sink.write_str(out);
    out.clear();
}

/// `strata matrix`: exit 0 with the matrix written to `sink`, or 2 with positioned errors.
pub fn run(args: &WorkspaceArgs, files: &dyn Files, terminal: &Terminal, sink: &mut dyn std::fmt::Write) -> Outcome {
    let format = match Format::parse(args.format.as_deref()) {
        Ok(format) => format,
        Err(error) => return failure(&Sources::new(), &[error]),
    };
    let loaded = match workspace::load(&args.root, files) {
        Ok(loaded) => loaded,
        Err((sources, errors)) => return failure(&sources, &errors),
    };
    let names = match select(&loaded.workspace, &args.environments) {
        Ok(names) => names,
        Err(errors) => return failure(&loaded.sources, &errors),
    };
    let rooted = RootedFiles { root: &args.root, inner: files };
    let resolution = resolve_environments(&loaded.workspace, loaded.source, loaded.sources, &rooted, &names);
    let errors = unique(resolution.errors().into_iter().filter(|d| d.is_error()));
    if !errors.is_empty() {
        return failure(&resolution.sources, &errors);
    }
    let envs: Vec<Env> = names
        .iter()
        .filter_map(|name| match resolution.get(name) {
            Some(Ok(resolved)) => Some((name.as_str(), resolved)),
            _ => None,
        })
        .collect();
    let view = match &args.flags {
        None => View::Values,
        Some(given) => match flags::choose(given.as_deref(), &loaded.workspace, &envs) {
            Ok(root) => View::Flags(root),
            Err(error) => return failure(&resolution.sources, &[error]),
        },
    };
    let options = Options { paths: args.paths.clone(), only_diff: args.only_diff, show_secrets: args.show_secrets };
    let matrix = build(&loaded.workspace, &resolution.sources, &envs, view, &options);
    let width = args.width.or(terminal.width).unwrap_or(100);
    render(&matrix, format, width, format == Format::Table && terminal.color(args.color), sink);
    let notes: Vec<Diagnostic> = matrix
        .unmatched
        .iter()
        .map(|pattern| {
            Diagnostic::warning("matrix-no-match", format!("no path matches `--path {pattern}`"))
                .hint("write paths like `image.tag`; `*` stays within one key, `**` spans keys (`**.tag`)")
        })
        .collect();
    let warnings = unique(envs.iter().flat_map(|(_, resolved)| &resolved.warnings));
    Outcome {
        stderr: render_all(&notes, &resolution.sources),
        exit_code: 0,
        diagnostics_json: diagnostics_json(&resolution.sources, &[warnings, notes].concat()),
        ..Outcome::default()
    }
}

/// The environments to show, in the order asked (all, in workspace order, if none).
fn select(workspace: &Workspace, asked: &[String]) -> Result<Vec<String>, Vec<Diagnostic>> {
    if asked.is_empty() {
        return Ok(workspace.environments.iter().map(|e| e.name.clone()).collect());
    }
    let known: Vec<&str> = workspace.environments.iter().map(|e| e.name.as_str()).collect();
    let mut names: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for name in asked {
        if known.contains(&name.as_str()) {
            if !names.contains(name) {
                names.push(name.clone());
            }
            continue;
        }
        let list = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let error = Diagnostic::error("unknown-environment", format!("unknown environment `{name}`"));
        errors.push(match closest(name, known.iter().copied()) {
            Some(best) => error.hint(format!("did you mean `{best}`? the environments are {list}")),
            None => error.hint(format!("name one of the environments in `strata.yaml`: {list}")),
        });
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(errors)
    }
}

/// Diagnostics without repeats (a file shared by several environments reports once).
fn unique<'d>(diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in diagnostics {
        if !out.iter().any(|seen| seen == d) {
            out.push(d.clone());
        }
    }
    out
}

fn failure(sources: &Sources, errors: &[Diagnostic]) -> Outcome {
    Outcome {
        stderr: render_all(errors, sources),
        exit_code: 2,
        diagnostics_json: diagnostics_json(sources, errors),
        ..Outcome::default()
    }
}
