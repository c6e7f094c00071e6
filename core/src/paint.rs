//! ANSI colour for terminal output, decided by core (`Terminal::color`) so shells print bytes unchanged.

/// A colour for one run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Red,
    Green,
    Yellow,
    Magenta,
    Cyan,
    Bold,
    Dim,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Red => "31",
            Paint::Green => "32",
            Paint::Yellow => "33",
            Paint::Magenta => "35",
            Paint::Cyan => "36",
            Paint::Bold => "1",
            Paint::Dim => "2",
        }
    }
}

/// A line written by `write` into `out`, in `paint` when `on`, then a newline: for output
/// made of many lines, with no string made per line. `write` must write something.
pub fn paint_line(out: &mut String, on: bool, paint: Paint, write: impl FnOnce(&mut String)) {
    if on {
        out.push_str("\x1b[");
        out.push_str(paint.code());
        out.push('m');
    }
    write(out);
    if on {
        out.push_str("\x1b[0m");
    }
    out.push('\n');
}

/// `text` in `paint` when `on`, else `text` unchanged.
pub fn paint(on: bool, paint: Paint, text: &str) -> String {
    if on && !text.is_empty() {
        format!("\x1b[{}m{text}\x1b[0m", paint.code())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_when_asked() {
        assert_eq!(paint(true, Paint::Red, "x"), "\x1b[31mx\x1b[0m");
        assert_eq!(paint(false, Paint::Red, "x"), "x");
        for on in [true, false] {
            let mut line = String::new();
            paint_line(&mut line, on, Paint::Red, |out| out.push('x'));
            assert_eq!(line, paint(on, Paint::Red, "x") + "\n");
        }
        assert_eq!(paint(true, Paint::Bold, ""), "");
    }
}
