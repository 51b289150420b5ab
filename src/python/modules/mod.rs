//! `import`: the modules a course program uses, each mapped onto corosim (CPython's
//! `Lib/` and `Modules/`, the parts these programs reach).
//!
//! `asyncio` is corosim's own loop (`asyncio.rs`); `sys`, `time`, `inspect`, `types`,
//! `itertools`, `collections`, `functools` and `warnings` are small and live in
//! `library.rs`. Each other module has its own file: `random` (on `mersenne.rs`, CPython's
//! Mersenne Twister), `math`, `heapq`, `string`, `textwrap`, `typing`, `dataclasses`,
//! `argparse`, and the files a program reads and writes: `open()` (`io.rs`), `os` and
//! `tempfile`. As in CPython, `threading`, `queue` and `concurrent.futures` are Python
//! (`threading.py`, `queue.py`, `concurrent_futures.py`, and asyncio's doors to threads
//! in `asyncio_threads.py`) on the native `_thread` (`thread.rs`). An `import` of anything
//! else is `ModuleNotFoundError`, as CPython says it, so a program learns which module
//! corosim does not simulate.
//!
//! ```
//! let out = corosim::python::run_to_string("import sys, inspect\nprint(sys.argv[0] != '', inspect.isgenerator(1))\n");
//! assert_eq!(out, "True False\n");
//! ```

mod argparse;
pub mod asyncio;
mod asyncio_streams;
mod asyncio_transports;
mod collections_abc;
mod dataclasses;
mod heapq;
pub mod io;
mod library;
mod math;
pub mod mersenne;
mod os;
pub mod random;
mod re;
pub mod reprlib;
mod socket;
mod string;
mod tempfile;
mod textwrap;
mod thread;
mod typing;
pub mod unicodedata;
mod urllib_parse;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::objects::Module;
use crate::exception::*;
use crate::value::Value;

thread_local! {
    static MODULES: RefCell<HashMap<String, Value>> = RefCell::new(HashMap::new());
}

/// Forgets imported modules (a new program starts).
/// The program has ended (see [`library::finish`]).
pub fn finish() {
    library::finish();
}

pub fn reset() {
    MODULES.with(|m| m.borrow_mut().clear());
    asyncio::reset();
    library::reset();
}

/// A module value from its attributes.
pub fn module(name: &str, attrs: Vec<(&str, Value)>) -> Value {
    let dict = attrs.into_iter().map(|(k, v)| (Rc::from(k), v)).collect();
    Value::Obj(Rc::new(Module { name: Rc::from(name), dict: RefCell::new(dict) }))
}

/// `import name`.
pub fn import(name: &str) -> PyResult<Value> {
    if let Some(m) = MODULES.with(|m| m.borrow().get(name).cloned()) {
        return Ok(m);
    }
    let m = match name {
        "asyncio" | "asyncio.exceptions" => with_network(asyncio::module())?,
        "asyncio.protocols" => from_source("asyncio.protocols", include_str!("asyncio_protocols.py"))?,
        "random" => random::module(),
        "heapq" => heapq::module(),
        "argparse" => argparse::module(),
        "math" => math::module(),
        "string" => string::module(),
        "textwrap" => textwrap::module(),
        "reprlib" => reprlib::module(),
        "typing" => typing::module(),
        "dataclasses" => dataclasses::module(),
        "io" => io::module(),
        "os" => os::module(),
        // `import os.path` binds `os`; the module itself is `os.path`.
        "os.path" => super::attrs::getattr(&import("os")?, "path")?,
        "tempfile" => tempfile::module(),
        "_thread" => thread::module(),
        "re" => re::module(),
        "socket" => socket::module(),
        "unicodedata" => unicodedata::module(),
        "urllib" => module("urllib", vec![]),
        "urllib.parse" => {
            let m = urllib_parse::module();
            // `import urllib.parse` binds the package, which has it as `parse`.
            let package = import("urllib")?;
            if let Some(package) = super::objects::downcast::<Module>(&package) {
                package.dict.borrow_mut().insert(Rc::from("parse"), m.clone());
            }
            m
        }
        "itertools" => {
            // count, cycle, islice, chain, repeat in Rust; the rest in Python.
            let m = library::module("itertools").expect("itertools is in the library");
            let more = from_source("itertools", include_str!("itertools_more.py"))?;
            if let (Some(m), Some(more)) =
                (super::objects::downcast::<Module>(&m), super::objects::downcast::<Module>(&more))
            {
                let mut dict = m.dict.borrow_mut();
                for (k, v) in more.dict.borrow().iter().filter(|(k, _)| !k.starts_with('_')) {
                    dict.insert(k.clone(), v.clone());
                }
            }
            m
        }
        "collections" => {
            // `collections.abc` is there as soon as `collections` is, as in CPython.
            let m = library::module("collections").expect("collections is in the library");
            if let Some(package) = super::objects::downcast::<Module>(&m) {
                package.dict.borrow_mut().insert(Rc::from("abc"), import("collections.abc")?);
            }
            m
        }
        "collections.abc" => collections_abc::module(),
        "operator" => from_source("operator", include_str!("operator.py"))?,
        "contextlib" => from_source("contextlib", include_str!("contextlib.py"))?,
        "threading" => from_source("threading", include_str!("threading.py"))?,
        "queue" => from_source("queue", include_str!("queue.py"))?,
        "concurrent" => module("concurrent", vec![]),
        "concurrent.futures" => {
            let m = from_source("concurrent.futures", include_str!("concurrent_futures.py"))?;
            // `import concurrent.futures` binds the package, which has it as `futures`.
            let package = import("concurrent")?;
            if let Some(package) = super::objects::downcast::<Module>(&package) {
                package.dict.borrow_mut().insert(Rc::from("futures"), m.clone());
            }
            m
        }
        "_corosim_asyncio_queues" => from_source("asyncio.queues", include_str!("asyncio_queues.py"))?,
        "_corosim_asyncio_locks" => from_source("asyncio.locks", include_str!("asyncio_locks.py"))?,
        "_corosim_asyncio_threads" => {
            from_source("_corosim_asyncio_threads", include_str!("asyncio_threads.py"))?
        }
        _ => match library::module(name) {
            Some(m) => m,
            None => {
                return Err(PyException::new(
                    MODULE_NOT_FOUND_ERROR,
                    format!(
                        "No module named '{name}' (corosim does not simulate it: see `corosim help python`)"
                    ),
                ));
            }
        },
    };
    MODULES.with(|ms| ms.borrow_mut().insert(name.to_string(), m.clone()));
    Ok(m)
}

