//! `string`: the character classes (`ascii_letters`, `digits`, `punctuation` …) as
//! CPython's `Lib/string.py` spells them, and `capwords`.
//!
//! ```
//! let out = corosim::python::run_to_string("import string\nprint(string.capwords(' hello   wide world '), string.hexdigits)\n");
//! assert_eq!(out, "Hello Wide World 0123456789abcdefABCDEF\n");
//! ```

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::python::ops;
use crate::python::text::str_method;
use crate::value::Value;

const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const PUNCTUATION: &str = r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##;
const WHITESPACE: &str = " \t\n\r\x0b\x0c";

/// The module.
pub fn module() -> Value {
    let letters = format!("{LOWER}{UPPER}");
    let printable = format!("{DIGITS}{letters}{PUNCTUATION}{WHITESPACE}");
    make_module(
        "string",
        vec![
            ("ascii_lowercase", Value::str(LOWER)),
            ("ascii_uppercase", Value::str(UPPER)),
            ("ascii_letters", Value::str(&letters)),
            ("digits", Value::str(DIGITS)),
            ("hexdigits", Value::str("0123456789abcdefABCDEF")),
            ("octdigits", Value::str("01234567")),
            ("punctuation", Value::str(PUNCTUATION)),
            ("whitespace", Value::str(WHITESPACE)),
            ("printable", Value::str(&printable)),
            ("capwords", Builtin::value("capwords", capwords)),
        ],
    )
}

/// `capwords(s, sep=None)`: `sep.join(w.capitalize() for w in s.split(sep))`, `sep`
/// a space when None.
fn capwords(a: Vec<Value>, k: Kwargs) -> PyResult {
    let s = a.first().ok_or_else(|| {
        PyException::new(TYPE_ERROR, "capwords() missing 1 required positional argument: 's'")
    })?;
    let sep = a.get(1).or_else(|| k.iter().find(|(n, _)| &**n == "sep").map(|(_, v)| v)).cloned();
    let sep = sep.unwrap_or(Value::None);
    let Some(text) = s.as_str() else {
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("'{}' object has no attribute 'split'", s.type_name()),
        ));
    };
    let words = str_method(text, "split", std::slice::from_ref(&sep)).expect("str.split")?;
    let mut out = Vec::new();
    for w in ops::iterate(&words)? {
        let w = w.as_str().unwrap_or_default().to_string();
        out.push(str_method(&w, "capitalize", &[]).expect("str.capitalize")?.to_str());
    }
    let joiner = match &sep {
        Value::None => " ".to_string(),
        v => v.to_str(),
    };
    Ok(Value::str(out.join(&joiner)))
}
