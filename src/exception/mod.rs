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
//!
//! Read bottom-up: the classes and their hierarchy (`class.rs`), which hold no values;
//! then the exception object, declared beside `Value` in `value/mod.rs` because each
//! holds the other; then this file: making exceptions (`PyException::new`, groups),
//! chaining them, and the arguments of `throw()`. Everything is reached from here,
//! `corosim::exception::…`, as before.

pub(crate) mod class;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

pub use crate::value::PyException;
use crate::value::{ExcData, Value, sequence_items};
pub use class::*;

impl ExcClass {
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

    /// `eg.derive(excs)`, as `BaseExceptionGroup` defines it: a group with this one's
    /// message and other exceptions (an `ExceptionGroup` when they are all Exceptions).
    /// Nothing else is copied; [`PyException::subset`] copies the rest.
    ///
    /// ```
    /// use corosim::exception::{PyException, BASE_EXCEPTION_GROUP, KEY_ERROR, KEYBOARD_INTERRUPT};
    /// use corosim::Value;
    /// let eg = PyException::group(BASE_EXCEPTION_GROUP, "m", Value::list([PyException::bare(KEYBOARD_INTERRUPT).into()])).unwrap();
    /// let d = eg.derive(vec![PyException::new(KEY_ERROR, "k")]).unwrap();
    /// assert_eq!(d.repr(), "ExceptionGroup('m', [KeyError('k')])");
    /// ```
    pub fn derive(&self, excs: Vec<PyException>) -> PyResult<Self> {
        let message = self.0.args.first().cloned().unwrap_or_else(|| Value::str(""));
        Self::group(BASE_EXCEPTION_GROUP, message, Value::list(excs.into_iter().map(Value::Exception)))
    }

    /// CPython's `exceptiongroup_subset`: [`derive`](PyException::derive)`(excs)` with this
    /// group's `__cause__` and `__context__` (setting the cause sets
    /// `__suppress_context__`, as `PyException_SetCause` does). A front-end copies its
    /// own data (the traceback) after.
    pub fn subset(&self, excs: Vec<PyException>) -> PyResult<Self> {
        let eg = self.derive(excs)?;
        if let Some(ctx) = self.context() {
            eg.set_context(ctx);
        }
        eg.set_cause(self.cause());
        Ok(eg)
    }

    /// `eg.split(condition)` (`construct_rest`) and `eg.subgroup(condition)` (not), by
    /// CPython's `exceptiongroup_split_recursive`: `(match, rest)`, each a group of the
    /// same shape holding only the leaves that match `condition` (or only the others), or
    /// `None` when there are none. A group the condition matches as a whole is the match
    /// itself. `subset` makes each new group ([`PyException::subset`], or a front-end's
    /// that also copies its traceback).
    ///
    /// ```
    /// use corosim::exception::{PyException, EXCEPTION_GROUP, KEY_ERROR, VALUE_ERROR};
    /// use corosim::Value;
    /// let leaf = |c, m: &str| Value::Exception(PyException::new(c, m));
    /// let inner = PyException::group(EXCEPTION_GROUP, "in", Value::list([leaf(VALUE_ERROR, "b")])).unwrap();
    /// let eg = PyException::group(EXCEPTION_GROUP, "eg",
    ///     Value::list([leaf(VALUE_ERROR, "a"), leaf(KEY_ERROR, "k"), inner.into()])).unwrap();
    /// let (m, r) = eg.split(&mut |e| Ok(e.is_instance(VALUE_ERROR)), true, &mut |g, x| g.subset(x)).unwrap();
    /// assert_eq!(m.unwrap().repr(), "ExceptionGroup('eg', [ValueError('a'), ExceptionGroup('in', [ValueError('b')])])");
    /// assert_eq!(r.unwrap().repr(), "ExceptionGroup('eg', [KeyError('k')])");
    /// ```
    pub fn split(
        &self,
        condition: &mut dyn FnMut(&PyException) -> PyResult<bool>,
        construct_rest: bool,
        subset: &mut dyn FnMut(&PyException, Vec<PyException>) -> PyResult<PyException>,
    ) -> PyResult<(Option<Self>, Option<Self>)> {
        if condition(self)? {
            return Ok((Some(self.clone()), None));
        }
        let Some(excs) = self.exceptions() else {
            return Ok((None, construct_rest.then(|| self.clone())));
        };
        let (mut matched, mut rest) = (Vec::new(), Vec::new());
        for e in &excs {
            let (m, r) = e.split(condition, construct_rest, subset)?;
            matched.extend(m);
            rest.extend(r);
        }
        let matched = if matched.is_empty() { None } else { Some(subset(self, matched)?) };
        let rest = if !construct_rest || rest.is_empty() { None } else { Some(subset(self, rest)?) };
        Ok((matched, rest))
    }

    /// The exceptions at the leaves of a group, depth first (an exception that is no
    /// group is its own one leaf).
    ///
    /// ```
    /// use corosim::exception::{PyException, EXCEPTION_GROUP, VALUE_ERROR};
    /// use corosim::Value;
    /// let leaf = PyException::new(VALUE_ERROR, "a");
    /// let inner = PyException::group(EXCEPTION_GROUP, "in", Value::list([leaf.clone().into()])).unwrap();
    /// let eg = PyException::group(EXCEPTION_GROUP, "out", Value::list([inner.into()])).unwrap();
    /// assert!(eg.leaves().len() == 1 && eg.leaves()[0].is(&leaf));
    /// ```
    pub fn leaves(&self) -> Vec<PyException> {
        match self.exceptions() {
            None => vec![self.clone()],
            Some(excs) => excs.iter().flat_map(PyException::leaves).collect(),
        }
    }

    /// `StopIteration(value)`; `StopIteration()` for `None`, as a `return` makes it.
    pub fn stop_iteration(value: Value) -> Self {
        if value.is_none() { Self::bare(STOP_ITERATION) } else { Self::new(STOP_ITERATION, value) }
    }

    /// `StopIteration.value`: the first argument, or None.
    pub fn value(&self) -> Value {
        self.0.args.first().cloned().unwrap_or(Value::None)
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
