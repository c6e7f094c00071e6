//! Opening a workspace for a command: read `strata.yaml`, check the environment names the
//! command line gives, resolve the environments needed. Every failure is the exit-2
//! outcome, with each error at its position. `check` opens its workspace the same way.

use crate::api::{diagnostics_json, Outcome};
use crate::diag::{render_all, Diagnostic};
use crate::files::Files;
use crate::source::Sources;
use crate::text::closest;
use crate::workspace::{load, prepare, resolve_environments, Prepared, Resolution, RootedFiles, Workspace};

/// A workspace with the environments a command needs, resolved.
pub struct Opened {
    pub workspace: Workspace,
    /// The resolved environments, in workspace order, over one set of sources.
    pub resolution: Resolution,
}

/// Read the workspace at `root` and resolve `only` (every environment when empty).
/// Names in `only` that the workspace lacks are errors when `strict`, else left out.
pub fn open(root: &str, files: &dyn Files, only: &[String], strict: bool) -> Result<Opened, Outcome> {
    let loaded = load(root, files).map_err(|(sources, errors)| failure(&sources, &errors))?;
    let workspace = loaded.workspace;
    if strict {
        let unknown: Vec<Diagnostic> = only
            .iter()
            .filter(|name| workspace.environment(name).is_none())
            .map(|name| unknown_environment(name, &workspace, root))
            .collect();
        if !unknown.is_empty() {
            return Err(failure(&loaded.sources, &unknown));
        }
    }
    let known: Vec<String> = only.iter().filter(|name| workspace.environment(name).is_some()).cloned().collect();
    let resolution = if !only.is_empty() && known.is_empty() {
        // Asked only for names this workspace lacks: resolve none (an empty `only` means all).
        Resolution { sources: loaded.sources, environments: Vec::new() }
    } else {
        let rooted = RootedFiles { root, inner: files };
        resolve_environments(&workspace, loaded.source, loaded.sources, &rooted, &known)
    };
    let errors: Vec<Diagnostic> = resolution.errors().into_iter().cloned().collect();
    if !errors.is_empty() {
        return Err(failure(&resolution.sources, &errors));
    }
    Ok(Opened { workspace, resolution })
}

/// Read the workspace at `root` and prepare `only` (every environment when empty) to be
/// resolved one at a time; names the workspace lacks are errors, as are unreadable files.
pub fn open_prepared(root: &str, files: &dyn Files, only: &[String]) -> Result<(Workspace, Prepared), Outcome> {
    let loaded = load(root, files).map_err(|(sources, errors)| failure(&sources, &errors))?;
    let workspace = loaded.workspace;
    let unknown: Vec<Diagnostic> = only
        .iter()
        .filter(|name| workspace.environment(name).is_none())
        .map(|name| unknown_environment(name, &workspace, root))
        .collect();
    if !unknown.is_empty() {
        return Err(failure(&loaded.sources, &unknown));
    }
    let rooted = RootedFiles { root, inner: files };
    let prepared = prepare(&workspace, loaded.source, loaded.sources, &rooted, only);
    if !prepared.errors().is_empty() {
        return Err(resolution_failure(&prepared, &rooted));
    }
    Ok((workspace, prepared))
}

/// The exit-2 outcome when an environment cannot be resolved: every environment's errors,
/// in workspace order, as [`open`] reports them.
pub fn resolution_failure(prepared: &Prepared, files: &RootedFiles) -> Outcome {
    let errors: Vec<Diagnostic> =
        (0..prepared.len()).filter_map(|i| prepared.resolve(i, files).err()).flatten().collect();
    failure(&prepared.sources, &errors)
}

/// An environment name the workspace does not define.
pub fn unknown_environment(name: &str, workspace: &Workspace, root: &str) -> Diagnostic {
    let names = workspace.environments.iter().map(|e| e.name.as_str());
    let error =
        Diagnostic::error("unknown-environment", format!("the workspace in `{root}` has no environment `{name}`"));
    match closest(name, names) {
        Some(best) => error.hint(format!("did you mean `{best}`?")),
        None => error.hint(format!(
            "name one of {}",
            workspace.environments.iter().map(|e| format!("`{}`", e.name)).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The exit-2 outcome for errors.
pub fn failure(sources: &Sources, errors: &[Diagnostic]) -> Outcome {
    Outcome {
        stderr: render_all(errors, sources),
        exit_code: 2,
        diagnostics_json: diagnostics_json(sources, errors),
        ..Outcome::default()
    }
}

/// A usage error about the options: exit 2, nothing positioned.
pub fn usage(message: String, hint: &'static str) -> Outcome {
    failure(&Sources::new(), &[Diagnostic::error("usage", message).hint(hint)])
}
