//! Small text helpers shared by every "did you mean" in strata.

/// Edit distance in characters, an adjacent swap counting as one edit
/// (optimal string alignment), so `dve` is one edit from `dev`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost).min(previous[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()]
}

/// The candidate closest to `word` (ignoring case), if close enough to be a
/// likely typo: at most a third of the longer word's characters differ.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Long words make the distance quadratic; nobody mistypes a 200-character key.
    if word.chars().count() > 128 {
        return None;
    }
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.chars().count() <= 128)
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1) || is_prefix_pair(&lower, c))
        .min()
        .map(|(_, c)| c)
}

/// `replicas` for `replicaCount`: the shorter word, but for its last character, starts the
/// longer one, and is long enough (5+) to mean it.
fn is_prefix_pair(lower: &str, candidate: &str) -> bool {
    let candidate = candidate.to_lowercase();
    let shared = lower.chars().zip(candidate.chars()).take_while(|(a, b)| a == b).count();
    let shorter = lower.chars().count().min(candidate.chars().count());
    shared >= 5 && shared + 1 >= shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("dve", "dev"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("prodcution", ["production", "staging"]), Some("production"));
        assert_eq!(closest("replicaCont", ["replicaCount", "image"]), Some("replicaCount"));
        assert_eq!(closest("envirnoments", ["environments", "promotion"]), Some("environments"));
        assert_eq!(closest("zzz", ["replicaCount", "image"]), None);
        assert_eq!(closest("replicas", ["replicaCount", "image"]), Some("replicaCount"));
        assert_eq!(closest("rep", ["replicaCount"]), None);
    }
}
