//! Secrets never appear unmasked: every command on every example, every format,
//! searched for every secret value the examples hold. `--show-secrets` is the
//! only way to see one, and the last check proves the search would find it.

use std::path::{Path, PathBuf};
use strata_core::api::{self, Outcome, Terminal};
use strata_core::files::Files;
use strata_core::node::{Node, Value};
use strata_core::path::{Path as ValuePath, Segment};
use strata_core::workspace::{self, LayerSpec, RootedFiles};

/// Files from the repository checkout.
struct Disk(PathBuf);

impl Files for Disk {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.0.join(path)).map_err(|e| e.to_string())
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        Err(format!("no listing of `{dir}` in this test"))
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the tests crate sits in the repository").to_path_buf()
}

fn words(line: &[&str]) -> Vec<String> {
    line.iter().map(|w| w.to_string()).collect()
}

/// Every secret value the example holds, over all its environments, and the
/// `render` arguments of each environment.
fn known_secrets(disk: &Disk, example: &str) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let loaded = workspace::load(example, disk).unwrap_or_else(|(_, e)| panic!("{example}: {e:?}"));
    let rules = loaded.workspace.secrets.clone();
    let files = RootedFiles { root: example, inner: disk };
    let resolution =
        workspace::resolve_environments(&loaded.workspace, loaded.source, loaded.sources.clone(), &files, &[]);
    let mut secrets = Vec::new();
    for (_, result) in &resolution.environments {
        let resolved = result.as_ref().unwrap_or_else(|e| panic!("{example}: {e:?}"));
        collect(&resolved.root, &mut ValuePath::root(), &rules, &mut secrets);
    }
    secrets.sort();
    secrets.dedup();
    // The layers of every environment, as `render` arguments.
    let renders = loaded
        .workspace
        .environments
        .iter()
        .map(|env| {
            let mut args = Vec::new();
            for layer in &env.layers {
                match layer {
                    LayerSpec::Chart { path, .. } => {
                        args.extend(["--chart-values".into(), workspace::join(example, path)])
                    }
                    LayerSpec::File { path, .. } => args.extend(["-f".into(), workspace::join(example, path)]),
                    LayerSpec::Inline { .. } | LayerSpec::Inherit { .. } | LayerSpec::Set { .. } => {}
                }
            }
            (env.name.clone(), args)
        })
        .collect();
    (secrets, renders)
}

fn collect(node: &Node, path: &mut ValuePath, rules: &strata_core::workspace::SecretRules, secrets: &mut Vec<String>) {
    match &node.value {
        Value::Map(map) => {
            for (key, child) in map.iter() {
                path.0.push(Segment::Key(key.clone()));
                collect(child, path, rules, secrets);
                path.0.pop();
            }
        }
        Value::List(items) => {
            for (i, child) in items.iter().enumerate() {
                path.0.push(Segment::Index(i));
                collect(child, path, rules, secrets);
                path.0.pop();
            }
        }
        Value::Str(s)
            if s.chars().count() >= 4 && strata_core::mask::is_secret(rules, &path.to_string(), node, false) =>
        {
            secrets.push(s.clone());
        }
        _ => {}
    }
}

fn all_output(outcome: &Outcome) -> String {
    let mut text = format!("{}{}{}", outcome.stdout, outcome.stderr, outcome.diagnostics_json);
    for (_, contents) in &outcome.writes {
        text.push_str(contents);
    }
    text
}

#[test]
fn no_command_prints_a_secret_unless_asked() {
    let root = repo();
    let disk = Disk(root.clone());
    let examples = ["examples/mcp-mesh", "examples/kubesentiment", "examples/platform"];
    let mut secrets_seen = 0;
    let mut commands_run = 0;
    for example in examples {
        let (secrets, renders) = known_secrets(&disk, example);
        secrets_seen += secrets.len();
        let names: Vec<String> = renders.iter().map(|(name, _)| name.clone()).collect();
        let mut lines: Vec<Vec<String>> = Vec::new();
        for format in ["table", "markdown", "csv", "json", "html"] {
            lines.push(words(&["matrix", "-C", example, "-o", format]));
        }
        lines.push(words(&["matrix", "-C", example, "--flags"]));
        for format in ["human", "json", "github"] {
            lines.push(words(&["check", "-C", example, "-o", format]));
        }
        for extra in [&["-o", "text"][..], &["-o", "json"], &["--text"]] {
            let mut line = words(&["diff", "--promotion", "-C", example]);
            line.extend(words(extra));
            lines.push(line);
        }
        for a in &names {
            for b in &names {
                if a < b {
                    for extra in [&["-o", "text"][..], &["-o", "json"], &["--text"]] {
                        let mut line = words(&["diff", a, b, "-C", example]);
                        line.extend(words(extra));
                        lines.push(line);
                    }
                }
            }
        }
        for (_, args) in &renders {
            for format in ["yaml", "json"] {
                let mut line = words(&["render", "-o", format]);
                line.extend(args.iter().cloned());
                lines.push(line);
            }
            for path in ["monitoring.grafana.adminPassword", "registry.database.password", "grafana.adminPassword"] {
                let mut line = words(&["explain", path]);
                line.extend(args.iter().cloned());
                lines.push(line);
            }
        }
        for line in &lines {
            let outcome = api::run_in(line, &disk, &Terminal::default());
            assert!(outcome.exit_code <= 1, "`strata {}` failed: {}", line.join(" "), outcome.stderr);
            let text = all_output(&outcome);
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "`strata {}` printed a secret value", line.join(" "));
            }
            commands_run += 1;
        }
    }
    assert!(secrets_seen >= 2, "the examples hold plaintext secrets to search for (found {secrets_seen})");
    assert!(commands_run > 50, "ran {commands_run} commands");

    // The search works: asked for, the secret is there.
    let (secrets, renders) = known_secrets(&disk, "examples/kubesentiment");
    let (_, args) = &renders[0];
    let mut line = words(&["render", "--show-secrets"]);
    line.extend(args.iter().cloned());
    let shown = api::run_in(&line, &disk, &Terminal::default());
    assert!(secrets.iter().any(|s| shown.stdout.contains(s.as_str())), "--show-secrets prints the secret values");
}
