//! What the operators mean: `+`, `==`, `obj.attr`, `obj[key]`, `iter()`, `repr()`, truth —
//! CPython's `abstract.c` and the number/sequence slots of each type.
//!
//! Each operation first tries the builtin types, then a program's class and its dunder
//! methods (`__add__`, `__eq__`, `__getitem__`, `__iter__` …), and otherwise raises the
//! `TypeError` CPython raises, with its words.
//!
//! ```
//! use corosim::python::{code::BinOp, ops};
//! use corosim::Value;
//! assert_eq!(ops::binary(BinOp::Add, &Value::from(2), &Value::from(3)).unwrap().repr(), "5");
//! assert_eq!(ops::binary(BinOp::Add, &Value::from(2), &Value::from("a")).unwrap_err().to_string(),
//!            "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
//! ```

use num_bigint::BigInt as Big;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::code::{BinOp, CmpOp, UnaryOp};
use super::objects::*;
pub use super::objects::{as_big, eq_plain, is, is_not_implemented, repr, str_of, truthy};
use crate::exception::*;
use crate::generator::{Iterable, PyAwaitable, PyIterator, Step};
use crate::value::Value;

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

// ---------------------------------------------------------------- numbers

fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        _ => as_big(v).map(|b| b.to_f64().unwrap_or(f64::INFINITY)),
    }
}

/// A number operand as a float, or `None` for a value that is not a number; an int too
/// large for a float is CPython's `OverflowError`.
fn float_operand(v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::Float(f) => Ok(Some(*f)),
        Value::Int(i) => Ok(Some(*i as f64)),
        Value::Bool(b) => Ok(Some(*b as i64 as f64)),
        _ => as_big(v).map(|b| big_to_float(&b)).transpose(),
    }
}

/// `float(i)` for an int: CPython's `OverflowError` when it is beyond a float's range.
pub fn big_to_float(b: &Big) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(PyException::new(OVERFLOW_ERROR, "int too large to convert to float")),
    }
}

/// `a / b` for two ints, correctly rounded as CPython's: exact even beyond a float's
/// range (`10**400 / 10**399 == 10.0`), `OverflowError` when the quotient is not.
fn int_true_divide(a: &Value, b: &Value) -> PyResult<Value> {
    const EXACT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int())
        && x.unsigned_abs() <= EXACT
        && y.unsigned_abs() <= EXACT
    {
        if y == 0 {
            return Err(zero_division("division by zero"));
        }
        return Ok(Value::Float(x as f64 / y as f64));
    }
    let (Some(x), Some(y)) = (as_big(a), as_big(b)) else { return Err(type_error("int expected")) };
    if y.is_zero() {
        return Err(zero_division("division by zero"));
    }
    let negative = x.is_negative() != y.is_negative();
    let (n, d) = (x.abs(), y.abs());
    // Scale so the quotient has 55 or 56 bits, and keep a sticky bit for what the
    // division left: rounding that to 53 bits is rounding the exact quotient.
    let shift = d.bits() as i64 - n.bits() as i64 + 55;
    let (n, d) = if shift >= 0 { (n << shift as usize, d) } else { (n, d << (-shift) as usize) };
    let (mut q, r) = n.div_rem(&d);
    if !r.is_zero() {
        q |= Big::from(1);
    }
    let mut f = q.to_f64().unwrap_or(f64::INFINITY);
    let mut e = -shift;
    while e > 1000 {
        f *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        f *= 2f64.powi(-1000);
        e += 1000;
    }
    f *= 2f64.powi(e as i32);
    if f.is_infinite() {
        return Err(PyException::new(OVERFLOW_ERROR, "integer division result too large for a float"));
    }
    Ok(Value::Float(if negative { -f } else { f }))
}

fn zero_division(msg: &str) -> PyException {
    PyException::new(ZERO_DIVISION_ERROR, msg)
}

fn int_binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    // The common case in 64 bits; anything that overflows goes to big integers.
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        let small = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv if y == 0 => return Err(zero_division("integer division or modulo by zero")),
            BinOp::FloorDiv => x.checked_div(y).map(|_| Integer::div_floor(&x, &y)),
            BinOp::Mod if y == 0 => return Err(zero_division("integer modulo by zero")),
            BinOp::Mod => Some(Integer::mod_floor(&x, &y)),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::LShift if y < 0 => return Err(PyException::new(VALUE_ERROR, "negative shift count")),
            BinOp::LShift => (y < 63).then(|| x.checked_mul(1i64 << y)).flatten(),
            BinOp::RShift if y < 0 => return Err(PyException::new(VALUE_ERROR, "negative shift count")),
            BinOp::RShift => Some(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y }),
            BinOp::Pow if y >= 0 => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)),
            _ => None,
        };
        if let Some(r) = small {
            return Ok(Some(Value::Int(r)));
        }
    }
    let (Some(x), Some(y)) = (as_big(a), as_big(b)) else { return Ok(None) };
    Ok(Some(match op {
        BinOp::Add => int_value(x + y),
        BinOp::Sub => int_value(x - y),
        BinOp::Mul => int_value(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(zero_division("integer division or modulo by zero"));
            }
            int_value(x.div_floor(&y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(zero_division("integer modulo by zero"));
            }
            int_value(x.mod_floor(&y))
        }
        BinOp::Pow => {
            if y.is_negative() {
                return Ok(Some(Value::Float(
                    x.to_f64().unwrap_or(f64::INFINITY).powf(y.to_f64().unwrap_or(f64::INFINITY)),
                )));
            }
            let e = y.to_u32().ok_or_else(|| PyException::new(OVERFLOW_ERROR, "exponent too large"))?;
            int_value(num_traits::pow(x, e as usize))
        }
        BinOp::LShift => int_value(x << y.to_usize().unwrap_or(0)),
        BinOp::RShift => int_value(x >> y.to_usize().unwrap_or(0)),
        BinOp::And => int_value(x & y),
        BinOp::Or => int_value(x | y),
        BinOp::Xor => int_value(x ^ y),
        BinOp::Div => return Ok(None),
        BinOp::MatMul => return Ok(None),
    }))
}

