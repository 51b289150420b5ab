//! `import`: the modules a course program uses, each mapped onto corosim (CPython's
//! `Lib/` and `Modules/`, the parts these programs reach).
//!
//! `asyncio` is corosim's own loop (`asyncio.rs`); `sys`, `time`, `inspect`, `types`,
//! `itertools`, `collections`, `functools` and `warnings` are small and live in
//! `library.rs`. Each other module has its own file: `random` (on `mersenne.rs`, CPython's
//! Mersenne Twister), `math`, `heapq`, `string`, `textwrap`, `typing`, `dataclasses` and
//! `argparse`. An `import` of anything else is `ModuleNotFoundError`, as CPython says it,
//! so a program learns which module corosim does not simulate.
//!
//! ```
//! let out = corosim::python::run_to_string("import sys, inspect\nprint(sys.argv[0] != '', inspect.isgenerator(1))\n");
//! assert_eq!(out, "True False\n");
//! ```

mod argparse;
pub mod asyncio;
mod dataclasses;
mod heapq;
mod library;
mod math;
pub mod mersenne;
pub mod random;
mod string;
mod textwrap;
mod typing;

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
        "asyncio" => asyncio::module(),
        "asyncio.exceptions" => asyncio::module(),
        "random" => random::module(),
        "heapq" => heapq::module(),
        "argparse" => argparse::module(),
        "math" => math::module(),
        "string" => string::module(),
        "textwrap" => textwrap::module(),
        "typing" => typing::module(),
        "dataclasses" => dataclasses::module(),
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
