//! Code objects and generator frames as a program sees them: `f.__code__`,
//! `gen.gi_code`, `gen.gi_frame.f_lineno`.
//!
//! In CPython a function's compiled body is a code object (`co_name`, `co_firstlineno`,
//! `co_varnames`...), and a paused generator keeps a frame that knows the line it stands
//! at. A classroom uses them to show *where* a generator is paused:
//!
//! ```
//! let out = corosim::python::run_to_string("def g():\n    yield 1\n    yield 2\n\nit = g()\nprint(it.gi_frame.f_lineno, it.gi_code.co_name)\nnext(it)\nprint(it.gi_frame.f_lineno)\n");
//! assert_eq!(out, "1 g\n2\n");
//! ```

use std::rc::Rc;

use super::code::Code;
use super::objects::{Key, NativeObject, fake_address};
use super::state::with_state;
use crate::exception::{ATTRIBUTE_ERROR, PyException, PyResult};
use crate::generator::Generator;
use crate::value::Value;

/// A code object (`f.__code__`, `gen.gi_code`).
pub struct CodeObject(pub Rc<Code>);

/// A code object as a program's value.
pub fn code_value(code: Rc<Code>) -> Value {
    super::objects::Native::value(CodeObject(code))
}

impl NativeObject for CodeObject {
    fn type_name(&self) -> &str {
        "code"
    }
    fn repr(&self) -> String {
        let file = with_state(|s| s.file.clone());
        let at = fake_address(self as *const _ as *const ());
        format!("<code object {} at {at}, file \"{file}\", line {}>", self.0.name, self.0.first_line)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let code = &self.0;
        Ok(match name {
            "co_name" => Value::Str(code.name.clone()),
            "co_qualname" => Value::Str(code.qualname.clone()),
            "co_filename" => Value::Str(with_state(|s| s.file.clone())),
            "co_firstlineno" => Value::Int(code.first_line.into()),
            "co_argcount" => Value::Int(code.argcount.into()),
            "co_varnames" => Value::tuple(code.varnames.iter().cloned().map(Value::Str)),
            "co_cellvars" => Value::tuple(code.cellvars.iter().cloned().map(Value::Str)),
            "co_freevars" => Value::tuple(code.freevars.iter().cloned().map(Value::Str)),
            _ => return Err(not_simulated("code", name)),
        })
    }
}

/// A generator's frame while it lives (`gen.gi_frame`, `coro.cr_frame`): the line it
/// stands at, read from the runtime as it changes.
pub struct FrameObject {
    g: Generator,
    code: Rc<Code>,
}

/// The frame of an interpreter's generator, or `None` once it is over (as in CPython).
pub fn frame_value(g: &Generator, code: &Rc<Code>) -> Value {
    if g.state() == crate::trace::GenState::Closed || g.line().is_none() {
        return Value::None;
    }
    super::objects::Native::value(FrameObject { g: g.clone(), code: code.clone() })
}

impl NativeObject for FrameObject {
    fn type_name(&self) -> &str {
        "frame"
    }
    fn repr(&self) -> String {
        let file = with_state(|s| s.file.clone());
        let at = fake_address(self as *const _ as *const ());
        format!("<frame at {at}, file '{file}', line {}, code {}>", self.line(), self.code.name)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        Ok(match name {
            "f_lineno" => Value::Int(self.line().into()),
            "f_code" => code_value(self.code.clone()),
            // A paused generator's frame has no caller; while it runs, corosim's runtime
            // (not a Python frame) is what called it.
            "f_back" => Value::None,
            // Read from the paused frame; a running one is inside the call that asks, whose
            // own locals CPython would show: corosim keeps them inside that call.
            "f_locals" => match self.g.locals() {
                Some(locals) => {
                    super::objects::new_dict(locals.into_iter().map(|(k, v)| (Key::str(&*k), v)).collect())
                }
                None => {
                    return Err(PyException::new(
                        ATTRIBUTE_ERROR,
                        "f_locals of a running generator's frame is not simulated by corosim",
                    ));
                }
            },
            _ => return Err(not_simulated("frame", name)),
        })
    }
}

impl FrameObject {
    /// Where it stands: its `def` line before it starts, as CPython's.
    fn line(&self) -> u32 {
        self.g.line().unwrap_or(self.code.first_line)
    }
}

/// An attribute CPython has that corosim does not simulate says so; any other is
/// CPython's plain AttributeError.
fn not_simulated(type_name: &str, name: &str) -> PyException {
    const REAL: &[&str] = &[
        "f_locals",
        "f_globals",
        "f_builtins",
        "f_lasti",
        "f_trace",
        "f_trace_lines",
        "f_trace_opcodes",
        "co_code",
        "co_consts",
        "co_names",
        "co_flags",
        "co_nlocals",
        "co_stacksize",
        "co_lnotab",
        "co_linetable",
        "co_exceptiontable",
        "co_posonlyargcount",
        "co_kwonlyargcount",
        "co_lines",
        "co_positions",
        "clear",
    ];
    let message = if REAL.contains(&name) {
        format!("'{type_name}' object attribute '{name}' is not simulated by corosim")
    } else {
        format!("'{type_name}' object has no attribute '{name}'")
    };
    PyException::new(ATTRIBUTE_ERROR, message)
}