fn float_binary(op: BinOp, x: f64, y: f64) -> PyResult<Option<Value>> {
    let r = float_arithmetic(op, x, y)?;
    // Each NaN a float operation makes is a new object (see `hash::new_nan`).
    Ok(r.map(|f| Value::Float(if f.is_nan() { super::hash::new_nan() } else { f })))
}

fn float_arithmetic(op: BinOp, x: f64, y: f64) -> PyResult<Option<f64>> {
    Ok(Some(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(zero_division("0.0 cannot be raised to a negative power"));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                // C's pow() set ERANGE: CPython raises it as (errno, strerror).
                return Err(PyException::with_args(
                    OVERFLOW_ERROR,
                    vec![Value::Int(34), Value::str("Numerical result out of range")],
                ));
            }
            r
        }
        _ => return Ok(None),
    }))
}

/// `divmod(x, y)` for floats, as CPython's `float_divmod`: the floor quotient from the
/// remainder (`1.0 // 0.1 == 9.0`), a zero remainder with the divisor's sign.
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(y);
    }
    let floor = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0f64.copysign(x / y)
    };
    (floor, m)
}

/// `a OP b`.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    // A named tuple is a tuple: `+` and `*` make plain tuples of its items.
    if matches!(op, BinOp::Add | BinOp::Mul) && (matches!(a, Value::Named(_)) || matches!(b, Value::Named(_)))
    {
        let (a, b) =
            (named_as_tuple(a).unwrap_or_else(|| a.clone()), named_as_tuple(b).unwrap_or_else(|| b.clone()));
        return binary(op, &a, &b);
    }
    if let Some(v) = builtin_binary(op, a, b)? {
        return Ok(v);
    }
    let (name, rname) = op.dunders();
    if let Some(r) = dunder_pair(a, b, name, rname)? {
        return Ok(r);
    }
    // str, list and tuple word a bad `+` their own way.
    if op == BinOp::Add {
        let kind = match a {
            Value::Str(_) => Some("str"),
            Value::Tuple(_) => Some("tuple"),
            _ if downcast::<List>(a).is_some() => Some("list"),
            _ => None,
        };
        if let Some(kind) = kind {
            return Err(type_error(format!(
                "can only concatenate {kind} (not \"{}\") to {kind}",
                b.type_name()
            )));
        }
    }
    Err(type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.type_name(),
        b.type_name()
    )))
}

/// Python's binary-operator protocol for a program's classes: `a.name(b)`, and if `a`
/// has no such method or it returns `NotImplemented`, `b.rname(a)`. `None` when neither
/// answers (the caller then tries the builtin types or raises its TypeError).
fn dunder_pair(a: &Value, b: &Value, name: &str, rname: &str) -> PyResult<Option<Value>> {
    if downcast::<Instance>(a).is_some()
        && let Some(r) = call_method_opt(a, name, vec![b.clone()])?
        && !is_not_implemented(&r)
    {
        return Ok(Some(r));
    }
    if downcast::<Instance>(b).is_some()
        && let Some(r) = call_method_opt(b, rname, vec![a.clone()])?
        && !is_not_implemented(&r)
    {
        return Ok(Some(r));
    }
    Ok(None)
}

fn builtin_binary(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if is_int(a) && is_int(b) {
        if op == BinOp::Div {
            return int_true_divide(a, b).map(Some);
        }
        return int_binary(op, a, b);
    }
    if (matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)))
        && let (Some(x), Some(y)) = (float_operand(a)?, float_operand(b)?)
    {
        return float_binary(op, x, y);
    }
    if let Some(r) = super::bytes::binary(op, a, b)? {
        return Ok(Some(r));
    }
    if let Some(r) = super::bytearray::binary(op, a, b)? {
        return Ok(Some(r));
    }
    match (op, a, b) {
        (BinOp::Add, Value::Str(x), Value::Str(y)) => Ok(Some(Value::str(format!("{x}{y}")))),
        (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s)) if is_int(n) => {
            Ok(Some(Value::str(s.repeat(n.as_int().unwrap_or(0).max(0) as usize))))
        }
        (BinOp::Mod, Value::Str(s), args) => {
            let mut convert = |v: &Value, c: char| -> PyResult<String> {
                match c {
                    'r' => repr(v),
                    'a' => Ok(ascii(&repr(v)?)),
                    _ => str_of(v),
                }
            };
            Ok(Some(Value::str(super::text::percent_format_with(s, &to_runtime(args), &mut convert)?)))
        }
        (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
            Ok(Some(Value::tuple(x.iter().chain(y.iter()).cloned())))
        }
        (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t)) if is_int(n) => {
            let k = n.as_int().unwrap_or(0).max(0) as usize;
            Ok(Some(Value::tuple(std::iter::repeat_n(t.iter().cloned(), k).flatten())))
        }
        _ => {
            if let (Some(x), Some(y)) = (downcast::<List>(a), downcast::<List>(b))
                && op == BinOp::Add
            {
                let mut items = x.0.borrow().clone();
                items.extend(y.0.borrow().iter().cloned());
                return Ok(Some(new_list(items)));
            }
            if let Some(l) = downcast::<List>(a).or_else(|| downcast::<List>(b))
                && op == BinOp::Mul
            {
                let n = if downcast::<List>(a).is_some() { b } else { a };
                if is_int(n) {
                    let k = n.as_int().unwrap_or(0).max(0) as usize;
                    let items = l.0.borrow().clone();
                    return Ok(Some(new_list(std::iter::repeat_n(items, k).flatten().collect())));
                }
            }
            if let (Some(x), Some(_)) = (downcast::<Set>(a), downcast::<Set>(b)) {
                return super::sets::binary(op, x, b, iterate);
            }
            if let (Some(x), Some(y)) = (downcast::<Dict>(a), downcast::<Dict>(b))
                && op == BinOp::Or
            {
                let mut m = x.0.borrow().clone();
                let theirs: Vec<(Key, Value)> =
                    y.0.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                for (k, v) in theirs {
                    super::dicts::insert(&mut m, k, v)?;
                }
                return Ok(Some(new_dict(m)));
            }
            Ok(None)
        }
    }
}

