//! `strata matrix` on a small in-memory workspace: every format byte for byte, states,
//! masking, filters, width fitting, the feature-flag view and errors.

use crate::api::{run_in, Outcome, Terminal};
use crate::files::MemoryFiles;
use crate::secrets::MASK;

const WORKSPACE: &str = "\
version: 1
chart: chart.yaml
environments:
  dev:
    layers: [base.yaml, dev.yaml]
  prod:
    layers: [base.yaml, prod.yaml, {set: replicas=5}]
intended:
  - paths: [replicas]
    reason: scaled per environment
";

const CHART: &str = "\
replicas: 1
image:
  tag: latest
storageClass: standard
features:
  search: true
  checkout: false
";

const BASE: &str = "\
image:
  repository: app
db:
  password: hunter2
  passwordRef: vault:db#pw
env:
  - name: LOG_LEVEL
    value: info
  - name: API_TOKEN
    value: abc123
";

const DEV: &str = "\
replicas: 2
image:
  tag: dev
port: 8080
features:
  checkout: true
";

const PROD: &str = "\
image:
  tag: \"1.0\"
port: \"8080\"
storageClass: null
debug: true
env:
  - name: API_TOKEN
    value: xyz789
  - name: LOG_LEVEL
    value: warn
";

fn files() -> MemoryFiles {
    let mut files = MemoryFiles::new();
    for (name, text) in
        [("strata.yaml", WORKSPACE), ("chart.yaml", CHART), ("base.yaml", BASE), ("dev.yaml", DEV), ("prod.yaml", PROD)]
    {
        files.insert(format!("ws/{name}"), text);
    }
    files
}

fn run_with(words: &str, files: &MemoryFiles, terminal: &Terminal) -> Outcome {
    let words: Vec<String> = words.split_whitespace().map(str::to_string).collect();
    run_in(&words, files, terminal)
}

fn run(words: &str) -> Outcome {
    run_with(words, &files(), &Terminal::default())
}

/// stdout of a run that must succeed without messages.
fn ok(words: &str) -> String {
    let outcome = run(words);
    assert_eq!((outcome.exit_code, outcome.stderr.as_str()), (0, ""), "{words}");
    outcome.stdout
}

const LEGEND: &str = "≠ differs  ~ intended  ! type differs  — missing  (deleted) deleted by null  •••••• secret\n";

#[test]
fn table_shows_every_state_in_order_of_first_appearance() {
    let expected = "  path                       dev          prod
─────────────────────────────────────────────────────
~ replicas                   2            5
≠ image.tag                  dev          \"1.0\"
  image.repository           app          app
≠ storageClass               standard     (deleted)
  features.search            true         true
≠ features.checkout          true         false
  db.password                ••••••       ••••••
  db.passwordRef             vault:db#pw  vault:db#pw
  env[name=LOG_LEVEL].name   LOG_LEVEL    LOG_LEVEL
≠ env[name=LOG_LEVEL].value  info         warn
  env[name=API_TOKEN].name   API_TOKEN    API_TOKEN
≠ env[name=API_TOKEN].value  ••••••       ••••••
! port                       8080         \"8080\"
≠ debug                      —            true

";
    assert_eq!(ok("matrix -C ws"), format!("{expected}{LEGEND}"));
}

#[test]
fn table_fits_the_width_by_cutting_values_and_paths() {
    let expected = "  path             dev         prod
────────────────────────────────────────
~ replicas         2           5
≠ image.tag        dev         \"1.0\"
  …age.repository  app         app
≠ storageClass     standard    (deleted)
  features.search  true        true
≠ …tures.checkout  true        false
  db.password      ••••••      ••••••
  db.passwordRef   vault:db#…  vault:db…
  …OG_LEVEL].name  LOG_LEVEL   LOG_LEVEL
≠ …G_LEVEL].value  info        warn
  …PI_TOKEN].name  API_TOKEN   API_TOKEN
