//! Unit tests for `resolve_inherited`: the seed's example end to end, chains
//! through blocks and file stems, list `extends`, every error and the bounds.
//!
//! Files are read with the real YAML reader; while it is still a stub, a tiny
//! block-style reader below builds the same positioned nodes.

use super::*;
use crate::node::ShadowReason;
use crate::path::Path;

/// A set of files, read and ready to resolve.
struct Files {
    sources: Sources,
    candidates: Vec<Candidate>,
}

impl Files {
    fn new(files: &[(&str, &str)]) -> Self {
        let mut sources = Sources::new();
        let mut candidates = Vec::new();
        for (name, text) in files {
            let id = sources.add(*name, crate::source::SourceKind::File, *text);
            let root = read(&sources, id);
            let stem = name.rsplit('/').next().unwrap_or(name);
            let stem = stem.split('.').next().unwrap_or(stem).to_string();
            candidates.push(Candidate { source: id, stem, root });
        }
        Files { sources, candidates }
    }

    fn index(&self, stem: &str) -> usize {
        self.candidates.iter().position(|c| c.stem == stem).unwrap()
    }

    fn resolve(&self, stem: &str) -> Result<Map, Vec<Diagnostic>> {
        resolve_inherited(self.candidates.clone(), self.index(stem), &self.sources)
    }

    fn resolve_with(&self, stem: &str, limits: &Limits) -> Result<Map, Vec<Diagnostic>> {
        resolve_inherited_with(self.candidates.clone(), self.index(stem), &self.sources, limits)
    }

    /// The errors of a failed resolution, rendered.
    fn errors(&self, stem: &str) -> Vec<Diagnostic> {
        match self.resolve(stem) {
            Ok(map) => panic!("expected errors, got {}", show(&map)),
            Err(errors) => errors,
        }
    }

    fn render(&self, errors: &[Diagnostic]) -> String {
        crate::diag::render_all(errors, &self.sources)
    }

    fn position(&self, span: Span) -> String {
        self.sources.position(span)
    }

    fn text_at(&self, span: Option<Span>) -> &str {
        self.sources.slice(span.expect("a positioned diagnostic"))
    }
}

fn read(sources: &Sources, id: SourceId) -> Map {
    match crate::yaml::read_documents(sources, id, crate::profile::Profile::Helm4, &crate::yaml::Limits::default()) {
        Ok(read) => {
            let mut merged = Map::default();
            for doc in read.docs {
                if let Value::Map(map) = doc.value {
                    merge_maps(&mut merged, std::rc::Rc::unwrap_or_clone(map));
                }
            }
            merged
        }
        Err(error) if error.code == "unimplemented" => mini::read(sources.text(id), id),
        Err(error) => panic!("{}", error.render(sources)),
    }
}

fn lookup<'m>(map: &'m Map, path: &str) -> &'m Node {
    let mut current = map;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let node = current.get(key).unwrap_or_else(|| panic!("`{path}` is not in {}", show(map)));
        if keys.peek().is_none() {
            return node;
        }
        current = node.value.as_map().unwrap_or_else(|| panic!("`{key}` in `{path}` is not a map"));
    }
    panic!("empty path")
}

/// Compact JSON-like rendering of values (floats print as integers when whole).
fn show(map: &Map) -> String {
    let mut out = String::new();
    show_value(&Value::from_map(map.clone()), &mut out);
    out
}

fn show_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(&b.to_string()),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&format!("{f}")),
        Value::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                show_value(&item.value, out);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(k);
                out.push(':');
                show_value(&v.value, out);
            }
            out.push('}');
        }
    }
}

const BASE: &str = "\
base_config:
  logging:
    level: \"INFO\"
    format: \"json\"
  database:
    pool_size: 10
    timeout: 30
  cache:
    ttl: 3600
    max_size: \"1GB\"
";

const DEVELOPMENT: &str = "\
extends: base_config
overrides:
  logging:
    level: \"DEBUG\"
    format: \"console\"
  database:
    pool_size: 5
  features:
    debug_mode: true
    mock_services: true