/// `a OP= b`: lists extend and sets update in place; everything else is `a OP b`.
pub fn inplace(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Some(r) = super::sets::inplace(op, a, b, iterate)? {
        return Ok(r);
    }
    if op == BinOp::Add
        && let Some(l) = downcast::<List>(a)
    {
        let items = iterate(b)?;
        l.0.borrow_mut().extend(items);
        return Ok(a.clone());
    }
    if downcast::<Instance>(a).is_some() {
        let name = format!("__i{}", &op.dunders().0[2..]);
        if let Some(r) = call_method_opt(a, &name, vec![b.clone()])?
            && !is_not_implemented(&r)
        {
            return Ok(r);
        }
    }
    binary(op, a, b).map_err(|e| {
        if e.is_instance(TYPE_ERROR) && e.message().starts_with("unsupported operand") {
            type_error(format!(
                "unsupported operand type(s) for {}=: '{}' and '{}'",
                op.symbol().trim_end_matches(" or pow()"),
                a.type_name(),
                b.type_name()
            ))
        } else {
            e
        }
    })
}

/// `OP a`.
pub fn unary(op: UnaryOp, a: &Value) -> PyResult<Value> {
    match op {
        UnaryOp::Not => return Ok(Value::Bool(!truthy(a)?)),
        UnaryOp::Neg => match a {
            Value::Int(i) => {
                return Ok(i.checked_neg().map_or_else(|| int_value(-Big::from(*i)), Value::Int));
            }
            Value::Bool(b) => return Ok(Value::Int(-(*b as i64))),
            Value::Float(f) => return Ok(Value::Float(-f)),
            _ => {
                if let Some(b) = downcast::<BigInt>(a) {
                    return Ok(int_value(-b.0.clone()));
                }
            }
        },
        UnaryOp::Pos => {
            if is_int(a) {
                return Ok(as_big(a).map(int_value).unwrap_or_default());
            }
            if let Value::Float(_) = a {
                return Ok(a.clone());
            }
        }
        UnaryOp::Invert => {
            if let Some(b) = as_big(a) {
                return Ok(int_value(-b - 1));
            }
        }
    }
    let (sym, dunder) = match op {
        UnaryOp::Neg => ("-", "__neg__"),
        UnaryOp::Pos => ("+", "__pos__"),
        _ => ("~", "__invert__"),
    };
    if let Some(r) = call_method_opt(a, dunder, vec![])? {
        return Ok(r);
    }
    Err(type_error(format!("bad operand type for unary {sym}: '{}'", a.type_name())))
}

// ---------------------------------------------------------------- comparisons

/// `a == b`, running `__eq__`.
pub fn eq(a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = dunder_pair(a, b, "__eq__", "__eq__")? {
        return truthy(&r);
    }
    if let Some(same) = super::bytes::eq(a, b).or_else(|| super::bytearray::eq(a, b)) {
        return Ok(same);
    }
    if let (Some(x), Some(y)) = (downcast::<Dict>(a), downcast::<Dict>(b)) {
        return super::dicts::equal(x, y, eq);
    }
    if let Some(same) = super::sets::compare(CmpOp::Eq, a, b)? {
        return Ok(same);
    }
    // Containers compare their items with `==` too.
    if let (Some(x), Some(y)) = (downcast::<List>(a), downcast::<List>(b)) {
        let (x, y) = (x.0.borrow().clone(), y.0.borrow().clone());
        return seq_eq(&x, &y);
    }
    // A named tuple is a tuple: it equals a plain tuple of the same items.
    let items = |v: &Value| match v {
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Named(n) => Some(n.fields.iter().map(|(_, v)| v.clone()).collect()),
        _ => None,
    };
    if let (Some(x), Some(y)) = (items(a), items(b)) {
        return seq_eq(&x, &y);
    }
    Ok(eq_plain(a, b))
}

