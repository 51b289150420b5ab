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

/// The definition of an exception class: a name, a module, and its base classes.
///
/// Builtin classes are `static`s; a program defines its own with
/// [`ExcClass::define`] (like `class FetchError(Exception): pass`).
#[derive(Debug)]
pub struct ClassDef {
    name: &'static str,
    module: &'static str,
    /// `__bases__`, in order. One for every class but `ExceptionGroup`, which derives from
    /// both `BaseExceptionGroup` and `Exception`; none for `BaseException` (its base,
    /// `object`, is no exception class).
    bases: &'static [&'static ClassDef],
}

impl ClassDef {
    /// A class definition for a `static`.
    pub const fn new(name: &'static str, module: &'static str, bases: &'static [&'static ClassDef]) -> Self {
        ClassDef { name, module, bases }
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
        let bases: &'static [&'static ClassDef] = Box::leak(Box::new([base.0]));
        ExcClass(Box::leak(Box::new(ClassDef::new(name, "__main__", bases))))
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

    /// `cls.__bases__`, without `object` (so `BaseException`'s is empty).
    ///
    /// ```
    /// use corosim::exception::{ExcClass, EXCEPTION_GROUP, KEY_ERROR};
    /// let names = |c: ExcClass| c.bases().iter().map(|b| b.name()).collect::<Vec<_>>();
    /// assert_eq!(names(KEY_ERROR), ["LookupError"]);
    /// assert_eq!(names(EXCEPTION_GROUP), ["BaseExceptionGroup", "Exception"]);
    /// ```
    pub fn bases(self) -> Vec<ExcClass> {
        self.0.bases.iter().map(|b| ExcClass(b)).collect()
    }

    /// `cls.__mro__` without its last entry, `object`: the class, then its ancestors in
    /// the order Python searches them (C3 linearisation, as CPython computes it).
    ///
    /// ```
    /// use corosim::exception::EXCEPTION_GROUP;
    /// let mro: Vec<_> = EXCEPTION_GROUP.mro().iter().map(|c| c.name()).collect();
    /// assert_eq!(mro, ["ExceptionGroup", "BaseExceptionGroup", "Exception", "BaseException"]);
    /// ```
    pub fn mro(self) -> Vec<ExcClass> {
        // C3: the class, then a merge of its bases' MROs and the list of its bases. The
        // next class is the first head of a list that is in no list's tail.
        let mut lists: Vec<Vec<ExcClass>> = self.bases().into_iter().map(ExcClass::mro).collect();
        lists.push(self.bases());
        let mut mro = vec![self];
        loop {
            lists.retain(|l| !l.is_empty());
            let next = lists.iter().map(|l| l[0]).find(|head| lists.iter().all(|l| !l[1..].contains(head)));
            // None once every list is used up. (A class with no consistent order cannot
            // be made: `define` takes one base, and the builtins have one.)
            let Some(next) = next else { return mro };
            mro.push(next);
            for l in &mut lists {
                if l[0] == next {
                    l.remove(0);
                }
            }
        }
    }

    /// `issubclass(self, other)`.
    pub fn is_subclass(self, other: ExcClass) -> bool {
        let mut def = self.0;
        loop {
            if std::ptr::eq(def, other.0) {
                return true;
            }
            match def.bases {
                [] => return false,
                [base] => def = base,
                // Several bases (ExceptionGroup): each is a way up.
                [first, rest @ ..] => {
                    if rest.iter().any(|b| ExcClass(b).is_subclass(other)) {
                        return true;
                    }
                    def = first;
                }
            }
        }
    }

    /// Calls the class: `ValueError('boom')`. Any arguments are accepted, as
    /// `BaseException.__init__` accepts them; the exception groups, whose constructor
    /// checks its arguments, are made with [`ExcClass::try_call`] or [`PyException::group`].
    pub fn call(self, args: impl IntoIterator<Item = Value>) -> PyException {
        PyException::with_args(self, args.into_iter().collect())
    }

    /// Calls the class, with the checks its constructor makes: an exception group
    /// (`BaseExceptionGroup`, `ExceptionGroup` and their subclasses) takes exactly a
    /// message and a sequence of exceptions ([`PyException::group`]); any other class is
    /// [`ExcClass::call`].
    ///
    /// ```
    /// use corosim::exception::{EXCEPTION_GROUP, VALUE_ERROR};
    /// let e = EXCEPTION_GROUP.try_call(["m".into()]).unwrap_err();
    /// assert_eq!(e.to_string(), "TypeError: BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)");
    /// assert_eq!(VALUE_ERROR.try_call(["v".into()]).unwrap().to_string(), "ValueError: v");
    /// ```
    pub fn try_call(self, args: impl IntoIterator<Item = Value>) -> PyResult<PyException> {
        let args: Vec<Value> = args.into_iter().collect();
        if !self.is_subclass(BASE_EXCEPTION_GROUP) {
            return Ok(PyException::with_args(self, args));
        }
        match <[Value; 2]>::try_from(args) {
            Ok([message, exceptions]) => PyException::group(self, message, exceptions),
            Err(args) => Err(PyException::new(
                TYPE_ERROR,
                format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", args.len()),
            )),
        }
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
    ($($(#[$doc:meta])* $konst:ident, $def:ident = $name:literal in $module:literal : [$($base:ident),*];)*) => {
        $(
            #[doc(hidden)]
            pub static $def: ClassDef = ClassDef::new($name, $module, &[$(&$base),*]);
            $(#[$doc])*
            pub const $konst: ExcClass = ExcClass(&$def);
        )*
    };
}

// CPython 3.11's classes, each with its bases (the conformance case
// `exception_hierarchy_mro` holds every one against CPython's `__mro__`).
builtin_classes! {
    /// `BaseException`: the root of every exception.
    BASE_EXCEPTION, BASE_EXCEPTION_DEF = "BaseException" in "builtins": [];
    /// `SystemExit`: `sys.exit()`; a BaseException.
    SYSTEM_EXIT, SYSTEM_EXIT_DEF = "SystemExit" in "builtins": [BASE_EXCEPTION_DEF];
    /// `KeyboardInterrupt`: Ctrl-C; a BaseException.
    KEYBOARD_INTERRUPT, KEYBOARD_INTERRUPT_DEF = "KeyboardInterrupt" in "builtins": [BASE_EXCEPTION_DEF];
    /// `GeneratorExit`: thrown in by `close()`; a BaseException.
    GENERATOR_EXIT, GENERATOR_EXIT_DEF = "GeneratorExit" in "builtins": [BASE_EXCEPTION_DEF];
    /// `BaseExceptionGroup`: several exceptions raised together (3.11); see
    /// [`PyException::group`].
    BASE_EXCEPTION_GROUP, BASE_EXCEPTION_GROUP_DEF = "BaseExceptionGroup" in "builtins": [BASE_EXCEPTION_DEF];
    /// `ExceptionGroup`: a group of `Exception`s. It derives from both
    /// `BaseExceptionGroup` and `Exception`, so `except Exception` catches it.
    EXCEPTION_GROUP, EXCEPTION_GROUP_DEF = "ExceptionGroup" in "builtins": [BASE_EXCEPTION_GROUP_DEF, EXCEPTION_DEF];
    /// `Exception`: what `except Exception` catches.
    EXCEPTION, EXCEPTION_DEF = "Exception" in "builtins": [BASE_EXCEPTION_DEF];
    /// `StopIteration`: how a generator reports its return value.
    STOP_ITERATION, STOP_ITERATION_DEF = "StopIteration" in "builtins": [EXCEPTION_DEF];
    /// `StopAsyncIteration`: how an asynchronous iterator says it is exhausted.
    STOP_ASYNC_ITERATION, STOP_ASYNC_ITERATION_DEF = "StopAsyncIteration" in "builtins": [EXCEPTION_DEF];
    /// `ArithmeticError`.
    ARITHMETIC_ERROR, ARITHMETIC_ERROR_DEF = "ArithmeticError" in "builtins": [EXCEPTION_DEF];
    /// `OverflowError`.
    OVERFLOW_ERROR, OVERFLOW_ERROR_DEF = "OverflowError" in "builtins": [ARITHMETIC_ERROR_DEF];
    /// `ZeroDivisionError`.
    ZERO_DIVISION_ERROR, ZERO_DIVISION_ERROR_DEF = "ZeroDivisionError" in "builtins": [ARITHMETIC_ERROR_DEF];
    /// `AssertionError`: a failed `assert`.
    ASSERTION_ERROR, ASSERTION_ERROR_DEF = "AssertionError" in "builtins": [EXCEPTION_DEF];
    /// `AttributeError`.
    ATTRIBUTE_ERROR, ATTRIBUTE_ERROR_DEF = "AttributeError" in "builtins": [EXCEPTION_DEF];
    /// `EOFError`.
    EOF_ERROR, EOF_ERROR_DEF = "EOFError" in "builtins": [EXCEPTION_DEF];
    /// `LookupError`: the base of `KeyError` and `IndexError`.
    LOOKUP_ERROR, LOOKUP_ERROR_DEF = "LookupError" in "builtins": [EXCEPTION_DEF];
    /// `IndexError`.
    INDEX_ERROR, INDEX_ERROR_DEF = "IndexError" in "builtins": [LOOKUP_ERROR_DEF];
    /// `KeyError`.
    KEY_ERROR, KEY_ERROR_DEF = "KeyError" in "builtins": [LOOKUP_ERROR_DEF];
    /// `NameError`.
    NAME_ERROR, NAME_ERROR_DEF = "NameError" in "builtins": [EXCEPTION_DEF];
    /// `UnboundLocalError`: a local variable read before it is assigned.
    UNBOUND_LOCAL_ERROR, UNBOUND_LOCAL_ERROR_DEF = "UnboundLocalError" in "builtins": [NAME_ERROR_DEF];
    /// `OSError`: the base of the errors the operating system reports.
    OS_ERROR, OS_ERROR_DEF = "OSError" in "builtins": [EXCEPTION_DEF];
    /// `ConnectionError`.
    CONNECTION_ERROR, CONNECTION_ERROR_DEF = "ConnectionError" in "builtins": [OS_ERROR_DEF];
    /// `BrokenPipeError`: writing to a connection the peer has closed.
    BROKEN_PIPE_ERROR, BROKEN_PIPE_ERROR_DEF = "BrokenPipeError" in "builtins": [CONNECTION_ERROR_DEF];
    /// `ConnectionAbortedError`.
    CONNECTION_ABORTED_ERROR, CONNECTION_ABORTED_ERROR_DEF = "ConnectionAbortedError" in "builtins": [CONNECTION_ERROR_DEF];
    /// `ConnectionRefusedError`: nothing listens on that port.
    CONNECTION_REFUSED_ERROR, CONNECTION_REFUSED_ERROR_DEF = "ConnectionRefusedError" in "builtins": [CONNECTION_ERROR_DEF];
    /// `ConnectionResetError`: the peer reset the connection.
    CONNECTION_RESET_ERROR, CONNECTION_RESET_ERROR_DEF = "ConnectionResetError" in "builtins": [CONNECTION_ERROR_DEF];
    /// `FileNotFoundError`.
    FILE_NOT_FOUND_ERROR, FILE_NOT_FOUND_ERROR_DEF = "FileNotFoundError" in "builtins": [OS_ERROR_DEF];
    /// `TimeoutError` (which `asyncio.TimeoutError` is, from 3.11 on): an `OSError`.
    TIMEOUT_ERROR, TIMEOUT_ERROR_DEF = "TimeoutError" in "builtins": [OS_ERROR_DEF];
    /// `RuntimeError`.
    RUNTIME_ERROR, RUNTIME_ERROR_DEF = "RuntimeError" in "builtins": [EXCEPTION_DEF];
    /// `NotImplementedError`.
    NOT_IMPLEMENTED_ERROR, NOT_IMPLEMENTED_ERROR_DEF = "NotImplementedError" in "builtins": [RUNTIME_ERROR_DEF];
    /// `RecursionError`.
    RECURSION_ERROR, RECURSION_ERROR_DEF = "RecursionError" in "builtins": [RUNTIME_ERROR_DEF];
    /// `ImportError`: an `import` that cannot be done.
    IMPORT_ERROR, IMPORT_ERROR_DEF = "ImportError" in "builtins": [EXCEPTION_DEF];
    /// `ModuleNotFoundError`: no module of that name.
    MODULE_NOT_FOUND_ERROR, MODULE_NOT_FOUND_ERROR_DEF = "ModuleNotFoundError" in "builtins": [IMPORT_ERROR_DEF];
    /// `TypeError`.
    TYPE_ERROR, TYPE_ERROR_DEF = "TypeError" in "builtins": [EXCEPTION_DEF];
    /// `ValueError`.
    VALUE_ERROR, VALUE_ERROR_DEF = "ValueError" in "builtins": [EXCEPTION_DEF];
    /// `asyncio.CancelledError`: a BaseException since 3.8.
    CANCELLED_ERROR, CANCELLED_ERROR_DEF = "CancelledError" in "asyncio.exceptions": [BASE_EXCEPTION_DEF];
    /// `asyncio.InvalidStateError`.
    INVALID_STATE_ERROR, INVALID_STATE_ERROR_DEF = "InvalidStateError" in "asyncio.exceptions": [EXCEPTION_DEF];
    /// `asyncio.QueueEmpty`.
    QUEUE_EMPTY, QUEUE_EMPTY_DEF = "QueueEmpty" in "asyncio.queues": [EXCEPTION_DEF];
    /// `asyncio.QueueFull`.
    QUEUE_FULL, QUEUE_FULL_DEF = "QueueFull" in "asyncio.queues": [EXCEPTION_DEF];
}

struct ExcData {
    class: ExcClass,
    args: Vec<Value>,
    links: RefCell<Links>,
    /// What a front-end keeps with the instance (the interpreter: its attributes and the
    /// traceback); the runtime never looks inside.
    extra: RefCell<Option<Rc<dyn std::any::Any>>>,
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
        PyException(Rc::new(ExcData { class, args, links: RefCell::default(), extra: RefCell::default() }))
    }

    /// `cls(message, exceptions)` for an exception group class (`ExceptionGroup`,
    /// `BaseExceptionGroup`, or a subclass), with the checks and messages of CPython's
    /// `BaseExceptionGroup.__new__`: `message` must be a `str`, `exceptions` a non-empty
    /// sequence of exception instances; an `ExceptionGroup` may not hold BaseExceptions,
    /// and a `BaseExceptionGroup` that holds only Exceptions is made an `ExceptionGroup`.
    /// `args` keep the sequence as given; [`PyException::exceptions`] lists its items.
    ///
    /// ```
    /// use corosim::exception::{PyException, BASE_EXCEPTION_GROUP, EXCEPTION, KEY_ERROR, VALUE_ERROR};
    /// use corosim::Value;
    /// let excs = Value::list([PyException::new(VALUE_ERROR, "a").into(), PyException::new(KEY_ERROR, "k").into()]);
    /// let eg = PyException::group(BASE_EXCEPTION_GROUP, "two failed", excs).unwrap();
    /// assert_eq!(eg.name(), "ExceptionGroup"); // only Exceptions inside
    /// assert!(eg.is_instance(EXCEPTION));
    /// assert_eq!(eg.to_string(), "ExceptionGroup: two failed (2 sub-exceptions)");
    /// assert_eq!(eg.repr(), "ExceptionGroup('two failed', [ValueError('a'), KeyError('k')])");
    /// ```
    pub fn group(class: ExcClass, message: impl Into<Value>, exceptions: impl Into<Value>) -> PyResult<Self> {
        let (message, exceptions) = (message.into(), exceptions.into());
        let type_error = |m: String| Err(PyException::new(TYPE_ERROR, m));
        if !class.is_subclass(BASE_EXCEPTION_GROUP) {
            return type_error(format!("{} is not an exception group class", class.name()));
        }
        if !matches!(message, Value::Str(_)) {
            return type_error(format!(
                "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
                message.type_name()
            ));
        }
        let Some(items) = sequence_items(&exceptions) else {
            return type_error("second argument (exceptions) must be a sequence".into());
        };
        if items.is_empty() {
            return Err(PyException::new(
                VALUE_ERROR,
                "second argument (exceptions) must be a non-empty sequence",
            ));
        }
        let mut nests_base_exceptions = false;
        for (i, item) in items.iter().enumerate() {
            let Value::Exception(e) = item else {
                return Err(PyException::new(
                    VALUE_ERROR,
                    format!("Item {i} of second argument (exceptions) is not an exception"),
                ));
            };
            nests_base_exceptions |= !e.is_instance(EXCEPTION);
        }
        let class = if class == BASE_EXCEPTION_GROUP && !nests_base_exceptions {
            EXCEPTION_GROUP
        } else if nests_base_exceptions && class == EXCEPTION_GROUP {
            return type_error("Cannot nest BaseExceptions in an ExceptionGroup".into());
        } else if nests_base_exceptions && class.is_subclass(EXCEPTION) {
            return type_error(format!("Cannot nest BaseExceptions in '{}'", class.name()));
        } else {
            class
        };
        Ok(Self::with_args(class, vec![message, exceptions]))
    }

    /// `eg.exceptions` of an exception group, in order; `None` for any other exception.
    ///
    /// ```
    /// use corosim::exception::{PyException, EXCEPTION_GROUP, VALUE_ERROR};
    /// use corosim::Value;
    /// let inner = PyException::new(VALUE_ERROR, "a");
    /// let eg = PyException::group(EXCEPTION_GROUP, "m", Value::list([inner.clone().into()])).unwrap();
    /// assert!(eg.exceptions().unwrap()[0].is(&inner));
    /// assert!(inner.exceptions().is_none());
    /// ```
    pub fn exceptions(&self) -> Option<Vec<PyException>> {
        if !self.is_instance(BASE_EXCEPTION_GROUP) {
            return None;
        }
        let items = self.0.args.get(1).and_then(sequence_items).unwrap_or_default();
        Some(items.iter().filter_map(|v| v.as_exception().cloned()).collect())
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
            // BaseExceptionGroup's __str__: its message and how many it holds.
            [message, _] if self.is_instance(BASE_EXCEPTION_GROUP) => {
                let n = self.exceptions().map_or(0, |e| e.len());
                format!("{} ({n} sub-exception{})", message.to_str(), if n == 1 { "" } else { "s" })
            }
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

    /// `e.__cause__ = cause` (`raise e from cause`; `None` for `raise e from None`),
    /// which also sets `__suppress_context__`, as Python's setter does.
    pub fn set_cause(&self, cause: Option<PyException>) {
        let mut l = self.0.links.borrow_mut();
        l.cause = cause;
        l.suppress_context = true;
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

    /// The slot a front-end keeps its own data in (the interpreter keeps an instance's
    /// attributes and traceback there), made on first use.
    ///
    /// ```
    /// use corosim::exception::{PyException, VALUE_ERROR};
    /// let e = PyException::new(VALUE_ERROR, "x");
    /// let n = e.extra(|| std::rc::Rc::new(std::cell::Cell::new(0)));
    /// n.set(3);
    /// assert_eq!(e.extra(|| std::rc::Rc::new(std::cell::Cell::new(0))).get(), 3);
    /// ```
    pub fn extra<T: 'static>(&self, make: impl FnOnce() -> Rc<T>) -> Rc<T> {
        let mut slot = self.0.extra.borrow_mut();
        if let Some(found) = slot.as_ref().and_then(|x| x.clone().downcast::<T>().ok()) {
            return found;
        }
        let made = make();
        *slot = Some(made.clone());
        made
    }

    /// The front-end's slot, if it was made.
    pub fn extra_if<T: 'static>(&self) -> Option<Rc<T>> {
        self.0.extra.borrow().as_ref().and_then(|x| x.clone().downcast::<T>().ok())
    }
}

/// The items of a Python sequence (`list`, `tuple`, `str`, a named tuple); `None` for a
/// value that is not one.
fn sequence_items(v: &Value) -> Option<Vec<Value>> {
    Some(match v {
        Value::List(items) | Value::Tuple(items) => items.to_vec(),
        Value::Named(n) => n.fields.iter().map(|(_, v)| v.clone()).collect(),
        Value::Str(s) => s.chars().map(|c| Value::str(c.to_string())).collect(),
        _ => return None,
    })
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
            // CPython makes the instance at the paused `yield`: a constructor that refuses
            // its arguments (an exception group's) raises there, so its error is what is
            // thrown in.
            Value::ExcClass(class) => Ok(match value {
                None => class.try_call([]),
                Some(Value::Exception(e)) if e.is_instance(*class) => Ok(e.clone()),
                Some(Value::Tuple(items)) => class.try_call(items.iter().cloned()),
                Some(v) => class.try_call([v.clone()]),
            }
            .unwrap_or_else(|refused| refused)),
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
