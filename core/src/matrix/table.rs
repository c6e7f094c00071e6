//! The terminal table: a path column and one column per environment, fitted to a width.
//!
//! Columns start at their natural width; when they do not fit, environment columns
//! shrink (long values end in `…`) down to a minimum, and environments that still do
//! not fit go to the next block, which repeats the path column. The first column marks
//! rows that are not the same everywhere (`≠` differs, `~` intended, `!` type differs);
//! with colour, cells are coloured by state and a legend says how.

use super::cell::{self, DELETED, MISSING};
use super::model::{Cell, Content, Matrix, Row, State};
use crate::emit::push_spaces;
use crate::node::Value;
use crate::secrets::MASK;
use std::borrow::Cow;

/// Space between columns.
const GAP: usize = 2;
/// Environment columns never shrink below this (or their natural width, if smaller).
const MIN_COLUMN: usize = 8;

/// Write the table to `sink`, a line at a time. Cell texts are made twice (once to measure
/// the columns, once to print them) rather than held: a large matrix has millions of cells.
pub fn render(matrix: &Matrix, width: usize, color: bool, sink: &mut dyn std::fmt::Write) {
    if matrix.rows.is_empty() {
        let _ = sink.write_str("no paths to show\n");
        return;
    }
    let width = width.max(20);
    let flags = matrix.flags();
    let heading = matrix.path_heading();
    let natural_path = matrix.rows.iter().map(|r| chars(r.label())).chain([chars(heading)]).max().unwrap_or(0);
    let path_width = natural_path.min(12.max((width - 2) * 2 / 5));
    let available = width - 2 - path_width;
    let mut texts = cell::Texts::default();
    // A second cache, so measuring a row's shared start does not evict the cell being printed.
    let mut prefix_texts = cell::Texts::default();
    // Each row's shared start, made only when one of its cells has to be cut (most rows fit),
    // and then kept for the row's other blocks.
    let mut shared: Vec<Option<usize>> = vec![None; matrix.rows.len()];
    let mut natural: Vec<usize> = matrix.environments.iter().map(|name| chars(name)).collect();
    let mut widths = Widths { known: vec![u32::MAX; matrix.entries()] };
    for row in &matrix.rows {
        for (n, cell) in natural.iter_mut().zip(&row.cells) {
            *n = (*n).max(widths.of(&mut texts, matrix, cell, flags));
        }
    }
    let minimum: Vec<usize> = matrix
        .environments
        .iter()
        .zip(&natural)
        .map(|(name, &n)| n.min(MIN_COLUMN.max(chars(name).min(20))).min(available.saturating_sub(GAP).max(1)))
        .collect();

    let mut out = String::new();
    for (b, block) in blocks(&minimum, available).into_iter().enumerate() {
        let widths = widen(&block, &minimum, &natural, available);
        if b > 0 {
            out.push('\n');
        }
        let mut line = String::from("  ");
        paint(&mut line, &fit(heading, path_width), path_width, color.then_some("1"));
        for (&e, &w) in block.iter().zip(&widths) {
            line.push_str("  ");
            paint(&mut line, &fit(&matrix.environments[e], w), w, color.then_some("1"));
        }
        finish(&mut out, &line);
        let total = 2 + path_width + widths.iter().map(|w| w + GAP).sum::<usize>();
        out.push_str(&"─".repeat(total));
        out.push('\n');
        for (r, row) in matrix.rows.iter().enumerate() {
            line.clear();
            paint(&mut line, marker(row.state), 1, color.then(|| code(row.state)).flatten());
            line.push(' ');
            line.push_str(&pad(&fit_left(row.label(), path_width), path_width));
            // A block is a run of neighbouring environments; a run of one cell is made once,
            // and cut once per width it has to fit.
            let first = block[0];
            let end = first + block.len();
            for (columns, cell) in row.cells.runs() {
                let columns = columns.start.max(first)..columns.end.min(end);
                if columns.is_empty() {
                    continue;
                }
                let (text, count) = texts.text_width(matrix, cell, flags, MISSING);
                let code = color.then(|| code(cell.state)).flatten();
                let mut cut: Option<(usize, Cow<str>)> = None;
                for e in columns {
                    let w = widths[e - first];
                    line.push_str("  ");
                    if count <= w {
                        paint_counted(&mut line, text, count, w, code);
                        continue;
                    }
                    if cut.as_ref().is_none_or(|(width, _)| *width != w) {
                        let shown = if row.state == State::Same {
                            fit(text, w)
                        } else {
                            let shared =
                                *shared[r].get_or_insert_with(|| shared_prefix(matrix, row, flags, &mut prefix_texts));
                            fit_showing(text, w, shared)
                        };
                        cut = Some((w, shown));
                    }
                    if let Some((_, shown)) = &cut {
                        paint(&mut line, shown, w, code);
                    }
                }
            }
            finish(&mut out, &line);
            super::flush(&mut out, sink);
        }
    }
    out.push('\n');
    out.push_str(&legend(width, color));
    super::flush(&mut out, sink);
}

