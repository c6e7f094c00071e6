//! Resolve the environments of a workspace: each one a Helm stack of its layers.

use super::model::{Environment, LayerSpec, Workspace};
use crate::diag::Diagnostic;
use crate::files::Files;
use crate::resolve::{self, ReadCache, Resolved, Stack, ValuesLayer};
use crate::source::{SourceId, SourceKind, Sources, Span};
use crate::yaml::Limits;

/// Files below a workspace root: paths in `strata.yaml` are relative to it.
pub struct RootedFiles<'a> {
    pub root: &'a str,
    pub inner: &'a dyn Files,
}

impl RootedFiles<'_> {
    pub fn join(&self, path: &str) -> String {
        join(self.root, path)
    }
}

impl Files for RootedFiles<'_> {
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>, String> {
        self.inner.read_bytes(&self.join(path))
    }
}

/// `root/path`, unless `path` is absolute or `root` is empty or `.`.
pub fn join(root: &str, path: &str) -> String {
    if root.is_empty() || root == "." || path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}/{}", root.trim_end_matches('/'), path)
    }
}

/// Every environment of a workspace, resolved over one shared set of sources.
pub struct Resolution {
    pub sources: Sources,
    /// In workspace order; an environment whose layers fail holds its errors.
    pub environments: Vec<(String, Result<Resolved, Vec<Diagnostic>>)>,
}

impl Resolution {
    pub fn get(&self, name: &str) -> Option<&Result<Resolved, Vec<Diagnostic>>> {
        self.environments.iter().find(|(n, _)| n == name).map(|(_, r)| r)
    }

    /// Every error of every environment, in order.
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.environments.iter().filter_map(|(_, r)| r.as_ref().err()).flatten().collect()
    }
}

/// Resolve the named environments (all when `only` is empty). `workspace_source` is
/// `strata.yaml` itself, already in `sources`: inline layers point into it.
pub fn resolve_environments(
    workspace: &Workspace,
    workspace_source: SourceId,
    mut sources: Sources,
    files: &RootedFiles,
    only: &[String],
) -> Resolution {
    let mut loaded: Vec<(String, Result<SourceId, Diagnostic>)> = Vec::new();
    let cache = ReadCache::default();
    let mut environments = Vec::new();
    for env in &workspace.environments {
        if !only.is_empty() && !only.contains(&env.name) {
            continue;
        }
        let result = resolve_one(workspace, env, workspace_source, &mut sources, files, &mut loaded, &cache);
        environments.push((env.name.clone(), result));
    }
    Resolution { sources, environments }
}

fn resolve_one(
    workspace: &Workspace,
    env: &Environment,
    workspace_source: SourceId,
    sources: &mut Sources,
    files: &RootedFiles,
    loaded: &mut Vec<(String, Result<SourceId, Diagnostic>)>,
    cache: &ReadCache,
) -> Result<Resolved, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut chart = None;
    let mut values = Vec::new();
    let mut args = Vec::new();
    for layer in &env.layers {
        match layer {
            LayerSpec::Chart { path, span } => match load(path, *span, sources, files, loaded) {
                Ok(id) => chart = Some(id),
                Err(error) => errors.push(error),
            },
            LayerSpec::File { path, span } => match load(path, *span, sources, files, loaded) {
                Ok(id) => values.push(ValuesLayer::File(id)),
                Err(error) => errors.push(error),
            },
            LayerSpec::Inherit { path, from, span } => {
                let target = load(path, *span, sources, files, loaded);
                let parents: Vec<_> = from.iter().map(|parent| load(parent, *span, sources, files, loaded)).collect();
                match (target, parents.into_iter().collect::<Result<Vec<_>, _>>()) {
                    (Ok(target), Ok(parents)) => values.push(ValuesLayer::Inherit { target, parents }),
                    (Err(error), _) | (_, Err(error)) => errors.push(error),
                }
            }
            LayerSpec::Inline { values: map, .. } => {
                values.push(ValuesLayer::Inline { source: workspace_source, values: map.clone() });
            }
            LayerSpec::Set { kind, arg, .. } => {
                args.push((*kind, sources.add(kind.flag(), SourceKind::Argument, arg.clone())));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let stack = Stack {
        profile: workspace.profile,
        chart,
        values,
        args,
        files,
        limits: Limits::default(),
        inherit: false,
        cache: Some(cache),
    };
    resolve::resolve(sources, &stack)
}

/// A file's source, read once however many environments use it.
fn load(
    path: &str,
    span: Span,
    sources: &mut Sources,
    files: &RootedFiles,
    loaded: &mut Vec<(String, Result<SourceId, Diagnostic>)>,
) -> Result<SourceId, Diagnostic> {
    if let Some((_, result)) = loaded.iter().find(|(p, _)| p == path) {
        return result.clone();
    }
    let result = match files.read_bytes(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(sources.add(files.join(path), SourceKind::File, text)),
            Err(_) => Err(Diagnostic::error("not-utf8", format!("`{path}` is not UTF-8 text"))
                .at(span)
                .hint("save the file as UTF-8; Helm reads values files as UTF-8")),
        },
        Err(reason) => Err(Diagnostic::error("file-unreadable", format!("cannot read `{path}`: {reason}"))
            .at(span)
            .hint("paths in strata.yaml are relative to the directory that holds it")),
    };
    loaded.push((path.to_string(), result.clone()));
    result
}
