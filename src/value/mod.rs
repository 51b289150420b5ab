//! Python values, as a learner sees them printed.
//!
//! Python's `print(x)` shows `str(x)` and the REPL shows `repr(x)`. corosim's scenarios
//! print the same things CPython prints, so every value that crosses a generator boundary
//! is a [`Value`] with Python's `repr` and `str` rules (see [`repr`] for the exact rules of
//! strings and floats).
//!
//! ```
//! use corosim::Value;
//! let v = Value::tuple([Value::from(1), Value::from("a"), Value::None]);
//! assert_eq!(v.repr(), "(1, 'a', None)");
//! assert_eq!(Value::from(1e16).repr(), "1e+16");
//! ```
//!
//! A value can be an exception, and an exception's `args` are values: the two types hold
//! each other, so the exception *object* ([`PyException`]: its class, args, `str` and
//! `repr`) is declared here, beside `Value`. Its classes are below
//! (`exception/class.rs`); raising, groups, chaining and `throw()`'s arguments are above,
//! in [`crate::exception`], which is where the public path `corosim::exception::PyException`
//! leads.

mod object;
mod plain;
pub mod repr;
mod unprintable;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::exception::class::{BASE_EXCEPTION_GROUP, ExcClass, KEY_ERROR, OS_ERROR};

pub use object::PyObject;
pub use plain::{SendResult, SendValue};

/// A Python value: the things generators yield, receive and return.
///
/// Cheap to clone (`Rc` inside). A value belongs to one thread, as a Python object belongs
/// to its interpreter: what crosses threads (an executor job's result) is copied as
/// [`SendValue`] plain data.
#[derive(Clone, Default)]
// A whole-word tag: payloads start at byte 8, so moving a Value copies three words
// instead of odd bytes (a Bool at byte 1, a Handle's space at byte 4), which CPUs
// forward badly to the next load. Same size (24 bytes); sends ~15% faster.
#[repr(u64)]
pub enum Value {
    /// `None`.
    #[default]
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A Python `int` (corosim's programs stay inside 64 bits).
    Int(i64),
    /// A Python `float`.
    Float(f64),
    /// A Python `str`.
    Str(Rc<str>),
    /// A Python `tuple`.
    Tuple(Rc<[Value]>),
    /// A Python `list` (a snapshot: scenario code builds lists in Rust, then shows them).
    List(Rc<[Value]>),
    /// A Python `dict`, in insertion order.
    Dict(Rc<[(Value, Value)]>),
    /// A `collections.namedtuple` instance such as `Result(count=3, average=1.5)`.
    Named(Rc<NamedTuple>),
    /// An exception instance (`throw(ValueError('boom'))`).
    Exception(PyException),
    /// An exception class (`throw(ValueError)`).
    ExcClass(ExcClass),
    /// Any other class object, by name (`int`, `object`): `throw(int)` must fail with
    /// "... not type".
    Type(Rc<str>),
    /// An object owned by a runtime (a Future, a Task) that generators pass around,
    /// by identity.
    Object(ObjectId),
    /// Any other object: one a program made (an instance, a function, a module), known
    /// to the runtime only through [`PyObject`].
    Obj(Rc<dyn PyObject>),
}

/// A named tuple: a type name and named fields.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedTuple {
    /// The type name, e.g. `Result`.
    pub type_name: Rc<str>,
    /// `(field, value)` in declaration order.
    pub fields: Vec<(Rc<str>, Value)>,
}

/// The identity of an object a runtime keeps (a Future, a Task): what `yield` hands out
/// when a coroutine awaits a future, as `id(obj)` names an object in Python.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ObjectId(pub u64);

impl Value {
    /// A `str` value.
    pub fn str(s: impl AsRef<str>) -> Value {
        Value::Str(Rc::from(s.as_ref()))
    }

    /// A `tuple` value.
    ///
    /// ```
    /// # use corosim::Value;
    /// assert_eq!(Value::tuple([Value::from(1)]).repr(), "(1,)");
    /// ```
    pub fn tuple(items: impl IntoIterator<Item = Value>) -> Value {
        Value::Tuple(items.into_iter().collect())
    }

