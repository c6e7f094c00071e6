//! Path patterns for filters, policy and intended differences.
//!
//! A pattern is matched against a path's text (`image.tag`, `hosts[0].host`):
//! `*` matches within one segment (no `.`), `**` matches any number of whole
//! segments, `?` one character. `**.tag` matches `tag` and `api.image.tag`.

/// Whether `path` (as printed by [`crate::path::Path`]) matches `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    if let Some(result) = simple_match(pattern, path) {
        return result;
    }
    // Every path is tried against every pattern: the literal text before the first and
    // after the last wildcard rules nearly all of them out without the general matcher.
    if !literal_ends_fit(pattern, path) {
        return false;
    }
    // Memoised on (pattern position, path position): at most |pattern| x |path| steps.
    // Recursion depth is bounded by |pattern| + |path|, so very long inputs are refused.
    if pattern.len() > 256 || path.len() > 1024 {
        return false;
    }
    if pattern.is_ascii() && path.is_ascii() {
        general(pattern.as_bytes(), path.as_bytes())
    } else {
        general(&pattern.chars().collect::<Vec<_>>(), &path.chars().collect::<Vec<_>>())
    }
}

/// Whether the pattern's literal start is the path's start and its literal end the path's
/// end (a `**.` before that end may match nothing, so its `.` is not part of it).
fn literal_ends_fit(pattern: &str, path: &str) -> bool {
    let wildcard = |c: char| c == '*' || c == '?';
    let (Some(first), Some(last)) = (pattern.find(wildcard), pattern.rfind(wildcard)) else {
        return pattern == path;
    };
    let head = &pattern[..first];
    let mut tail = &pattern[last + 1..];
    if pattern[..=last].ends_with("**") {
        tail = tail.strip_prefix('.').unwrap_or(tail);
    }
    path.len() >= head.len() + tail.len() && path.starts_with(head) && path.ends_with(tail)
}

/// The general matcher, over bytes (ASCII text) or characters.
fn general<T: Copy + PartialEq + From<u8>>(pattern: &[T], path: &[T]) -> bool {
    let mut memo = vec![None; (pattern.len() + 1) * (path.len() + 1)];
    go(pattern, path, 0, 0, &mut memo)
}

fn go<T: Copy + PartialEq + From<u8>>(
    pattern: &[T],
    path: &[T],
    p: usize,
    s: usize,
    memo: &mut [Option<bool>],
) -> bool {
    let index = p * (path.len() + 1) + s;
    if let Some(known) = memo[index] {
        return known;
    }
    let (star, question, dot) = (T::from(b'*'), T::from(b'?'), T::from(b'.'));
    let result = if p == pattern.len() {
        s == path.len()
    } else if pattern[p] == star && pattern.get(p + 1) == Some(&star) {
        // `**.` may also match nothing at all, so `**.tag` matches `tag`; only where a
        // segment starts, so `**.tag` does not match `apitag`.
        let (rest, may_skip) =
            if pattern.get(p + 2) == Some(&dot) { (p + 3, s == 0 || path[s - 1] == dot) } else { (p + 2, true) };
        (may_skip && go(pattern, path, rest, s, memo)) || (s < path.len() && go(pattern, path, p, s + 1, memo))
    } else if pattern[p] == star {
        go(pattern, path, p + 1, s, memo) || (s < path.len() && path[s] != dot && go(pattern, path, p, s + 1, memo))
    } else if pattern[p] == question {
        s < path.len() && path[s] != dot && go(pattern, path, p + 1, s + 1, memo)
    } else {
        s < path.len() && path[s] == pattern[p] && go(pattern, path, p + 1, s + 1, memo)
    };
    memo[index] = Some(result);
    result
}

