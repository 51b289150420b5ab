//! Python's `print()`: where a scenario's output goes.
//!
//! A scenario never writes to stdout itself. It prints through a [`Console`], which the
//! caller points at stdout (`corosim run`), at a buffer (tests, lessons), or nowhere —
//! and every line is also a trace [`Event::Output`], so a trace shows where each line
//! was printed.
//!
//! ```
//! use corosim::Console;
//! let (console, lines) = Console::capture();
//! console.print("hello");
//! assert_eq!(lines.borrow().as_slice(), ["hello"]);
//! ```
//!
//! The warnings the machinery raises while a program runs (`RuntimeWarning: coroutine
//! 'f' was never awaited`, asyncio's slow-callback log) are the program's stderr, as in
//! CPython: [`warn`] prints them there, unless the thread is collecting them
//! ([`collect_warnings`]) to show or compare them itself.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::trace::{self, Event};

type Sink = Rc<RefCell<dyn FnMut(&str)>>;

/// A front-end's look at a warning: true when it took it.
pub type WarnHook = fn(&str) -> bool;

thread_local! {
    /// The warnings being collected on this thread, if a caller is collecting them.
    static WARNINGS: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    /// A front-end's `warnings` filters: true when it took the warning.
    static WARN_HOOK: std::cell::Cell<Option<WarnHook>> = const { std::cell::Cell::new(None) };
}

/// Installs (or removes) the hook a front-end's `warnings` module sees each warning
/// through first (`catch_warnings`, `simplefilter`).
pub fn set_warn_hook(hook: Option<WarnHook>) {
    let _ = WARN_HOOK.try_with(|h| h.set(hook));
}

/// `warnings.showwarning`: one warning, on stderr, or into the list of the caller that is
/// collecting this thread's warnings.
pub fn warn(message: &str) {
    if WARN_HOOK.try_with(|h| h.get()).ok().flatten().is_some_and(|hook| hook(message)) {
        return;
    }
    // A generator freed as its thread exits may warn after the list is gone: stderr, then.
    let collected =
        WARNINGS.try_with(|w| w.borrow_mut().as_mut().map(|w| w.push(message.to_string()))).ok().flatten();
    if collected.is_none() {
        eprintln!("{message}");
    }
}

/// Runs `f`, collecting the warnings raised on this thread instead of printing them.
///
/// ```
/// let ((), warnings) = corosim::console::collect_warnings(|| corosim::console::warn("UserWarning: hm"));
/// assert_eq!(warnings, ["UserWarning: hm"]);
/// ```
pub fn collect_warnings<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    /// Puts back the outer collector (or none), even if `f` panics.
    struct Restore(Option<Vec<String>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            let _ = WARNINGS.try_with(|w| *w.borrow_mut() = outer);
        }
    }
    let outer = WARNINGS.with_borrow_mut(|w| w.replace(Vec::new()));
    let restore = Restore(outer);
    let value = f();
    let collected = WARNINGS.with_borrow_mut(|w| w.take()).unwrap_or_default();
    drop(restore);
    (value, collected)
}

/// Where `print` goes. Cheap to clone; clones print to the same place.
#[derive(Clone)]
pub struct Console {
    sink: Sink,
    terminal: bool,
}

impl Console {
    /// Prints to this process's stdout, flushing each line (live demos stream).
    pub fn stdout() -> Console {
        use std::io::IsTerminal;
        let mut console = Console::to(|line| {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`corosim run x | head`) is not the program's error.
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        });
        console.terminal = std::io::stdout().is_terminal();
        console
    }

    /// Prints into a shared list of lines.
    pub fn capture() -> (Console, Rc<RefCell<Vec<String>>>) {
        let lines = Rc::new(RefCell::new(Vec::new()));
        let sink = lines.clone();
        (Console::to(move |line| sink.borrow_mut().push(line.to_string())), lines)
    }

    /// Prints nowhere (the trace still sees every line).
    pub fn silent() -> Console {
        Console::to(|_| {})
    }

    /// Prints to any function of a line.
    pub fn to(f: impl FnMut(&str) + 'static) -> Console {
        Console { sink: Rc::new(RefCell::new(f)), terminal: false }
    }

    /// `sys.stdout.isatty()`: programs animate only on a terminal.
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// `print(text, end='\r', flush=True)` on a terminal: a status line that the next
    /// one overwrites. Not part of the program's line output; the trace sees it as an
    /// [`Event::Status`] (drawn or not), so viewers can show the spinner.
    pub fn status(&self, text: &str) {
        trace::emit(|| Event::Status { text: text.to_string() });
        if self.terminal {
            let mut out = std::io::stdout().lock();
            let _ = write!(out, "{text}\r");
            let _ = out.flush();
        }
    }

    /// `print(text)`: one or more lines (a text with `\n` in it prints several).
    pub fn print(&self, text: impl AsRef<str>) {
        for line in text.as_ref().split('\n') {
            trace::emit(|| Event::Output { text: line.to_string() });
            (self.sink.borrow_mut())(line);
        }
    }

    /// Prints a line whose `Output` event its writer has sent already (the interpreter's
    /// `print` traces its own lines).
    pub(crate) fn print_traced(&self, line: &str) {
        (self.sink.borrow_mut())(line);
    }
}