    /// A `list` value.
    pub fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::List(items.into_iter().collect())
    }

    /// A `dict` value from `(key, value)` pairs, in order.
    pub fn dict(items: impl IntoIterator<Item = (Value, Value)>) -> Value {
        Value::Dict(items.into_iter().collect())
    }

    /// A namedtuple instance: `Value::named("Result", [("count", 3.into())])`.
    pub fn named<'a>(type_name: &str, fields: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
        Value::Named(Rc::new(NamedTuple {
            type_name: Rc::from(type_name),
            fields: fields.into_iter().map(|(k, v)| (Rc::from(k), v)).collect(),
        }))
    }

    /// True for `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The Python type name, as used in error messages (`'int' object is not iterable`).
    pub fn type_name(&self) -> &str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Tuple(_) => "tuple",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Named(n) => &n.type_name,
            Value::Exception(e) => e.class().name(),
            Value::ExcClass(_) | Value::Type(_) => "type",
            Value::Object(_) => "object",
            Value::Obj(o) => o.type_name(),
        }
    }

    /// Python's `repr(self)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        repr::write_repr(&mut out, self);
        out
    }

    /// Python's `str(self)`: what `print` shows.
    pub fn to_str(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Exception(e) => e.message(),
            Value::Obj(o) => o.to_str(),
            _ => self.repr(),
        }
    }

    /// The integer inside, if this is an `int` (or a `bool`, as in Python).
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    /// The number inside as a float, for `int`, `bool` and `float`.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(f) => Some(*f),
            other => other.as_int().map(|i| i as f64),
        }
    }

    /// The text inside, if this is a `str`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The exception inside, if this is an exception instance.
    pub fn as_exception(&self) -> Option<&PyException> {
        match self {
            Value::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// Python truthiness (`bool(x)`).
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) | Value::List(t) => !t.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Obj(o) => o.truthy(),
            _ => true,
        }
    }
}

