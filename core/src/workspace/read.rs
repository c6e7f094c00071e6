//! `strata.yaml` → [`Workspace`], with every mistake reported at its position.

use super::model::{Deploy, Environment, Intended, LayerSpec, Policy, SecretRules, Workspace};
use crate::diag::Diagnostic;
use crate::node::{Map, Node, Value};
use crate::profile::Profile;
use crate::source::Span;
use crate::strvals::SetKind;
use crate::text::closest;

/// Build the workspace from the root node of `strata.yaml`. Returns every error found.
pub fn workspace_from(root: &Node) -> Result<Workspace, Vec<Diagnostic>> {
    let mut r = Reader { errors: Vec::new() };
    let mut workspace = Workspace {
        profile: Profile::Helm4,
        environments: Vec::new(),
        promotion: Vec::new(),
        gates: Vec::new(),
        policy: Policy::default(),
        intended: Vec::new(),
        secrets: SecretRules::default(),
        schema: None,
    };
    let Some(map) = r.map(root, "strata.yaml") else { return Err(r.errors) };
    r.known_keys(
        map,
        &["version", "helm", "chart", "schema", "environments", "promotion", "gates", "policy", "intended", "secrets"],
    );
    if let Some(node) = map.get("version") {
        if !matches!(node.value, Value::Float(v) if v == 1.0) {
            r.error(node, "version", "`version` must be 1", "write `version: 1`");
        }
    }
    if let Some(node) = map.get("helm") {
        match &node.value {
            Value::Float(v) if *v == 3.0 => workspace.profile = Profile::Helm3,
            Value::Float(v) if *v == 4.0 => workspace.profile = Profile::Helm4,
            _ => r.error(node, "helm", "`helm` must be 3 or 4", "write `helm: 4` (the default) or `helm: 3`"),
        }
    }
    let chart = map.get("chart").and_then(|node| r.string(node, "chart")).map(|path| (path, map["chart"].span));
    workspace.schema = map.get("schema").and_then(|node| Some((r.string(node, "schema")?, node.span)));
    match map.get("environments") {
        Some(node) => {
            if let Some(envs) = r.map(node, "environments") {
                for (name, env) in envs {
                    if let Some(env) = r.environment(name, env, chart.as_ref()) {
                        workspace.environments.push(env);
                    }
                }
                if envs.is_empty() {
                    r.error(
                        node,
                        "environments",
                        "`environments` is empty",
                        "name at least one environment with its `layers`",
                    );
                }
            }
        }
        None => r.errors.push(
            Diagnostic::error("workspace-missing", "`strata.yaml` has no `environments`")
                .at(root.span)
                .hint("add `environments:` with one entry per environment and its `layers`"),
        ),
    }
    let names: Vec<String> = workspace.environments.iter().map(|e| e.name.clone()).collect();
    if let Some(node) = map.get("promotion") {
        workspace.promotion = r.promotion(node, &names);
    }
    if let Some(node) = map.get("gates") {
        if let Some(gates) = r.map(node, "gates") {
            for (env, list) in gates {
                r.known_environment(env, list.origin(), &names);
                workspace.gates.push((env.to_string(), r.strings(list, "gates")));
            }
        }
    }
    if let Some(node) = map.get("policy") {
        if let Some(policy) = r.map(node, "policy") {
            r.known_keys(policy, &["promotable", "pinned"]);
            workspace.policy.promotable =
                policy.get("promotable").map(|n| r.strings(n, "promotable")).unwrap_or_default();
            workspace.policy.pinned = policy.get("pinned").map(|n| r.strings(n, "pinned")).unwrap_or_default();
        }
    }
    if let Some(node) = map.get("intended") {
        workspace.intended = r.intended(node);
    }
    if let Some(node) = map.get("secrets") {
        if let Some(secrets) = r.map(node, "secrets") {
            r.known_keys(secrets, &["references", "keys"]);
            if let Some(n) = secrets.get("references") {
                workspace.secrets.references = r.strings(n, "references");
            }
            if let Some(n) = secrets.get("keys") {
                workspace.secrets.keys = r.strings(n, "keys");
            }
        }
    }
    if r.errors.is_empty() {
        Ok(workspace)
    } else {
        Err(r.errors)
    }
}

