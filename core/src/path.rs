//! Value paths like `image.tag` or `ingress.hosts[0].host`, as users write them.
//!
//! A backslash escapes a dot or bracket inside a key (`annotations.kubernetes\.io/tls`),
//! the way `--set` escapes them.

use crate::node::{Node, Text, Value};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    Key(Text),
    Index(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(pub Vec<Segment>);

impl Path {
    pub fn root() -> Self {
        Path(Vec::new())
    }

    pub fn push_key(&mut self, key: &str) {
        self.0.push(Segment::Key(key.into()));
    }

    pub fn child(&self, segment: Segment) -> Path {
        let mut path = self.clone();
        path.0.push(segment);
        path
    }

    /// Parse `a.b[0].c`; `\.`, `\[` and `\\` escape inside keys.
    pub fn parse(text: &str) -> Result<Path, String> {
        let mut segments = Vec::new();
        let mut key = Text::default();
        let mut key_started = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    key.push(chars.next().ok_or("the path ends with a lone `\\`")?);
                    key_started = true;
                }
                '.' => {
                    if !key_started && !matches!(segments.last(), Some(Segment::Index(_))) {
                        return Err("the path has an empty key (two dots in a row, or a leading dot)".into());
                    }
                    if key_started {
                        segments.push(Segment::Key(std::mem::take(&mut key)));
                    }
                    key_started = false;
                }
                '[' => {
                    if key_started {
                        segments.push(Segment::Key(std::mem::take(&mut key)));
                        key_started = false;
                    }
                    let mut digits = String::new();
                    loop {
                        match chars.next() {
                            Some(']') => break,
                            Some(d) if d.is_ascii_digit() && digits.len() < 9 => digits.push(d),
                            _ => return Err("a list index must be digits inside `[...]`, like `hosts[0]`".into()),
                        }
                    }
                    let index = digits.parse().map_err(|_| "a list index must be digits inside `[...]`".to_string())?;
                    segments.push(Segment::Index(index));
                }
                c => {
                    key.push(c);
                    key_started = true;
                }
            }
        }
        if key_started {
            segments.push(Segment::Key(key));
        } else if text.ends_with('.') {
            return Err("the path ends with a dot".into());
        }
        if segments.is_empty() {
            return Err("the path is empty".into());
        }
        Ok(Path(segments))
    }

    /// The node at this path under `root`, if any.
    pub fn lookup<'a>(&self, root: &'a Node) -> Option<&'a Node> {
        let mut node = root;
        for segment in &self.0 {
            node = match (segment, &node.value) {
                (Segment::Key(key), Value::Map(map)) => map.get(key.as_str())?,
                (Segment::Index(i), Value::List(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    pub fn is_prefix_of(&self, other: &Path) -> bool {
        other.0.starts_with(&self.0)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    for c in key.chars() {
                        if matches!(c, '.' | '[' | ']' | '\\') {
                            f.write_str("\\")?;
                        }
                        write!(f, "{c}")?;
                    }
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in ["a", "a.b", "hosts[0].host", "a[1][2]", "annotations.kubernetes\\.io/tls"] {
            assert_eq!(Path::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Path::parse("x\\.y[3]").unwrap().0, vec![Segment::Key("x.y".into()), Segment::Index(3)]);
    }

    #[test]
    fn rejects_malformed_paths() {
        for text in ["", "a..b", ".a", "a.", "a[x]", "a[1", "a\\"] {
            assert!(Path::parse(text).is_err(), "{text:?} must be rejected");
        }
    }
}
