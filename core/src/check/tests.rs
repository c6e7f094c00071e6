//! `strata check` end to end through `api::run_in`, on a small in-memory workspace that
//! has one of every finding.

use crate::api::{run_in, Outcome, Terminal};
use crate::files::MemoryFiles;

const WORKSPACE: &str = "\
chart: chart.yaml
environments:
  dev:
    layers: [base.yaml, dev.yaml]
    secrets: [db-password, api-token]
  staging:
    layers: [base.yaml, staging.yaml]
    secrets: [db-password]
  prod:
    layers: [base.yaml, prod.yaml]
    secrets: [db-password]
promotion: [dev -> staging -> prod]
intended:
  - paths: [replicas]
    reason: scaled per environment
policy:
  pinned: [ingress.host]
";

const CHART: &str = "\
replicas: 1
image:
  tag: latest
redis:
  enabled: false
grafana:
  adminPassword: \"\"
ingress:
  host: \"\"
logLevel: info
";

const BASE: &str = "\
image:
  repository: app
logLevel: info
";

const DEV: &str = "\
replicas: 1
image:
  tag: 1.2.0
redis:
  enabled: true
grafana:
  adminPassword: admin123
database:
  url: secret://dev/db
ingress:
  host: dev.example.com
logLevle: debug
";

const STAGING: &str = "\
replicas: 2
image:
  tag: 1.1.0
database:
  url: postgres://staging
ingress:
  host: staging.example.com
timeout: 30
";

const PROD: &str = "\
replicas: \"3\"
image:
  tag: 1.3.0
database:
  url: secret://prod/db
ingress:
  host: example.com
timeout: 60
debug: yes
";

fn files() -> MemoryFiles {
    let mut files = MemoryFiles::new();
    for (name, text) in [
        ("strata.yaml", WORKSPACE),
        ("chart.yaml", CHART),
        ("base.yaml", BASE),
        ("dev.yaml", DEV),
        ("staging.yaml", STAGING),
        ("prod.yaml", PROD),
    ] {
        files.insert(name, text);
    }
    files
}

fn run(line: &str, files: &MemoryFiles) -> Outcome {
    let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    run_in(&words, files, &Terminal::default())
}

