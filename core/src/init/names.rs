//! What an environment's name says: its stage (dev < test < staging < prod), the
//! track it belongs to (`r-prod` is on track `r`), a region or a DR standby.
//!
//! Names are split into tokens on `-`, `_` and `.`; a stage word must be the whole
//! name or its first or last token with at most two other tokens
//! (`production-eu`, `r-staging`, `prod-us-east-1`), so `staging-get-jenkins-io`
//! (a service) is not mistaken for an environment.

use std::cmp::Ordering;

/// The stages of a promotion path, in promotion order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Development,
    Testing,
    Staging,
    Production,
}

impl Stage {
    /// The tier written into `strata.yaml`.
    pub fn tier(self) -> &'static str {
        match self {
            Stage::Development => "development",
            Stage::Testing => "testing",
            Stage::Staging => "staging",
            Stage::Production => "production",
        }
    }
}

const DEVELOPMENT: &[&str] =
    &["dev", "devel", "develop", "development", "local", "localhost", "sandbox", "scratch", "default"];
const TESTING: &[&str] = &["test", "testing", "qa", "integration", "int", "sit", "ci", "e2e"];
const STAGING: &[&str] =
    &["staging", "stage", "stg", "uat", "preprod", "pre-prod", "preproduction", "pre-production", "acceptance"];
const PRODUCTION: &[&str] = &["prod", "production", "prd", "live"];
/// Disaster-recovery standbys: they follow the environment they stand in for.
const DR: &[&str] = &["dr", "standby", "failover"];
/// Region words; `us-east-1`-style names are recognised by shape.
const REGIONS: &[&str] = &["eu", "us", "uk", "au", "ap", "asia", "emea", "apac", "amer", "latam"];

fn stage_of(word: &str) -> Option<Stage> {
    let word = word.to_ascii_lowercase();
    [
        (DEVELOPMENT, Stage::Development),
        (TESTING, Stage::Testing),
        (STAGING, Stage::Staging),
        (PRODUCTION, Stage::Production),
    ]
    .into_iter()
    .find(|(words, _)| words.contains(&word.as_str()))
    .map(|(_, stage)| stage)
}

/// What a name says about an environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameInfo {
    pub stage: Option<Stage>,
    /// The name without its stage and variant words (`r` for `r-prod`, empty for `prod`).
    pub track: String,
    /// A region named in the name (`eu`, `us-east-1`).
    pub region: Option<String>,
    /// The name marks a disaster-recovery standby (`production-dr`).
    pub dr: bool,
}

/// Read an environment name.
pub fn classify(name: &str) -> NameInfo {
    let lower = name.to_ascii_lowercase();
    // Whole-name stage words that contain a separator (`pre-prod`).
    if let Some(stage) = stage_of(&lower) {
        return NameInfo { stage: Some(stage), track: String::new(), region: None, dr: false };
    }
    let tokens: Vec<&str> = lower.split(['-', '_', '.']).filter(|t| !t.is_empty()).collect();
    let region_span = region_in(&tokens);
    let mut stage = None;
    let mut dr = false;
    let mut rest: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if region_span.as_ref().is_some_and(|(start, end, _)| (*start..*end).contains(&i)) {
            continue;
        }
        if stage.is_none() && (i == 0 || i + 1 == tokens.len() || after_stage_words(&tokens, i)) {
            if let Some(found) = stage_of(token) {
                stage = Some(found);
                continue;
            }
        }
        if DR.contains(token) {
            dr = true;
            continue;
        }
        rest.push(token);
    }
    // A stage word among many others names a service, not an environment.
    if stage.is_some() && rest.len() > 1 {
        return NameInfo { stage: None, track: lower, region: None, dr: false };
    }
    NameInfo { stage, track: rest.join("-"), region: region_span.map(|(_, _, region)| region), dr }
}

/// A stage word in the middle is accepted only when everything after it is a
/// region or DR word (`prod-us-east-1`, `prod-dr`).
fn after_stage_words(tokens: &[&str], i: usize) -> bool {
    let tail = &tokens[i + 1..];
    !tail.is_empty()
        && (region_in(tail).is_some_and(|(s, e, _)| s == 0 && e == tail.len()) || tail.iter().all(|t| DR.contains(t)))
}

