//! The workspace model: what `strata.yaml` describes.

use crate::node::Map;
use crate::profile::Profile;
use crate::source::Span;
use crate::strvals::SetKind;

/// One layer of an environment, as written in `strata.yaml`.
#[derive(Clone, Debug, PartialEq)]
pub enum LayerSpec {
    /// Chart defaults (`chart: chart/values.yaml`); coalesced under everything else.
    Chart { path: String, span: Span },
    /// A values file, relative to the workspace root.
    File { path: String, span: Span },
    /// A values file resolved through seed 002's `extends:`/`overrides:` form, its
    /// possible parents named in `from` (not Helm layering; see `inherit`).
    Inherit { path: String, from: Vec<String>, span: Span },
    /// A values block written inline in `strata.yaml`.
    Inline { values: Map, span: Span },
    /// A `--set`-family argument.
    Set { kind: SetKind, arg: String, span: Span },
}

impl LayerSpec {
    pub fn span(&self) -> Span {
        match self {
            LayerSpec::Chart { span, .. }
            | LayerSpec::File { span, .. }
            | LayerSpec::Inherit { span, .. }
            | LayerSpec::Inline { span, .. }
            | LayerSpec::Set { span, .. } => *span,
        }
    }
}

/// How an environment is deployed (seed 001's deploy script, per environment).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deploy {
    pub release: Option<String>,
    pub chart: Option<String>,
    pub namespace: Option<String>,
    pub kube_context: Option<String>,
    /// Extra `helm upgrade` flags, e.g. `--atomic --wait --timeout 15m`.
    pub flags: Vec<String>,
    /// A person must confirm before this environment changes.
    pub confirm: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Environment {
    pub name: String,
    pub name_span: Span,
    pub description: Option<String>,
    pub tier: Option<String>,
    pub region: Option<String>,
    pub layers: Vec<LayerSpec>,
    pub deploy: Deploy,
    /// Names of the secrets this environment has (never their values).
    pub secrets: Vec<String>,
}

/// A documented, intended difference between environments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intended {
    pub paths: Vec<String>,
    pub reason: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// Paths that move from one environment to the next on promotion (image tags, versions).
    pub promotable: Vec<String>,
    /// Paths that stay per environment and are never promoted (replicas, resources, domains).
    pub pinned: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretRules {
    /// Value patterns that are references to secrets, not secrets (`secret://*`, `vault:*`).
    pub references: Vec<String>,
    /// Key patterns whose values are secrets (`*password*`, `*token*`).
    pub keys: Vec<String>,
}

impl Default for SecretRules {
    fn default() -> Self {
        SecretRules {
            references: ["secret://*", "vault:*", "ref+*", "ENC[*", "${*}"].map(String::from).to_vec(),
            keys: [
                "*password*",
                "*passwd*",
                "*pwd*",
                "*pass",
                "*passphrase*",
                "*secret*",
                "*token*",
                "*apikey*",
                "*api_key*",
                "*api-key*",
                "*accesskey*",
                "*access_key*",
                "*privatekey*",
                "*private_key*",
                "*signingkey*",
                "*signing_key*",
                "*encryptionkey*",
                "*encryption_key*",
                "*credential*",
                "*basicauth*",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// The whole `strata.yaml`.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub profile: Profile,
    /// Environments in the order written.
    pub environments: Vec<Environment>,
    /// Promotion edges `from -> to`, in the order written.
    pub promotion: Vec<(String, String, Span)>,
    /// Gates per target environment (checked before promoting into it).
    pub gates: Vec<(String, Vec<String>)>,
    pub policy: Policy,
    pub intended: Vec<Intended>,
    pub secrets: SecretRules,
    /// The chart's `values.schema.json` (path relative to the root, and where it is named).
    pub schema: Option<(String, Span)>,
}

impl Workspace {
    pub fn environment(&self, name: &str) -> Option<&Environment> {
        self.environments.iter().find(|e| e.name == name)
    }

    /// Environments that promote into `name`.
    pub fn upstream(&self, name: &str) -> Vec<&str> {
        self.promotion.iter().filter(|(_, to, _)| to == name).map(|(from, _, _)| from.as_str()).collect()
    }

    pub fn gates_for(&self, name: &str) -> &[String] {
        self.gates.iter().find(|(env, _)| env == name).map_or(&[], |(_, gates)| gates.as_slice())
    }
}
