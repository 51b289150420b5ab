//! Exception groups in a program (PEP 654): `eg.split(...)`, `eg.subgroup(...)`,
//! `eg.derive(...)`, and the two steps of `try … except*`.
//!
//! `except* ValueError as eg` takes the part of the raised group that `ValueError`
//! matches, leaving the rest for the next clause; a bare exception is wrapped first,
//! `ExceptionGroup('', (e,))`. After the clauses, what they raised and what none
//! matched are raised on together ([`prep_reraise_star`]). The rules are CPython 3.11's
//! (`ceval.c`'s `exception_group_match`, `Objects/exceptions.c`'s split and
//! `_PyExc_PrepReraiseStar`); the tree walk itself is the runtime's
//! [`PyException::split`].
//!
//! ```
//! let src = "try:\n    raise ExceptionGroup('eg', [ValueError(1), KeyError(2)])\nexcept* ValueError as e:\n    print('values', repr(e))\nexcept* KeyError as e:\n    print('keys', repr(e))\n";
//! assert_eq!(corosim::python::run_to_string(src),
//!            "values ExceptionGroup('eg', [ValueError(1)])\nkeys ExceptionGroup('eg', [KeyError(2)])\n");
//! ```

use super::objects::*;
use super::state::{exc_extra, with_state};
use crate::exception::*;
use crate::value::Value;

/// What an `except*` clause or `split` tests a leaf with.
enum Condition {
    /// An exception type, or a tuple of them: `isinstance`.
    Types(Vec<ExcClass>),
    /// A function: `f(exc)` is true.
    Predicate(Value),
}

/// The exception class a value names (a builtin one, or a program's).
fn exc_class(v: &Value) -> Option<ExcClass> {
    match v {
        Value::ExcClass(c) => Some(*c),
        _ => downcast::<Class>(v).and_then(|c| c.exc),
    }
}

/// The classes of `T` or `(T1, T2)`; `None` when something there is no exception class.
fn exc_classes(v: &Value) -> Option<Vec<ExcClass>> {
    match v {
        Value::Tuple(items) => items.iter().map(exc_class).collect(),
        _ => exc_class(v).map(|c| vec![c]),
    }
}

impl Condition {
    /// `split`'s argument: a type, a tuple of types, or a function.
    fn of(v: &Value) -> PyResult<Condition> {
        if let Some(classes) = exc_classes(v) {
            return Ok(Condition::Types(classes));
        }
        // A function (any callable object but a class).
        if matches!(v, Value::Obj(_))
            && downcast::<Class>(v).is_none()
            && downcast::<BuiltinType>(v).is_none()
        {
            return Ok(Condition::Predicate(v.clone()));
        }
        Err(PyException::new(TYPE_ERROR, "expected a function, exception type or tuple of exception types"))
    }

    fn test(&self, e: &PyException) -> PyResult<bool> {
        match self {
            Condition::Types(classes) => Ok(classes.iter().any(|c| e.is_instance(*c))),
            Condition::Predicate(f) => {
                super::ops::truthy(&call(f, vec![Value::Exception(e.clone())], vec![])?)
            }
        }
    }
}

/// CPython's `exceptiongroup_subset`: the runtime's [`PyException::subset`], and the
/// traceback of `orig` copied to the new group.
fn subset(orig: &PyException, excs: Vec<PyException>) -> PyResult<PyException> {
    let eg = orig.subset(excs)?;
    copy_traceback(orig, &eg);
    Ok(eg)
}

fn copy_traceback(from: &PyException, to: &PyException) {
    let (src, dst) = (exc_extra(from), exc_extra(to));
    *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
    *dst.spans.borrow_mut() = src.spans.borrow().clone();
}

fn split(
    eg: &PyException,
    cond: &Condition,
    rest: bool,
) -> PyResult<(Option<PyException>, Option<PyException>)> {
    eg.split(&mut |e| cond.test(e), rest, &mut subset)
}

fn or_none(e: Option<PyException>) -> Value {
    e.map_or(Value::None, Value::Exception)
}

/// The methods of a `BaseExceptionGroup` a program calls: `split`, `subgroup`,
/// `derive`; `None` for other names.
pub fn method(e: &PyException, name: &str) -> Option<Value> {
    e.exceptions()?;
    let eg = e.clone();
    let f: Box<dyn Fn(Vec<Value>, Kwargs) -> PyResult> = match name {
        "split" => Box::new(move |a, _| {
            let (m, r) = split(&eg, &Condition::of(&one_arg("split", &a)?)?, true)?;
            Ok(Value::tuple([or_none(m), or_none(r)]))
        }),
        "subgroup" => Box::new(move |a, _| {
            let (m, _) = split(&eg, &Condition::of(&one_arg("subgroup", &a)?)?, false)?;
            Ok(or_none(m))
        }),
        "derive" => Box::new(move |a, _| {
            let excs = super::ops::to_runtime(&one_arg("derive", &a)?);
            let message = eg.args().first().cloned().unwrap_or_default();
            PyException::group(BASE_EXCEPTION_GROUP, message, excs).map(Value::Exception)
        }),
        _ => return None,
    };
    Some(Builtin::value(name, f))
}

