//! Every Helm conformance case that uses only `--set*` flags (no values files,
//! no chart values), run straight through `strvals::apply` in Helm's order of
//! kinds, under both profiles. The cases are Helm's own results (see
//! `tests/data/helm-conformance/NOTE.md`); values are compared as data with
//! the corpus runner's number rules.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use strata_core::files::Files;
use strata_core::strvals::{apply, SetKind};
use strata_core::{Map, Profile, SourceId, Value};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/helm-conformance/cases")
}

/// `--set-file` paths, relative to the case folder (the runner runs Helm there).
struct CaseFiles(PathBuf);

impl Files for CaseFiles {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.0.join(path)).map_err(|e| e.to_string())
    }
}

fn case_key(kind: SetKind) -> &'static str {
    match kind {
        SetKind::SetJson => "set_json",
        SetKind::Set => "set",
        SetKind::SetString => "set_string",
        SetKind::SetFile => "set_file",
        SetKind::SetLiteral => "set_literal",
    }
}

/// Run one case's flags; `Err` carries the first error message.
fn run(dir: &Path, case: &Json, profile: Profile) -> Result<Map, String> {
    let mut values = Map::default();
    let files = CaseFiles(dir.to_path_buf());
    let mut source = 0;
    for kind in SetKind::ORDER {
        let args = case[case_key(kind)].as_array().map(Vec::as_slice).unwrap_or_default();
        for arg in args {
            let text = arg.as_str().expect("flag arguments are strings");
            source += 1;
            apply(kind, SourceId(source), text, &mut values, profile, &files)
                .map_err(|d| format!("{} {text:?}: {}", kind.flag(), d.message))?;
        }
    }
    Ok(values)
}

/// The corpus runner's comparison: maps by keys, lists in order, booleans only
/// with booleans; an integer in the expected file must match exactly, a number
/// with a fraction or exponent matches the same float64.
fn compare(expected: &Json, actual: &Value, path: &str) -> Result<(), String> {
    let mismatch =
        || Err(format!("{}: expected {expected}, got {actual:?}", if path.is_empty() { "(top)" } else { path }));
    match (expected, actual) {
        (Json::Null, Value::Null) => Ok(()),
        (Json::Bool(e), Value::Bool(a)) if e == a => Ok(()),
        (Json::String(e), Value::Str(a)) if e == a => Ok(()),
        (Json::Number(n), Value::Int(_) | Value::Float(_)) => {
            let exact = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
            let ok = match (exact, actual) {
                (Some(e), Value::Int(a)) => i128::from(*a) == e,
                #[allow(clippy::cast_possible_truncation)]
                (Some(e), Value::Float(a)) => a.fract() == 0.0 && a.abs() < 1e38 && (*a as i128) == e,
                #[allow(clippy::cast_precision_loss)]
                (None, Value::Int(a)) => n.as_f64() == Some(*a as f64),
                (None, Value::Float(a)) => n.as_f64() == Some(*a),
                _ => false,
            };
            if ok {
                Ok(())
            } else {
                mismatch()
            }
        }
        (Json::Array(e), Value::List(a)) if e.len() == a.len() => {
            e.iter().zip(a).enumerate().try_for_each(|(i, (e, a))| compare(e, &a.value, &format!("{path}[{i}]")))
        }
        (Json::Object(e), Value::Map(a)) => {
            if let Some(key) = e.keys().find(|k| !a.contains_key(k.as_str())) {
                return Err(format!("{path}: missing key {key:?}"));
            }
            if let Some(key) = a.keys().find(|k| !e.contains_key(k.as_str())) {
                return Err(format!("{path}: unexpected key {key:?}"));
            }
            e.iter().try_for_each(|(k, v)| compare(v, &a[k.as_str()].value, &format!("{path}.{k}")))
        }
        _ => mismatch(),
    }
}

/// The expected result for `profile`: `Ok(json)` or `Err(helm's error line)`.
fn expected(dir: &Path, profile: Profile) -> Result<Json, String> {
    let suffix = if profile == Profile::Helm3
        && (dir.join("expected-helm3.json").exists() || dir.join("expected-helm3.error").exists())
    {
        "-helm3"
    } else {
        ""
    };
    let error = dir.join(format!("expected{suffix}.error"));
    if error.exists() {
        return Err(std::fs::read_to_string(error).unwrap_or_default());
    }
    let text = std::fs::read_to_string(dir.join(format!("expected{suffix}.json"))).expect("expected.json");
    Ok(serde_json::from_str(&text).expect("expected.json is JSON"))
}

fn set_only(case: &Json) -> bool {
    case["chart_values"].is_null() && case["values"].as_array().is_none_or(Vec::is_empty)
}

#[test]
fn set_only_conformance_cases() {
    let mut names: Vec<_> = std::fs::read_dir(cases_dir())
        .expect("tests/data/helm-conformance/cases")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|dir| dir.join("case.json").is_file())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    let mut ran = 0;
    for dir in &names {
        let case: Json = serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap()).unwrap();
        if !set_only(&case) {
            continue;
        }
        ran += 1;
        let name = dir.file_name().unwrap().to_string_lossy();
        for profile in [Profile::Helm4, Profile::Helm3] {
            let outcome = match (expected(dir, profile), run(dir, &case, profile)) {
                (Ok(want), Ok(got)) => compare(&want, &Value::from_map(got), ""),
                (Err(_), Err(_)) => Ok(()),
                (Err(helm), Ok(_)) => Err(format!("expected an error ({}), got values", helm.trim())),
                (Ok(_), Err(ours)) => Err(format!("unexpected error: {ours}")),
            };
            if let Err(why) = outcome {
                failures.push(format!("{name} ({}): {why}", profile.name()));
            }
        }
    }
    assert!(ran >= 100, "only {ran} set-only cases found");
    assert!(
        failures.is_empty(),
        "{} of {} set-only cases x 2 profiles failed:\n{}",
        failures.len(),
        ran,
        failures.join("\n")
    );
    eprintln!("set-only conformance: {ran} cases pass under Helm 4 and Helm 3");
}
