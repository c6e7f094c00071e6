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
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::node::{Node, Value};
use crate::resolve::Resolved;
use crate::source::{SourceId, Sources, Span};
use crate::workspace::{Prepared, RootedFiles, SecretRules, Workspace};
use open::{open, open_prepared, resolution_failure, unknown_environment, usage, Opened};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// Text goes to `sink` a comparison at a time (`--promotion` makes many); JSON, which
/// opens with whether anything differs, is returned whole in [`Outcome::stdout`].
pub fn run(args: &WorkspaceArgs, files: &dyn Files, terminal: &Terminal, sink: &mut dyn std::fmt::Write) -> Outcome {
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
    let color = terminal.color(args.color);
    let mut differ = Differ {
        args,
        format,
        rules: SecretRules::default(),
        color,
        sink,
        written: 0,
        different: false,
        comparisons: Vec::new(),
    };
    if args.promotion {
        if let Err(outcome) = steps(&mut differ, files) {
            return outcome;
        }
        let compared = differ.written;
        let mut outcome = differ.finish();
        if compared == 0 {
            // Exit 0 as nothing differs, but never in silence: a CI job must see it compared nothing.
            outcome.stderr = Diagnostic::warning("no-promotion-steps", "no promotion step to compare")
                .hint("`--promotion` compares each step of `promotion:` in strata.yaml (or each environment with the next); name at least two environments of one step, or add `promotion:`")
                .render(&Sources::new());
        }
        return outcome;
    }
    let sides = match &args.against {
        None => within(args, files),
        Some(dir) => across(args, dir, files),
    };
    let (b_side, a_side, names) = match sides {
        Ok(sides) => sides,
        Err(outcome) => return outcome,
    };
    differ.rules = merged_rules(&b_side.workspace.secrets, a_side.as_ref().map(|a| &a.workspace.secrets));
    let a_opened = a_side.as_ref().unwrap_or(&b_side);
    let a_workspace = args.against.as_deref().unwrap_or(&args.root);
    for (a_name, b_name) in &names {
        differ.add(
            Sided {
                name: a_name,
                workspace: a_workspace,
                resolved: resolved(a_opened, a_name),
                sources: &a_opened.resolution.sources,
            },
            Sided {
                name: b_name,
                workspace: &args.root,
                resolved: resolved(&b_side, b_name),
                sources: &b_side.resolution.sources,
            },
        );
    }
    differ.finish()
}

/// One end of a comparison as the differ needs it; `resolved` is `None` when that
/// workspace has no such environment.
struct Sided<'a> {
    name: &'a str,
    workspace: &'a str,
    resolved: Option<&'a Resolved>,
    sources: &'a Sources,
}

/// Compares pairs of environments and collects what `diff` prints.
struct Differ<'a> {
    args: &'a WorkspaceArgs,
    format: Format,
    rules: SecretRules,
    color: bool,
    sink: &'a mut dyn std::fmt::Write,
    /// Comparisons written to `sink` so far.
    written: usize,
    different: bool,
    /// Kept for JSON only.
    comparisons: Vec<Comparison>,
}

