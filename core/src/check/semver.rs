//! Versions as people write image tags: `1.2.3`, `v1.2`, `0.3`, `1.0.0-rc.1`, `2.1.0+build.7`.
//!
//! Missing minor and patch numbers count as 0; build metadata is ignored; pre-releases
//! sort before their release, identifiers compared as SemVer 2.0 says. Anything else
//! (`latest`, `dev`, a digest) is not a version.

use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    core: [u64; 3],
    pre: Vec<Ident>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Ident {
    Number(u64),
    Text(String),
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let text = text.strip_prefix('v').unwrap_or(text);
        let text = text.split_once('+').map_or(text, |(version, _)| version);
        let (core_text, pre_text) = match text.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (text, None),
        };
        let parts: Vec<&str> = core_text.split('.').collect();
        if parts.is_empty() || parts.len() > 3 {
            return None;
        }
        let mut core = [0u64; 3];
        for (slot, part) in core.iter_mut().zip(&parts) {
            *slot = number(part)?;
        }
        let pre = match pre_text {
            None => Vec::new(),
            Some(pre) => pre.split('.').map(ident).collect::<Option<Vec<_>>>()?,
        };
        Some(Version { core, pre })
    }
}

fn number(part: &str) -> Option<u64> {
    if part.is_empty() || part.len() > 18 || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

fn ident(part: &str) -> Option<Ident> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    Some(number(part).map_or_else(|| Ident::Text(part.to_string()), Ident::Number))
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.core.cmp(&other.core).then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            (false, false) => {
                for (a, b) in self.pre.iter().zip(&other.pre) {
                    let order = match (a, b) {
                        (Ident::Number(x), Ident::Number(y)) => x.cmp(y),
                        (Ident::Number(_), Ident::Text(_)) => Ordering::Less,
                        (Ident::Text(_), Ident::Number(_)) => Ordering::Greater,
                        (Ident::Text(x), Ident::Text(y)) => x.cmp(y),
                    };
                    if order != Ordering::Equal {
                        return order;
                    }
                }
                self.pre.len().cmp(&other.pre.len())
            }
        })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_what_tags_look_like() {
        assert_eq!(v("0.3"), v("0.3.0"));
        assert_eq!(v("v1.2.3"), v("1.2.3"));
        assert_eq!(v("2.1.0+build.7"), v("2.1.0"));
        for text in ["latest", "dev", "1.2.3.4", "", "1..2", "sha256:abc", "1.0-", "staging-latest"] {
            assert_eq!(Version::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn orders_as_semver() {
        let ordered = [
            "0.3",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.10.0",
        ];
        for pair in ordered.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
    }
}
