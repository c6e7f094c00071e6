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
            secrets.push(s.to_string());
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

/// The values file of the shapes test: `SECRET` is replaced per environment, so each
/// secret differs between `dev` and `prod` and every diff mode shows the paths.
const SHAPED: &str = r#"
database:
  url: postgres://app:pgSECRET@db:5432/app
  dsn: mysql://app:dsnSECRET@mysql/app
  password: ${DB_PASSWORD}
  passwordRef: vault:secret/data/db#password
  connectionString: "Server=db;User Id=sa;Password=connSECRET;"
redis:
  url: redis://:redisSECRET@redis:6379
git:
  repo: https://ci:gitSECRET@git.example.com/x.git
ingress:
  basicAuth: admin:basicSECRET
alerts:
  slack: https://hooks.slack.com/services/T000/B000/slackSECRET
  discord: https://discord.com/api/webhooks/123456/discordSECRET
  feed: https://feeds.example.com/rss?token=queryTokenSECRET&page=2
  api: https://api.example.com/v1?access_token=accessSECRET&apikey=apikeySECRET
short:
  pwd: pwdSECRET
  passwd: passwdSECRET
  pass: passSECRET
  secretKey: secretKeySECRET
  apiKey: apiKeySECRET
  api_key: api_keySECRET
  auth_token: auth_tokenSECRET
  client_secret: client_secretSECRET
  private_key: private_keySECRET
tokens:
  note: "rotate AKIAIOSFODNN7EXAMPLE soon"
  header: "Bearer ghp_0123456789abcdefghijABCDEFGHIJKLSECRET"
  bot: xoxb-1234567890-abcdefSECRET
  sample: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHlSECRET
  key: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEpAIBAAKCAQEAkeySECRET
    -----END RSA PRIVATE KEY-----
app:
  env:
    - name: DATABASE_URL
      value: postgres://u:envSECRET@h/db
  args: ["--verbose", "--db-password=argSECRET"]
  config: "[db]\npassword = iniSECRET\nport = 5432\n"
kept:
  passwordPolicy:
    minLength: 8
  tls:
    secretName: my-tls-secret
  existingSecret: db-credentials
  tokenTTL: 3600
  auth:
    enabled: true
  health: http://localhost:8080/health
  certificate: "-----BEGIN CERTIFICATE-----\nMIICcert\n-----END CERTIFICATE-----\n"
"#;