/// Patterns with no `?`, no `**` and `*` only at their ends (`*password*`, `image.*`,
/// `existing*`) need no backtracking: answer them with plain string tests. `None`
/// for every other pattern.
fn simple_match(pattern: &str, path: &str) -> Option<bool> {
    let inner = pattern.strip_prefix('*').unwrap_or(pattern);
    let inner = inner.strip_suffix('*').unwrap_or(inner);
    if inner.contains(['*', '?']) || pattern == "*" || pattern == "**" {
        return None;
    }
    let (leading, trailing) = (pattern.starts_with('*'), pattern.ends_with('*') && pattern.len() > 1);
    // `*` never crosses a `.`: the part it stands for must hold none.
    let no_dot = |s: &str| !s.contains('.');
    Some(match (leading, trailing) {
        (false, false) => path == inner,
        (false, true) => path.strip_prefix(inner).is_some_and(no_dot),
        (true, false) => path.strip_suffix(inner).is_some_and(no_dot),
        (true, true) => {
            path.match_indices(inner).any(|(at, _)| no_dot(&path[..at]) && no_dot(&path[at + inner.len()..]))
        }
    })
}

/// Whether a pattern matches the path or one of its ancestors (`image` selects
/// `image.tag`, `resources` covers `resources.limits.cpu`): how `--path`, `intended:`
/// and `policy:` patterns apply.
pub fn matches_path(patterns: &[String], path: &str) -> bool {
    any_matches(patterns, path)
        || crate::identity::boundaries(path).into_iter().any(|b| any_matches(patterns, &path[..b]))
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
        assert!(!matches("**.tag", "apitag"), "`**.` matches whole segments");
        assert!(matches("a.**.b", "a.b") && matches("a.**.b", "a.x.y.b") && !matches("a.**.b", "a.xb"));
        assert!(matches("**.group00.key1", "svc.group00.key1") && !matches("**.group00.key1", "svc.group00.key10"));
        assert!(matches("**", "a.b[0].c"));
        assert!(matches("*.replicaCount", "api.replicaCount"));
        assert!(!matches("*password*", "adminPassword"), "patterns are case-sensitive");
        assert!(matches("**.*assword*", "grafana.adminPassword"));
        assert!(matches("hosts[?].host", "hosts[0].host"));
        assert!(matches("secrets.**", "secrets.db.password"));
    }

    /// `matches`, with its shortcuts, answers as the general matcher does.
    fn assert_agrees(pattern: &str, path: &str) {
        let chars: Vec<char> = pattern.chars().collect();
        let text: Vec<char> = path.chars().collect();
        assert_eq!(matches(pattern, path), general(&chars, &text), "{pattern} ~ {path}");
    }

    #[test]
    fn simple_patterns_agree_with_the_general_matcher() {
        let patterns = ["*password*", "image.*", "existing*", "*name", "a.b", "*", "**", "*.tag", "x*y", "*a.b*"];
        let paths = [
            "adminpassword",
            "password",
            "a.password",
            "image.tag",
            "image.a.b",
            "existingsecret",
            "secretname",
            "a.b",
            "x.tag",
            "xay",
            "za.bz",
            "",
        ];
        for pattern in patterns {
            for path in paths {
                assert_agrees(pattern, path);
            }
        }
    }

    #[test]
    fn the_literal_ends_never_rule_out_a_match() {
        let patterns =
            ["**.tag", "a.**", "a.**.b", "a*.b", "*.x?z", "a**b", "**.é.**", "h[?].*", "**", "?.**.?", "x.**.**"];
        let paths = [
            "tag", "a.tag", "apitag", "a.b", "a.x.b", "ab.b", "q.xyz", "ab", "a.c.b", "é", "x.é.y", "h[0].n", "x.y",
            "", "x.",
        ];
        for pattern in patterns {
            for path in paths {
                assert_agrees(pattern, path);
            }
        }
    }

    #[test]
    fn shortcuts_agree_with_the_general_matcher_on_every_small_input() {
        // Every pattern over `a . * ?` up to 4 characters against every path over `a b .`
        // up to 5: the plain tests and the literal ends must answer as the matcher does.
        fn all(alphabet: &[char], longest: usize) -> Vec<String> {
            let mut found = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..longest {
                last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
                found.extend(last.iter().cloned());
            }
            found
        }
        let paths = all(&['a', 'b', '.'], 5);
        for pattern in all(&['a', '.', '*', '?'], 4) {
            for path in &paths {
                assert_agrees(&pattern, path);
            }
        }
    }

    #[test]
    fn long_inputs_do_not_explode() {
        let path = "a.".repeat(200) + "b";
        assert!(!matches("**.**.**.**.**.c", &path));
    }
}