/// Environments grouped into blocks that fit `available` columns at their minimum widths:
/// each block is neighbouring environments, in order.
fn blocks(minimum: &[usize], available: usize) -> Vec<Vec<usize>> {
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (e, &w) in minimum.iter().enumerate() {
        match blocks.last_mut() {
            Some(block) if used + GAP + w <= available => block.push(e),
            _ => {
                blocks.push(vec![e]);
                used = 0;
            }
        }
        used += GAP + w;
    }
    blocks
}

/// Widths for one block: the spare room goes, one column at a time, to the narrowest
/// column still below its natural width.
fn widen(block: &[usize], minimum: &[usize], natural: &[usize], available: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = block.iter().map(|&e| minimum[e]).collect();
    let mut spare = available.saturating_sub(widths.iter().map(|w| w + GAP).sum());
    while spare > 0 {
        let Some(i) = (0..block.len()).filter(|&i| widths[i] < natural[block[i]]).min_by_key(|&i| widths[i]) else {
            break;
        };
        widths[i] += 1;
        spare -= 1;
    }
    widths
}

fn marker(state: State) -> &'static str {
    match state {
        State::Differs => "≠",
        State::Intended => "~",
        State::TypeDiffers => "!",
        _ => " ",
    }
}

/// The ANSI colour of a state.
fn code(state: State) -> Option<&'static str> {
    match state {
        State::Same => None,
        State::Differs => Some("33"),
        State::Intended => Some("36"),
        State::TypeDiffers => Some("1;31"),
        State::Missing => Some("2"),
        State::Deleted => Some("31"),
        State::Secret => Some("35"),
    }
}

/// What the markers, symbols and colours mean, wrapped to `width`.
fn legend(width: usize, color: bool) -> String {
    let entries = [
        ("≠", State::Differs),
        ("~", State::Intended),
        ("!", State::TypeDiffers),
        (MISSING, State::Missing),
        (DELETED, State::Deleted),
        (MASK, State::Secret),
    ];
    let mut out = String::new();
    let mut used = 0;
    for (symbol, state) in entries {
        let text = format!("{symbol} {}", state.words());
        if used > 0 && used + 2 + chars(&text) > width {
            out.push('\n');
            used = 0;
        } else if used > 0 {
            out.push_str("  ");
            used += 2;
        }
        used += chars(&text);
        paint(&mut out, &text, 0, color.then(|| code(state)).flatten());
    }
    out.push('\n');
    out
}

/// Append `text` padded to `width`, coloured (padding outside the colour) if `code` is given.
fn paint(line: &mut String, text: &str, width: usize, code: Option<&str>) {
    paint_counted(line, text, chars(text), width, code);
}

/// [`paint`] for a text already known to be `count` characters wide.
fn paint_counted(line: &mut String, text: &str, count: usize, width: usize, code: Option<&str>) {
    match code {
        Some(code) => {
            line.push_str("\x1b[");
            line.push_str(code);
            line.push('m');
            line.push_str(text);
            line.push_str("\x1b[0m");
        }
        None => line.push_str(text),
    }
    push_spaces(line, width.saturating_sub(count));
}

