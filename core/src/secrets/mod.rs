//! Secrets: which values are secret, which are references to secrets, and masking.
//!
//! Every output masks secret values unless the user asks (`--show-secrets`).
//! A value is secret when its key matches a secret key pattern (`*password*`,
//! `*token*` ...) and it is not a reference (`secret://...`, `vault:...`,
//! `ref+...`, `ENC[...]`, `${VAR}`), which is safe to show and is what the
//! secret inventory is built from. A string under any key can also carry a secret by
//! its shape (a URL's password, `?token=`, `Password=...;`, `ghp_...`): [`shapes`] finds
//! those parts and [`SecretKeys::redacted`] masks only them.
//!
//! The same decisions serve masking (`mask.rs`, the matrix, diff, explain, render) and
//! `check`'s `plaintext-secret` lint, which reports exactly the masked values.

pub mod shapes;

use crate::glob;
use crate::node::Value;
use crate::workspace::SecretRules;

/// What replaces a secret value in output.
pub const MASK: &str = "••••••";

/// Keys that match a secret pattern but name, locate or describe a secret rather than hold
/// one: `secretName`, `existingSecret`, `envFromSecret`, `passwordSecretRef`, `tokenPath`,
/// `token_url`, `passwordKey` (the name of the entry inside a Secret object), `tokenTTL`,
/// `passwordPolicy`, `passwordMinLength`; and `bypass`, which only ends like `pass`.
const DESCRIBES_A_SECRET: [&str; 35] = [
    "*name",
    "*names",
    "*ref",
    "*refs",
    "existing*",
    "envfrom*",
    "*fromsecret",
    "*path",
    "*file",
    "*enabled",
    "*type",
    "*provider",
    "*class",
    "*mount",
    "*mountpath",
    "*url",
    "*uri",
    "*endpoint",
    "*passwordkey",
    "*tokenkey",
    "*expiry",
    "*expiration",
    "*ttl",
    "*timeout",
    "*lifetime",
    "*duration",
    "*policy",
    "*length",
    "*header",
    "*prefix",
    "*envvar",
    "*store",
    "*version",
    "*bypass",
    "*compass",
];

/// Whether the last key of `path` names a secret (case-insensitive).
pub fn is_secret_key(rules: &SecretRules, path: &str) -> bool {
    let key = last_key(path).to_lowercase();
    let matches = |pattern: &String| {
        // Patterns are nearly always written in lower case: lower one only when it is not.
        if pattern.chars().any(char::is_uppercase) {
            glob::matches(&pattern.to_lowercase(), &key)
        } else {
            glob::matches(pattern, &key)
        }
    };
    rules.keys.iter().any(matches) && !describes(&key)
}

/// Whether the last key of `path` names, locates or describes a secret (`secretName`,
/// `mountPath`, `tokenTTL`): never secret, even in a list entry named like a secret
/// (`extraVolumes[name=secrets].secret.secretName`).
pub fn describes_a_secret(path: &str) -> bool {
    describes(&last_key(path).to_lowercase())
}

fn describes(key: &str) -> bool {
    DESCRIBES_A_SECRET.iter().any(|pattern| glob::matches(pattern, key))
}

/// [`is_secret_key`] remembered per key: large files repeat the same keys thousands of times.
pub struct SecretKeys<'a> {
    pub rules: &'a SecretRules,
    memo: std::cell::RefCell<indexmap::IndexMap<String, bool, crate::node::KeyHasher>>,
}

impl<'a> SecretKeys<'a> {
    pub fn new(rules: &'a SecretRules) -> Self {
        SecretKeys { rules, memo: Default::default() }
    }

    pub fn is_secret_key(&self, path: &str) -> bool {
        let key = last_key(path);
        if let Some(known) = self.memo.borrow().get(key) {
            return *known;
        }
        let secret = is_secret_key(self.rules, key);
        self.memo.borrow_mut().insert(key.to_string(), secret);
        secret
    }
}

impl SecretKeys<'_> {
    /// `text` with the secrets it carries by shape masked ([`shapes`]); `None` when it
    /// carries none, or is itself a reference.
    pub fn redacted(&self, text: &str) -> Option<String> {
        // Nearly no value carries a secret: ask whether it is a reference only when it does.
        self.judged(|judge| shapes::redacted(text, judge)).filter(|_| !is_reference(self.rules, text))
    }

    /// Where in `text` the secrets it carries by shape are ([`shapes::secret_spans`]).
    pub fn secret_spans(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        self.judged(|judge| shapes::secret_spans(text, judge))
    }

    /// `scan` with these rules as the shapes' judge.
    fn judged<T>(&self, scan: impl FnOnce(&shapes::Judge) -> T) -> T {
        let secret_key = |key: &str| self.is_secret_key(key);
        let reference = |value: &str| is_reference(self.rules, value);
        scan(&shapes::Judge { secret_key: &secret_key, reference: &reference })
    }

    /// [`SecretKeys::redacted`] of a string, or of the strings of a list of scalars (one leaf);
    /// `None` when nothing in it is secret.
    pub fn redacted_value(&self, value: &Value) -> Option<Value> {
        match value {
            Value::Str(s) => self.redacted(s).map(|shown| Value::Str(shown.into())),
            Value::List(items) => {
                let mut copy: Option<Vec<crate::node::Node>> = None;
                for (i, item) in items.iter().enumerate() {
                    let Value::Str(s) = &item.value else { continue };
                    if let Some(shown) = self.redacted(s) {
                        copy.get_or_insert_with(|| items.clone())[i].value = Value::Str(shown.into());
                    }
                }
                copy.map(Value::List)
            }
            _ => None,
        }
    }
}

