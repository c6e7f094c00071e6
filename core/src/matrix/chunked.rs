//! A vector that grows a chunk at a time: no entry is ever moved, and growing never holds
//! the old and the new storage at once, as doubling a `Vec` does. The matrix's written
//! values are its largest table; doubling made its peak up to three times its size.

/// Entries per chunk.
const CHUNK: usize = 4096;

#[derive(Debug)]
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked { chunks: Vec::new(), len: 0 }
    }
}

impl<T> Chunked<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, entry: T) {
        if self.len % CHUNK == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        self.chunks.last_mut().expect("a chunk with room").push(entry);
        self.len += 1;
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }
}

#[cfg(test)]
mod tests {
    use super::{Chunked, CHUNK};

    #[test]
    fn entries_keep_their_index_across_chunks() {
        let mut chunked = Chunked::default();
        assert!(chunked.is_empty() && chunked.get(0).is_none());
        let count = 2 * CHUNK + 3;
        for i in 0..count {
            chunked.push(i * 7);
        }
        assert_eq!(chunked.len(), count);
        assert!((0..count).all(|i| chunked.get(i) == Some(&(i * 7))));
        assert_eq!(chunked.get(count), None);
        assert_eq!(chunked.chunks.len(), 3);
    }
}
