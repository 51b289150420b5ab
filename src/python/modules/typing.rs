//! `typing`: the names programs write in annotations — `Optional[str]`, `List[int]`,
//! `Callable[..., Any]`, `Dict[str, List[int]]`, `TypeVar('T')` — accepted and ignored,
//! as CPython accepts and (at run time) ignores them. Subscripting gives an alias that
//! prints as CPython prints it (`typing.Optional[int]`), so a program that shows one
//! reads the same.
//!
//! Not simulated: `Generic`, `Protocol` and `NamedTuple` as base classes (the functional
//! `NamedTuple('P', [('x', int)])` works), and `isinstance` with a typing alias.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "from typing import Optional, Callable, Any, Dict, List\nprint(Optional[int], Callable[..., Any], Dict[str, List[int]])\n",
//! );
//! assert_eq!(out, "typing.Optional[int] typing.Callable[..., typing.Any] typing.Dict[str, typing.List[int]]\n");
//! ```

use std::rc::Rc;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::*;
use crate::value::Value;

/// A typing special form or alias: what it prints, and its name before any `[...]`.
pub(super) struct Alias {
    /// What `repr()` shows (`typing.List[int]`).
    repr: String,
    /// The special form (`Optional`, `List` …), for subscripting and for `ClassVar`.
    pub(super) origin: &'static str,
    /// Whether `[...]` applies (not once already subscripted, except generics).
    subscriptable: bool,
}