";

const PRODUCTION: &str = "\
extends: base_config
overrides:
  database:
    pool_size: 50
    timeout: 60
  cache:
    ttl: 7200
    max_size: \"10GB\"
  security:
    ssl_required: true
    rate_limiting: true
  monitoring:
    enhanced: true
";

fn seed() -> Files {
    Files::new(&[
        ("config/base.yaml", BASE),
        ("config/development.yaml", DEVELOPMENT),
        ("config/production.yaml", PRODUCTION),
    ])
}

// ---------------------------------------------------------------- the seed

#[test]
fn seed_production_resolves_with_provenance() {
    let files = seed();
    let values = files.resolve("production").unwrap();
    assert_eq!(
        show(&values),
        "{logging:{level:\"INFO\",format:\"json\"},database:{pool_size:50,timeout:60},\
         cache:{ttl:7200,max_size:\"10GB\"},security:{ssl_required:true,rate_limiting:true},monitoring:{enhanced:true}}"
    );

    // Replaced by an override: set in production.yaml, shadowing base.yaml's value.
    let pool = lookup(&values, "database.pool_size");
    assert_eq!(pool.value, Value::Float(50.0));
    assert_eq!(files.position(pool.origin()), "config/production.yaml:4:5");
    assert_eq!(files.sources.slice(pool.span), "50");
    assert_eq!(pool.history.len(), 1);
    assert_eq!(pool.history[0].old.value, Value::Float(10.0));
    assert_eq!(files.position(pool.history[0].old.origin()), "config/base.yaml:6:5");
    assert_eq!(pool.history[0].reason, ShadowReason::Replaced);

    // Inherited untouched: keeps base.yaml's position and has no history.
    let level = lookup(&values, "logging.level");
    assert_eq!(level.value, Value::Str("INFO".into()));
    assert_eq!(files.position(level.origin()), "config/base.yaml:3:5");
    assert!(level.history.is_empty());

    // A map both sides define stays where the parent wrote it; a new one is the child's.
    assert_eq!(files.position(lookup(&values, "database").origin()), "config/base.yaml:5:3");
    assert_eq!(files.position(lookup(&values, "security").origin()), "config/production.yaml:9:3");
    let max_size = lookup(&values, "cache.max_size");
    assert_eq!(files.position(max_size.history[0].old.origin()), "config/base.yaml:10:5");
}

#[test]
fn seed_development_resolves() {
    let files = seed();
    let values = files.resolve("development").unwrap();
    assert_eq!(
        show(&values),
        "{logging:{level:\"DEBUG\",format:\"console\"},database:{pool_size:5,timeout:30},\
         cache:{ttl:3600,max_size:\"1GB\"},features:{debug_mode:true,mock_services:true}}"
    );
    let timeout = lookup(&values, "database.timeout");
    assert_eq!(files.position(timeout.origin()), "config/base.yaml:7:5");
}

#[test]
fn seed_explain_shows_the_override_and_what_it_shadowed() {
    use crate::resolve::{Layer, LayerKind, Resolved};
    let files = seed();
    let production = files.candidates[files.index("production")].source;
    let values = files.resolve("production").unwrap();
    let resolved = Resolved {
        root: Node::new(Value::from_map(values), Span::at(production, 0)),
        layers: vec![Layer { kind: LayerKind::ValuesFile, source: production, ordinal: 1 }],
        deletions: Vec::new(),
        warnings: Vec::new(),
    };
    let explanation =
        crate::explain::explain(&resolved, &files.sources, &Path::parse("database.pool_size").unwrap(), None);
    let text = crate::explain::to_text(&explanation);
    assert!(text.starts_with("database.pool_size = 50\n  set at config/production.yaml:4:5"), "{text}");
    assert!(text.contains("10 at config/base.yaml:6:5"), "{text}");
}

