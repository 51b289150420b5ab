//! `bytearray`: a mutable `bytes` (CPython's `Objects/bytearrayobject.c`, the parts
//! programs use): what a sieve marks, what a buffer fills.
//!
//! It is `bytes` that can change: `b[i] = 0`, slice assignment (`b[2:4] = b"xy"`, or an
//! extended slice of the same size, `sieve[n*n::n] = bytes(k)`), `del b[i]`, `append`,
//! `extend`, `pop`, `insert`, `remove`, `clear`, `reverse`. Everything that reads it is
//! `bytes`' own (`bytes.rs`): it registers itself there as bytes-like, so `b"" + ba`,
//! `ba in b"..."` and every `bytes` method take it; its methods that make new bytes make a
//! `bytearray`, as CPython's do. Its repr is `bytearray(b'...')`; it is unhashable.
//!
//! ```
//! let out = corosim::python::run_to_string(
//!     "a = bytearray([1]) * 6\na[0:2] = b'\\x00\\x00'\na[4::2] = bytes(1)\nprint(a, sum(a), len(a))\n",
//! );
//! assert_eq!(out, "bytearray(b'\\x00\\x00\\x01\\x01\\x00\\x01') 3 6\n");
//! ```

use std::rc::Rc;

use super::bytes::{Iterate, bytes_like, register_bytes_like};
use super::objects::*;
use crate::exception::*;
use crate::value::Value;

pub use super::objects::{ByteArray, new_bytearray};

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn value_error(msg: impl Into<String>) -> PyException {
    PyException::new(VALUE_ERROR, msg.into())
}

/// Its contents, for `bytes.rs` (a copy: the array may change while they are used).
fn contents(v: &Value) -> Option<Vec<u8>> {
    downcast::<ByteArray>(v).map(|b| b.0.borrow().clone())
}

/// One byte from an `int`, as `b[i] = x` and `append` check it.
fn byte_of(v: &Value) -> PyResult<u8> {
    let Some(i) = v.as_int() else {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())));
    };
    u8::try_from(i).map_err(|_| value_error("byte must be in range(0, 256)"))
}

/// The bytes of an iterable of ints, or of a bytes-like value.
fn bytes_of(v: &Value, iterate: Iterate) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b.into_owned());
    }
    iterate(v)?.iter().map(byte_of).collect()
}

/// `bytearray()`, `bytearray(n)`, `bytearray(iterable_of_ints)`, `bytearray(b)`,
/// `bytearray(s, encoding)`: `bytes(...)`'s rules, made mutable.
pub fn construct(args: &[Value], kwargs: &[(Rc<str>, Value)], iterate: Iterate) -> PyResult<Value> {
    register_bytes_like(contents);
    let source = args.first();
    let data = match source {
        Some(v) if bytes_like(v).is_none() && !matches!(v, Value::Str(_)) && v.as_int().is_none() => {
            if args.len() > 1 || !kwargs.is_empty() {
                let what = if args.get(1).is_some() || kwargs.iter().any(|(k, _)| &**k == "encoding") {
                    "encoding"
                } else {
                    "errors"
                };
                return Err(type_error(format!("{what} without a string argument")));
            }
            // An iterable of ints: CPython words a bad one for bytearray.
            let items = iterate(v)
                .map_err(|_| type_error(format!("cannot convert '{}' object to bytearray", v.type_name())))?;
            items.iter().map(byte_of).collect::<PyResult<Vec<u8>>>()?
        }
        _ => {
            let made = super::bytes::construct(args, kwargs, iterate)?;
            super::bytes::as_bytes(&made).map(|b| b.to_vec()).unwrap_or_default()
        }
    };
    Ok(new_bytearray(data))
}

/// `a + b` and `a * n` when `a` (or, for `*`, either side) is a `bytearray`.
pub fn binary(op: super::code::BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use super::code::BinOp;
    match op {
        BinOp::Add => {
            let Some(x) = downcast::<ByteArray>(a) else { return Ok(None) };
            match bytes_like(b) {
                Some(y) => Ok(Some(new_bytearray([&x.0.borrow()[..], &y].concat()))),
                None => Err(type_error(format!("can't concat {} to bytearray", b.type_name()))),
            }
        }
        BinOp::Mul => {
            let (x, n) = match (downcast::<ByteArray>(a), downcast::<ByteArray>(b)) {
                (Some(x), _) => (x, b),
                (None, Some(x)) => (x, a),
                _ => return Ok(None),
            };
            let Some(n) = n.as_int() else { return Ok(None) };
            Ok(Some(new_bytearray(x.0.borrow().repeat(n.max(0) as usize))))
        }
        _ => Ok(None),
    }
}

