//! `strata init` over every multienv layout of the corpus (`tests/data/corpus/multienv/`,
//! copies of real repositories; see its SOURCES.md): the environments and layers it
//! infers, exactly, and that the file it writes loads and resolves with every layer.
//! Nine of the ten layouts are inferred; the other fails with a clear error.

use std::path::{Path, PathBuf};
use strata_core::files::Files;
use strata_core::init::plan::chains;
use strata_core::init::{infer, Plan};
use strata_core::workspace::{load, resolve_environments, RootedFiles};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus/multienv")
}

/// The file system below the corpus as upstream has it, plus the `strata.yaml` that `init`
/// would write. Some corpus copies carry a reviewed `strata.yaml` of ours for the golden
/// cases of `matrix`, `diff` and `check`; it is hidden here, as upstream has none.
struct Disk {
    written: Option<(String, String)>,
}

impl Files for Disk {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        if let Some((name, text)) = &self.written {
            if name == path {
                return Ok(text.clone().into_bytes());
            }
        }
        if path.ends_with("/strata.yaml") {
            return Err("no such file or directory".to_string());
        }
        std::fs::read(corpus().join(path)).map_err(|e| e.to_string())
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
            for entry in std::fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    walk(root, &path, out)?;
                } else if let Ok(rel) = path.strip_prefix(root) {
                    if rel != Path::new("strata.yaml") {
                        out.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
            }
            Ok(())
        }
        let root = corpus().join(dir);
        let mut out = Vec::new();
        walk(&root, &root, &mut out).map_err(|e| e.to_string())?;
        out.sort();
        Ok(out)
    }
}

/// One line per environment: `name: [chart C] file + file`.
fn summary(plan: &Plan) -> Vec<String> {
    plan.environments
        .iter()
        .map(|env| {
            let mut layers: Vec<String> = env.chart.iter().map(|c| format!("chart {c}")).collect();
            layers.extend(env.files.iter().cloned());
            format!("{}: {}", env.name, layers.join(" + "))
        })
        .collect()
}

/// Infer, check the written file loads and every environment resolves, and return the plan.
fn inferred(repo: &str) -> Plan {
    let inferred = infer(repo, &Disk { written: None }).unwrap_or_else(|e| panic!("{repo}: {}", e.message));
    let disk = Disk { written: Some((format!("{repo}/strata.yaml"), inferred.yaml.clone())) };
    let loaded = match load(repo, &disk) {
        Ok(loaded) => loaded,
        Err((sources, errors)) => panic!(
            "{repo}: the inferred strata.yaml does not load:\n{}",
            strata_core::diag::render_all(&errors, &sources)
        ),
    };
    let rooted = RootedFiles { root: repo, inner: &disk };
    let resolution = resolve_environments(&loaded.workspace, loaded.source, loaded.sources, &rooted, &[]);
    let errors: Vec<String> = resolution.errors().iter().map(|d| d.render(&resolution.sources)).collect();
    assert!(errors.is_empty(), "{repo}: environments do not resolve:\n{}", errors.concat());
    assert_eq!(loaded.workspace.environments.len(), inferred.plan.environments.len());
    inferred.plan
}

#[test]
fn roadmap_deploy() {
    let plan = inferred("roadmap-deploy");
    assert_eq!(
        summary(&plan),
        [
            "dev: environments/base/values.yaml + environments/dev/values.yaml",
            "staging: environments/base/values.yaml + environments/staging/values.yaml",
            "prod: environments/base/values.yaml + environments/prod/values.yaml",
        ]
    );
    assert_eq!(chains(&plan.promotion), ["dev -> staging -> prod",]);
}