#[test]
fn a_file_without_extends_resolves_to_itself() {
    let files = seed();
    let values = files.resolve("base").unwrap();
    assert_eq!(values, files.candidates[files.index("base")].root);
    assert!(!uses_inheritance(&values));
    assert!(uses_inheritance(&files.candidates[files.index("production")].root));
}

// ---------------------------------------------------------------- chains

#[test]
fn chain_through_a_file_stem() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("staging.yaml", "extends: base_config\noverrides:\n  database:\n    pool_size: 20\n  region: \"eu\"\n"),
        ("production.yaml", "extends: staging\noverrides:\n  database:\n    pool_size: 50\n"),
    ]);
    let values = files.resolve("production").unwrap();
    assert_eq!(lookup(&values, "region").value, Value::Str("eu".into()));
    assert_eq!(lookup(&values, "database.timeout").value, Value::Float(30.0));
    let pool = lookup(&values, "database.pool_size");
    assert_eq!(pool.value, Value::Float(50.0));
    // The whole chain, oldest first.
    let chain: Vec<String> = pool.history.iter().map(|s| files.position(s.old.origin())).collect();
    assert_eq!(chain, ["base.yaml:6:5", "staging.yaml:4:5"]);
    assert_eq!(files.position(pool.origin()), "production.yaml:4:5");
}

#[test]
fn chain_through_blocks_in_one_file() {
    let files = Files::new(&[
        (
            "library.yaml",
            "base_config:\n  replicas: 1\n  image:\n    tag: \"1.0\"\nhardened:\n  extends: base_config\n  overrides:\n    replicas: 3\n  security: {}\n",
        ),
        ("production.yaml", "extends: hardened\noverrides:\n  image:\n    tag: \"2.0\"\n"),
    ]);
    let values = files.resolve("production").unwrap();
    assert_eq!(show(&values), "{replicas:3,image:{tag:\"2.0\"},security:{}}");
    let replicas = lookup(&values, "replicas");
    assert_eq!(files.position(replicas.origin()), "library.yaml:8:5");
    assert_eq!(files.position(replicas.history[0].old.origin()), "library.yaml:2:3");
}

#[test]
fn other_top_level_keys_merge_before_overrides() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("child.yaml", "extends: base_config\nextra:\n  a: 1\ncache:\n  ttl: 1\noverrides:\n  cache:\n    ttl: 2\n"),
    ]);
    let values = files.resolve("child").unwrap();
    assert_eq!(lookup(&values, "extra.a").value, Value::Float(1.0));
    let ttl = lookup(&values, "cache.ttl");
    assert_eq!(ttl.value, Value::Float(2.0));
    let old: Vec<Value> = ttl.history.iter().map(|s| s.old.value.clone()).collect();
    assert_eq!(old, [Value::Float(3600.0), Value::Float(1.0)]);
    assert!(!values.contains_key(EXTENDS) && !values.contains_key(OVERRIDES));
}

#[test]
fn list_extends_applies_in_order_later_wins() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("mixins.yaml", "fast_cache:\n  cache:\n    ttl: 60\n  tier: \"fast\"\nbig_cache:\n  cache:\n    max_size: \"50GB\"\n  tier: \"big\"\n"),
        ("production.yaml", "extends: [base_config, fast_cache, big_cache]\noverrides:\n  database:\n    pool_size: 50\n"),
    ]);
    let values = files.resolve("production").unwrap();
    assert_eq!(lookup(&values, "cache.ttl").value, Value::Float(60.0));
    assert_eq!(lookup(&values, "cache.max_size").value, Value::Str("50GB".into()));
    let tier = lookup(&values, "tier");
    assert_eq!(tier.value, Value::Str("big".into()));
    assert_eq!(files.position(tier.origin()), "mixins.yaml:8:3");
    assert_eq!(files.position(tier.history[0].old.origin()), "mixins.yaml:4:3");
    assert_eq!(lookup(&values, "logging.level").value, Value::Str("INFO".into()));
    assert_eq!(lookup(&values, "database.pool_size").value, Value::Float(50.0));
}

