//! The listings: the course's two programs in Python (our own words) and their Rust
//! versions (the code that really runs: `thread_program.rs` and `coroutine_program.rs`), and
//! a small explicit table from each place in the program ([`ThreadSpot`], [`TaskSpot`])
//! to the text of its line in each language.
//!
//! A teaching mistake is a visible edit of the Python (`time.sleep(3)` instead of
//! `await asyncio.sleep(3)`, a call commented out).
//!
//! ```
//! use corosim::demo::spinner::{Language, Listing, TaskSpot};
//! let listing = Listing::coroutines(Language::Python, None);
//! let line = listing.line(TaskSpot::SlowAwait.text(Language::Python, None)).unwrap();
//! assert!(listing.lines[line].contains("await asyncio.sleep(3)"));
//! ```

use super::Mistake;

/// Python or Rust.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// The course's Python.
    Python,
    /// The Rust that corosim runs.
    Rust,
}

impl Language {
    /// Its name, for titles.
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::Rust => "Rust",
        }
    }
}

const THREADS_PY: &str = include_str!("threads.py");
const COROUTINES_PY: &str = include_str!("coroutines.py");
const THREADS_RS: &str = include_str!("thread_program.rs");
const COROUTINES_RS: &str = include_str!("coroutine_program.rs");

/// A program's text, one string per line.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The lines.
    pub lines: Vec<String>,
}

/// The part of a Rust file between the `listing: begin` and `listing: end` comments.
fn excerpt(source: &str) -> String {
    let begin = source.find("// listing: begin\n").map_or(0, |i| i + "// listing: begin\n".len());
    let end = source[begin..].find("// listing: end").map_or(source.len(), |i| begin + i);
    source[begin..end].trim_end().to_string()
}

impl Listing {
    fn from_text(text: &str) -> Listing {
        Listing { lines: text.lines().map(str::to_string).collect() }
    }

    /// The thread version.
    pub fn threads(language: Language, mistake: Option<Mistake>) -> Listing {
        match language {
            Language::Rust => Listing::from_text(&excerpt(THREADS_RS)),
            Language::Python => {
                let mut text = THREADS_PY.to_string();
                if mistake == Some(Mistake::NoEvent) {
                    text = text.replace(
                        "    done.set()  # ask the spinner to stop...",
                        "    # done.set()  <- the mistake: forgotten",
                    );
                }
                Listing::from_text(&text)
            }
        }
    }

    /// The coroutine version.
    pub fn coroutines(language: Language, mistake: Option<Mistake>) -> Listing {
        match language {
            Language::Rust => Listing::from_text(&excerpt(COROUTINES_RS)),
            Language::Python => {
                let mut text = COROUTINES_PY.to_string();
                if mistake == Some(Mistake::BlockingSleep) {
                    text = text.replace("import itertools\n", "import itertools\nimport time\n").replace(
                        "    await asyncio.sleep(3)  # the loop runs on",
                        "    time.sleep(3)  # the mistake: blocks the loop",
                    );
                }
                if mistake == Some(Mistake::NoCancel) {
                    text = text.replace(
                        "    spinner.cancel()  # a request, not a kill",
                        "    # spinner.cancel()  <- the mistake: forgotten",
                    );
                }
                Listing::from_text(&text)
            }
        }
    }

    /// The first line (0-based) containing `text`.
    pub fn line(&self, text: &str) -> Option<usize> {
        self.lines.iter().position(|l| l.contains(text))
    }

    /// The lines as string slices, for drawing.
    pub fn as_strs(&self) -> Vec<&str> {
        self.lines.iter().map(String::as_str).collect()
    }
}

/// A place in the thread version, named after its line (the table in
/// [`ThreadSpot::text`] gives the line in each language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadSpot {
    SpinPrint,
    SpinWait,
    SpinBreak,
    SpinClear,
    SlowSleep,
    SlowReturn,
    SupEvent,
    SupThread,
    SupPrint,
    SupStart,
    SupCallSlow,
    SupSet,
    SupJoin,
    SupReturn,
    MainCall,
    MainPrint,
}

