//! The small modules: `sys`, `time`, `inspect`, `types`, `itertools`, `collections`,
//! `functools`, `warnings` — as much of each as course programs use.
//!
//! `time` reads the program's clock (virtual unless `--real-time`): one clock for every
//! thread, which starts at 0 and which `time.sleep` and every loop's waits move on, so an
//! elapsed time is right wherever it is measured and never goes backwards. `loop.time()`
//! is the loop's own clock, which starts at 0 when the loop is made and moves with the
//! program's: in the first loop of a program that has not slept before it, the two are
//! equal, as in CPython. The oracle's runner gives CPython's main thread the same clock.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use indexmap::IndexMap;

use super::module as make_module;
use crate::console;
use crate::exception::*;
use crate::python::dicts;
use crate::python::objects::call as call_value;
use crate::python::objects::*;
use crate::python::ops;
use crate::trace::GenState;
use crate::value::Value;

fn func(name: &str, f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static) -> Value {
    Builtin::value(name, f)
}

fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// A library object: a deque, a Counter class, a partial …
pub enum Lib {
    /// `collections.deque`.
    Deque(RefCell<VecDeque<Value>>, Option<usize>),
    /// A class of the library (`deque`, `OrderedDict`, `Counter`, `defaultdict`).
    Class(&'static str),
    /// `sys.stdout` / `sys.stderr`.
    Stream(bool),
    /// A namedtuple class: its name, its fields, the defaults of its last fields.
    NamedTuple(Rc<str>, Vec<Rc<str>>, Vec<Value>),
    /// `warnings.catch_warnings(record=…)`.
    CatchWarnings(bool),
    /// `functools.partial(func, *args, **keywords)`.
    Partial(Value, Vec<Value>, Vec<(Rc<str>, Value)>),
}

/// A library object with the Python type name it shows.
struct LibObject {
    type_name: &'static str,
    lib: Lib,
}

impl NativeObject for LibObject {
    fn type_name(&self) -> &str {
        self.type_name
    }
    fn repr(&self) -> String {
        repr(&self.lib)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        if let Some(m) = deque_method(this, name) {
            return Ok(m);
        }
        match getattr(&self.lib, name) {
            Some(r) => r,
            None => Err(PyException::new(
                ATTRIBUTE_ERROR,
                format!("'{}' object has no attribute '{name}'", self.type_name),
            )),
        }
    }
    fn call(&self, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
        call(&self.lib, args, kwargs)
    }
    fn callable(&self) -> bool {
        matches!(self.lib, Lib::Class(_) | Lib::NamedTuple(..) | Lib::Partial(..))
    }
    fn iter(&self) -> PyResult<Option<Value>> {
        match &self.lib {
            Lib::Deque(d, _) => {
                let items: Vec<Value> = d.borrow().iter().cloned().collect();
                Ok(Some(ops::iter(&Value::tuple(items))?))
            }
            _ => Ok(None),
        }
    }
    fn getitem(&self, key: &Value) -> PyResult<Option<Value>> {
        match &self.lib {
            Lib::Deque(d, _) => {
                let items: Vec<Value> = d.borrow().iter().cloned().collect();
                Ok(Some(ops::getitem(&Value::tuple(items), key)?))
            }
            _ => Ok(None),
        }
    }
    fn len(&self) -> Option<usize> {
        match &self.lib {
            Lib::Deque(d, _) => Some(d.borrow().len()),
            _ => None,
        }
    }
    fn has_instance(&self, obj: &Value) -> bool {
        match (&self.lib, downcast::<Native>(obj).and_then(lib_of)) {
            (Lib::Class("deque"), Some(Lib::Deque(..))) => true,
            (Lib::Class("OrderedDict"), _) => {
                downcast::<Dict>(obj).is_some_and(|d| matches!(d.1, DictKind::Ordered))
            }
            (Lib::Class("Counter"), _) => {
                downcast::<Dict>(obj).is_some_and(|d| matches!(d.1, DictKind::Counter))
            }
            (Lib::Class("defaultdict"), _) => {
                downcast::<Dict>(obj).is_some_and(|d| matches!(d.1, DictKind::Default(_)))
            }
            _ => false,
        }
    }
}

fn lib(type_name: &'static str, l: Lib) -> Value {
    Native::value(LibObject { type_name, lib: l })
}

fn lib_of(n: &Native) -> Option<&Lib> {
    n.get::<LibObject>().map(|o| &o.lib)
}

fn repr(l: &Lib) -> String {
    match Some(l) {
        Some(Lib::Deque(d, max)) => {
            let items: Vec<String> = d.borrow().iter().map(repr_of).collect();
            match max {
                Some(m) => format!("deque([{}], maxlen={m})", items.join(", ")),
                None => format!("deque([{}])", items.join(", ")),
            }
        }
        Some(Lib::Class(name)) => format!("<class 'collections.{name}'>"),
        Some(Lib::Stream(err)) => {
            if *err {
                "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>".into()
            } else {
                "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>".into()
            }
        }
        Some(Lib::NamedTuple(name, ..)) => format!("<class '__main__.{name}'>"),
        Some(Lib::CatchWarnings(_)) => "<warnings.catch_warnings>".into(),
        Some(Lib::Partial(f, args, kw)) => {
            let mut parts = vec![repr_of(f)];
            parts.extend(args.iter().map(repr_of));
            parts.extend(kw.iter().map(|(k, v)| format!("{k}={}", repr_of(v))));
            format!("functools.partial({})", parts.join(", "))
        }
        None => "<object>".into(),
    }
}

fn gen_state(v: &Value, coroutine: bool) -> PyResult {
    let g =
        downcast::<GenObject>(v).ok_or_else(|| PyException::new(TYPE_ERROR, "a generator was expected"))?;
    let prefix = if coroutine { "CORO" } else { "GEN" };
    let state = match g.g.state() {
        GenState::Created => "CREATED",
        GenState::Running => "RUNNING",
        GenState::Suspended => "SUSPENDED",
        GenState::Closed => "CLOSED",
    };
    Ok(Value::str(format!("{prefix}_{state}")))
}

/// `inspect.getgeneratorlocals(gen)`: its frame's `f_locals`, or `{}` once it is over.
fn frame_locals(v: &Value, coroutine: bool) -> PyResult {
    let is_generator =
        downcast::<GenObject>(v).is_some_and(|g| g.g.kind() == crate::generator::Kind::Generator);
    if !coroutine && !is_generator {
        return Err(PyException::new(
            TYPE_ERROR,
            format!("{} is not a Python generator", crate::python::objects::repr(v)?),
        ));
    }
    let frame =
        crate::python::attrs::getattr(v, if coroutine { "cr_frame" } else { "gi_frame" }).unwrap_or_default();
    if frame.is_none() {
        return Ok(new_dict(Default::default()));
    }
    crate::python::attrs::getattr(&frame, "f_locals")
}

/// `time.monotonic()` and friends: the program's clock, in a running loop too (the
/// loop's clock restarts at 0 for every loop; the program's never goes backwards).
fn clock() -> f64 {
    crate::python::threads::now()
}

/// `time.monotonic_ns()` and friends: the same clock in whole nanoseconds, the nearest
/// (halves away from zero; the oracle's runner rounds the same way).
fn clock_ns() -> Value {
    Value::Int((clock() * 1e9).round() as i64)
}

/// `time.NAME()`, a reader of the clock: no arguments, as CPython's.
fn reader(name: &'static str, read: fn() -> Value) -> Value {
    func(name, move |a, kwargs| {
        if !kwargs.is_empty() {
            return Err(PyException::new(TYPE_ERROR, format!("time.{name}() takes no keyword arguments")));
        }
        if !a.is_empty() {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("time.{name}() takes no arguments ({} given)", a.len()),
            ));
        }
        Ok(read())
    })
}