#[test]
fn an_empty_extends_list_and_a_null_overrides_are_allowed() {
    let files = Files::new(&[("solo.yaml", "extends: []\noverrides:\nname: \"x\"\n")]);
    assert_eq!(show(&files.resolve("solo").unwrap()), "{name:\"x\"}");
}

#[test]
fn a_diamond_resolves_each_parent_once() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("left.yaml", "extends: base_config\noverrides:\n  side: \"left\"\n"),
        ("right.yaml", "extends: base_config\noverrides:\n  side: \"right\"\n"),
        ("top.yaml", "extends: [left, right]\n"),
    ]);
    let values = files.resolve("top").unwrap();
    assert_eq!(lookup(&values, "side").value, Value::Str("right".into()));
    assert_eq!(lookup(&values, "database.pool_size").value, Value::Float(10.0));
}

#[test]
fn blocks_win_over_file_stems() {
    let files = Files::new(&[
        ("shared.yaml", "base:\n  from: \"block\"\n"),
        ("base.yaml", "from: \"file\"\n"),
        ("child.yaml", "extends: base\n"),
    ]);
    assert_eq!(lookup(&files.resolve("child").unwrap(), "from").value, Value::Str("block".into()));
}

// ---------------------------------------------------------------- errors

#[test]
fn unknown_parent_suggests_the_closest_name() {
    let files = Files::new(&[("base.yaml", BASE), ("production.yaml", "extends: base_cofig\noverrides:\n  a: 1\n")]);
    let errors = files.errors("production");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-unknown-parent");
    assert_eq!(files.text_at(errors[0].span), "base_cofig");
    let text = files.render(&errors);
    assert!(
        text.starts_with("production.yaml:1:10: error[inherit-unknown-parent]: `extends` names `base_cofig`"),
        "{text}"
    );
    assert!(text.contains("hint: did you mean `base_config`?"), "{text}");
    assert!(text.contains("known: `base`, `base_config`\n"), "{text}");
}

#[test]
fn unknown_parent_without_a_close_name_lists_known_names() {
    let files = Files::new(&[("base.yaml", BASE), ("production.yaml", "extends: [base_config, zzzzzz]\n")]);
    let errors = files.errors("production");
    assert_eq!(errors.len(), 1);
    assert_eq!(files.text_at(errors[0].span), "zzzzzz");
    assert!(!files.render(&errors).contains("did you mean"));
}

#[test]
fn a_files_own_key_is_not_a_parent() {
    let files = Files::new(&[("production.yaml", "extends: defaults\ndefaults:\n  a: 1\n")]);
    let text = files.render(&files.errors("production"));
    assert!(text.contains("move `defaults:` to another file"), "{text}");
}

#[test]
fn every_unknown_parent_is_reported() {
    let files = Files::new(&[("production.yaml", "extends: [one, two]\n")]);
    let errors = files.errors("production");
    let spans: Vec<&str> = errors.iter().map(|e| files.text_at(e.span)).collect();
    assert_eq!(spans, ["one", "two"]);
}

#[test]
fn ambiguous_parent_lists_both_definitions() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("shared.yaml", "other: 1\nbase_config:\n  x: 1\n"),
        ("production.yaml", "extends: base_config\n"),
    ]);
    let errors = files.errors("production");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-ambiguous-parent");
    assert_eq!(files.text_at(errors[0].span), "base_config");
    assert!(errors[0].message.contains("base.yaml:1:1 and shared.yaml:2:1"), "{}", errors[0].message);
}

#[test]
fn ambiguous_file_stems() {
    let files = Files::new(&[
        ("a/staging.yaml", "x: 1\n"),
        ("b/staging.yaml", "x: 2\n"),
        ("production.yaml", "extends: staging\n"),
    ]);
    let errors = files.errors("production");
    assert_eq!(errors[0].code, "inherit-ambiguous-parent");
    assert!(errors[0].message.contains("a/staging.yaml:1:1 and b/staging.yaml:1:1"), "{}", errors[0].message);
}

