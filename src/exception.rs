//! Python exceptions: classes with a base-class chain, instances with `args`,
//! `__cause__` (`raise X from Y`) and `__context__`.
//!
//! The one distinction every coroutine program depends on is **BaseException vs
//! Exception**: `GeneratorExit` and `CancelledError` derive from `BaseException`, so an
//! `except Exception:` handler does not swallow a close or a cancellation.
//!
//! ```
//! use corosim::exception::{PyException, EXCEPTION, GENERATOR_EXIT, VALUE_ERROR};
//! let e = PyException::new(VALUE_ERROR, "boom");
//! assert_eq!(e.to_string(), "ValueError: boom");
//! assert!(e.is_instance(EXCEPTION));
//! assert!(!PyException::bare(GENERATOR_EXIT).is_instance(EXCEPTION));
//! ```

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::value::Value;

/// The definition of an exception class: a name, a module, and a base class.
///
/// Builtin classes are `static`s; a program defines its own with
/// [`ExcClass::define`] (like `class FetchError(Exception): pass`).
#[derive(Debug)]
pub struct ClassDef {
    name: &'static str,
    module: &'static str,
    base: Option<&'static ClassDef>,
}

impl ClassDef {
    /// A class definition for a `static`.
    pub const fn new(name: &'static str, module: &'static str, base: Option<&'static ClassDef>) -> Self {
        ClassDef { name, module, base }
    }
}

