//! The command line, parsed once for every shell.
//!
//! The CLI, the golden tests and the page all turn words into a [`Command`]
//! here, so `strata` and its twins can never disagree about what a flag means.

use crate::api::Format;
use crate::profile::Profile;

pub const USAGE: &str = "\
strata: layered Helm values, exactly as Helm computes them, with provenance

usage:
  strata render  [OPTIONS]        print the final values
  strata explain PATH [OPTIONS]   print who set PATH and everything it shadowed
  strata matrix  [WS-OPTIONS]     every leaf path x every environment of strata.yaml
  strata diff A B [WS-OPTIONS]    what differs between two environments (exit 1 if anything)
  strata diff [ENV] --against DIR what changes from the checkout at DIR, per environment
  strata diff --promotion         what changes at every step of the promotion graph
  strata check   [WS-OPTIONS]     parity, drift, lint and secret findings
  strata init    [DIR]            infer strata.yaml from a repository layout

options of render and explain:
  --helm 3|4              which Helm's semantics apply (default 4)
  --chart-values FILE     the chart's default values.yaml
  -f, --values FILE       a values file; repeat, or separate with commas; later files win
  --set K=V               Helm's --set (typed: true/false/null/integers)
  --set-string K=V        like --set, every value a string
  --set-json K=JSON       JSON values at paths, or one JSON object merged over the values
  --set-file K=PATH       the file's text as the value
  --set-literal K=V       one path, the rest of the argument verbatim
  -o, --output yaml|json  output format (default yaml)
  --sort-keys             sort keys as Helm prints them (default: order of first appearance)
  --diagnostics-json FILE also write every warning and error as JSON to FILE
  -q, --quiet             do not print warnings
  --show-secrets          print secret values (keys like `*password*`, `*token*`) instead
                          of masking them; needed when the output feeds `helm`
  --inherit               resolve the last -f file through `extends:`/`overrides:`,
                          the other -f files being the parents it may name (not Helm)

workspace options (matrix, diff, check):
  -C, --workspace DIR     the directory holding strata.yaml (default .)
  -e, --env NAMES         only these environments (comma-separated; repeat)
  -o, --output FORMAT     table|markdown|csv|json|html (matrix); text|json (diff);
                          human|json|github (check)
  --path GLOB             matrix: only paths matching GLOB (`image.*`, `**.tag`; repeat)
  --only-diff             matrix: only paths whose values differ
  --flags [PATH]          matrix: feature-flag view (✓/✗) of a boolean subtree
  --text                  diff: a unified diff of the rendered YAML
  --against DIR           diff: the same environments in the checkout at DIR (the one
                          named, the -e ones, or else all of them)
  --promotion             diff: every promotion step (each environment and the next when
                          strata.yaml has no `promotion:`); with -e, steps between those
  --fail-on LEVEL         check: exit 1 on `warning` or `error` findings (default error)
  --show-secrets          print secret values instead of masking them
  --color WHEN            auto|always|never (auto: colour on a terminal, never with NO_COLOR)
  --width N               table width (default: the terminal's)

Flag kinds apply in Helm's fixed order (files, --set-json, --set, --set-string,
--set-file, --set-literal) whatever their order on the command line.
Exit status: 0 success; 1 explain found nothing, diff found differences, or check
failed; 2 error.
";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValuesArgs {
    pub profile: Profile,
    pub chart_values: Option<String>,
    pub values: Vec<String>,
    pub set: Vec<String>,
    pub set_string: Vec<String>,
    pub set_json: Vec<String>,
    pub set_file: Vec<String>,
    pub set_literal: Vec<String>,
    pub format: Format,
    pub sort_keys: bool,
    pub diagnostics_json: Option<String>,
    pub quiet: bool,
    pub inherit: bool,
    pub show_secrets: bool,
}

