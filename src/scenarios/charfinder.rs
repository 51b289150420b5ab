//! The course's `UnicodeNameIndex`: find characters by the words of their Unicode names
//! (`chess black` → ♚ ♛ ♜ …), for the charfinder servers (`charfinder_tcp`,
//! `charfinder_http`, `corosim serve charfinder`).
//!
//! The names come from the `unicode_names2` crate (Unicode 16.0). The Python twins use
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

use std::collections::{BTreeSet, HashMap};

use crate::value::Value;

/// The code points indexed: Latin to CJK symbols, and the pictographs and emoji.
pub const RANGES: [(u32, u32); 2] = [(0x20, 0x3000), (0x1F000, 0x1FB00)];

/// Code points (first, last, inclusive) in [`RANGES`] that Unicode assigned after 14.0
/// (in 15.0, 15.1 and 16.0): the ones `unicode_names2` names and CPython 3.11's
/// `unicodedata` does not, as `tests/charfinder_index.rs` finds them. Names never change
/// once assigned (Unicode's stability policy), so leaving these out is all it takes.
pub const ADDED_AFTER_UNICODE_14: &[(u32, u32)] = &[
    (0x0897, 0x0897),
    (0x0CF3, 0x0CF3),
    (0x0ECE, 0x0ECE),
    (0x1B4E, 0x1B4F),
    (0x1B7F, 0x1B7F),
    (0x1C89, 0x1C8A),
    (0x2427, 0x2429),
    (0x2FFC, 0x2FFF),
    (0x1F6DC, 0x1F6DC),
    (0x1F774, 0x1F776),
    (0x1F77B, 0x1F77F),
    (0x1F7D9, 0x1F7D9),
    (0x1F8B2, 0x1F8BB),
    (0x1F8C0, 0x1F8C1),
    (0x1FA75, 0x1FA77),
    (0x1FA87, 0x1FA89),
    (0x1FA8F, 0x1FA8F),
    (0x1FAAD, 0x1FAAF),
    (0x1FABB, 0x1FABF),
    (0x1FAC6, 0x1FAC6),
    (0x1FACE, 0x1FACF),
    (0x1FADA, 0x1FADC),
    (0x1FADF, 0x1FADF),
    (0x1FAE8, 0x1FAE9),
    (0x1FAF7, 0x1FAF8),
];

/// A word index over the characters' names.
pub struct UnicodeNameIndex {
    index: HashMap<String, BTreeSet<u32>>,
    /// Every indexed name, decoded once (a server's answer then costs no decoding).
    names: HashMap<u32, Box<str>>,
}

/// Python's `re.findall(r"\w+", text)` for the ASCII words of character names (names
/// use A–Z, 0–9, space and hyphen).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

/// `unicodedata.name(chr(code), None)` as of Unicode 14.0, for indexed code points.
pub fn name(code: u32) -> Option<String> {
    if ADDED_AFTER_UNICODE_14.iter().any(|&(a, b)| (a..=b).contains(&code)) {
        return None;
    }
    let c = char::from_u32(code)?;
    unicode_names2::name(c).map(|n| n.to_string())
}

impl Default for UnicodeNameIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl UnicodeNameIndex {
    /// Builds the index: every word of every name, to the characters whose names have it.
    pub fn new() -> UnicodeNameIndex {
        let mut index: HashMap<String, BTreeSet<u32>> = HashMap::new();
        let mut names = HashMap::new();
        for (start, stop) in RANGES {
            for code in start..stop {
                if let Some(name) = name(code) {
                    for word in words(&name) {
                        index.entry(word.to_string()).or_default().insert(code);
                    }
                    names.insert(code, name.into_boxed_str());
                }
            }
        }
        UnicodeNameIndex { index, names }
    }

    /// The code points whose names have every word of `query`, in order.
    pub fn find_codes(&self, query: &str) -> Vec<u32> {
        let query = query.to_uppercase();
        let mut sets = words(&query).map(|w| self.index.get(w));
        let Some(first) = sets.next() else { return Vec::new() };
        let mut found: BTreeSet<u32> = first.cloned().unwrap_or_default();
        for set in sets {
            match set {
                Some(s) => found.retain(|c| s.contains(c)),
                None => found.clear(),
            }
        }
        found.into_iter().collect()
    }

    /// `U+265A\t♚\tBLACK CHESS KING`, one line per character found.
    pub fn find_description_strs(&self, query: &str) -> impl Iterator<Item = String> {
        self.find_codes(query).into_iter().map(|code| {
            let c = char::from_u32(code).expect("indexed");
            format!("U+{code:04X}\t{c}\t{}", self.names[&code])
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
