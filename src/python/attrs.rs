//! `obj.name`: attribute lookup (CPython's `PyObject_GetAttr` and the type slots), and
//! the methods of the builtin containers (`list.append`, `dict.get`, `set.add` …).
//!
//! An instance's own attributes come first, then its class and the class's bases; a
//! function found on the class is bound to the instance (`obj.method` is a bound method).
//! Builtin values answer with bound builtin methods.
//!
//! ```
//! let out = corosim::python::run_to_string("xs = [3, 1]\nxs.append(2)\nxs.sort()\nprint(xs, xs.index(2))\n");
//! assert_eq!(out, "[1, 2, 3] 1\n");
//! ```

use std::rc::Rc;

use indexmap::IndexMap;

use super::dicts;
use super::objects::*;
use super::ops::{self, ascii, format};
use super::sets;
use super::state::exc_extra;
use crate::exception::*;
use crate::value::Value;

fn type_error(msg: impl Into<String>) -> PyException {
    PyException::new(TYPE_ERROR, msg.into())
}

fn attribute_error(obj: &Value, name: &str) -> PyException {
    let t = type_name_of_instance(obj);
    PyException::new(ATTRIBUTE_ERROR, format!("'{t}' object has no attribute '{name}'"))
}

fn type_name_of_instance(obj: &Value) -> String {
    match obj {
        Value::Exception(e) => e.name().to_string(),
        _ => obj.type_name().to_string(),
    }
}

/// The class `object`.
fn object_type() -> Value {
    Value::Obj(Rc::new(BuiltinType { name: "object" }))
}

/// The name of a class-like value, for messages.
pub fn type_name_of(v: &Value) -> String {
    if let Some(c) = downcast::<Class>(v) {
        return c.name.to_string();
    }
    if let Some(t) = downcast::<BuiltinType>(v) {
        return t.name.to_string();
    }
    if let Value::ExcClass(c) = v {
        return c.name().to_string();
    }
    v.type_name().to_string()
}

/// A method of a builtin value, bound to it.
fn method(
    this: &Value,
    name: &str,
    f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static,
) -> Value {
    Value::Obj(Rc::new(Builtin { name: Rc::from(name), f: Rc::new(f), bound: Some(this.clone()) }))
}

/// Binds what a class attribute lookup found to the object it was looked up on.
fn bind(found: Value, obj: &Value, class: &Rc<Class>) -> PyResult<Value> {
    if downcast::<Function>(&found).is_some() {
        return Ok(Value::Obj(Rc::new(BoundMethod { func: found, this: obj.clone() })));
    }
    if let Some(d) = downcast::<Descriptor>(&found) {
        return match d.kind {
            DescriptorKind::Static => Ok(d.func.clone()),
            DescriptorKind::Class => {
                Ok(Value::Obj(Rc::new(BoundMethod { func: d.func.clone(), this: Value::Obj(class.clone()) })))
            }
            DescriptorKind::Property => call(&d.func, vec![obj.clone()], vec![]),
        };
    }
    Ok(found)
}

/// A class's docstring: never a base's (a class without one has `None`).
fn own_doc(class: &Class) -> Value {
    class.dict.borrow().get("__doc__").cloned().unwrap_or_default()
}

/// `getattr(obj, name)`.
pub fn getattr(obj: &Value, name: &str) -> PyResult<Value> {
    find_attr(obj, name).inspect_err(|e| super::objects::note_attribute_error(e, obj, name))
}

