//! The wire between shells and core: requests in, output bytes out.
//!
//! Both the CLI and the page call these functions and print what they return
//! unchanged, which is what makes their output byte for byte identical.

use crate::command::{self, ColorChoice, Command, ValuesArgs};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{json_string, key_order, write_json, write_yaml};
use crate::explain;
use crate::files::Files;
use crate::path::Path;
use crate::profile::Profile;
use crate::resolve::{self, Resolved, Stack, ValuesLayer};
use crate::source::{SourceKind, Sources};
use crate::strvals::SetKind;
use crate::workspace::SecretRules;
use crate::yaml::Limits;
use std::fmt::Write as _;

/// One input file as the shell read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The name to show in positions, as the user gave it (e.g. `values-prod.yaml`).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Input {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Input { name: name.into(), bytes: bytes.into() }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Yaml,
    Json,
}

/// Everything `strata render` and `strata explain` take, with files already read.
#[derive(Clone, Debug, Default)]
pub struct RenderRequest {
    pub profile: Profile,
    pub chart_values: Option<Input>,
    pub values: Vec<Input>,
    pub set: Vec<String>,
    pub set_string: Vec<String>,
    pub set_json: Vec<String>,
    pub set_file: Vec<String>,
    pub set_literal: Vec<String>,
    pub format: Format,
    /// Sort map keys as Helm prints them, instead of order of first appearance.
    pub sort_keys: bool,
    /// Leave warnings out of stderr (they stay in `diagnostics_json`).
    pub quiet: bool,
    /// Resolve the last values file through `extends:`/`overrides:` (see `resolve::Stack`).
    pub inherit: bool,
    /// Print secret values instead of masking them.
    pub show_secrets: bool,
}

/// What a command produced: bytes for stdout and stderr, files to write, and the exit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    /// Files the shell must write (atomically), as (path, contents).
    pub writes: Vec<(String, String)>,
    /// Every diagnostic the command raised about its input (errors, the engine's warnings)
    /// as a JSON array (file, line, column, severity, code, message, hints). `check`'s
    /// findings are its output, not diagnostics: they are on stdout (`-o json` for JSON).
    pub diagnostics_json: String,
}

/// What the shell knows about where output goes; core decides colour and width from it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    /// stdout is a terminal (not a pipe or file).
    pub is_tty: bool,
    /// `NO_COLOR` is set.
    pub no_color: bool,
    /// The terminal's width in columns, if known.
    pub width: Option<usize>,
    /// The process ends when the command returns (the CLI): the values it read are left to
    /// the operating system to reclaim, not freed node by node (5 % of a large render).
    pub process_ends: bool,
}

impl Terminal {
    /// Whether to colour, given the user's choice.
    pub fn color(&self, choice: ColorChoice) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.is_tty && !self.no_color,
        }
    }
}

/// Run a whole command line (the words after `strata`), reading files through `files`,
/// for output that is not a terminal.
pub fn run(words: &[String], files: &dyn Files) -> Outcome {
    run_in(words, files, &Terminal::default())
}

/// Whether the shell must create each file the command writes and never replace
/// one, even one that appeared while the command ran: `strata init` never
/// overwrites a `strata.yaml`. Other commands' writes replace their targets.
pub fn writes_create_only(words: &[String]) -> bool {
    matches!(command::parse(words), Ok(Command::Init(_)))
}

/// Run a whole command line for the given terminal; all of stdout is in the outcome.
pub fn run_in(words: &[String], files: &dyn Files, terminal: &Terminal) -> Outcome {
    let mut stdout = String::new();
    let mut outcome = run_into(words, files, terminal, &mut stdout);
    stdout.push_str(&outcome.stdout);
    outcome.stdout = stdout;
    outcome
}

/// Run a whole command line for the given terminal, writing stdout to `sink` as it is
/// made: `matrix` and `check` write there a row at a time and `diff` a comparison at a time (their output can be far
/// larger than their input), other commands leave it in [`Outcome::stdout`], which
/// follows whatever went to `sink`. [`run_in`] is this with a `String` as the sink.
pub fn run_into(words: &[String], files: &dyn Files, terminal: &Terminal, sink: &mut dyn std::fmt::Write) -> Outcome {
    let command = match command::parse(words) {
        Ok(command) => command,
        Err(error) => return Outcome { stderr: error.render(), exit_code: 2, ..Outcome::default() },
    };
    match command {
        Command::Help => Outcome { stdout: command::USAGE.to_string(), ..Outcome::default() },
        Command::Version => Outcome { stdout: format!("strata {}\n", env!("CARGO_PKG_VERSION")), ..Outcome::default() },
        Command::Render(args) => {
            with_request(&args, files, |request| render_with(request, files, sink, terminal.process_ends))
        }
        Command::Explain { path, args } => with_request(&args, files, |request| explain(request, &path, files)),
        Command::Matrix(args) => crate::matrix::run(&args, files, terminal, sink),
        Command::Diff(args) => crate::diff::run(&args, files, terminal, sink),
        Command::Check(args) => crate::check::run(&args, files, terminal, sink),
        Command::Init(args) => crate::init::run(&args, files, terminal),
    }
}

