//! What `strata init` inferred: applications, their environments and layers, the
//! promotion graph, and everything it left out and why.

use super::names;

/// One environment as found in the repository.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The name within its application (`prod`); prefixed with the application
    /// when a repository holds several.
    pub name: String,
    pub description: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    /// This environment's chart defaults, when they are not the group's.
    pub chart: Option<String>,
    /// A file in seed 002's `extends:`/`overrides:` form, layered before `files`.
    pub inherit: Option<Inherited>,
    /// Values files in Helm's `-f` order, relative to the directory `init` looks at.
    pub files: Vec<String>,
    /// Why these layers: one short clause for the report and the file's comment.
    pub evidence: String,
}

impl Found {
    pub fn new(name: impl Into<String>, files: Vec<String>, evidence: impl Into<String>) -> Self {
        Found {
            name: name.into(),
            description: None,
            tier: None,
            region: None,
            chart: None,
            inherit: None,
            files,
            evidence: evidence.into(),
        }
    }

    /// Every layer as the report names it: `chart C`, `inherit F from P, Q`, then the files.
    pub fn layer_names(&self, with_chart: bool) -> Vec<String> {
        let chart = self.chart.iter().filter(|_| with_chart).map(|c| format!("chart {c}"));
        let inherit = self.inherit.iter().map(|i| format!("inherit {} from {}", i.file, i.from.join(", ")));
        chart.chain(inherit).chain(self.files.iter().cloned()).collect()
    }
}

/// A file in seed 002's inheritance form and the files its `extends:` chain reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inherited {
    pub file: String,
    pub from: Vec<String>,
}

/// The environments of one application (a chart, a hub, a service) found by one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The application's name, used as a prefix when there are several.
    pub name: String,
    /// The layout rule that found it, in words (`values.yaml + values-<env>.yaml`).
    pub layout: String,
    /// The chart's default values, coalesced under every layer.
    pub chart: Option<String>,
    pub environments: Vec<Found>,
}

/// One environment of the inferred `strata.yaml`: what was found, named within the
/// whole repository, with tier, region and chart filled in from its name and group.
pub type Environment = Found;

/// The whole inference.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Each layout rule that matched, in words, once.
    pub layouts: Vec<String>,
    pub environments: Vec<Environment>,
    /// Promotion edges `from -> to`, in order.
    pub promotion: Vec<(String, String)>,
    /// Files looked at and left out, each with the reason.
    pub notes: Vec<String>,
    /// The shared chart's `values.schema.json`, when it has one.
    pub schema: Option<String>,
}

/// Name, order and connect the environments of every group.
pub fn plan(groups: Vec<Group>, notes: Vec<String>) -> Plan {
    let prefixed = groups.len() > 1;
    let mut out = Plan { notes, ..Plan::default() };
    for group in groups {
        if !out.layouts.contains(&group.layout) {
            out.layouts.push(group.layout.clone());
        }
        let mut envs = group.environments;
        envs.sort_by(|a, b| names::compare(&a.name, &b.name));
        let full = |name: &str| if prefixed { format!("{}-{name}", group.name) } else { name.to_string() };
        for (from, to) in promotion(&envs) {
            out.promotion.push((full(&from), full(&to)));
        }
        for found in envs {
            let name = full(&found.name);
            if out.environments.iter().any(|e| e.name == name) {
                out.notes.push(format!("`{name}` was found twice; kept the first ({})", found.evidence));
                continue;
            }
            let info = names::classify(&found.name);
            out.environments.push(Environment {
                name,
                description: found.description.or_else(|| info.dr.then(|| "disaster-recovery standby".to_string())),
                tier: found.tier.or_else(|| info.stage.map(|s| s.tier().to_string())),
                region: found.region.or(info.region),
                chart: found.chart.or_else(|| group.chart.clone()),
                inherit: found.inherit,
                files: found.files,
                evidence: found.evidence,
            });
        }
    }
    out
}

/// Edges along the stages of each track. Each environment is promoted into from
/// the nearest earlier stage of its track that has a source for it: a region
/// variant prefers the same region there (`staging-eu -> prod-eu`) and otherwise
/// takes the plain environments; a plain environment takes the plain ones, or
/// every region variant when that stage has no plain one. A DR standby follows the
/// environment it stands in for.
fn promotion(envs: &[Found]) -> Vec<(String, String)> {
    let infos: Vec<(&str, names::NameInfo)> = envs
        .iter()
        .map(|e| (e.name.as_str(), names::classify(&e.name)))
        .filter(|(_, info)| info.stage.is_some())
        .collect();
    let mut edges = Vec::new();
    for (name, info) in &infos {
        for from in sources(info, &infos) {
            edges.push((from.to_string(), (*name).to_string()));
        }
    }
    edges
}