fn find_attr(obj: &Value, name: &str) -> PyResult<Value> {
    if let Some(s) = downcast::<super::attrs::Super>(obj) {
        return super::attrs::super_getattr(s, name);
    }
    if let Some(inst) = downcast::<Instance>(obj) {
        match name {
            "__class__" => return Ok(Value::Obj(inst.class.clone())),
            "__dict__" => {
                let d: IndexMap<Key, Value> =
                    inst.dict.borrow().iter().map(|(k, v)| (Key::str(k.clone()), v.clone())).collect();
                return Ok(new_dict(d));
            }
            _ => {}
        }
        if let Some(v) = inst.dict.borrow().get(name) {
            return Ok(v.clone());
        }
        if name == "__doc__" {
            return Ok(own_doc(&inst.class));
        }
        if let Some(v) = inst.class.lookup(name) {
            return bind(v, obj, &inst.class);
        }
        if let Some(ga) = inst.class.lookup("__getattr__") {
            return call(&ga, vec![obj.clone(), Value::str(name)], vec![]);
        }
        return Err(attribute_error(obj, name));
    }
    if let Some(class) = downcast_rc::<Class>(obj) {
        match name {
            "__name__" => return Ok(Value::Str(class.name.clone())),
            "__qualname__" => return Ok(Value::Str(class.qualname.clone())),
            "__module__" => return Ok(Value::str("__main__")),
            "__doc__" => return Ok(own_doc(&class)),
            "__bases__" => {
                let mut b: Vec<Value> = class.bases.iter().map(|c| Value::Obj(c.clone())).collect();
                if let (true, Some(e)) = (class.bases.is_empty(), class.exc) {
                    b.push(Value::ExcClass(e.bases()[0]));
                }
                if b.is_empty() {
                    b.push(object_type());
                }
                return Ok(Value::tuple(b));
            }
            "__mro__" => {
                let mut m: Vec<Value> = class.mro().into_iter().map(|c| Value::Obj(c)).collect();
                if let Some(e) = class.exc {
                    // The program's classes, then the builtin exception classes above them.
                    m.extend(e.mro().into_iter().skip(class.mro().len()).map(Value::ExcClass));
                }
                m.push(object_type());
                return Ok(Value::tuple(m));
            }
            "__annotations__" => {
                // 3.10 on: the class's own annotations, never a base's; a class without
                // any gets an empty dict on first look, and keeps it.
                let own = class.dict.borrow().get("__annotations__").cloned();
                return Ok(own.unwrap_or_else(|| {
                    let empty = new_dict(IndexMap::new());
                    class.dict.borrow_mut().insert(Rc::from("__annotations__"), empty.clone());
                    empty
                }));
            }
            _ => {}
        }
        if let Some(v) = class.lookup(name) {
            if let Some(d) = downcast::<Descriptor>(&v) {
                return match d.kind {
                    DescriptorKind::Static => Ok(d.func.clone()),
                    DescriptorKind::Class => {
                        Ok(Value::Obj(Rc::new(BoundMethod { func: d.func.clone(), this: obj.clone() })))
                    }
                    DescriptorKind::Property => Ok(v.clone()),
                };
            }
            return Ok(v);
        }
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("type object '{}' has no attribute '{name}'", class.name),
        ));
    }
    match obj {
        Value::Exception(e) => return exception_attr(obj, e, name),
        Value::ExcClass(c) => {
            return match name {
                "__name__" | "__qualname__" => Ok(Value::str(c.name())),
                "__module__" => Ok(Value::str(c.module())),
                "__mro__" => {
                    Ok(Value::tuple(c.mro().into_iter().map(Value::ExcClass).chain(Some(object_type()))))
                }
                "__bases__" => Ok(Value::tuple(c.bases().into_iter().map(Value::ExcClass))),
                _ => Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("type object '{}' has no attribute '{name}'", c.name()),
                )),
            };
        }
        Value::Str(text) => {
            if name == "encode" {
                let text = text.clone();
                return Ok(method(obj, name, move |a, k| {
                    let arg = |i: usize, key: &str| a.get(i).cloned().or_else(|| self::kw(&k, key).cloned());
                    let as_str = |v: Option<Value>, key: &str| match v {
                        None => Ok(None),
                        Some(Value::Str(s)) => Ok(Some(s.to_string())),
                        Some(v) => Err(type_error(format!(
                            "encode() argument '{key}' must be str, not {}",
                            v.type_name()
                        ))),
                    };
                    let encoding = as_str(arg(1, "encoding"), "encoding")?.unwrap_or_else(|| "utf-8".into());
                    super::bytes::encode(&text, &encoding, as_str(arg(2, "errors"), "errors")?.as_deref())
                }));
            }
            if name == "format" {
                let s = obj.clone();
                return Ok(method(obj, "format", move |args, kwargs| {
                    super::attrs::str_format(s.as_str().unwrap_or(""), &args[1..], &kwargs)
                }));
            }
            if super::text::str_method("", name, &[]).is_some() {
                let n: Rc<str> = Rc::from(name);
                return Ok(method(obj, name, move |args, kw| {
                    let s = args[0].as_str().unwrap_or("").to_string();
                    let mut rest: Vec<Value> = args[1..].iter().map(ops::to_runtime).collect();
                    if &*n == "join"
                        && let Some(items) = args.get(1)
                    {
                        // `' '.join(x for x in xs)`: any iterable, its items as they are.
                        rest[0] = Value::List(ops::iterate(items)?.into());
                    }
                    let kw: Vec<(String, Value)> =
                        kw.iter().map(|(k, v)| (k.to_string(), ops::to_runtime(v))).collect();
                    match super::text::str_method_kw(&s, &n, &rest, &kw) {
                        Some(r) => r.map(ops::from_runtime),
                        None => Err(PyException::new(
                            ATTRIBUTE_ERROR,
                            format!("'str' object has no attribute '{n}'"),
                        )),
                    }
                }));
            }
            return Err(attribute_error(obj, name));
        }
        Value::Int(_) | Value::Bool(_) => {
            return match name {
                "bit_length" => Ok(method(obj, name, |a, _| {
                    Ok(Value::Int(ops::as_big(&a[0]).map_or(0, |b| b.bits() as i64)))
                })),
                "real" | "numerator" => Ok(obj.clone()),
                "imag" => Ok(Value::Int(0)),
                "denominator" => Ok(Value::Int(1)),
                _ => Err(attribute_error(obj, name)),
            };
        }
        Value::Float(f) => {
            let f = *f;
            return match name {
                "is_integer" => Ok(method(obj, name, move |_, _| Ok(Value::Bool(f.fract() == 0.0)))),
                "real" => Ok(obj.clone()),
                "imag" => Ok(Value::Float(0.0)),
                _ => Err(attribute_error(obj, name)),
            };
        }
        Value::Tuple(_) => return tuple_method(obj, name),
        _ => {}
    }
    if let Some(m) = downcast::<Module>(obj) {
        if name == "__name__" {
            return Ok(Value::Str(m.name.clone()));
        }
        return match m.dict.borrow().get(name) {
            Some(v) => Ok(v.clone()),
            None => Err(PyException::new(
                ATTRIBUTE_ERROR,
                format!("module '{}' has no attribute '{name}'", m.name),
            )),
        };
    }
    if downcast::<List>(obj).is_some() {
        return list_method(obj, name);
    }
    if super::bytes::as_bytes(obj).is_some() {
        return super::bytes::method(obj, name, ops::iterate);
    }
    if downcast::<ByteArray>(obj).is_some() {
        return super::bytearray::method(obj, name, ops::iterate);
    }
    if downcast::<Dict>(obj).is_some() {
        return dict_method(obj, name);
    }
    if downcast::<Set>(obj).is_some() {
        return set_method(obj, name);
    }
    if let Some(g) = downcast::<GenObject>(obj) {
        return generator_attr(obj, g, name);
    }
    if let Some(f) = downcast::<Function>(obj) {
        // What a program set wins (`functools.wraps` sets `__name__`, `__qualname__`, ...).
        if let Some(v) = f.attrs.borrow().get(name) {
            return Ok(v.clone());
        }
        return match name {
            "__name__" => Ok(Value::Str(f.code.name.clone())),
            "__qualname__" => Ok(Value::Str(f.code.qualname.clone())),
            "__module__" => Ok(Value::str("__main__")),
            "__doc__" => Ok(f.code.doc.clone().map(Value::Str).unwrap_or_default()),
            "__code__" => Ok(super::frames::code_value(f.code.clone())),
            "__defaults__" => {
                Ok(if f.defaults.is_empty() { Value::None } else { Value::tuple(f.defaults.clone()) })
            }
            _ => f.attrs.borrow().get(name).cloned().ok_or_else(|| attribute_error(obj, name)),
        };
    }
    if let Some(m) = downcast::<BoundMethod>(obj) {
        return match name {
            "__self__" => Ok(m.this.clone()),
            "__func__" => Ok(m.func.clone()),
            _ => getattr(&m.func, name),
        };
    }
    if let Some(b) = downcast::<Builtin>(obj) {
        return match name {
            "__name__" | "__qualname__" => Ok(Value::Str(b.name.clone())),
            _ => Err(attribute_error(obj, name)),
        };
    }
    if let Some(t) = downcast::<BuiltinType>(obj) {
        if name == "__name__" || name == "__qualname__" {
            return Ok(Value::str(t.name));
        }
        if let Some(v) = super::attrs::type_attr(t.name, name) {
            return Ok(v);
        }
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("type object '{}' has no attribute '{name}'", t.name),
        ));
    }
    if let Some(v) = downcast::<DictView>(obj) {
        return match name {
            "__len__" => Ok(Value::Int(v.items().len() as i64)),
            _ => Err(attribute_error(obj, name)),
        };
    }
    if let Some(n) = native_of(obj) {
        return n.getattr(obj, name);
    }
    if let Some(r) = downcast::<Range>(obj) {
        return match name {
            "start" => Ok(Value::Int(r.start)),
            "stop" => Ok(Value::Int(r.stop)),
            "step" => Ok(Value::Int(r.step)),
            _ => Err(attribute_error(obj, name)),
        };
    }
    if downcast::<Iter>(obj).is_some() || downcast::<RangeIter>(obj).is_some() {
        if name == "__next__" {
            let o = obj.clone();
            return Ok(method(obj, name, move |_, _| {
                ops::next(&o)?.ok_or_else(|| PyException::bare(STOP_ITERATION))
            }));
        }
        if name == "__iter__" {
            let o = obj.clone();
            return Ok(method(obj, name, move |_, _| Ok(o.clone())));
        }
    }
    if let Value::Named(n) = obj {
        if let Some((_, v)) = n.fields.iter().find(|(f, _)| &**f == name) {
            return Ok(v.clone());
        }
        match name {
            "_fields" => return Ok(Value::tuple(n.fields.iter().map(|(f, _)| Value::Str(f.clone())))),
            "count" | "index" => return tuple_method(&ops::named_as_tuple(obj).unwrap_or_default(), name),
            "_asdict" => {
                let n = n.clone();
                return Ok(method(obj, name, move |_, _| {
                    let mut d = IndexMap::new();
                    for (f, v) in &n.fields {
                        d.insert(Key::str(f.clone()), v.clone());
                    }
                    Ok(new_dict_of(d, DictKind::Plain))
                }));
            }
            "_replace" => {
                let n = n.clone();
                return Ok(method(obj, name, move |_, k| {
                    let mut new = (*n).clone();
                    let mut unknown = Vec::new();
                    for (key, v) in k {
                        match new.fields.iter_mut().find(|(f, _)| *f == key) {
                            Some(slot) => slot.1 = v,
                            None => unknown.push(Value::Str(key)),
                        }
                    }
                    if !unknown.is_empty() {
                        return Err(PyException::new(
                            VALUE_ERROR,
                            format!("Got unexpected field names: {}", repr_of(&new_list(unknown))),
                        ));
                    }
                    Ok(Value::Named(Rc::new(new)))
                }));
            }
            _ => {}
        }
    }
    Err(attribute_error(obj, name))
}

