//! `collections.abc`: the abstract base classes, for `isinstance` and `issubclass`.
//!
//! Python answers `isinstance(g, collections.abc.Iterator)` in two ways. Most of these
//! classes (`Iterable`, `Iterator`, `Generator`, `Awaitable`, `Coroutine`, `Sized`…) look
//! at what the object's class defines: a class with `__iter__` and `__next__` is an
//! `Iterator` without saying so (each ABC's `__subclasshook__`). The others (`Sequence`,
//! `Mapping`, `Set`…) know only the classes registered with them or derived from them.
//!
//! So here: a program's own class answers by its methods, along its MRO, as the hooks
//! look (a method set to `None` does not count; a class that defines `__eq__` and no
//! `__hash__` is not `Hashable`, as Python sets its `__hash__` to `None`). A builtin type
//! answers from `abc.txt`, which CPython 3.11 itself wrote (`python3
//! src/python/abc_tables.py`). Deriving a class from an ABC is not simulated.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "from collections import abc\n\
//!      def g():\n    yield 1\n\
//!      print(isinstance(g(), abc.Generator), isinstance([], abc.Iterator))\n",
//! );
//! assert_eq!(out, "True False\n");
//! ```

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::python::objects::{BuiltinType, Class, Instance, Native, NativeObject, downcast, downcast_rc};
use crate::value::Value;

/// CPython's members of each ABC among the builtin types, by type name.
fn tables() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static TABLES: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    TABLES.get_or_init(|| crate::python::dir::rows(include_str!("../abc.txt")))
}

/// The methods whose presence makes a class an instance of each ABC (its
/// `__subclasshook__`); `None` for the ABCs that only know registered classes.
fn hook(abc: &str) -> Option<&'static [&'static str]> {
    Some(match abc {
        "Hashable" => &["__hash__"],
        "Awaitable" => &["__await__"],
        "Coroutine" => &["__await__", "send", "throw", "close"],
        "AsyncIterable" => &["__aiter__"],
        "AsyncIterator" => &["__anext__", "__aiter__"],
        "AsyncGenerator" => &["__aiter__", "__anext__", "asend", "athrow", "aclose"],
        "Iterable" => &["__iter__"],
        "Iterator" => &["__next__", "__iter__"],
        "Reversible" => &["__reversed__", "__iter__"],
        "Generator" => &["__iter__", "__next__", "send", "throw", "close"],
        "Sized" => &["__len__"],
        "Container" => &["__contains__"],
        "Collection" => &["__len__", "__iter__", "__contains__"],
        "Callable" => &["__call__"],
        _ => return None,
    })
}

/// Whether a program's class defines `name` (not as `None`), along its MRO. For
/// `__hash__`, a class that defines `__eq__` first has none.
fn defines(class: &Rc<Class>, name: &str) -> bool {
    for c in class.mro() {
        let dict = c.dict.borrow();
        if let Some(v) = dict.get(name) {
            return !v.is_none();
        }
        if name == "__hash__" && dict.contains_key("__eq__") {
            return false;
        }
    }
    // `object` has `__hash__`, and none of the others.
    name == "__hash__"
}

/// The builtin type whose row answers for a value (`tuple` for a namedtuple, the
/// exception classes' `BaseException`, `type` for a class), or its class if it is an
/// instance of a program's class.
enum Kind<'a> {
    Builtin(&'a str),
    Program(Rc<Class>),
}

fn kind_of(v: &Value) -> Kind<'_> {
    if let Some(i) = downcast::<Instance>(v) {
        return Kind::Program(i.class.clone());
    }
    Kind::Builtin(match v {
        Value::Named(_) => "tuple",
        Value::ExcClass(_) | Value::Type(_) => "type",
        _ if downcast::<Class>(v).is_some() || downcast::<BuiltinType>(v).is_some() => "type",
        _ => crate::python::dir::builtin_type(v),
    })
}

/// One abstract base class (`collections.abc.Iterator`).
struct Abc(&'static str);

impl Abc {
    fn answers(&self, kind: Kind<'_>) -> bool {
        match kind {
            Kind::Builtin(t) => tables().get(self.0).is_some_and(|members| members.contains(&t)),
            Kind::Program(class) => {
                hook(self.0).is_some_and(|names| names.iter().all(|n| defines(&class, n)))
            }
        }
    }
}

impl NativeObject for Abc {
    fn type_name(&self) -> &str {
        "ABCMeta"
    }
    fn repr(&self) -> String {
        format!("<class 'collections.abc.{}'>", self.0)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn has_instance(&self, obj: &Value) -> bool {
        self.answers(kind_of(obj))
    }
    fn has_subclass(&self, cls: &Value) -> Option<bool> {
        let kind = if let Some(c) = downcast_rc::<Class>(cls) {
            Kind::Program(c)
        } else if let Some(t) = downcast::<BuiltinType>(cls) {
            Kind::Builtin(t.name)
        } else if let Value::ExcClass(_) = cls {
            Kind::Builtin("BaseException")
        } else {
            return None;
        };
        Some(self.answers(kind))
    }
}

/// The module `collections.abc`.
pub fn module() -> Value {
    let names: Vec<&'static str> = include_str!("../abc.txt")
        .lines()
        .filter_map(|line| line.split_once(':').map(|(abc, _)| abc))
        .collect();
    super::module("collections.abc", names.into_iter().map(|n| (n, Native::value(Abc(n)))).collect())
}