impl ThreadSpot {
    /// Every spot, for checks.
    pub const ALL: [ThreadSpot; 16] = [
        ThreadSpot::SpinPrint,
        ThreadSpot::SpinWait,
        ThreadSpot::SpinBreak,
        ThreadSpot::SpinClear,
        ThreadSpot::SlowSleep,
        ThreadSpot::SlowReturn,
        ThreadSpot::SupEvent,
        ThreadSpot::SupThread,
        ThreadSpot::SupPrint,
        ThreadSpot::SupStart,
        ThreadSpot::SupCallSlow,
        ThreadSpot::SupSet,
        ThreadSpot::SupJoin,
        ThreadSpot::SupReturn,
        ThreadSpot::MainCall,
        ThreadSpot::MainPrint,
    ];

    /// The text that finds its line: (Python, Rust).
    pub fn text(self, language: Language, _mistake: Option<Mistake>) -> &'static str {
        let (py, rs) = match self {
            ThreadSpot::SpinPrint => ("print(status, end=", "me.status(&status)"),
            ThreadSpot::SpinWait => ("if done.wait(.1):", "if me.wait(done, 0.1)"),
            ThreadSpot::SpinBreak => ("break", "break;"),
            ThreadSpot::SpinClear => ("print(' ' * len(status)", "me.status(&\" \".repeat"),
            ThreadSpot::SlowSleep => ("time.sleep(3)", "me.sleep(3.0)"),
            ThreadSpot::SlowReturn => ("return 42", "me.returns(\"slow_function\""),
            ThreadSpot::SupEvent => ("done = Event()", "let done = me.new_event()"),
            ThreadSpot::SupThread => ("spinner = Thread(", "let spinner = me.new_thread("),
            ThreadSpot::SupPrint => ("print('spinner object:'", "spinner object:"),
            ThreadSpot::SupStart => ("spinner.start()", "me.start(spinner)"),
            ThreadSpot::SupCallSlow => ("result = slow_function()", "me.call(\"slow_function\""),
            ThreadSpot::SupSet => ("done.set()", "me.set(&done)"),
            ThreadSpot::SupJoin => ("spinner.join()", "me.join(spinner)"),
            ThreadSpot::SupReturn => ("return result", "me.returns(\"supervisor\""),
            ThreadSpot::MainCall => ("result = supervisor()", "me.call(\"supervisor\""),
            ThreadSpot::MainPrint => ("print('Answer:'", "\"Answer: {result}\""),
        };
        match language {
            Language::Python => py,
            Language::Rust => rs,
        }
    }
}

/// A place in the coroutine version, named after its line (the table in
/// [`TaskSpot::text`] gives the line in each language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskSpot {
    SpinFor,
    SpinPrint,
    SpinAwait,
    SpinExcept,
    SpinClear,
    SlowAwait,
    SlowReturn,
    SupCreate,
    SupPrint,
    SupAwait,
    SupCancel,
    SupReturn,
    MainRun,
    MainClose,
    MainPrint,
}

impl TaskSpot {
    /// Every spot, for checks.
    pub const ALL: [TaskSpot; 15] = [
        TaskSpot::SpinFor,
        TaskSpot::SpinPrint,
        TaskSpot::SpinAwait,
        TaskSpot::SpinExcept,
        TaskSpot::SpinClear,
        TaskSpot::SlowAwait,
        TaskSpot::SlowReturn,
        TaskSpot::SupCreate,
        TaskSpot::SupPrint,
        TaskSpot::SupAwait,
        TaskSpot::SupCancel,
        TaskSpot::SupReturn,
        TaskSpot::MainRun,
        TaskSpot::MainClose,
        TaskSpot::MainPrint,
    ];