fn with_request(args: &ValuesArgs, files: &dyn Files, run: impl FnOnce(RenderRequest) -> Outcome) -> Outcome {
    let read = |name: &String| -> Result<Input, String> {
        files.read_bytes(name).map(|bytes| Input::new(name.clone(), bytes)).map_err(|reason| {
            Diagnostic::error("file-unreadable", format!("cannot read values file `{name}`: {reason}"))
                .hint("check the path; it is relative to the working directory")
                .render(&Sources::new())
        })
    };
    let mut errors = String::new();
    let chart_values = args.chart_values.as_ref().and_then(|name| read(name).map_err(|e| errors.push_str(&e)).ok());
    let values: Vec<Input> =
        args.values.iter().filter_map(|name| read(name).map_err(|e| errors.push_str(&e)).ok()).collect();
    if !errors.is_empty() {
        return Outcome { stderr: errors, exit_code: 2, ..Outcome::default() };
    }
    let request = RenderRequest {
        profile: args.profile,
        chart_values,
        values,
        set: args.set.clone(),
        set_string: args.set_string.clone(),
        set_json: args.set_json.clone(),
        set_file: args.set_file.clone(),
        set_literal: args.set_literal.clone(),
        format: args.format,
        sort_keys: args.sort_keys,
        quiet: args.quiet,
        inherit: args.inherit,
        show_secrets: args.show_secrets,
    };
    let mut outcome = run(request);
    if let Some(path) = &args.diagnostics_json {
        outcome.writes.push((path.clone(), outcome.diagnostics_json.clone()));
    }
    outcome
}

/// The sources of a request and the stack over them. The request's files move into the
/// sources (a values file can be large: it is held once, not copied).
fn load<'a>(
    request: &mut RenderRequest,
    files: &'a dyn Files,
) -> Result<(Sources, Stack<'a>), (Sources, Vec<Diagnostic>)> {
    let mut sources = Sources::new();
    let mut errors = Vec::new();
    let mut add_file = |sources: &mut Sources, input: Input| match String::from_utf8(input.bytes) {
        Ok(text) => Some(sources.add(&input.name, SourceKind::File, text)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.as_bytes();
            let id = sources.add(&input.name, SourceKind::File, String::from_utf8_lossy(bytes).into_owned());
            let offset = String::from_utf8_lossy(&bytes[..valid]).len();
            errors.push(
                Diagnostic::error("not-utf8", "the file is not UTF-8 text")
                    .at(crate::source::Span::at(id, offset))
                    .hint("save the file as UTF-8; Helm reads values files as UTF-8"),
            );
            None
        }
    };
    let chart = request.chart_values.take().and_then(|input| add_file(&mut sources, input));
    let values: Vec<_> = std::mem::take(&mut request.values)
        .into_iter()
        .filter_map(|input| add_file(&mut sources, input))
        .map(ValuesLayer::File)
        .collect();
    if !errors.is_empty() {
        return Err((sources, errors));
    }
    let mut args = Vec::new();
    for (kind, texts) in [
        (SetKind::SetJson, &request.set_json),
        (SetKind::Set, &request.set),
        (SetKind::SetString, &request.set_string),
        (SetKind::SetFile, &request.set_file),
        (SetKind::SetLiteral, &request.set_literal),
    ] {
        for text in texts {
            args.push((kind, sources.add(kind.flag(), SourceKind::Argument, text.clone())));
        }
    }
    let stack = Stack {
        profile: request.profile,
        chart,
        values,
        args,
        files,
        limits: Limits::default(),
        inherit: request.inherit,
        cache: None,
        watch: None,
    };
    Ok((sources, stack))
}

fn resolve_request(request: &mut RenderRequest, files: &dyn Files) -> Result<(Sources, Resolved), Outcome> {
    let (sources, stack) = match load(request, files) {
        Ok(loaded) => loaded,
        Err((sources, errors)) => return Err(failure(&sources, &errors, request.quiet)),
    };
    match resolve::resolve(&sources, &stack) {
        Ok(resolved) => Ok((sources, resolved)),
        Err(diagnostics) => Err(failure(&sources, &diagnostics, request.quiet)),
    }
}

fn failure(sources: &Sources, diagnostics: &[Diagnostic], quiet: bool) -> Outcome {
    Outcome {
        stderr: render_diagnostics(sources, diagnostics, quiet),
        exit_code: 2,
        diagnostics_json: diagnostics_json(sources, diagnostics),
        ..Outcome::default()
    }
}