/// Every secret shape, in every environment, through every command and format: no secret
/// part ever shows, what is not secret does, and `check` reports every masked path.
#[test]
fn secret_shapes_are_masked_in_every_command() {
    use strata_core::files::MemoryFiles;
    let mut files = MemoryFiles::new();
    files.insert(
        "ws/strata.yaml",
        "chart: chart.yaml\nenvironments:\n  dev:\n    layers: [dev.yaml]\n  prod:\n    layers: [prod.yaml]\npromotion: [dev -> prod]\n",
    );
    files.insert("ws/chart.yaml", "replicas: 1\n");
    files.insert("ws/dev.yaml", SHAPED.replace("SECRET", "Dev1"));
    files.insert("ws/prod.yaml", SHAPED.replace("SECRET", "Prod2"));
    let secrets: Vec<String> = SHAPED
        .match_indices("SECRET")
        .map(|(at, _)| {
            let start = SHAPED[..at].rfind(|c: char| !c.is_ascii_alphanumeric() && c != '_').map_or(0, |i| i + 1);
            SHAPED[start..at].to_string()
        })
        .flat_map(|stem| [format!("{stem}Dev1"), format!("{stem}Prod2")])
        .chain(["AKIAIOSFODNN7EXAMPLE".to_string()])
        .collect();
    assert!(secrets.len() > 50, "{secrets:?}");

    let mut lines: Vec<Vec<String>> = Vec::new();
    for format in ["table", "markdown", "csv", "json", "html"] {
        lines.push(words(&["matrix", "-C", "ws", "-o", format]));
    }
    for format in ["human", "json", "github"] {
        lines.push(words(&["check", "-C", "ws", "-o", format]));
    }
    for extra in [&["-o", "text"][..], &["-o", "json"], &["--text"]] {
        for mut line in [words(&["diff", "dev", "prod", "-C", "ws"]), words(&["diff", "--promotion", "-C", "ws"])] {
            line.extend(words(extra));
            lines.push(line);
        }
    }
    for env in ["dev", "prod"] {
        let layers = ["--chart-values", "ws/chart.yaml", "-f", "ws/dev.yaml", "-f"];
        let file = format!("ws/{env}.yaml");
        for format in ["yaml", "json"] {
            let mut line = words(&["render", "-o", format]);
            line.extend(words(&layers));
            line.push(file.clone());
            lines.push(line);
        }
        for path in ["database.url", "alerts", "short", "tokens", "app", "app.env[0].value", "ingress.basicAuth"] {
            let mut line = words(&["explain", path]);
            line.extend(words(&layers));
            line.push(file.clone());
            lines.push(line);
        }
    }
    for line in &lines {
        let outcome = api::run_in(line, &files, &Terminal::default());
        assert!(outcome.exit_code <= 1, "`strata {}` failed: {}", line.join(" "), outcome.stderr);
        let text = all_output(&outcome);
        for secret in &secrets {
            assert!(!text.contains(secret.as_str()), "`strata {}` printed `{secret}`:\n{text}", line.join(" "));
        }
    }

    // Only the secret part is masked; what is not secret shows.
    let render = |extra: &[&str]| {
        let mut line = words(&["render", "--chart-values", "ws/chart.yaml", "-f", "ws/prod.yaml"]);
        line.extend(words(extra));
        api::run_in(&line, &files, &Terminal::default()).stdout
    };
    let shown = render(&[]);
    for kept in [
        "url: postgres://app:••••••@db:5432/app",
        "url: redis://:••••••@redis:6379",
        "https://hooks.slack.com/services/T000/B000/••••••",
        "?token=••••••&page=2",
        "header: Bearer ••••••",
        "Password=••••••;",
        "--db-password=••••••",
        "password: ${DB_PASSWORD}",
        "passwordRef: vault:secret/data/db#password",
        "minLength: 8",
        "secretName: my-tls-secret",
        "existingSecret: db-credentials",
        "tokenTTL: 3600",
        "enabled: true",
        "health: http://localhost:8080/health",
        "MIICcert",
    ] {
        assert!(shown.contains(kept), "render shows `{kept}`:\n{shown}");
    }
    let revealed = render(&["--show-secrets"]);
    assert!(secrets.iter().filter(|s| !s.ends_with("Dev1")).all(|s| revealed.contains(s.as_str())), "{revealed}");

    // `check` reports exactly what is masked: every shaped path, nothing that is kept.
    let check = api::run_in(&words(&["check", "-C", "ws", "-o", "json"]), &files, &Terminal::default()).stdout;
    let reported: Vec<&str> = check
        .lines()
        .filter(|line| line.contains("\"plaintext-secret\""))
        .filter_map(|line| line.split("\"message\": \"`").nth(1)?.split('`').next())
        .collect();
    for path in [
        "database.url",
        "database.dsn",
        "database.connectionString",
        "redis.url",
        "git.repo",
        "ingress.basicAuth",
        "alerts.slack",
        "alerts.discord",
        "alerts.feed",
        "alerts.api",
        "short.pwd",
        "short.passwd",
        "short.pass",
        "short.secretKey",
        "short.apiKey",
        "short.api_key",
        "short.auth_token",
        "short.client_secret",
        "short.private_key",
        "tokens.note",
        "tokens.header",
        "tokens.bot",
        "tokens.sample",
        "tokens.key",
        "app.env[name=DATABASE_URL].value",
        "app.args",
        "app.config",
    ] {
        assert!(reported.contains(&path), "check reports `{path}` as a plaintext secret: {reported:?}");
    }
    assert!(
        reported.iter().all(|path| !path.starts_with("kept.") && !path.starts_with("database.password")),
        "{reported:?}"
    );
}