/// An exception class (`ValueError`, `CancelledError`, a user-defined class).
///
/// Classes compare by identity, as in Python.
#[derive(Clone, Copy)]
pub struct ExcClass(&'static ClassDef);

impl ExcClass {
    /// Wraps a static class definition.
    pub const fn of(def: &'static ClassDef) -> Self {
        ExcClass(def)
    }

    /// Defines a new class at run time, like `class FetchError(Exception): pass` in
    /// `__main__`. Classes live for the whole program, as Python's usually do.
    ///
    /// ```
    /// use corosim::exception::{ExcClass, EXCEPTION};
    /// let fetch_error = ExcClass::define("FetchError", EXCEPTION);
    /// assert!(fetch_error.is_subclass(EXCEPTION));
    /// assert_eq!(fetch_error.name(), "FetchError");
    /// ```
    pub fn define(name: &str, base: ExcClass) -> ExcClass {
        let name: &'static str = Box::leak(name.to_owned().into_boxed_str());
        ExcClass(Box::leak(Box::new(ClassDef::new(name, "__main__", Some(base.0)))))
    }

    /// `cls.__name__`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// `cls.__module__`: `builtins`, `__main__`, `asyncio.exceptions`, ...
    pub fn module(self) -> &'static str {
        self.0.module
    }

    /// The name as a traceback prints it: builtins and `__main__` bare, others with their
    /// module (`asyncio.exceptions.CancelledError`).
    pub fn qualified_name(self) -> String {
        match self.0.module {
            "builtins" | "__main__" => self.0.name.to_string(),
            module => format!("{module}.{}", self.0.name),
        }
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(self, other: ExcClass) -> bool {
        let mut c = Some(self.0);
        while let Some(def) = c {
            if std::ptr::eq(def, other.0) {
                return true;
            }
            c = def.base;
        }
        false
    }

    /// Calls the class: `ValueError('boom')`.
    pub fn call(self, args: impl IntoIterator<Item = Value>) -> PyException {
        PyException::with_args(self, args.into_iter().collect())
    }
}

impl PartialEq for ExcClass {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for ExcClass {}

impl fmt::Debug for ExcClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

macro_rules! builtin_classes {
    ($($(#[$doc:meta])* $konst:ident, $def:ident = $name:literal in $module:literal : $base:expr;)*) => {
        $(
            #[doc(hidden)]
            pub static $def: ClassDef = ClassDef::new($name, $module, $base);
            $(#[$doc])*
            pub const $konst: ExcClass = ExcClass(&$def);
        )*
    };
}

builtin_classes! {
    /// `BaseException`: the root of every exception.
    BASE_EXCEPTION, BASE_EXCEPTION_DEF = "BaseException" in "builtins": None;
    /// `Exception`: what `except Exception` catches.
    EXCEPTION, EXCEPTION_DEF = "Exception" in "builtins": Some(&BASE_EXCEPTION_DEF);
    /// `GeneratorExit`: thrown in by `close()`; a BaseException.
    GENERATOR_EXIT, GENERATOR_EXIT_DEF = "GeneratorExit" in "builtins": Some(&BASE_EXCEPTION_DEF);
    /// `KeyboardInterrupt`: Ctrl-C; a BaseException.
    KEYBOARD_INTERRUPT, KEYBOARD_INTERRUPT_DEF = "KeyboardInterrupt" in "builtins": Some(&BASE_EXCEPTION_DEF);
    /// `StopIteration`: how a generator reports its return value.
    STOP_ITERATION, STOP_ITERATION_DEF = "StopIteration" in "builtins": Some(&EXCEPTION_DEF);
    /// `ArithmeticError`.
    ARITHMETIC_ERROR, ARITHMETIC_ERROR_DEF = "ArithmeticError" in "builtins": Some(&EXCEPTION_DEF);
    /// `ZeroDivisionError`.
    ZERO_DIVISION_ERROR, ZERO_DIVISION_ERROR_DEF = "ZeroDivisionError" in "builtins": Some(&ARITHMETIC_ERROR_DEF);
    /// `ValueError`.
    VALUE_ERROR, VALUE_ERROR_DEF = "ValueError" in "builtins": Some(&EXCEPTION_DEF);
    /// `TypeError`.
    TYPE_ERROR, TYPE_ERROR_DEF = "TypeError" in "builtins": Some(&EXCEPTION_DEF);
    /// `KeyError`.
    KEY_ERROR, KEY_ERROR_DEF = "KeyError" in "builtins": Some(&EXCEPTION_DEF);
    /// `RuntimeError`.
    RUNTIME_ERROR, RUNTIME_ERROR_DEF = "RuntimeError" in "builtins": Some(&EXCEPTION_DEF);
    /// `RecursionError`.
    RECURSION_ERROR, RECURSION_ERROR_DEF = "RecursionError" in "builtins": Some(&RUNTIME_ERROR_DEF);
    /// `AttributeError`.
    ATTRIBUTE_ERROR, ATTRIBUTE_ERROR_DEF = "AttributeError" in "builtins": Some(&EXCEPTION_DEF);
    /// `OSError`.
    OS_ERROR, OS_ERROR_DEF = "OSError" in "builtins": Some(&EXCEPTION_DEF);
    /// `ConnectionError`.
    CONNECTION_ERROR, CONNECTION_ERROR_DEF = "ConnectionError" in "builtins": Some(&OS_ERROR_DEF);
    /// `TimeoutError` (which `asyncio.TimeoutError` is, from 3.11 on).
    TIMEOUT_ERROR, TIMEOUT_ERROR_DEF = "TimeoutError" in "builtins": Some(&OS_ERROR_DEF);
    /// `asyncio.CancelledError`: a BaseException since 3.8.
    CANCELLED_ERROR, CANCELLED_ERROR_DEF = "CancelledError" in "asyncio.exceptions": Some(&BASE_EXCEPTION_DEF);
    /// `asyncio.InvalidStateError`.
    INVALID_STATE_ERROR, INVALID_STATE_ERROR_DEF = "InvalidStateError" in "asyncio.exceptions": Some(&EXCEPTION_DEF);
    /// `asyncio.QueueEmpty`.
    QUEUE_EMPTY, QUEUE_EMPTY_DEF = "QueueEmpty" in "asyncio.queues": Some(&EXCEPTION_DEF);
    /// `asyncio.QueueFull`.
    QUEUE_FULL, QUEUE_FULL_DEF = "QueueFull" in "asyncio.queues": Some(&EXCEPTION_DEF);
}

struct ExcData {
    class: ExcClass,
    args: Vec<Value>,
    links: RefCell<Links>,
}

#[derive(Default)]
struct Links {
    cause: Option<PyException>,
    context: Option<PyException>,
    suppress_context: bool,
}

/// An exception instance. Cloning shares the instance: `a.is(&b)` is Python's `a is b`.
#[derive(Clone)]
pub struct PyException(Rc<ExcData>);

/// The result of Python code: a value, or an exception on its way up.
pub type PyResult<T = Value> = Result<T, PyException>;

impl PyException {
    /// `Class(message)`.
    pub fn new(class: ExcClass, message: impl Into<Value>) -> Self {
        Self::with_args(class, vec![message.into()])
    }

    /// `Class()`, with `args == ()`.
    pub fn bare(class: ExcClass) -> Self {
        Self::with_args(class, Vec::new())
    }

    /// `Class(*args)`.
    pub fn with_args(class: ExcClass, args: Vec<Value>) -> Self {
        PyException(Rc::new(ExcData { class, args, links: RefCell::default() }))
    }

    /// `StopIteration(value)`; `StopIteration()` for `None`, as a `return` makes it.
    pub fn stop_iteration(value: Value) -> Self {
        if value.is_none() { Self::bare(STOP_ITERATION) } else { Self::new(STOP_ITERATION, value) }
    }

    /// `type(e)`.
    pub fn class(&self) -> ExcClass {
        self.0.class
    }

    /// `type(e).__name__`.
    pub fn name(&self) -> &'static str {
        self.0.class.name()
    }

    /// `e.args`.
    pub fn args(&self) -> &[Value] {
        &self.0.args
    }

    /// `isinstance(e, class)`.
    pub fn is_instance(&self, class: ExcClass) -> bool {
        self.0.class.is_subclass(class)
    }

    /// `a is b`.
    pub fn is(&self, other: &PyException) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `StopIteration.value`: the first argument, or None.
    pub fn value(&self) -> Value {
        self.0.args.first().cloned().unwrap_or(Value::None)
    }

    /// `str(e)`: empty for no args, `str(arg)` for one, the tuple's repr for several.
    pub fn message(&self) -> String {
        match self.0.args.as_slice() {
            [] => String::new(),
            // KeyError's own __str__ shows its one argument as a repr: `KeyError: 'k'`.
            [one] if self.is_instance(KEY_ERROR) => one.repr(),
            [one] => one.to_str(),
            many => Value::tuple(many.iter().cloned()).repr(),
        }
    }

    /// `repr(e)`: `ValueError('boom')`.
    pub fn repr(&self) -> String {
        match self.0.args.as_slice() {
            [one] => format!("{}({})", self.name(), one.repr()),
            many => {
                let t = Value::tuple(many.iter().cloned()).repr();
                // `(a, b)` → `Name(a, b)`; `()` → `Name()`. Strip exactly the tuple's own
                // parentheses: an argument may itself start or end with one, `((1, 2), 3)`.
                let inner = &t[1..t.len() - 1];
                format!("{}({})", self.name(), inner)
            }
        }
    }

    /// `raise self from cause`: sets `__cause__` and `__suppress_context__`.
    pub fn with_cause(self, cause: PyException) -> Self {
        {
            let mut l = self.0.links.borrow_mut();
            l.cause = Some(cause);
            l.suppress_context = true;
        }
        self
    }

    /// Sets `__context__`: the exception that was being handled when this was raised.
    pub fn with_context(self, context: PyException) -> Self {
        self.set_context(context);
        self
    }

    /// Sets `__context__` in place.
    pub fn set_context(&self, context: PyException) {
        self.0.links.borrow_mut().context = Some(context);
    }

    /// `e.__cause__`.
    pub fn cause(&self) -> Option<PyException> {
        self.0.links.borrow().cause.clone()
    }

    /// `e.__context__`.
    pub fn context(&self) -> Option<PyException> {
        self.0.links.borrow().context.clone()
    }

    /// `e.__suppress_context__ = on`.
    pub fn set_suppress_context(&self, on: bool) {
        self.0.links.borrow_mut().suppress_context = on;
    }

    /// `e.__suppress_context__`.
    pub fn suppress_context(&self) -> bool {
        self.0.links.borrow().suppress_context
    }
}

impl fmt::Display for PyException {
    /// The last line of a Python traceback: `ValueError: boom`, or just `StopIteration`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = self.message();
        let name = self.0.class.qualified_name();
        if msg.is_empty() { f.write_str(&name) } else { write!(f, "{name}: {msg}") }
    }
}

impl fmt::Debug for PyException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl std::error::Error for PyException {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

/// The arguments of a `throw(...)` call, exactly as given, before Python normalises them.
///
/// `throw(ValueError)`, `throw(ValueError('x'))`, `throw(ValueError, 'x')` and even
/// `throw('abc')` are all expressible; [`ThrowArgs::normalize`] applies CPython's rules.
///
/// ```
/// use corosim::exception::{ThrowArgs, VALUE_ERROR};
/// use corosim::Value;
/// let e = ThrowArgs::new([VALUE_ERROR.into(), Value::from("v")]).normalize().unwrap();
/// assert_eq!(e.to_string(), "ValueError: v");
/// let bad = ThrowArgs::new(["abc".into()]).normalize().unwrap_err();
/// assert_eq!(bad.to_string(),
///     "TypeError: exceptions must be classes or instances deriving from BaseException, not str");
/// ```
#[derive(Clone, Debug)]
pub struct ThrowArgs(Vec<Value>);

impl ThrowArgs {
    /// Raw positional arguments of `throw`.
    pub fn new(args: impl IntoIterator<Item = Value>) -> Self {
        ThrowArgs(args.into_iter().collect())
    }

    /// The raw arguments.
    pub fn args(&self) -> &[Value] {
        &self.0
    }

    /// True if the first argument is GeneratorExit (class or instance), the check PEP 380
    /// makes before forwarding a throw.
    pub fn is_generator_exit(&self) -> bool {
        match self.0.first() {
            Some(Value::ExcClass(c)) => c.is_subclass(GENERATOR_EXIT),
            Some(Value::Exception(e)) => e.is_instance(GENERATOR_EXIT),
            _ => false,
        }
    }

    /// The argument count check, which the `throw` call itself makes before anything
    /// else: even a delegating generator never forwards `throw()` with 0 or 4 arguments.
    pub fn check_count(&self) -> PyResult<()> {
        let message = match self.0.len() {
            0 => "throw expected at least 1 argument, got 0".to_string(),
            n if n > 3 => format!("throw expected at most 3 arguments, got {n}"),
            _ => return Ok(()),
        };
        Err(PyException::new(TYPE_ERROR, message))
    }

    /// CPython's normalisation: the exception to raise, or the TypeError for bad forms.
    pub fn normalize(&self) -> PyResult<PyException> {
        let type_error = |m: String| PyException::new(TYPE_ERROR, m);
        self.check_count()?;
        if let Some(tb) = self.0.get(2)
            && !tb.is_none()
        {
            return Err(type_error("throw() third argument must be a traceback object".into()));
        }
        let value = self.0.get(1).filter(|v| !v.is_none());
        match &self.0[0] {
            Value::ExcClass(class) => Ok(match value {
                None => PyException::bare(*class),
                Some(Value::Exception(e)) if e.is_instance(*class) => e.clone(),
                Some(Value::Tuple(items)) => class.call(items.iter().cloned()),
                Some(v) => class.call([v.clone()]),
            }),
            Value::Exception(e) => match value {
                None => Ok(e.clone()),
                Some(_) => Err(type_error("instance exception may not have a separate value".into())),
            },
            other => Err(type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                other.type_name()
            ))),
        }
    }
}

impl From<PyException> for ThrowArgs {
    fn from(e: PyException) -> Self {
        ThrowArgs(vec![Value::Exception(e)])
    }
}

impl From<ExcClass> for ThrowArgs {
    fn from(c: ExcClass) -> Self {
        ThrowArgs(vec![Value::ExcClass(c)])
    }
}