/// A library module by name.
pub fn module(name: &str) -> Option<Value> {
    Some(match name {
        "sys" => {
            let argv = crate::python::argv();
            make_module(
                "sys",
                vec![
                    ("argv", new_list(argv.into_iter().map(Value::str).collect())),
                    ("stdout", lib("TextIOWrapper", Lib::Stream(false))),
                    ("stderr", lib("TextIOWrapper", Lib::Stream(true))),
                    (
                        "exit",
                        func("exit", |a, _| {
                            Err(PyException::with_args(SYSTEM_EXIT, a.first().cloned().into_iter().collect()))
                        }),
                    ),
                    ("getrecursionlimit", func("getrecursionlimit", |_, _| Ok(Value::Int(1000)))),
                    (
                        "getswitchinterval",
                        func("getswitchinterval", |_, _| {
                            Ok(Value::Float(crate::python::threads::switch_interval()))
                        }),
                    ),
                    (
                        "setswitchinterval",
                        func("setswitchinterval", |a, _| {
                            let secs = a.first().and_then(|v| v.as_f64()).ok_or_else(|| {
                                PyException::new(TYPE_ERROR, "setswitchinterval() takes a number of seconds")
                            })?;
                            crate::python::threads::set_switch_interval(secs).map(|_| Value::None)
                        }),
                    ),
                    ("setrecursionlimit", func("setrecursionlimit", |_, _| Ok(Value::None))),
                    ("version_info", Value::tuple([Value::Int(3), Value::Int(11), Value::Int(7)])),
                    ("platform", Value::str("linux")),
                    ("maxsize", Value::Int(i64::MAX)),
                ],
            )
        }
        "time" => make_module(
            "time",
            vec![
                ("time", reader("time", || Value::Float(clock()))),
                ("monotonic", reader("monotonic", || Value::Float(clock()))),
                ("perf_counter", reader("perf_counter", || Value::Float(clock()))),
                ("time_ns", reader("time_ns", clock_ns)),
                ("monotonic_ns", reader("monotonic_ns", clock_ns)),
                ("perf_counter_ns", reader("perf_counter_ns", clock_ns)),
                (
                    // Blocks only the thread that calls it, on the virtual clock (python/threads.rs),
                    // and the loop that thread runs.
                    "sleep",
                    func("sleep", |a, kwargs| {
                        if !kwargs.is_empty() {
                            return Err(PyException::new(
                                TYPE_ERROR,
                                "time.sleep() takes no keyword arguments",
                            ));
                        }
                        let secs = match a.as_slice() {
                            [v] => v.as_f64().ok_or_else(|| {
                                PyException::new(
                                    TYPE_ERROR,
                                    format!("'{}' object cannot be interpreted as an integer", v.type_name()),
                                )
                            })?,
                            _ => {
                                return Err(PyException::new(
                                    TYPE_ERROR,
                                    format!("time.sleep() takes exactly one argument ({} given)", a.len()),
                                ));
                            }
                        };
                        // The loop this thread runs, if any, was blocked too: on asyncio's one
                        // monotonic clock its time moves on and its timers come due late.
                        let running = crate::aio::get_running_loop().ok();
                        crate::python::threads::sleep(secs)?;
                        if let Some(lp) = running {
                            lp.advance_virtual_clock(secs);
                        }
                        Ok(Value::None)
                    }),
                ),
            ],
        ),
        "inspect" => make_module(
            "inspect",
            vec![
                ("getgeneratorstate", func("getgeneratorstate", |a, _| gen_state(&a[0], false))),
                ("getcoroutinestate", func("getcoroutinestate", |a, _| gen_state(&a[0], true))),
                ("getgeneratorlocals", func("getgeneratorlocals", |a, _| frame_locals(&a[0], false))),
                ("getcoroutinelocals", func("getcoroutinelocals", |a, _| frame_locals(&a[0], true))),
                (
                    "isgenerator",
                    func("isgenerator", |a, _| {
                        Ok(Value::Bool(
                            a.first()
                                .and_then(|v| downcast::<GenObject>(v))
                                .is_some_and(|g| g.g.kind() == crate::generator::Kind::Generator),
                        ))
                    }),
                ),
                (
                    "iscoroutine",
                    func("iscoroutine", |a, _| {
                        Ok(Value::Bool(
                            a.first()
                                .and_then(|v| downcast::<GenObject>(v))
                                .is_some_and(|g| g.g.kind() == crate::generator::Kind::Coroutine),
                        ))
                    }),
                ),
                (
                    "isawaitable",
                    func("isawaitable", |a, _| {
                        let v = a.first().cloned().unwrap_or_default();
                        Ok(Value::Bool(
                            downcast::<GenObject>(&v).is_some_and(|g| g.g.is_awaitable())
                                || downcast::<Instance>(&v)
                                    .is_some_and(|i| i.class.lookup("__await__").is_some())
                                || native_of(&v).is_some_and(|n| n.is_awaitable()),
                        ))
                    }),
                ),
                (
                    "isgeneratorfunction",
                    func("isgeneratorfunction", |a, _| {
                        Ok(Value::Bool(
                            a.first()
                                .and_then(|v| downcast::<Function>(v))
                                .is_some_and(|f| f.code.kind == crate::python::code::CodeKind::Generator),
                        ))
                    }),
                ),
                (
                    "iscoroutinefunction",
                    func("iscoroutinefunction", |a, _| {
                        Ok(Value::Bool(
                            a.first()
                                .and_then(|v| downcast::<Function>(v))
                                .is_some_and(|f| f.code.kind == crate::python::code::CodeKind::Coroutine),
                        ))
                    }),
                ),
            ],
        ),
        "types" => make_module(
            "types",
            vec![(
                "coroutine",
                func("coroutine", |a, _| {
                    let f = a.first().cloned().unwrap_or_default();
                    if let Some(func) = downcast::<Function>(&f) {
                        func.iterable_coroutine.set(true);
                    }
                    Ok(f)
                }),
            )],
        ),
        "itertools" => make_module(
            "itertools",
            vec![
                (
                    "count",
                    func("count", |a, k| {
                        let mut n = a.first().or_else(|| kw(&k, "start")).cloned().unwrap_or(Value::Int(0));
                        let step = a.get(1).or_else(|| kw(&k, "step")).cloned().unwrap_or(Value::Int(1));
                        Ok(Iter::value("count", move || {
                            let cur = n.clone();
                            n = ops::binary(crate::python::code::BinOp::Add, &n, &step)?;
                            Ok(Some(cur))
                        }))
                    }),
                ),
                (
                    "cycle",
                    func("cycle", |a, _| {
                        let it = ops::iter(&a.first().cloned().unwrap_or_default())?;
                        let mut seen = Vec::new();
                        let mut i = 0;
                        let mut exhausted = false;
                        Ok(Iter::value("cycle", move || {
                            if !exhausted {
                                if let Some(x) = ops::next(&it)? {
                                    seen.push(x.clone());
                                    return Ok(Some(x));
                                }
                                exhausted = true;
                            }
                            if seen.is_empty() {
                                return Ok(None);
                            }
                            let x = seen[i % seen.len()].clone();
                            i += 1;
                            Ok(Some(x))
                        }))
                    }),
                ),
                (
                    "islice",
                    func("islice", |a, _| {
                        let it = ops::iter(&a.first().cloned().unwrap_or_default())?;
                        let ints: Vec<Option<i64>> = a[1..].iter().map(|v| v.as_int()).collect();
                        let (start, stop, step) = match ints.as_slice() {
                            [stop] => (0, *stop, 1),
                            [start, stop] => (start.unwrap_or(0), *stop, 1),
                            [start, stop, step] => (start.unwrap_or(0), *stop, step.unwrap_or(1)),
                            _ => {
                                return Err(PyException::new(TYPE_ERROR, "islice expected 2 to 4 arguments"));
                            }
                        };
                        let mut pos = 0i64;
                        let mut next_at = start;
                        Ok(Iter::value("islice", move || {
                            loop {
                                if stop.is_some_and(|s| next_at >= s) {
                                    return Ok(None);
                                }
                                let Some(x) = ops::next(&it)? else { return Ok(None) };
                                pos += 1;
                                if pos - 1 == next_at {
                                    next_at += step;
                                    return Ok(Some(x));
                                }
                            }
                        }))
                    }),
                ),
                (
                    "chain",
                    func("chain", |a, _| {
                        let mut sources: VecDeque<Value> = a.into();
                        let mut cur: Option<Value> = None;
                        Ok(Iter::value("chain", move || {
                            loop {
                                if let Some(it) = &cur
                                    && let Some(x) = ops::next(it)?
                                {
                                    return Ok(Some(x));
                                }
                                match sources.pop_front() {
                                    Some(s) => cur = Some(ops::iter(&s)?),
                                    None => return Ok(None),
                                }
                            }
                        }))
                    }),
                ),
                (
                    "repeat",
                    func("repeat", |a, _| {
                        let x = a.first().cloned().unwrap_or_default();
                        let mut left = a.get(1).and_then(|v| v.as_int());
                        Ok(Iter::value("repeat", move || {
                            if let Some(n) = left.as_mut() {
                                if *n <= 0 {
                                    return Ok(None);
                                }
                                *n -= 1;
                            }
                            Ok(Some(x.clone()))
                        }))
                    }),
                ),
            ],
        ),
        "collections" => make_module(
            "collections",
            vec![
                ("deque", lib("type", Lib::Class("deque"))),
                ("OrderedDict", lib("type", Lib::Class("OrderedDict"))),
                ("Counter", lib("type", Lib::Class("Counter"))),
                ("defaultdict", lib("type", Lib::Class("defaultdict"))),
                ("namedtuple", func("namedtuple", |a, k| namedtuple(&a, &k))),
            ],
        ),
        "functools" => make_module(
            "functools",
            vec![
                (
                    "partial",
                    func("partial", |a, k| {
                        let Some(f) = a.first().cloned() else {
                            return Err(PyException::new(
                                TYPE_ERROR,
                                "type 'partial' takes at least one argument",
                            ));
                        };
                        Ok(lib("partial", Lib::Partial(f, a[1..].to_vec(), k.clone())))
                    }),
                ),
                (
                    "wraps",
                    func("wraps", |a, _| {
                        let wrapped = a.first().cloned().unwrap_or_default();
                        Ok(func("wraps", move |a, _| {
                            let wrapper = a.first().cloned().unwrap_or_default();
                            update_wrapper(&wrapper, &wrapped)?;
                            Ok(wrapper)
                        }))
                    }),
                ),
                (
                    "reduce",
                    func("reduce", |a, _| {
                        let f = a.first().cloned().unwrap_or_default();
                        let mut items = ops::iterate(&a.get(1).cloned().unwrap_or_default())?.into_iter();
                        let mut acc = match a.get(2) {
                            Some(init) => init.clone(),
                            None => items.next().ok_or_else(|| {
                                PyException::new(
                                    TYPE_ERROR,
                                    "reduce() of empty iterable with no initial value",
                                )
                            })?,
                        };
                        for x in items {
                            acc = call_value(&f, vec![acc, x], vec![])?;
                        }
                        Ok(acc)
                    }),
                ),
            ],
        ),
        "warnings" => make_module(
            "warnings",
            vec![
                ("simplefilter", func("simplefilter", |a, k| set_filter(&a, &k))),
                ("filterwarnings", func("filterwarnings", |a, k| set_filter(&a, &k))),
                (
                    "catch_warnings",
                    func("catch_warnings", |_, k| {
                        let record = kw(&k, "record").is_some_and(|v| v.truthy());
                        Ok(lib("catch_warnings", Lib::CatchWarnings(record)))
                    }),
                ),
                (
                    "warn",
                    func("warn", |a, _| {
                        let msg = ops::str_of(&a.first().cloned().unwrap_or_default())?;
                        let cat = a
                            .get(1)
                            .map(crate::python::attrs::type_name_of)
                            .unwrap_or_else(|| "UserWarning".into());
                        crate::console::warn(&format!("{cat}: {msg}"));
                        Ok(Value::None)
                    }),
                ),
            ],
        ),
        _ => return None,
    })
}