#[test]
fn human_lists_every_finding_by_position() {
    let outcome = run("check", &files());
    assert_eq!(
        outcome.stdout,
        "\
base.yaml:3:1: warning[lint-redundant-override]: `logLevel` sets the value it already has from chart.yaml:10:1
  hint: remove it from base.yaml; the value comes through from chart.yaml already
dev.yaml:1:1: warning[lint-redundant-override]: `replicas` sets the value it already has from chart.yaml:1:1
  hint: remove it from dev.yaml; the value comes through from chart.yaml already
dev.yaml:5:3: warning[parity-component]: `redis` is enabled in `dev` but not in `staging` and `prod`
  hint: enable `redis` in every environment (or in none), or document the difference under `intended:` with a reason
dev.yaml:7:3: error[plaintext-secret]: `grafana.adminPassword` holds a plaintext secret (in `dev`)
  hint: replace it with a reference to a secret store (`secret://...`, `vault:...`, `${VAR}`); `secrets.references` in strata.yaml lists the forms that count
dev.yaml:12:1: warning[drift]: `logLevle` differs between environments: debug in `dev`; (not set) in `staging`, `prod`
  hint: make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`
dev.yaml:12:1: warning[lint-unknown-key]: `logLevle` is not in the chart defaults or in a layer every environment shares
  hint: did you mean `logLevel`?
prod.yaml:1:1: warning[lint-type-change]: `replicas` is a string here but a number at chart.yaml:1:1, which it overrides
  hint: write it as a number like the value it overrides (quote or unquote it), or change both if the chart expects a string
prod.yaml:3:3: error[version-order]: `image.tag` is 1.3.0 in `prod` but 1.1.0 in `staging`, which promotes into it
  hint: promote 1.3.0 through `staging` first, or set `prod` back to a version `staging` has run
prod.yaml:8:1: warning[lint-unknown-key]: `timeout` is not in the chart defaults or in a layer every environment shares
  hint: check the spelling; if the chart reads this key, add it (with its default) to the chart defaults or a shared layer
prod.yaml:9:1: warning[drift]: `debug` differs between environments: (not set) in `dev`, `staging`; true in `prod`
  hint: make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`
prod.yaml:9:1: warning[lint-unknown-key]: `debug` is not in the chart defaults or in a layer every environment shares
  hint: check the spelling; if the chart reads this key, add it (with its default) to the chart defaults or a shared layer
prod.yaml:9:8: warning[yaml11-boolean]: `debug: yes` is the boolean true in Helm (YAML 1.1)
  hint: quote it to keep a string: `\"yes\"`; write `true` if a boolean is meant
staging.yaml:5:3: error[secret-missing]: `database.url` refers to a secret in `dev` but not in `staging`, which `dev` promotes into
  hint: give `staging` its own secret reference at `database.url`, or document the difference under `intended:`
staging.yaml:8:1: warning[drift]: `timeout` differs between environments: (not set) in `dev`; 30 in `staging`; 60 in `prod`
  hint: make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`
staging.yaml:8:1: warning[lint-unknown-key]: `timeout` is not in the chart defaults or in a layer every environment shares
  hint: check the spelling; if the chart reads this key, add it (with its default) to the chart defaults or a shared layer
strata.yaml:6:3: warning[secret-missing]: the secret `api-token` is in the inventory of `dev` but not of `staging`, which `dev` promotes into
  hint: create `api-token` for `staging` and list it under its `secrets:` before promoting into it, unless it belongs to `dev` alone

3 errors, 13 warnings in 3 environments
"
    );
    assert_eq!(outcome.exit_code, 1);
    assert_eq!(outcome.stderr, "");
}

/// Two environments, one plaintext password and one drift.
fn small() -> MemoryFiles {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "size: 1\npassword: s3cr3t,100%\n");
    files.insert("b.yaml", "size: 2\npassword: ${PASSWORD}\n");
    files
}

#[test]
fn json_has_the_environments_the_counts_and_every_finding() {
    let outcome = run("check -o json", &small());
    assert_eq!(
        outcome.stdout,
        r#"{
  "environments": ["a", "b"],
  "summary": {"errors": 2, "warnings": 1},
  "findings": [
    {"severity": "error", "code": "plaintext-secret", "file": "a.yaml", "line": 2, "column": 1, "message": "`password` holds a plaintext secret (in `a`)", "hints": ["replace it with a reference to a secret store (`secret://...`, `vault:...`, `${VAR}`); `secrets.references` in strata.yaml lists the forms that count"]},
    {"severity": "error", "code": "secret-missing", "file": "a.yaml", "line": 2, "column": 1, "message": "`password` refers to a secret in `b` but not in `a`", "hints": ["give `a` its own secret reference at `password`, or document the difference under `intended:`"]},
    {"severity": "warning", "code": "drift", "file": "b.yaml", "line": 1, "column": 1, "message": "`size` differs between environments: 1 in `a`; 2 in `b`", "hints": ["make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`"]}
  ]
}
"#
    );
    assert_eq!(outcome.exit_code, 1);
}

#[test]
fn github_annotations_escape_messages_and_properties() {
    let mut files = small();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [\"dir,x/a:1.yaml\"]\n  b:\n    layers: [b.yaml]\n");
    files.insert("dir,x/a:1.yaml", "size: 1\npassword: s3cr3t,100%\n");
    let outcome = run("check -o github", &files);
    assert_eq!(
        outcome.stdout,
        "\
::warning file=b.yaml,line=1,col=1,title=drift::`size` differs between environments: 1 in `a`; 2 in `b`%0Ahint: make the environments agree, or document the difference under `intended:` (with a reason) or `policy.pinned`
::error file=dir%2Cx/a%3A1.yaml,line=2,col=1,title=plaintext-secret::`password` holds a plaintext secret (in `a`)%0Ahint: replace it with a reference to a secret store (`secret://...`, `vault:...`, `${VAR}`); `secrets.references` in strata.yaml lists the forms that count
::error file=dir%2Cx/a%3A1.yaml,line=2,col=1,title=secret-missing::`password` refers to a secret in `b` but not in `a`%0Ahint: give `a` its own secret reference at `password`, or document the difference under `intended:`
2 errors, 1 warning in 2 environments
"
    );
}

