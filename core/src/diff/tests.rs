//! `strata diff` end to end through `api::run_in`, on small in-memory workspaces.

use crate::api::{run_in, Outcome, Terminal};
use crate::files::MemoryFiles;

const WORKSPACE: &str = "\
chart: chart.yaml
environments:
  staging:
    layers: [base.yaml, staging.yaml]
  production:
    layers: [base.yaml, production.yaml]
";

const CHART: &str = "\
replicas: 1
image:
  tag: latest
storageClass: standard
";

const BASE: &str = "\
env:
  - name: LOG_LEVEL
    value: info
  - name: DB_PASSWORD
    value: hunter2
hosts: [a.example.com]
";

const STAGING: &str = "\
replicas: 2
image:
  tag: 1.1.0
db:
  password: staging-pass
port: \"8080\"
debug: true
";

const PRODUCTION: &str = "\
replicas: 3
image:
  tag: 1.0.0
db:
  password: prod-pass
port: 8080
storageClass: null
env:
  - name: DB_PASSWORD
    value: prod-db
  - name: LOG_LEVEL
    value: warn
hosts: [a.example.com, b.example.com]
";

/// Every secret value in the workspaces below: no output may hold one unless asked.
const SECRETS: [&str; 5] = ["hunter2", "staging-pass", "prod-pass", "prod-db", "main-pass"];

fn workspace(dir: &str, files: &mut MemoryFiles, production: &str) {
    let at = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
    files.insert(at("strata.yaml"), WORKSPACE);
    files.insert(at("chart.yaml"), CHART);
    files.insert(at("base.yaml"), BASE);
    files.insert(at("staging.yaml"), STAGING);
    files.insert(at("production.yaml"), production);
}

fn files() -> MemoryFiles {
    let mut files = MemoryFiles::new();
    workspace("", &mut files, PRODUCTION);
    files
}

fn run(line: &str, files: &MemoryFiles) -> Outcome {
    let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    run_in(&words, files, &Terminal::default())
}

fn assert_masked(outcome: &Outcome) {
    for secret in SECRETS {
        assert!(!outcome.stdout.contains(secret), "`{secret}` leaked into:\n{}", outcome.stdout);
        assert!(!outcome.stderr.contains(secret), "`{secret}` leaked into:\n{}", outcome.stderr);
    }
}

#[test]
fn text_lists_each_change_with_both_origins() {
    let outcome = run("diff staging production", &files());
    assert_eq!(
        outcome.stdout,
        "\
--- staging
+++ production
~ replicas: 2 -> 3
    - staging.yaml:1:1
    + production.yaml:1:1
~ image.tag: \"1.1.0\" -> \"1.0.0\"
    - staging.yaml:3:3
    + production.yaml:3:3
- storageClass: standard
    - chart.yaml:4:1 (chart defaults)
    + deleted by null at production.yaml:7:1
~ env[name=LOG_LEVEL].value: info -> warn
    - base.yaml:3:5
    + production.yaml:12:5
~ env[name=DB_PASSWORD].value: •••••• -> ••••••
    - base.yaml:5:5
    + production.yaml:10:5
~ hosts: [a.example.com] -> [a.example.com, b.example.com]
    - base.yaml:6:1
    + production.yaml:13:1
~ db.password: •••••• -> ••••••
    - staging.yaml:5:3
    + production.yaml:5:3
! port: \"8080\" (string) -> 8080 (number)
    - staging.yaml:6:1
    + production.yaml:6:1
- debug: true
    - staging.yaml:7:1
6 changed, 2 removed, 1 type changed
"
    );
    assert_eq!(outcome.exit_code, 1);
    assert_eq!(outcome.stderr, "");
    assert_masked(&outcome);
}

#[test]
fn the_same_environment_is_no_difference() {
    let outcome = run("diff staging staging", &files());
    assert_eq!(outcome.stdout, "--- staging\n+++ staging\nno differences\n");
    assert_eq!(outcome.exit_code, 0);
    let outcome = run("diff staging staging --text", &files());
    assert_eq!((outcome.stdout.as_str(), outcome.exit_code), ("", 0));
}

