//! The `builtins` module: `print`, `len`, `range`, `isinstance` … and the builtin types
//! as callables (`int("3")`, `list(g)`, `dict(a=1)`).
//!
//! ```
//! let out = corosim::python::run_to_string("print(len('abc'), sorted([3, 1, 2]), list(range(3)), sep=' | ')\n");
//! assert_eq!(out, "3 | [1, 2, 3] | [0, 1, 2]\n");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use super::attrs::{getattr, setattr, sort_values};
use super::objects::*;
use super::ops::{self, ascii, format, mapping_items};
use super::sets;
use crate::exception::*;
use crate::value::Value;

/// The builtins by name, hashed fast (looked up whenever a global is not found).
type Table = IndexMap<&'static str, Value, foldhash::fast::RandomState>;

type Args = Vec<Value>;
type Kwargs = Vec<(Rc<str>, Value)>;

thread_local! {
    static BUILTINS: RefCell<Option<Table>> = const { RefCell::new(None) };
}

// Where `print` writes lives with the interpreter's state (threads write there too).
pub use super::state::{set_output, write_out};

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn kw<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// `locals()` and friends reached other than by name (`f = locals; f()`): they cannot
/// tell which frame called them.
fn not_by_name(name: &str) -> PyException {
    type_error(format!(
        "{name}() without arguments is simulated by corosim only when called by its own name, as in {name}()"
    ))
}

fn builtin(name: &'static str, f: fn(Args, Kwargs) -> PyResult) -> (&'static str, Value) {
    (name, Builtin::value(name, f))
}

fn ty(name: &'static str) -> (&'static str, Value) {
    (name, Value::Obj(Rc::new(BuiltinType { name })))
}

/// The builtins' names, in the order they were made.
pub fn names() -> Vec<&'static str> {
    BUILTINS.with(|b| b.borrow_mut().get_or_insert_with(make_table).keys().copied().collect())
}

/// A builtin name, if there is one.
pub fn lookup(name: &str) -> Option<Value> {
    BUILTINS.with(|b| {
        let mut b = b.borrow_mut();
        let table = b.get_or_insert_with(make_table);
        table.get(name).cloned()
    })
}

