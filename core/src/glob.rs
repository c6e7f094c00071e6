//! Path patterns for filters, policy and intended differences.
//!
//! A pattern is matched against a path's text (`image.tag`, `hosts[0].host`):
//! `*` matches within one segment (no `.`), `**` matches any number of whole
//! segments, `?` one character. `**.tag` matches `tag` and `api.image.tag`.

/// Whether `path` (as printed by [`crate::path::Path`]) matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let path: Vec<char> = path.chars().collect();
    // Memoised on (pattern position, path position): at most |pattern| x |path| steps.
    // Recursion depth is bounded by |pattern| + |path|, so very long inputs are refused.
    if pattern.len() > 256 || path.len() > 1024 {
        return false;
    }
    let mut memo = vec![None; (pattern.len() + 1) * (path.len() + 1)];
    go(&pattern, &path, 0, 0, &mut memo)
}

fn go(pattern: &[char], path: &[char], p: usize, s: usize, memo: &mut Vec<Option<bool>>) -> bool {
    let index = p * (path.len() + 1) + s;
    if let Some(known) = memo[index] {
        return known;
    }
    let result = if p == pattern.len() {
        s == path.len()
    } else if pattern[p..].starts_with(&['*', '*']) {
        // `**.` may also match nothing at all, so `**.tag` matches `tag`.
        let rest = if pattern.get(p + 2) == Some(&'.') { p + 3 } else { p + 2 };
        go(pattern, path, rest, s, memo) || (s < path.len() && go(pattern, path, p, s + 1, memo))
    } else {
        match pattern[p] {
            '*' => {
                go(pattern, path, p + 1, s, memo)
                    || (s < path.len() && path[s] != '.' && go(pattern, path, p, s + 1, memo))
            }
            '?' => s < path.len() && path[s] != '.' && go(pattern, path, p + 1, s + 1, memo),
            c => s < path.len() && path[s] == c && go(pattern, path, p + 1, s + 1, memo),
        }
    };
    memo[index] = Some(result);
    result
}

/// Whether any pattern matches.
pub fn any_matches<S: AsRef<str>>(patterns: &[S], path: &str) -> bool {
    patterns.iter().any(|p| matches(p.as_ref(), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_stay_in_one_segment_and_double_stars_cross() {
        assert!(matches("image.*", "image.tag"));
        assert!(!matches("image.*", "image.repo.name"));
        assert!(matches("**.tag", "tag"));
        assert!(matches("**.tag", "api.image.tag"));
        assert!(!matches("**.tag", "api.image.tags"));
        assert!(matches("**", "a.b[0].c"));
        assert!(matches("*.replicaCount", "api.replicaCount"));
        assert!(!matches("*password*", "adminPassword"), "patterns are case-sensitive");
        assert!(matches("**.*assword*", "grafana.adminPassword"));
        assert!(matches("hosts[?].host", "hosts[0].host"));
        assert!(matches("secrets.**", "secrets.db.password"));
    }

    #[test]
    fn long_inputs_do_not_explode() {
        let path = "a.".repeat(200) + "b";
        assert!(!matches("**.**.**.**.**.c", &path));
    }
}