≠ …I_TOKEN].value  ••••••      ••••••
! port             8080        \"8080\"
≠ debug            —           true

≠ differs  ~ intended  ! type differs
— missing  (deleted) deleted by null
•••••• secret
";
    let out = ok("matrix -C ws --width 40");
    assert_eq!(out, expected);
    assert!(out.lines().all(|line| line.chars().count() <= 40));
    // The terminal's width applies when `--width` is not given.
    let terminal = Terminal { width: Some(40), ..Terminal::default() };
    assert_eq!(run_with("matrix -C ws", &files(), &terminal).stdout, expected);
}

#[test]
fn environments_that_do_not_fit_wrap_into_blocks() {
    let mut files = files();
    files.insert(
        "ws/strata.yaml",
        "environments:\n  development: {layers: [dev.yaml]}\n  production: {layers: [prod.yaml]}\n  production-eu: {layers: [prod.yaml]}\n",
    );
    let out = run_with("matrix -C ws --width 40 --path image.tag --path port", &files, &Terminal::default()).stdout;
    let expected = "  path       development  production
────────────────────────────────────
≠ image.tag  dev          \"1.0\"
! port       8080         \"8080\"

  path       production-eu
──────────────────────────
≠ image.tag  \"1.0\"
! port       \"8080\"

≠ differs  ~ intended  ! type differs
— missing  (deleted) deleted by null
•••••• secret
";
    assert_eq!(out, expected);
}

