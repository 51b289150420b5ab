//! `import _thread`: CPython's low-level threads module, on corosim's simulated threads
//! (`python/threads.rs`).
//!
//! As in CPython, this is all that is native: starting a thread, the lock (`acquire`
//! with `blocking` and `timeout`, `release`, `locked`) and the thread's ident. `threading`,
//! `queue` and `concurrent.futures` are written in Python on top of it
//! (`threading.py`, `queue.py`, `concurrent_futures.py` beside this file), so a program's
//! thread can lose its turn inside `Condition.wait` just as under CPython. A few private
//! helpers (`_now`, `_set_name`, `_report`) connect those modules to the scheduler.
//!
//! ```
//! let out = corosim::python::run_to_string("import _thread\nlock = _thread.allocate_lock()\nprint(lock.acquire(), lock.acquire(False), lock.acquire(True, 1.5))\n");
//! assert_eq!(out, "True False False\n");
//! ```

use std::cell::Cell;
use std::rc::Rc;

use super::module as make_module;
use crate::exception::*;
use crate::python::objects::call as call_value;
use crate::python::objects::*;
use crate::python::threads;
use crate::value::Value;

/// `_thread.lock`: a plain lock; any thread may release it.
struct ThreadLock {
    locked: Rc<Cell<bool>>,
}

impl NativeObject for ThreadLock {
    fn type_name(&self) -> &str {
        "lock"
    }
    fn repr(&self) -> String {
        let state = if self.locked.get() { "locked" } else { "unlocked" };
        format!("<{state} _thread.lock object at {:#x}>", Rc::as_ptr(&self.locked) as usize)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let locked = self.locked.clone();
        Ok(match name {
            "acquire" | "acquire_lock" | "__enter__" => {
                Builtin::value(name, move |a, k| acquire(&locked, &a, &k).map(Value::Bool))
            }
            "release" | "release_lock" | "__exit__" => Builtin::value(name, move |_, _| {
                if !locked.get() {
                    return Err(PyException::new(RUNTIME_ERROR, "release unlocked lock"));
                }
                locked.set(false);
                Ok(Value::None)
            }),
            "locked" | "locked_lock" => Builtin::value(name, move |_, _| Ok(Value::Bool(locked.get()))),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'_thread.lock' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

fn arg<'a>(a: &'a [Value], k: &'a [(Rc<str>, Value)], i: usize, name: &str) -> Option<&'a Value> {
    a.get(i).or_else(|| k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v))
}

/// `lock.acquire(blocking=True, timeout=-1)`, with CPython's checks and texts.
fn acquire(locked: &Rc<Cell<bool>>, a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<bool> {
    let blocking = arg(a, k, 0, "blocking").is_none_or(|b| b.truthy());
    let timeout = match arg(a, k, 1, "timeout") {
        None => -1.0,
        Some(v) => v.as_f64().ok_or_else(|| {
            PyException::new(
                TYPE_ERROR,
                format!("'{}' object cannot be interpreted as an integer or float", v.type_name()),
            )
        })?,
    };
    if !blocking && timeout != -1.0 {
        return Err(PyException::new(VALUE_ERROR, "can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(PyException::new(VALUE_ERROR, "timeout value must be positive"));
    }
    if !locked.get() {
        locked.set(true);
        return Ok(true);
    }
    if !blocking {
        return Ok(false);
    }
    let deadline = (timeout >= 0.0).then(|| threads::now() + timeout);
    let probe = locked.clone();
    let got = threads::block(Rc::new(move || !probe.get()), deadline)?;
    if got {
        locked.set(true);
    }
    Ok(got)
}

/// A new lock, as a program's value.
fn new_lock() -> Value {
    Native::value(ThreadLock { locked: Rc::new(Cell::new(false)) })
}

fn func(name: &str, f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static) -> Value {
    Builtin::value(name, f)
}

/// Starts `function(*args, **kwargs)` in a new simulated thread named `name`.
fn start(function: Value, args: Value, kwargs: Value, name: &str) -> PyResult<Value> {
    let args = match &args {
        Value::Tuple(t) => t.to_vec(),
        _ => return Err(PyException::new(TYPE_ERROR, "2nd arg must be a tuple")),
    };
    let kwargs: Vec<(Rc<str>, Value)> = match downcast::<Dict>(&kwargs) {
        Some(d) => {
            d.0.borrow().iter().filter_map(|(k, v)| k.0.as_str().map(|s| (Rc::from(s), v.clone()))).collect()
        }
        None if kwargs.is_none() => Vec::new(),
        None => return Err(PyException::new(TYPE_ERROR, "optional 3rd arg must be a dictionary")),
    };
    let ident = threads::spawn(name, move || call_value(&function, args, kwargs).map(|_| ()));
    Ok(Value::Int(ident as i64))
}

/// The `_thread` module.
pub fn module() -> Value {
    make_module(
        "_thread",
        vec![
            (
                "start_new_thread",
                func("start_new_thread", |a, _| {
                    let mut it = a.into_iter();
                    let (f, args, kwargs) = (
                        it.next().unwrap_or_default(),
                        it.next().unwrap_or_default(),
                        it.next().unwrap_or_default(),
                    );
                    start(f, args, kwargs, "Dummy")
                }),
            ),
            (
                "_start",
                func("_start", |a, _| {
                    let mut it = a.into_iter();
                    let f = it.next().unwrap_or_default();
                    let name = it.next().and_then(|n| n.as_str().map(String::from)).unwrap_or_default();
                    start(f, Value::tuple([]), Value::None, &name)
                }),
            ),
            ("allocate_lock", func("allocate_lock", |_, _| Ok(new_lock()))),
            ("LockType", func("lock", |_, _| Ok(new_lock()))),
            ("get_ident", func("get_ident", |_, _| Ok(Value::Int(threads::current_ident() as i64)))),
            ("get_native_id", func("get_native_id", |_, _| Ok(Value::Int(threads::current_ident() as i64)))),
            ("TIMEOUT_MAX", Value::Float(9_223_372_036.0)),
            ("_main_ident", Value::Int(threads::MAIN_IDENT as i64)),
            ("error", Value::ExcClass(RUNTIME_ERROR)),
            ("_now", func("_now", |_, _| Ok(Value::Float(threads::now())))),
            (
                "_set_name",
                func("_set_name", |a, _| {
                    let ident = a.first().and_then(|v| v.as_int()).unwrap_or(0);
                    let name = a.get(1).and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                    threads::set_name(ident as u64, &name);
                    Ok(Value::None)
                }),
            ),
            (
                // A warning, as `warnings.warn` prints it (`DeprecationWarning: …`).
                "_warn",
                func("_warn", |a, _| {
                    let text = a.first().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                    crate::console::warn(&text);
                    Ok(Value::None)
                }),
            ),
            (
                // `threading.excepthook`'s report: the header, then the traceback.
                "_report",
                func("_report", |a, _| {
                    let header = a.first().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
                    let text = match a.get(1) {
                        Some(Value::Exception(e)) => crate::python::traceback::format(e),
                        _ => String::new(),
                    };
                    crate::python::builtins::write_out(&format!("{header}{text}"), true);
                    Ok(Value::None)
                }),
            ),
        ],
    )
}