#[test]
fn json_has_values_types_origins_and_layers() {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "x: 1\ntoken: abc\ngone: true\n");
    files.insert("b.yaml", "x: \"1\"\ntoken: def\nnew: {k: v}\n");
    let outcome = run("diff a b -o json", &files);
    assert_eq!(
        outcome.stdout,
        r#"{
  "different": true,
  "comparisons": [
    {
      "a": {"environment": "a", "workspace": ".", "absent": false},
      "b": {"environment": "b", "workspace": ".", "absent": false},
      "summary": {"changed": 1, "added": 1, "removed": 1, "type-changed": 1},
      "changes": [
        {"path": "x", "change": "type-changed", "a": {"value": 1, "type": "number", "file": "a.yaml", "line": 1, "column": 1, "layer": "-f a.yaml"}, "b": {"value": "1", "type": "string", "file": "b.yaml", "line": 1, "column": 1, "layer": "-f b.yaml"}},
        {"path": "token", "change": "changed", "a": {"value": "••••••", "type": "string", "masked": true, "file": "a.yaml", "line": 2, "column": 1, "layer": "-f a.yaml"}, "b": {"value": "••••••", "type": "string", "masked": true, "file": "b.yaml", "line": 2, "column": 1, "layer": "-f b.yaml"}},
        {"path": "gone", "change": "removed", "a": {"value": true, "type": "boolean", "file": "a.yaml", "line": 3, "column": 1, "layer": "-f a.yaml"}, "b": null},
        {"path": "new.k", "change": "added", "a": null, "b": {"value": "v", "type": "string", "file": "b.yaml", "line": 3, "column": 7, "layer": "-f b.yaml"}}
      ]
    }
  ]
}
"#
    );
    assert_eq!(outcome.exit_code, 1);
}

#[test]
fn show_secrets_shows_them() {
    let outcome = run("diff staging production --show-secrets", &files());
    assert!(outcome.stdout.contains("~ db.password: staging-pass -> prod-pass\n"), "{}", outcome.stdout);
    assert!(outcome.stdout.contains("~ env[name=DB_PASSWORD].value: hunter2 -> prod-db\n"), "{}", outcome.stdout);
}

#[test]
fn every_mode_masks_secrets() {
    for line in [
        "diff staging production",
        "diff staging production -o json",
        "diff staging production --text",
        "diff staging production --color always",
        "diff --against main",
        "diff --against main --text",
        "diff --against main -o json",
    ] {
        let mut files = files();
        workspace("main", &mut files, &PRODUCTION.replace("prod-pass", "main-pass"));
        let outcome = run(line, &files);
        assert_eq!(outcome.exit_code, 1, "{line}");
        assert_masked(&outcome);
    }
}

#[test]
fn text_is_a_unified_diff_of_sorted_masked_yaml() {
    let outcome = run("diff staging production --text", &files());
    assert_eq!(
        outcome.stdout,
        "\
--- staging
+++ production
@@ -1,15 +1,14 @@
 db:
-  password: ••••••
-debug: true
+  password: •••••• (changed)
 env:
-- name: LOG_LEVEL
-  value: info
 - name: DB_PASSWORD
-  value: ••••••
+  value: •••••• (changed)
+- name: LOG_LEVEL
+  value: warn
 hosts:
 - a.example.com
+- b.example.com
 image:
-  tag: \"1.1.0\"
-port: \"8080\"
-replicas: 2
-storageClass: standard
+  tag: \"1.0.0\"
+port: 8080
+replicas: 3
"
    );
    assert_eq!(outcome.exit_code, 1);
}

#[test]
fn text_colours_only_when_asked() {
    let outcome = run("diff staging production --text --color always", &files());
    assert!(outcome.stdout.starts_with("\x1b[1m--- staging\x1b[0m\n\x1b[1m+++ production\x1b[0m\n\x1b[36m@@"));
    assert!(outcome.stdout.contains("\n\x1b[31m-debug: true\x1b[0m\n"));
    let outcome = run("diff staging production --color always", &files());
    assert!(outcome.stdout.contains("\x1b[33m~ replicas: 2 -> 3\x1b[0m\n\x1b[2m    - staging.yaml:1:1\x1b[0m\n"));
    let tty = Terminal { is_tty: true, no_color: true, width: None, process_ends: false };
    let words: Vec<String> = ["diff", "staging", "production"].map(String::from).to_vec();
    assert!(!run_in(&words, &files(), &tty).stdout.contains('\x1b'), "NO_COLOR is respected");
}

#[test]
fn lists_without_identity_go_by_index() {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "rules:\n  - port: 80\n  - port: 443\n");
    files.insert("b.yaml", "rules:\n  - port: 443\n");
    let outcome = run("diff a b", &files);
    assert_eq!(
        outcome.stdout,
        "\
--- a
+++ b
~ rules[0].port: 80 -> 443
    - a.yaml:2:5
    + b.yaml:2:5
- rules[1].port: 443
    - a.yaml:3:5
1 changed, 1 removed
"
    );
}