/// `x == y` for two sequences: item by item, each the same object or `==`
/// (`PyObject_RichCompareBool`).
fn seq_eq(x: &[Value], y: &[Value]) -> PyResult<bool> {
    if x.len() != y.len() {
        return Ok(false);
    }
    for (p, q) in x.iter().zip(y) {
        if !eq_or_is(p, q)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `a is b or a == b`, as containers compare their items (`PyObject_RichCompareBool`):
/// so a NaN in a list equals itself.
pub fn eq_or_is(a: &Value, b: &Value) -> PyResult<bool> {
    Ok(is(a, b) || eq(a, b)?)
}

fn ordering(a: &Value, b: &Value) -> PyResult<Option<std::cmp::Ordering>> {
    if is_int(a) && is_int(b) {
        return Ok(as_big(a).partial_cmp(&as_big(b)));
    }
    match (a, b) {
        (Value::Float(f), i) if is_int(i) => return Ok(int_float_cmp(i, *f).map(|o| o.reverse())),
        (i, Value::Float(f)) if is_int(i) => return Ok(int_float_cmp(i, *f)),
        _ => {}
    }
    if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
        return Ok(x.partial_cmp(&y));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
        (Value::Tuple(x), Value::Tuple(y)) => seq_cmp(x, y),
        // A named tuple is a tuple: it orders as its items.
        (Value::Named(_), Value::Tuple(_) | Value::Named(_)) | (Value::Tuple(_), Value::Named(_)) => {
            let items = |v: &Value| match v {
                Value::Named(n) => n.fields.iter().map(|(_, v)| v.clone()).collect(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            seq_cmp(&items(a), &items(b))
        }
        _ if super::bytes::ordering(a, b).is_some() => Ok(super::bytes::ordering(a, b)),
        _ if super::bytearray::ordering(a, b).is_some() => Ok(super::bytearray::ordering(a, b)),
        _ => {
            if let (Some(x), Some(y)) = (downcast::<List>(a), downcast::<List>(b)) {
                let (x, y) = (x.0.borrow().clone(), y.0.borrow().clone());
                return seq_cmp(&x, &y);
            }
            Ok(None)
        }
    }
}

fn seq_cmp(x: &[Value], y: &[Value]) -> PyResult<Option<std::cmp::Ordering>> {
    for (p, q) in x.iter().zip(y) {
        if !eq(p, q)? {
            return match ordering(p, q)? {
                Some(o) => Ok(Some(o)),
                None => Err(type_error(format!(
                    "'<' not supported between instances of '{}' and '{}'",
                    p.type_name(),
                    q.type_name()
                ))),
            };
        }
    }
    Ok(Some(x.len().cmp(&y.len())))
}

/// `a OP b` for a comparison operator.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    use std::cmp::Ordering::*;
    let r = match op {
        CmpOp::Eq => eq(a, b)?,
        CmpOp::Ne => {
            if downcast::<Instance>(a).is_some()
                && let Some(r) = call_method_opt(a, "__ne__", vec![b.clone()])?
                && !is_not_implemented(&r)
            {
                return Ok(r);
            }
            !eq(a, b)?
        }
        CmpOp::Is => is(a, b),
        CmpOp::IsNot => !is(a, b),
        CmpOp::In => contains(b, a)?,
        CmpOp::NotIn => !contains(b, a)?,
        CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
            // `a < b` asks `a.__lt__(b)`, then the reflection `b.__gt__(a)`.
            let (dunder, reflected) = match op {
                CmpOp::Lt => ("__lt__", "__gt__"),
                CmpOp::Le => ("__le__", "__ge__"),
                CmpOp::Gt => ("__gt__", "__lt__"),
                _ => ("__ge__", "__le__"),
            };
            if let Some(r) = dunder_pair(a, b, dunder, reflected)? {
                return Ok(r);
            }
            if let Some(r) = super::sets::compare(op, a, b)? {
                return Ok(Value::Bool(r));
            }
            match ordering(a, b)? {
                Some(o) => match op {
                    CmpOp::Lt => o == Less,
                    CmpOp::Le => o != Greater,
                    CmpOp::Gt => o == Greater,
                    _ => o != Less,
                },
                None if matches!(a, Value::Float(f) if f.is_nan())
                    || matches!(b, Value::Float(f) if f.is_nan()) =>
                {
                    false
                }
                None => {
                    return Err(type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    )));
                }
            }
        }
    };
    Ok(Value::Bool(r))
}

/// A named tuple's items as a plain tuple (`None` for anything else).
pub fn named_as_tuple(v: &Value) -> Option<Value> {
    match v {
        Value::Named(n) => Some(Value::tuple(n.fields.iter().map(|(_, v)| v.clone()))),
        _ => None,
    }
}

