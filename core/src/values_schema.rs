//! Which keys a chart's `values.schema.json` declares, for `lint-unknown-key`.
//!
//! Only what a lint needs from JSON Schema: at a map, the names in `properties` (from
//! the schema itself and from every branch of `allOf`/`anyOf`/`oneOf`, following local
//! `$ref`s such as `#/definitions/port` or `#/$defs/port`), and whether other names are
//! described too (`patternProperties`, or `additionalProperties` given as a schema). A
//! schema that lists no properties says nothing about names, so nothing is flagged
//! under it. References are followed at most [`MAX_REFS`] times from one place, so
//! cycles and chains of references end.

use crate::node::{Node, Value};

/// Most `$ref` hops (and nested branches) followed to describe one place.
pub const MAX_REFS: usize = 32;

/// One place in a schema: a subschema (a JSON object), with the document it is in.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    root: &'a Node,
    node: &'a Node,
}

/// What a schema says about the names of a map.
pub struct Names<'a> {
    /// Declared names with their subschemas (the first declaration of a name wins).
    pub declared: Vec<(&'a str, Place<'a>)>,
    /// A schema that other names follow (`additionalProperties: {...}`).
    pub others: Option<Place<'a>>,
    /// Other names are described by patterns (not checked here), so any name may be meant.
    pub patterns: bool,
}

impl<'a> Names<'a> {
    /// Whether the schema makes a claim about which names belong here.
    pub fn lists_names(&self) -> bool {
        !self.declared.is_empty() && self.others.is_none() && !self.patterns
    }

    /// The subschema for `key`: its declaration, else the schema other names follow.
    pub fn child(&self, key: &str) -> Option<Place<'a>> {
        self.declared.iter().find(|(name, _)| *name == key).map(|(_, place)| *place).or(self.others)
    }

    pub fn declares(&self, key: &str) -> bool {
        self.declared.iter().any(|(name, _)| *name == key)
    }
}

impl<'a> Place<'a> {
    /// The top of a schema document.
    pub fn root(document: &'a Node) -> Place<'a> {
        Place { root: document, node: document }
    }

    /// The names this place describes, its `$ref`s and branches followed.
    pub fn names(self) -> Names<'a> {
        let mut names = Names { declared: Vec::new(), others: None, patterns: false };
        let mut pending = vec![self];
        let mut steps = 0;
        while let Some(place) = pending.pop() {
            steps += 1;
            if steps > MAX_REFS {
                // Too tangled to tell: claim nothing rather than flag good keys.
                names.patterns = true;
                break;
            }
            let Some(map) = place.node.value.as_map() else { continue };
            if let Some(target) = map.get("$ref").and_then(|r| place.reference(r)) {
                pending.push(target);
            }
            for branch in ["allOf", "anyOf", "oneOf"] {
                if let Some(Value::List(items)) = map.get(branch).map(|n| &n.value) {
                    pending.extend(items.iter().rev().map(|node| Place { root: place.root, node }));
                }
            }
            if let Some(properties) = map.get("properties").and_then(|n| n.value.as_map()) {
                for (name, node) in properties.iter() {
                    if !names.declares(name) {
                        names.declared.push((name.as_str(), Place { root: place.root, node }));
                    }
                }
            }
            if map.get("patternProperties").and_then(|n| n.value.as_map()).is_some_and(|m| !m.is_empty()) {
                names.patterns = true;
            }
            if let Some(node) = map.get("additionalProperties").filter(|n| n.value.as_map().is_some()) {
                names.others.get_or_insert(Place { root: place.root, node });
            }
        }
        names
    }

    /// The subschema a local reference (`#/definitions/x`, `#/$defs/x`, `#`) points at.
    fn reference(self, node: &Node) -> Option<Place<'a>> {
        let Value::Str(reference) = &node.value else { return None };
        let pointer = reference.strip_prefix('#')?;
        let mut at = self.root;
        for token in pointer.split('/').skip(1) {
            // JSON Pointer escapes: `~1` is `/`, `~0` is `~`.
            let token = token.replace("~1", "/").replace("~0", "~");
            at = match &at.value {
                Value::Map(map) => map.get(token.as_str())?,
                Value::List(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(Place { root: self.root, node: at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::source::{SourceKind, Sources};
    use crate::yaml::{read_documents, Limits};

    fn schema(text: &str) -> Node {
        let mut sources = Sources::new();
        let id = sources.add("values.schema.json", SourceKind::File, text);
        read_documents(&sources, id, Profile::Helm4, &Limits::default()).unwrap().docs.remove(0)
    }

    fn declared(names: &Names) -> Vec<String> {
        let mut found: Vec<String> = names.declared.iter().map(|(n, _)| (*n).to_string()).collect();
        found.sort();
        found
    }

    #[test]
    fn properties_refs_and_branches_are_declared_names() {
        let doc = schema(
            r##"{
              "properties": {
                "image": {"$ref": "#/definitions/image"},
                "service": {"allOf": [{"properties": {"port": {}}}, {"$ref": "#/$defs/typed"}]}
              },
              "definitions": {"image": {"properties": {"repository": {}, "tag": {}}}},
              "$defs": {"typed": {"properties": {"type": {}}}}
            }"##,
        );
        let top = Place::root(&doc).names();
        assert_eq!(declared(&top), ["image", "service"]);
        assert!(top.lists_names());
        let image = top.child("image").unwrap().names();
        assert_eq!(declared(&image), ["repository", "tag"]);
        let service = top.child("service").unwrap().names();
        assert_eq!(declared(&service), ["port", "type"]);
        assert!(top.child("nope").is_none());
    }

    #[test]
    fn open_maps_claim_nothing() {
        let doc = schema(
            r#"{"properties": {
                "labels": {"type": "object"},
                "env": {"properties": {"A": {}}, "patternProperties": {"^X_": {}}},
                "extra": {"properties": {"a": {}}, "additionalProperties": {"properties": {"b": {}}}}
            }}"#,
        );
        let top = Place::root(&doc).names();
        assert!(!top.child("labels").unwrap().names().lists_names());
        assert!(!top.child("env").unwrap().names().lists_names());
        let extra = top.child("extra").unwrap().names();
        assert!(!extra.lists_names());
        assert_eq!(declared(&extra.child("anything").unwrap().names()), ["b"]);
    }

    #[test]
    fn reference_cycles_end() {
        let doc = schema(r##"{"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/a"}}}"##);
        let names = Place::root(&doc).names();
        assert!(!names.lists_names());
        let escaped = schema(r##"{"$ref": "#/definitions/a~1b", "definitions": {"a/b": {"properties": {"x": {}}}}}"##);
        assert_eq!(declared(&Place::root(&escaped).names()), ["x"]);
    }
}