#[test]
fn fail_on_decides_the_exit_status() {
    let mut files = small();
    files.insert("a.yaml", "size: 1\npassword: ${PASSWORD}\n");
    let outcome = run("check", &files);
    assert_eq!(outcome.exit_code, 0, "a warning is no failure by default");
    assert!(outcome.stdout.ends_with("\n1 warning in 2 environments\n"), "{}", outcome.stdout);
    assert_eq!(run("check --fail-on warning", &files).exit_code, 1);
    assert_eq!(run("check --fail-on error", &files).exit_code, 0);
    files.insert("a.yaml", "size: 2\npassword: ${PASSWORD}\n");
    let outcome = run("check --fail-on warning", &files);
    assert_eq!((outcome.stdout.as_str(), outcome.exit_code), ("no findings in 2 environments\n", 0));
}

#[test]
fn secrets_never_appear_in_findings() {
    for format in ["human", "json", "github"] {
        for files in [files(), small()] {
            let outcome = run(&format!("check -o {format} --show-secrets"), &files);
            for secret in ["admin123", "s3cr3t"] {
                assert!(!outcome.stdout.contains(secret), "{format}: {}", outcome.stdout);
            }
        }
    }
}

#[test]
fn intended_and_pinned_differences_are_no_drift() {
    let mut files = small();
    let workspace = "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n";
    files.insert("strata.yaml", format!("{workspace}intended:\n  - {{paths: [size], reason: scaled}}\n"));
    assert!(!run("check", &files).stdout.contains("drift"));
    files.insert("strata.yaml", format!("{workspace}policy:\n  pinned: [\"*\"]\n"));
    assert!(!run("check", &files).stdout.contains("drift"));
}

#[test]
fn only_the_environments_asked_for() {
    let outcome = run("check -e staging,prod", &files());
    assert!(outcome.stdout.ends_with("\n1 error, 6 warnings in 2 environments\n"), "{}", outcome.stdout);
    assert!(!outcome.stdout.contains("`dev`"), "{}", outcome.stdout);
}