impl NativeObject for Alias {
    fn type_name(&self) -> &str {
        "_SpecialForm"
    }
    fn repr(&self) -> String {
        self.repr.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getitem(&self, key: &Value) -> PyResult<Option<Value>> {
        if !self.subscriptable {
            return Err(PyException::new(TYPE_ERROR, format!("{} is not a generic class", self.repr)));
        }
        subscript(self.origin, key).map(Some)
    }
    fn call(&self, args: &[Value], _kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
        // `NewType('UserId', int)(5)` is 5.
        if self.origin == "NewType" {
            return Some(Ok(args.first().cloned().unwrap_or_default()));
        }
        Some(Err(PyException::new(TYPE_ERROR, format!("Cannot instantiate {}", self.repr))))
    }
    fn callable(&self) -> bool {
        true
    }
}

fn alias(repr: String, origin: &'static str, subscriptable: bool) -> Value {
    Native::value(Alias { repr, origin, subscriptable })
}

/// `_type_repr`: how a type shows inside `[...]`.
fn type_repr(v: &Value) -> String {
    if let Some(t) = downcast::<BuiltinType>(v) {
        return t.name.to_string();
    }
    if let Some(c) = downcast::<Class>(v) {
        return format!("__main__.{}", c.qualname);
    }
    if let Some(l) = downcast::<List>(v) {
        let items: Vec<String> = l.0.borrow().iter().map(type_repr).collect();
        return format!("[{}]", items.join(", "));
    }
    match v {
        Value::None => "None".into(),
        Value::Str(s) => format!("ForwardRef({})", Value::Str(s.clone()).repr()),
        Value::ExcClass(c) => c.name().to_string(),
        _ if matches!(v.repr().as_str(), "Ellipsis" | "<class 'Ellipsis'>") => "...".into(),
        _ => repr_of(v),
    }
}

/// The arguments inside `[...]`: a tuple's items, or the one key.
fn args_of(key: &Value) -> Vec<Value> {
    match key {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    }
}

/// `Form[key]`.
fn subscript(origin: &'static str, key: &Value) -> PyResult {
    let args = args_of(key);
    let reprs: Vec<String> = args.iter().map(type_repr).collect();
    let plain = |name: &str| format!("typing.{name}[{}]", reprs.join(", "));
    Ok(match origin {
        "Optional" => {
            if args.len() != 1 {
                return Err(PyException::new(TYPE_ERROR, "typing.Optional requires a single type."));
            }
            if args[0].is_none() {
                return Ok(Value::None);
            }
            alias(format!("typing.Optional[{}]", reprs[0]), "Union", false)
        }
        "Union" => {
            // Flattened of repeats; one left is that type itself.
            let mut unique: Vec<(Value, String)> = Vec::new();
            for (a, r) in args.iter().zip(&reprs) {
                if !unique.iter().any(|(_, u)| u == r) {
                    unique.push((a.clone(), r.clone()));
                }
            }
            if unique.len() == 1 {
                return Ok(unique.remove(0).0);
            }
            let nones = unique.iter().filter(|(a, _)| a.is_none()).count();
            if unique.len() == 2 && nones == 1 {
                let other = unique.iter().find(|(a, _)| !a.is_none()).expect("a type").1.clone();
                alias(format!("typing.Optional[{other}]"), "Union", false)
            } else {
                let shown: Vec<String> = unique
                    .iter()
                    .map(|(a, r)| if a.is_none() { "NoneType".into() } else { r.clone() })
                    .collect();
                alias(format!("typing.Union[{}]", shown.join(", ")), "Union", false)
            }
        }
        "Callable" => {
            if args.len() != 2 {
                return Err(PyException::new(
                    TYPE_ERROR,
                    "Callable must be used as Callable[[arg, ...], result].",
                ));
            }
            alias(format!("typing.Callable[{}, {}]", reprs[0], reprs[1]), "Callable", false)
        }
        "Tuple" if matches!(key, Value::Tuple(t) if t.is_empty()) => {
            alias("typing.Tuple[()]".into(), "Tuple", false)
        }
        "Literal" => {
            let shown: Vec<String> = args.iter().map(repr_of).collect();
            alias(format!("typing.Literal[{}]", shown.join(", ")), "Literal", false)
        }
        "Generic" | "Protocol" => alias(plain(origin), origin, false),
        other => alias(plain(other), origin, false),
    })
}

/// The special forms and generic aliases a program may import.
const FORMS: [&str; 40] = [
    "Any",
    "Optional",
    "Union",
    "Callable",
    "List",
    "Dict",
    "Tuple",
    "Set",
    "FrozenSet",
    "Type",
    "Iterator",
    "Iterable",
    "Generator",
    "Coroutine",
    "Awaitable",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "Sequence",
    "MutableSequence",
    "Mapping",
    "MutableMapping",
    "Deque",
    "DefaultDict",
    "OrderedDict",
    "Counter",
    "ClassVar",
    "Final",
    "Literal",
    "NoReturn",
    "Hashable",
    "Sized",
    "Collection",
    "Container",
    "Reversible",
    "Annotated",
    "TypeAlias",
    "Generic",
    "Protocol",
    "Self",
];

/// The module.
pub fn module() -> Value {
    let mut attrs: Vec<(&str, Value)> = FORMS
        .iter()
        .map(|name| {
            let subscriptable =
                !matches!(*name, "Any" | "NoReturn" | "TypeAlias" | "Self" | "Hashable" | "Sized");
            (*name, alias(format!("typing.{name}"), name, subscriptable))
        })
        .collect();
    attrs.push(("TYPE_CHECKING", Value::Bool(false)));
    attrs.push((
        "TypeVar",
        Builtin::value("TypeVar", |a, _| {
            let name = a.first().and_then(|n| n.as_str()).ok_or_else(|| {
                PyException::new(
                    TYPE_ERROR,
                    "TypeVar.__init__() missing 1 required positional argument: 'name'",
                )
            })?;
            Ok(alias(format!("~{name}"), "TypeVar", false))
        }),
    ));
    attrs.push((
        "NewType",
        Builtin::value("NewType", |a, _| {
            let name = a.first().and_then(|n| n.as_str()).unwrap_or("NewType");
            Ok(alias(format!("__main__.{name}"), "NewType", false))
        }),
    ));
    attrs.push((
        "NamedTuple",
        Builtin::value("NamedTuple", |a, _| {
            // The functional form, `NamedTuple('P', [('x', int), ('y', float)])`: a
            // `collections.namedtuple` of the field names (the types are not kept).
            let (Some(name), Some(fields)) = (a.first(), a.get(1)) else {
                return Err(PyException::new(
                    TYPE_ERROR,
                    "corosim simulates typing.NamedTuple in its functional form, NamedTuple('P', [('x', int)])",
                ));
            };
            let mut names = Vec::new();
            for pair in crate::python::ops::iterate(fields)? {
                let pair = crate::python::ops::iterate(&pair)?;
                names.push(pair.first().cloned().unwrap_or_default());
            }
            let collections = super::import("collections")?;
            let make = crate::python::attrs::getattr(&collections, "namedtuple")?;
            call(&make, vec![name.clone(), new_list(names)], vec![])
        }),
    ));
    attrs.push(("cast", Builtin::value("cast", |a, _| Ok(a.get(1).cloned().unwrap_or_default()))));
    for name in ["overload", "final", "no_type_check", "runtime_checkable"] {
        attrs.push((name, Builtin::value(name, |a, _| Ok(a.first().cloned().unwrap_or_default()))));
    }
    make_module("typing", attrs)
}