struct Reader {
    errors: Vec<Diagnostic>,
}

impl Reader {
    fn error(&mut self, node: &Node, what: &str, message: &str, hint: impl Into<std::borrow::Cow<'static, str>>) {
        let _ = what;
        self.errors.push(Diagnostic::error("workspace-invalid", message).at(node.origin()).hint(hint));
    }

    fn map<'a>(&mut self, node: &'a Node, what: &str) -> Option<&'a Map> {
        match &node.value {
            Value::Map(map) => Some(map),
            other => {
                self.errors.push(
                    Diagnostic::error(
                        "workspace-invalid",
                        format!("`{what}` must be a map, not a {}", other.type_name()),
                    )
                    .at(node.span)
                    .hint(format!("write `{what}:` followed by indented `key: value` lines")),
                );
                None
            }
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.to_string()),
            other => {
                self.errors.push(
                    Diagnostic::error(
                        "workspace-invalid",
                        format!("`{what}` must be text, not a {}", other.type_name()),
                    )
                    .at(node.span)
                    .hint("quote it, like `\"1.10\"`"),
                );
                None
            }
        }
    }

    fn bool(&mut self, node: &Node, what: &str) -> bool {
        match node.value {
            Value::Bool(b) => b,
            _ => {
                self.error(
                    node,
                    what,
                    &format!("`{what}` must be true or false"),
                    format!("write `{what}: true` or `{what}: false`"),
                );
                false
            }
        }
    }

    /// A list of strings, or one string standing for a list of one.
    fn strings(&mut self, node: &Node, what: &str) -> Vec<String> {
        match &node.value {
            Value::Str(s) => vec![s.to_string()],
            Value::Null => Vec::new(),
            Value::List(items) => items.iter().filter_map(|item| self.string(item, what)).collect(),
            other => {
                self.errors.push(
                    Diagnostic::error(
                        "workspace-invalid",
                        format!("`{what}` must be a list of text, not a {}", other.type_name()),
                    )
                    .at(node.span)
                    .hint(format!("write `{what}: [a, b]`")),
                );
                Vec::new()
            }
        }
    }

    fn known_keys(&mut self, map: &Map, known: &[&str]) {
        for (key, node) in map {
            if !known.contains(&key.as_str()) {
                let mut error =
                    Diagnostic::error("workspace-unknown-key", format!("unknown key `{key}`")).at(node.origin());
                error = match closest(key, known.iter().copied()) {
                    Some(best) => error.hint(format!("did you mean `{best}`?")),
                    None => error.hint(format!(
                        "the keys here are {}",
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    )),
                };
                self.errors.push(error);
            }
        }
    }

    fn known_environment(&mut self, name: &str, at: Span, names: &[String]) -> bool {
        if names.iter().any(|n| n == name) {
            return true;
        }
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut error =
            Diagnostic::error("workspace-unknown-environment", format!("unknown environment `{name}`")).at(at);
        error = match closest(name, known.iter().copied()) {
            Some(best) => error.hint(format!("did you mean `{best}`?")),
            None => error.hint("name an environment listed under `environments`"),
        };
        self.errors.push(error);
        false
    }

    fn environment(&mut self, name: &str, node: &Node, chart: Option<&(String, Span)>) -> Option<Environment> {
        let map = self.map(node, name)?;
        self.known_keys(map, &["description", "tier", "region", "layers", "deploy", "secrets"]);
        let mut env = Environment {
            name: name.to_string(),
            name_span: node.origin(),
            description: map.get("description").and_then(|n| self.string(n, "description")),
            tier: map.get("tier").and_then(|n| self.string(n, "tier")),
            region: map.get("region").and_then(|n| self.string(n, "region")),
            layers: Vec::new(),
            deploy: Deploy::default(),
            secrets: map.get("secrets").map(|n| self.strings(n, "secrets")).unwrap_or_default(),
        };
        if let Some((path, span)) = chart {
            env.layers.push(LayerSpec::Chart { path: path.clone(), span: *span });
        }
        match map.get("layers") {
            Some(layers) => match &layers.value {
                Value::List(items) => {
                    for item in items {
                        if let Some(layer) = self.layer(item) {
                            env.layers.push(layer);
                        }
                    }
                }
                _ => self.error(
                    layers,
                    "layers",
                    "`layers` must be a list",
                    "write `layers: [base/values.yaml, prod/values.yaml]`",
                ),
            },
            None => self.errors.push(
                Diagnostic::error("workspace-invalid", format!("environment `{name}` has no `layers`"))
                    .at(env.name_span)
                    .hint("list its values files in order under `layers:`, base first"),
            ),
        }
        if let Some(deploy) = map.get("deploy") {
            env.deploy = self.deploy(deploy);
        }
        Some(env)
    }

    fn layer(&mut self, node: &Node) -> Option<LayerSpec> {
        const KINDS: [&str; 9] =
            ["file", "chart", "values", "inherit", "set", "set-string", "set-json", "set-file", "set-literal"];
        match &node.value {
            Value::Str(path) => Some(LayerSpec::File { path: path.to_string(), span: node.span }),
            Value::Map(map) if map.len() == 1 => {
                let (kind, value) = map.iter().next()?;
                let span = value.span;
                match kind.as_str() {
                    "file" => self.string(value, "file").map(|path| LayerSpec::File { path, span }),
                    "chart" => self.string(value, "chart").map(|path| LayerSpec::Chart { path, span }),
                    "inherit" => self.inherit(value),
                    "values" => {
                        self.map(value, "values").map(|values| LayerSpec::Inline { values: values.clone(), span })
                    }
                    _ => {
                        let set_kind = match kind.as_str() {
                            "set" => SetKind::Set,
                            "set-string" => SetKind::SetString,
                            "set-json" => SetKind::SetJson,
                            "set-file" => SetKind::SetFile,
                            "set-literal" => SetKind::SetLiteral,
                            _ => {
                                self.known_keys(map, &KINDS);
                                return None;
                            }
                        };
                        self.string(value, kind).map(|arg| LayerSpec::Set { kind: set_kind, arg, span })
                    }
                }
            }
            _ => {
                self.errors.push(
                    Diagnostic::error("workspace-invalid", "a layer must be a file path or one `kind: value` pair")
                        .at(node.span)
                        .hint("write `- values-prod.yaml`, `- chart: chart/values.yaml`, `- set: image.tag=1.2.3` or `- values: {replicas: 3}`"),
                );
                None
            }
        }
    }

    /// `inherit: {file: config/production.yaml, from: [config/base.yaml]}`
    fn inherit(&mut self, node: &Node) -> Option<LayerSpec> {
        let hint = "write `- inherit: {file: config/production.yaml, from: [config/base.yaml]}`";
        let Value::Map(map) = &node.value else {
            self.error(node, "inherit", "`inherit` needs the file and the files its `extends:` may name", hint);
            return None;
        };
        self.known_keys(map, &["file", "from"]);
        let path = map.get("file").and_then(|n| self.string(n, "file"));
        let from = map.get("from").map(|n| self.strings(n, "from")).unwrap_or_default();
        match path {
            Some(path) => Some(LayerSpec::Inherit { path, from, span: node.span }),
            None => {
                self.error(node, "inherit", "`inherit` needs a `file`", hint);
                None
            }
        }
    }

    fn deploy(&mut self, node: &Node) -> Deploy {
        let mut deploy = Deploy::default();
        let Some(map) = self.map(node, "deploy") else { return deploy };
        self.known_keys(map, &["release", "chart", "namespace", "context", "flags", "confirm"]);
        deploy.release = map.get("release").and_then(|n| self.string(n, "release"));
        deploy.chart = map.get("chart").and_then(|n| self.string(n, "chart"));
        deploy.namespace = map.get("namespace").and_then(|n| self.string(n, "namespace"));
        deploy.kube_context = map.get("context").and_then(|n| self.string(n, "context"));
        if let Some(flags) = map.get("flags") {
            deploy.flags = match &flags.value {
                Value::Str(s) => s.split_whitespace().map(str::to_string).collect(),
                _ => self.strings(flags, "flags"),
            };
        }
        deploy.confirm = map.get("confirm").is_some_and(|n| self.bool(n, "confirm"));
        deploy
    }

    /// `promotion: {development: [staging], staging: [production, production-eu]}`
    /// or a list of `from -> to` lines.
    fn promotion(&mut self, node: &Node, names: &[String]) -> Vec<(String, String, Span)> {
        let mut edges = Vec::new();
        match &node.value {
            Value::Map(map) => {
                for (from, targets) in map.iter() {
                    let from_ok = self.known_environment(from, targets.origin(), names);
                    let spans: Vec<Span> = match &targets.value {
                        Value::List(items) => items.iter().map(|item| item.span).collect(),
                        _ => vec![targets.span],
                    };
                    for (to, span) in self.strings(targets, "promotion").into_iter().zip(spans) {
                        if self.known_environment(&to, span, names) && from_ok {
                            edges.push((from.to_string(), to, span));
                        }
                    }
                }
            }
            Value::List(items) => {
                for item in items {
                    let Some(line) = self.string(item, "promotion") else { continue };
                    let steps: Vec<&str> = line.split("->").map(str::trim).collect();
                    if steps.len() < 2 || steps.iter().any(|s| s.is_empty()) {
                        self.error(
                            item,
                            "promotion",
                            "a promotion line must read `from -> to`",
                            "write `development -> staging -> production`",
                        );
                        continue;
                    }
                    let known: Vec<bool> = steps
                        .iter()
                        .map(|step| self.known_environment(step, step_span(item, &line, step), names))
                        .collect();
                    for (pair, known) in steps.windows(2).zip(known.windows(2)) {
                        if known[0] && known[1] {
                            edges.push((pair[0].to_string(), pair[1].to_string(), item.span));
                        }
                    }
                }
            }
            _ => self.error(
                node,
                "promotion",
                "`promotion` must be a map or a list",
                "write `promotion: [development -> staging -> production]`",
            ),
        }
        self.check_acyclic(&edges);
        edges
    }

    /// Kahn's algorithm: peel off environments nothing promotes into; edges left over lie on a cycle.
    fn check_acyclic(&mut self, edges: &[(String, String, Span)]) {
        let mut remaining: Vec<&(String, String, Span)> = edges.iter().collect();
        loop {
            let before = remaining.len();
            let targets: Vec<&str> = remaining.iter().map(|(_, to, _)| to.as_str()).collect();
            let next: Vec<_> =
                remaining.iter().copied().filter(|(from, _, _)| targets.contains(&from.as_str())).collect();
            remaining = next;
            if remaining.len() == before {
                break;
            }
        }
        if let Some((from, to, span)) = remaining.first() {
            self.errors.push(
                Diagnostic::error(
                    "workspace-promotion-cycle",
                    format!("the promotion graph has a cycle through `{from} -> {to}`"),
                )
                .at(*span)
                .hint("promotion must flow one way, e.g. development -> staging -> production"),
            );
        }
    }

    fn intended(&mut self, node: &Node) -> Vec<Intended> {
        let Value::List(items) = &node.value else {
            self.error(
                node,
                "intended",
                "`intended` must be a list",
                "write `intended: [{paths: [\"**.replicaCount\"], reason: scaled per environment}]`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(map) = self.map(item, "intended") else { continue };
            self.known_keys(map, &["path", "paths", "reason"]);
            let mut paths = Vec::new();
            for key in ["path", "paths"] {
                if let Some(n) = map.get(key) {
                    paths.extend(self.strings(n, key));
                }
            }
            let reason = map.get("reason").and_then(|n| self.string(n, "reason"));
            match (paths.is_empty(), reason) {
                (false, Some(reason)) => out.push(Intended { paths, reason, span: item.span }),
                _ => self.error(
                    item,
                    "intended",
                    "an intended difference needs `paths` and a `reason`",
                    "write `{paths: [\"**.replicaCount\"], reason: scaled per environment}`",
                ),
            }
        }
        out
    }
}

/// Where `step` (a slice of `line`, the text of `item`) is in the file: exact for
/// a plain or simply quoted one-line scalar, else the whole item.
fn step_span(item: &Node, line: &str, step: &str) -> Span {
    let offset = step.as_ptr() as usize - line.as_ptr() as usize;
    let written = (item.span.end - item.span.start) as usize;
    let quote = match written.checked_sub(line.len()) {
        Some(0) => 0,
        Some(2) => 1,
        _ => return item.span,
    };
    let start = item.span.start as usize + quote + offset;
    Span::new(item.span.source, start, start + step.len())
}
