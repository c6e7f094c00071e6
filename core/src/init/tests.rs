//! `strata init` on in-memory layouts: the three seeds' layouts, the bundled
//! examples, and the edge cases (nothing to infer, an existing `strata.yaml`).

use super::{infer, run};
use crate::api::{Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::files::{Files, MemoryFiles};
use crate::workspace::{load, resolve_environments, RootedFiles};

fn files(entries: &[(&str, &str)]) -> MemoryFiles {
    let mut files = MemoryFiles::new();
    for (path, text) in entries {
        files.insert(*path, *text);
    }
    files
}

/// One line per environment: `name: [chart C] file + file`.
fn summary(dir: &str, files: &MemoryFiles) -> Vec<String> {
    let inferred = infer(dir, files).expect("infers");
    inferred
        .plan
        .environments
        .iter()
        .map(|env| format!("{}: {}", env.name, env.layer_names(true).join(" + ")))
        .collect()
}

fn init(words: &str, files: &MemoryFiles) -> Outcome {
    let Ok(crate::command::Command::Init(args)) =
        crate::command::parse(&words.split_whitespace().map(str::to_string).collect::<Vec<_>>())
    else {
        panic!("not an init command line: {words}")
    };
    run(&args, files, &Terminal::default())
}

/// The file `init` writes loads as a workspace and every environment resolves.
fn assert_loads(dir: &str, files: &MemoryFiles) {
    let outcome = init(&format!("init {dir}"), files);
    assert_eq!(outcome.exit_code, 0, "{}", outcome.stderr);
    let mut with = files.clone();
    for (path, text) in &outcome.writes {
        with.insert(path.clone(), text.clone());
    }
    let loaded = load(dir, &with).unwrap_or_else(|(s, e)| panic!("{}", crate::diag::render_all(&e, &s)));
    let rooted = RootedFiles { root: dir, inner: &with };
    let resolution = resolve_environments(&loaded.workspace, loaded.source, loaded.sources, &rooted, &[]);
    assert!(resolution.errors().is_empty(), "{:?}", resolution.errors());
}

const SEED_001: &[(&str, &str)] = &[
    ("repo/mcp-mesh-platform/values.yaml", "replicaCount: 1\n"),
    ("repo/environments/base/values.yaml", "global: {project: mcp-mesh}\n"),
    ("repo/environments/base/kustomization.yaml", "resources: []\n"),
    ("repo/environments/development/values.yaml", "replicaCount: 1\n"),
    ("repo/environments/development/secrets.yaml", "password: ENC[x]\n"),
    ("repo/environments/staging/values.yaml", "replicaCount: 3\n"),
    ("repo/environments/production/values.yaml", "replicaCount: 5\n"),
    ("repo/environments/production/values-dr.yaml", "replicaCount: 2\n"),
];

#[test]
fn seed_001_base_and_environment_directories_with_dr() {
    let files = files(SEED_001);
    assert_eq!(
        summary("repo", &files),
        [
            "development: chart mcp-mesh-platform/values.yaml + environments/base/values.yaml + environments/development/values.yaml",
            "staging: chart mcp-mesh-platform/values.yaml + environments/base/values.yaml + environments/staging/values.yaml",
            "production: chart mcp-mesh-platform/values.yaml + environments/base/values.yaml + environments/production/values.yaml",
            "production-dr: chart mcp-mesh-platform/values.yaml + environments/base/values.yaml + environments/production/values.yaml + environments/production/values-dr.yaml",
        ]
    );
    let plan = infer("repo", &files).unwrap().plan;
    assert_eq!(super::plan::chains(&plan.promotion), ["development -> staging -> production -> production-dr"]);
    assert_eq!(
        plan.notes,
        [
            "left out `environments/development/secrets.yaml`: secrets (typically encrypted): list their names under the environment's `secrets`",
            "left out `environments/base/kustomization.yaml`: a kustomize file, not Helm values",
        ]
    );
    assert_loads("repo", &files);
}

const SEED_004: &[(&str, &str)] = &[
    ("values.yaml", "replicaCount: 1\n"),
    ("values-dev.yaml", "replicaCount: 1\n"),
    ("values-staging.yaml", "replicaCount: 2\n"),
    ("values-prod.yaml", "replicaCount: 3\n"),
];

#[test]
fn seed_004_flat_values_files_write_this_exact_file() {
    let files = files(SEED_004);
    let outcome = init("init", &files);
    assert_eq!(outcome.exit_code, 0);
    assert_eq!(outcome.stderr, "");
    assert_eq!(
        outcome.stdout,
        "inferred 3 environments from the chart's `values.yaml` + `values-<env>.yaml`
  dev: values-dev.yaml (tier development; `values-dev.yaml` names the environment, over the chart's `values.yaml`)
  staging: values-staging.yaml (tier staging; `values-staging.yaml` names the environment, over the chart's `values.yaml`)
  prod: values-prod.yaml (tier production; `values-prod.yaml` names the environment, over the chart's `values.yaml`)
chart defaults: values.yaml
promotion: dev -> staging -> prod
wrote strata.yaml: check it, then run `strata matrix`
"
    );
    assert_eq!(
        outcome.writes,
        [(
            "strata.yaml".to_string(),
            "# strata.yaml, inferred by `strata init` from: the chart's `values.yaml` + `values-<env>.yaml`.
# Each environment's layers apply in order, later files winning (Helm's `-f` order);
# paths are relative to this file. Check them, then run `strata matrix`.
version: 1
chart: values.yaml
environments:
  # `values-dev.yaml` names the environment, over the chart's `values.yaml`
  dev:
    tier: development
    layers:
      - values-dev.yaml
  # `values-staging.yaml` names the environment, over the chart's `values.yaml`
  staging:
    tier: staging
    layers:
      - values-staging.yaml
  # `values-prod.yaml` names the environment, over the chart's `values.yaml`
  prod:
    tier: production
    layers:
      - values-prod.yaml
promotion:
  - dev -> staging -> prod
# Not inferred; add by hand (see docs/strata-yaml.md): deploy settings (release,
# namespace, helm flags, confirm), gates, policy (promotable and pinned paths),
# intended differences and secret inventories.
"
            .to_string()
        )]
    );
    assert_loads(".", &files);
}

#[test]
fn regional_overlays_promote_through_their_own_region() {
    let names = ["dev", "staging-eu", "staging-us", "prod-eu", "prod-us"];
    let mut entries = vec![("values.yaml".to_string(), "replicas: 1\n".to_string())];
    entries.extend(names.iter().map(|n| (format!("values-{n}.yaml"), "replicas: 2\n".to_string())));
    let refs: Vec<(&str, &str)> = entries.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let outcome = init("init", &files(&refs));
    assert!(
        outcome.stdout.contains("promotion: dev -> staging-eu -> prod-eu, dev -> staging-us -> prod-us\n"),
        "{}",
        outcome.stdout
    );

    let outcome = init("init", &files(&[("values.yaml", "a: 1\n"), ("values-prod.yaml", "a: 2\n")]));
    assert!(
        outcome.stdout.contains("promotion: none inferred (there is only one environment)\n"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn env_values_suffix_and_a_shared_default_file() {
    let files = files(&[
        ("chart/Chart.yaml", "apiVersion: v2\nname: app\n"),
        ("chart/values.yaml", "replicas: 1\nimage: {tag: x}\n"),
        ("chart/common-values.yaml", "image: {tag: y}\n"),
        ("chart/staging-values.yaml", "replicas: 2\n"),
        ("chart/prod-values.yaml", "replicas: 3\n"),
        ("config/default.yaml", "replicas: 1\n"),
        ("config/dev.yaml", "replicas: 1\n"),
        ("config/prod.yaml", "replicas: 2\n"),
    ]);
    assert_eq!(
        summary("", &files),
        [
            "chart-staging: chart chart/values.yaml + chart/common-values.yaml + chart/staging-values.yaml",
            "chart-prod: chart chart/values.yaml + chart/common-values.yaml + chart/prod-values.yaml",
            "app-dev: chart chart/values.yaml + config/default.yaml + config/dev.yaml",
            "app-prod: chart chart/values.yaml + config/default.yaml + config/prod.yaml",
        ]
    );
    let report = infer("", &files).expect("infers").report;
    assert!(!report.contains("left out"), "{report}");
}

#[test]
fn region_overlays_are_not_environments() {
    let files = files(&[
        ("values.yaml", "a: 1\n"),
        ("values-staging.yaml", "a: 2\n"),
        ("values-prod.yaml", "a: 3\n"),
        ("values-eu.yaml", "region: eu\n"),
        ("values-us-east-1.yaml", "region: us\n"),
    ]);
    assert_eq!(
        summary("", &files),
        ["staging: chart values.yaml + values-staging.yaml", "prod: chart values.yaml + values-prod.yaml"]
    );
    assert_eq!(
        infer("", &files).unwrap().plan.notes,
        [
            "left out `values-eu.yaml`: it names a region, not an environment; add it to the layers of the environments it applies to",
            "left out `values-us-east-1.yaml`: it names a region, not an environment; add it to the layers of the environments it applies to",
        ]
    );
}

#[test]
fn a_chart_schema_beside_the_defaults_is_named() {
    let mut entries = SEED_004.to_vec();
    entries.push(("values.schema.json", r#"{"properties": {"replicaCount": {"type": "integer"}}}"#));
    let files = files(&entries);
    let outcome = init("init -o yaml", &files);
    assert_eq!(outcome.exit_code, 0, "{}", outcome.stderr);
    assert!(outcome.stdout.contains("\nchart: values.yaml\nschema: values.schema.json\n"), "{}", outcome.stdout);
    assert!(outcome.stderr.contains("chart schema: values.schema.json"), "{}", outcome.stderr);
    assert_loads(".", &files);
    // Without the file, no `schema:` line.
    assert!(!init("init -o yaml", &self::files(SEED_004)).stdout.contains("schema:"));
}

const SEED_002: &[(&str, &str)] = &[
    (
        "p/config/environments.yaml",
        "environments:
  development: {description: Local, tier: development, region: local}
  testing: {tier: testing, region: us-east-1a}
  staging: {tier: pre-production, region: us-east-1}
  production: {tier: production, region: us-east-1}
  production-eu: {tier: production, region: eu-west-1}
",
    ),
    ("p/config/services/api/development.yaml", "api: {replicas: 1}\n"),
    ("p/config/services/api/production.yaml", "api: {replicas: 5}\n"),
    ("p/config/services/worker/production.yaml", "worker: {replicas: 4}\n"),
    ("p/config/services/worker/production-eu.yaml", "worker: {replicas: 4}\n"),
    ("p/config/base.yaml", "base_config: {logging: {level: INFO}}\n"),
    ("p/config/development.yaml", "extends: base_config\noverrides: {logging: {level: DEBUG}}\n"),
    ("p/config/feature-flags.yaml", "feature_flags: {}\n"),
];

#[test]
fn seed_002_inherit_layers_follow_the_extends_chain() {
    let files = files(&[
        (
            "p/config/environments.yaml",
            "environments:\n  staging: {tier: staging}\n  production: {tier: production}\n  qa: {tier: testing}\n",
        ),
        ("p/config/base.yaml", "base_config: {logging: {level: INFO}, pool: 10}\n"),
        ("p/config/shared.yaml", "region: us\n"),
        ("p/config/staging.yaml", "extends: [base_config, shared]\noverrides: {pool: 20}\n"),
        ("p/config/production.yaml", "extends: staging\noverrides: {pool: 50}\n"),
        ("p/config/qa.yaml", "extends: nowhere\noverrides: {pool: 1}\n"),
        ("p/config/tenants.yaml", "staging: {a: 1}\n"),
    ]);
    assert_eq!(
        summary("p", &files),
        [
            "qa: ",
            "staging: inherit config/staging.yaml from config/base.yaml, config/shared.yaml",
            "production: inherit config/production.yaml from config/staging.yaml, config/base.yaml, config/shared.yaml",
        ]
    );
    let plan = infer("p", &files).unwrap().plan;
    assert!(
        plan.notes
            .iter()
            .any(|n| n.starts_with("left out `config/qa.yaml`") && n.contains("no file beside it defines")),
        "{:?}",
        plan.notes
    );
    // What init writes resolves: production's pool comes through staging from base.
    let outcome = init("init p -o yaml", &files);
    assert_eq!(outcome.exit_code, 0, "{}", outcome.stderr);
    let mut with = files.clone();
    with.insert("p/strata.yaml", outcome.stdout.as_str());
    let loaded = load("p", &with).unwrap_or_else(|(s, e)| panic!("{}", crate::diag::render_all(&e, &s)));
    let rooted = RootedFiles { root: "p", inner: &with };
    let resolution = resolve_environments(&loaded.workspace, loaded.source, loaded.sources, &rooted, &[]);
    let Some(Ok(production)) = resolution.get("production") else { panic!("{:?}", resolution.errors()) };
    let values = production.root.value.as_map().unwrap();
    assert_eq!(values.get("pool").map(|n| n.value.clone()), Some(crate::node::Value::Float(50.0)));
    assert_eq!(values.get("region").map(|n| n.value.clone()), Some(crate::node::Value::Str("us".into())));
}

#[test]
fn seed_002_environments_file_and_services() {
    let files = files(SEED_002);
    assert_eq!(
        summary("p", &files),
        [
            "development: inherit config/development.yaml from config/base.yaml + config/services/api/development.yaml",
            "testing: ",
            "staging: ",
            "production: config/services/api/production.yaml + config/services/worker/production.yaml",
            "production-eu: config/services/worker/production-eu.yaml",
        ]
    );
    let plan = infer("p", &files).unwrap().plan;
    let eu = &plan.environments[4];
    assert_eq!((eu.tier.as_deref(), eu.region.as_deref()), (Some("production"), Some("eu-west-1")));
    assert_eq!(plan.environments[0].description.as_deref(), Some("Local"));
    assert_eq!(
        super::plan::chains(&plan.promotion),
        ["development -> testing -> staging -> production", "staging -> production-eu"]
    );
    assert_eq!(plan.notes, ["left out `config/feature-flags.yaml`: not a values layer (a table by environment)",]);
    assert_loads("p", &files);
}

#[test]
fn helmfile_environments_skip_templates_and_missing_files() {
    let files = files(&[
        (
            "helmfile.yaml.gotmpl",
            "environments:\n  dev:\n    values: [./env/common.yaml.gotmpl, ./env/dev.yaml]\n  load:\n    values: [./env/load.yaml]\n---\nreleases:\n{{ range .Values.x }}\n",
        ),
        ("env/dev.yaml", "a: 1\n"),
        ("env/common.yaml.gotmpl", "a: {{ .x }}\n"),
    ]);
    assert_eq!(summary(".", &files), ["dev: env/dev.yaml"]);
    assert_eq!(
        infer(".", &files).unwrap().plan.notes,
        [
            "left out `env/common.yaml.gotmpl`: a Go template; strata reads values, not templates",
            "left out `env/load.yaml` of `load`: `helmfile.yaml.gotmpl` lists it, but it does not exist",
            "left out environment `load` of `helmfile.yaml.gotmpl`: none of its values files can be read as values",
            "helmfile environment values are state values (what templates in `helmfile.yaml.gotmpl` read as `.Values`), not chart values: each release decides what reaches its chart; keep a layer only where a release passes those values to the chart",
        ]
    );
}

#[test]
fn a_helmfile_wins_but_other_environment_files_are_named() {
    let files = files(&[
        ("helmfile.yaml", "environments:\n  dev:\n    values: [env/dev.yaml]\n  prod:\n    values: [env/prod.yaml]\n"),
        ("env/dev.yaml", "a: 1\n"),
        ("env/prod.yaml", "a: 2\n"),
        ("legacy/values.yaml", "a: 0\n"),
        ("legacy/values-dev.yaml", "a: 1\n"),
        ("legacy/values-prod.yaml", "a: 2\n"),
    ]);
    assert_eq!(summary(".", &files), ["dev: env/dev.yaml", "prod: env/prod.yaml"]);
    assert_eq!(
        infer(".", &files).unwrap().plan.notes,
        [
            "helmfile environment values are state values (what templates in `helmfile.yaml` read as `.Values`), not chart values: each release decides what reaches its chart; keep a layer only where a release passes those values to the chart",
            "left out `legacy/values-dev.yaml`, `legacy/values-prod.yaml`: named like environments' values, but helmfile `environments:` names the environments; add them by hand if they belong",
        ]
    );
}

#[test]
fn environment_directories_with_a_file_per_release() {
    let files = files(&[
        ("config/ingress__common.yaml", "replicas: 1\n"),
        ("config/public/ingress.yaml", "replicas: 2\n"),
        ("config/private/ingress.yaml", "replicas: 3\n"),
        ("config/public/datadog.yaml", "site: eu\n"),
        ("config/private/datadog.yaml", "site: us\n"),
        ("config/private/only-here.yaml", "a: 1\n"),
        ("deployments/hub-a/hubploy.yaml", "images: {}\n"),
        ("deployments/hub-b/hubploy.yaml", "images: {}\n"),
        ("services/api/production.yaml", "a: 1\n"),
        ("services/worker/production.yaml", "a: 2\n"),
    ]);
    assert_eq!(
        summary("", &files),
        [
            "datadog-private: config/private/datadog.yaml",
            "datadog-public: config/public/datadog.yaml",
            "ingress-private: config/ingress__common.yaml + config/private/ingress.yaml",
            "ingress-public: config/ingress__common.yaml + config/public/ingress.yaml",
        ],
        "hub directories with a repeated descriptor, and services holding environments, are not environments"
    );
    assert_loads("", &files);
    let staged = self::files(&[
        ("apps/dev/web.yaml", "a: 1\n"),
        ("apps/prod/web.yaml", "a: 2\n"),
        ("apps/prod/db.yaml", "a: 2\n"),
    ]);
    assert_eq!(summary("", &staged), ["dev: apps/dev/web.yaml", "prod: apps/prod/web.yaml"]);
    assert!(infer("", &staged).unwrap().report.contains("promotion: dev -> prod\n"));
}

#[test]
fn no_values_files_is_a_clear_error() {
    let outcome = init("init repo", &files(&[("repo/README.md", "# hello\n"), ("repo/main.go", "package main\n")]));
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.writes.is_empty());
    assert_eq!(
        outcome.stderr,
        "error[init-no-environments]: found no values files below `repo`
  hint: strata init recognises `environments/base/` + `environments/<env>/values.yaml`, `values.yaml` + `values-<env>.yaml`, a directory of `<env>.yaml` files (with a `common.yaml`), `<env>/<release>.yaml` directories, `config/environments.yaml` + `config/services/<service>/<env>.yaml`, helmfile `environments:` and 2i2c `cluster.yaml`
  hint: or write strata.yaml by hand: see docs/strata-yaml.md
"
    );
    let outcome = init("init repo", &files(&[("repo/notes.yaml", "a: 1\n")]));
    assert!(outcome.stderr.starts_with("error[init-no-environments]: found no environments below `repo`\n"));
}

#[test]
fn an_existing_strata_yaml_is_never_overwritten() {
    let mut files = files(SEED_004);
    files.insert("strata.yaml", "version: 1\n");
    let outcome = init("init .", &files);
    assert_eq!(outcome.exit_code, 2);
    assert!(outcome.writes.is_empty());
    assert_eq!(outcome.stdout, "");
    assert_eq!(
        outcome.stderr,
        "error[init-exists]: `strata.yaml` already exists; strata init never overwrites it
  hint: edit it, or move it away and run `strata init` again; `strata init -o yaml` prints what it would write
"
    );
    // Printing what it would write is harmless.
    let outcome = init("init . -o yaml", &files);
    assert_eq!(outcome.exit_code, 0);
    assert!(outcome.writes.is_empty());
    assert!(outcome.stdout.starts_with("# strata.yaml, inferred by `strata init`"));
    assert!(outcome.stderr.starts_with("inferred 3 environments"));
    assert!(crate::api::writes_create_only(&["init".to_string()]));
    assert!(!crate::api::writes_create_only(&["render".to_string()]));
}

#[test]
fn unknown_output_format_and_unlistable_directory() {
    let outcome = init("init -o json", &files(SEED_004));
    assert_eq!(
        outcome.stderr,
        "error[usage]: `init` has no output format `json`\n  hint: use `-o yaml` to print strata.yaml instead of writing it, or leave `-o` out\n"
    );
    let outcome = run(
        &WorkspaceArgs { root: "x".into(), ..WorkspaceArgs::default() },
        &crate::files::NoFiles,
        &Terminal::default(),
    );
    assert_eq!(outcome.exit_code, 2);
    assert_eq!(
        outcome.stderr,
        "error[init-unreadable]: cannot list the files below `x`: cannot list `x` here\n  hint: give the repository's directory: `strata init path/to/repo`\n"
    );
}

/// The bundled examples: their hand-written `strata.yaml` loads and resolves, and
/// `init` infers the same environments with the same layers from their files.
mod examples {
    use super::*;

    macro_rules! example {
        ($dir:literal, [$($path:literal),* $(,)?]) => {{
            let mut files = MemoryFiles::new();
            $(files.insert(concat!("examples/", $dir, "/", $path), include_str!(concat!("../../../examples/", $dir, "/", $path)));)*
            files
        }};
    }

    fn check(dir: &str, mut files: MemoryFiles, written: &str) {
        let loaded = load(dir, &files).unwrap_or_else(|(s, e)| panic!("{}", crate::diag::render_all(&e, &s)));
        let rooted = RootedFiles { root: dir, inner: &files };
        let workspace = loaded.workspace.clone();
        let resolution = resolve_environments(&workspace, loaded.source, loaded.sources, &rooted, &[]);
        assert!(resolution.errors().is_empty(), "{dir}: {:?}", resolution.errors());
        // What init infers from the same files, without the hand-written strata.yaml.
        let path = format!("{dir}/strata.yaml");
        let mut without = MemoryFiles::new();
        for file in files.list(dir).unwrap() {
            let full = format!("{dir}/{file}");
            if full != path {
                without.insert(full.clone(), files.read_bytes(&full).unwrap());
            }
        }
        files = without;
        let plan = infer(dir, &files).unwrap().plan;
        // The hand-written layers and the inferred ones, named alike.
        let layers = |e: &crate::workspace::Environment| -> Vec<String> {
            e.layers
                .iter()
                .map(|l| match l {
                    crate::workspace::LayerSpec::Chart { path, .. } => format!("chart {path}"),
                    crate::workspace::LayerSpec::File { path, .. } => path.clone(),
                    crate::workspace::LayerSpec::Inherit { path, from, .. } => {
                        format!("inherit {path} from {}", from.join(", "))
                    }
                    other => format!("{other:?}"),
                })
                .collect()
        };
        let hand: Vec<(String, Vec<String>)> =
            workspace.environments.iter().map(|e| (e.name.clone(), layers(e))).collect();
        let inferred: Vec<(String, Vec<String>)> =
            plan.environments.iter().map(|e| (e.name.clone(), e.layer_names(true))).collect();
        assert_eq!(hand, inferred, "{dir}: {written}");
        let edges: Vec<(String, String)> = workspace.promotion.iter().map(|(a, b, _)| (a.clone(), b.clone())).collect();
        assert_eq!(edges, plan.promotion, "{dir}");
    }

    #[test]
    fn mcp_mesh() {
        let files = example!(
            "mcp-mesh",
            [
                "strata.yaml",
                "mcp-mesh-platform/values.yaml",
                "environments/base/values.yaml",
                "environments/development/values.yaml",
                "environments/staging/values.yaml",
                "environments/production/values.yaml",
                "environments/production/values-dr.yaml",
            ]
        );
        check("examples/mcp-mesh", files, "seed 001");
    }

    #[test]
    fn kubesentiment() {
        let files = example!(
            "kubesentiment",
            ["strata.yaml", "values.yaml", "values-dev.yaml", "values-staging.yaml", "values-prod.yaml"]
        );
        check("examples/kubesentiment", files, "seed 004");
    }

    #[test]
    fn platform() {
        let files = example!(
            "platform",
            [
                "strata.yaml",
                "config/environments.yaml",
                "config/base.yaml",
                "config/development.yaml",
                "config/production.yaml",
                "config/feature-flags.yaml",
                "config/tenants.yaml",
                "config/services/api/development.yaml",
                "config/services/api/testing.yaml",
                "config/services/api/staging.yaml",
                "config/services/api/production.yaml",
                "config/services/api/production-eu.yaml",
                "config/services/worker/development.yaml",
                "config/services/worker/testing.yaml",
                "config/services/worker/staging.yaml",
                "config/services/worker/production.yaml",
                "config/services/worker/production-eu.yaml",
            ]
        );
        check("examples/platform", files, "seed 002");
    }
}
