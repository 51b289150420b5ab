//! `reprlib.repr(x)`: a repr cut to size, as asyncio shows a future's result
//! (`<Future finished result=[0, 1, 2, 3, 4, 5, ...]>`) and a callback's arguments
//! (`Exception in callback on_done(<Task cancell...tasks.py:637>>)`).
//!
//! CPython's `reprlib.Repr` with its default limits: six items of a list, tuple, set or
//! deque, four of a dict, six levels deep; a `str` over 30 characters, an `int` over 40
//! digits and any other repr over 30 keep their two ends around `...`.
//!
//! ```
//! let out = corosim::python::run_to_string("import reprlib\nprint(reprlib.repr(list(range(10))))\nprint(reprlib.repr('a' * 40))\n");
//! assert_eq!(out, "[0, 1, 2, 3, 4, 5, ...]\n'aaaaaaaaaaaa...aaaaaaaaaaaaa'\n");
//! ```

use crate::exception::PyResult;
use crate::python::objects::repr;
use crate::python::ops;
use crate::value::Value;

const MAX_LEVEL: isize = 6;
const MAX_ITEMS: usize = 6;
const MAX_DICT: usize = 4;
const MAX_STRING: usize = 30;
const MAX_LONG: usize = 40;
const MAX_OTHER: usize = 30;

/// `reprlib.repr(v)`.
pub fn short_repr(v: &Value) -> PyResult<String> {
    repr1(v, MAX_LEVEL)
}

/// [`short_repr`], for the runtime's reprs, which cannot fail: a repr that raised
/// shows as CPython's `reprlib` shows it.
pub fn short_repr_or_placeholder(v: &Value) -> String {
    short_repr(v).unwrap_or_else(|_| {
        let class = crate::python::attrs::type_name_of(v);
        format!("<{class} instance at {}>", crate::python::objects::fake_address(v as *const _ as *const ()))
    })
}

fn repr1(v: &Value, level: isize) -> PyResult<String> {
    let type_name = crate::python::attrs::type_name_of(v);
    match type_name.as_str() {
        "tuple" => iterable(&ops::iterate(v)?, level, "(", ")", ",", MAX_ITEMS),
        "list" => iterable(&ops::iterate(v)?, level, "[", "]", "", MAX_ITEMS),
        "deque" => iterable(&ops::iterate(v)?, level, "deque([", "])", "", MAX_ITEMS),
        "set" | "frozenset" => {
            let items = possibly_sorted(ops::iterate(v)?);
            match (type_name.as_str(), items.is_empty()) {
                ("set", true) => Ok("set()".into()),
                ("set", false) => iterable(&items, level, "{", "}", "", MAX_ITEMS),
                (_, true) => Ok("frozenset()".into()),
                _ => iterable(&items, level, "frozenset({", "})", "", MAX_ITEMS),
            }
        }
        "dict" => dict(v, level),
        "str" => {
            let whole = repr(v)?;
            if whole.chars().count() <= MAX_STRING {
                return Ok(whole);
            }
            // The repr of the two ends, spliced again: escapes may have made it longer.
            let (i, j) = ends(MAX_STRING);
            let chars: Vec<char> = v.as_str().unwrap_or_default().chars().collect();
            let kept: String = chars[..i].iter().chain(&chars[chars.len() - j..]).collect();
            Ok(splice(&repr(&Value::str(kept))?, MAX_STRING))
        }
        "int" => Ok(cut(&repr(v)?, MAX_LONG)),
        _ => Ok(cut(&repr(v)?, MAX_OTHER)),
    }
}

/// The first `i` and last `j` characters kept of a text cut to `limit`.
fn ends(limit: usize) -> (usize, usize) {
    let i = (limit - 3) / 2;
    (i, limit - 3 - i)
}

/// `s` itself, or its two ends around `...` when longer than `limit`.
fn cut(s: &str, limit: usize) -> String {
    if s.chars().count() <= limit { s.to_string() } else { splice(s, limit) }
}

/// The two ends of `s` around `...`.
fn splice(s: &str, limit: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let (i, j) = ends(limit);
    let head: String = chars[..i.min(chars.len())].iter().collect();
    let tail: String = chars[chars.len().saturating_sub(j)..].iter().collect();
    format!("{head}...{tail}")
}

/// `left item, item, ... right`; `trail` before `right` for a single item (`(1,)`).
fn iterable(
    items: &[Value],
    level: isize,
    left: &str,
    right: &str,
    trail: &str,
    max: usize,
) -> PyResult<String> {
    if level <= 0 && !items.is_empty() {
        return Ok(format!("{left}...{right}"));
    }
    let mut pieces = items.iter().take(max).map(|x| repr1(x, level - 1)).collect::<PyResult<Vec<_>>>()?;
    if items.len() > max {
        pieces.push("...".into());
    }
    let trail = if items.len() == 1 { trail } else { "" };
    Ok(format!("{left}{}{trail}{right}", pieces.join(", ")))
}

fn dict(v: &Value, level: isize) -> PyResult<String> {
    let items = ops::mapping_items(v)?;
    if items.is_empty() {
        return Ok("{}".into());
    }
    if level <= 0 {
        return Ok("{...}".into());
    }
    let keys = possibly_sorted(items.iter().map(|(k, _)| k.clone()).collect());
    let mut pieces = Vec::new();
    for k in keys.iter().take(MAX_DICT) {
        let value = ops::getitem(v, k)?;
        pieces.push(format!("{}: {}", repr1(k, level - 1)?, repr1(&value, level - 1)?));
    }
    if items.len() > MAX_DICT {
        pieces.push("...".into());
    }
    Ok(format!("{{{}}}", pieces.join(", ")))
}

/// `sorted(items)`, or the items as they are if they do not sort.
fn possibly_sorted(items: Vec<Value>) -> Vec<Value> {
    let mut sorted = items.clone();
    match crate::python::attrs::sort_values(&mut sorted, None, false) {
        Ok(()) => sorted,
        Err(_) => items,
    }
}

/// The `reprlib` module: its `repr`.
pub fn module() -> Value {
    super::module(
        "reprlib",
        vec![(
            "repr",
            crate::python::objects::Builtin::value("repr", |a, k| {
                if a.len() != 1 || !k.is_empty() {
                    return Err(crate::exception::PyException::new(
                        crate::exception::TYPE_ERROR,
                        format!("repr() takes 1 positional argument but {} were given", a.len()),
                    ));
                }
                short_repr(&a[0]).map(Value::str)
            }),
        )],
    )
}
