//! `urllib.parse`: `parse_qs` and `parse_qsl` (a query string into its fields),
//! `quote`, `quote_plus`, `unquote`, `unquote_plus` and `urlencode`, as an HTTP handler
//! uses them.
//!
//! The query string is decoded by the `form_urlencoded` crate (the WHATWG
//! `application/x-www-form-urlencoded` parser: `+` is a space, `%XX` a byte, the bytes
//! UTF-8), which is what CPython's `parse_qs` does for well-formed input.
//!
//! ```
//! let out = corosim::python::run_to_string("import urllib.parse\nprint(urllib.parse.parse_qs('query=chess+black&x=%E2%98%95&x=2'))\n");
//! assert_eq!(out, "{'query': ['chess black'], 'x': ['☕', '2']}\n");
//! ```

use indexmap::IndexMap;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

fn str_arg(a: &[Value], what: &str) -> PyResult<String> {
    match a.first() {
        Some(v) => ops::str_of(v),
        None => Err(PyException::new(TYPE_ERROR, format!("{what}() missing 1 required positional argument"))),
    }
}

/// The (name, value) pairs of a query string, blank values left out (as
/// `keep_blank_values=False`).
fn pairs(query: &str, keep_blank: bool) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .filter(|(_, v)| keep_blank || !v.is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn keep_blank(k: &Kwargs) -> bool {
    k.iter().any(|(n, v)| &**n == "keep_blank_values" && v.truthy())
}

/// `quote(s, safe='/')`: every byte but letters, digits, `_.-~` and `safe` as `%XX`.
fn quote(text: &str, safe: &str, plus: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        let c = b as char;
        if b.is_ascii_alphanumeric() || "_.-~".contains(c) || (c.is_ascii() && safe.contains(c)) {
            out.push(c);
        } else if plus && c == ' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unquote(text: &str, plus: bool) -> String {
    let text = if plus { text.replace('+', " ") } else { text.to_string() };
    percent_decode(&text)
}

/// `%XX` sequences to bytes, the result read as UTF-8 (invalid bytes as U+FFFD, as
/// `errors='replace'`).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn safe_kw(a: &[Value], k: &Kwargs, default: &str) -> PyResult<String> {
    match a.get(1).or_else(|| k.iter().find(|(n, _)| &**n == "safe").map(|(_, v)| v)) {
        Some(v) => ops::str_of(v),
        None => Ok(default.to_string()),
    }
}

/// The module `urllib.parse`.
pub fn module() -> Value {
    make_module(
        "urllib.parse",
        vec![
            (
                "parse_qs",
                Builtin::value("parse_qs", |a, k| {
                    let mut fields: IndexMap<String, Vec<Value>> = IndexMap::new();
                    for (name, value) in pairs(&str_arg(&a, "parse_qs")?, keep_blank(&k)) {
                        fields.entry(name).or_default().push(Value::str(value));
                    }
                    Ok(new_dict(fields.into_iter().map(|(n, v)| (Key::str(n), new_list(v))).collect()))
                }),
            ),
            (
                "parse_qsl",
                Builtin::value("parse_qsl", |a, k| {
                    let items = pairs(&str_arg(&a, "parse_qsl")?, keep_blank(&k))
                        .into_iter()
                        .map(|(n, v)| Value::tuple([Value::str(n), Value::str(v)]))
                        .collect();
                    Ok(new_list(items))
                }),
            ),
            (
                "quote",
                Builtin::value("quote", |a, k| {
                    Ok(Value::str(quote(&str_arg(&a, "quote")?, &safe_kw(&a, &k, "/")?, false)))
                }),
            ),
            (
                "quote_plus",
                Builtin::value("quote_plus", |a, k| {
                    Ok(Value::str(quote(&str_arg(&a, "quote_plus")?, &safe_kw(&a, &k, "")?, true)))
                }),
            ),
            (
                "unquote",
                Builtin::value("unquote", |a, _| Ok(Value::str(unquote(&str_arg(&a, "unquote")?, false)))),
            ),
            (
                "unquote_plus",
                Builtin::value("unquote_plus", |a, _| {
                    Ok(Value::str(unquote(&str_arg(&a, "unquote_plus")?, true)))
                }),
            ),
            (
                "urlencode",
                Builtin::value("urlencode", |a, _| {
                    let query = a.first().cloned().unwrap_or_default();
                    let items = match downcast::<Dict>(&query) {
                        Some(_) => ops::iterate(
                            &crate::python::attrs::getattr(&query, "items")
                                .and_then(|f| call(&f, vec![], vec![]))?,
                        )?,
                        None => ops::iterate(&query)?,
                    };
                    let mut parts = Vec::new();
                    for item in items {
                        let kv = ops::iterate(&item)?;
                        let (Some(key), Some(value)) = (kv.first(), kv.get(1)) else {
                            return Err(PyException::new(
                                TYPE_ERROR,
                                "not a valid non-string sequence or mapping object",
                            ));
                        };
                        parts.push(format!(
                            "{}={}",
                            quote(&ops::str_of(key)?, "", true),
                            quote(&ops::str_of(value)?, "", true)
                        ));
                    }
                    Ok(Value::str(parts.join("&")))
                }),
            ),
        ],
    )
}
