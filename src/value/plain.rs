//! Values that cross threads. A Python object belongs to one interpreter (in CPython, to
//! the thread holding the GIL at the moment; here, to one thread: [`Value`] has `Rc`s
//! inside). What a thread pool's job hands back to the loop, or the loop back to a
//! thread waiting on `run_coroutine_threadsafe`, travels as a copy in plain data — the
//! builtin kinds and exceptions — and becomes a `Value` again on the other side.
//!
//! ```
//! use corosim::value::SendValue;
//! use corosim::Value;
//! let v = Value::tuple([Value::from(1), Value::from("a")]);
//! let sent = SendValue::new(&v).unwrap();
//! let back = std::thread::spawn(move || sent).join().unwrap().into_value();
//! assert_eq!(back.repr(), "(1, 'a')");
//! ```

use std::sync::Arc;

use super::{NamedTuple, ObjectId, Value};
use crate::exception::{ExcClass, PyException, PyResult, TYPE_ERROR};

/// A [`Value`] copied into plain data, to cross to another thread.
#[derive(Clone, Debug)]
pub struct SendValue(Plain);

/// A [`PyResult`] copied to cross to another thread: a value or an exception.
#[derive(Clone, Debug)]
pub struct SendResult(Result<Plain, PlainException>);

#[derive(Clone, Debug)]
enum Plain {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    Tuple(Vec<Plain>),
    List(Vec<Plain>),
    Dict(Vec<(Plain, Plain)>),
    Named(Arc<str>, Vec<(Arc<str>, Plain)>),
    Exception(Box<PlainException>),
    ExcClass(ExcClass),
    Type(Arc<str>),
    Object(ObjectId),
}

#[derive(Clone, Debug)]
struct PlainException {
    class: ExcClass,
    args: Vec<Plain>,
    cause: Option<Box<PlainException>>,
    context: Option<Box<PlainException>>,
    suppress_context: bool,
}

/// How many `__cause__`/`__context__` links deep an exception is copied: enough for any
/// real chain, and a bound should a program ever link exceptions in a circle.
const MAX_LINKS: usize = 64;

/// Objects of the program itself cannot leave its thread.
fn cannot_cross(v: &Value) -> PyException {
    PyException::new(TYPE_ERROR, format!("a '{}' object cannot be passed to another thread", v.type_name()))
}

impl SendValue {
    /// Copies `v` for another thread; a `TypeError` if it holds an object of the program
    /// (a [`PyObject`](super::PyObject)), which belongs to this thread.
    pub fn new(v: &Value) -> PyResult<SendValue> {
        Plain::of(v).map(SendValue)
    }

    /// The value again, on the receiving thread.
    pub fn into_value(self) -> Value {
        self.0.into_value()
    }
}

impl SendResult {
    /// Copies a result for another thread. A value that cannot cross becomes the
    /// `TypeError` saying so.
    pub fn new(r: &PyResult) -> SendResult {
        let copied = match r {
            Ok(v) => Plain::of(v),
            Err(e) => return SendResult(Err(PlainException::of(e))),
        };
        SendResult(copied.map_err(|e| PlainException::of(&e)))
    }

    /// The result again, on the receiving thread.
    pub fn into_result(self) -> PyResult {
        match self.0 {
            Ok(v) => Ok(v.into_value()),
            Err(e) => Err(e.into_exception()),
        }
    }
}

impl Plain {
    fn of(v: &Value) -> PyResult<Plain> {
        let all = |items: &[Value]| items.iter().map(Plain::of).collect::<PyResult<Vec<_>>>();
        Ok(match v {
            Value::None => Plain::None,
            Value::Bool(b) => Plain::Bool(*b),
            Value::Int(i) => Plain::Int(*i),
            Value::Float(f) => Plain::Float(*f),
            Value::Str(s) => Plain::Str(Arc::from(&**s)),
            Value::Tuple(items) => Plain::Tuple(all(items)?),
            Value::List(items) => Plain::List(all(items)?),
            Value::Dict(pairs) => Plain::Dict(
                pairs.iter().map(|(k, v)| Ok((Plain::of(k)?, Plain::of(v)?))).collect::<PyResult<_>>()?,
            ),
            Value::Named(n) => Plain::Named(
                Arc::from(&*n.type_name),
                n.fields
                    .iter()
                    .map(|(k, v)| Ok((Arc::from(&**k), Plain::of(v)?)))
                    .collect::<PyResult<_>>()?,
            ),
            Value::Exception(e) => Plain::Exception(Box::new(PlainException::of(e))),
            Value::ExcClass(c) => Plain::ExcClass(*c),
            Value::Type(t) => Plain::Type(Arc::from(&**t)),
            Value::Object(id) => Plain::Object(*id),
            Value::Obj(_) => return Err(cannot_cross(v)),
        })
    }

    fn into_value(self) -> Value {
        let all = |items: Vec<Plain>| items.into_iter().map(Plain::into_value);
        match self {
            Plain::None => Value::None,
            Plain::Bool(b) => Value::Bool(b),
            Plain::Int(i) => Value::Int(i),
            Plain::Float(f) => Value::Float(f),
            Plain::Str(s) => Value::str(&*s),
            Plain::Tuple(items) => Value::tuple(all(items)),
            Plain::List(items) => Value::list(all(items)),
            Plain::Dict(pairs) => {
                Value::dict(pairs.into_iter().map(|(k, v)| (k.into_value(), v.into_value())))
            }
            Plain::Named(type_name, fields) => Value::Named(std::rc::Rc::new(NamedTuple {
                type_name: std::rc::Rc::from(&*type_name),
                fields: fields.into_iter().map(|(k, v)| (std::rc::Rc::from(&*k), v.into_value())).collect(),
            })),
            Plain::Exception(e) => Value::Exception(e.into_exception()),
            Plain::ExcClass(c) => Value::ExcClass(c),
            Plain::Type(t) => Value::Type(std::rc::Rc::from(&*t)),
            Plain::Object(id) => Value::Object(id),
        }
    }
}

impl PlainException {
    fn of(e: &PyException) -> PlainException {
        PlainException::linked(e, 0)
    }

    /// `e` and the exceptions it links to, as deep as [`MAX_LINKS`].
    fn linked(e: &PyException, depth: usize) -> PlainException {
        let link = |l: Option<PyException>| {
            l.filter(|_| depth < MAX_LINKS).map(|l| Box::new(PlainException::linked(&l, depth + 1)))
        };
        // An argument that cannot cross is shown by its repr: the message survives.
        let args = e
            .args()
            .iter()
            .map(|a| Plain::of(a).unwrap_or_else(|_| Plain::Str(Arc::from(a.repr()))))
            .collect();
        PlainException {
            class: e.class(),
            args,
            cause: link(e.cause()),
            context: link(e.context()),
            suppress_context: e.suppress_context(),
        }
    }

    fn into_exception(self) -> PyException {
        let mut e =
            PyException::with_args(self.class, self.args.into_iter().map(Plain::into_value).collect());
        if let Some(context) = self.context {
            e.set_context(context.into_exception());
        }
        if let Some(cause) = self.cause {
            e = e.with_cause(cause.into_exception());
        }
        e.set_suppress_context(self.suppress_context);
        e
    }
}