/// The one argument of `eg.split(c)` and friends.
fn one_arg(name: &str, a: &[Value]) -> PyResult<Value> {
    match a {
        [one] => Ok(one.clone()),
        _ => Err(PyException::new(
            TYPE_ERROR,
            format!("BaseExceptionGroup.{name}() takes exactly one argument ({} given)", a.len()),
        )),
    }
}

/// `cls(message, exceptions)` for an exception group class, a program's subclass too:
/// the checks of `BaseExceptionGroup.__new__` ([`ExcClass::try_call`]), the exceptions
/// taken from the program's list or tuple.
pub fn new_group(class: ExcClass, args: Vec<Value>) -> PyResult<PyException> {
    let args = args.into_iter().enumerate().map(|(i, v)| if i == 1 { super::ops::to_runtime(&v) } else { v });
    class.try_call(args)
}

/// `CHECK_EG_MATCH`: `except* T` against `exc` (what earlier clauses left, or None):
/// `(match, rest)`. A type that is no exception class, or an exception group class, is a
/// TypeError; a match becomes the exception being handled.
pub fn eg_match(exc: &Value, match_type: &Value) -> PyResult<(Value, Value)> {
    let Some(classes) = exc_classes(match_type) else {
        return Err(PyException::new(
            TYPE_ERROR,
            "catching classes that do not inherit from BaseException is not allowed",
        ));
    };
    if classes.iter().any(|c| c.is_subclass(BASE_EXCEPTION_GROUP)) {
        return Err(PyException::new(
            TYPE_ERROR,
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    let Value::Exception(e) = exc else { return Ok((Value::None, Value::None)) };
    let cond = Condition::Types(classes);
    let (matched, rest) = if cond.test(e)? {
        if e.exceptions().is_some() {
            (Some(e.clone()), None)
        } else {
            // A bare exception: wrapped (3.11 gives the wrapper no traceback; 3.12 will).
            (Some(PyException::group(BASE_EXCEPTION_GROUP, "", Value::tuple([exc.clone()]))?), None)
        }
    } else if e.exceptions().is_some() {
        split(e, &cond, true)?
    } else {
        (None, Some(e.clone()))
    };
    if let Some(m) = &matched {
        with_state(|s| {
            if let Some(top) = s.handled.last_mut() {
                *top = m.clone();
            }
        });
    }
    Ok((or_none(matched), or_none(rest)))
}

/// CPython's `is_same_exception_metadata`: `e` is (part of) `orig` raised again, not a new
/// exception: the same traceback, `__cause__` and `__context__`.
fn same_metadata(e: &PyException, orig: &PyException) -> bool {
    let same = |a: Option<PyException>, b: Option<PyException>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    };
    let (x, y) = (exc_extra(e), exc_extra(orig));
    *x.traceback.borrow() == *y.traceback.borrow()
        && same(e.cause(), orig.cause())
        && same(e.context(), orig.context())
}

/// `PREP_RERAISE_STAR`: after the `except*` clauses of a `try` whose exception was
/// `orig`, given what they raised and what none matched (`excs`, None where nothing):
/// the exception to raise on, or None. What was re-raised keeps its place in `orig`'s
/// tree; new exceptions come first, and several are grouped as `ExceptionGroup('', …)`.
pub fn prep_reraise_star(orig: &Value, excs: &Value) -> PyResult<Value> {
    let excs: Vec<PyException> =
        super::ops::iterate(excs)?.into_iter().filter_map(|v| v.as_exception().cloned()).collect();
    let Value::Exception(orig) = orig else { return Ok(Value::None) };
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if orig.exceptions().is_none() {
        // A bare exception was wrapped: only one clause ran, so one exception at most.
        return Ok(Value::Exception(excs[0].clone()));
    }
    let (reraised, mut raised): (Vec<PyException>, Vec<PyException>) =
        excs.into_iter().partition(|e| same_metadata(e, orig));
    // `exception_group_projection`: orig's tree, keeping the leaves raised again.
    if !reraised.is_empty() {
        let leaves: Vec<PyException> = reraised.iter().flat_map(PyException::leaves).collect();
        let (kept, _) = orig.split(&mut |e| Ok(leaves.iter().any(|l| l.is(e))), false, &mut subset)?;
        raised.extend(kept);
    }
    Ok(match raised.len() {
        0 => Value::None,
        1 => Value::Exception(raised.remove(0)),
        _ => {
            let items = Value::list(raised.into_iter().map(Value::Exception));
            Value::Exception(PyException::group(BASE_EXCEPTION_GROUP, "", items)?)
        }
    })
}
