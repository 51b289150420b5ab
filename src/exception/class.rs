//! Python's exception classes: `BaseException`, `Exception`, and CPython 3.11's
//! hierarchy below them, as class objects that compare by identity.
//!
//! A class is no value and holds none, so it stands at the bottom of the object model:
//! `value/mod.rs` (a value can be a class, `throw(ValueError)`, or an exception) uses it,
//! and so does the rest of `exception/`, above both.

use std::fmt;

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
    /// [`PyException::group`](crate::exception::PyException::group).
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
    /// `FileExistsError`: `open(path, "x")` on a file that exists.
    FILE_EXISTS_ERROR, FILE_EXISTS_ERROR_DEF = "FileExistsError" in "builtins": [OS_ERROR_DEF];
    /// `IsADirectoryError`: a file operation on a directory.
    IS_A_DIRECTORY_ERROR, IS_A_DIRECTORY_ERROR_DEF = "IsADirectoryError" in "builtins": [OS_ERROR_DEF];
    /// `NotADirectoryError`: a directory operation on a file.
    NOT_A_DIRECTORY_ERROR, NOT_A_DIRECTORY_ERROR_DEF = "NotADirectoryError" in "builtins": [OS_ERROR_DEF];
    /// `PermissionError`.
    PERMISSION_ERROR, PERMISSION_ERROR_DEF = "PermissionError" in "builtins": [OS_ERROR_DEF];
    /// `io.UnsupportedOperation`: reading a file opened for writing, or the reverse.
    UNSUPPORTED_OPERATION, UNSUPPORTED_OPERATION_DEF = "UnsupportedOperation" in "io": [OS_ERROR_DEF, VALUE_ERROR_DEF];
    /// `TimeoutError` (which `asyncio.TimeoutError` is, from 3.11 on): an `OSError`.
    TIMEOUT_ERROR, TIMEOUT_ERROR_DEF = "TimeoutError" in "builtins": [OS_ERROR_DEF];
    /// `BlockingIOError`: a non-blocking socket or file has nothing to give now.
    BLOCKING_IO_ERROR, BLOCKING_IO_ERROR_DEF = "BlockingIOError" in "builtins": [OS_ERROR_DEF];
    /// `ChildProcessError`.
    CHILD_PROCESS_ERROR, CHILD_PROCESS_ERROR_DEF = "ChildProcessError" in "builtins": [OS_ERROR_DEF];
    /// `InterruptedError`: a system call interrupted by a signal.
    INTERRUPTED_ERROR, INTERRUPTED_ERROR_DEF = "InterruptedError" in "builtins": [OS_ERROR_DEF];
    /// `ProcessLookupError`.
    PROCESS_LOOKUP_ERROR, PROCESS_LOOKUP_ERROR_DEF = "ProcessLookupError" in "builtins": [OS_ERROR_DEF];
    /// `BufferError`.
    BUFFER_ERROR, BUFFER_ERROR_DEF = "BufferError" in "builtins": [EXCEPTION_DEF];
    /// `FloatingPointError`.
    FLOATING_POINT_ERROR, FLOATING_POINT_ERROR_DEF = "FloatingPointError" in "builtins": [ARITHMETIC_ERROR_DEF];
    /// `MemoryError`.
    MEMORY_ERROR, MEMORY_ERROR_DEF = "MemoryError" in "builtins": [EXCEPTION_DEF];
    /// `ReferenceError`.
    REFERENCE_ERROR, REFERENCE_ERROR_DEF = "ReferenceError" in "builtins": [EXCEPTION_DEF];
    /// `SystemError`.
    SYSTEM_ERROR, SYSTEM_ERROR_DEF = "SystemError" in "builtins": [EXCEPTION_DEF];
    /// `SyntaxError` (a program raises it; corosim's own syntax errors are reported before
    /// the program runs).
    SYNTAX_ERROR, SYNTAX_ERROR_DEF = "SyntaxError" in "builtins": [EXCEPTION_DEF];
    /// `IndentationError`.
    INDENTATION_ERROR, INDENTATION_ERROR_DEF = "IndentationError" in "builtins": [SYNTAX_ERROR_DEF];
    /// `TabError`.
    TAB_ERROR, TAB_ERROR_DEF = "TabError" in "builtins": [INDENTATION_ERROR_DEF];
    /// `Warning`: the base of the warning categories (`warnings.warn(msg, category)`).
    WARNING, WARNING_DEF = "Warning" in "builtins": [EXCEPTION_DEF];
    /// `UserWarning`: `warnings.warn`'s default category.
    USER_WARNING, USER_WARNING_DEF = "UserWarning" in "builtins": [WARNING_DEF];
    /// `DeprecationWarning`.
    DEPRECATION_WARNING, DEPRECATION_WARNING_DEF = "DeprecationWarning" in "builtins": [WARNING_DEF];
    /// `PendingDeprecationWarning`.
    PENDING_DEPRECATION_WARNING, PENDING_DEPRECATION_WARNING_DEF = "PendingDeprecationWarning" in "builtins": [WARNING_DEF];
    /// `SyntaxWarning`.
    SYNTAX_WARNING, SYNTAX_WARNING_DEF = "SyntaxWarning" in "builtins": [WARNING_DEF];
    /// `RuntimeWarning`: e.g. "coroutine 'f' was never awaited".
    RUNTIME_WARNING, RUNTIME_WARNING_DEF = "RuntimeWarning" in "builtins": [WARNING_DEF];
    /// `FutureWarning`.
    FUTURE_WARNING, FUTURE_WARNING_DEF = "FutureWarning" in "builtins": [WARNING_DEF];
    /// `ImportWarning`.
    IMPORT_WARNING, IMPORT_WARNING_DEF = "ImportWarning" in "builtins": [WARNING_DEF];
    /// `UnicodeWarning`.
    UNICODE_WARNING, UNICODE_WARNING_DEF = "UnicodeWarning" in "builtins": [WARNING_DEF];
    /// `BytesWarning`.
    BYTES_WARNING, BYTES_WARNING_DEF = "BytesWarning" in "builtins": [WARNING_DEF];
    /// `ResourceWarning`: e.g. an unclosed socket or transport.
    RESOURCE_WARNING, RESOURCE_WARNING_DEF = "ResourceWarning" in "builtins": [WARNING_DEF];
    /// `EncodingWarning`.
    ENCODING_WARNING, ENCODING_WARNING_DEF = "EncodingWarning" in "builtins": [WARNING_DEF];
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
    /// `UnicodeError`: text that cannot be encoded or decoded.
    UNICODE_ERROR, UNICODE_ERROR_DEF = "UnicodeError" in "builtins": [VALUE_ERROR_DEF];
    /// `UnicodeDecodeError`: bytes that are not text in the codec asked for.
    UNICODE_DECODE_ERROR, UNICODE_DECODE_ERROR_DEF = "UnicodeDecodeError" in "builtins": [UNICODE_ERROR_DEF];
    /// `UnicodeEncodeError`: a character the codec asked for has no bytes for.
    UNICODE_ENCODE_ERROR, UNICODE_ENCODE_ERROR_DEF = "UnicodeEncodeError" in "builtins": [UNICODE_ERROR_DEF];
    /// `UnicodeTranslateError`.
    UNICODE_TRANSLATE_ERROR, UNICODE_TRANSLATE_ERROR_DEF = "UnicodeTranslateError" in "builtins": [UNICODE_ERROR_DEF];
    /// `asyncio.CancelledError`: a BaseException since 3.8.
    CANCELLED_ERROR, CANCELLED_ERROR_DEF = "CancelledError" in "asyncio.exceptions": [BASE_EXCEPTION_DEF];
    /// `asyncio.InvalidStateError`.
    INVALID_STATE_ERROR, INVALID_STATE_ERROR_DEF = "InvalidStateError" in "asyncio.exceptions": [EXCEPTION_DEF];
    /// `asyncio.IncompleteReadError`: end of file before the bytes asked for
    /// (`readexactly`, `readuntil`).
    INCOMPLETE_READ_ERROR, INCOMPLETE_READ_ERROR_DEF = "IncompleteReadError" in "asyncio.exceptions": [EOF_ERROR_DEF];
    /// `asyncio.LimitOverrunError`: no separator within a stream's limit.
    LIMIT_OVERRUN_ERROR, LIMIT_OVERRUN_ERROR_DEF = "LimitOverrunError" in "asyncio.exceptions": [EXCEPTION_DEF];
    /// `asyncio.QueueEmpty`.
    QUEUE_EMPTY, QUEUE_EMPTY_DEF = "QueueEmpty" in "asyncio.queues": [EXCEPTION_DEF];
    /// `asyncio.QueueFull`.
    QUEUE_FULL, QUEUE_FULL_DEF = "QueueFull" in "asyncio.queues": [EXCEPTION_DEF];
    /// `re.error`: a pattern that does not compile.
    RE_ERROR, RE_ERROR_DEF = "error" in "re": [EXCEPTION_DEF];
}
