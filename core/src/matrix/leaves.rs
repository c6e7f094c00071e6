//! The leaves of one environment's values: the rows of the matrix.
//!
//! A leaf is a scalar, an empty map or an empty list. A list of scalars is one leaf
//! (people compare `hosts: [a, b]` as a whole). A list of maps whose entries all carry a
//! distinct identity (`name`, `key`, `id`, `host`, `path`) is walked by that identity, so
//! `env[name=LOG_LEVEL].value` lines up across environments even when the entries sit in
//! a different order; any other list is walked by index.

use crate::node::{Map, Node, Value};
use crate::secrets::is_secret_key;
use crate::workspace::SecretRules;
use indexmap::IndexMap;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::rc::Rc;

pub use crate::identity::{push_key, IDENTITY_KEYS};

/// How to walk.
#[derive(Clone, Copy)]
pub struct Walk<'w> {
    pub rules: &'w SecretRules,
    /// The feature-flag view of a file keyed flag → environment → value (seed 002):
    /// a map whose keys are all environment names stands for this environment's entry.
    pub env_keyed: Option<(&'w [String], &'w str)>,
    /// Which lists go by identity; `None` walks every list by identity where it can.
    pub sites: Option<&'w Sites>,
}

/// The lists of maps of every environment, and which of them to match by identity: a
/// list goes by identity when the same key identifies its entries in every environment
/// that has it, and some entry is in two environments (or one environment has the
/// list). `ingress.hosts` with a different host per environment lines up by index.
#[derive(Debug, Default)]
pub struct Sites {
    /// Keyed by the list's path as it reads when every list goes by identity.
    sites: IndexMap<String, Site>,
}

#[derive(Debug)]
struct Site {
    key: Option<&'static str>,
    /// Some environment's list here has an identity key.
    keyed: bool,
    /// Identities per environment, sorted.
    seen: Vec<Vec<String>>,
    /// The key to match by, once surveyed.
    decided: Option<&'static str>,
}

impl Sites {
    /// Decide, from every environment surveyed, which lists go by identity.
    pub fn decide(&mut self) {
        for site in self.sites.values_mut() {
            site.decided = site.key.filter(|_| site.shared());
            site.seen = Vec::new();
        }
    }

    /// Whether walking without sites (every list by identity where it can) gives the same
    /// paths as walking with them: every list goes by the identity each environment offers.
    pub fn agree(&self) -> bool {
        self.sites.values().all(|site| site.decided.is_some() || !site.keyed)
    }

    fn record(&mut self, site: &str, key: Option<&'static str>, mut ids: Vec<String>) {
        ids.sort_unstable();
        match self.sites.get_mut(site) {
            Some(known) => {
                if known.key != key {
                    known.key = None;
                }
                known.keyed |= key.is_some();
                known.seen.push(ids);
            }
            None => {
                let known = Site { key, keyed: key.is_some(), seen: vec![ids], decided: None };
                self.sites.insert(site.to_string(), known);
            }
        }
    }

    fn key(&self, site: &str) -> Option<&'static str> {
        self.sites.get(site)?.decided
    }
}

impl Site {
    fn shared(&self) -> bool {
        self.seen.len() <= 1
            || self.seen.iter().enumerate().any(|(i, ids)| {
                self.seen[i + 1..].iter().any(|other| ids.iter().any(|id| other.binary_search(id).is_ok()))
            })
    }
}

/// What a walk hands its leaves to. A plain `FnMut(path, leaf, named_secret)` is one.
pub trait Sink<'a> {
    /// A leaf at `path`; `secret` when an enclosing list entry is named like a secret.
    fn leaf(&mut self, path: &str, node: &'a Node, secret: bool);

    /// A non-empty map at `path` is about to be walked. `true` when the sink has taken
    /// its leaves another way, and the walk passes over it.
    fn enter(&mut self, _path: &str, _map: &'a Rc<Map>) -> bool {
        false
    }

    /// The walk of a map [`Sink::enter`] let through is done.
    fn leave(&mut self, _map: &'a Rc<Map>) {}

    /// The walk met a list it goes into (lists of scalars are leaves).
    fn list(&mut self) {}
}

impl<'a, F: FnMut(&str, &'a Node, bool)> Sink<'a> for F {
    fn leaf(&mut self, path: &str, node: &'a Node, secret: bool) {
        self(path, node, secret);
    }
}

enum Mode<'s> {
    Collect,
    /// Collect with every list by identity where it can, surveying the lists on the way.
    Survey(&'s mut Sites),
}

/// Call `f` with each leaf below `node` (itself at `path`) in document order: its path,
/// its node and whether an enclosing list entry is named like a secret. The path is
/// lent, not made for each leaf.
pub fn each_leaf<'a>(node: &'a Node, path: &str, walk: Walk, f: &mut dyn Sink<'a>) {
    let mut paths = Paths { shown: path.to_string(), by_identity: None };
    visit(node, &mut paths, false, walk, &mut Mode::Collect, f);
}