#[test]
fn hmpps_approved_premises_api() {
    let plan = inferred("hmpps-approved-premises-api");
    assert_eq!(
        summary(&plan),
        [
            "development: chart helm_deploy/hmpps-approved-premises-api/values.yaml + helm_deploy/values-development.yaml",
            "test: chart helm_deploy/hmpps-approved-premises-api/values.yaml + helm_deploy/values-test.yaml",
            "preprod: chart helm_deploy/hmpps-approved-premises-api/values.yaml + helm_deploy/values-preprod.yaml",
            "prod: chart helm_deploy/hmpps-approved-premises-api/values.yaml + helm_deploy/values-prod.yaml",
        ]
    );
    assert_eq!(chains(&plan.promotion), ["development -> test -> preprod -> prod",]);
}

#[test]
fn govuk_helm_charts() {
    let plan = inferred("govuk-helm-charts");
    assert_eq!(
        summary(&plan),
        [
            "app-config-integration: chart charts/app-config/values.yaml + charts/app-config/values-integration.yaml",
            "app-config-staging: chart charts/app-config/values.yaml + charts/app-config/values-staging.yaml",
            "app-config-production: chart charts/app-config/values.yaml + charts/app-config/values-production.yaml",
            "kube-prometheus-stack-integration: charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values.yaml + charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values-integration.yaml",
            "kube-prometheus-stack-staging: charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values.yaml + charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values-staging.yaml",
            "kube-prometheus-stack-production: charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values.yaml + charts/kube-prometheus-stack-bootstrap/kube-prometheus-stack-values-production.yaml",
            "kyverno-policies-integration: chart charts/kyverno-policies/values.yaml + charts/kyverno-policies/values-integration.yaml",
            "fastly-prometheus-exporter-integration: charts/monitoring-config/fastly-prometheus-exporter-values-integration.yaml",
            "fastly-prometheus-exporter-staging: charts/monitoring-config/fastly-prometheus-exporter-values-staging.yaml",
            "fastly-prometheus-exporter-production: charts/monitoring-config/fastly-prometheus-exporter-values-production.yaml",
            "prometheus-adapter-integration: charts/monitoring-config/prometheus-adapter-values-integration.yaml",
            "prometheus-adapter-staging: charts/monitoring-config/prometheus-adapter-values-staging.yaml",
            "prometheus-adapter-production: charts/monitoring-config/prometheus-adapter-values-production.yaml",
            "tempo-integration: charts/monitoring-config/tempo-values.yaml + charts/monitoring-config/tempo-values-integration.yaml",
            "tempo-staging: charts/monitoring-config/tempo-values.yaml + charts/monitoring-config/tempo-values-staging.yaml",
            "tempo-production: charts/monitoring-config/tempo-values.yaml + charts/monitoring-config/tempo-values-production.yaml",
        ]
    );
    assert_eq!(
        chains(&plan.promotion),
        [
            "app-config-integration -> app-config-staging -> app-config-production",
            "kube-prometheus-stack-integration -> kube-prometheus-stack-staging -> kube-prometheus-stack-production",
            "fastly-prometheus-exporter-integration -> fastly-prometheus-exporter-staging -> fastly-prometheus-exporter-production",
            "prometheus-adapter-integration -> prometheus-adapter-staging -> prometheus-adapter-production",
            "tempo-integration -> tempo-staging -> tempo-production",
        ]
    );
}

#[test]
fn mybinder() {
    let plan = inferred("mybinder.org-deploy");
    assert_eq!(
        summary(&plan),
        [
            "localhost: chart mybinder/values.yaml + config/localhost.yaml",
            "staging: chart mybinder/values.yaml + config/staging.yaml",
            "prod: chart mybinder/values.yaml + config/prod.yaml",
            "bids-ovh: chart mybinder/values.yaml + config/bids-ovh.yaml",
            "hetzner-2i2c: chart mybinder/values.yaml + config/hetzner-2i2c.yaml",
            "hetzner-gesis: chart mybinder/values.yaml + config/hetzner-gesis.yaml",
        ]
    );
    assert_eq!(chains(&plan.promotion), ["localhost -> staging -> prod",]);
}