/// `a == b` when either is a `bytearray` and the other bytes-like.
pub fn eq(a: &Value, b: &Value) -> Option<bool> {
    if downcast::<ByteArray>(a).is_none() && downcast::<ByteArray>(b).is_none() {
        return None;
    }
    Some(*bytes_like(a)? == *bytes_like(b)?)
}

/// `a < b` and friends, byte by byte, when either is a `bytearray`.
pub fn ordering(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    if downcast::<ByteArray>(a).is_none() && downcast::<ByteArray>(b).is_none() {
        return None;
    }
    Some(bytes_like(a)?.cmp(&bytes_like(b)?))
}

/// A live iterator: it sees the array as it is at each step, as CPython's does.
pub fn iter(v: &Value) -> Option<Value> {
    let array = downcast_rc::<ByteArray>(v)?;
    let mut i = 0;
    Some(Iter::value("bytearray_iterator", move || {
        let r = array.0.borrow().get(i).map(|b| Value::Int(*b as i64));
        i += 1;
        Ok(r)
    }))
}

fn index(len: usize, key: &Value) -> PyResult<usize> {
    let Some(i) = key.as_int() else {
        return Err(type_error(format!(
            "bytearray indices must be integers or slices, not {}",
            key.type_name()
        )));
    };
    let j = if i < 0 { i + len as i64 } else { i };
    usize::try_from(j)
        .ok()
        .filter(|j| *j < len)
        .ok_or_else(|| PyException::new(INDEX_ERROR, "bytearray index out of range"))
}

/// `a[i]` (an int) and `a[i:j:k]` (a new bytearray).
pub fn getitem(array: &ByteArray, key: &Value) -> PyResult<Value> {
    let data = array.0.borrow();
    if let Some(s) = downcast::<Slice>(key) {
        return Ok(new_bytearray(
            slice_indices(s, data.len())?.into_iter().map(|i| data[i]).collect::<Vec<u8>>(),
        ));
    }
    Ok(Value::Int(data[index(data.len(), key)?] as i64))
}

/// Where a plain slice (step 1) starts when it picks nothing (`a[5:2] = b"x"` inserts at 5).
fn empty_start(s: &Slice, len: usize) -> usize {
    match s.start.as_int() {
        None => 0,
        Some(i) if i < 0 => (i + len as i64).max(0) as usize,
        Some(i) => (i as usize).min(len),
    }
}