/// Whether a string value is a reference to a secret rather than a secret.
pub fn is_reference(rules: &SecretRules, value: &str) -> bool {
    // Nearly every value is checked, and nearly none is a reference: a pattern with a
    // literal start rules most values out on their first byte.
    let first = value.as_bytes().first();
    rules.references.iter().any(|pattern| {
        let literal_start = pattern.as_bytes().first().filter(|b| **b != b'*');
        literal_start.is_none_or(|b| Some(b) == first) && wildcard(pattern, value)
    })
}

/// Whether the value at `path` must be masked: a secret key holding anything but a reference or nothing.
pub fn must_mask(rules: &SecretRules, path: &str, value: Option<&str>) -> bool {
    is_secret_key(rules, path) && !value.is_some_and(|v| v.is_empty() || is_reference(rules, v))
}

fn last_key(path: &str) -> &str {
    // By byte: called for nearly every value, and every byte looked for is ASCII.
    let bytes = path.as_bytes();
    let end = bytes.iter().rposition(|b| !matches!(b, b']' | b'[' | b'0'..=b'9')).map_or(0, |at| at + 1);
    let start = bytes[..end].iter().rposition(|&b| b == b'.').map_or(0, |at| at + 1);
    &path[start..end]
}

/// `*` matches any run of characters (dots included): value patterns are not paths.
fn wildcard(pattern: &str, text: &str) -> bool {
    let Some((first, tail)) = pattern.split_once('*') else { return pattern == text };
    let (middle, last) = tail.rsplit_once('*').unwrap_or(("", tail));
    if !text.starts_with(first) {
        return false;
    }
    let mut rest = &text[first.len()..];
    for part in middle.split('*').filter(|part| !part.is_empty()) {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys_and_references() {
        let rules = SecretRules::default();
        assert!(is_secret_key(&rules, "grafana.adminPassword"));
        assert!(is_secret_key(&rules, "api.auth.token"));
        assert!(!is_secret_key(&rules, "api.replicas"));
        for describing in [
            "tls.secretName",
            "existingSecret",
            "deployment.envFromSecret",
            "auth.tokenPath",
            "passwordSecretRef",
            "token_url",
            "db.passwordKey",
        ] {
            assert!(!is_secret_key(&rules, describing), "{describing} names a secret, it does not hold one");
        }
        assert!(is_secret_key(&rules, "aws.secretKey"));
        assert!(is_secret_key(&rules, "api.apiKey"));
        for short in [
            "db.pwd",
            "passwd",
            "pass",
            "redis.pass",
            "smtp.db_pass",
            "auth_token",
            "oauth.client_secret",
            "private_key",
            "api_key",
            "X-Api-Key",
            "ingress.basicAuth",
            "gpg.passphrase",
            "minio.accessKey",
            "aws.access_key_id",
            "gcp.credential",
            "jwt.signingKey",
            "encryption_key",
        ] {
            assert!(is_secret_key(&rules, short), "{short} holds a secret");
        }
        for describing in [
            "tokenTTL",
            "auth.tokenExpiry",
            "tokenTimeout",
            "passwordPolicy",
            "passwordMinLength",
            "envFromSecret",
            "tokenKey",
            "proxy.bypass",
            "compass",
            "passwordHeader",
            "oidc.tokenEndpoint",
            "secretStore",
        ] {
            assert!(!is_secret_key(&rules, describing), "{describing} does not hold a secret");
        }
        assert!(is_reference(&rules, "secret://production/database-url"));
        assert!(is_reference(&rules, "vault:secret/data/db#password"));
        assert!(is_reference(&rules, "ref+awssm://prod/db"));
        assert!(is_reference(&rules, "ENC[AES256_GCM,data:abc]"));
        assert!(is_reference(&rules, "${DB_PASSWORD}"));
        assert!(!is_reference(&rules, "admin123"));
        assert!(!is_reference(&rules, "${DB_PASSWORD"));
        for (pattern, text, fits) in [
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXcYb", false),
            ("a**c", "ac", true),
            ("*", "", true),
            ("ab*ba", "aba", false),
            ("plain", "plain", true),
        ] {
            assert_eq!(wildcard(pattern, text), fits, "{pattern} {text}");
        }
        assert!(must_mask(&rules, "grafana.adminPassword", Some("admin123")));
        assert!(!must_mask(&rules, "grafana.adminPassword", Some("secret://prod/grafana")));
        assert!(!must_mask(&rules, "grafana.adminUser", Some("admin")));
    }

    #[test]
    fn redacted_strings_and_lists() {
        let rules = SecretRules::default();
        let keys = SecretKeys::new(&rules);
        assert_eq!(keys.redacted("postgres://u:p@db/app").as_deref(), Some("postgres://u:••••••@db/app"));
        assert_eq!(keys.redacted("vault:secret/data/db#password"), None);
        assert_eq!(keys.redacted("${DATABASE_URL}"), None);
        assert_eq!(keys.redacted("plain text"), None);
        let list = |items: &[&str]| {
            Value::List(
                items
                    .iter()
                    .map(|s| {
                        crate::node::Node::new(
                            Value::Str((*s).into()),
                            crate::source::Span::at(crate::source::SourceId(0), 0),
                        )
                    })
                    .collect(),
            )
        };
        let shown = keys.redacted_value(&list(&["--verbose", "--password=hunter2"]));
        assert_eq!(shown, Some(list(&["--verbose", "--password=••••••"])));
        assert_eq!(keys.redacted_value(&list(&["--verbose"])), None);
        assert_eq!(keys.redacted_value(&Value::Int(3)), None);
    }
}
