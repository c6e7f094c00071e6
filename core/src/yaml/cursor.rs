//! Character index to byte offset, for the parser's markers.
//!
//! saphyr-parser counts characters; spans are bytes. For ASCII text the two are
//! the same. Otherwise a cursor remembers where it last was and walks from
//! there, so a stream of nearby markers costs what the text between them costs.

pub(crate) struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    pub(crate) fn new(text: &'a str, ascii: bool) -> Self {
        CharCursor { text, ascii, chars: 0, bytes: 0 }
    }

    /// The byte offset of character `index` (the end of the text if it is past it).
    pub(crate) fn byte_of(&mut self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        let bytes = self.text.as_bytes();
        if index >= self.chars {
            let need = index - self.chars;
            // Runs of ASCII (most of any YAML file) are skipped in one step.
            if bytes.get(self.bytes..self.bytes + need).is_some_and(<[u8]>::is_ascii) {
                self.bytes += need;
                self.chars = index;
                return self.bytes;
            }
            while self.chars < index && self.bytes < bytes.len() {
                self.bytes += utf8_width(bytes[self.bytes]);
                self.chars += 1;
            }
            self.bytes = self.bytes.min(bytes.len());
        } else {
            while self.chars > index && self.bytes > 0 {
                self.bytes -= 1;
                // Step back over continuation bytes to the start of the character.
                while self.bytes > 0 && bytes[self.bytes] & 0xC0 == 0x80 {
                    self.bytes -= 1;
                }
                self.chars -= 1;
            }
        }
        self.bytes
    }
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_both_ways_over_multibyte_text() {
        let text = "aé€😀b";
        let mut cursor = CharCursor::new(text, false);
        assert_eq!(cursor.byte_of(0), 0);
        assert_eq!(cursor.byte_of(2), 3);
        assert_eq!(cursor.byte_of(4), 10);
        assert_eq!(cursor.byte_of(1), 1);
        assert_eq!(cursor.byte_of(3), 6);
        assert_eq!(cursor.byte_of(5), 11);
        assert_eq!(cursor.byte_of(99), 11);
        let mut ascii = CharCursor::new("abc", true);
        assert_eq!(ascii.byte_of(2), 2);
        assert_eq!(ascii.byte_of(7), 3);
    }
}