#[test]
fn entries_matched_by_identity_ignore_order_and_report_whole_entries() {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "hosts:\n  - host: x\n    port: 1\n  - host: y\n    port: 2\n");
    files.insert("b.yaml", "hosts:\n  - host: z\n    port: 3\n  - host: y\n    port: 2\n  - host: x\n    port: 1\n");
    let outcome = run("diff a b", &files);
    assert_eq!(
        outcome.stdout,
        "\
--- a
+++ b
+ hosts[host=z].host: z
    + b.yaml:2:5
+ hosts[host=z].port: 3
    + b.yaml:3:5
2 added
"
    );
}

#[test]
fn the_one_entry_under_another_identity_is_changed_not_replaced() {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "hosts:\n  - host: staging.example.com\n    port: 1\n");
    files.insert("b.yaml", "hosts:\n  - host: example.com\n    port: 1\n");
    let outcome = run("diff a b", &files);
    assert_eq!(
        outcome.stdout,
        "\
--- a
+++ b
~ hosts[0].host: staging.example.com -> example.com
    - a.yaml:2:5
    + b.yaml:2:5
1 changed
"
    );
    files.insert("b.yaml", "hosts:\n  - host: example.com\n    port: 1\n  - host: staging.example.com\n    port: 1\n");
    let outcome = run("diff a b", &files);
    assert!(
        outcome.stdout.contains("+ hosts[host=example.com].host"),
        "more entries go by identity: {}",
        outcome.stdout
    );
}

#[test]
fn text_counts_entries_that_only_moved() {
    let mut files = MemoryFiles::new();
    files.insert("strata.yaml", "environments:\n  a:\n    layers: [a.yaml]\n  b:\n    layers: [b.yaml]\n");
    files.insert("a.yaml", "env:\n  - {name: X, value: \"1\"}\n  - {name: Y, value: \"2\"}\n");
    files.insert("b.yaml", "env:\n  - {name: Y, value: \"2\"}\n  - {name: X, value: \"1\"}\n");
    assert_eq!(run("diff a b", &files).exit_code, 0, "the same entries by identity");
    let outcome = run("diff a b --text", &files);
    assert_eq!(outcome.exit_code, 1, "but not the same text");
    assert!(outcome.stdout.starts_with("--- a\n+++ b\n@@"), "{}", outcome.stdout);
}

#[test]
fn against_compares_each_environment_with_the_other_checkout() {
    let mut files = files();
    workspace("../main", &mut files, &PRODUCTION.replace("replicas: 3", "replicas: 5"));
    let outcome = run("diff production --against ../main", &files);
    assert_eq!(
        outcome.stdout,
        "\
--- production (../main)
+++ production
~ replicas: 5 -> 3
    - ../main/production.yaml:1:1
    + production.yaml:1:1
1 changed
"
    );
    assert_eq!(outcome.exit_code, 1);
    let outcome = run("diff --against ../main", &files);
    assert_eq!(
        outcome.stdout,
        "\
--- staging (../main)
+++ staging
no differences

--- production (../main)
+++ production
~ replicas: 5 -> 3
    - ../main/production.yaml:1:1
    + production.yaml:1:1
1 changed
"
    );
    let outcome = run("diff staging --against ../main", &files);
    assert_eq!(outcome.exit_code, 0);
}

#[test]
fn against_shows_an_environment_one_checkout_lacks() {
    let mut files = files();
    files.insert("old/strata.yaml", "environments:\n  staging:\n    layers: [s.yaml]\n");
    files.insert("old/s.yaml", "debug: true\nreplicas: 2\n");
    let outcome = run("diff --against old -o json", &files);
    assert!(outcome.stdout.contains(r#""a": {"environment": "production", "workspace": "old", "absent": true}"#));
    let outcome = run("diff --against old", &files);
    assert!(outcome.stdout.contains("--- production (old): no such environment\n+++ production\n+ replicas: 3\n"));
    let outcome = run("diff nowhere --against old", &files);
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(
        outcome.stderr,
        "error[unknown-environment]: the workspace in `.` has no environment `nowhere`\n  hint: name one of `staging`, `production`\n"
    );
}

#[test]
fn errors_exit_2() {
    let outcome = run("diff staging prodution", &files());
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(
        outcome.stderr,
        "error[unknown-environment]: the workspace in `.` has no environment `prodution`\n  hint: did you mean `production`?\n"
    );
    let outcome = run("diff a b -C nowhere", &files());
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.stderr.starts_with("error[workspace-missing]: cannot read `nowhere/strata.yaml`"));
    let outcome = run("diff staging production -o yaml", &files());
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[usage]: `diff` has no output format `yaml`\n  hint: use `-o text` (the default) or `-o json`\n")
    );
    assert_eq!(run("diff staging production --text -o json", &files()).exit_code, 2);
    let mut broken = files();
    broken.insert("staging.yaml", "a: [\n");
    let outcome = run("diff staging production", &broken);
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.stderr.starts_with("staging.yaml:"), "{}", outcome.stderr);
}