#[test]
fn human_colours_severities_when_asked() {
    let outcome = run("check --color always", &small());
    assert!(
        outcome.stdout.starts_with("a.yaml:2:1: \x1b[31merror[plaintext-secret]\x1b[0m: `password`"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains("\n  \x1b[36mhint:\x1b[0m replace"));
}

#[test]
fn input_errors_exit_2() {
    let outcome = run("check -e prodd", &files());
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[unknown-environment]: the workspace in `.` has no environment `prodd`\n  hint: did you mean `prod`?\n")
    );
    let outcome = run("check -o sarif", &files());
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[usage]: `check` has no output format `sarif`\n  hint: use `-o human` (the default), `-o json` or `-o github`\n")
    );
    let mut missing = files();
    missing.insert("strata.yaml", WORKSPACE.replace("prod.yaml", "prd.yaml"));
    let outcome = run("check", &missing);
    assert_eq!(outcome.exit_code, 2);
    assert!(
        outcome.stderr.starts_with("strata.yaml:10:25: error[file-unreadable]: cannot read `prd.yaml`"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn versions_along_the_graph_only_when_they_read_as_versions() {
    let mut files = files();
    files.insert("prod.yaml", PROD.replace("1.3.0", "latest"));
    assert!(!run("check", &files).stdout.contains("version-order"));
    files.insert("prod.yaml", PROD.replace("1.3.0", "1.0.0"));
    assert!(!run("check", &files).stdout.contains("version-order"));
    files.insert("staging.yaml", STAGING.replace("1.1.0", "1.2.1"));
    let outcome = run("check", &files);
    assert!(
        outcome.stdout.contains("error[version-order]: `image.tag` is 1.2.1 in `staging` but 1.2.0 in `dev`"),
        "{}",
        outcome.stdout
    );
}

/// The lint-unknown-key lines of `check` on the fixture with `schema:` added.
fn unknown_key_lines(schema: &str) -> (i32, Vec<String>) {
    let mut files = files();
    files.insert("strata.yaml", format!("schema: values.schema.json\n{WORKSPACE}").as_str());
    files.insert("values.schema.json", schema);
    let outcome = run("check", &files);
    let lines = outcome.stdout.lines().filter(|l| l.contains("lint-unknown-key")).map(str::to_string).collect();
    (outcome.exit_code, lines)
}

#[test]
fn the_chart_schema_declares_keys_the_defaults_lack() {
    // `timeout` is declared by the schema (through a $ref): known. `debug` is not, and
    // `logLevle` is still a typo, now also checked against the schema's names.
    let (_, lines) = unknown_key_lines(
        r##"{"properties": {"timeout": {"$ref": "#/definitions/seconds"}, "logLevel": {}, "debugging": {}},
             "definitions": {"seconds": {"type": "integer"}}}"##,
    );
    assert_eq!(
        lines,
        [
            "dev.yaml:12:1: warning[lint-unknown-key]: `logLevle` is not in the chart defaults, in a layer every environment shares, or in the chart's schema",
            "prod.yaml:9:1: warning[lint-unknown-key]: `debug` is not in the chart defaults, in a layer every environment shares, or in the chart's schema",
        ]
    );
    let outcome = {
        let mut files = files();
        files.insert("strata.yaml", format!("schema: values.schema.json\n{WORKSPACE}").as_str());
        files.insert("values.schema.json", r#"{"properties": {"debugging": {}}}"#);
        run("check", &files)
    };
    assert!(outcome.stdout.contains("`debug` is not in the chart defaults, in a layer every environment shares, or in the chart's schema\n  hint: did you mean `debugging`?"), "{}", outcome.stdout);
}

#[test]
fn a_schema_that_allows_other_names_flags_none() {
    let (_, lines) =
        unknown_key_lines(r#"{"properties": {"replicas": {}}, "additionalProperties": {"type": "string"}}"#);
    assert_eq!(lines, Vec::<String>::new());
    let (_, lines) = unknown_key_lines(r#"{"properties": {"replicas": {}}, "patternProperties": {"^t": {}}}"#);
    assert_eq!(lines, Vec::<String>::new());
}

#[test]
fn a_missing_or_broken_schema_is_a_positioned_error() {
    let mut missing = files();
    missing.insert("strata.yaml", format!("schema: nowhere.json\n{WORKSPACE}").as_str());
    let outcome = run("check", &missing);
    assert_eq!(outcome.exit_code, 2);
    assert!(
        outcome.stderr.starts_with("strata.yaml:1:9: error[workspace-file]: cannot read the schema `nowhere.json`"),
        "{}",
        outcome.stderr
    );
    let (code, _) = unknown_key_lines("{\"properties\": {");
    assert_eq!(code, 2);
}

#[test]
fn drift_groups_environments_by_value_and_counts_past_four() {
    let mut files = MemoryFiles::new();
    let names = ["e1", "e2", "e3", "e4", "e5", "e6", "e7"];
    let mut workspace = String::from("environments:\n");
    for (i, name) in names.iter().enumerate() {
        workspace.push_str(&format!("  {name}:\n    layers: [{name}.yaml]\n"));
        files.insert(format!("{name}.yaml"), if i == 2 { "size: 2\n" } else { "size: 1\n" });
    }
    files.insert("strata.yaml", workspace);
    let outcome = run("check -o json", &files);
    assert!(
        outcome.stdout.contains("`size` differs between environments: 1 in `e1`, `e2`, `e4` and 3 more; 2 in `e3`"),
        "{}",
        outcome.stdout
    );
    assert_eq!(outcome.diagnostics_json, "", "the findings are the output, not copied beside it");
}