/// asyncio's network names (`start_server`, `open_connection`, `Protocol` …: the
/// files `asyncio_streams.rs`, `asyncio_transports.rs`, `asyncio_protocols.py`) added
/// to the module `asyncio.rs` makes.
fn with_network(asyncio: Value) -> PyResult<Value> {
    let protocols = import("asyncio.protocols")?;
    let queues = import("_corosim_asyncio_queues")?;
    let mut names = asyncio_streams::functions();
    for class in ["BaseProtocol", "Protocol"] {
        names.push((class, super::attrs::getattr(&protocols, class)?));
    }
    for class in ["PriorityQueue", "LifoQueue"] {
        names.push((class, super::attrs::getattr(&queues, class)?));
    }
    let locks = import("_corosim_asyncio_locks")?;
    names.push(("Condition", super::attrs::getattr(&locks, "Condition")?));
    if let Some(m) = super::objects::downcast::<Module>(&asyncio) {
        let mut dict = m.dict.borrow_mut();
        for (name, value) in names {
            dict.insert(Rc::from(name), value);
        }
    }
    Ok(asyncio)
}

/// A library module written in Python (`threading.py`, `queue.py` … beside this file), as
/// CPython's `Lib/` modules are: compiled and run once, in a namespace of its own. Its
/// code has no lines (all 0), so its frames stay out of tracebacks and the trace, as a
/// program sees only its own lines.
fn from_source(name: &str, source: &str) -> PyResult<Value> {
    use super::code::{Code, Const, Op};
    fn lineless(code: &mut Rc<Code>) {
        let Some(c) = Rc::get_mut(code) else { return };
        c.lines.iter_mut().for_each(|l| *l = 0);
        c.spans.iter_mut().for_each(|s| *s = None);
        c.first_line = 0;
        for op in c.ops.iter_mut() {
            if let Op::Line(n) | Op::LineJump(n) = op {
                *n = 0;
            }
        }
        for k in c.consts.iter_mut() {
            if let Const::Code(inner) = k {
                lineless(inner);
            }
        }
    }
    let started = std::time::Instant::now();
    let mut code = super::compile::compile_module(source, name).map_err(|e| {
        PyException::new(
            RUNTIME_ERROR,
            format!("corosim's {name} module does not compile (a bug): {}", e.message),
        )
    })?;
    lineless(&mut code);
    let globals: super::objects::Namespace = Rc::new(RefCell::new(super::objects::Names::default()));
    globals.borrow_mut().insert(Rc::from("__name__"), Value::str(name));
    // Run as a function of no arguments whose body is the module's (its names then go
    // to the namespace): through `objects::call`, the evaluation loop's door for modules.
    let body = super::objects::Function {
        code,
        globals: globals.clone(),
        defaults: Vec::new(),
        kwdefaults: Vec::new(),
        closure: Vec::new(),
        owner: RefCell::new(None),
        iterable_coroutine: std::cell::Cell::new(false),
        attrs: RefCell::new(super::objects::Names::default()),
    };
    let made = super::objects::call(&Value::Obj(Rc::new(body)), vec![], vec![]);
    // Not the program's time: a slow-step warning leaves it out.
    super::threads::add_setup_time(started.elapsed());
    made?;
    let dict = globals.borrow().clone();
    Ok(Value::Obj(Rc::new(Module { name: Rc::from(name), dict: RefCell::new(dict) })))
}

/// At the program's end, as the interpreter's: `threading._shutdown()` (the calls
/// registered to run then, and a join of every thread that is not a daemon), if the
/// program imported `threading`.
pub fn shutdown_threads() -> PyResult<()> {
    let Some(threading) = MODULES.with(|m| m.borrow().get("threading").cloned()) else {
        return Ok(());
    };
    let shutdown = super::attrs::getattr(&threading, "_shutdown")?;
    super::objects::call(&shutdown, vec![], vec![]).map(|_| ())
}

/// Whether the program has imported `name` (a module made on first import).
pub fn is_imported(name: &str) -> bool {
    MODULES.with(|m| m.borrow().contains_key(name))
}
