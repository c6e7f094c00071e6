//! A row's cells, one per environment, kept as runs: environments built on one base
//! mostly show the same written value side by side, so a row of a hundred environments
//! is a handful of runs instead of a hundred cells (decision 0003).

use super::model::Cell;
use std::ops::Index;

/// The cells of one row, in the order of [`super::Matrix::environments`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cells {
    /// (first column, cell) of each run, by column; a run lasts until the next one
    /// starts, the last until `len`. Neighbouring runs hold different cells.
    runs: Vec<(u32, Cell)>,
    len: u32,
}

impl Cells {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn first(&self) -> Option<&Cell> {
        self.runs.first().map(|(_, cell)| cell)
    }

    /// Each run of one cell: the columns it covers and the cell, in column order. A check
    /// that asks the same of equal cells asks it once per run, not once per environment.
    pub fn runs(&self) -> impl Iterator<Item = (std::ops::Range<usize>, &Cell)> {
        self.runs.iter().enumerate().map(|(i, (start, cell))| {
            let end = self.runs.get(i + 1).map_or(self.len, |(next, _)| *next);
            (*start as usize..end as usize, cell)
        })
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter { runs: &self.runs, run: 0, column: 0, len: self.len }
    }

    /// Each run's cell, to change in place; a change must keep neighbouring runs apart
    /// (it does when cells that differ stay different, as states derived per entry do).
    pub(super) fn runs_mut(&mut self) -> impl Iterator<Item = &mut Cell> {
        self.runs.iter_mut().map(|(_, cell)| cell)
    }
}

impl Index<usize> for Cells {
    type Output = Cell;

    fn index(&self, column: usize) -> &Cell {
        assert!(column < self.len(), "column {column} of a row of {} cells", self.len);
        let column = column as u32;
        let run = self.runs.partition_point(|(start, _)| *start <= column) - 1;
        &self.runs[run].1
    }
}

impl<'a> IntoIterator for &'a Cells {
    type Item = &'a Cell;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Every cell of a row, one per environment.
#[derive(Clone)]
pub struct Iter<'a> {
    runs: &'a [(u32, Cell)],
    run: usize,
    column: u32,
    len: u32,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Cell;

    fn next(&mut self) -> Option<&'a Cell> {
        if self.column >= self.len {
            return None;
        }
        while self.runs.get(self.run + 1).is_some_and(|(start, _)| *start <= self.column) {
            self.run += 1;
        }
        self.column += 1;
        Some(&self.runs[self.run].1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.len - self.column) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// A row's cells as the environments place them, column after column: a column is
/// placed once (the first value placed there stays), and columns never placed are
/// `missing`.
#[derive(Debug)]
pub struct Placing {
    runs: Vec<(u32, Cell)>,
    /// One past the last column placed.
    end: u32,
}

impl Placing {
    pub fn new() -> Placing {
        Placing { runs: Vec::new(), end: 0 }
    }

    /// Whether `column` is placed already (or was passed over, which means missing).
    pub fn placed(&self, column: usize) -> bool {
        (column as u64) < u64::from(self.end)
    }

    /// The cell of the column before `column`, if that column was placed.
    pub fn before(&self, column: usize) -> Option<&Cell> {
        let last = self.runs.last()?;
        (u64::from(self.end) == column as u64 && column > 0).then_some(&last.1)
    }

    /// The cell of `column`, if it is placed (or was passed over).
    pub fn at(&self, column: usize) -> Option<Cell> {
        if !self.placed(column) {
            return None;
        }
        let column = column as u32;
        let run = self.runs.partition_point(|(start, _)| *start <= column).checked_sub(1)?;
        Some(self.runs[run].1)
    }

    /// Place `cell` at `column`, which must be at or after the last column placed.
    /// Columns skipped since are `missing`.
    pub fn place(&mut self, column: usize, cell: Cell, missing: Cell) {
        if self.placed(column) {
            return;
        }
        let column = u32::try_from(column).expect("fewer than 2^32 environments");
        if column > self.end && self.runs.last().is_none_or(|(_, last)| *last != missing) {
            self.runs.push((self.end, missing));
        }
        if self.runs.last().is_none_or(|(_, last)| *last != cell) {
            self.runs.push((column, cell));
        }
        self.end = column + 1;
    }

    /// The row of `width` columns, the rest `missing`.
    pub fn finish(mut self, width: usize, missing: Cell) -> Cells {
        let len = u32::try_from(width).expect("fewer than 2^32 environments");
        if self.end < len && self.runs.last().is_none_or(|(_, last)| *last != missing) {
            self.runs.push((self.end, missing));
        }
        self.runs.shrink_to_fit();
        Cells { runs: self.runs, len }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::State;

    fn cell(entry: u32) -> Cell {
        Cell::new(entry, State::Same)
    }

    fn placed(width: usize, places: &[(usize, u32)]) -> Cells {
        let mut row = Placing::new();
        for &(column, entry) in places {
            row.place(column, cell(entry), Cell::MISSING);
        }
        row.finish(width, Cell::MISSING)
    }

    #[test]
    fn cells_read_back_as_placed_with_gaps_missing() {
        let row = placed(7, &[(1, 4), (2, 4), (3, 5), (3, 9), (5, 4)]);
        let want = [Cell::MISSING, cell(4), cell(4), cell(5), Cell::MISSING, cell(4), Cell::MISSING];
        assert_eq!(row.iter().copied().collect::<Vec<_>>(), want, "the first value placed in a column stays");
        assert_eq!(row.len(), 7);
        assert_eq!(row.iter().len(), 7);
        for (column, expected) in want.iter().enumerate() {
            assert_eq!(&row[column], expected, "column {column}");
        }
        assert_eq!(row.first(), Some(&Cell::MISSING));
        assert_eq!(row.runs.len(), 6, "neighbouring equal cells share a run");
        let runs: Vec<(std::ops::Range<usize>, Cell)> = row.runs().map(|(columns, cell)| (columns, *cell)).collect();
        let expected =
            [(0..1, Cell::MISSING), (1..3, cell(4)), (3..4, cell(5)), (4..5, Cell::MISSING), (5..6, cell(4))];
        assert_eq!(runs[..5], expected);
        assert_eq!(runs[5], (6..7, Cell::MISSING), "the last run lasts to the end of the row");
    }

    #[test]
    fn a_row_the_same_everywhere_is_one_run() {
        let row = placed(100, &(0..100).map(|c| (c, 7)).collect::<Vec<_>>());
        assert_eq!(row.runs.len(), 1);
        assert!(row.iter().all(|c| *c == cell(7)));
        assert_eq!(placed(3, &[]).iter().copied().collect::<Vec<_>>(), [Cell::MISSING; 3]);
        assert!(placed(0, &[]).is_empty());
    }

    #[test]
    fn before_is_the_cell_of_the_column_just_placed() {
        let mut row = Placing::new();
        assert_eq!(row.before(0), None);
        row.place(0, cell(1), Cell::MISSING);
        assert_eq!(row.before(1), Some(&cell(1)));
        assert_eq!(row.before(2), None, "column 1 was passed over");
        assert!(row.placed(0) && !row.placed(1));
    }
}
