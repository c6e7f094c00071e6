//! Reading one `--set`-family argument character by character.
//!
//! Helm's parser reads runes from a buffer and cuts the text at "stop"
//! characters, with a backslash making the next character literal (except in
//! `--set-literal`). This scanner does the same and keeps byte offsets, so
//! every piece it returns knows where it was written.

/// A run of text cut at a stop character (or at the end of the argument).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The text with escapes resolved.
    pub text: String,
    /// Byte range of the raw text (escapes included), stop character excluded.
    pub start: usize,
    pub end: usize,
    /// The stop character that ended the piece; `None` at the end of the argument.
    pub stop: Option<char>,
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Move to `pos` (a character boundary at or after the current position).
    pub fn jump(&mut self, pos: usize) {
        if self.text.is_char_boundary(pos) {
            self.pos = pos.min(self.text.len());
        }
    }

    pub fn next_char(&mut self) -> Option<char> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    pub fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    /// Read up to (and consume) the first unescaped character of `stops`.
    ///
    /// With `escapes`, a backslash adds the next character verbatim; a
    /// backslash at the very end is dropped and ends the piece like the end
    /// of the argument does.
    pub fn until(&mut self, stops: &[char], escapes: bool) -> Piece {
        let start = self.pos;
        let mut text = String::new();
        loop {
            let before = self.pos;
            let Some(c) = self.next_char() else {
                return Piece { text, start, end: self.pos, stop: None };
            };
            if stops.contains(&c) {
                return Piece { text, start, end: before, stop: Some(c) };
            }
            if escapes && c == '\\' {
                match self.next_char() {
                    Some(next) => text.push(next),
                    None => return Piece { text, start, end: self.pos, stop: None },
                }
            } else {
                text.push(c);
            }
        }
    }

    /// Everything left, verbatim (the value of `--set-literal`).
    pub fn rest(&mut self) -> Piece {
        let start = self.pos;
        let text = self.text.get(start..).unwrap_or("").to_string();
        self.pos = self.text.len();
        Piece { text, start, end: self.pos, stop: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_resolves_escapes_and_keeps_raw_range() {
        let mut sc = Scanner::new(r"a\.b.c");
        let p = sc.until(&['.'], true);
        assert_eq!(p.text, "a.b");
        assert_eq!((p.start, p.end, p.stop), (0, 4, Some('.')));
        let p = sc.until(&['.'], true);
        assert_eq!((p.text.as_str(), p.start, p.end, p.stop), ("c", 5, 6, None));
    }

    #[test]
    fn trailing_backslash_is_dropped() {
        let mut sc = Scanner::new(r"ab\");
        let p = sc.until(&[','], true);
        assert_eq!((p.text.as_str(), p.end, p.stop), ("ab", 3, None));
    }

    #[test]
    fn without_escapes_backslash_is_text() {
        let mut sc = Scanner::new(r"a\.b");
        let p = sc.until(&['.'], false);
        assert_eq!((p.text.as_str(), p.stop), (r"a\", Some('.')));
    }

    #[test]
    fn multibyte_offsets() {
        let mut sc = Scanner::new("é=ü");
        let p = sc.until(&['='], true);
        assert_eq!((p.start, p.end), (0, 2));
        assert_eq!(sc.next_char(), Some('ü'));
        assert_eq!(sc.pos(), 5);
        assert_eq!(sc.next_char(), None);
    }
}
