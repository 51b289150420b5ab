//! `dir(obj)`: the sorted names of an object's attributes — its own, its class's, and
//! every base class's, as Python's `object.__dir__` and `type.__dir__` gather them.
//!
//! For a program's own classes and instances the names are gathered the same way
//! CPython does: the instance's `__dict__`, then each class along the MRO. A `class`
//! statement puts `__module__` and `__doc__` in the class's namespace, and `__dict__` and
//! `__weakref__` when no base already has them. What builtin types contribute
//! (`object`'s 26 names, a generator's `send`/`throw`/`close`/`gi_frame`…) comes from
//! `dir.txt`, which CPython 3.11 itself wrote (`python3 src/python/dir_tables.py`); the
//! corpus program `builtins/dir_lists_what_cpython_lists.py` holds both against a live
//! CPython.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "def g():\n    yield 1\n\nprint([n for n in dir(g()) if not n.startswith('_')])\n",
//! );
//! assert_eq!(
//!     out,
//!     "['close', 'gi_code', 'gi_frame', 'gi_running', 'gi_suspended', 'gi_yieldfrom', 'send', 'throw']\n"
//! );
//! ```

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::OnceLock;

use super::objects::{BuiltinType, Class, Instance, Module, downcast, downcast_rc, new_list};
use crate::exception::*;
use crate::value::Value;

/// CPython's `dir()` of each builtin type corosim lists, by type name.
fn tables() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static TABLES: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLES.get_or_init(|| rows(include_str!("dir.txt")))
}

/// A table CPython wrote, one row a line: `key: word word …` (`dir.txt`, `abc.txt`).
pub(crate) fn rows(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(key, words)| (key, words.split_whitespace().collect()))
        .collect()
}

/// The builtin type a value's names come from (`Task`, not `_asyncio.Task`).
pub(crate) fn builtin_type(v: &Value) -> &str {
    match v {
        Value::Exception(_) => "BaseException",
        _ => {
            let name = v.type_name();
            name.rsplit('.').next().unwrap_or(name)
        }
    }
}

/// The names a class statement's namespace holds, along the MRO, plus what its builtin
/// base brings (`object`, or an exception class's `BaseException`).
fn class_names(class: &Rc<Class>, out: &mut BTreeSet<String>) {
    let mro = class.mro();
    for c in &mro {
        // `__qualname__` is the class's own attribute, not in its namespace.
        out.extend(c.dict.borrow().keys().filter(|k| &***k != "__qualname__").map(|k| k.to_string()));
        out.extend(["__module__".to_string(), "__doc__".to_string()]);
    }
    let base = if mro.iter().any(|c| c.exc.is_some()) { "BaseException" } else { "object" };
    out.extend(tables()[base].iter().map(|s| s.to_string()));
    // `BaseException` brings `__dict__` but not `__weakref__`; `object` neither.
    out.insert("__weakref__".into());
    out.insert("__dict__".into());
}

fn not_simulated(ty: &str) -> PyException {
    PyException::new(
        TYPE_ERROR,
        format!("dir() of a '{ty}' object is not simulated by corosim (see `corosim help python`)"),
    )
}

/// `dir(obj)`: a new list of the names.
pub fn dir(v: &Value) -> PyResult<Value> {
    Ok(new_list(names(v)?.into_iter().map(Value::str).collect()))
}

/// The names `dir(obj)` lists, sorted.
pub fn names(v: &Value) -> PyResult<Vec<String>> {
    let mut names = BTreeSet::new();
    if let Some(i) = downcast::<Instance>(v) {
        names.extend(i.dict.borrow().keys().map(|k| k.to_string()));
        class_names(&i.class, &mut names);
    } else if let Some(c) = downcast_rc::<Class>(v) {
        class_names(&c, &mut names);
    } else if let Some(m) = downcast::<Module>(v) {
        names.extend(m.dict.borrow().keys().map(|k| k.to_string()));
    } else if let Some(t) = downcast::<BuiltinType>(v) {
        // A builtin class lists what its instances do (`dir(list) == dir([])`).
        let Some(t) = tables().get(t.name) else { return Err(not_simulated(t.name)) };
        names.extend(t.iter().map(|s| s.to_string()));
    } else if let Value::ExcClass(_) = v {
        names.extend(tables()["BaseException"].iter().map(|s| s.to_string()));
    } else if let Value::Exception(e) = v {
        names.extend(tables()["BaseException"].iter().map(|s| s.to_string()));
        if e.class().module() != "builtins" {
            names.extend(["__module__".to_string(), "__weakref__".to_string()]);
        }
    } else {
        let ty = builtin_type(v);
        let Some(t) = tables().get(ty) else { return Err(not_simulated(ty)) };
        names.extend(t.iter().map(|s| s.to_string()));
    }
    Ok(names.into_iter().collect())
}
