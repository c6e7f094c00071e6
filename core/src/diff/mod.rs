//! `strata diff`: what differs between two environments, path by path.
//!
//! `strata diff A B` compares two environments of one workspace. `--against DIR`
//! compares environments of this workspace (B, the change) with the same names in the
//! workspace at DIR (A, e.g. a checkout of the main branch): the one named, the `-e`
//! list, or else every environment either workspace has, so a pull request shows what
//! it changes everywhere. Exit status as diff(1): 0 same, 1 different, 2 error.
//!
//! Output: `-o text` (default) lists each change with both origins; `-o json` is the
//! same data for tools; `--text` is a unified diff of the rendered YAML. Secret values
//! are masked in every mode unless `--show-secrets`.

mod compare;
mod model;
pub mod open;
mod render;
mod unified;

#[cfg(test)]
mod tests;

pub use compare::{compare, Show, Tree};
pub use model::{Change, Comparison, End, Kind, Origin, Side};

use crate::api::{Outcome, Terminal};
use crate::command::WorkspaceArgs;
use crate::files::Files;
use crate::node::{Node, Value};
use crate::resolve::Resolved;
use crate::source::{SourceId, Span};
use crate::workspace::SecretRules;
use open::{open, unknown_environment, usage, Opened};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn run(args: &WorkspaceArgs, files: &dyn Files, terminal: &Terminal) -> Outcome {
    let format = match args.format.as_deref() {
        None | Some("text") => Format::Text,
        Some("json") => Format::Json,
        Some(other) => {
            return usage(format!("`diff` has no output format `{other}`"), "use `-o text` (the default) or `-o json`")
        }
    };
    if args.text && format == Format::Json {
        return usage("`--text` prints a unified diff, not JSON".into(), "drop `-o json`, or drop `--text`");
    }
    let sides = match &args.against {
        None => within(args, files),
        Some(dir) => across(args, dir, files),
    };
    let (b_side, a_side, names) = match sides {
        Ok(sides) => sides,
        Err(outcome) => return outcome,
    };
    let rules = merged_rules(&b_side.workspace.secrets, a_side.as_ref().map(|a| &a.workspace.secrets));
    let a_opened = a_side.as_ref().unwrap_or(&b_side);
    let empty = empty_resolved();
    let color = terminal.color(args.color);
    let show = Show { rules: &rules, secrets: args.show_secrets };
    let mut out = String::new();
    let mut comparisons = Vec::new();
    for (a_name, b_name) in &names {
        let a_resolved = resolved(a_opened, a_name);
        let b_resolved = resolved(&b_side, b_name);
        let a_workspace = args.against.clone().unwrap_or_else(|| args.root.clone());
        let mut cmp = Comparison {
            a: End { environment: a_name.clone(), workspace: a_workspace, absent: a_resolved.is_none() },
            b: End { environment: b_name.clone(), workspace: args.root.clone(), absent: b_resolved.is_none() },
            against: args.against.is_some(),
            changes: Vec::new(),
        };
        let a_tree = Tree { resolved: a_resolved.unwrap_or(&empty), sources: &a_opened.resolution.sources };
        let b_tree = Tree { resolved: b_resolved.unwrap_or(&empty), sources: &b_side.resolution.sources };
        cmp.changes = compare(a_tree, b_tree, show);
        if args.text {
            // Secrets that changed must show as changed, though masked alike on both sides.
            let changed: Vec<String> = cmp
                .changes
                .iter()
                .filter(|c| c.a.as_ref().is_some_and(|s| s.masked) || c.b.as_ref().is_some_and(|s| s.masked))
                .map(|c| c.path.clone())
                .collect();
            let a_text = unified::rendered(a_resolved.map(|r| &r.root), &rules, args.show_secrets, &[]);
            let b_text = unified::rendered(b_resolved.map(|r| &r.root), &rules, args.show_secrets, &changed);
            out.push_str(&unified::unified(&cmp, &a_text, &b_text, color));
        }
        comparisons.push(cmp);
    }
    // With `--text`, entries that only moved (matched by identity) still print, so count.
    let different = comparisons.iter().any(|c| !c.changes.is_empty()) || (args.text && !out.is_empty());
    let stdout = match (args.text, format) {
        (true, _) => out,
        (false, Format::Text) => render::to_text(&comparisons, color),
        (false, Format::Json) => render::to_json(&comparisons),
    };
    Outcome { stdout, exit_code: i32::from(different), ..Outcome::default() }
}

/// `strata diff A B`: both from the workspace at `-C`.
type Sides = (Opened, Option<Opened>, Vec<(String, String)>);

fn within(args: &WorkspaceArgs, files: &dyn Files) -> Result<Sides, Outcome> {
    let [a, b] = args.positionals.as_slice() else {
        return Err(usage(
            "`diff` compares two environments".into(),
            "write `strata diff staging production`, or `strata diff production --against ../main`",
        ));
    };
    let opened = open(&args.root, files, &[a.clone(), b.clone()], true)?;
    Ok((opened, None, vec![(a.clone(), b.clone())]))
}

/// `strata diff [ENV] --against DIR`: this workspace is B, the one at DIR is A.
fn across(args: &WorkspaceArgs, dir: &str, files: &dyn Files) -> Result<Sides, Outcome> {
    let named: Vec<String> = match args.positionals.as_slice() {
        [] => args.environments.clone(),
        [one] => vec![one.clone()],
        _ => {
            return Err(usage(
                "with `--against`, `diff` compares the same environment in two workspaces".into(),
                "name one environment (`strata diff production --against ../main`), or none for all of them",
            ))
        }
    };
    let b = open(&args.root, files, &named, false)?;
    let a = open(dir, files, &named, false)?;
    let mut names: Vec<String> = Vec::new();
    if named.is_empty() {
        names.extend(b.workspace.environments.iter().map(|e| e.name.clone()));
        for env in &a.workspace.environments {
            if !names.contains(&env.name) {
                names.push(env.name.clone());
            }
        }
    } else {
        for name in named {
            if b.workspace.environment(&name).is_none() && a.workspace.environment(&name).is_none() {
                return Err(open::failure(
                    &crate::source::Sources::new(),
                    &[unknown_environment(&name, &b.workspace, &args.root)],
                ));
            }
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok((b, Some(a), names.into_iter().map(|n| (n.clone(), n)).collect()))
}

fn resolved<'a>(opened: &'a Opened, name: &str) -> Option<&'a Resolved> {
    opened.resolution.get(name).and_then(|r| r.as_ref().ok())
}

/// An environment one checkout does not have: no values at all.
fn empty_resolved() -> Resolved {
    Resolved {
        root: Node::new(Value::Map(Box::default()), Span::at(SourceId(0), 0)),
        layers: Vec::new(),
        deletions: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Mask what either workspace calls secret.
fn merged_rules(b: &SecretRules, a: Option<&SecretRules>) -> SecretRules {
    let mut rules = b.clone();
    if let Some(a) = a {
        rules.keys.extend(a.keys.iter().filter(|k| !b.keys.contains(k)).cloned());
    }
    rules
}