fn exception_attr(obj: &Value, e: &PyException, name: &str) -> PyResult<Value> {
    match name {
        "args" => {
            let extra = e.extra_if::<super::state::ExcExtra>();
            if let Some(args) = extra.and_then(|x| x.args.borrow().clone()) {
                return Ok(Value::tuple(args));
            }
            if let [errno, strerror, _] = e.args()
                && e.is_instance(OS_ERROR)
            {
                // OSError(errno, strerror, filename) keeps the filename out of its args.
                return Ok(Value::tuple([errno.clone(), strerror.clone()]));
            }
            return Ok(Value::tuple(e.args().iter().cloned()));
        }
        "__cause__" => return Ok(e.cause().map_or(Value::None, Value::Exception)),
        "__context__" => return Ok(e.context().map_or(Value::None, Value::Exception)),
        "__suppress_context__" => return Ok(Value::Bool(e.suppress_context())),
        "__traceback__" => return Ok(super::traceback::get(e)),
        "__class__" => return Ok(super::state::exception_class_value(e)),
        "value" if e.is_instance(STOP_ITERATION) => return Ok(e.value()),
        // SystemExit.code: None, the one argument, or the tuple of several.
        "code" if e.is_instance(SYSTEM_EXIT) => {
            let args = exception_attr(obj, e, "args")?;
            let Value::Tuple(items) = &args else { return Ok(args) };
            return Ok(match &items[..] {
                [] => Value::None,
                [one] => one.clone(),
                _ => args.clone(),
            });
        }
        "exceptions" if e.is_instance(BASE_EXCEPTION_GROUP) => {
            return Ok(Value::tuple(e.exceptions().unwrap_or_default().into_iter().map(Value::Exception)));
        }
        "message" if e.is_instance(BASE_EXCEPTION_GROUP) => {
            return Ok(e.args().first().cloned().unwrap_or_default());
        }
        "split" | "subgroup" | "derive" if e.is_instance(BASE_EXCEPTION_GROUP) => {
            if let Some(m) = super::groups::method(e, name) {
                return Ok(m);
            }
        }
        "with_traceback" => {
            let o = obj.clone();
            return Ok(method(obj, name, move |_, _| Ok(o.clone())));
        }
        _ => {}
    }
    if let Some(extra) = e.extra_if::<super::state::ExcExtra>()
        && let Some(v) = extra.attrs.borrow().get(name)
    {
        return Ok(v.clone());
    }
    if let Some(class) = class_of_exception(e)
        && let Some(v) = class.lookup(name)
    {
        return bind(v, obj, &class);
    }
    if e.is_instance(OS_ERROR)
        && let Some(i) = ["errno", "strerror", "filename", "filename2"].iter().position(|n| *n == name)
    {
        // OSError(errno, strerror[, filename]) names its arguments; None when absent.
        let args = e.args();
        return Ok(if (2..=5).contains(&args.len()) {
            args.get(i).cloned().unwrap_or_default()
        } else {
            Value::None
        });
    }
    if let Some(m) = base_exception_method(obj, name) {
        return Ok(m);
    }
    Err(attribute_error(obj, name))
}

