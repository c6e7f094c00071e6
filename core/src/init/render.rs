//! The inferred plan as `strata.yaml` text, and as the report `init` prints.

use super::plan::{chains, Plan};
use crate::emit::{json_string, yaml_scalar_inline};
use crate::node::Value;
use std::fmt::Write as _;

fn scalar(text: &str) -> String {
    yaml_scalar_inline(&Value::Str(text.into()))
}

/// A scalar inside `{...}` or `[...]`, where `,` and brackets end a plain scalar.
fn flow_scalar(text: &str) -> String {
    if text.contains([',', '[', ']', '{', '}']) {
        let mut quoted = String::new();
        json_string(&mut quoted, text);
        quoted
    } else {
        scalar(text)
    }
}

/// The chart every environment shares, if they all have the same one.
pub fn shared_chart(plan: &Plan) -> Option<&str> {
    let first = plan.environments.first()?.chart.as_deref()?;
    plan.environments.iter().all(|e| e.chart.as_deref() == Some(first)).then_some(first)
}

/// `strata.yaml` for the plan; it reads back with `workspace::load`.
pub fn strata_yaml(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# strata.yaml, inferred by `strata init` from: {}.", plan.layouts.join("; "));
    out.push_str("# Each environment's layers apply in order, later files winning (Helm's `-f` order);\n");
    out.push_str("# paths are relative to this file. Check them, then run `strata matrix`.\n");
    out.push_str("version: 1\n");
    let shared = shared_chart(plan);
    if let Some(chart) = shared {
        let _ = writeln!(out, "chart: {}", scalar(chart));
    }
    if let Some(schema) = &plan.schema {
        let _ = writeln!(out, "schema: {}", scalar(schema));
    }
    out.push_str("environments:\n");
    for env in &plan.environments {
        let _ = writeln!(out, "  # {}", env.evidence);
        let _ = writeln!(out, "  {}:", scalar(&env.name));
        for (key, value) in [("description", &env.description), ("tier", &env.tier), ("region", &env.region)] {
            if let Some(value) = value {
                let _ = writeln!(out, "    {key}: {}", scalar(value));
            }
        }
        let own_chart = env.chart.as_deref().filter(|_| shared.is_none());
        if own_chart.is_none() && env.inherit.is_none() && env.files.is_empty() {
            out.push_str("    layers: []\n");
            continue;
        }
        out.push_str("    layers:\n");
        if let Some(chart) = own_chart {
            let _ = writeln!(out, "      - chart: {}", scalar(chart));
        }
        if let Some(inherited) = &env.inherit {
            let from: Vec<String> = inherited.from.iter().map(|f| flow_scalar(f)).collect();
            let file = flow_scalar(&inherited.file);
            let _ = writeln!(out, "      - inherit: {{file: {file}, from: [{}]}}", from.join(", "));
        }
        for file in &env.files {
            let _ = writeln!(out, "      - {}", scalar(file));
        }
    }
    let lines = chains(&plan.promotion);
    if !lines.is_empty() {
        out.push_str("promotion:\n");
        for line in lines {
            let _ = writeln!(out, "  - {}", scalar(&line));
        }
    }
    out.push_str("# Not inferred; add by hand (see docs/strata-yaml.md): deploy settings (release,\n");
    out.push_str("# namespace, helm flags, confirm), gates, policy (promotable and pinned paths),\n");
    out.push_str("# intended differences and secret inventories.\n");
    out
}

/// What was inferred and why: one line per environment, then the chart, the
/// promotion graph and what was left out.
pub fn report(plan: &Plan) -> String {
    let mut out = String::new();
    let count = plan.environments.len();
    let _ = writeln!(
        out,
        "inferred {count} environment{} from {}",
        if count == 1 { "" } else { "s" },
        plan.layouts.join("; ")
    );
    let shared = shared_chart(plan);
    for env in &plan.environments {
        let layers = env.layer_names(shared.is_none());
        let layers = if layers.is_empty() { "(no values files)".to_string() } else { layers.join(" + ") };
        let mut facts: Vec<String> = Vec::new();
        if let Some(tier) = &env.tier {
            facts.push(format!("tier {tier}"));
        }
        if let Some(region) = &env.region {
            facts.push(format!("region {region}"));
        }
        facts.push(env.evidence.clone());
        let _ = writeln!(out, "  {}: {layers} ({})", env.name, facts.join("; "));
    }
    match shared {
        Some(chart) => {
            let _ = writeln!(out, "chart defaults: {chart}");
            if let Some(schema) = &plan.schema {
                let _ = writeln!(out, "chart schema: {schema} (`strata check` takes the keys it declares as known)");
            }
        }
        None if plan.environments.iter().all(|e| e.chart.is_none()) => out.push_str("chart defaults: none found\n"),
        None => {}
    }
    let lines = chains(&plan.promotion);
    if lines.is_empty() {
        let _ = writeln!(out, "promotion: none inferred ({})", why_no_promotion(plan));
    } else {
        let _ = writeln!(out, "promotion: {}", lines.join(", "));
    }
    if !plan.notes.is_empty() {
        out.push_str("notes:\n");
        for note in &plan.notes {
            let _ = writeln!(out, "  {note}");
        }
    }
    out
}

/// Why no promotion edge was inferred, for the report.
fn why_no_promotion(plan: &Plan) -> &'static str {
    let staged = plan.environments.iter().filter(|e| e.tier.is_some()).count();
    if plan.environments.len() < 2 {
        "there is only one environment"
    } else if staged == 0 {
        "no environment names a stage"
    } else if staged == 1 {
        "only one environment names a stage"
    } else {
        "no two environments of one track name different stages"
    }
}