#[test]
fn infrastructure_2i2c() {
    let plan = inferred("2i2c-infrastructure");
    assert_eq!(
        summary(&plan),
        [
            "awi-ciroh-staging: config/clusters/awi-ciroh/common.values.yaml + config/clusters/awi-ciroh/staging.values.yaml",
            "awi-ciroh-prod: config/clusters/awi-ciroh/common.values.yaml + config/clusters/awi-ciroh/prod.values.yaml",
            "earthscope-staging: config/clusters/earthscope/common.values.yaml + config/clusters/earthscope/staging.values.yaml",
            "earthscope-prod: config/clusters/earthscope/common.values.yaml + config/clusters/earthscope/prod.values.yaml",
            "earthscope-binder: chart helm-charts/basehub/values.yaml + config/clusters/earthscope/binder.values.yaml",
            "nasa-cryo-staging: config/clusters/nasa-cryo/common.values.yaml + config/clusters/nasa-cryo/staging.values.yaml",
            "nasa-cryo-prod: config/clusters/nasa-cryo/common.values.yaml + config/clusters/nasa-cryo/prod.values.yaml",
            "openscapeshub-staging: config/clusters/openscapeshub/common.values.yaml + config/clusters/openscapeshub/staging.values.yaml",
            "openscapeshub-prod: config/clusters/openscapeshub/common.values.yaml + config/clusters/openscapeshub/prod.values.yaml",
            "openscapeshub-workshop: config/clusters/openscapeshub/common.values.yaml + config/clusters/openscapeshub/workshop.values.yaml",
            "temple-staging: chart helm-charts/basehub/values.yaml + config/clusters/temple/common.values.yaml + config/clusters/temple/common-teaching.values.yaml + config/clusters/temple/staging.values.yaml",
            "temple-prod: chart helm-charts/basehub/values.yaml + config/clusters/temple/common.values.yaml + config/clusters/temple/common-teaching.values.yaml + config/clusters/temple/prod.values.yaml",
            "temple-advanced: chart helm-charts/basehub/values.yaml + config/clusters/temple/common.values.yaml + config/clusters/temple/common-non-teaching.values.yaml + config/clusters/temple/advanced.values.yaml",
            "temple-research: chart helm-charts/basehub/values.yaml + config/clusters/temple/common.values.yaml + config/clusters/temple/common-non-teaching.values.yaml + config/clusters/temple/research.values.yaml",
            "utoronto-staging: chart helm-charts/basehub/values.yaml + config/clusters/utoronto/common.values.yaml + config/clusters/utoronto/common-canvas.values.yaml + config/clusters/utoronto/python-common.values.yaml + config/clusters/utoronto/staging.values.yaml",
            "utoronto-r-staging: chart helm-charts/basehub/values.yaml + config/clusters/utoronto/common.values.yaml + config/clusters/utoronto/common-canvas.values.yaml + config/clusters/utoronto/r-common.values.yaml + config/clusters/utoronto/r-staging.values.yaml",
            "utoronto-prod: chart helm-charts/basehub/values.yaml + config/clusters/utoronto/common.values.yaml + config/clusters/utoronto/common-canvas.values.yaml + config/clusters/utoronto/python-common.values.yaml + config/clusters/utoronto/prod.values.yaml",
            "utoronto-r-prod: chart helm-charts/basehub/values.yaml + config/clusters/utoronto/common.values.yaml + config/clusters/utoronto/common-canvas.values.yaml + config/clusters/utoronto/r-common.values.yaml + config/clusters/utoronto/r-prod.values.yaml",
            "utoronto-highmem: chart helm-charts/basehub/values.yaml + config/clusters/utoronto/common.values.yaml + config/clusters/utoronto/common-canvas.values.yaml + config/clusters/utoronto/python-common.values.yaml + config/clusters/utoronto/highmem.values.yaml",
        ]
    );
    assert_eq!(
        chains(&plan.promotion),
        [
            "awi-ciroh-staging -> awi-ciroh-prod",
            "earthscope-staging -> earthscope-prod",
            "nasa-cryo-staging -> nasa-cryo-prod",
            "openscapeshub-staging -> openscapeshub-prod",
            "temple-staging -> temple-prod",
            "utoronto-staging -> utoronto-prod",
            "utoronto-r-staging -> utoronto-r-prod",
        ]
    );
}