/// `BaseException`'s own methods (what `super().__init__(...)` reaches in an exception
/// class).
fn base_exception_method(obj: &Value, name: &str) -> Option<Value> {
    match name {
        // BaseException.__init__(self, *args): sets args.
        "__init__" => Some(method(obj, name, |a, _| {
            if let Value::Exception(e) = &a[0] {
                *exc_extra(e).args.borrow_mut() = Some(a[1..].to_vec());
            }
            Ok(Value::None)
        })),
        "__str__" => Some(method(obj, name, |a, _| {
            let Value::Exception(e) = &a[0] else { return Ok(Value::None) };
            Ok(Value::str(base_exception_str(e)))
        })),
        _ => None,
    }
}

/// `BaseException.__str__`: from `args` (as `__init__` set them).
pub fn base_exception_str(e: &PyException) -> String {
    if e.is_instance(BASE_EXCEPTION_GROUP) {
        // BaseExceptionGroup.__str__: "message (N sub-exceptions)".
        return e.message();
    }
    let args = e
        .extra_if::<super::state::ExcExtra>()
        .and_then(|x| x.args.borrow().clone())
        .unwrap_or_else(|| e.args().to_vec());
    match args.as_slice() {
        [] => String::new(),
        [one] if e.is_instance(KEY_ERROR) => repr_of(one),
        [one] => ops::str_of(one).unwrap_or_default(),
        many => repr_of(&Value::tuple(many.iter().cloned())),
    }
}

/// The generator methods `LoadMethod` calls without making a bound method, by number.
const GEN_METHODS: [&str; 3] = ["send", "__next__", "close"];

/// `obj.name` about to be called (CPython's `LOAD_METHOD`): the pair the evaluation loop
/// keeps on its stack until `CallMethod`. A plain function found on an instance's class
/// comes back as `(obj, function)`, a generator's `send`/`__next__`/`close` as
/// `(obj, Int(n))`; anything else as `(obj.name, None)`. Either way the attribute is
/// looked up (and its `AttributeError` raised) before the arguments are evaluated.
///
/// ```
/// let out = corosim::python::run_to_string("def g():\n    x = yield 1\n    print(x)\n    yield 2\nit = g()\nprint(it.__next__(), it.send('hi'))\n");
/// assert_eq!(out, "hi\n1 2\n");
/// ```
pub fn load_method(obj: Value, name: &str) -> PyResult<(Value, Value)> {
    // One look at the object's type (a call through its vtable) for both cases.
    if let Value::Obj(o) = &obj {
        let ty = (&**o as &dyn std::any::Any).type_id();
        if ty == std::any::TypeId::of::<GenObject>() {
            if let Some(k) = generator_method(name) {
                return Ok((obj, Value::Int(k)));
            }
        } else if ty == std::any::TypeId::of::<Instance>()
            && let Some(inst) = downcast::<Instance>(&obj)
            && name != "__class__"
            && name != "__dict__"
            && !inst.dict.borrow().contains_key(name)
            && let Some(found) = inst.class.lookup(name)
            && downcast::<Function>(&found).is_some()
        {
            return Ok((obj, found));
        }
    }
    Ok((getattr(&obj, name)?, Value::None))
}

/// [`load_method`]'s answer for a generator's own method, found without the call: the
/// evaluation loop asks this first for `x.m(…)` with `x` a local (the name is compared
/// first, as most method calls are not a generator's).
#[inline(always)]
pub fn generator_method_of(obj: &Value, name: &str) -> Option<i64> {
    let k = generator_method(name)?;
    downcast::<GenObject>(obj).map(|_| k)
}

/// `obj.send(value)` after [`load_method`] found generator method 0 on `obj`.
#[inline]
pub fn send_to(obj: &Value, value: Value) -> PyResult {
    let g = downcast::<GenObject>(obj).expect("load_method checked");
    g.g.send(value).map(ops::from_runtime)
}

/// The number of a generator method in [`GEN_METHODS`], compared as the compiler likes
/// best (by length, then bytes).
#[inline]
fn generator_method(name: &str) -> Option<i64> {
    match name {
        "send" => Some(0),
        "__next__" => Some(1),
        "close" => Some(2),
        _ => None,
    }
}

/// Calls generator method number `k` (see [`load_method`]) of `obj` with `args`.
/// The arguments are taken from the caller's stack (`send`'s value is moved out).
pub fn call_generator_method(obj: &Value, k: i64, args: &mut [Value]) -> PyResult {
    let g = downcast::<GenObject>(obj).expect("load_method checked");
    match (k, &mut *args) {
        (0, [v]) => g.g.send(std::mem::take(v)).map(ops::from_runtime),
        (1, []) => g.g.next().map(ops::from_runtime),
        (2, []) => g.g.close().map(|_| Value::None),
        _ => call(&getattr(obj, GEN_METHODS[k as usize])?, args.to_vec(), vec![]),
    }
}

fn generator_attr(obj: &Value, g: &GenObject, name: &str) -> PyResult<Value> {
    let g2 = g.g.clone();
    Ok(match name {
        "send" => method(obj, name, move |a, _| {
            g2.send(a.get(1).cloned().unwrap_or_default()).map(ops::from_runtime)
        }),
        "__next__" => method(obj, name, move |_, _| g2.next().map(ops::from_runtime)),
        "throw" => method(obj, name, move |a, _| g2.throw(throw_args(&a[1..])).map(ops::from_runtime)),
        "close" => method(obj, name, move |_, _| g2.close().map(|_| Value::None)),
        "__iter__" => {
            let o = obj.clone();
            method(obj, name, move |_, _| Ok(o.clone()))
        }
        "__await__" => {
            let (o, qualname) = (g.g.clone(), g.qualname.clone());
            method(obj, name, move |_, _| {
                Ok(await_wrapper(crate::generator::Iterable::Gen(o.clone()), &qualname))
            })
        }
        "__name__" => Value::str(g.qualname.rsplit('.').next().unwrap_or("")),
        "__qualname__" => Value::Str(g.qualname.clone()),
        "gi_running" | "cr_running" => Value::Bool(g.g.is_running()),
        "gi_yieldfrom" | "cr_await" => {
            g.g.yield_from_gen()
                .map(|inner| {
                    Value::Obj(Rc::new(GenObject { qualname: Rc::from(inner.name()), g: inner, code: None }))
                })
                .unwrap_or_default()
        }
        "gi_frame" | "cr_frame" => match &g.code {
            Some(code) => super::frames::frame_value(&g.g, code),
            None if g.g.state() == crate::trace::GenState::Closed => Value::None,
            None => return Err(attribute_error(obj, name)),
        },
        "gi_code" | "cr_code" => match &g.code {
            Some(code) => super::frames::code_value(code.clone()),
            None => return Err(attribute_error(obj, name)),
        },
        _ => return Err(attribute_error(obj, name)),
    })
}