/// `functools.update_wrapper`: the wrapper takes the wrapped function's name, qualified
/// name, module and docstring (those it has), its attributes, and `__wrapped__`.
fn update_wrapper(wrapper: &Value, wrapped: &Value) -> PyResult<()> {
    for name in ["__module__", "__name__", "__qualname__", "__doc__"] {
        match crate::python::attrs::getattr(wrapped, name) {
            Ok(v) => crate::python::attrs::setattr(wrapper, name, v)?,
            Err(e) if e.is_instance(ATTRIBUTE_ERROR) => {}
            Err(e) => return Err(e),
        }
    }
    if let Some(f) = downcast::<Function>(wrapped) {
        let attrs: Vec<(Rc<str>, Value)> = f
            .attrs
            .borrow()
            .iter()
            .filter(|(k, _)| !k.starts_with("__"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in attrs {
            crate::python::attrs::setattr(wrapper, &k, v)?;
        }
    }
    crate::python::attrs::setattr(wrapper, "__wrapped__", wrapped.clone())
}

fn namedtuple(a: &[Value], kwargs: &[(Rc<str>, Value)]) -> PyResult {
    let name: Rc<str> = Rc::from(a.first().and_then(|v| v.as_str()).unwrap_or("namedtuple"));
    let fields: Vec<Rc<str>> = match a.get(1) {
        Some(Value::Str(s)) => s.replace(',', " ").split_whitespace().map(Rc::from).collect(),
        Some(v) => ops::iterate(v)?.iter().map(|f| Rc::from(f.as_str().unwrap_or(""))).collect(),
        None => Vec::new(),
    };
    let defaults = match kw(kwargs, "defaults") {
        Some(v) if !v.is_none() => ops::iterate(v)?,
        _ => Vec::new(),
    };
    if defaults.len() > fields.len() {
        return Err(PyException::new(TYPE_ERROR, "Got more default values than field names"));
    }
    Ok(lib("type", Lib::NamedTuple(name, fields, defaults)))
}

/// Calling a library class.
fn call(l: &Lib, args: &[Value], kwargs: &[(Rc<str>, Value)]) -> Option<PyResult> {
    Some((|| -> PyResult {
        match l {
            Lib::Partial(f, fixed, fixed_kw) => {
                let mut all = fixed.clone();
                all.extend(args.iter().cloned());
                // {**fixed, **given}: a keyword given at the call replaces the one fixed.
                let mut kw = fixed_kw.clone();
                for (k, v) in kwargs {
                    match kw.iter_mut().find(|(n, _)| n == k) {
                        Some(slot) => slot.1 = v.clone(),
                        None => kw.push((k.clone(), v.clone())),
                    }
                }
                call_value(f, all, kw)
            }
            Lib::Class("deque") => {
                let items = match args.first() {
                    Some(v) => ops::iterate(v)?,
                    None => Vec::new(),
                };
                let max =
                    args.get(1).or_else(|| kw(kwargs, "maxlen")).and_then(|v| v.as_int()).map(|m| m as usize);
                let mut d: VecDeque<Value> = items.into();
                if let Some(m) = max {
                    while d.len() > m {
                        d.pop_front();
                    }
                }
                Ok(lib("deque", Lib::Deque(RefCell::new(d), max)))
            }
            Lib::Class("OrderedDict") => {
                let mut m = IndexMap::new();
                if let Some(src) = args.first() {
                    for (k, v) in ops::mapping_items(src)? {
                        dicts::insert(&mut m, Key::new(k)?, v)?;
                    }
                }
                for (k, v) in kwargs {
                    dicts::insert(&mut m, Key::str(k.clone()), v.clone())?;
                }
                Ok(new_dict_of(m, DictKind::Ordered))
            }
            Lib::Class("defaultdict") => {
                let factory = args.first().cloned().unwrap_or_default();
                let mut m = IndexMap::new();
                if let Some(src) = args.get(1) {
                    for (k, v) in ops::mapping_items(src)? {
                        dicts::insert(&mut m, Key::new(k)?, v)?;
                    }
                }
                Ok(new_dict_of(m, DictKind::Default(factory)))
            }
            Lib::Class("Counter") => {
                let mut m: IndexMap<Key, Value> = IndexMap::new();
                if let Some(src) = args.first() {
                    ops::count_into(&mut m, src)?;
                }
                for (k, v) in kwargs {
                    dicts::insert(&mut m, Key::str(k.clone()), v.clone())?;
                }
                Ok(new_dict_of(m, DictKind::Counter))
            }
            Lib::NamedTuple(name, fields, defaults) => {
                if args.len() > fields.len() {
                    return Err(PyException::new(
                        TYPE_ERROR,
                        format!(
                            "{name}.__new__() takes {} positional arguments but {} were given",
                            fields.len() + 1,
                            args.len() + 1
                        ),
                    ));
                }
                let mut values = args.to_vec();
                let first_default = fields.len() - defaults.len();
                for (i, f) in fields.iter().enumerate().skip(values.len()) {
                    match kw(kwargs, f) {
                        Some(v) => values.push(v.clone()),
                        None if i >= first_default => values.push(defaults[i - first_default].clone()),
                        None => {
                            return Err(PyException::new(
                                TYPE_ERROR,
                                format!("{name}.__new__() missing 1 required positional argument: '{f}'"),
                            ));
                        }
                    }
                }
                Ok(Value::named(name, fields.iter().map(|f| &**f).zip(values)))
            }
            _ => Err(PyException::new(TYPE_ERROR, "not callable")),
        }
    })())
}

/// Attributes of library objects.
fn getattr(l: &Lib, name: &str) -> Option<PyResult<Value>> {
    match l {
        Lib::Stream(err) => {
            let err = *err;
            Some(Ok(match name {
                "write" => func("write", move |a, _| {
                    let s = a.first().and_then(|v| v.as_str()).unwrap_or("").to_string();
                    crate::python::builtins::write_out(&s, err);
                    Ok(Value::Int(s.chars().count() as i64))
                }),
                "flush" => func("flush", |_, _| Ok(Value::None)),
                "isatty" => func("isatty", |_, _| Ok(Value::Bool(false))),
                _ => return None,
            }))
        }
        Lib::NamedTuple(class, fields, defaults) => Some(Ok(match name {
            "_fields" => Value::tuple(fields.iter().map(|f| Value::Str(f.clone()))),
            "__name__" | "__qualname__" => Value::Str(class.clone()),
            "_field_defaults" => {
                let named = fields[fields.len() - defaults.len()..].iter().zip(defaults);
                new_dict_of(named.map(|(f, v)| (Key::str(f.clone()), v.clone())).collect(), DictKind::Plain)
            }
            "_make" => {
                let (class, fields) = (class.clone(), fields.clone());
                func("_make", move |a, _| {
                    let values = ops::iterate(a.first().unwrap_or(&Value::None))?;
                    if values.len() != fields.len() {
                        return Err(PyException::new(
                            TYPE_ERROR,
                            format!("Expected {} arguments, got {}", fields.len(), values.len()),
                        ));
                    }
                    Ok(Value::named(&class, fields.iter().map(|f| &**f).zip(values)))
                })
            }
            _ => return None,
        })),
        Lib::Partial(f, args, kw) => Some(Ok(match name {
            "func" => f.clone(),
            "args" => Value::tuple(args.iter().cloned()),
            "keywords" => new_dict_of(
                kw.iter().map(|(k, v)| (Key::str(k.clone()), v.clone())).collect(),
                DictKind::Plain,
            ),
            _ => return None,
        })),
        Lib::CatchWarnings(record) => {
            let record = *record;
            Some(Ok(match name {
                // A new filter scope (starting as the outer one); with record=True, the
                // list the warnings go into instead of stderr.
                "__enter__" => func("__enter__", move |_, _| {
                    let list = record.then(|| new_list(vec![]));
                    WARN_SCOPES.with(|w| {
                        let mut w = w.borrow_mut();
                        let action = w.last().map_or_else(|| "default".into(), |s| s.action.clone());
                        w.push(WarnScope { action, record: list.clone() });
                    });
                    console::set_warn_hook(Some(warn_hook));
                    Ok(list.unwrap_or_default())
                }),
                "__exit__" => func("__exit__", |_, _| {
                    // Dropped after the borrow: what the list held may warn as it goes.
                    let scope = WARN_SCOPES.with(|w| w.borrow_mut().pop());
                    drop(scope);
                    Ok(Value::Bool(false))
                }),
                _ => return None,
            }))
        }
        _ => None,
    }
}

/// A `catch_warnings` block: the filter action in force, and the list it records into.
struct WarnScope {
    action: String,
    record: Option<Value>,
}

thread_local! {
    /// The open `catch_warnings` blocks, innermost last; the first is the program's own
    /// filters.
    static WARN_SCOPES: RefCell<Vec<WarnScope>> = const { RefCell::new(Vec::new()) };
}

/// Forgets the warning filters (a new program starts).
pub fn reset() {
    let scopes = WARN_SCOPES.with(|w| std::mem::take(&mut *w.borrow_mut()));
    drop(scopes);
    console::set_warn_hook(Some(warn_hook));
    TO_PROGRAM.with(|t| t.set(true));
}

/// The program has ended: warnings raised from now on (by another program of this
/// thread, a built-in scenario) are no longer its.
pub fn finish() {
    TO_PROGRAM.with(|t| t.set(false));
}

thread_local! {
    /// A program is running: a warning no filter catches goes to its stderr, in order with
    /// what it writes there (asyncio's logger and `warnings` write to `sys.stderr`).
    static TO_PROGRAM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Prints a warning on the running program's stderr; false if no program runs.
fn print_to_program(text: &str) -> bool {
    if !TO_PROGRAM.try_with(|t| t.get()).unwrap_or(false) {
        return false;
    }
    crate::python::state::write_out(&format!("{text}\n"), true);
    true
}

/// `warnings.simplefilter(action)`: in force until the enclosing `catch_warnings` ends.
fn set_filter(a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult {
    let action = ops::str_of(&a.first().or_else(|| kw(k, "action")).cloned().unwrap_or_default())?;
    WARN_SCOPES.with(|w| {
        let mut w = w.borrow_mut();
        match w.last_mut() {
            Some(scope) => scope.action = action,
            None => w.push(WarnScope { action, record: None }),
        }
    });
    Ok(Value::None)
}

/// A warning (`Category: message`), as the filters in force say: dropped, recorded, or
/// left to be printed.
fn warn_hook(text: &str) -> bool {
    let Ok(Some((action, record))) = WARN_SCOPES.try_with(|w| {
        w.try_borrow().ok().and_then(|w| w.last().map(|s| (s.action.clone(), s.record.clone())))
    }) else {
        return print_to_program(text);
    };
    if action == "ignore" {
        return true;
    }
    let Some(list) = record.as_ref().and_then(|l| downcast::<List>(l)) else { return print_to_program(text) };
    let (category, message) = text.split_once(": ").unwrap_or(("UserWarning", text));
    // The category is the builtin warning class of that name (`w.category is RuntimeWarning`).
    let category = match category {
        "RuntimeWarning" => RUNTIME_WARNING,
        "DeprecationWarning" => DEPRECATION_WARNING,
        "ResourceWarning" => RESOURCE_WARNING,
        _ => USER_WARNING,
    };
    let fields =
        vec![(Rc::from("message"), Value::str(message)), (Rc::from("category"), Value::ExcClass(category))];
    let Ok(mut items) = list.0.try_borrow_mut() else { return false };
    items.push(Value::Named(Rc::new(crate::value::NamedTuple {
        type_name: Rc::from("WarningMessage"),
        fields,
    })));
    true
}

/// Methods of a deque, bound to it.
fn deque_method(v: &Value, name: &str) -> Option<Value> {
    let n = downcast_rc::<Native>(v)?;
    let Some(Lib::Deque(..)) = lib_of(&n) else { return None };
    let with = {
        let n = n.clone();
        move |f: fn(&mut VecDeque<Value>, Option<usize>, &[Value]) -> PyResult| {
            let n = n.clone();
            func(name, move |a, _| {
                let Some(Lib::Deque(d, max)) = lib_of(&n) else { return Ok(Value::None) };
                f(&mut d.borrow_mut(), *max, &a)
            })
        }
    };
    // Methods that compare items run a program's `__eq__`: never with the deque borrowed.
    let items = {
        let n = n.clone();
        move || match lib_of(&n) {
            Some(Lib::Deque(d, _)) => d.borrow().iter().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        }
    };
    Some(match name {
        "remove" => {
            let n = n.clone();
            func(name, move |a, _| {
                let x = a.first().cloned().unwrap_or_default();
                for (i, item) in items().iter().enumerate() {
                    if ops::eq_or_is(item, &x)? {
                        if let Some(Lib::Deque(d, _)) = lib_of(&n) {
                            d.borrow_mut().remove(i);
                        }
                        return Ok(Value::None);
                    }
                }
                Err(PyException::new(
                    VALUE_ERROR,
                    format!("{} is not in deque", crate::python::objects::repr(&x)?),
                ))
            })
        }
        "count" => func(name, move |a, _| {
            let x = a.first().cloned().unwrap_or_default();
            let mut count = 0;
            for item in items() {
                count += i64::from(ops::eq_or_is(&item, &x)?);
            }
            Ok(Value::Int(count))
        }),
        "append" => with(|d, max, a| {
            d.push_back(a[0].clone());
            if max.is_some_and(|m| d.len() > m) {
                d.pop_front();
            }
            Ok(Value::None)
        }),
        "appendleft" => with(|d, max, a| {
            d.push_front(a[0].clone());
            if max.is_some_and(|m| d.len() > m) {
                d.pop_back();
            }
            Ok(Value::None)
        }),
        "pop" => with(|d, _, _| {
            d.pop_back().ok_or_else(|| PyException::new(INDEX_ERROR, "pop from an empty deque"))
        }),
        "popleft" => with(|d, _, _| {
            d.pop_front().ok_or_else(|| PyException::new(INDEX_ERROR, "pop from an empty deque"))
        }),
        "clear" => with(|d, _, _| {
            d.clear();
            Ok(Value::None)
        }),
        "extend" => with(|d, _, a| {
            d.extend(ops::iterate(&a[0])?);
            Ok(Value::None)
        }),
        "rotate" => with(|d, _, a| {
            let n = a.first().and_then(|v| v.as_int()).unwrap_or(1);
            if !d.is_empty() {
                let k = n.rem_euclid(d.len() as i64) as usize;
                d.rotate_right(k);
            }
            Ok(Value::None)
        }),
        _ => return None,
    })
}