impl Differ<'_> {
    fn add(&mut self, a: Sided, b: Sided) {
        let empty = empty_resolved();
        let json = !self.args.text && self.format == Format::Json;
        let show = Show { rules: &self.rules, secrets: self.args.show_secrets, json };
        let mut cmp = Comparison {
            a: End {
                environment: a.name.to_string(),
                workspace: a.workspace.to_string(),
                absent: a.resolved.is_none(),
            },
            b: End {
                environment: b.name.to_string(),
                workspace: b.workspace.to_string(),
                absent: b.resolved.is_none(),
            },
            against: self.args.against.is_some(),
            changes: Vec::new(),
        };
        let a_tree = Tree { resolved: a.resolved.unwrap_or(&empty), sources: a.sources };
        let b_tree = Tree { resolved: b.resolved.unwrap_or(&empty), sources: b.sources };
        cmp.changes = compare(a_tree, b_tree, show);
        if self.args.text {
            // Secrets that changed must show as changed, though masked alike on both sides.
            let changed: Vec<String> = cmp
                .changes
                .iter()
                .filter(|c| c.a.as_ref().is_some_and(|s| s.masked) || c.b.as_ref().is_some_and(|s| s.masked))
                .map(|c| c.path.clone())
                .collect();
            let secrets = self.args.show_secrets;
            let a_text = unified::rendered(a.resolved.map(|r| &r.root), &self.rules, secrets, &[]);
            let b_text = unified::rendered(b.resolved.map(|r| &r.root), &self.rules, secrets, &changed);
            let text = unified::unified(&cmp, &a_text, &b_text, self.color);
            // Entries that only moved (matched by identity) print too, so they count.
            self.different |= !text.is_empty();
            let _ = self.sink.write_str(&text);
        }
        self.different |= !cmp.changes.is_empty();
        match (self.args.text, self.format) {
            (true, _) => {}
            (false, Format::Text) => {
                let mut text = String::new();
                if self.written > 0 {
                    text.push('\n');
                }
                render::comparison_text(&mut text, &cmp, self.color);
                let _ = self.sink.write_str(&text);
            }
            (false, Format::Json) => self.comparisons.push(cmp),
        }
        self.written += 1;
    }

    fn finish(self) -> Outcome {
        let stdout = match (self.args.text, self.format) {
            (false, Format::Json) => render::to_json(&self.comparisons),
            _ => String::new(),
        };
        Outcome { stdout, exit_code: i32::from(self.different), ..Outcome::default() }
    }
}

/// `strata diff --promotion`: every step of the promotion graph (each environment and
/// the next in workspace order when `strata.yaml` has none), with `-e` only the steps
/// between named environments. Each environment is resolved once and dropped after its
/// last step, so a long chain holds two at a time.
fn steps(differ: &mut Differ, files: &dyn Files) -> Result<(), Outcome> {
    let args = differ.args;
    let (workspace, prepared) = open_prepared(&args.root, files, &args.environments)?;
    let rooted = RootedFiles { root: &args.root, inner: files };
    let pairs = promotion_steps(&workspace, &prepared);
    differ.rules = workspace.secrets.clone();
    let mut last_use = vec![None; prepared.len()];
    for (step, (a, b)) in pairs.iter().enumerate() {
        last_use[*a] = Some(step);
        last_use[*b] = Some(step);
    }
    let mut held: Vec<Option<Resolved>> = (0..prepared.len()).map(|_| None).collect();
    for (step, &(a, b)) in pairs.iter().enumerate() {
        for index in [a, b] {
            if held[index].is_none() {
                held[index] =
                    Some(prepared.resolve(index, &rooted).map_err(|_| resolution_failure(&prepared, &rooted))?);
            }
        }
        differ.add(
            Sided {
                name: prepared.name(a),
                workspace: &args.root,
                resolved: held[a].as_ref(),
                sources: &prepared.sources,
            },
            Sided {
                name: prepared.name(b),
                workspace: &args.root,
                resolved: held[b].as_ref(),
                sources: &prepared.sources,
            },
        );
        for index in [a, b] {
            if last_use[index] == Some(step) {
                held[index] = None;
            }
        }
    }
    Ok(())
}

/// The promotion steps between prepared environments, as indices into `prepared`.
fn promotion_steps(workspace: &Workspace, prepared: &Prepared) -> Vec<(usize, usize)> {
    if workspace.promotion.is_empty() {
        return (1..prepared.len()).map(|i| (i - 1, i)).collect();
    }
    workspace
        .promotion
        .iter()
        .filter_map(|(from, to, _)| Some((prepared.position(from)?, prepared.position(to)?)))
        .collect()
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
        root: Node::new(Value::from_map(Default::default()), Span::at(SourceId(0), 0)),
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