impl PartialEq for Value {
    /// Python's `==` for the plain data types; identity (`is`) for exceptions.
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Int(_) | Bool(_), Float(_)) | (Float(_), Int(_) | Bool(_)) => self.as_f64() == other.as_f64(),
            (Int(_), Bool(_)) | (Bool(_), Int(_)) => self.as_int() == other.as_int(),
            (Str(a), Str(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => a == b,
            (Dict(a), Dict(b)) => a == b,
            (Named(a), Named(b)) => a == b,
            (Exception(a), Exception(b)) => a.is(b),
            (ExcClass(a), ExcClass(b)) => a == b,
            (Type(a), Type(b)) => a == b,
            (Object(a), Object(b)) => a == b,
            (Obj(a), Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl fmt::Display for Value {
    /// Displays like Python's `str()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_str())
    }
}

impl From<()> for Value {
    fn from(_: ()) -> Value {
        Value::None
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<i32> for Value {
    fn from(i: i32) -> Value {
        Value::Int(i as i64)
    }
}
impl From<usize> for Value {
    fn from(i: usize) -> Value {
        Value::Int(i as i64)
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Value {
        Value::Int(i as i64)
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::str(s)
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(Rc::from(s))
    }
}
impl From<PyException> for Value {
    fn from(e: PyException) -> Value {
        Value::Exception(e)
    }
}
impl From<ExcClass> for Value {
    fn from(c: ExcClass) -> Value {
        Value::ExcClass(c)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Value {
        o.map_or(Value::None, Into::into)
    }
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    /// A Rust `Vec` becomes a Python `list`.
    fn from(v: Vec<T>) -> Value {
        Value::list(v.into_iter().map(Into::into))
    }
}

/// An exception instance's data.
pub(crate) struct ExcData {
    pub(crate) class: ExcClass,
    pub(crate) args: Vec<Value>,
    pub(crate) links: RefCell<Links>,
    /// What a front-end keeps with the instance (the interpreter: its attributes and the
    /// traceback); the runtime never looks inside.
    pub(crate) extra: RefCell<Option<Rc<dyn std::any::Any>>>,
}

/// `__cause__`, `__context__` and `__suppress_context__`.
#[derive(Default)]
pub(crate) struct Links {
    pub(crate) cause: Option<PyException>,
    pub(crate) context: Option<PyException>,
    pub(crate) suppress_context: bool,
}

/// An exception instance. Cloning shares the instance: `a.is(&b)` is Python's `a is b`.
///
/// Made and raised with [`crate::exception`]'s constructors (`PyException::new`, ...);
/// what a value needs of it (its class, `str`, `repr`) is here.
#[derive(Clone)]
pub struct PyException(pub(crate) Rc<ExcData>);

impl PyException {
    /// `eg.exceptions` of an exception group, in order; `None` for any other exception.
    ///
    /// ```
    /// use corosim::exception::{PyException, EXCEPTION_GROUP, VALUE_ERROR};
    /// use corosim::Value;
    /// let inner = PyException::new(VALUE_ERROR, "a");
    /// let eg = PyException::group(EXCEPTION_GROUP, "m", Value::list([inner.clone().into()])).unwrap();
    /// assert!(eg.exceptions().unwrap()[0].is(&inner));
    /// assert!(inner.exceptions().is_none());
    /// ```
    pub fn exceptions(&self) -> Option<Vec<PyException>> {
        if !self.is_instance(BASE_EXCEPTION_GROUP) {
            return None;
        }
        let items = self.0.args.get(1).and_then(sequence_items).unwrap_or_default();
        Some(items.iter().filter_map(|v| v.as_exception().cloned()).collect())
    }

    /// `type(e)`.
    pub fn class(&self) -> ExcClass {
        self.0.class
    }

    /// `type(e).__name__`.
    pub fn name(&self) -> &'static str {
        self.0.class.name()
    }

    /// `e.args`.
    pub fn args(&self) -> &[Value] {
        &self.0.args
    }

    /// `isinstance(e, class)`.
    pub fn is_instance(&self, class: ExcClass) -> bool {
        self.0.class.is_subclass(class)
    }

    /// `a is b`.
    pub fn is(&self, other: &PyException) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `str(e)`: empty for no args, `str(arg)` for one, the tuple's repr for several.
    pub fn message(&self) -> String {
        match self.0.args.as_slice() {
            [] => String::new(),
            // BaseExceptionGroup's __str__: its message and how many it holds.
            [message, _] if self.is_instance(BASE_EXCEPTION_GROUP) => {
                let n = self.exceptions().map_or(0, |e| e.len());
                format!("{} ({n} sub-exception{})", message.to_str(), if n == 1 { "" } else { "s" })
            }
            // KeyError's own __str__ shows its one argument as a repr: `KeyError: 'k'`.
            [one] if self.is_instance(KEY_ERROR) => one.repr(),
            // OSError's own __str__ for (errno, strerror): `[Errno 111] Connection refused`.
            [Value::Int(errno), text] if self.is_instance(OS_ERROR) => {
                format!("[Errno {errno}] {}", text.to_str())
            }
            // … and for (errno, strerror, filename): `[Errno 2] No such file or directory: 'x'`.
            [Value::Int(errno), text, Value::None] if self.is_instance(OS_ERROR) => {
                format!("[Errno {errno}] {}", text.to_str())
            }
            [Value::Int(errno), text, filename] if self.is_instance(OS_ERROR) => {
                format!("[Errno {errno}] {}: {}", text.to_str(), filename.repr())
            }
            [one] => one.to_str(),
            many => Value::tuple(many.iter().cloned()).repr(),
        }
    }

    /// `repr(e)`: `ValueError('boom')`.
    pub fn repr(&self) -> String {
        match self.0.args.as_slice() {
            [one] => format!("{}({})", self.name(), one.repr()),
            many => {
                let t = Value::tuple(many.iter().cloned()).repr();
                // `(a, b)` → `Name(a, b)`; `()` → `Name()`. Strip exactly the tuple's own
                // parentheses: an argument may itself start or end with one, `((1, 2), 3)`.
                let inner = &t[1..t.len() - 1];
                format!("{}({})", self.name(), inner)
            }
        }
    }
}

/// The items of a Python sequence (`list`, `tuple`, `str`, a named tuple); `None` for a
/// value that is not one.
pub(crate) fn sequence_items(v: &Value) -> Option<Vec<Value>> {
    Some(match v {
        Value::List(items) | Value::Tuple(items) => items.to_vec(),
        Value::Named(n) => n.fields.iter().map(|(_, v)| v.clone()).collect(),
        Value::Str(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
        _ => return None,
    })
}
