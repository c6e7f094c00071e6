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

options (the same for both commands):
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
  --inherit               resolve the last -f file through `extends:`/`overrides:`,
                          the other -f files being the parents it may name (not Helm)

Flag kinds apply in Helm's fixed order (files, --set-json, --set, --set-string,
--set-file, --set-literal) whatever their order on the command line.
Exit status: 0 success, 1 explain found nothing at PATH, 2 error.
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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Render(ValuesArgs),
    Explain { path: String, args: ValuesArgs },
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
        "help" | "-h" | "--help" => Ok(Command::Help),
        "version" | "-V" | "--version" => Ok(Command::Version),
        other => Err(UsageError::new(
            format!("unknown command `{other}`"),
            "the commands are `render` and `explain`; see `strata --help`",
        )),
    }
}

fn parse_values_args(words: &[String], mut positional: Option<&mut Option<String>>) -> Result<ValuesArgs, UsageError> {
    let mut args = ValuesArgs::default();
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        i += 1;
        let (flag, inline) = match word.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (word.as_str(), None),
        };
        let takes_value = matches!(
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
        );
        let value = if takes_value {
            match inline {
                Some(value) => value,
                None => {
                    let value = words.get(i).cloned().ok_or_else(|| {
                        UsageError::new(format!("`{flag}` needs a value"), format!("write it like `{flag} VALUE`"))
                    })?;
                    i += 1;
                    value
                }
            }
        } else {
            if inline.is_some() {
                return Err(UsageError::new(format!("`{flag}` takes no value"), format!("write just `{flag}`")));
            }
            String::new()
        };
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
            _ if !word.starts_with('-') || word == "-" => match positional.as_mut() {
                Some(slot) if slot.is_none() => **slot = Some(word.clone()),
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
    fn usage_errors_say_how_to_fix() {
        let error = parse(&words("render --helm 2")).unwrap_err();
        assert_eq!(error.message, "unknown Helm version `2`");
        assert!(parse(&words("render -f")).unwrap_err().hint.contains("-f VALUE"));
        assert!(parse(&words("frobnicate")).is_err());
    }
}