    /// The text that finds its line: (Python, Rust).
    pub fn text(self, language: Language, mistake: Option<Mistake>) -> &'static str {
        let blocking = mistake == Some(Mistake::BlockingSleep);
        let (py, rs) = match self {
            TaskSpot::SpinFor => ("for char in itertools.cycle", "chars().cycle()"),
            TaskSpot::SpinPrint => ("print(status, end=", "out.status(&status)"),
            TaskSpot::SpinAwait => ("await asyncio.sleep(.1)", "if let Err(e) = co.await_(nap)"),
            TaskSpot::SpinExcept => ("except asyncio.CancelledError:", "is_instance(CANCELLED_ERROR)"),
            TaskSpot::SpinClear => ("print(' ' * len(status)", "out.status(&\" \".repeat"),
            TaskSpot::SlowAwait if blocking => ("time.sleep(3)", "thread::sleep(pace.duration(3.0))"),
            TaskSpot::SlowAwait => ("await asyncio.sleep(3)", "co.await_(nap).await?"),
            TaskSpot::SlowReturn => ("return 42", "Ok(42.into())"),
            TaskSpot::SupCreate => ("spinner = asyncio.create_task(", "aio::create_task(spin)"),
            TaskSpot::SupPrint => ("print('spinner object:'", "spinner object:"),
            TaskSpot::SupAwait => ("result = await slow_function()", "co.await_(slow).await?"),
            TaskSpot::SupCancel => ("spinner.cancel()", "spinner.cancel(None)"),
            TaskSpot::SupReturn => ("return result", "Ok(result)"),
            TaskSpot::MainRun => ("loop.run_until_complete(", "lp.run_until_complete(sup)"),
            TaskSpot::MainClose => ("loop.close()", "lp.close()"),
            TaskSpot::MainPrint => ("print('Answer:'", "\"Answer: {}\""),
        };
        match language {
            Language::Python => py,
            Language::Rust => rs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MISTAKES: [Option<Mistake>; 4] =
        [None, Some(Mistake::BlockingSleep), Some(Mistake::NoCancel), Some(Mistake::NoEvent)];

    #[test]
    fn every_spot_is_on_exactly_one_line_of_every_listing() {
        for mistake in MISTAKES {
            for language in [Language::Python, Language::Rust] {
                let listing = Listing::threads(language, mistake);
                for spot in ThreadSpot::ALL {
                    let text = spot.text(language, mistake);
                    let n = listing.lines.iter().filter(|l| l.contains(text)).count();
                    assert_eq!(n, 1, "{spot:?} ({text}) in the {language:?} thread listing, {mistake:?}");
                }
                let listing = Listing::coroutines(language, mistake);
                for spot in TaskSpot::ALL {
                    let text = spot.text(language, mistake);
                    let n = listing.lines.iter().filter(|l| l.contains(text)).count();
                    assert_eq!(n, 1, "{spot:?} ({text}) in the {language:?} coroutine listing, {mistake:?}");
                }
            }
        }
    }

    #[test]
    fn mistakes_show_in_the_python() {
        let blocking = Listing::coroutines(Language::Python, Some(Mistake::BlockingSleep));
        assert!(blocking.lines.iter().any(|l| l.trim_start().starts_with("time.sleep(3)")));
        let no_cancel = Listing::coroutines(Language::Python, Some(Mistake::NoCancel));
        assert!(no_cancel.lines.iter().any(|l| l.trim_start().starts_with("# spinner.cancel()")));
        let no_event = Listing::threads(Language::Python, Some(Mistake::NoEvent));
        assert!(no_event.lines.iter().any(|l| l.trim_start().starts_with("# done.set()")));
    }

    #[test]
    fn listings_fit_a_half_screen_pane() {
        let all = [Language::Python, Language::Rust]
            .map(|lang| [Listing::threads(lang, None), Listing::coroutines(lang, None)]);
        for l in all.iter().flatten() {
            for line in &l.lines {
                assert!(line.chars().count() <= 52, "too wide for a 120-column compare view: {line}");
            }
        }
    }
}
