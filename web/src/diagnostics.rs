//! Splitting core's `stderr` into items the page can list and link.
//!
//! Core renders every diagnostic as `file:line:col: severity[code]: message`
//! (the position is absent when there is none), followed by indented
//! `  hint: ...` lines. The page shows these bytes unchanged; this module only
//! finds where one item ends and the next begins, and reads the position so
//! the page can jump to it.

/// A one-based position in a named file, as core printed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// One diagnostic as printed: its first line, split at the position, and the
/// indented lines that follow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// `file:line:col` exactly as printed, if the item has a position.
    pub position_text: Option<String>,
    pub position: Option<Position>,
    /// The rest of the first line (after `file:line:col`), or all of it.
    pub rest: String,
    /// Continuation lines (hints, notes), without their line breaks.
    pub more: Vec<String>,
}

impl Item {
    /// `"warning"` or `"error"`, as the item's first line says (also a CSS class).
    pub fn severity(&self) -> &'static str {
        let rest = self.rest.strip_prefix(": ").unwrap_or(&self.rest);
        if rest.starts_with("warning") {
            "warning"
        } else {
            "error"
        }
    }

    /// The item's text as core printed it (without the final line break).
    pub fn text(&self) -> String {
        let mut text = self.position_text.clone().unwrap_or_default();
        text.push_str(&self.rest);
        for line in &self.more {
            text.push('\n');
            text.push_str(line);
        }
        text
    }
}

/// Split `stderr` into items: a line that does not start with whitespace
/// starts a new item; indented lines belong to the item before them.
pub fn split(stderr: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for line in stderr.lines() {
        let continues = line.starts_with([' ', '\t']) || line.is_empty();
        match items.last_mut() {
            Some(last) if continues => last.more.push(line.to_owned()),
            _ => items.push(item(line)),
        }
    }
    items
}

fn item(line: &str) -> Item {
    match position(line) {
        Some((position_text, position)) => Item {
            rest: line[position_text.len()..].to_owned(),
            position_text: Some(position_text.to_owned()),
            position: Some(position),
            more: Vec::new(),
        },
        None => Item { position_text: None, position: None, rest: line.to_owned(), more: Vec::new() },
    }
}

/// `file:line:col` at the start of `line`, when followed by `: warning[` or
/// `: error[`. The file name may itself contain colons.
fn position(line: &str) -> Option<(&str, Position)> {
    let end = ["error[", "warning["].iter().filter_map(|word| line.find(&format!(": {word}"))).min()?;
    let head = &line[..end];
    let mut parts = head.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line_number = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    if file.is_empty() {
        return None;
    }
    Some((head, Position { file: file.to_owned(), line: line_number, column }))
}

/// The UTF-16 range (what a text area's selection counts in) of one-based
/// line `line` of `text`, without its line break; `None` past the end.
pub fn line_range_utf16(text: &str, line: usize) -> Option<(u32, u32)> {
    let index = line.checked_sub(1)?;
    let mut start = 0usize;
    for (number, raw) in text.split('\n').enumerate() {
        let raw_len = raw.encode_utf16().count();
        if number == index {
            let len = raw.strip_suffix('\r').map_or(raw_len, |c| c.encode_utf16().count());
            return Some((u32::try_from(start).ok()?, u32::try_from(start + len).ok()?));
        }
        start += raw_len + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positioned_error_with_hint() {
        let stderr = "values.yaml:3:7: error[yaml-syntax]: did not find expected key\n  hint: indent the key\n";
        let items = split(stderr);
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(item.position_text.as_deref(), Some("values.yaml:3:7"));
        assert_eq!(item.position, Some(Position { file: "values.yaml".into(), line: 3, column: 7 }));
        assert_eq!(item.rest, ": error[yaml-syntax]: did not find expected key");
        assert_eq!(item.more, ["  hint: indent the key"]);
        assert_eq!(format!("{}\n", item.text()), stderr);
    }

    #[test]
    fn items_without_position_and_several_items() {
        let stderr = "error: not implemented yet\nb.yaml:1:1: warning[yaml11-boolean]: `yes` is a boolean\n";
        let items = split(stderr);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].position, None);
        assert_eq!(items[0].text(), "error: not implemented yet");
        assert_eq!(items[1].position.as_ref().map(|p| p.file.as_str()), Some("b.yaml"));
        assert_eq!(items[0].severity(), "error");
        assert_eq!(items[1].severity(), "warning");
    }

    #[test]
    fn file_names_with_colons_and_bad_numbers() {
        let items = split("c:/x.yaml:10:2: error[e]: m\n");
        assert_eq!(items[0].position, Some(Position { file: "c:/x.yaml".into(), line: 10, column: 2 }));
        assert_eq!(split("x.yaml:a:2: error[e]: m")[0].position, None);
        assert_eq!(split(":1:2: error[e]: m")[0].position, None);
    }

    #[test]
    fn line_ranges_count_utf16_units() {
        let text = "a: 1\r\nbé: 😀\nc: 3";
        assert_eq!(line_range_utf16(text, 1), Some((0, 4)));
        assert_eq!(line_range_utf16(text, 2), Some((6, 12)));
        assert_eq!(line_range_utf16(text, 3), Some((13, 17)));
        assert_eq!(line_range_utf16(text, 4), None);
        assert_eq!(line_range_utf16(text, 0), None);
    }
}