#[test]
fn a_two_cycle_shows_every_step() {
    let files = Files::new(&[
        ("production.yaml", "extends: staging\noverrides:\n  a: 1\n"),
        ("staging.yaml", "overrides:\n  b: 2\nextends: production\n"),
    ]);
    let errors = files.errors("production");
    assert_eq!(errors.len(), 1, "{}", files.render(&errors));
    assert_eq!(errors[0].code, "inherit-cycle");
    assert_eq!(errors[0].message, "`extends` forms a cycle: production -> staging -> production");
    assert_eq!(files.position(errors[0].span.unwrap()), "staging.yaml:3:10");
    let text = files.render(&errors);
    assert!(text.contains("hint: `production` extends `staging` at production.yaml:1:10"), "{text}");
    assert!(text.contains("hint: `staging` extends `production` at staging.yaml:3:10"), "{text}");
}

#[test]
fn a_three_cycle_through_blocks_and_files() {
    let files = Files::new(&[
        ("production.yaml", "extends: staging\n"),
        ("staging.yaml", "extends: common\n"),
        ("lib.yaml", "common:\n  extends: production\n  x: 1\n"),
    ]);
    let errors = files.errors("production");
    assert_eq!(errors.len(), 1, "{}", files.render(&errors));
    assert_eq!(errors[0].message, "`extends` forms a cycle: production -> staging -> common -> production");
    assert_eq!(files.position(errors[0].span.unwrap()), "lib.yaml:2:12");
    assert_eq!(errors[0].hints.len(), 4);
}

#[test]
fn a_cycle_not_through_the_target_and_a_self_reference() {
    let files = Files::new(&[
        ("production.yaml", "extends: a\n"),
        ("lib.yaml", "a:\n  extends: b\nb:\n  extends: a\n"),
        ("self.yaml", "extends: self\n"),
    ]);
    assert_eq!(files.errors("production")[0].message, "`extends` forms a cycle: a -> b -> a");
    assert_eq!(files.errors("self")[0].message, "`extends` forms a cycle: self -> self");
}

#[test]
fn extends_of_the_wrong_type() {
    for (text, found, hint) in [
        ("extends: 2024\n", "number", "quote the name: `extends: \"2024\"`"),
        ("extends: true\n", "boolean", "quote the name"),
        ("extends:\n", "null", "name the parent"),
        ("extends:\n  a: 1\n", "map", "overrides:"),
    ] {
        let files = Files::new(&[("child.yaml", text)]);
        let errors = files.errors("child");
        assert_eq!(errors.len(), 1, "{text}");
        assert_eq!(errors[0].code, "inherit-extends-type");
        assert!(errors[0].message.ends_with(&format!("not a {found}")), "{}", errors[0].message);
        assert!(errors[0].hints[0].contains(hint), "{:?}", errors[0].hints);
        assert!(errors[0].span.is_some());
    }
}

#[test]
fn extends_list_entries_of_the_wrong_type() {
    let files = Files::new(&[("base.yaml", BASE), ("child.yaml", "extends: [base_config, 7, [x]]\n")]);
    let errors = files.errors("child");
    // Positions, not text: how far a flow list's span reaches is the reader's business.
    let at: Vec<String> = errors.iter().map(|e| files.position(e.span.unwrap())).collect();
    assert_eq!(at, ["child.yaml:1:24", "child.yaml:1:27"]);
    assert_eq!(files.text_at(errors[0].span), "7");
    assert!(errors.iter().all(|e| e.code == "inherit-extends-type"));
}

#[test]
fn overrides_of_the_wrong_type_and_every_error_at_once() {
    let files = Files::new(&[("base.yaml", BASE), ("child.yaml", "extends: base_config\noverrides: [1]\n")]);
    let errors = files.errors("child");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-overrides-type");
    assert_eq!(files.position(errors[0].span.unwrap()), "child.yaml:2:12");

    let files = Files::new(&[("child.yaml", "extends: 1\noverrides: \"x\"\n")]);
    let codes: Vec<&str> = files.errors("child").iter().map(|e| e.code).collect();
    assert_eq!(codes, ["inherit-extends-type", "inherit-overrides-type"]);
}