/// When to colour terminal output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Options of the commands that read a workspace (`strata.yaml`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkspaceArgs {
    pub root: String,
    pub environments: Vec<String>,
    pub format: Option<String>,
    pub paths: Vec<String>,
    pub only_diff: bool,
    /// `--flags` given, with its optional PATH.
    pub flags: Option<Option<String>>,
    pub text: bool,
    pub against: Option<String>,
    /// `diff --promotion`: every step of the promotion graph.
    pub promotion: bool,
    pub fail_on_warning: bool,
    pub show_secrets: bool,
    pub color: ColorChoice,
    pub width: Option<usize>,
    /// Words that are not options, in order (environment names for `diff`, DIR for `init`).
    pub positionals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Render(ValuesArgs),
    Explain { path: String, args: ValuesArgs },
    Matrix(WorkspaceArgs),
    Diff(WorkspaceArgs),
    Check(WorkspaceArgs),
    Init(WorkspaceArgs),
    Help,
    Version,
}

/// A usage error: what is wrong and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError {
    pub message: String,
    pub hint: String,
}

impl UsageError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        UsageError { message: message.into(), hint: hint.into() }
    }

    pub fn render(&self) -> String {
        format!("error[usage]: {}\n  hint: {}\n", self.message, self.hint)
    }
}

/// Parse the words after the program name.
pub fn parse(words: &[String]) -> Result<Command, UsageError> {
    let Some(first) = words.first() else { return Ok(Command::Help) };
    let rest = &words[1..];
    match first.as_str() {
        "render" => Ok(Command::Render(parse_values_args(rest, None)?)),
        "explain" => {
            let mut path = None;
            let args = parse_values_args(rest, Some(&mut path))?;
            let path = path.ok_or_else(|| {
                UsageError::new("`explain` needs a PATH", "write it like `strata explain image.tag -f values.yaml`")
            })?;
            Ok(Command::Explain { path, args })
        }
        "matrix" => Ok(Command::Matrix(parse_workspace_args(rest)?)),
        "diff" => {
            let args = parse_workspace_args(rest)?;
            if args.promotion && (args.against.is_some() || !args.positionals.is_empty()) {
                return Err(UsageError::new(
                    "`diff --promotion` compares every promotion step of one workspace",
                    "drop the environment names and `--against`; `-e` keeps only the steps between the named environments",
                ));
            }
            // Two environments; or, with `--against DIR`, one (or none: every environment);
            // or none with `--promotion`.
            let fits = match args.against {
                None => args.promotion || args.positionals.len() == 2,
                Some(_) => args.positionals.len() <= 1,
            };
            if !fits {
                return Err(UsageError::new(
                    "`diff` compares two environments",
                    "write `strata diff staging production`, or `strata diff production --against ../main`",
                ));
            }
            Ok(Command::Diff(args))
        }
        "check" => Ok(Command::Check(parse_workspace_args(rest)?)),
        "init" => {
            let args = parse_workspace_args(rest)?;
            if args.positionals.len() > 1 {
                return Err(UsageError::new(
                    "`init` takes at most one DIR",
                    "write `strata init` or `strata init path/to/repo`",
                ));
            }
            Ok(Command::Init(args))
        }
        "help" | "-h" | "--help" => Ok(Command::Help),
        "version" | "-V" | "--version" => Ok(Command::Version),
        other => Err(UsageError::new(
            format!("unknown command `{other}`"),
            "the commands are `render`, `explain`, `matrix`, `diff`, `check` and `init`; see `strata --help`",
        )),
    }
}

