//! Environments built on one base file share most of their subtrees: a map none of an
//! environment's own layers changed is the base file's map itself, not a copy
//! ([`crate::node::Value::Map`] is shared until changed). When an environment holds, at
//! the same path, a map an earlier column walked, its leaves are the same nodes and give
//! the same cells: they are copied from that column row by row instead of walked again.

use super::model::Cell;
use super::runs::Placing;
use crate::node::{is_shared, ByMap, Map};
use std::rc::Rc;

/// The shared maps walked so far, and where their leaves went.
#[derive(Default)]
pub(super) struct Reuse {
    walked: ByMap<Walked>,
    /// The rows of the recorded maps' leaves, in the order walked, end to end.
    rows: Vec<u32>,
    /// The recorded maps' paths, end to end.
    paths: String,
    /// The shared maps being walked, innermost last.
    open: Vec<Open>,
    /// How many lists the walk has gone into.
    lists: u32,
}

struct Walked {
    column: usize,
    path: (u32, u32),
    rows: (u32, u32),
    /// Walk this map again rather than copy it: it holds a list (whose survey needs
    /// every column), or it was met at two paths (an alias).
    again: bool,
}

struct Open {
    map: Rc<Map>,
    path: (u32, u32),
    /// The first of its rows in `rows`.
    start: u32,
    /// Lists met before it.
    lists: u32,
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Reuse {
    /// A leaf walked to `row`.
    pub fn leaf(&mut self, row: usize) {
        if !self.open.is_empty() {
            self.rows.push(offset(row));
        }
    }

    pub fn list(&mut self) {
        self.lists += 1;
    }

    /// Give `column` the cells of `map` at `path` that an earlier column walked there;
    /// `None` if it has to be walked. Returns the last row copied.
    pub fn copy(&mut self, column: usize, path: &str, map: &Rc<Map>, cells: &mut [Placing]) -> Option<usize> {
        let walked = self.walked.get(map)?;
        let (from, to) = walked.path;
        if walked.again || self.paths.get(from as usize..to as usize) != Some(path) {
            return None;
        }
        let (start, end) = (walked.rows.0 as usize, walked.rows.1 as usize);
        let rows = self.rows.get(start..end)?;
        // Each row was placed in that column by its walk of this map, and is not yet in this one.
        let source = walked.column;
        let ready = |row: &u32| cells.get(*row as usize).is_some_and(|c| c.at(source).is_some() && !c.placed(column));
        if !rows.iter().all(ready) {
            return None;
        }
        for &row in rows {
            let placing = &mut cells[row as usize];
            if let Some(cell) = placing.at(source) {
                placing.place(column, cell, Cell::MISSING);
            }
        }
        let last = rows.last().map(|&row| row as usize);
        if !self.open.is_empty() {
            // An enclosing shared map being walked: these rows are its too.
            self.rows.extend_from_within(start..end);
        }
        last
    }

    /// Walking `map` at `path` starts. Maps only this environment has are not recorded:
    /// no later column can hold them.
    pub fn enter(&mut self, path: &str, map: &Rc<Map>) {
        if self.open.is_empty() && !is_shared(map) {
            return;
        }
        let from = offset(self.paths.len());
        self.paths.push_str(path);
        let path = (from, offset(self.paths.len()));
        self.open.push(Open { map: Rc::clone(map), path, start: offset(self.rows.len()), lists: self.lists });
    }

    /// Walking `map` in `column` is done.
    pub fn leave(&mut self, column: usize, map: &Rc<Map>) {
        if !self.open.last().is_some_and(|open| Rc::ptr_eq(&open.map, map)) {
            return;
        }
        let Some(open) = self.open.pop() else { return };
        let again = self.lists != open.lists;
        let rows = (open.start, offset(self.rows.len()));
        match self.walked.get_mut(map) {
            // Met again (it could not be copied), maybe at another path: which rows a
            // copy would need depends on the path.
            Some(known) => known.again = true,
            None => {
                self.walked.insert(map, Walked { column, path: open.path, rows, again });
            }
        }
    }
}