#[test]
fn colour_marks_states_only_when_asked_or_on_a_terminal() {
    let out = ok("matrix -C ws --path image.tag --path debug --color always --width 60");
    let expected = "  \x1b[1mpath\x1b[0m       \x1b[1mdev\x1b[0m  \x1b[1mprod\x1b[0m
───────────────────────
\x1b[33m≠\x1b[0m image.tag  \x1b[33mdev\x1b[0m  \x1b[33m\"1.0\"\x1b[0m
\x1b[33m≠\x1b[0m debug      \x1b[2m—\x1b[0m    \x1b[33mtrue\x1b[0m

\x1b[33m≠ differs\x1b[0m  \x1b[36m~ intended\x1b[0m  \x1b[1;31m! type differs\x1b[0m  \x1b[2m— missing\x1b[0m
\x1b[31m(deleted) deleted by null\x1b[0m  \x1b[35m•••••• secret\x1b[0m
";
    assert_eq!(out, expected);
    let tty = Terminal { is_tty: true, no_color: false, width: None, process_ends: false };
    assert!(run_with("matrix -C ws", &files(), &tty).stdout.contains("\x1b[33m"));
    let no_color = Terminal { is_tty: true, no_color: true, width: None, process_ends: false };
    assert!(!run_with("matrix -C ws", &files(), &no_color).stdout.contains('\x1b'));
    assert!(!run_with("matrix -C ws --color never", &files(), &tty).stdout.contains('\x1b'));
    assert!(!ok("matrix -C ws").contains('\x1b'), "a pipe gets no colour");
    assert!(!run_with("matrix -C ws -o csv", &files(), &tty).stdout.contains('\x1b'), "only the table is coloured");
}

#[test]
fn markdown_is_a_github_table() {
    let expected = "| path | dev | prod |
| --- | --- | --- |
| `replicas` | `2` | `5` |
| `image.tag` | `dev` | `\"1.0\"` |
| `image.repository` | `app` | `app` |
| `storageClass` | `standard` | *(deleted)* |
| `features.search` | `true` | `true` |
| `features.checkout` | `true` | `false` |
| `db.password` | •••••• | •••••• |
| `db.passwordRef` | `vault:db#pw` | `vault:db#pw` |
| `env[name=LOG_LEVEL].name` | `LOG_LEVEL` | `LOG_LEVEL` |
| `env[name=LOG_LEVEL].value` | `info` | `warn` |
| `env[name=API_TOKEN].name` | `API_TOKEN` | `API_TOKEN` |
| `env[name=API_TOKEN].value` | •••••• | •••••• |
| `port` | `8080` | `\"8080\"` |
| `debug` | — | `true` |
";
    assert_eq!(ok("matrix -C ws -o markdown"), expected);
}

#[test]
fn csv_quotes_as_rfc_4180_says() {
    let expected = "path,state,dev,prod\r
replicas,intended,2,5\r
image.tag,differs,dev,\"\"\"1.0\"\"\"\r
image.repository,same,app,app\r
storageClass,differs,standard,(deleted)\r
features.search,same,true,true\r
features.checkout,differs,true,false\r
db.password,same,••••••,••••••\r
db.passwordRef,same,vault:db#pw,vault:db#pw\r
env[name=LOG_LEVEL].name,same,LOG_LEVEL,LOG_LEVEL\r
env[name=LOG_LEVEL].value,differs,info,warn\r
env[name=API_TOKEN].name,same,API_TOKEN,API_TOKEN\r
env[name=API_TOKEN].value,differs,••••••,••••••\r
port,type-differs,8080,\"\"\"8080\"\"\"\r
debug,differs,,true\r
";
    assert_eq!(ok("matrix -C ws -o csv"), expected);
    let mut files = files();
    files.insert("ws/dev.yaml", "image:\n  tag: \"a,b\"\n");
    let out = run_with("matrix -C ws -o csv --path image.tag", &files, &Terminal::default()).stdout;
    assert_eq!(out, "path,state,dev,prod\r\nimage.tag,differs,\"a,b\",\"\"\"1.0\"\"\"\r\n");
}

#[test]
fn json_has_typed_values_states_and_origins() {
    let expected = r#"{
  "environments": ["dev", "prod"],
  "rows": [
    {"path": "replicas", "state": "intended", "cells": {
      "dev": {"value": 2, "state": "intended", "origin": {"file": "ws/dev.yaml", "line": 1, "column": 1, "layer": "-f ws/dev.yaml"}},
      "prod": {"value": 5, "state": "intended", "origin": {"file": "--set 'replicas=5'", "line": 1, "column": 1, "layer": "--set replicas=5"}}
    }},
    {"path": "image.tag", "state": "differs", "cells": {
      "dev": {"value": "dev", "state": "differs", "origin": {"file": "ws/dev.yaml", "line": 3, "column": 3, "layer": "-f ws/dev.yaml"}},
      "prod": {"value": "1.0", "state": "differs", "origin": {"file": "ws/prod.yaml", "line": 2, "column": 3, "layer": "-f ws/prod.yaml"}}
    }},
    {"path": "storageClass", "state": "differs", "cells": {
      "dev": {"value": "standard", "state": "differs", "origin": {"file": "ws/chart.yaml", "line": 4, "column": 1, "layer": "chart defaults ws/chart.yaml"}},
      "prod": {"value": null, "state": "deleted", "origin": {"file": "ws/prod.yaml", "line": 4, "column": 1, "layer": "-f ws/prod.yaml"}}
    }},
    {"path": "db.password", "state": "same", "cells": {
      "dev": {"value": "••••••", "state": "secret", "origin": {"file": "ws/base.yaml", "line": 4, "column": 3, "layer": "-f ws/base.yaml"}},
      "prod": {"value": "••••••", "state": "secret", "origin": {"file": "ws/base.yaml", "line": 4, "column": 3, "layer": "-f ws/base.yaml"}}
    }},
    {"path": "debug", "state": "differs", "cells": {
      "dev": {"value": null, "state": "missing"},
      "prod": {"value": true, "state": "differs", "origin": {"file": "ws/prod.yaml", "line": 5, "column": 1, "layer": "-f ws/prod.yaml"}}
    }}
  ]
}
"#;
    let out =
        ok("matrix -C ws -o json --path replicas --path image.tag --path storageClass --path db.password --path debug");
    assert_eq!(out, expected);
    let parsed: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(parsed["rows"][1]["cells"]["prod"]["value"], "1.0");
    let empty = ok("matrix -C ws -o json --only-diff -e dev");
    assert_eq!(empty, "{\n  \"environments\": [\"dev\"],\n  \"rows\": []\n}\n");
}

#[test]
fn html_is_standalone_and_escaped() {
    let mut files = files();
    files.insert("ws/dev.yaml", "image:\n  tag: \"<b>&'x'</b>\"\n");
    let out =
        run_with("matrix -C ws -o html --path image.tag --path storageClass", &files, &Terminal::default()).stdout;
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
    assert!(
        !out.contains("http://") && !out.contains("https://") && !out.contains("<script") && !out.contains("<link")
    );
    let body = &out[out.find("<table>").unwrap()..];
    let expected = "<table>
<thead><tr><th>path</th><th>dev</th><th>prod</th></tr></thead>
<tbody>
<tr class=\"differs\"><th scope=\"row\">image.tag</th>\
<td class=\"differs\" title=\"-f ws/dev.yaml (ws/dev.yaml:2:3)\">&lt;b&gt;&amp;&#39;x&#39;&lt;/b&gt;</td>\
<td class=\"differs\" title=\"-f ws/prod.yaml (ws/prod.yaml:2:3)\">&quot;1.0&quot;</td></tr>
<tr class=\"differs\"><th scope=\"row\">storageClass</th>\
<td class=\"differs\" title=\"chart defaults ws/chart.yaml (ws/chart.yaml:4:1)\">standard</td>\
<td class=\"deleted\" title=\"-f ws/prod.yaml (ws/prod.yaml:4:1)\">(deleted)</td></tr>
</tbody>
</table>
<p class=\"legend\"><span class=\"same\">same</span><span class=\"differs\">differs</span>\
<span class=\"intended\">intended</span><span class=\"type-differs\">type differs</span>\
<span class=\"missing\">— missing</span><span class=\"deleted\">deleted by null</span>\
<span class=\"secret\">•••••• secret</span></p>
</body>
</html>
";
    assert_eq!(body, expected);
}

#[test]
fn secrets_are_masked_in_every_format_unless_asked() {
    for format in ["table", "markdown", "csv", "json", "html"] {
        let out = ok(&format!("matrix -C ws -o {format}"));
        for secret in ["hunter2", "abc123", "xyz789"] {
            assert!(!out.contains(secret), "{format} shows {secret}");
        }
        assert!(out.contains(MASK), "{format}");
        assert!(out.contains("vault:db#pw"), "{format}: references are not secrets");
        let shown = ok(&format!("matrix -C ws -o {format} --show-secrets"));
        assert!(shown.contains("hunter2") && shown.contains("abc123") && shown.contains("xyz789"), "{format}");
        if matches!(format, "markdown" | "csv" | "json") {
            assert!(!shown.contains(MASK), "{format}");
        }
    }
}

#[test]
fn filters_select_environments_paths_and_differences() {
    assert_eq!(
        ok("matrix -C ws -o csv --only-diff --path image --path env"),
        "path,state,dev,prod\r\nimage.tag,differs,dev,\"\"\"1.0\"\"\"\r\nenv[name=LOG_LEVEL].value,differs,info,warn\r\n\
         env[name=API_TOKEN].value,differs,••••••,••••••\r\n"
    );
    assert_eq!(
        ok("matrix -C ws -o csv -e prod,dev --path **.tag"),
        "path,state,prod,dev\r\nimage.tag,differs,\"\"\"1.0\"\"\",dev\r\n"
    );
    assert_eq!(
        ok("matrix -C ws -o csv -e dev --only-diff"),
        "path,state,dev\r\n",
        "one environment differs from nothing"
    );
    let outcome = run("matrix -C ws --path nothing.here");
    assert_eq!(outcome.exit_code, 0);
    assert_eq!(outcome.stdout, "no paths to show\n");
    assert_eq!(
        outcome.stderr,
        "warning[matrix-no-match]: no path matches `--path nothing.here`\n  \
         hint: write paths like `image.tag`; `*` stays within one key, `**` spans keys (`**.tag`)\n"
    );
}

#[test]
fn unknown_environments_and_formats_are_errors() {
    let outcome = run("matrix -C ws -e prd,qa");
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(outcome.stdout, "");
    assert_eq!(
        outcome.stderr,
        "error[unknown-environment]: unknown environment `prd`\n  hint: did you mean `prod`? the environments are `dev`, `prod`\n\
         error[unknown-environment]: unknown environment `qa`\n  hint: name one of the environments in `strata.yaml`: `dev`, `prod`\n"
    );
    let outcome = run("matrix -C ws -o jsn");
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[usage]: unknown output format `jsn` for `matrix`\n  hint: did you mean `-o json`?\n")
    );
    let outcome = run("matrix -C ws -o yaml");
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[usage]: unknown output format `yaml` for `matrix`\n  hint: use `-o table`, `markdown`, `csv`, `json` or `html`\n")
    );
}

#[test]
fn workspace_and_layer_errors_are_positioned() {
    let mut broken = files();
    broken.insert("ws/strata.yaml", "environments:\n  dev:\n    layerz: [dev.yaml]\n");
    let outcome = run_with("matrix -C ws", &broken, &Terminal::default());
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(
        outcome.stderr,
        "ws/strata.yaml:3:5: error[workspace-unknown-key]: unknown key `layerz`\n  hint: did you mean `layers`?\n\
         ws/strata.yaml:2:3: error[workspace-invalid]: environment `dev` has no `layers`\n  \
         hint: list its values files in order under `layers:`, base first\n"
    );
    let mut missing = files();
    missing.insert("ws/strata.yaml", "environments:\n  dev: {layers: [gone.yaml]}\n  prod: {layers: [gone.yaml]}\n");
    let outcome = run_with("matrix -C ws", &missing, &Terminal::default());
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (
            2,
            "ws/strata.yaml:2:18: error[file-unreadable]: cannot read `gone.yaml`: no such file or directory\n  \
             hint: paths in strata.yaml are relative to the directory that holds it\n"
        ),
        "one missing file shared by two environments is reported once"
    );
    let outcome = run_with("matrix", &MemoryFiles::new(), &Terminal::default());
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.stderr.starts_with("error[workspace-missing]: cannot read `strata.yaml`"), "{}", outcome.stderr);
}

#[test]
fn unknown_promotion_steps_are_reported_once_at_their_own_words() {
    let mut broken = files();
    broken.insert(
        "ws/strata.yaml",
        "environments:\n  dev: {layers: [dev.yaml]}\n  prod: {layers: [prod.yaml]}\n\
         promotion:\n  - dev -> prdo -> prod\n  - \"dev -> qa\"\n",
    );
    let outcome = run_with("matrix -C ws", &broken, &Terminal::default());
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (
            2,
            "ws/strata.yaml:5:12: error[workspace-unknown-environment]: unknown environment `prdo`\n  \
             hint: did you mean `prod`?\n\
             ws/strata.yaml:6:13: error[workspace-unknown-environment]: unknown environment `qa`\n  \
             hint: name an environment listed under `environments`\n"
        )
    );
    broken.insert(
        "ws/strata.yaml",
        "environments:\n  dev: {layers: [dev.yaml]}\n  prod: {layers: [prod.yaml]}\npromotion:\n  dev: [prod, prd]\n",
    );
    let outcome = run_with("matrix -C ws", &broken, &Terminal::default());
    assert!(
        outcome.stderr.starts_with("ws/strata.yaml:5:15: error[workspace-unknown-environment]"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn flags_view_of_a_named_or_found_subtree() {
    let expected = "  features  dev  prod
─────────────────────
  search    ✓    ✓
≠ checkout  ✓    ✗

";
    assert_eq!(ok("matrix -C ws --flags"), format!("{expected}{LEGEND}"));
    assert_eq!(ok("matrix -C ws --flags features"), format!("{expected}{LEGEND}"));
    assert_eq!(
        ok("matrix -C ws --flags=features -o markdown"),
        "| features | dev | prod |\n| --- | --- | --- |\n| `search` | ✓ | ✓ |\n| `checkout` | ✓ | ✗ |\n"
    );
    let json = ok("matrix -C ws --flags -o json --only-diff");
    assert!(json.contains("\"flags\": \"features\",\n"), "{json}");
    assert!(
        json.contains("{\"path\": \"features.checkout\", \"flag\": \"checkout\", \"state\": \"differs\""),
        "{json}"
    );
    let outcome = run("matrix -C ws --flags featurs");
    assert_eq!(
        (outcome.exit_code, outcome.stderr.as_str()),
        (2, "error[matrix-no-flags]: no environment has a value at `featurs`\n  hint: did you mean `--flags features`?\n")
    );
}

#[test]
fn flags_view_without_a_flags_map_lists_every_boolean() {
    let mut files = files();
    files.insert("ws/chart.yaml", "replicas: 1\nredis: {enabled: false, host: r}\nvault: {enabled: false}\n");
    files.insert("ws/dev.yaml", "replicas: 2\n");
    files.insert("ws/prod.yaml", "redis: {enabled: true}\nvault: {enabled: \"yes\"}\n");
    let out = run_with("matrix -C ws --flags -o csv", &files, &Terminal::default()).stdout;
    assert_eq!(
        out,
        "flag,state,dev,prod\r\nredis.enabled,differs,✗,✓\r\nvault.enabled,type-differs,✗,\"\"\"yes\"\"\"\r\n"
    );
}

#[test]
fn flags_file_keyed_by_environment_reads_each_environments_entry() {
    // Seed 002's config/feature-flags.yaml: flag -> environment -> value, in one shared file.
    let mut files = files();
    files.insert(
        "ws/base.yaml",
        "feature_flags:\n  new_checkout_flow: {dev: true, prod: false}\n  enhanced_search: {dev: true}\n",
    );
    files.insert("ws/chart.yaml", "replicas: 1\n");
    files.insert("ws/dev.yaml", "replicas: 2\n");
    let out = run_with("matrix -C ws --flags", &files, &Terminal::default()).stdout;
    let expected = "  feature_flags      dev  prod
──────────────────────────────
≠ new_checkout_flow  ✓    ✗
≠ enhanced_search    ✓    —

";
    assert_eq!(out, format!("{expected}{LEGEND}"));
}

#[test]
fn lists_line_up_by_identity_only_when_entries_are_shared() {
    let mut files = files();
    files.insert("ws/dev.yaml", "hosts: [{host: dev.example.com, tls: false}]\n");
    files.insert("ws/prod.yaml", "hosts: [{host: example.com, tls: true}]\n");
    let out = run_with("matrix -C ws -o csv --path hosts", &files, &Terminal::default()).stdout;
    assert_eq!(out, "path,state,dev,prod\r\nhosts[0].host,differs,dev.example.com,example.com\r\nhosts[0].tls,differs,false,true\r\n");
    // `env` shares its names between dev and prod, in another order: by name.
    assert!(ok("matrix -C ws -o csv --path env").contains("env[name=LOG_LEVEL].value,differs,info,warn\r\n"));
}

#[test]
fn leaf_paths_escape_and_split_like_paths() {
    use crate::identity::boundaries;
    assert_eq!(boundaries("a.b[0].c"), [1, 3, 6]);
    assert_eq!(boundaries("ann.kubernetes\\.io/tls"), [3]);
    assert_eq!(boundaries("env[name=a.b].value"), [3, 13]);
    assert!(crate::glob::matches_path(&["env".to_string()], "env[name=X].value"));
    assert!(crate::glob::matches_path(&["ann".to_string()], "ann.kubernetes\\.io/tls"));
}

/// A sink that counts the writes it gets: the output arrives in pieces, not as one string.
#[derive(Default)]
struct Pieces {
    text: String,
    writes: usize,
}

impl std::fmt::Write for Pieces {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text.push_str(s);
        self.writes += 1;
        Ok(())
    }
}

#[test]
fn streamed_output_is_the_collected_output_in_pieces() {
    for format in ["table", "markdown", "csv", "json", "html"] {
        let line = format!("matrix -C ws -o {format}");
        let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut sink = Pieces::default();
        let outcome = crate::api::run_into(&words, &files(), &Terminal::default(), &mut sink);
        assert_eq!(outcome.stdout, "", "{format}: everything went to the sink");
        assert_eq!(sink.text, ok(&line), "{format}");
        assert!(sink.writes > 3, "{format}: written a row at a time, got {} writes", sink.writes);
    }
    let words: Vec<String> = "check -C ws".split_whitespace().map(str::to_string).collect();
    let mut sink = Pieces::default();
    let outcome = crate::api::run_into(&words, &files(), &Terminal::default(), &mut sink);
    assert_eq!((outcome.stdout.as_str(), sink.text), ("", run("check -C ws").stdout));
}

#[test]
fn environments_resolve_one_at_a_time_and_again_alike() {
    use crate::workspace::{load, prepare, RootedFiles};
    let files = files();
    let loaded = load("ws", &files).unwrap_or_else(|_| panic!("the workspace loads"));
    let rooted = RootedFiles { root: "ws", inner: &files };
    let prepared = prepare(&loaded.workspace, loaded.source, loaded.sources, &rooted, &[]);
    assert_eq!((prepared.len(), prepared.name(1), prepared.position("prod")), (2, "prod", Some(1)));
    assert!(prepared.errors().is_empty());
    for env in 0..prepared.len() {
        let first = prepared.resolve(env, &rooted).map(|r| r.root);
        let again = prepared.resolve(env, &rooted).map(|r| r.root);
        assert!(first.is_ok());
        assert_eq!(first, again, "resolving twice gives the same values (the shared base is not consumed)");
    }
}

/// Environments over one base share its unchanged maps, and the matrix copies the cells of
/// a shared map an earlier column walked at the same path. Here one map sits at several
/// paths (an alias), some environments delete or change one of its places, and one holds
/// a list of named entries: the cells must be those of the same trees with nothing shared.
#[test]
fn cells_copied_from_shared_maps_are_the_cells_of_a_full_walk() {
    use crate::matrix::{build, Content, Env, Options, View};
    use crate::node::{Node, Value};
    use crate::workspace::{load, resolve_environments, RootedFiles};

    const BASE: &str = "\
ports:
  list:
    - name: x
      v: 1
plain:
  a: 1
  b:
    c: 2
common: &common
  image: app
  size: 1
web: *common
worker:
  inner: *common
  containers:
    - name: a
      port: 1
    - name: b
      port: 2
";
    let mut files = MemoryFiles::new();
    let workspace = "\
version: 1
environments:
  one: {layers: [base.yaml]}
  two: {layers: [base.yaml, two.yaml]}
  three: {layers: [base.yaml, three.yaml]}
  four: {layers: [base.yaml, four.yaml]}
  five: {layers: [base.yaml]}
  six: {layers: [aliased.yaml, drop-q.yaml]}
  seven: {layers: [aliased.yaml, drop-p.yaml]}
";
    for (name, text) in [
        ("strata.yaml", workspace),
        ("base.yaml", BASE),
        ("two.yaml", "web: null\nports:\n  list:\n    - name: y\n      v: 2\n"),
        ("three.yaml", "common: null\nworker:\n  containers:\n    - name: b\n      port: 3\n"),
        ("four.yaml", "worker:\n  inner:\n    size: 2\nplain:\n  b:\n    c: 3\n"),
        // One map at two paths, each environment keeping it at only one of them.
        ("aliased.yaml", "p: &m\n  k: 1\nq: *m\n"),
        ("drop-q.yaml", "q: null\n"),
        ("drop-p.yaml", "p: null\n"),
    ] {
        files.insert(format!("ws/{name}"), text);
    }
    let loaded = load("ws", &files).unwrap_or_else(|(_, errors)| panic!("{errors:?}"));
    let rooted = RootedFiles { root: "ws", inner: &files };
    let resolution = resolve_environments(&loaded.workspace, loaded.source, loaded.sources, &rooted, &[]);
    let shared: Vec<(String, crate::resolve::Resolved)> = resolution
        .environments
        .into_iter()
        .map(|(name, resolved)| (name, resolved.unwrap_or_else(|errors| panic!("{errors:?}"))))
        .collect();

    fn unshare(node: &Node) -> Node {
        let mut copy = node.clone();
        copy.value = match &node.value {
            Value::Map(map) => Value::from_map(map.iter().map(|(k, v)| (k.clone(), unshare(v))).collect()),
            Value::List(items) => Value::List(items.iter().map(unshare).collect()),
            other => other.clone(),
        };
        copy
    }
    let alone: Vec<(String, crate::resolve::Resolved)> = shared
        .iter()
        .map(|(name, resolved)| {
            let resolved = crate::resolve::Resolved {
                root: unshare(&resolved.root),
                layers: resolved.layers.clone(),
                deletions: resolved.deletions.clone(),
                warnings: Vec::new(),
            };
            (name.clone(), resolved)
        })
        .collect();
    let web = |envs: &[(String, crate::resolve::Resolved)]| match (&envs[0].1.root.value, &envs[4].1.root.value) {
        (Value::Map(a), Value::Map(b)) => match (&a["web"].value, &b["web"].value) {
            (Value::Map(a), Value::Map(b)) => std::rc::Rc::ptr_eq(a, b),
            _ => false,
        },
        _ => false,
    };
    assert!(web(&shared), "environments over one base share its maps");
    assert!(!web(&alone));

    let show = |envs: &[(String, crate::resolve::Resolved)]| {
        let mut columns: Vec<Env> = envs.iter().map(|(name, resolved)| (name.as_str(), resolved)).collect();
        let options = Options::default();
        let matrix =
            build(&loaded.workspace, &resolution.sources, &mut columns, View::Values, &options, &mut |_, _| {});
        let mut lines = Vec::new();
        for row in &matrix.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| {
                    let content = match matrix.content(cell) {
                        Content::Value(value) => format!("{value:?}"),
                        other => format!("{other:?}"),
                    };
                    format!("{content} {:?} {:?}", cell.state, matrix.span(cell))
                })
                .collect();
            lines.push(format!("{} {:?}: {}", row.path, row.state, cells.join(" | ")));
        }
        lines
    };
    let copied = show(&shared);
    assert_eq!(copied, show(&alone));
    assert!(copied.iter().any(|line| line.starts_with("web.size ") && line.contains("Missing")), "{copied:#?}");
    assert!(copied.iter().any(|line| line.starts_with("worker.inner.size Differs")), "{copied:#?}");
    assert!(copied.iter().any(|line| line.starts_with("worker.containers[name=b].port Differs")), "{copied:#?}");
    assert!(copied.iter().any(|line| line.starts_with("plain.b.c Differs")), "{copied:#?}");
    // Every environment's lists are surveyed, those of maps copied too: `x` is in three
    // environments, so the list goes by name.
    assert!(copied.iter().any(|line| line.starts_with("ports.list[name=x].v Differs")), "{copied:#?}");
}