fn parse_values_args(words: &[String], mut positional: Option<&mut Option<String>>) -> Result<ValuesArgs, UsageError> {
    let mut args = ValuesArgs::default();
    let mut words = Words { words, at: 0 };
    let takes_value = |flag: &str| {
        matches!(
            flag,
            "--helm"
                | "--chart-values"
                | "-f"
                | "--values"
                | "--set"
                | "--set-string"
                | "--set-json"
                | "--set-file"
                | "--set-literal"
                | "-o"
                | "--output"
                | "--diagnostics-json"
        )
    };
    while let Some(option) = words.next_option(&takes_value, &[]) {
        let Given { word, flag, value, .. } = option?;
        match flag {
            "--helm" => {
                args.profile = Profile::parse(&value).ok_or_else(|| {
                    UsageError::new(format!("unknown Helm version `{value}`"), "use `--helm 3` or `--helm 4`")
                })?;
            }
            "--chart-values" => args.chart_values = Some(value),
            // Helm splits -f on commas too, so a file name with a comma cannot be given.
            "-f" | "--values" => args.values.extend(value.split(',').filter(|v| !v.is_empty()).map(str::to_string)),
            "--set" => args.set.push(value),
            "--set-string" => args.set_string.push(value),
            "--set-json" => args.set_json.push(value),
            "--set-file" => args.set_file.push(value),
            "--set-literal" => args.set_literal.push(value),
            "-o" | "--output" => {
                args.format = match value.as_str() {
                    "yaml" => Format::Yaml,
                    "json" => Format::Json,
                    other => {
                        return Err(UsageError::new(
                            format!("unknown output format `{other}`"),
                            "use `-o yaml` or `-o json`",
                        ))
                    }
                };
            }
            "--diagnostics-json" => args.diagnostics_json = Some(value),
            "--sort-keys" => args.sort_keys = true,
            "-q" | "--quiet" => args.quiet = true,
            "--inherit" => args.inherit = true,
            "--show-secrets" => args.show_secrets = true,
            _ if !word.starts_with('-') || word == "-" => match positional.as_mut() {
                Some(slot) if slot.is_none() => **slot = Some(word.to_string()),
                _ => {
                    return Err(UsageError::new(
                        format!("unexpected argument `{word}`"),
                        "values files go after `-f`, like `-f values.yaml`",
                    ))
                }
            },
            _ => {
                return Err(UsageError::new(format!("unknown option `{flag}`"), "see `strata --help` for the options"))
            }
        }
    }
    Ok(args)
}

/// The words of a command line, read one option at a time.
struct Words<'a> {
    words: &'a [String],
    at: usize,
}

/// One option as written: `--flag=value` split, and its value when the flag takes one.
struct Given<'a> {
    word: &'a str,
    flag: &'a str,
    /// The value written with `=`, for flags whose value is optional.
    inline: Option<String>,
    /// The value of a flag that takes one (`--flag V` or `--flag=V`); empty otherwise.
    value: String,
}

impl<'a> Words<'a> {
    fn next_option(
        &mut self,
        takes_value: &dyn Fn(&str) -> bool,
        optional_value: &[&str],
    ) -> Option<Result<Given<'a>, UsageError>> {
        let word = self.words.get(self.at)?.as_str();
        self.at += 1;
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (word, None),
        };
        let mut value = String::new();
        if takes_value(flag) {
            value = match inline.clone() {
                Some(value) => value,
                None => match self.words.get(self.at) {
                    Some(next) => {
                        self.at += 1;
                        next.clone()
                    }
                    None => {
                        return Some(Err(UsageError::new(
                            format!("`{flag}` needs a value"),
                            format!("write it like `{flag} VALUE`"),
                        )))
                    }
                },
            };
        } else if inline.is_some() && !optional_value.contains(&flag) {
            return Some(Err(UsageError::new(format!("`{flag}` takes no value"), format!("write just `{flag}`"))));
        }
        Some(Ok(Given { word, flag, inline, value }))
    }

    /// The next word, if it is not an option.
    fn next_plain(&mut self) -> Option<String> {
        let next = self.words.get(self.at).filter(|w| !w.starts_with('-'))?.clone();
        self.at += 1;
        Some(next)
    }
}

