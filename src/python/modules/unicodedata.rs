//! `unicodedata`: `name(chr, default)` and `lookup(name)`, the names of Unicode 14.0, the
//! Unicode of CPython 3.11's `unicodedata`.
//!
//! The names come from the `unicode_names2` crate (a compact table of every character
//! name, made for exactly this; Unicode 16.0). Names never change once assigned (Unicode's
//! stability policy), so Unicode 14.0's are the crate's minus the characters assigned
//! since: [`ADDED_AFTER_UNICODE_14`] lists them for the ranges the course's charfinder
//! indexes, and `tests/charfinder_index.rs` checks those ranges against CPython name by
//! name. Outside them, a character newer than 14.0 may have a name here that CPython 3.11
//! does not know.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "import unicodedata\nprint(unicodedata.name('\\u265a'), unicodedata.name('\\x00', None))\n",
//! );
//! assert_eq!(out, "BLACK CHESS KING None\n");
//! ```

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// Code points (first, last, inclusive) in the charfinder's ranges (U+0020..U+2FFF, U+1F000..U+1FAFF) that Unicode assigned after 14.0
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

/// `unicodedata.name(chr(code), None)` as of Unicode 14.0.
pub fn name(code: u32) -> Option<String> {
    if ADDED_AFTER_UNICODE_14.iter().any(|&(a, b)| (a..=b).contains(&code)) {
        return None;
    }
    let c = char::from_u32(code)?;
    unicode_names2::name(c).map(|n| n.to_string())
}

/// The one character of `v`, or CPython's TypeError.
fn one_char(v: Option<&Value>, function: &str) -> PyResult<char> {
    let v = v.ok_or_else(|| {
        PyException::new(TYPE_ERROR, format!("{function}() takes at least 1 argument (0 given)"))
    })?;
    let text = v.as_str().ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("{function}() argument 1 must be a unicode character, not {}", v.type_name()),
        )
    })?;
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyException::new(
            TYPE_ERROR,
            format!("{function}() argument 1 must be a unicode character, not str"),
        )),
    }
}

/// The module.
pub fn module() -> Value {
    make_module(
        "unicodedata",
        vec![
            (
                "name",
                Builtin::value("name", |a, _| {
                    let c = one_char(a.first(), "name")?;
                    match (name(c as u32), a.get(1)) {
                        (Some(n), _) => Ok(Value::str(n)),
                        (None, Some(default)) => Ok(default.clone()),
                        (None, None) => Err(PyException::new(VALUE_ERROR, "no such name")),
                    }
                }),
            ),
            (
                "lookup",
                Builtin::value("lookup", |a, _| {
                    let wanted = ops::str_of(&a.first().cloned().unwrap_or_default())?;
                    match unicode_names2::character(&wanted).filter(|c| name(*c as u32).is_some()) {
                        Some(c) => Ok(Value::str(c.to_string())),
                        None => {
                            Err(PyException::new(KEY_ERROR, format!("undefined character name '{wanted}'")))
                        }
                    }
                }),
            ),
            ("unidata_version", Value::str("14.0.0")),
        ],
    )
}