/// [`each_leaf`] with every list by identity where it can (`walk.sites` is ignored), and
/// the survey of its lists for [`Sites::decide`], in one walk.
pub fn each_leaf_surveying<'a>(node: &'a Node, path: &str, walk: Walk, sites: &mut Sites, f: &mut dyn Sink<'a>) {
    let mut paths = Paths { shown: path.to_string(), by_identity: None };
    visit(node, &mut paths, false, Walk { sites: None, ..walk }, &mut Mode::Survey(sites), f);
}

/// The path shown, and the path if every list went by identity: the same until a list
/// goes by index where its entries have an identity, so the second is only kept apart
/// from there on (most values have no such list: one path is built, not two).
struct Paths {
    shown: String,
    by_identity: Option<String>,
}

impl Paths {
    fn by_identity(&self) -> &str {
        self.by_identity.as_deref().unwrap_or(&self.shown)
    }

    fn lens(&self) -> (usize, Option<usize>) {
        (self.shown.len(), self.by_identity.as_ref().map(String::len))
    }

    fn truncate(&mut self, (shown, by_identity): (usize, Option<usize>)) {
        self.shown.truncate(shown);
        match (by_identity, &mut self.by_identity) {
            (Some(len), Some(path)) => path.truncate(len),
            _ => self.by_identity = None,
        }
    }

    /// Append to the path by identity only, keeping it apart from the one shown.
    fn by_identity_mut(&mut self) -> &mut String {
        self.by_identity.get_or_insert_with(|| self.shown.clone())
    }
}

fn visit<'a>(node: &'a Node, paths: &mut Paths, secret: bool, walk: Walk, mode: &mut Mode, out: &mut dyn Sink<'a>) {
    match &node.value {
        Value::Map(map) if !map.is_empty() => {
            if let Some((names, env)) = walk.env_keyed {
                if map.keys().all(|key| names.iter().any(|name| name == key)) {
                    if let Some(entry) = map.get(env) {
                        visit(entry, paths, secret, walk, mode, out);
                    }
                    return;
                }
            }
            if out.enter(&paths.shown, map) {
                return;
            }
            entries(map, paths, |_| secret, walk, mode, out);
            out.leave(map);
        }
        Value::List(items) if !items.is_empty() && !crate::identity::is_leaf_list(items) => {
            out.list();
            let possible = crate::identity::identity_key(&[items]);
            let identity = match (&mut *mode, walk.sites) {
                (Mode::Survey(sites), _) => {
                    let ids = possible
                        .map(|key| items.iter().map(|item| identity_of(item, key)).collect())
                        .unwrap_or_default();
                    sites.record(paths.by_identity(), possible, ids);
                    possible
                }
                (Mode::Collect, Some(sites)) => sites.key(paths.by_identity()).filter(|key| possible == Some(*key)),
                (Mode::Collect, None) => possible,
            };
            for (index, item) in items.iter().enumerate() {
                let lens = paths.lens();
                match (identity, &item.value) {
                    (Some(key), Value::Map(map)) => {
                        // Shown by identity, as every list goes by identity: one path for both.
                        let id = identity_of(item, key);
                        crate::identity::push_entry(&mut paths.shown, key, &id);
                        if let Some(path) = &mut paths.by_identity {
                            crate::identity::push_entry(path, key, &id);
                        }
                        let named = secret || is_secret_key(walk.rules, &id);
                        // The identity itself names the secret; it is not one.
                        entries(map, paths, |k| named && k != key, walk, mode, out);
                    }
                    _ => {
                        match possible {
                            Some(key) => {
                                crate::identity::push_entry(paths.by_identity_mut(), key, &identity_of(item, key))
                            }
                            None => {
                                if let Some(path) = &mut paths.by_identity {
                                    let _ = write!(path, "[{index}]");
                                }
                            }
                        }
                        let _ = write!(paths.shown, "[{index}]");
                        visit(item, paths, secret, walk, mode, out);
                    }
                }
                paths.truncate(lens);
            }
        }
        _ => out.leaf(&paths.shown, node, secret),
    }
}

fn entries<'a>(
    map: &'a Map,
    paths: &mut Paths,
    secret: impl Fn(&str) -> bool,
    walk: Walk,
    mode: &mut Mode,
    out: &mut dyn Sink<'a>,
) {
    for (key, child) in map {
        let lens = paths.lens();
        push_key(&mut paths.shown, key);
        if let Some(path) = &mut paths.by_identity {
            push_key(path, key);
        }
        visit(child, paths, secret(key), walk, mode, out);
        paths.truncate(lens);
    }
}

fn identity_of(item: &Node, key: &str) -> String {
    crate::identity::identity(item, key).map(Cow::into_owned).unwrap_or_default()
}