#[test]
fn errors_in_a_parent_are_reported_once() {
    let files = Files::new(&[("lib.yaml", "broken:\n  overrides: 3\n"), ("child.yaml", "extends: [broken, broken]\n")]);
    let errors = files.errors("child");
    assert_eq!(errors.len(), 1);
    assert_eq!(files.position(errors[0].span.unwrap()), "lib.yaml:2:14");
}

// ---------------------------------------------------------------- bounds

/// `link0.yaml` extends `link1` ... up to `link{n}.yaml`, which has the value.
fn chain(n: usize) -> Files {
    let texts: Vec<(String, String)> = (0..=n)
        .map(|i| {
            let text = if i == n {
                "depth: 0\n".to_string()
            } else {
                format!("extends: link{}\noverrides:\n  v{i}: 1\n", i + 1)
            };
            (format!("link{i}.yaml"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Files::new(&refs)
}

#[test]
fn chain_length_is_bounded() {
    let values = chain(64).resolve("link0").unwrap();
    assert_eq!(values.len(), 65);

    let files = chain(65);
    let errors = files.errors("link0");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-too-deep");
    assert!(errors[0].message.contains("from `link0` is longer than 64 links"), "{}", errors[0].message);
    assert_eq!(files.position(errors[0].span.unwrap()), "link64.yaml:1:10");

    let small = Limits { max_chain: 2, ..Limits::default() };
    assert!(chain(2).resolve_with("link0", &small).is_ok());
    assert!(chain(3).resolve_with("link0", &small).is_err());
}

#[test]
fn a_cycle_longer_than_the_bound_is_a_depth_error() {
    let texts: Vec<(String, String)> =
        (0..100).map(|i| (format!("c{i}.yaml"), format!("extends: c{}\n", (i + 1) % 100))).collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let errors = Files::new(&refs).errors("c0");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-too-deep");
    // Within the bound, the cycle is named.
    let texts: Vec<(String, String)> =
        (0..10).map(|i| (format!("c{i}.yaml"), format!("extends: c{}\n", (i + 1) % 10))).collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let errors = Files::new(&refs).errors("c0");
    assert_eq!(errors[0].code, "inherit-cycle");
    assert!(errors[0].message.ends_with("c8 -> c9 -> c0"), "{}", errors[0].message);
}

#[test]
fn extends_lists_are_bounded() {
    let names: Vec<String> = (0..65).map(|_| "base_config".to_string()).collect();
    let text = format!("extends: [{}]\n", names.join(", "));
    let files = Files::new(&[("base.yaml", BASE), ("child.yaml", &text)]);
    assert_eq!(files.errors("child")[0].code, "inherit-too-many-parents");
}

#[test]
fn diamonds_cannot_grow_exponentially() {
    // Each level extends the next level twice; every value's history doubles per level.
    let mut texts = Vec::new();
    for i in 0..40 {
        texts.push((format!("d{i}.yaml"), format!("extends: [d{0}, d{0}]\noverrides:\n  v: {i}\n", i + 1)));
    }
    texts.push(("d40.yaml".to_string(), "v: 40\n".to_string()));
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let files = Files::new(&refs);
    let errors = files.errors("d0");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "inherit-too-large");
    // A few levels fit in the budget.
    let values = files.resolve_with("d35", &Limits::default()).unwrap();
    assert_eq!(lookup(&values, "v").value, Value::Float(35.0));
}

#[test]
fn a_target_out_of_range_is_an_error_not_a_panic() {
    let errors = resolve_inherited(Vec::new(), 0, &Sources::new()).unwrap_err();
    assert_eq!(errors[0].code, "inherit-target");
}

/// A tiny reader for the block-style YAML these tests write: `key: scalar`,
/// `key:` with an indented map below, flow lists of scalars, `{}`, and
/// `"quoted"` strings. Positions are exact; it stands in until the real
/// reader lands (see `read`).
mod mini {
    use crate::node::{Map, Node, Value};
    use crate::source::{SourceId, Span};

    struct Line<'t> {
        indent: usize,
        /// Byte offset of the content in the text.
        start: usize,
        content: &'t str,
    }

    pub(super) fn read(text: &str, id: SourceId) -> Map {
        let mut lines = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let content = line.trim_start();
            if !content.is_empty() && !content.starts_with('#') {
                let indent = line.len() - content.len();
                lines.push(Line { indent, start: offset + indent, content });
            }
            offset += raw.len();
        }
        let mut next = 0;
        let indent = lines.first().map_or(0, |l| l.indent);
        map(&lines, &mut next, indent, id)
    }

    fn map(lines: &[Line], next: &mut usize, indent: usize, id: SourceId) -> Map {
        let mut out = Map::default();
        while let Some(line) = lines.get(*next).filter(|l| l.indent == indent) {
            *next += 1;
            let colon = line.content.find(':').expect("`key:` expected");
            let key = &line.content[..colon];
            let key_span = Span::new(id, line.start, line.start + colon);
            let rest = &line.content[colon + 1..];
            let value_start = line.start + colon + 1 + (rest.len() - rest.trim_start().len());
            let rest = rest.trim();
            let node = if rest.is_empty() {
                match lines.get(*next) {
                    Some(child) if child.indent > indent => {
                        let child_start = child.start;
                        let inner = map(lines, next, child.indent, id);
                        Node::new(Value::from_map(inner), Span::at(id, child_start))
                    }
                    _ => Node::new(Value::Null, Span::at(id, line.start + colon + 1)),
                }
            } else {
                scalar_or_flow(rest, value_start, id)
            };
            out.insert(key.into(), node.with_key(key_span));
        }
        out
    }

    fn scalar_or_flow(text: &str, start: usize, id: SourceId) -> Node {
        let span = Span::new(id, start, start + text.len());
        if text == "{}" {
            return Node::new(Value::from_map(Default::default()), span);
        }
        if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let mut items = Vec::new();
            let mut offset = start + 1;
            let mut depth = 0;
            let mut item_start = 0;
            for (i, c) in inner.char_indices().chain(std::iter::once((inner.len(), ','))) {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    ',' if depth == 0 => {
                        let raw = &inner[item_start..i];
                        let trimmed = raw.trim();
                        if !trimmed.is_empty() {
                            let lead = raw.len() - raw.trim_start().len();
                            items.push(scalar_or_flow(trimmed, offset + lead, id));
                        }
                        offset = start + 1 + i + 1;
                        item_start = i + 1;
                    }
                    _ => {}
                }
            }
            return Node::new(Value::List(items), span);
        }
        let value = if let Some(s) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Value::Str(s.into())
        } else {
            match text {
                "null" | "~" => Value::Null,
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => text.parse::<f64>().map_or_else(|_| Value::Str(text.into()), Value::Float),
            }
        };
        Node::new(value, span)
    }
}

#[test]
fn rendered_errors() {
    let files = Files::new(&[
        ("base.yaml", BASE),
        ("production.yaml", "extends: staging\noverrides:\n  a: 1\n"),
        ("staging.yaml", "extends: [base_confg, production]\n"),
    ]);
    let text = files.render(&files.errors("production"));
    assert_eq!(
        text,
        "staging.yaml:1:11: error[inherit-unknown-parent]: `extends` names `base_confg`, but no file defines it
  hint: did you mean `base_config`?
  hint: name a top-level map of another file or a file's stem; known: `base`, `base_config`, `production`
staging.yaml:1:23: error[inherit-cycle]: `extends` forms a cycle: production -> staging -> production
  hint: remove one of these `extends:` to break the cycle
  hint: `production` extends `staging` at production.yaml:1:10
  hint: `staging` extends `production` at staging.yaml:1:23
"
    );
}