fn make_table() -> Table {
    let mut t = Table::default();
    for (n, v) in [
        builtin("print", print),
        builtin("len", |a, _| Ok(Value::Int(ops::len(one(&a, "len")?)? as i64))),
        builtin("repr", |a, _| Ok(Value::str(ops::repr(one(&a, "repr")?)?))),
        builtin("iter", |a, _| match a.as_slice() {
            [x] => ops::iter(x),
            _ => Err(type_error("iter expected 1 argument")),
        }),
        builtin("next", next),
        builtin("open", super::modules::io::open),
        builtin("isinstance", |a, _| {
            let [obj, cls] = two(&a, "isinstance")?;
            Ok(Value::Bool(isinstance(obj, cls)?))
        }),
        builtin("issubclass", |a, _| {
            let [c, cls] = two(&a, "issubclass")?;
            Ok(Value::Bool(issubclass(c, cls)?))
        }),
        builtin("hasattr", |a, _| {
            let [o, n] = two(&a, "hasattr")?;
            match getattr(o, n.as_str().unwrap_or("")) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) if e.is_instance(ATTRIBUTE_ERROR) => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            }
        }),
        builtin("getattr", |a, _| {
            let name = a
                .get(1)
                .and_then(|n| n.as_str())
                .ok_or_else(|| type_error("getattr(): attribute name must be string"))?;
            match (getattr(&a[0], name), a.get(2)) {
                (Ok(v), _) => Ok(v),
                (Err(e), Some(d)) if e.is_instance(ATTRIBUTE_ERROR) => Ok(d.clone()),
                (Err(e), _) => Err(e),
            }
        }),
        builtin("setattr", |a, _| {
            let name = a
                .get(1)
                .and_then(|n| n.as_str())
                .ok_or_else(|| type_error("setattr(): attribute name must be string"))?;
            setattr(&a[0], name, a.get(2).cloned().unwrap_or_default())?;
            Ok(Value::None)
        }),
        builtin("callable", |a, _| Ok(Value::Bool(is_callable(one(&a, "callable")?)))),
        builtin("id", |a, _| Ok(Value::Int(hash_value(one(&a, "id")?).abs()))),
        builtin("hash", |a, _| {
            let v = one(&a, "hash")?;
            Ok(Value::Int(Key::new(v.clone())?.hash()))
        }),
        builtin("abs", |a, _| {
            let v = one(&a, "abs")?;
            match v {
                Value::Float(f) => Ok(Value::Float(f.abs())),
                _ => match ops::as_big(v) {
                    Some(b) => Ok(int_value(num_traits::Signed::abs(&b))),
                    None => call_method_opt(v, "__abs__", vec![])?.ok_or_else(|| {
                        type_error(format!("bad operand type for abs(): '{}'", v.type_name()))
                    }),
                },
            }
        }),
        builtin("sum", sum),
        builtin("min", |a, k| min_max(a, k, true)),
        builtin("max", |a, k| min_max(a, k, false)),
        builtin("any", |a, _| {
            for x in ops::iterate(one(&a, "any")?)? {
                if ops::truthy(&x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        builtin("all", |a, _| {
            for x in ops::iterate(one(&a, "all")?)? {
                if !ops::truthy(&x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }),
        builtin("sorted", |a, k| {
            let mut items = ops::iterate(one(&a, "sorted")?)?;
            sort_values(&mut items, kw(&k, "key"), kw(&k, "reverse").is_some_and(|v| v.truthy()))?;
            Ok(new_list(items))
        }),
        builtin("reversed", |a, _| {
            let v = one(&a, "reversed")?;
            if downcast::<Instance>(v).is_some()
                && let Some(r) = call_method_opt(v, "__reversed__", vec![])?
            {
                return Ok(r);
            }
            let mut items = ops::iterate(v)?;
            items.reverse();
            let mut i = 0;
            Ok(Iter::value("list_reverseiterator", move || {
                let r = items.get(i).cloned();
                i += 1;
                Ok(r)
            }))
        }),
        builtin("enumerate", |a, k| {
            let it =
                ops::iter(a.first().ok_or_else(|| {
                    type_error("enumerate() missing required argument 'iterable' (pos 1)")
                })?)?;
            let mut n = a.get(1).or_else(|| kw(&k, "start")).and_then(|v| v.as_int()).unwrap_or(0);
            Ok(Iter::value("enumerate", move || {
                Ok(ops::next(&it)?.map(|x| {
                    let r = Value::tuple([Value::Int(n), x]);
                    n += 1;
                    r
                }))
            }))
        }),
        builtin("zip", |a, _| {
            let its: Vec<Value> = a.iter().map(ops::iter).collect::<PyResult<_>>()?;
            Ok(Iter::value("zip", move || {
                if its.is_empty() {
                    return Ok(None);
                }
                let mut row = Vec::with_capacity(its.len());
                for it in &its {
                    match ops::next(it)? {
                        Some(x) => row.push(x),
                        None => return Ok(None),
                    }
                }
                Ok(Some(Value::tuple(row)))
            }))
        }),
        builtin("map", |a, _| {
            let f =
                a.first().cloned().ok_or_else(|| type_error("map() must have at least two arguments."))?;
            let its: Vec<Value> = a[1..].iter().map(ops::iter).collect::<PyResult<_>>()?;
            Ok(Iter::value("map", move || {
                let mut row = Vec::with_capacity(its.len());
                for it in &its {
                    match ops::next(it)? {
                        Some(x) => row.push(x),
                        None => return Ok(None),
                    }
                }
                call(&f, row, vec![]).map(Some)
            }))
        }),
        builtin("filter", |a, _| {
            let [f, src] = two(&a, "filter")?;
            let (f, it) = (f.clone(), ops::iter(src)?);
            Ok(Iter::value("filter", move || {
                while let Some(x) = ops::next(&it)? {
                    let keep = if f.is_none() {
                        ops::truthy(&x)?
                    } else {
                        ops::truthy(&call(&f, vec![x.clone()], vec![])?)?
                    };
                    if keep {
                        return Ok(Some(x));
                    }
                }
                Ok(None)
            }))
        }),
        builtin("round", round),
        builtin("divmod", |a, _| {
            let [x, y] = two(&a, "divmod")?;
            let q = ops::binary(super::code::BinOp::FloorDiv, x, y)?;
            let r = ops::binary(super::code::BinOp::Mod, x, y)?;
            Ok(Value::tuple([q, r]))
        }),
        builtin("pow", |a, _| match a.as_slice() {
            [x, y] => ops::binary(super::code::BinOp::Pow, x, y),
            [x, y, m] => pow_mod(x, y, m),
            _ => Err(type_error(format!("pow expected at most 3 arguments, got {}", a.len()))),
        }),
        builtin("hex", |a, _| radix(one(&a, "hex")?, "#x")),
        builtin("oct", |a, _| radix(one(&a, "oct")?, "#o")),
        builtin("bin", |a, _| radix(one(&a, "bin")?, "#b")),
        builtin("dir", |a, _| match a.as_slice() {
            [x] => super::dir::dir(x),
            [] => Err(not_by_name("dir")),
            _ => Err(type_error(format!("dir expected at most 1 argument, got {}", a.len()))),
        }),
        builtin("delattr", |a, _| {
            let [obj, name] = two(&a, "delattr")?;
            let name = name.as_str().ok_or_else(|| {
                type_error(format!("attribute name must be string, not '{}'", name.type_name()))
            })?;
            super::attrs::delattr(obj, name).map(|()| Value::None)
        }),
        builtin("aiter", |a, _| {
            let x = one(&a, "aiter")?;
            call_method_opt(x, "__aiter__", vec![])?
                .ok_or_else(|| type_error(format!("'{}' object is not an async iterable", x.type_name())))
        }),
        builtin("anext", |a, _| match a.as_slice() {
            [x] => match super::attrs::getattr(x, "__anext__") {
                Ok(method) => call(&method, vec![], vec![]),
                Err(_) => Err(type_error(format!("'{}' object is not an async iterator", x.type_name()))),
            },
            _ => Err(type_error(
                "anext() with a default is not simulated by corosim: catch StopAsyncIteration",
            )),
        }),
        builtin("exit", exit),
        builtin("quit", exit),
        builtin("chr", |a, _| {
            let i = one(&a, "chr")?.as_int().ok_or_else(|| type_error("an integer is required"))?;
            char::from_u32(i as u32)
                .map(|c| Value::str(c.to_string()))
                .ok_or_else(|| PyException::new(VALUE_ERROR, "chr() arg not in range(0x110000)"))
        }),
        builtin("ord", |a, _| {
            let s = one(&a, "ord")?.as_str().unwrap_or("").to_string();
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }),
        builtin("format", |a, _| {
            let spec = a.get(1).and_then(|s| s.as_str()).unwrap_or("").to_string();
            Ok(Value::str(format(&a[0], &spec)?))
        }),
        builtin("ascii", |a, _| Ok(Value::str(ascii(&ops::repr(one(&a, "ascii")?)?)))),
        builtin("input", |_, _| Err(PyException::new(EOF_ERROR, "EOF when reading a line"))),
        builtin("vars", |a, _| match a.as_slice() {
            [] => Err(not_by_name("vars")),
            _ => getattr(one(&a, "vars")?, "__dict__"),
        }),
        builtin("locals", |_, _| Err(not_by_name("locals"))),
        builtin("globals", |_, _| Err(not_by_name("globals"))),
        builtin("super", |_, _| {
            let (class, this) = super::state::super_args()?;
            Ok(Value::Obj(Rc::new(super::attrs::Super { class, this })))
        }),
        builtin("staticmethod", |a, _| {
            Ok(Value::Obj(Rc::new(Descriptor {
                kind: DescriptorKind::Static,
                func: one(&a, "staticmethod")?.clone(),
            })))
        }),
        builtin("classmethod", |a, _| {
            Ok(Value::Obj(Rc::new(Descriptor {
                kind: DescriptorKind::Class,
                func: one(&a, "classmethod")?.clone(),
            })))
        }),
        builtin("property", |a, _| {
            Ok(Value::Obj(Rc::new(Descriptor {
                kind: DescriptorKind::Property,
                func: one(&a, "property")?.clone(),
            })))
        }),
        ty("int"),
        ty("float"),
        ty("str"),
        ty("bytes"),
        ty("bytearray"),
        ty("bool"),
        ty("list"),
        ty("tuple"),
        ty("dict"),
        ty("set"),
        ty("frozenset"),
        ty("object"),
        ty("type"),
        ty("range"),
        ty("slice"),
    ] {
        t.insert(n, v);
    }
    t.insert("None", Value::None);
    t.insert("NotImplemented", Value::Type(Rc::from("NotImplemented")));
    t.insert("Ellipsis", Value::Type(Rc::from("Ellipsis")));
    t.insert("__name__", Value::str("builtins"));
    for c in [
        BASE_EXCEPTION,
        SYSTEM_EXIT,
        KEYBOARD_INTERRUPT,
        GENERATOR_EXIT,
        BASE_EXCEPTION_GROUP,
        EXCEPTION_GROUP,
        EXCEPTION,
        STOP_ITERATION,
        STOP_ASYNC_ITERATION,
        ARITHMETIC_ERROR,
        OVERFLOW_ERROR,
        ZERO_DIVISION_ERROR,
        ASSERTION_ERROR,
        ATTRIBUTE_ERROR,
        EOF_ERROR,
        LOOKUP_ERROR,
        INDEX_ERROR,
        KEY_ERROR,
        NAME_ERROR,
        UNBOUND_LOCAL_ERROR,
        OS_ERROR,
        CONNECTION_ERROR,
        BROKEN_PIPE_ERROR,
        CONNECTION_ABORTED_ERROR,
        CONNECTION_REFUSED_ERROR,
        CONNECTION_RESET_ERROR,
        BLOCKING_IO_ERROR,
        CHILD_PROCESS_ERROR,
        INTERRUPTED_ERROR,
        PROCESS_LOOKUP_ERROR,
        FILE_NOT_FOUND_ERROR,
        FILE_EXISTS_ERROR,
        IS_A_DIRECTORY_ERROR,
        NOT_A_DIRECTORY_ERROR,
        PERMISSION_ERROR,
        TIMEOUT_ERROR,
        RUNTIME_ERROR,
        NOT_IMPLEMENTED_ERROR,
        RECURSION_ERROR,
        TYPE_ERROR,
        VALUE_ERROR,
        UNICODE_ERROR,
        UNICODE_DECODE_ERROR,
        UNICODE_ENCODE_ERROR,
        IMPORT_ERROR,
        MODULE_NOT_FOUND_ERROR,
        UNICODE_TRANSLATE_ERROR,
        BUFFER_ERROR,
        FLOATING_POINT_ERROR,
        MEMORY_ERROR,
        REFERENCE_ERROR,
        SYSTEM_ERROR,
        SYNTAX_ERROR,
        INDENTATION_ERROR,
        TAB_ERROR,
        WARNING,
        USER_WARNING,
        DEPRECATION_WARNING,
        PENDING_DEPRECATION_WARNING,
        SYNTAX_WARNING,
        RUNTIME_WARNING,
        FUTURE_WARNING,
        IMPORT_WARNING,
        UNICODE_WARNING,
        BYTES_WARNING,
        RESOURCE_WARNING,
        ENCODING_WARNING,
    ] {
        t.insert(c.name(), Value::ExcClass(c));
    }
    // Old names of OSError, kept by CPython as aliases.
    t.insert("EnvironmentError", Value::ExcClass(OS_ERROR));
    t.insert("IOError", Value::ExcClass(OS_ERROR));
    t
}

/// `exit()`, `quit()`: the site module's helpers, as `sys.exit`.
fn exit(a: Args, _: Kwargs) -> PyResult {
    Err(PyException::with_args(SYSTEM_EXIT, a.into_iter().take(1).collect()))
}

/// `hex(x)`, `oct(x)`, `bin(x)`: an int in a base, with its prefix.
fn radix(x: &Value, spec: &str) -> PyResult {
    if !is_int(x) {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", x.type_name())));
    }
    Ok(Value::str(format(x, spec)?))
}

/// `pow(base, exp, mod)`: modular exponentiation on ints (a negative exponent asks for
/// the modular inverse, as since Python 3.8).
fn pow_mod(x: &Value, y: &Value, m: &Value) -> PyResult {
    use num_traits::{Signed, Zero};
    let (Some(x), Some(y), Some(m)) = (as_big(x), as_big(y), as_big(m)) else {
        return Err(type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    };
    if m.is_zero() {
        return Err(PyException::new(VALUE_ERROR, "pow() 3rd argument cannot be 0"));
    }
    let base = if y.is_negative() {
        x.modinv(&m)
            .ok_or_else(|| PyException::new(VALUE_ERROR, "base is not invertible for the given modulus"))?
    } else {
        x
    };
    // `modpow` gives a result with the modulus's sign, as Python's `%` does.
    let r = base.modpow(&y.abs(), &m);
    let r = if !r.is_zero() && r.is_negative() != m.is_negative() { r + &m } else { r };
    Ok(int_value(r))
}

fn one<'a>(a: &'a [Value], name: &str) -> PyResult<&'a Value> {
    match a {
        [x] => Ok(x),
        _ => Err(type_error(format!("{name}() takes exactly one argument ({} given)", a.len()))),
    }
}

fn two<'a>(a: &'a [Value], name: &str) -> PyResult<[&'a Value; 2]> {
    match a {
        [x, y] => Ok([x, y]),
        _ => Err(type_error(format!("{name} expected 2 arguments, got {}", a.len()))),
    }
}

fn print(a: Args, k: Kwargs) -> PyResult {
    let sep = match kw(&k, "sep") {
        Some(Value::None) | None => " ".to_string(),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("sep must be None or a string, not {}", v.type_name())))?
            .to_string(),
    };
    let end = match kw(&k, "end") {
        Some(Value::None) | None => "\n".to_string(),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("end must be None or a string, not {}", v.type_name())))?
            .to_string(),
    };
    let parts: Vec<String> = a.iter().map(ops::str_of).collect::<PyResult<_>>()?;
    let text = format!("{}{end}", parts.join(&sep));
    match kw(&k, "file") {
        None | Some(Value::None) => write_out(&text, false),
        Some(f) => {
            let w = getattr(f, "write")?;
            call(&w, vec![Value::str(text)], vec![])?;
        }
    }
    Ok(Value::None)
}

