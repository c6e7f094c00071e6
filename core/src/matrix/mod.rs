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
mod chunked;
mod csv;
mod flags;
mod html;
mod json;
mod leaves;
mod markdown;
mod model;
mod reuse;
mod runs;
mod table;
#[cfg(test)]
mod tests;

pub use cell::{DELETED, MISSING, OFF, ON};
pub use leaves::IDENTITY_KEYS;
pub use model::{build, Cell, Columns, Content, Env, Matrix, Options, Origin, Row, State, View, Written};
pub use runs::Cells;

use crate::api::{diagnostics_json, Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::diag::{render_all, Diagnostic};
use crate::files::Files;
use crate::resolve::Resolved;
use crate::source::Sources;
use crate::text::closest;
use crate::workspace::{self, prepare, Prepared, RootedFiles, Workspace};

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
    let prepared = prepare(&loaded.workspace, loaded.source, loaded.sources, &rooted, &names);
    let mut columns = Resolving::new(&prepared, &rooted, &names);
    let view = match &args.flags {
        None => Ok(View::Values),
        Some(given) => flags::choose(given.as_deref(), &loaded.workspace, &mut columns).map(View::Flags),
    };
    if columns.failed {
        return resolution_failure(&prepared, &rooted);
    }
    let view = match view {
        Ok(view) => view,
        Err(error) => return failure(&prepared.sources, &[error]),
    };
    let options = Options { paths: args.paths.clone(), only_diff: args.only_diff, show_secrets: args.show_secrets };
    // The engine's warnings, each once (a file shared by several environments reports once).
    let mut kept: Vec<Diagnostic> = Vec::new();
    let matrix = build(&loaded.workspace, &prepared.sources, &mut columns, view, &options, &mut |_, resolved| {
        for warning in &resolved.warnings {
            if !kept.contains(warning) {
                kept.push(warning.clone());
            }
        }
    });
    if columns.failed {
        return resolution_failure(&prepared, &rooted);
    }
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
    Outcome {
        stderr: render_all(&notes, &prepared.sources),
        exit_code: 0,
        diagnostics_json: diagnostics_json(&prepared.sources, &[kept, notes].concat()),
        ..Outcome::default()
    }
}

/// A workspace's environments, resolved one at a time in the order of the columns, each
/// again when asked again; only one environment's values are held at a time.
pub struct Resolving<'p> {
    prepared: &'p Prepared,
    files: &'p RootedFiles<'p>,
    /// Prepared environments, in column order.
    columns: Vec<usize>,
    /// Some environment could not be resolved (skipped; see [`resolution_failure`]).
    pub failed: bool,
    /// Shown each values file as it is parsed ([`crate::resolve::Stack::watch`]).
    pub watch: Option<&'p crate::resolve::Watch<'p>>,
}

impl<'p> Resolving<'p> {
    /// The prepared environments called `names`, in that order (unknown names are left out).
    pub fn new(prepared: &'p Prepared, files: &'p RootedFiles<'p>, names: &[String]) -> Self {
        let columns = names.iter().filter_map(|name| prepared.position(name)).collect();
        Resolving { prepared, files, columns, failed: false, watch: None }
    }
}

impl Columns for Resolving<'_> {
    fn names(&self) -> Vec<String> {
        self.columns.iter().map(|&i| self.prepared.name(i).to_string()).collect()
    }

    fn each(&mut self, f: &mut dyn FnMut(usize, &Resolved)) {
        for (column, &i) in self.columns.iter().enumerate() {
            match self.prepared.resolve_watched(i, self.files, self.watch) {
                Ok(resolved) => f(column, &resolved),
                Err(_) => self.failed = true,
            }
        }
    }
}

/// Exit 2 with every error of every environment: unique, in workspace order.
pub fn resolution_failure(prepared: &Prepared, files: &RootedFiles) -> Outcome {
    let all: Vec<Vec<Diagnostic>> = (0..prepared.len()).filter_map(|i| prepared.resolve(i, files).err()).collect();
    let errors = unique(all.iter().flatten().filter(|d| d.is_error()));
    failure(&prepared.sources, &errors)
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
