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

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use crate::trace::{self, Event};

type Sink = Rc<RefCell<dyn FnMut(&str)>>;

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
}