/// `item in container`.
pub fn contains(container: &Value, item: &Value) -> PyResult<bool> {
    if let Some(t) = named_as_tuple(container) {
        return contains(&t, item);
    }
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => return Ok(s.contains(&**sub)),
            other => {
                return Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                )));
            }
        },
        Value::Tuple(items) => {
            for x in items.iter() {
                if is(x, item) || eq(x, item)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        _ => {}
    }
    if let Some(data) = super::bytes::as_bytes(container) {
        return super::bytes::contains(data, item);
    }
    if let Some(array) = downcast::<ByteArray>(container) {
        let data = array.0.borrow().clone();
        return super::bytes::contains(&data, item);
    }
    if let Some(d) = downcast::<Dict>(container) {
        return super::dicts::contains(d, &Key::new(item.clone())?);
    }
    if let Some(s) = downcast::<Set>(container) {
        return s.has(&Key::new(item.clone())?);
    }
    if let Some(l) = downcast::<List>(container) {
        let items = l.0.borrow().clone();
        for x in items.iter() {
            if is(x, item) || eq(x, item)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(r) = downcast::<Range>(container) {
        let Some(i) = item.as_int() else { return Ok(false) };
        let inside = if r.step > 0 { i >= r.start && i < r.stop } else { i <= r.start && i > r.stop };
        return Ok(inside && (i - r.start) % r.step == 0);
    }
    if downcast::<Instance>(container).is_some()
        && let Some(r) = call_method_opt(container, "__contains__", vec![item.clone()])?
    {
        return truthy(&r);
    }
    let it = iter(container)
        .map_err(|_| type_error(format!("argument of type '{}' is not iterable", container.type_name())))?;
    while let Some(x) = next(&it)? {
        if is(&x, item) || eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---------------------------------------------------------------- iteration

/// `iter(v)`: an iterator value.
pub fn iter(v: &Value) -> PyResult<Value> {
    let seq = |name: &'static str, items: Vec<Value>| {
        let mut i = 0;
        Iter::value(name, move || {
            let r = items.get(i).cloned();
            i += 1;
            Ok(r)
        })
    };
    match v {
        Value::Tuple(t) => return Ok(seq("tuple_iterator", t.to_vec())),
        Value::List(t) => return Ok(seq("list_iterator", t.to_vec())),
        Value::Str(s) => {
            let name = if s.is_ascii() { "str_ascii_iterator" } else { "str_iterator" };
            return Ok(seq(name, s.chars().map(|c| Value::str(c.to_string())).collect()));
        }
        Value::Dict(d) => return Ok(seq("dict_keyiterator", d.iter().map(|(k, _)| k.clone()).collect())),
        Value::Named(n) => {
            return Ok(seq("tuple_iterator", n.fields.iter().map(|(_, v)| v.clone()).collect()));
        }
        _ => {}
    }
    if let Some(l) = downcast_rc::<List>(v) {
        // A list iterator sees the list as it is at each step.
        let mut i = 0;
        return Ok(Iter::value("list_iterator", move || {
            let r = l.0.borrow().get(i).cloned();
            i += 1;
            Ok(r)
        }));
    }
    if let Some(data) = super::bytes::as_bytes(v) {
        return Ok(super::bytes::iter(data));
    }
    if let Some(it) = super::bytearray::iter(v) {
        return Ok(it);
    }
    if let Some(d) = downcast::<Dict>(v) {
        return Ok(seq("dict_keyiterator", d.0.borrow().keys().map(|k| k.0.clone()).collect()));
    }
    if let Some(s) = downcast::<Set>(v) {
        return Ok(seq("set_iterator", s.items.borrow().iter().map(|k| k.0.clone()).collect()));
    }
    if let Some(view) = downcast::<DictView>(v) {
        let name = match view.kind {
            "dict_keys" => "dict_keyiterator",
            "dict_values" => "dict_valueiterator",
            _ => "dict_itemiterator",
        };
        return Ok(seq(name, view.items()));
    }
    if let Some(r) = downcast::<Range>(v) {
        return Ok(RangeIter::value(r));
    }
    if downcast::<Iter>(v).is_some() || downcast::<RangeIter>(v).is_some() {
        return Ok(v.clone());
    }
    if let Some(g) = downcast::<GenObject>(v) {
        if g.g.kind() == crate::generator::Kind::Coroutine {
            return Err(type_error("'coroutine' object is not iterable"));
        }
        return Ok(v.clone());
    }
    if downcast::<Instance>(v).is_some() {
        if let Some(it) = call_method_opt(v, "__iter__", vec![])? {
            if !is_iterator(&it) {
                return Err(type_error(format!("iter() returned non-iterator of type '{}'", it.type_name())));
            }
            return Ok(it);
        }
        if let Some(inst) = downcast::<Instance>(v)
            && inst.class.lookup("__getitem__").is_some()
        {
            let obj = v.clone();
            let mut i = 0i64;
            return Ok(Iter::value("iterator", move || {
                match call_method_opt(&obj, "__getitem__", vec![Value::Int(i)]) {
                    Ok(r) => {
                        i += 1;
                        Ok(r)
                    }
                    Err(e) if e.is_instance(INDEX_ERROR) || e.is_instance(STOP_ITERATION) => Ok(None),
                    Err(e) => Err(e),
                }
            }));
        }
    }
    if let Some(n) = native_of(v)
        && let Some(it) = n.iter()?
    {
        return Ok(it);
    }
    Err(type_error(format!("'{}' object is not iterable", v.type_name())))
}

/// Whether a value has `__next__`.
pub fn is_iterator(v: &Value) -> bool {
    downcast::<Iter>(v).is_some()
        || downcast::<RangeIter>(v).is_some()
        || downcast::<GenObject>(v).is_some_and(|g| g.g.kind() != crate::generator::Kind::Coroutine)
        || downcast::<Instance>(v).is_some_and(|i| i.class.lookup("__next__").is_some())
        || downcast::<Native>(v).is_some_and(|n| n.0.is_iterator())
}

/// `next(it)`: `Ok(None)` when it is exhausted.
pub fn next(it: &Value) -> PyResult<Option<Value>> {
    if let Some(r) = downcast::<RangeIter>(it) {
        return Ok(r.step());
    }
    if let Some(i) = downcast::<Iter>(it) {
        let mut f = i.next.borrow_mut();
        return f();
    }
    if let Some(g) = downcast::<GenObject>(it) {
        return match g.g.next() {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance(STOP_ITERATION) => Ok(None),
            Err(e) => Err(e),
        };
    }
    if downcast::<Instance>(it).is_some() {
        return match call_method_opt(it, "__next__", vec![]) {
            Ok(Some(v)) => Ok(Some(v)),
            Ok(None) => Err(type_error(format!("'{}' object is not an iterator", it.type_name()))),
            Err(e) if e.is_instance(STOP_ITERATION) => Ok(None),
            Err(e) => Err(e),
        };
    }
    if let Some(next) = downcast::<Native>(it).and_then(|n| n.0.next()) {
        return next;
    }
    Err(type_error(format!("'{}' object is not an iterator", it.type_name())))
}

/// Every item of an iterable.
pub fn iterate(v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Tuple(t) | Value::List(t) => return Ok(t.to_vec()),
        _ => {}
    }
    if let Some(l) = downcast::<List>(v) {
        return Ok(l.0.borrow().clone());
    }
    let it = iter(v)?;
    let mut out = Vec::new();
    while let Some(x) = next(&it)? {
        out.push(x);
    }
    Ok(out)
}

/// A value handed to the runtime (`asyncio.gather(*coros)`, a `%` format): lists become
/// the runtime's list snapshots, tuples keep their items.
pub fn to_runtime(v: &Value) -> Value {
    if let Some(l) = downcast::<List>(v) {
        return Value::List(l.0.borrow().iter().map(to_runtime).collect());
    }
    if let Some(d) = downcast::<Dict>(v) {
        return Value::Dict(d.0.borrow().iter().map(|(k, v)| (k.0.clone(), to_runtime(v))).collect());
    }
    v.clone()
}

/// A value the runtime hands back: its list snapshots become lists a program can change.
#[inline]
pub fn from_runtime(v: Value) -> Value {
    match v {
        Value::Object(_) | Value::List(_) | Value::Dict(_) | Value::Tuple(_) => from_runtime_object(v),
        other => other,
    }
}

fn from_runtime_object(v: Value) -> Value {
    match v {
        // A future a generator yielded (`next(fut.__await__())`): the program's object.
        Value::Object(id) => future_object(id).unwrap_or(Value::Object(id)),
        Value::List(items) => new_list(items.iter().cloned().map(from_runtime).collect()),
        Value::Dict(items) => {
            new_dict(items.iter().map(|(k, v)| (Key::builtin(k.clone()), from_runtime(v.clone()))).collect())
        }
        Value::Tuple(items) if items.iter().any(|x| matches!(x, Value::List(_) | Value::Dict(_))) => {
            Value::tuple(items.iter().cloned().map(from_runtime))
        }
        other => other,
    }
}

// ---------------------------------------------------------------- items

fn index_of(len: usize, key: &Value, what: &str) -> PyResult<usize> {
    let i = key.as_int().ok_or_else(|| {
        type_error(format!("{what} indices must be integers or slices, not {}", key.type_name()))
    })?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyException::new(INDEX_ERROR, format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `obj[key]`.
pub fn getitem(obj: &Value, key: &Value) -> PyResult<Value> {
    if let Some(data) = as_bytes(obj) {
        if let Some(s) = downcast::<Slice>(key) {
            return Ok(new_bytes(
                slice_indices(s, data.len())?.into_iter().map(|i| data[i]).collect::<Vec<u8>>(),
            ));
        }
        return super::bytes::getitem(data, key);
    }
    if let Some(array) = downcast::<ByteArray>(obj) {
        return super::bytearray::getitem(array, key);
    }
    if let Some(s) = downcast::<Slice>(key) {
        match obj {
            Value::Str(st) => {
                let chars: Vec<char> = st.chars().collect();
                return Ok(Value::str(
                    slice_indices(s, chars.len())?.into_iter().map(|i| chars[i]).collect::<String>(),
                ));
            }
            Value::Tuple(t) => {
                return Ok(Value::tuple(slice_indices(s, t.len())?.into_iter().map(|i| t[i].clone())));
            }
            Value::Named(_) => return getitem(&named_as_tuple(obj).unwrap_or_default(), key),
            _ => {}
        }
        if let Some(l) = downcast::<List>(obj) {
            let items = l.0.borrow();
            return Ok(new_list(
                slice_indices(s, items.len())?.into_iter().map(|i| items[i].clone()).collect(),
            ));
        }
    }
    match obj {
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let i = index_of(chars.len(), key, "string")?;
            return Ok(Value::str(chars[i].to_string()));
        }
        Value::Tuple(t) => return Ok(t[index_of(t.len(), key, "tuple")?].clone()),
        Value::List(t) => return Ok(t[index_of(t.len(), key, "list")?].clone()),
        Value::Named(n) => return Ok(n.fields[index_of(n.fields.len(), key, "tuple")?].1.clone()),
        _ => {}
    }
    if let Some(l) = downcast::<List>(obj) {
        let items = l.0.borrow();
        return Ok(items[index_of(items.len(), key, "list")?].clone());
    }
    if let Some(d) = downcast::<Dict>(obj) {
        let k = Key::new(key.clone())?;
        let found = super::dicts::get(d, &k)?;
        return match (found, &d.1) {
            (Some(v), _) => Ok(v),
            (None, DictKind::Counter) => Ok(Value::Int(0)),
            (None, DictKind::Default(factory)) if !factory.is_none() => {
                let v = call(factory, vec![], vec![])?;
                super::dicts::set_item(d, k, v.clone())?;
                Ok(v)
            }
            (None, _) => Err(PyException::new(KEY_ERROR, key.clone())),
        };
    }
    if let Some(r) = downcast::<Range>(obj) {
        let i = index_of(r.len() as usize, key, "range object")?;
        return Ok(Value::Int(r.start + i as i64 * r.step));
    }
    if downcast::<Instance>(obj).is_some()
        && let Some(r) = call_method_opt(obj, "__getitem__", vec![key.clone()])?
    {
        return Ok(r);
    }
    if let Some(n) = native_of(obj)
        && let Some(r) = n.getitem(key)?
    {
        return Ok(r);
    }
    if let Value::Obj(_) = obj
        && downcast::<BuiltinType>(obj).is_some()
    {
        // `list[int]` in an annotation: accepted, as at run time in CPython.
        return Ok(obj.clone());
    }
    Err(type_error(format!("'{}' object is not subscriptable", obj.type_name())))
}

/// `obj[key] = value`.
pub fn setitem(obj: &Value, key: &Value, value: Value) -> PyResult<()> {
    if let Some(l) = downcast::<List>(obj) {
        if let Some(s) = downcast::<Slice>(key) {
            let new = iterate(&value)?;
            let mut items = l.0.borrow_mut();
            let idx = slice_indices(s, items.len())?;
            if matches!(s.step, Value::None) || s.step.as_int() == Some(1) {
                let start = idx.first().copied().unwrap_or_else(|| match &s.start {
                    Value::None => 0,
                    v => {
                        let i = v.as_int().unwrap_or(0);
                        if i < 0 {
                            (i + items.len() as i64).max(0) as usize
                        } else {
                            (i as usize).min(items.len())
                        }
                    }
                });
                let end = idx.last().map_or(start, |l| l + 1);
                items.splice(start..end, new);
                return Ok(());
            }
            if new.len() != idx.len() {
                return Err(PyException::new(
                    VALUE_ERROR,
                    format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new.len(),
                        idx.len()
                    ),
                ));
            }
            for (i, v) in idx.into_iter().zip(new) {
                items[i] = v;
            }
            return Ok(());
        }
        let mut items = l.0.borrow_mut();
        let len = items.len();
        let i = index_of(len, key, "list").map_err(|e| {
            if e.is_instance(INDEX_ERROR) {
                PyException::new(INDEX_ERROR, "list assignment index out of range")
            } else {
                e
            }
        })?;
        items[i] = value;
        return Ok(());
    }
    if let Some(array) = downcast::<ByteArray>(obj) {
        return super::bytearray::setitem(array, key, &value, iterate);
    }
    if let Some(d) = downcast::<Dict>(obj) {
        return super::dicts::set_item(d, Key::new(key.clone())?, value);
    }
    if downcast::<Instance>(obj).is_some()
        && call_method_opt(obj, "__setitem__", vec![key.clone(), value])?.is_some()
    {
        return Ok(());
    }
    Err(type_error(format!("'{}' object does not support item assignment", obj.type_name())))
}

/// `del obj[key]`.
pub fn delitem(obj: &Value, key: &Value) -> PyResult<()> {
    if let Some(l) = downcast::<List>(obj) {
        if let Some(s) = downcast::<Slice>(key) {
            let mut items = l.0.borrow_mut();
            let idx = slice_indices(s, items.len())?;
            let mut keep = 0;
            let drop: std::collections::HashSet<usize> = idx.into_iter().collect();
            items.retain(|_| {
                keep += 1;
                !drop.contains(&(keep - 1))
            });
            return Ok(());
        }
        let mut items = l.0.borrow_mut();
        let len = items.len();
        let i = index_of(len, key, "list").map_err(|e| {
            if e.is_instance(INDEX_ERROR) {
                PyException::new(INDEX_ERROR, "list assignment index out of range")
            } else {
                e
            }
        })?;
        items.remove(i);
        return Ok(());
    }
    if let Some(array) = downcast::<ByteArray>(obj) {
        return super::bytearray::delitem(array, key);
    }
    if let Some(d) = downcast::<Dict>(obj) {
        return match super::dicts::remove(d, &Key::new(key.clone())?)? {
            Some(_) => Ok(()),
            None => Err(PyException::new(KEY_ERROR, key.clone())),
        };
    }
    if downcast::<Instance>(obj).is_some()
        && call_method_opt(obj, "__delitem__", vec![key.clone()])?.is_some()
    {
        return Ok(());
    }
    Err(type_error(format!("'{}' object doesn't support item deletion", obj.type_name())))
}

/// `len(v)`.
pub fn len(v: &Value) -> PyResult<usize> {
    match v {
        Value::Str(s) => return Ok(s.chars().count()),
        Value::Tuple(t) | Value::List(t) => return Ok(t.len()),
        Value::Dict(d) => return Ok(d.len()),
        Value::Named(n) => return Ok(n.fields.len()),
        _ => {}
    }
    if let Some(l) = downcast::<List>(v) {
        return Ok(l.0.borrow().len());
    }
    if let Some(data) = super::bytes::as_bytes(v) {
        return Ok(data.len());
    }
    if let Some(array) = downcast::<ByteArray>(v) {
        return Ok(array.0.borrow().len());
    }
    if let Some(d) = downcast::<Dict>(v) {
        return Ok(d.0.borrow().len());
    }
    if let Some(s) = downcast::<Set>(v) {
        return Ok(s.items.borrow().len());
    }
    if let Some(r) = downcast::<Range>(v) {
        return Ok(r.len() as usize);
    }
    if let Some(view) = downcast::<DictView>(v) {
        return Ok(view.dict.0.borrow().len());
    }
    if downcast::<Instance>(v).is_some()
        && let Some(r) = call_method_opt(v, "__len__", vec![])?
    {
        return match r.as_int() {
            Some(n) if n >= 0 => Ok(n as usize),
            Some(_) => Err(PyException::new(VALUE_ERROR, "__len__() should return >= 0")),
            None => {
                Err(type_error(format!("'{}' object cannot be interpreted as an integer", r.type_name())))
            }
        };
    }
    if let Some(n) = native_of(v)
        && let Some(l) = n.len()
    {
        return Ok(l);
    }
    Err(type_error(format!("object of type '{}' has no len()", v.type_name())))
}

/// What `yield from v` / `await v` delegates to, in the runtime's terms.
pub fn to_iterable(v: &Value, awaiting: bool) -> PyResult<Iterable> {
    if let Some(g) = downcast::<GenObject>(v) {
        return Ok(Iterable::Gen(g.g.clone()));
    }
    if let Some(f) = crate::aio::Future::from_value(v) {
        return Ok(Iterable::from(f));
    }
    if let Some(n) = native_of(v)
        && let Some(it) = n.awaitable()
    {
        return Ok(it);
    }
    if let Some(inst) = downcast::<Instance>(v) {
        if awaiting {
            if inst.class.lookup("__await__").is_some() {
                return Ok(Iterable::Awaitable(Box::new(InstanceAwaitable(v.clone()))));
            }
            return Ok(Iterable::Value(v.clone()));
        }
        let it = iter(v)?;
        return iterator_iterable(it);
    }
    if awaiting {
        return Ok(Iterable::Value(to_runtime(v)));
    }
    let it = iter(v)?;
    iterator_iterable(it)
}

fn iterator_iterable(it: Value) -> PyResult<Iterable> {
    if let Some(g) = downcast::<GenObject>(&it) {
        return Ok(Iterable::Gen(g.g.clone()));
    }
    Ok(Iterable::Iter(Box::new(ValueIter(it))))
}

/// An iterator object (a builtin one, or a class with `__next__`) as the runtime's
/// [`PyIterator`]: `send`, `throw` and `close` exist when the class defines them.
struct ValueIter(Value);

fn step_of(r: PyResult<Option<Value>>) -> Step {
    match r {
        Ok(Some(v)) => Step::Yielded(v),
        Ok(None) => Step::Returned(Value::None),
        Err(e) if e.is_instance(STOP_ITERATION) => Step::Returned(e.value()),
        Err(e) => Step::Raised(e),
    }
}

impl PyIterator for ValueIter {
    fn type_name(&self) -> &str {
        self.0.type_name()
    }
    fn next(&mut self) -> Step {
        if downcast::<Instance>(&self.0).is_some() {
            return step_of(call_method_opt(&self.0, "__next__", vec![]));
        }
        match next(&self.0) {
            Ok(Some(v)) => Step::Yielded(v),
            Ok(None) => Step::Returned(Value::None),
            Err(e) => Step::Raised(e),
        }
    }
    fn send(&mut self, value: Value) -> Option<Step> {
        let inst = downcast::<Instance>(&self.0)?;
        inst.class.lookup("send")?;
        Some(step_of(call_method_opt(&self.0, "send", vec![value])))
    }
    fn throw(&mut self, args: &ThrowArgs) -> Option<Step> {
        let inst = downcast::<Instance>(&self.0)?;
        inst.class.lookup("throw")?;
        let args: Vec<Value> = args.args().iter().map(exc_class_for_program).collect();
        Some(step_of(call_method_opt(&self.0, "throw", args)))
    }
    fn close(&mut self) -> Option<PyResult<()>> {
        let inst = downcast::<Instance>(&self.0)?;
        inst.class.lookup("close")?;
        Some(call_method_opt(&self.0, "close", vec![]).map(|_| ()))
    }
}

/// A value the runtime hands a program (a class it throws): a program's own class
/// object where it has one.
fn exc_class_for_program(v: &Value) -> Value {
    match v {
        Value::ExcClass(c) => program_class(*c).map(|k| Value::Obj(k)).unwrap_or_else(|| v.clone()),
        _ => v.clone(),
    }
}

/// An instance with `__await__`.
struct InstanceAwaitable(Value);

impl PyAwaitable for InstanceAwaitable {
    fn type_name(&self) -> &str {
        self.0.type_name()
    }
    fn await_(&self) -> PyResult<Iterable> {
        let it = call_method_opt(&self.0, "__await__", vec![])?.unwrap_or_default();
        if let Some(g) = downcast::<GenObject>(&it) {
            return Ok(Iterable::Gen(g.g.clone()));
        }
        if is_iterator(&it) {
            return Ok(Iterable::Iter(Box::new(ValueIter(it))));
        }
        Ok(Iterable::Value(it))
    }
}

/// `raise X`: an instance as it is; a class is called with no arguments.
pub fn make_exception(v: &Value) -> PyResult<PyException> {
    match v {
        Value::Exception(e) => Ok(e.clone()),
        Value::ExcClass(c) => Ok(PyException::bare(*c)),
        _ => {
            if let Some(c) = downcast::<Class>(v)
                && c.exc.is_some()
            {
                return match call(v, vec![], vec![])? {
                    Value::Exception(e) => Ok(e),
                    _ => Err(PyException::new(TYPE_ERROR, "exceptions must derive from BaseException")),
                };
            }
            Err(PyException::new(TYPE_ERROR, "exceptions must derive from BaseException"))
        }
    }
}

/// `ascii(x)` from a repr: non-ASCII characters escaped.
pub fn ascii(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// `format(value, spec)`, running a class's `__format__`.
pub fn format(v: &Value, spec: &str) -> PyResult<String> {
    if downcast::<Instance>(v).is_some() {
        if let Some(r) = call_method_opt(v, "__format__", vec![Value::str(spec)])? {
            return Ok(r.to_str());
        }
        if spec.is_empty() {
            return str_of(v);
        }
        return Err(type_error(format!("unsupported format string passed to {}.__format__", v.type_name())));
    }
    if spec.is_empty() {
        return str_of(v);
    }
    if let Some(b) = downcast::<BigInt>(v) {
        return super::text::format_bigint(&b.0, spec);
    }
    super::text::format_spec(&to_runtime(v), spec)
}

/// The `(key, value)` pairs of a mapping (a dict, or pairs).
pub fn mapping_items(v: &Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(d) = downcast::<Dict>(v) {
        return Ok(d.0.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect());
    }
    if let Value::Dict(d) = v {
        return Ok(d.to_vec());
    }
    if downcast::<Instance>(v).is_some() {
        let keys = call_method_opt(v, "keys", vec![])?
            .ok_or_else(|| type_error(format!("'{}' object is not a mapping", v.type_name())))?;
        let mut out = Vec::new();
        for k in iterate(&keys)? {
            let val = getitem(v, &k)?;
            out.push((k, val));
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    for (i, pair) in iterate(v)
        .map_err(|_| type_error(format!("'{}' object is not a mapping", v.type_name())))?
        .into_iter()
        .enumerate()
    {
        let items = iterate(&pair)?;
        if items.len() != 2 {
            return Err(PyException::new(
                VALUE_ERROR,
                format!("dictionary update sequence element #{i} has length {}; 2 is required", items.len()),
            ));
        }
        out.push((items[0].clone(), items[1].clone()));
    }
    Ok(out)
}

/// Counts the items of an iterable (or adds a mapping's counts) into a Counter.
pub fn count_into(m: &mut indexmap::IndexMap<Key, Value>, src: &Value) -> PyResult<()> {
    if downcast::<Dict>(src).is_some() {
        for (k, v) in mapping_items(src)? {
            let k = Key::new(k)?;
            let n = super::dicts::find(m, &k)?.map_or(Value::Int(0), |i| m[i].clone());
            super::dicts::insert(m, k, binary(BinOp::Add, &n, &v)?)?;
        }
        return Ok(());
    }
    for x in iterate(src)? {
        let k = Key::new(x)?;
        let n = super::dicts::find(m, &k)?.and_then(|i| m[i].as_int()).unwrap_or(0);
        super::dicts::insert(m, k, Value::Int(n + 1))?;
    }
    Ok(())
}
