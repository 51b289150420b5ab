//! The course's `UnicodeNameIndex`: find characters by the words of their Unicode names
//! (`chess black` → ♚ ♛ ♜ …), for the charfinder servers (`charfinder_tcp`,
//! `charfinder_http`, `corosim serve charfinder`).
//!
//! The names come from `unicodedata.name` (`python/modules/unicodedata.rs`, on the
//! `unicode_names2` crate, Unicode 16.0). The Python twins use
//! CPython 3.11's `unicodedata`, which is Unicode 14.0, so the index leaves out what
//! Unicode assigned after 14.0: the ranges of [`ADDED_AFTER_UNICODE_14`], taken from
//! Unicode 15.0, 15.1 and 16.0 within the indexed ranges. `tests/charfinder_index.rs`
//! checks the result against `unicodedata`, name by name.
//!
//! ```
//! use corosim::scenarios::charfinder::UnicodeNameIndex;
//! let index = UnicodeNameIndex::new();
//! let found: Vec<String> = index.find_description_strs("chess black king").collect();
//! assert_eq!(found[0], "U+265A\t♚\tBLACK CHESS KING");
//! assert_eq!(index.status("chess black king", found.len()), format!("{} matches for 'chess black king'", found.len()));
//! ```

use std::collections::HashMap;

use crate::value::Value;

/// The code points indexed: Latin to CJK symbols, and the pictographs and emoji.
pub const RANGES: [(u32, u32); 2] = [(0x20, 0x3000), (0x1F000, 0x1FB00)];

pub use crate::python::modules::unicodedata::{ADDED_AFTER_UNICODE_14, name};

/// A word index over the characters' names: each word to the code points whose names
/// have it, in order. Python's version keeps a `set` per word; sorted slices hold the
/// same and take a third of the memory (a server's resident size is measured by
/// `corosim bench server`). The names themselves are not kept: `unicode_names2` gives
/// one back from its compact table when an answer needs it.
pub struct UnicodeNameIndex {
    index: HashMap<Box<str>, Box<[u32]>>,
}

/// Python's `re.findall(r"\w+", text)` for the ASCII words of character names (names
/// use A–Z, 0–9, space and hyphen).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

impl Default for UnicodeNameIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl UnicodeNameIndex {
    /// Builds the index: every word of every name, to the characters whose names have it.
    pub fn new() -> UnicodeNameIndex {
        let mut index: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (start, stop) in RANGES {
            for code in start..stop {
                if let Some(name) = name(code) {
                    for word in words(&name) {
                        let codes = index.entry(word.into()).or_default();
                        // Codes come in order; a word twice in one name counts once.
                        if codes.last() != Some(&code) {
                            codes.push(code);
                        }
                    }
                }
            }
        }
        UnicodeNameIndex {
            index: index.into_iter().map(|(w, codes)| (w, codes.into_boxed_slice())).collect(),
        }
    }

    /// The code points whose names have every word of `query`, in order: the codes of
    /// its rarest word that every other word's codes have too (`set.intersection`).
    pub fn find_codes(&self, query: &str) -> Vec<u32> {
        let query = query.to_uppercase();
        let mut sets = Vec::new();
        for word in words(&query) {
            match self.index.get(word) {
                Some(codes) => sets.push(&**codes),
                None => return Vec::new(),
            }
        }
        sets.sort_by_key(|codes| codes.len());
        let Some((rarest, others)) = sets.split_first() else { return Vec::new() };
        rarest
            .iter()
            .copied()
            .filter(|code| others.iter().all(|codes| codes.binary_search(code).is_ok()))
            .collect()
    }

    /// `U+265A\t♚\tBLACK CHESS KING`, one line per character found.
    pub fn find_description_strs(&self, query: &str) -> impl Iterator<Item = String> {
        self.find_codes(query).into_iter().map(|code| {
            let c = char::from_u32(code).expect("indexed");
            format!("U+{code:04X}\t{c}\t{}", name(code).expect("indexed"))
        })
    }

    /// `3 matches for 'sun behind'`, `1 match for …`, `No match for …` (the query as
    /// Python's `repr`).
    pub fn status(&self, query: &str, count: usize) -> String {
        let q = Value::from(query).repr();
        match count {
            0 => format!("No match for {q}"),
            1 => format!("1 match for {q}"),
            n => format!("{n} matches for {q}"),
        }
    }
}
