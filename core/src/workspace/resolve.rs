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
    sources: Sources,
    files: &RootedFiles,
    only: &[String],
) -> Resolution {
    let prepared = prepare(workspace, workspace_source, sources, files, only);
    let environments =
        (0..prepared.len()).map(|i| (prepared.name(i).to_string(), prepared.resolve(i, files))).collect();
    Resolution { sources: prepared.sources, environments }
}

/// Environments with every file read and every stack known, to resolve one at a time:
/// a command that needs only a little of each environment never holds all their values.
pub struct Prepared {
    pub sources: Sources,
    profile: crate::profile::Profile,
    /// In workspace order; an environment whose files cannot be read holds its errors.
    environments: Vec<(String, Result<Plan, Vec<Diagnostic>>)>,
    cache: ReadCache,
}

/// One environment's stack, by source.
struct Plan {
    chart: Option<SourceId>,
    values: Vec<ValuesLayer>,
    args: Vec<(crate::strvals::SetKind, SourceId)>,
}

impl Prepared {
    pub fn len(&self) -> usize {
        self.environments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.environments.is_empty()
    }

    pub fn name(&self, index: usize) -> &str {
        &self.environments[index].0
    }

    /// Where the environment called `name` is, if prepared.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.environments.iter().position(|(n, _)| n == name)
    }

    /// Every error found reading the environments' files, in order.
    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.environments.iter().filter_map(|(_, r)| r.as_ref().err()).flatten().collect()
    }

    /// Resolve one environment (again, if asked twice). Files that several environments
    /// use are parsed once and kept; a file only one environment uses is not kept.
    pub fn resolve(&self, index: usize, files: &RootedFiles) -> Result<Resolved, Vec<Diagnostic>> {
        self.resolve_watched(index, files, None)
    }

    /// [`Prepared::resolve`], showing `watch` each values file as it is parsed ([`Stack::watch`]).
    pub fn resolve_watched(
        &self,
        index: usize,
        files: &RootedFiles,
        watch: Option<&resolve::Watch>,
    ) -> Result<Resolved, Vec<Diagnostic>> {
        let plan = self.environments[index].1.as_ref().map_err(Clone::clone)?;
        let stack = Stack {
            profile: self.profile,
            chart: plan.chart,
            values: plan.values.clone(),
            args: plan.args.clone(),
            files,
            limits: Limits::default(),
            inherit: false,
            cache: Some(&self.cache),
            watch,
        };
        resolve::resolve(&self.sources, &stack)
    }
}

/// Read the files of the named environments (all when `only` is empty) and plan their
/// stacks, without resolving any.
pub fn prepare(
    workspace: &Workspace,
    workspace_source: SourceId,
    mut sources: Sources,
    files: &RootedFiles,
    only: &[String],
) -> Prepared {
    let mut loaded: Vec<(String, Result<SourceId, Diagnostic>)> = Vec::new();
    let mut environments = Vec::new();
    let mut uses: Vec<SourceId> = Vec::new();
    for env in &workspace.environments {
        if !only.is_empty() && !only.contains(&env.name) {
            continue;
        }
        let plan = plan_one(env, workspace_source, &mut sources, files, &mut loaded);
        if let Ok(plan) = &plan {
            uses.extend(plan.chart);
            for layer in &plan.values {
                match layer {
                    ValuesLayer::File(id) => uses.push(*id),
                    ValuesLayer::Inherit { target, parents } => uses.extend(parents.iter().chain([target])),
                    ValuesLayer::Inline { .. } => {}
                }
            }
        }
        environments.push((env.name.clone(), plan));
    }
    Prepared { sources, profile: workspace.profile, environments, cache: ReadCache::shared(uses) }
}

fn plan_one(
    env: &Environment,
    workspace_source: SourceId,
    sources: &mut Sources,
    files: &RootedFiles,
    loaded: &mut Vec<(String, Result<SourceId, Diagnostic>)>,
) -> Result<Plan, Vec<Diagnostic>> {
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
    if errors.is_empty() {
        Ok(Plan { chart, values, args })
    } else {
        Err(errors)
    }
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