fn render_diagnostics(sources: &Sources, diagnostics: &[Diagnostic], quiet: bool) -> String {
    diagnostics.iter().filter(|d| !quiet || d.severity == Severity::Error).map(|d| d.render(sources)).collect()
}

/// `strata render`: the final values, or positioned errors (exit 2).
pub fn render(request: &RenderRequest, files: &dyn Files) -> Outcome {
    let mut stdout = String::new();
    let mut outcome = render_into(request.clone(), files, &mut stdout);
    stdout.push_str(&outcome.stdout);
    outcome.stdout = stdout;
    outcome
}

/// [`render`], writing the values to `sink` a piece at a time (a render can be as large
/// as its input): nothing is left in [`Outcome::stdout`].
pub fn render_into(request: RenderRequest, files: &dyn Files, sink: &mut dyn std::fmt::Write) -> Outcome {
    render_with(request, files, sink, false)
}

/// [`render_into`]; `process_ends`: see [`Terminal::process_ends`].
fn render_with(
    mut request: RenderRequest,
    files: &dyn Files,
    sink: &mut dyn std::fmt::Write,
    process_ends: bool,
) -> Outcome {
    let (sources, resolved) = match resolve_request(&mut request, files) {
        Ok(done) => done,
        Err(outcome) => return outcome,
    };
    let mut resolved = resolved;
    let mut warnings = std::mem::take(&mut resolved.warnings);
    if !request.show_secrets {
        let count = crate::mask::mask_in_place(&mut resolved.root, "", &SecretRules::default());
        if count > 0 {
            warnings.push(
                Diagnostic::warning(
                    "secrets-masked",
                    format!("{count} secret value{} masked in this output", if count == 1 { "" } else { "s" }),
                )
                .hint("pass `--show-secrets` to print them, e.g. when the output goes to `helm upgrade -f -`"),
            );
        }
    }
    let root = &resolved.root;
    match request.format {
        Format::Yaml => write_yaml(root, key_order(request.sort_keys, true), sink),
        Format::Json => write_json(root, key_order(request.sort_keys, false), sink),
    }
    if process_ends {
        std::mem::forget(resolved);
    }
    Outcome {
        stdout: String::new(),
        stderr: render_diagnostics(&sources, &warnings, request.quiet),
        exit_code: 0,
        writes: Vec::new(),
        diagnostics_json: diagnostics_json(&sources, &warnings),
    }
}

/// `strata explain PATH`: the winner and the whole chain; exit 1 if nothing is at PATH.
pub fn explain(mut request: RenderRequest, path: &str, files: &dyn Files) -> Outcome {
    let path = match Path::parse(path) {
        Ok(path) => path,
        Err(reason) => {
            let error = Diagnostic::error("path-syntax", format!("cannot read the path `{path}`: {reason}"))
                .hint("write paths like `image.tag` or `ingress.hosts[0].host`; escape dots in keys as `\\.`");
            return failure(&Sources::new(), &[error], false);
        }
    };
    let (sources, resolved) = match resolve_request(&mut request, files) {
        Ok(done) => done,
        Err(outcome) => return outcome,
    };
    let rules = SecretRules::default();
    let explanation = explain::explain(&resolved, &sources, &path, (!request.show_secrets).then_some(&rules));
    let found = explanation.found();
    let stdout = match request.format {
        Format::Yaml => explain::to_text(&explanation),
        Format::Json => explain::to_json(&explanation),
    };
    Outcome {
        stdout,
        stderr: render_diagnostics(&sources, &resolved.warnings, true),
        exit_code: if found { 0 } else { 1 },
        writes: Vec::new(),
        diagnostics_json: diagnostics_json(&sources, &resolved.warnings),
    }
}

/// Diagnostics as a JSON array, one object each, in report order.
pub fn diagnostics_json(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("[");
    for (i, d) in diagnostics.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        let _ = write!(out, "\"severity\": \"{}\", \"code\": \"{}\", ", d.severity.as_str(), d.code);
        if let Some(span) = d.span {
            let at = sources.line_col(span.source, span.start);
            out.push_str("\"file\": ");
            json_string(&mut out, &sources.display_name(span.source));
            let _ = write!(out, ", \"line\": {}, \"column\": {}, ", at.line, at.column);
        }
        out.push_str("\"message\": ");
        json_string(&mut out, &d.message);
        out.push_str(", \"hints\": [");
        for (j, hint) in d.hints.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            json_string(&mut out, hint);
        }
        out.push_str("]}");
    }
    out.push_str(if diagnostics.is_empty() { "]\n" } else { "\n]\n" });
    out
}