/// The first region in the tokens, as (first token, end, region text).
fn region_in(tokens: &[&str]) -> Option<(usize, usize, String)> {
    for i in 0..tokens.len() {
        // `us-east-1`, `eu-west-2`, `europe-west1`, `us-central1`.
        if i + 1 < tokens.len() {
            let (area, direction) = (tokens[i], tokens[i + 1]);
            let direction_word = direction.trim_end_matches(|c: char| c.is_ascii_digit());
            let is_area = REGIONS.contains(&area)
                || ["europe", "asia", "australia", "northamerica", "southamerica", "me", "sa", "af"].contains(&area);
            let is_direction =
                ["east", "west", "north", "south", "central", "northeast", "southeast", "northwest", "southwest"]
                    .contains(&direction_word);
            if is_area && is_direction {
                let digits = tokens.get(i + 2).filter(|t| t.chars().all(|c| c.is_ascii_digit()));
                return Some(match digits {
                    Some(d) => (i, i + 3, format!("{area}-{direction}-{d}")),
                    None => (i, i + 2, format!("{area}-{direction}")),
                });
            }
        }
        // A bare region word, only next to a stage word (`production-eu`, `eu-prod`).
        if REGIONS.contains(&tokens[i]) && tokens.len() > 1 {
            let neighbour_is_stage = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| tokens.get(j))
                .any(|t| stage_of(t).is_some());
            if neighbour_is_stage {
                return Some((i, i + 1, tokens[i].to_string()));
            }
        }
    }
    None
}

/// Promotion order: by stage (unknown stages last), the main track before named
/// tracks (`staging` before `r-staging`), plain environments before their region
/// and DR variants, then by name.
pub fn compare(a: &str, b: &str) -> Ordering {
    let (x, y) = (classify(a), classify(b));
    let rank = |info: &NameInfo| info.stage.map_or(4, |s| s as u8);
    let variant = |info: &NameInfo| u8::from(info.region.is_some()) + 2 * u8::from(info.dr);
    rank(&x)
        .cmp(&rank(&y))
        .then_with(|| (!x.track.is_empty()).cmp(&!y.track.is_empty()))
        .then_with(|| x.track.cmp(&y.track))
        .then(variant(&x).cmp(&variant(&y)))
        .then(a.cmp(b))
}

/// Whether a name is only a region (`eu`, `us-east-1`): a dimension that overlays
/// environments, not an environment.
pub fn is_region_only(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let tokens: Vec<&str> = lower.split(['-', '_', '.']).filter(|t| !t.is_empty()).collect();
    REGIONS.contains(&lower.as_str()) || region_in(&tokens).is_some_and(|(s, e, _)| s == 0 && e == tokens.len())
}

/// Whether a file stem names an environment on its own.
pub fn is_environment(name: &str) -> bool {
    classify(name).stage.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(stage: Option<Stage>, track: &str, region: Option<&str>, dr: bool) -> NameInfo {
        NameInfo { stage, track: track.to_string(), region: region.map(str::to_string), dr }
    }

    #[test]
    fn stages_tracks_regions_and_dr() {
        assert_eq!(classify("dev"), info(Some(Stage::Development), "", None, false));
        assert_eq!(classify("pre-prod"), info(Some(Stage::Staging), "", None, false));
        assert_eq!(classify("r-prod"), info(Some(Stage::Production), "r", None, false));
        assert_eq!(classify("production-eu"), info(Some(Stage::Production), "", Some("eu"), false));
        assert_eq!(classify("production-dr"), info(Some(Stage::Production), "", None, true));
        assert_eq!(classify("prod-us-east-1"), info(Some(Stage::Production), "", Some("us-east-1"), false));
        assert_eq!(classify("staging-get-jenkins-io"), info(None, "staging-get-jenkins-io", None, false));
        assert_eq!(classify("hetzner-2i2c"), info(None, "hetzner-2i2c", None, false));
        assert_eq!(classify("localhost"), info(Some(Stage::Development), "", None, false));
        assert!(is_region_only("eu") && is_region_only("us-east-1") && is_region_only("europe-west1"));
        assert!(!is_region_only("prod-eu") && !is_region_only("euro"));
    }

    #[test]
    fn promotion_order() {
        let mut names =
            vec!["prod", "production-dr", "bids-ovh", "qa", "staging", "dev", "production-eu", "production"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(names, ["dev", "qa", "staging", "prod", "production", "production-eu", "production-dr", "bids-ovh"]);
    }
}
