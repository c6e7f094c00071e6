//! Secrets: which values are secret, which are references to secrets, and masking.
//!
//! Every output masks secret values unless the user asks (`--show-secrets`).
//! A value is secret when its key matches a secret key pattern (`*password*`,
//! `*token*` ...) and it is not a reference (`secret://...`, `vault:...`,
//! `ref+...`, `ENC[...]`, `${VAR}`), which is safe to show and is what the
//! secret inventory is built from.

use crate::glob;
use crate::workspace::SecretRules;

/// What replaces a secret value in output.
pub const MASK: &str = "••••••";

/// Keys that match a secret pattern but name or describe a secret rather than hold
/// one: `secretName`, `existingSecret`, `envFromSecret`, `passwordSecretRef`, `tokenPath`,
/// `token_url`, and `passwordKey` (the name of the entry inside a Secret object).
const DESCRIBES_A_SECRET: [&str; 18] = [
    "*name",
    "*names",
    "*ref",
    "*refs",
    "existing*",
    "envfrom*",
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
];

/// Whether the last key of `path` names a secret (case-insensitive).
pub fn is_secret_key(rules: &SecretRules, path: &str) -> bool {
    let key = last_key(path).to_lowercase();
    rules.keys.iter().any(|pattern| glob::matches(&pattern.to_lowercase(), &key))
        && !DESCRIBES_A_SECRET.iter().any(|pattern| glob::matches(pattern, &key))
}

/// [`is_secret_key`] remembered per key: large files repeat the same keys thousands of times.
pub struct SecretKeys<'a> {
    pub rules: &'a SecretRules,
    memo: std::cell::RefCell<std::collections::BTreeMap<String, bool>>,
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

/// Whether a string value is a reference to a secret rather than a secret.
pub fn is_reference(rules: &SecretRules, value: &str) -> bool {
    rules.references.iter().any(|pattern| wildcard(pattern, value))
}

/// Whether the value at `path` must be masked: a secret key holding anything but a reference or nothing.
pub fn must_mask(rules: &SecretRules, path: &str, value: Option<&str>) -> bool {
    is_secret_key(rules, path) && !value.is_some_and(|v| v.is_empty() || is_reference(rules, v))
}

fn last_key(path: &str) -> &str {
    let trimmed = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[');
    trimmed.rsplit('.').next().unwrap_or(trimmed)
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
}