/// Each written value's width, measured once: one value shows in many cells.
struct Widths {
    /// By entry of the matrix's written values; `u32::MAX` until measured.
    known: Vec<u32>,
}

impl Widths {
    fn of(&mut self, texts: &mut cell::Texts, matrix: &Matrix, cell: &Cell, flags: bool) -> usize {
        // Masks and flag symbols show instead of the value: measure those as they come.
        let memo = match matrix.content(cell) {
            Content::Value(Value::Bool(_)) if flags => None,
            Content::Value(_) if !cell.masked => self.known.get_mut(cell.entry() as usize),
            _ => None,
        };
        match memo {
            Some(known) if *known != u32::MAX => *known as usize,
            Some(known) => {
                let width = texts.text_width(matrix, cell, flags, MISSING).1;
                *known = u32::try_from(width).unwrap_or(u32::MAX - 1);
                width
            }
            None => texts.text_width(matrix, cell, flags, MISSING).1,
        }
    }
}

fn finish(out: &mut String, line: &str) {
    out.push_str(line.trim_end_matches(' '));
    out.push('\n');
}

fn pad(text: &str, width: usize) -> String {
    let mut out = text.to_string();
    push_spaces(&mut out, width.saturating_sub(chars(text)));
    out
}

/// `text` cut to `width` characters, ending in `…` when cut.
fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if chars(text) <= width {
        return Cow::Borrowed(text);
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    Cow::Owned(out)
}

/// How many characters every value of a differing row starts with
/// (`registry.example.com/team/app:1.4` and `...:1.5` share 32), so that cutting
/// a cell can keep what differs in sight.
fn shared_prefix(matrix: &Matrix, row: &Row, flags: bool, texts: &mut cell::Texts) -> usize {
    let mut first: Option<String> = None;
    let mut shared = 0;
    for cell in &row.cells {
        if !matches!(matrix.content(cell), Content::Value(_)) || cell.masked {
            continue;
        }
        let text = texts.text(matrix, cell, flags, MISSING);
        match &first {
            None => {
                shared = chars(text);
                first = Some(text.to_string());
            }
            Some(first) => {
                shared = shared.min(first.chars().zip(text.chars()).take_while(|(a, b)| a == b).count());
            }
        }
        if shared == 0 {
            break;
        }
    }
    shared
}

/// Context kept before the first differing character when a cell is cut around it.
const CONTEXT: usize = 4;

/// [`fit`], unless cutting the end would hide where this text leaves the
/// `shared` characters: then a window from just before there, `…` on each cut side.
fn fit_showing(text: &str, width: usize, shared: usize) -> Cow<'_, str> {
    let count = chars(text);
    if count <= width || shared + 1 < width || shared >= count || width < 4 {
        return fit(text, width);
    }
    let start = shared.saturating_sub(CONTEXT).min(count.saturating_sub(width - 1));
    let mut out = String::from("…");
    let room = width - 1;
    out.extend(text.chars().skip(start).take(room));
    if start + room < count {
        out.pop();
        out.push('…');
    }
    Cow::Owned(out)
}

/// `text` cut to its last `width` characters, starting with `…` when cut: a path keeps its leaf.
fn fit_left(text: &str, width: usize) -> Cow<'_, str> {
    let count = chars(text);
    if count <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::from("…");
    out.extend(text.chars().skip(count - width.saturating_sub(1)));
    Cow::Owned(out)
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_cell_keeps_what_differs_in_sight() {
        let image = "registry.example.com/team/app:1.4.2";
        assert_eq!(fit_showing(image, 12, 0), "registry.ex…");
        assert_eq!(fit_showing(image, 12, 33), "…m/app:1.4.2", "the differing tail stays");
        // `team-a` against `team-b`: the window opens just before the `a`.
        assert_eq!(fit_showing("registry.example.com/team-a/app:1.4.2", 12, 26), "…eam-a/app:…");
        assert_eq!(fit_showing(image, 12, 5), "registry.ex…", "a difference in the head shows anyway");
        assert_eq!(fit_showing("short", 12, 3), "short");
        assert_eq!(fit_showing(image, 12, 35), "registry.ex…", "equal wherever set: nothing to show");
    }
}