fn parse_workspace_args(words: &[String]) -> Result<WorkspaceArgs, UsageError> {
    let mut args = WorkspaceArgs { root: ".".to_string(), ..WorkspaceArgs::default() };
    let mut words = Words { words, at: 0 };
    let takes_value = |flag: &str| {
        matches!(
            flag,
            "-C" | "--workspace"
                | "-e"
                | "--env"
                | "-o"
                | "--output"
                | "--path"
                | "--against"
                | "--fail-on"
                | "--color"
                | "--width"
        )
    };
    while let Some(option) = words.next_option(&takes_value, &["--flags"]) {
        let Given { word, flag, inline, value } = option?;
        match flag {
            "-C" | "--workspace" => args.root = value,
            "-e" | "--env" => args.environments.extend(value.split(',').filter(|v| !v.is_empty()).map(str::to_string)),
            "-o" | "--output" => args.format = Some(value),
            "--path" => args.paths.push(value),
            "--only-diff" => args.only_diff = true,
            // An optional PATH: `--flags=features` or `--flags features` (if the next word is no option).
            "--flags" => args.flags = Some(inline.or_else(|| words.next_plain())),
            "--text" => args.text = true,
            "--promotion" => args.promotion = true,
            "--against" => args.against = Some(value),
            "--fail-on" => {
                args.fail_on_warning = match value.as_str() {
                    "warning" => true,
                    "error" => false,
                    other => {
                        return Err(UsageError::new(
                            format!("unknown level `{other}`"),
                            "use `--fail-on warning` or `--fail-on error`",
                        ))
                    }
                }
            }
            "--show-secrets" => args.show_secrets = true,
            "--color" | "--colour" => {
                args.color = match value.as_str() {
                    "auto" => ColorChoice::Auto,
                    "always" => ColorChoice::Always,
                    "never" => ColorChoice::Never,
                    other => {
                        return Err(UsageError::new(
                            format!("unknown colour choice `{other}`"),
                            "use `auto`, `always` or `never`",
                        ))
                    }
                }
            }
            "--width" => {
                args.width = Some(value.parse().ok().filter(|w| (20..=1000).contains(w)).ok_or_else(|| {
                    UsageError::new(
                        format!("`--width {value}` is not a width"),
                        "give a number of columns from 20 to 1000",
                    )
                })?);
            }
            _ if !word.starts_with('-') => args.positionals.push(word.to_string()),
            _ => {
                return Err(UsageError::new(format!("unknown option `{flag}`"), "see `strata --help` for the options"))
            }
        }
    }
    Ok(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_render_with_every_kind() {
        let Command::Render(args) =
            parse(&words("render --helm 3 --chart-values c.yaml -f a.yaml,b.yaml --values=d.yaml --set a=1 --set-json b=2 -o json --sort-keys")).unwrap()
        else {
            panic!("expected render")
        };
        assert_eq!(args.profile, Profile::Helm3);
        assert_eq!(args.chart_values.as_deref(), Some("c.yaml"));
        assert_eq!(args.values, ["a.yaml", "b.yaml", "d.yaml"]);
        assert_eq!(args.set, ["a=1"]);
        assert_eq!(args.set_json, ["b=2"]);
        assert_eq!(args.format, Format::Json);
        assert!(args.sort_keys);
    }

    #[test]
    fn set_values_keep_their_equals_signs() {
        let Command::Render(args) = parse(&words("render --set=a=b=c")).unwrap() else { panic!() };
        assert_eq!(args.set, ["a=b=c"]);
    }

    #[test]
    fn explain_takes_one_path() {
        assert_eq!(
            parse(&words("explain image.tag -f v.yaml")).unwrap(),
            Command::Explain {
                path: "image.tag".into(),
                args: ValuesArgs { values: vec!["v.yaml".into()], ..ValuesArgs::default() }
            }
        );
        assert!(parse(&words("explain a b")).is_err());
        assert!(parse(&words("explain -f v.yaml")).is_err());
    }

    #[test]
    fn parses_workspace_commands() {
        let Command::Matrix(args) =
            parse(&words("matrix -C examples/platform --env dev,prod -e qa --path image.* --only-diff -o csv"))
                .unwrap()
        else {
            panic!("expected matrix")
        };
        assert_eq!(args.root, "examples/platform");
        assert_eq!(args.environments, ["dev", "prod", "qa"]);
        assert_eq!(args.paths, ["image.*"]);
        assert!(args.only_diff);
        assert_eq!(args.format.as_deref(), Some("csv"));
        let Command::Diff(args) = parse(&words("diff staging production --text")).unwrap() else { panic!() };
        assert_eq!(args.positionals, ["staging", "production"]);
        assert!(args.text);
        assert!(parse(&words("diff staging")).is_err());
        let Command::Matrix(args) = parse(&words("matrix --flags features --width 80")).unwrap() else { panic!() };
        assert_eq!(args.flags, Some(Some("features".to_string())));
        assert_eq!(args.width, Some(80));
        let Command::Check(args) = parse(&words("check --fail-on warning")).unwrap() else { panic!() };
        assert!(args.fail_on_warning);
    }

    #[test]
    fn usage_errors_say_how_to_fix() {
        let error = parse(&words("render --helm 2")).unwrap_err();
        assert_eq!(error.message, "unknown Helm version `2`");
        assert!(parse(&words("render -f")).unwrap_err().hint.contains("-f VALUE"));
        assert!(parse(&words("frobnicate")).is_err());
    }
}