/// Three environments; `promotion` is the graph's YAML, or empty for none.
fn chain(promotion: &str) -> MemoryFiles {
    let mut files = MemoryFiles::new();
    files.insert(
        "strata.yaml",
        format!(
            "environments:\n  dev:\n    layers: [dev.yaml]\n  staging:\n    layers: [staging.yaml]\n  \
             production:\n    layers: [production.yaml]\n{promotion}"
        ),
    );
    files.insert("dev.yaml", "tag: \"3\"\nreplicas: 1\npassword: dev-secret\n");
    files.insert("staging.yaml", "tag: \"2\"\nreplicas: 1\npassword: staging-secret\n");
    files.insert("production.yaml", "tag: \"2\"\nreplicas: 5\npassword: staging-secret\n");
    files
}

/// The `--- A` / `+++ B` headers of a text diff, in order.
fn headers(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|line| line.starts_with("--- ") || line.starts_with("+++ ")).collect()
}

#[test]
fn promotion_compares_each_step_of_the_graph_in_its_order() {
    let files = chain("promotion:\n  staging: [production]\n  dev: [staging]\n");
    let outcome = run("diff --promotion", &files);
    assert_eq!(outcome.exit_code, 1);
    assert_eq!(headers(&outcome.stdout), ["--- staging", "+++ production", "--- dev", "+++ staging"]);
    // Each step is exactly what `diff A B` prints, one empty line between steps.
    let one = |a: &str, b: &str| run(&format!("diff {a} {b}"), &files).stdout;
    assert_eq!(outcome.stdout, format!("{}\n{}", one("staging", "production"), one("dev", "staging")));
    assert!(outcome.stdout.contains("~ replicas: 1 -> 5\n"));
    assert!(!outcome.stdout.contains("secret"), "a secret leaked:\n{}", outcome.stdout);
}

#[test]
fn promotion_without_a_graph_goes_through_the_environments_in_order() {
    let outcome = run("diff --promotion", &chain(""));
    assert_eq!(headers(&outcome.stdout), ["--- dev", "+++ staging", "--- staging", "+++ production"]);
    let json = run("diff --promotion -o json", &chain(""));
    assert_eq!(json.exit_code, 1);
    assert_eq!(json.stdout.matches("\"summary\"").count(), 2);
    assert!(json.stdout.contains(r#""a": {"environment": "staging", "workspace": ".", "absent": false}"#));
}

#[test]
fn promotion_with_env_keeps_the_steps_between_the_named_environments() {
    let files = chain("promotion:\n  - dev -> staging -> production\n");
    let outcome = run("diff --promotion -e staging,production", &files);
    assert_eq!(headers(&outcome.stdout), ["--- staging", "+++ production"]);
    let outcome = run("diff --promotion -e dev,production", &files);
    assert_eq!((outcome.stdout.as_str(), outcome.exit_code), ("", 0), "no step joins dev and production directly");
    assert!(
        outcome.stderr.starts_with("warning[no-promotion-steps]: no promotion step to compare\n"),
        "comparing nothing is said: {}",
        outcome.stderr
    );
    let same = chain("promotion:\n  - dev -> staging -> production\n");
    let mut same = same;
    same.insert("production.yaml", "tag: \"2\"\nreplicas: 1\npassword: staging-secret\n");
    let outcome = run("diff --promotion -e staging,production", &same);
    assert_eq!((outcome.stdout.as_str(), outcome.exit_code), ("--- staging\n+++ production\nno differences\n", 0));
}

#[test]
fn promotion_refuses_names_and_against() {
    for line in ["diff --promotion dev staging", "diff --promotion --against old", "diff --promotion -e nowhere"] {
        let outcome = run(line, &chain(""));
        assert_eq!(outcome.exit_code, 2, "{line}");
        assert!(outcome.stdout.is_empty(), "{line}");
    }
    let outcome = run("diff --promotion staging", &chain(""));
    assert!(outcome.stderr.contains("`-e` keeps only the steps between the named environments"), "{}", outcome.stderr);
    let mut broken = chain("");
    broken.insert("staging.yaml", "a: [\n");
    let outcome = run("diff --promotion", &broken);
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.stderr.starts_with("staging.yaml:"), "{}", outcome.stderr);
}