/// A program's exception class or instance as the runtime's (for `throw`).
pub fn program_exc_to_runtime(v: &Value) -> Value {
    if let Some(c) = downcast::<Class>(v)
        && let Some(e) = c.exc
    {
        return Value::ExcClass(e);
    }
    v.clone()
}

/// `throw(type, value, traceback)`'s arguments for the runtime: a program's exception
/// class as the runtime's, and a traceback object as None (the exception carries its
/// frames itself; the runtime checks only that the third is a traceback or None).
pub fn throw_args(a: &[Value]) -> ThrowArgs {
    let is_traceback =
        |v: &Value| native_of(v).is_some_and(|n| n.as_any().is::<super::traceback::TracebackObject>());
    ThrowArgs::new(a.iter().enumerate().map(|(i, v)| match i {
        2 if is_traceback(v) => Value::None,
        _ => program_exc_to_runtime(v),
    }))
}

fn arg(a: &[Value], i: usize, who: &str) -> PyResult<Value> {
    a.get(i).cloned().ok_or_else(|| PyException::new(TYPE_ERROR, format!("{who} expected an argument")))
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// Sorts values with Python's `<` (stable), by a key function if given.
pub fn sort_values(items: &mut Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => {
            items.iter().map(|x| call(k, vec![x.clone()], vec![])).collect::<PyResult<_>>()?
        }
        _ => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    let mut err = None;
    // A merge sort on `<` alone, as Python's sort uses only `<`.
    idx.sort_by(|&a, &b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
        match ops::compare(super::code::CmpOp::Lt, x, y) {
            Ok(v) if v.truthy() => std::cmp::Ordering::Less,
            Ok(_) => match ops::compare(super::code::CmpOp::Lt, y, x) {
                Ok(v) if v.truthy() => std::cmp::Ordering::Greater,
                Ok(_) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    *items = idx.into_iter().map(|i| items[i].clone()).collect();
    Ok(())
}

fn list_method(obj: &Value, name: &str) -> PyResult<Value> {
    let l = downcast_rc::<List>(obj).expect("a list");
    let f: Box<NativeFn> = match name {
        "append" => Box::new(move |a, _| {
            l.push(arg(&a, 1, "append")?);
            Ok(Value::None)
        }),
        "extend" => Box::new(move |a, _| {
            let items = ops::iterate(&arg(&a, 1, "extend")?)?;
            l.0.borrow_mut().extend(items);
            Ok(Value::None)
        }),
        "insert" => Box::new(move |a, _| {
            let mut items = l.0.borrow_mut();
            let n = items.len() as i64;
            let i = a.get(1).and_then(|v| v.as_int()).unwrap_or(0);
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            items.insert(i, arg(&a, 2, "insert")?);
            Ok(Value::None)
        }),
        "pop" => Box::new(move |a, _| {
            let mut items = l.0.borrow_mut();
            if items.is_empty() {
                return Err(PyException::new(INDEX_ERROR, "pop from empty list"));
            }
            let n = items.len() as i64;
            let i = a.get(1).and_then(|v| v.as_int()).unwrap_or(-1);
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(PyException::new(INDEX_ERROR, "pop index out of range"));
            }
            Ok(items.remove(j as usize))
        }),
        "remove" => Box::new(move |a, _| {
            let x = arg(&a, 1, "remove")?;
            let items = l.0.borrow().clone();
            for (i, v) in items.iter().enumerate() {
                if ops::eq_or_is(v, &x)? {
                    l.0.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            Err(PyException::new(VALUE_ERROR, "list.remove(x): x not in list"))
        }),
        "index" => Box::new(move |a, _| {
            let x = arg(&a, 1, "index")?;
            let items = l.0.borrow().clone();
            for (i, v) in items.iter().enumerate() {
                if ops::eq_or_is(v, &x)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(PyException::new(VALUE_ERROR, format!("{} is not in list", repr_of(&x))))
        }),
        "count" => Box::new(move |a, _| {
            let x = arg(&a, 1, "count")?;
            let items = l.0.borrow().clone();
            let mut n = 0;
            for v in items.iter() {
                if ops::eq_or_is(v, &x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }),
        "sort" => Box::new(move |_a, kwargs| {
            let mut items = l.0.borrow().clone();
            let reverse = kw(&kwargs, "reverse").is_some_and(|v| v.truthy());
            sort_values(&mut items, kw(&kwargs, "key"), reverse)?;
            *l.0.borrow_mut() = items;
            Ok(Value::None)
        }),
        "reverse" => Box::new(move |_, _| {
            l.0.borrow_mut().reverse();
            Ok(Value::None)
        }),
        "clear" => Box::new(move |_, _| {
            l.0.borrow_mut().clear();
            Ok(Value::None)
        }),
        "copy" => Box::new(move |_, _| Ok(new_list(l.0.borrow().clone()))),
        _ => return Err(attribute_error(obj, name)),
    };
    Ok(method(obj, name, f))
}

fn tuple_method(obj: &Value, name: &str) -> PyResult<Value> {
    let Value::Tuple(t) = obj else { unreachable!("a tuple") };
    let t = t.clone();
    match name {
        "count" => Ok(method(obj, name, move |a, _| {
            let x = arg(&a, 1, "count")?;
            let mut n = 0;
            for v in t.iter() {
                if ops::eq_or_is(v, &x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        })),
        "index" => Ok(method(obj, name, move |a, _| {
            let x = arg(&a, 1, "index")?;
            for (i, v) in t.iter().enumerate() {
                if ops::eq_or_is(v, &x)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            Err(PyException::new(VALUE_ERROR, "tuple.index(x): x not in tuple"))
        })),
        _ => Err(attribute_error(obj, name)),
    }
}

fn dict_method(obj: &Value, name: &str) -> PyResult<Value> {
    let d = downcast_rc::<Dict>(obj).expect("a dict");
    let f: Box<NativeFn> = match name {
        "get" => Box::new(move |a, _| {
            let k = Key::new(arg(&a, 1, "get")?)?;
            Ok(dicts::get(&d, &k)?.unwrap_or_else(|| a.get(2).cloned().unwrap_or_default()))
        }),
        "keys" | "values" | "items" => {
            let kind = match name {
                "keys" => "dict_keys",
                "values" => "dict_values",
                _ => "dict_items",
            };
            Box::new(move |_, _| Ok(Value::Obj(Rc::new(DictView { kind, dict: d.clone() }))))
        }
        "pop" => Box::new(move |a, _| {
            let key = arg(&a, 1, "pop")?;
            match dicts::remove(&d, &Key::new(key.clone())?)? {
                Some(v) => Ok(v),
                None => a.get(2).cloned().ok_or_else(|| PyException::new(KEY_ERROR, key)),
            }
        }),
        "popitem" => Box::new(move |a, k| {
            let last = a.get(1).or_else(|| kw(&k, "last")).is_none_or(|v| v.truthy());
            let mut m = d.0.borrow_mut();
            let popped = if last { m.pop() } else { m.shift_remove_index(0) };
            match popped {
                Some((k, v)) => Ok(Value::tuple([k.0, v])),
                None if matches!(d.1, DictKind::Ordered) => {
                    Err(PyException::new(KEY_ERROR, "dictionary is empty"))
                }
                None => Err(PyException::new(KEY_ERROR, "popitem(): dictionary is empty")),
            }
        }),
        "setdefault" => Box::new(move |a, _| {
            let k = Key::new(arg(&a, 1, "setdefault")?)?;
            let default = a.get(2).cloned().unwrap_or_default();
            dicts::setdefault(&d, k, default)
        }),
        "update" if matches!(d.1, DictKind::Counter) => Box::new(move |a, _| {
            if let Some(other) = a.get(1) {
                let mut m = d.0.borrow().clone();
                ops::count_into(&mut m, other)?;
                *d.0.borrow_mut() = m;
            }
            Ok(Value::None)
        }),
        "update" => Box::new(move |a, kwargs| {
            if let Some(other) = a.get(1) {
                for (k, v) in super::ops::mapping_items(other)? {
                    dicts::set_item(&d, Key::new(k)?, v)?;
                }
            }
            for (k, v) in kwargs {
                dicts::set_item(&d, Key::str(k), v)?;
            }
            Ok(Value::None)
        }),
        "clear" => Box::new(move |_, _| {
            d.0.borrow_mut().clear();
            Ok(Value::None)
        }),
        "copy" => Box::new(move |_, _| Ok(new_dict_of(d.0.borrow().clone(), d.1.clone()))),
        "most_common" if matches!(d.1, DictKind::Counter) => Box::new(move |a, _| {
            let mut items: Vec<(Value, Value)> =
                d.0.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
            items.sort_by_key(|x| std::cmp::Reverse(x.1.as_int().unwrap_or(0)));
            if let Some(n) = a.get(1).and_then(|n| n.as_int()) {
                items.truncate(n.max(0) as usize);
            }
            Ok(new_list(items.into_iter().map(|(k, v)| Value::tuple([k, v])).collect()))
        }),
        "elements" if matches!(d.1, DictKind::Counter) => Box::new(move |_, _| {
            let mut out = Vec::new();
            for (k, v) in d.0.borrow().iter() {
                for _ in 0..v.as_int().unwrap_or(0).max(0) {
                    out.push(k.0.clone());
                }
            }
            ops::iter(&new_list(out))
        }),
        "total" if matches!(d.1, DictKind::Counter) => {
            Box::new(move |_, _| Ok(Value::Int(d.0.borrow().values().filter_map(|v| v.as_int()).sum())))
        }
        "move_to_end" => Box::new(move |a, k| {
            let key = Key::new(arg(&a, 1, "move_to_end")?)?;
            let last = a.get(2).or_else(|| kw(&k, "last")).is_none_or(|v| v.truthy());
            let Some(i) = dicts::index_of(&d, &key)? else { return Err(PyException::new(KEY_ERROR, key.0)) };
            let mut m = d.0.borrow_mut();
            if last {
                let n = m.len();
                m.move_index(i, n - 1);
            } else {
                m.move_index(i, 0);
            }
            Ok(Value::None)
        }),
        _ => return Err(attribute_error(obj, name)),
    };
    Ok(method(obj, name, f))
}

fn set_method(obj: &Value, name: &str) -> PyResult<Value> {
    let s = downcast_rc::<Set>(obj).expect("a set");
    const MUTATING: [&str; 10] = [
        "add",
        "remove",
        "discard",
        "pop",
        "clear",
        "update",
        "intersection_update",
        "difference_update",
        "symmetric_difference_update",
        "__ior__",
    ];
    if s.frozen && MUTATING.contains(&name) {
        return Err(attribute_error(obj, name));
    }
    let me = obj.clone();
    let f: Box<NativeFn> = match name {
        "add" => Box::new(move |a, _| {
            let k = Key::new(arg(&a, 1, "add")?)?;
            s.add(k)?;
            Ok(Value::None)
        }),
        "remove" => Box::new(move |a, _| {
            let x = arg(&a, 1, "remove")?;
            let k = Key::new(x.clone())?;
            if s.discard(&k)? { Ok(Value::None) } else { Err(PyException::new(KEY_ERROR, x)) }
        }),
        "discard" => Box::new(move |a, _| {
            let k = Key::new(arg(&a, 1, "discard")?)?;
            s.discard(&k)?;
            Ok(Value::None)
        }),
        "pop" => Box::new(move |_, _| match s.items.borrow_mut().pop() {
            Some(k) => Ok(k.0),
            None => Err(PyException::new(KEY_ERROR, "pop from an empty set")),
        }),
        "clear" => Box::new(move |_, _| {
            s.items.borrow_mut().clear();
            Ok(Value::None)
        }),
        // A frozenset's copy is itself.
        "copy" if s.frozen => Box::new(move |_, _| Ok(me.clone())),
        "copy" => Box::new(move |_, _| Ok(new_set_of(s.items.borrow().copy(), s.frozen))),
        "update" | "difference_update" | "symmetric_difference_update" => {
            let which = name.to_string();
            Box::new(move |a, _| {
                for other in &a[1..] {
                    match which.as_str() {
                        "update" => sets::update(&s, other, ops::iterate)?,
                        "difference_update" => sets::difference_update(&s, other, ops::iterate)?,
                        _ => sets::symmetric_difference_update(&s, other, ops::iterate)?,
                    }
                }
                Ok(Value::None)
            })
        }
        "union" | "intersection" | "difference" | "symmetric_difference" | "intersection_update" => {
            let which = name.to_string();
            Box::new(move |a, _| {
                let others = &a[1..];
                let items = match which.as_str() {
                    "union" => sets::union_many(&s, others, ops::iterate)?,
                    "difference" => sets::difference_many(&s, others, ops::iterate)?,
                    "symmetric_difference" => {
                        sets::symmetric_difference(&s, &arg(&a, 1, "symmetric_difference")?, ops::iterate)?
                    }
                    _ => sets::intersection_many(&s, others, ops::iterate)?,
                };
                if which == "intersection_update" {
                    s.items.borrow_mut().replace_keeping_finger(items);
                    return Ok(Value::None);
                }
                Ok(new_set_of(items, s.frozen))
            })
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let which = name.to_string();
            Box::new(move |a, _| {
                let keys = ops::iterate(&arg(&a, 1, "issubset")?)?.into_iter().map(Key::new);
                let other = SetItems::from_keys(keys.collect::<PyResult<Vec<_>>>()?)?;
                // A copy: an `__eq__` may run and look at the set.
                let mine = s.items.borrow().clone();
                let all_in = |p: &SetItems, q: &SetItems, want: bool| -> PyResult<bool> {
                    for k in p.iter() {
                        if q.contains(k)? != want {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                };
                Ok(Value::Bool(match which.as_str() {
                    "issubset" => all_in(&mine, &other, true)?,
                    "issuperset" => all_in(&other, &mine, true)?,
                    _ => all_in(&mine, &other, false)?,
                }))
            })
        }
        _ => return Err(attribute_error(obj, name)),
    };
    Ok(method(obj, name, f))
}

/// `obj.name = value`.
pub fn setattr(obj: &Value, name: &str, value: Value) -> PyResult<()> {
    if let Some(inst) = downcast::<Instance>(obj) {
        if let Some(sa) = inst.class.lookup("__setattr__") {
            call(&sa, vec![obj.clone(), Value::str(name), value], vec![])?;
            return Ok(());
        }
        let old = inst.dict.borrow_mut().insert(Rc::from(name), value);
        drop(old); // after the borrow: a finalizer may run Python
        return Ok(());
    }
    if let Some(c) = downcast::<Class>(obj) {
        let old = c.dict.borrow_mut().insert(Rc::from(name), value);
        drop(old); // after the borrow: a finalizer may run Python
        return Ok(());
    }
    if let Value::Exception(e) = obj {
        match name {
            "__cause__" => {
                match value {
                    Value::Exception(c) => e.set_cause(Some(c)),
                    _ => e.set_cause(None),
                }
                return Ok(());
            }
            "__context__" => {
                if let Value::Exception(c) = value {
                    e.set_context(c);
                }
                return Ok(());
            }
            "__suppress_context__" => {
                e.set_suppress_context(value.truthy());
                return Ok(());
            }
            "__traceback__" => return super::traceback::set(e, &value),
            "args" => {
                *exc_extra(e).args.borrow_mut() = Some(ops::iterate(&value)?);
                return Ok(());
            }
            _ => {
                exc_extra(e).attrs.borrow_mut().insert(Rc::from(name), value);
                return Ok(());
            }
        }
    }
    if let Some(f) = downcast::<Function>(obj) {
        f.attrs.borrow_mut().insert(Rc::from(name), value);
        return Ok(());
    }
    if let Some(m) = downcast::<Module>(obj) {
        let old = m.dict.borrow_mut().insert(Rc::from(name), value);
        drop(old); // after the borrow: a finalizer may run Python
        return Ok(());
    }
    if let Some(n) = native_of(obj) {
        let _ = value;
        return Err(PyException::new(
            ATTRIBUTE_ERROR,
            format!("'{}' object attribute '{name}' is read-only", n.type_name()),
        ));
    }
    Err(PyException::new(ATTRIBUTE_ERROR, format!("'{}' object has no attribute '{name}'", obj.type_name())))
}

/// `del obj.name`.
pub fn delattr(obj: &Value, name: &str) -> PyResult<()> {
    if let Some(inst) = downcast::<Instance>(obj) {
        if let Some(da) = inst.class.lookup("__delattr__") {
            call(&da, vec![obj.clone(), Value::str(name)], vec![])?;
            return Ok(());
        }
        return match inst.dict.borrow_mut().shift_remove(name) {
            Some(_) => Ok(()),
            None => Err(attribute_error(obj, name)),
        };
    }
    Err(attribute_error(obj, name))
}

/// `super()`: the next class in the MRO, bound to the same object.
pub struct Super {
    /// The class whose method called `super()`.
    pub class: Rc<Class>,
    /// The method's first argument.
    pub this: Value,
}

impl crate::value::PyObject for Super {
    fn type_name(&self) -> &str {
        "super"
    }
    fn repr(&self) -> String {
        format!("<super: <class '{}'>, <{} object>>", self.class.name, self.this.type_name())
    }
}

/// `super().name`.
pub fn super_getattr(s: &Super, name: &str) -> PyResult<Value> {
    for base in &s.class.bases {
        if let Some(v) = base.lookup(name) {
            if downcast::<Function>(&v).is_some() {
                return Ok(Value::Obj(Rc::new(BoundMethod { func: v, this: s.this.clone() })));
            }
            return Ok(v);
        }
    }
    // Past the program's classes: object, or the builtin exception class.
    match (&s.this, name) {
        (Value::Exception(_), _) => {
            base_exception_method(&s.this, name).map_or_else(|| getattr(&s.this, name), Ok)
        }
        (_, "__init__") => Ok(Builtin::value("__init__", |_, _| Ok(Value::None))),
        (_, "__setattr__" | "__delattr__") => {
            let (this, method) = (s.this.clone(), type_attr("object", name).expect("object's own"));
            Ok(Value::Obj(Rc::new(Builtin {
                name: Rc::from(name),
                f: Rc::new(move |a, k| {
                    let mut all = vec![this.clone()];
                    all.extend(a);
                    call(&method, all, k)
                }),
                bound: None,
            })))
        }
        (_, "__repr__") => {
            let this = s.this.clone();
            Ok(Builtin::value("__repr__", move |_, _| Ok(Value::str(this.repr()))))
        }
        (_, "__str__") => {
            let this = s.this.clone();
            Ok(Builtin::value("__str__", move |_, _| Ok(Value::str(ops::repr(&this)?))))
        }
        _ => Err(PyException::new(ATTRIBUTE_ERROR, format!("'super' object has no attribute '{name}'"))),
    }
}

/// `str.format(*args, **kwargs)`.
pub fn str_format(fmt: &str, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> PyResult {
    let kwargs: Vec<(String, Value)> = kwargs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let mut lookup = |v: &Value, part: &super::text::FieldPart| -> PyResult<Value> {
        match part {
            super::text::FieldPart::Attr(name) => getattr(v, name),
            super::text::FieldPart::Index(i) => ops::getitem(v, &Value::Int(*i as i64)),
            super::text::FieldPart::Key(k) => ops::getitem(v, &Value::str(k)),
        }
    };
    let mut convert = |v: &Value, c: char| -> PyResult<String> {
        match c {
            'r' => ops::repr(v),
            'a' => Ok(ascii(&ops::repr(v)?)),
            _ => ops::str_of(v),
        }
    };
    let mut fmt_one = |v: &Value, spec: &str| format(v, spec);
    super::text::str_format(fmt, args, &kwargs, &mut lookup, &mut convert, &mut fmt_one).map(Value::str)
}

/// `type.attr` for a builtin type (`dict.fromkeys`, `str.join` …).
pub fn type_attr(t: &str, name: &str) -> Option<Value> {
    match (t, name) {
        ("dict", "fromkeys") => Some(Builtin::value("fromkeys", |a, _| {
            let default = a.get(1).cloned().unwrap_or_default();
            let mut m = IndexMap::new();
            for k in
                ops::iterate(a.first().ok_or_else(|| type_error("fromkeys expected at least 1 argument"))?)?
            {
                dicts::insert(&mut m, Key::new(k)?, default.clone())?;
            }
            Ok(new_dict(m))
        })),
        ("object", "__setattr__") => Some(Builtin::value("__setattr__", |a, _| match a.as_slice() {
            [obj, Value::Str(name), value] => object_setattr(obj, name, value.clone()).map(|_| Value::None),
            _ => Err(type_error("expected 3 arguments: the object, the name, the value")),
        })),
        ("object", "__delattr__") => Some(Builtin::value("__delattr__", |a, _| match a.as_slice() {
            [obj, Value::Str(name)] => object_delattr(obj, name).map(|_| Value::None),
            _ => Err(type_error("expected 2 arguments: the object, the name")),
        })),
        _ => unbound_method(t, name),
    }
}

/// `object.__setattr__(obj, name, value)`: into the instance's own namespace, past any
/// `__setattr__` of its class (what an override calls to do the work).
fn object_setattr(obj: &Value, name: &str, value: Value) -> PyResult<()> {
    match downcast::<Instance>(obj) {
        Some(inst) => {
            let old = inst.dict.borrow_mut().insert(Rc::from(name), value);
            drop(old); // after the borrow: a finalizer may run Python
            Ok(())
        }
        None => setattr(obj, name, value),
    }
}

/// `object.__delattr__(obj, name)`, past any `__delattr__` of the class.
fn object_delattr(obj: &Value, name: &str) -> PyResult<()> {
    match downcast::<Instance>(obj) {
        Some(inst) => {
            let old = inst.dict.borrow_mut().shift_remove(name);
            match old {
                Some(_) => Ok(()),
                None => Err(attribute_error(obj, name)),
            }
        }
        None => Err(attribute_error(obj, name)),
    }
}

/// `str.upper`, `list.append`: a built-in type's method read from the type, called with
/// the object first (`sorted(words, key=str.lower)`), with CPython's checks.
fn unbound_method(t: &str, name: &str) -> Option<Value> {
    let sample = match t {
        "str" => Value::str(""),
        "bytes" => super::bytes::new_bytes(Vec::new()),
        "list" => new_list(Vec::new()),
        "dict" => new_dict(IndexMap::new()),
        "set" => new_set(Default::default(), false),
        "tuple" => Value::tuple(std::iter::empty()),
        "int" => Value::Int(0),
        "float" => Value::Float(0.0),
        _ => return None,
    };
    // Only what the type's objects really have.
    if name.starts_with("__") || downcast::<Builtin>(&getattr(&sample, name).ok()?).is_none() {
        return None;
    }
    let (t, method): (Rc<str>, Rc<str>) = (Rc::from(t), Rc::from(name));
    let f = move |a: Vec<Value>, k: Vec<(Rc<str>, Value)>| {
        let Some(this) = a.first() else {
            return Err(type_error(format!("unbound method {t}.{method}() needs an argument")));
        };
        if this.type_name() != &*t {
            return Err(type_error(format!(
                "descriptor '{method}' for '{t}' objects doesn't apply to a '{}' object",
                this.type_name()
            )));
        }
        call(&getattr(this, &method)?, a[1..].to_vec(), k)
    };
    Some(Value::Obj(Rc::new(Builtin { name: Rc::from(name), f: Rc::new(f), bound: None })))
}