#[test]
fn notification_manifests() {
    let plan = inferred("notification-manifests");
    assert_eq!(
        summary(&plan),
        [
            "dev: helmfile/overrides/dev.env",
            "staging: helmfile/overrides/staging.env",
            "production: helmfile/overrides/production.env",
        ]
    );
    assert_eq!(chains(&plan.promotion), ["dev -> staging -> production",]);
}

#[test]
fn orchestrate_kubernetes() {
    let plan = inferred("orchestrate-kubernetes");
    assert_eq!(
        summary(&plan),
        ["default: environments/default.yaml", "qa: environments/qa.yaml", "staging: environments/staging.yaml",]
    );
    assert_eq!(chains(&plan.promotion), ["default -> qa -> staging",]);
}

/// datahub: 27 hubs, each `deployments/<hub>/config/{common,staging,prod}.yaml` over
/// the shared `hub` chart (hubploy's order).
#[test]
fn datahub() {
    const HUBS: [&str; 27] = [
        "a11y",
        "astro",
        "biology",
        "cee",
        "data100",
        "data101",
        "data102",
        "data8",
        "datahub",
        "dev",
        "dlab",
        "edx",
        "eecs",
        "gradebook",
        "highschool",
        "ischool",
        "julia",
        "logodev",
        "nature",
        "prob140",
        "publichealth",
        "r",
        "shiny",
        "stat159",
        "stat20",
        "ugr01",
        "workshop",
    ];
    let plan = inferred("datahub");
    let expected: Vec<String> = HUBS
        .iter()
        .flat_map(|hub| {
            ["staging", "prod"].map(|env| {
                format!("{hub}-{env}: chart hub/values.yaml + deployments/{hub}/config/common.yaml + deployments/{hub}/config/{env}.yaml")
            })
        })
        .collect();
    assert_eq!(summary(&plan), expected);
    let expected: Vec<String> = HUBS.iter().map(|hub| format!("{hub}-staging -> {hub}-prod")).collect();
    assert_eq!(chains(&plan.promotion), expected);
}

/// kubernetes-management: one helmfile per cluster (`clusters/<cluster>.yaml`) deploys
/// releases with `config/<cluster>/<release>.yaml` over `config/<release>__common.yaml`;
/// a release deployed to several clusters has an environment per cluster, layered as
/// those helmfiles list them. `datadog`'s shared file is a Go template, left out.
#[test]
fn kubernetes_management() {
    let plan = inferred("kubernetes-management");
    let datadog = ["cijioagents2", "infracijioagents1", "privatek8s-sponsored", "publick8s"]
        .map(|cluster| format!("datadog-{cluster}: config/{cluster}/datadog.yaml"));
    let ingress = ["private", "public"].into_iter().flat_map(|side| {
        ["privatek8s-sponsored", "publick8s"].map(move |cluster| {
            format!(
                "{side}-nginx-ingress-{cluster}: config/{side}-nginx-ingress__common.yaml + config/{cluster}/{side}-nginx-ingress.yaml"
            )
        })
    });
    let expected: Vec<String> = datadog.into_iter().chain(ingress).collect();
    assert_eq!(summary(&plan), expected);
    assert!(plan.promotion.is_empty(), "cluster names name no stage");
}

/// flux2-kustomize-helm-example: the values live inside HelmRelease manifests and
/// kustomize patches, not in values files, so it fails with a clear error.
#[test]
fn layouts_not_inferred_fail_clearly() {
    let repo = "flux2-kustomize-helm-example";
    let error = infer(repo, &Disk { written: None }).expect_err(repo);
    assert_eq!(error.code, "init-no-environments");
    assert_eq!(error.message, format!("found no environments below `{repo}`"));
}