/// `a[i] = x` and `a[i:j:k] = data`.
pub fn setitem(array: &ByteArray, key: &Value, value: &Value, iterate: Iterate) -> PyResult<()> {
    let Some(s) = downcast::<Slice>(key) else {
        let byte = byte_of(value)?;
        let mut data = array.0.borrow_mut();
        let i = index(data.len(), key)?;
        data[i] = byte;
        return Ok(());
    };
    if value.as_int().is_some() || matches!(value, Value::Str(_)) {
        return Err(type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
    }
    let new = bytes_of(value, iterate)?;
    let mut data = array.0.borrow_mut();
    let picked = slice_indices(s, data.len())?;
    if s.step.is_none() || s.step.as_int() == Some(1) {
        let start = picked.first().copied().unwrap_or_else(|| empty_start(s, data.len()));
        let end = picked.last().map_or(start, |l| l + 1);
        data.splice(start..end, new);
        return Ok(());
    }
    if new.len() != picked.len() {
        return Err(value_error(format!(
            "attempt to assign bytes of size {} to extended slice of size {}",
            new.len(),
            picked.len()
        )));
    }
    for (i, b) in picked.into_iter().zip(new) {
        data[i] = b;
    }
    Ok(())
}

/// `del a[i]` and `del a[i:j:k]`.
pub fn delitem(array: &ByteArray, key: &Value) -> PyResult<()> {
    let mut data = array.0.borrow_mut();
    let Some(s) = downcast::<Slice>(key) else {
        let i = index(data.len(), key)?;
        data.remove(i);
        return Ok(());
    };
    let gone: std::collections::HashSet<usize> = slice_indices(s, data.len())?.into_iter().collect();
    let mut i = 0;
    data.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
    Ok(())
}

/// `bytes` made by a `bytes` method become `bytearray`s (also inside a list or tuple).
fn as_array(v: Value) -> Value {
    if let Some(b) = super::bytes::as_bytes(&v) {
        return new_bytearray(b.to_vec());
    }
    if let Value::Tuple(items) = &v {
        return Value::tuple(items.iter().cloned().map(as_array));
    }
    if let Some(l) = downcast::<List>(&v) {
        let items = l.0.borrow().clone();
        return new_list(items.into_iter().map(as_array).collect());
    }
    v
}

/// `a.name`: its own mutating methods, then `bytes`' methods.
pub fn method(this: &Value, name: &str, iterate: Iterate) -> PyResult<Value> {
    const OWN: &[&str] = &["append", "extend", "pop", "insert", "remove", "clear", "copy", "reverse"];
    let n: Rc<str> = Rc::from(name);
    let own = OWN.contains(&name);
    if !own {
        // Checks the name now: a missing one is an AttributeError at the attribute.
        super::bytes::method(&super::bytes::new_bytes(Vec::new()), name, iterate).map_err(|_| {
            PyException::new(ATTRIBUTE_ERROR, format!("'bytearray' object has no attribute '{name}'"))
        })?;
    }
    Ok(Value::Obj(Rc::new(Builtin {
        name: n.clone(),
        f: Rc::new(move |a: Vec<Value>, k: Vec<(Rc<str>, Value)>| {
            let Some(array) = downcast::<ByteArray>(&a[0]) else {
                return Err(type_error(format!("descriptor '{n}' requires a 'bytearray' object")));
            };
            if !own {
                let data = array.0.borrow().clone();
                return super::bytes::call_method(&n, &data, &a[1..], &k, iterate).map(as_array);
            }
            call_own(array, &n, &a[1..], iterate)
        }),
        bound: Some(this.clone()),
    })))
}

fn call_own(array: &ByteArray, name: &str, a: &[Value], iterate: Iterate) -> PyResult<Value> {
    let count = |want: usize| -> PyResult<()> {
        if a.len() == want {
            return Ok(());
        }
        Err(type_error(match want {
            0 => format!("bytearray.{name}() takes no arguments ({} given)", a.len()),
            1 => format!("bytearray.{name}() takes exactly one argument ({} given)", a.len()),
            _ => format!("{name} expected {want} arguments, got {}", a.len()),
        }))
    };
    match name {
        "append" => {
            count(1)?;
            let byte = byte_of(&a[0])?;
            array.0.borrow_mut().push(byte);
        }
        "extend" => {
            count(1)?;
            let more = bytes_of(&a[0], iterate).map_err(|e| {
                if e.is_instance(TYPE_ERROR) && iterate(&a[0]).is_err() {
                    type_error(format!("can't extend bytearray with {}", a[0].type_name()))
                } else {
                    e
                }
            })?;
            array.0.borrow_mut().extend(more);
        }
        "pop" => {
            let mut data = array.0.borrow_mut();
            if data.is_empty() {
                return Err(PyException::new(INDEX_ERROR, "pop from empty bytearray"));
            }
            let at = match a.first() {
                None => data.len() - 1,
                Some(i) => index(data.len(), i).map_err(|e| {
                    if e.is_instance(INDEX_ERROR) {
                        PyException::new(INDEX_ERROR, "pop index out of range")
                    } else {
                        e
                    }
                })?,
            };
            return Ok(Value::Int(data.remove(at) as i64));
        }
        "insert" => {
            count(2)?;
            let byte = byte_of(&a[1])?;
            let mut data = array.0.borrow_mut();
            let len = data.len() as i64;
            let i = a[0].as_int().ok_or_else(|| {
                type_error(format!("'{}' object cannot be interpreted as an integer", a[0].type_name()))
            })?;
            let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
            data.insert(at as usize, byte);
        }
        "remove" => {
            count(1)?;
            let byte = byte_of(&a[0])?;
            let mut data = array.0.borrow_mut();
            match data.iter().position(|b| *b == byte) {
                Some(i) => {
                    data.remove(i);
                }
                None => return Err(value_error("value not found in bytearray")),
            }
        }
        "clear" => {
            count(0)?;
            array.0.borrow_mut().clear();
        }
        "copy" => {
            count(0)?;
            return Ok(new_bytearray(array.0.borrow().clone()));
        }
        "reverse" => {
            count(0)?;
            array.0.borrow_mut().reverse();
        }
        _ => {
            return Err(PyException::new(
                ATTRIBUTE_ERROR,
                format!("'bytearray' object has no attribute '{name}'"),
            ));
        }
    }
    Ok(Value::None)
}