fn next(a: Args, _k: Kwargs) -> PyResult {
    let it = a.first().ok_or_else(|| type_error("next expected at least 1 argument, got 0"))?;
    if !ops::is_iterator(it) {
        return Err(type_error(format!("'{}' object is not an iterator", it.type_name())));
    }
    if let Some(g) = downcast::<GenObject>(it) {
        return match (g.g.next(), a.get(1)) {
            (Err(e), Some(d)) if e.is_instance(STOP_ITERATION) => Ok(d.clone()),
            (r, _) => r.map(ops::from_runtime),
        };
    }
    if downcast::<Instance>(it).is_some() {
        return match (call_method_opt(it, "__next__", vec![]), a.get(1)) {
            (Err(e), Some(d)) if e.is_instance(STOP_ITERATION) => Ok(d.clone()),
            (r, _) => r.map(|v| v.unwrap_or_default()),
        };
    }
    match ops::next(it)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyException::bare(STOP_ITERATION)),
        },
    }
}

fn sum(a: Args, k: Kwargs) -> PyResult {
    let start = a.get(1).or_else(|| kw(&k, "start")).cloned().unwrap_or(Value::Int(0));
    if start.as_str().is_some() {
        return Err(type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut acc = start;
    for x in ops::iterate(
        a.first().ok_or_else(|| type_error("sum() takes at least 1 positional argument (0 given)"))?,
    )? {
        acc = ops::binary(super::code::BinOp::Add, &acc, &x)?;
    }
    Ok(acc)
}

fn min_max(a: Args, k: Kwargs, min: bool) -> PyResult {
    let name = if min { "min" } else { "max" };
    let items = if a.len() == 1 { ops::iterate(&a[0])? } else { a };
    let key = kw(&k, "key").cloned();
    if items.is_empty() {
        return match kw(&k, "default") {
            Some(d) => Ok(d.clone()),
            None => Err(PyException::new(VALUE_ERROR, format!("{name}() arg is an empty sequence"))),
        };
    }
    let keyed = |x: &Value| -> PyResult<Value> {
        match &key {
            Some(f) if !f.is_none() => call(f, vec![x.clone()], vec![]),
            _ => Ok(x.clone()),
        }
    };
    let mut best = items[0].clone();
    let mut best_key = keyed(&best)?;
    for x in &items[1..] {
        let kx = keyed(x)?;
        let op = if min { super::code::CmpOp::Lt } else { super::code::CmpOp::Gt };
        if ops::compare(op, &kx, &best_key)?.truthy() {
            best = x.clone();
            best_key = kx;
        }
    }
    Ok(best)
}

fn round(a: Args, _k: Kwargs) -> PyResult {
    let x = a.first().ok_or_else(|| type_error("round() missing required argument 'number' (pos 1)"))?;
    let nd = a.get(1).filter(|v| !v.is_none()).and_then(|v| v.as_int());
    match (x, nd) {
        (Value::Float(f), None) => float_to_int(round_half_even(*f)),
        (Value::Float(f), Some(n)) => {
            // Python rounds the decimal value exactly; the repr of the result is what shows.
            let s = format!("{:.*}", n.max(0) as usize, f);
            let r: f64 = s.parse().unwrap_or(*f);
            if n < 0 {
                let p = 10f64.powi((-n) as i32);
                return Ok(Value::Float(round_half_even(f / p) * p));
            }
            Ok(Value::Float(r))
        }
        (v, _) if ops::as_big(v).is_some() => Ok(v.clone()),
        (v, _) => call_method_opt(v, "__round__", vec![])?
            .ok_or_else(|| type_error(format!("type {} doesn't define __round__ method", v.type_name()))),
    }
}

/// An integral float as an int of any size, or CPython's errors for infinity and NaN.
pub fn float_to_int(f: f64) -> PyResult {
    if f.is_nan() {
        return Err(PyException::new(VALUE_ERROR, "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyException::new(OVERFLOW_ERROR, "cannot convert float infinity to integer"));
    }
    Ok(int_value(<num_bigint::BigInt as num_traits::FromPrimitive>::from_f64(f.trunc()).unwrap_or_default()))
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 { 2.0 * (f / 2.0).round() } else { r }
}

fn is_callable(v: &Value) -> bool {
    if let Some(i) = downcast::<Instance>(v) {
        return i.class.lookup("__call__").is_some();
    }
    matches!(v, Value::ExcClass(_))
        || downcast::<Function>(v).is_some()
        || downcast::<Builtin>(v).is_some()
        || downcast::<BoundMethod>(v).is_some()
        || downcast::<Class>(v).is_some()
        || downcast::<BuiltinType>(v).is_some()
        || native_of(v).is_some_and(|n| n.callable())
}

/// The builtin type name a value is an instance of, for `isinstance(x, int)`.
fn builtin_type_matches(v: &Value, t: &str) -> bool {
    match t {
        "object" => true,
        "int" => matches!(v, Value::Int(_) | Value::Bool(_)) || downcast::<BigInt>(v).is_some(),
        "bool" => matches!(v, Value::Bool(_)),
        "float" => matches!(v, Value::Float(_)),
        "str" => matches!(v, Value::Str(_)),
        "bytes" => super::bytes::as_bytes(v).is_some(),
        "bytearray" => downcast::<ByteArray>(v).is_some(),
        "tuple" => matches!(v, Value::Tuple(_) | Value::Named(_)),
        "list" => downcast::<List>(v).is_some() || matches!(v, Value::List(_)),
        "dict" => downcast::<Dict>(v).is_some() || matches!(v, Value::Dict(_)),
        "set" => downcast::<Set>(v).is_some_and(|s| !s.frozen),
        "frozenset" => downcast::<Set>(v).is_some_and(|s| s.frozen),
        "range" => downcast::<Range>(v).is_some(),
        "type" => {
            downcast::<Class>(v).is_some()
                || downcast::<BuiltinType>(v).is_some()
                || matches!(v, Value::ExcClass(_))
        }
        _ => false,
    }
}

/// `isinstance(obj, cls)`.
pub fn isinstance(obj: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Tuple(items) = cls {
        for c in items.iter() {
            if isinstance(obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(t) = downcast::<BuiltinType>(cls) {
        return Ok(builtin_type_matches(obj, t.name));
    }
    if let Value::ExcClass(c) = cls {
        return Ok(matches!(obj, Value::Exception(e) if e.is_instance(*c)));
    }
    if let Some(c) = downcast_rc::<Class>(cls) {
        if let Some(i) = downcast::<Instance>(obj) {
            return Ok(i.class.is_subclass(&c));
        }
        if let (Value::Exception(e), Some(exc)) = (obj, c.exc) {
            return Ok(e.is_instance(exc));
        }
        return Ok(false);
    }
    if let Some(n) = native_of(cls) {
        return Ok(n.has_instance(obj));
    }
    Err(type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

fn issubclass(c: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Tuple(items) = cls {
        for k in items.iter() {
            if issubclass(c, k)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(answer) = native_of(cls).and_then(|n| n.has_subclass(c)) {
        return Ok(answer);
    }
    match (c, cls) {
        (Value::ExcClass(a), Value::ExcClass(b)) => Ok(a.is_subclass(*b)),
        _ => {
            if let (Some(a), Some(b)) = (downcast_rc::<Class>(c), downcast_rc::<Class>(cls)) {
                return Ok(a.is_subclass(&b));
            }
            if let (Some(a), Value::ExcClass(b)) = (downcast::<Class>(c), cls) {
                return Ok(a.exc.is_some_and(|e| e.is_subclass(*b)));
            }
            if let Some(t) = downcast::<BuiltinType>(cls) {
                return Ok(t.name == "object"
                    || downcast::<BuiltinType>(c)
                        .is_some_and(|s| s.name == t.name || (s.name == "bool" && t.name == "int")));
            }
            if downcast::<Class>(c).is_none()
                && downcast::<BuiltinType>(c).is_none()
                && !matches!(c, Value::ExcClass(_))
            {
                return Err(type_error("issubclass() arg 1 must be a class"));
            }
            Ok(false)
        }
    }
}

/// `type(x)` for one argument.
pub fn type_of(v: &Value) -> Value {
    if let Some(i) = downcast::<Instance>(v) {
        return Value::Obj(i.class.clone());
    }
    if let Value::Exception(e) = v {
        return super::state::exception_class_value(e);
    }
    let name: &'static str = match v {
        Value::None => "NoneType",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::Tuple(_) => "tuple",
        Value::List(_) => "list",
        Value::Dict(_) => "dict",
        _ => return Value::Obj(Rc::new(BuiltinType { name: interned(v.type_name()) })),
    };
    Value::Obj(Rc::new(BuiltinType { name }))
}

/// A type name that lives as long as the program: each is leaked once, however often
/// `type(x)` asks for it.
fn interned(name: &str) -> &'static str {
    thread_local! {
        static NAMES: RefCell<std::collections::HashSet<&'static str>> = RefCell::default();
    }
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.get(name) {
            return *n;
        }
        let n: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.insert(n);
        n
    })
}

/// What `object()` makes: an object with no attributes of its own, often a sentinel
/// (`_missing = object()`).
struct PlainObject;

impl crate::value::PyObject for PlainObject {
    fn type_name(&self) -> &str {
        "object"
    }
    fn repr(&self) -> String {
        format!("<object object at {}>", fake_address(self as *const _ as *const ()))
    }
}

/// Calls a builtin type: `int("3")`, `list(g)`, `dict(a=1)`, `type(x)`.
pub fn construct(name: &str, a: Args, k: Kwargs) -> PyResult {
    match name {
        "int" => match a.as_slice() {
            [] => Ok(Value::Int(0)),
            [Value::Float(f)] => float_to_int(*f),
            [Value::Str(s)] | [Value::Str(s), _] => {
                let base = a.get(1).and_then(|b| b.as_int()).unwrap_or(10) as u32;
                let t: String = s.trim().chars().filter(|c| *c != '_').collect();
                num_bigint::BigInt::parse_bytes(t.as_bytes(), base).map(int_value).ok_or_else(|| {
                    PyException::new(
                        VALUE_ERROR,
                        format!("invalid literal for int() with base {base}: {}", s.repr_quoted()),
                    )
                })
            }
            [v] if ops::as_big(v).is_some() => Ok(ops::as_big(v).map(int_value).unwrap_or_default()),
            [v] => call_method_opt(v, "__int__", vec![])?.ok_or_else(|| {
                type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    v.type_name()
                ))
            }),
            _ => Err(type_error("int() takes at most 2 arguments")),
        },
        "float" => match a.as_slice() {
            [] => Ok(Value::Float(0.0)),
            [Value::Str(s)] => {
                let t = s.trim().to_ascii_lowercase();
                let parsed = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" | "+nan" | "-nan" => Some(super::hash::new_nan()),
                    _ => t.parse::<f64>().ok(),
                };
                parsed.map(Value::Float).ok_or_else(|| {
                    PyException::new(
                        VALUE_ERROR,
                        format!("could not convert string to float: {}", s.repr_quoted()),
                    )
                })
            }
            [v] => match v {
                Value::Float(_) => Ok(v.clone()),
                _ => ops::as_big(v).map(|b| ops::big_to_float(&b).map(Value::Float)).transpose()?.ok_or_else(
                    || {
                        type_error(format!(
                            "float() argument must be a string or a real number, not '{}'",
                            v.type_name()
                        ))
                    },
                ),
            },
            _ => Err(type_error("float expected at most 1 argument")),
        },
        "str" => match a.as_slice() {
            [] => Ok(Value::str("")),
            [v] => Ok(Value::str(ops::str_of(v)?)),
            _ => Err(type_error("str() takes at most 1 argument")),
        },
        "bytes" => super::bytes::construct(&a, &k, ops::iterate),
        "bytearray" => super::bytearray::construct(&a, &k, ops::iterate),
        "bool" => Ok(Value::Bool(match a.first() {
            Some(v) => ops::truthy(v)?,
            None => false,
        })),
        "list" => Ok(new_list(match a.first() {
            Some(v) => ops::iterate(v)?,
            None => Vec::new(),
        })),
        "tuple" => Ok(match a.first() {
            Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
            Some(v) => Value::tuple(ops::iterate(v)?),
            None => Value::tuple([]),
        }),
        "dict" => {
            let mut m = IndexMap::new();
            if let Some(v) = a.first() {
                for (key, val) in mapping_items(v)? {
                    super::dicts::insert(&mut m, Key::new(key)?, val)?;
                }
            }
            for (key, val) in k {
                super::dicts::insert(&mut m, Key::str(key), val)?;
            }
            Ok(new_dict(m))
        }
        "set" | "frozenset" => {
            let frozen = name == "frozenset";
            match a.first() {
                // frozenset(f) is f itself.
                Some(v) if frozen && downcast::<Set>(v).is_some_and(|s| s.frozen) => Ok(v.clone()),
                Some(v) => Ok(new_set_of(sets::from_iterable(v, ops::iterate)?, frozen)),
                None => Ok(new_set_of(Default::default(), frozen)),
            }
        }
        "range" => {
            let ints: Vec<i64> = a
                .iter()
                .map(|v| {
                    v.as_int().ok_or_else(|| {
                        type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name()))
                    })
                })
                .collect::<PyResult<_>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => {
                    return Err(type_error(format!(
                        "range expected at most 3 arguments, got {}",
                        ints.len()
                    )));
                }
            };
            if step == 0 {
                return Err(PyException::new(VALUE_ERROR, "range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(Rc::new(Range { start, stop, step })))
        }
        "slice" => {
            let (start, stop, step) = match a.as_slice() {
                [stop] => (Value::None, stop.clone(), Value::None),
                [start, stop] => (start.clone(), stop.clone(), Value::None),
                [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
                _ => return Err(type_error("slice expected at least 1 argument, got 0")),
            };
            Ok(Value::Obj(Rc::new(Slice { start, stop, step })))
        }
        "type" => match a.as_slice() {
            [v] => Ok(type_of(v)),
            _ => Err(type_error("corosim does not simulate type() with three arguments")),
        },
        "object" if a.is_empty() && k.is_empty() => Ok(Value::Obj(Rc::new(PlainObject))),
        "object" => Err(type_error("object() takes no arguments")),
        other => {
            if let Some(v) = a.first()
                && builtin_type_matches(v, other)
            {
                return Ok(v.clone());
            }
            Err(type_error(format!("cannot create '{other}' instances")))
        }
    }
}

trait ReprQuoted {
    fn repr_quoted(&self) -> String;
}

impl ReprQuoted for Rc<str> {
    fn repr_quoted(&self) -> String {
        Value::Str(self.clone()).repr()
    }
}