/// Where the environment described by `to` is promoted from.
fn sources<'a>(to: &names::NameInfo, infos: &[(&'a str, names::NameInfo)]) -> Vec<&'a str> {
    let stage = to.stage;
    let same_track = infos.iter().filter(|(_, i)| i.track == to.track && !i.dr);
    if to.dr {
        let twins: Vec<&str> =
            same_track.clone().filter(|(_, i)| i.stage == stage && i.region == to.region).map(|(n, _)| *n).collect();
        if !twins.is_empty() {
            return twins;
        }
    }
    let earlier: Vec<&(&str, names::NameInfo)> = same_track.filter(|(_, i)| i.stage < stage).collect();
    // Walk back stage by stage until one has something for this environment.
    let mut stages: Vec<_> = earlier.iter().filter_map(|(_, i)| i.stage).collect();
    stages.sort();
    stages.dedup();
    for stage in stages.into_iter().rev() {
        let at = |keep: &dyn Fn(&names::NameInfo) -> bool| -> Vec<&'a str> {
            earlier.iter().filter(|(_, i)| i.stage == Some(stage) && keep(i)).map(|(n, _)| *n).collect()
        };
        let candidates = match &to.region {
            Some(region) => {
                let same_region = at(&|i| i.region.as_ref() == Some(region));
                if same_region.is_empty() {
                    at(&|i| i.region.is_none())
                } else {
                    same_region
                }
            }
            None => {
                let plain = at(&|i| i.region.is_none());
                if plain.is_empty() {
                    at(&|_| true)
                } else {
                    plain
                }
            }
        };
        if !candidates.is_empty() {
            return candidates;
        }
    }
    Vec::new()
}

/// The edges as `a -> b -> c` lines: each line follows the first unused edge
/// out of its last environment.
pub fn chains(edges: &[(String, String)]) -> Vec<String> {
    let mut used = vec![false; edges.len()];
    let mut lines = Vec::new();
    for start in 0..edges.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut chain = vec![edges[start].0.as_str(), edges[start].1.as_str()];
        while let Some(next) = (0..edges.len()).find(|&i| !used[i] && edges[i].0 == *chain.last().unwrap_or(&"")) {
            used[next] = true;
            chain.push(&edges[next].1);
        }
        lines.push(chain.join(" -> "));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(names: &[&str]) -> Group {
        Group {
            name: "app".into(),
            layout: "test".into(),
            chart: None,
            environments: names.iter().map(|n| Found::new(*n, vec![format!("{n}.yaml")], "test")).collect(),
        }
    }

    #[test]
    fn regions_follow_the_stage_before_and_dr_follows_its_twin() {
        let plan = plan(
            vec![group(&["production-eu", "production", "staging", "testing", "development", "production-dr"])],
            Vec::new(),
        );
        let names: Vec<&str> = plan.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["development", "testing", "staging", "production", "production-eu", "production-dr"]);
        assert_eq!(
            chains(&plan.promotion),
            ["development -> testing -> staging -> production -> production-dr", "staging -> production-eu"]
        );
        assert_eq!(plan.environments[4].region.as_deref(), Some("eu"));
        assert_eq!(plan.environments[5].description.as_deref(), Some("disaster-recovery standby"));
    }

    #[test]
    fn regional_stages_promote_region_by_region() {
        let inferred = plan(vec![group(&["prod-us", "staging-eu", "dev", "prod-eu", "staging-us"])], Vec::new());
        assert_eq!(
            chains(&inferred.promotion),
            ["dev -> staging-eu -> prod-eu", "dev -> staging-us -> prod-us"],
            "each region goes through its own staging"
        );
        let inferred = plan(vec![group(&["dev-eu", "prod-us", "dev-us", "prod-eu"])], Vec::new());
        assert_eq!(chains(&inferred.promotion), ["dev-eu -> prod-eu", "dev-us -> prod-us"]);
        let inferred =
            plan(vec![group(&["dev", "staging-eu", "staging-us", "prod", "prod-eu-dr", "prod-eu"])], Vec::new());
        assert_eq!(
            chains(&inferred.promotion),
            ["dev -> staging-eu -> prod", "dev -> staging-us -> prod", "staging-eu -> prod-eu -> prod-eu-dr"],
            "a plain stage after regional ones takes every region; a DR follows its regional twin"
        );
    }

    #[test]
    fn tracks_promote_separately_and_unknown_names_not_at_all() {
        let plan = plan(vec![group(&["r-prod", "prod", "highmem", "staging", "r-staging"])], Vec::new());
        let names: Vec<&str> = plan.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["staging", "r-staging", "prod", "r-prod", "highmem"]);
        assert_eq!(chains(&plan.promotion), ["staging -> prod", "r-staging -> r-prod"]);
    }

    #[test]
    fn several_groups_are_prefixed() {
        let mut second = group(&["prod"]);
        second.name = "web".into();
        let plan = plan(vec![group(&["dev", "prod"]), second], Vec::new());
        let names: Vec<&str> = plan.environments.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["app-dev", "app-prod", "web-prod"]);
        assert_eq!(chains(&plan.promotion), ["app-dev -> app-prod"]);
    }
}
