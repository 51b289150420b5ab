//! # corosim — see how coroutines work
//!
//! An educational simulator of Python's coroutine machinery, written so that a reader of
//! *Fluent Python* finds every concept under its Python name.
//!
//! ## The map: layers, from the ground up
//!
//! A module uses only modules of its own layer or of layers below it, and no two files
//! import each other, directly or round a circle (`tests/architecture.rs` reads this
//! table and holds the code to it). Read bottom-up, the crate is the course's order:
//! objects, then generators, then the loop built from them, then programs, then the ways
//! of watching them.
//!
//! | Layer | Modules | Why here |
//! |---|---|---|
//! | 1. Python's objects | `value`, `exception`, `trace`, `console`, `error` | What every other part hands around: values with their `repr`, exceptions with CPython's hierarchy, the trace events observers see, where `print` goes, and corosim's own error type. |
//! | 2. The generator runtime | `generator` | `send`/`throw`/`close` and `yield from` need only objects; everything above suspends through it. |
//! | 3. The event loop | `aio` | asyncio is built from generators (a task drives a coroutine with `send`), so it stands on them, never the other way round. |
//! | 4. The interpreter | `python` | Runs a learner's own `.py` on the runtime and the loop: parse, compile to slots, run (`corosim run my.py`). |
//! | 5. Programs | `scenarios`, `oracle` | The course's programs, written against the runtime and the loop; CPython, run on their twins as the oracle. |
//! | 6. Observers | `player`, `timeline`, `i18n` | They see a run only through its trace events, and know nothing of who shows them; `i18n` holds the words they show in each language. |
//! | 7. Front ends | `demo`, `lessons`, `book`, `bench`, `step` | What a learner or teacher runs: the spinner, the lessons, the book's files, the benchmarks, the step-through viewer. |
//!
//! Above them all, `main.rs` is the command line.
//!
//! The modules, one line each:
//!
//! * [`value`] — Python values and their `repr`;
//! * [`exception`] — Python's exceptions, BaseException vs Exception, `__cause__` and
//!   `__context__`, with CPython's error texts;
//! * [`trace`] — the events observers (terminal UI, lessons, book, tests) see;
//! * [`console`] — where a program's `print` goes: the terminal, a capture, nowhere;
//! * [`error`] — corosim's own errors (a bad command, a file that cannot be read);
//! * [`generator`] — generator objects: `next`, `send`, `throw`, `close`, states, return
//!   values, and `yield from` with PEP 380's exact rules;
//! * [`aio`] — a small asyncio: the loop, futures, tasks, timers, the toolkit;
//! * [`python`] — the Python front-end: a learner's own program, parsed, compiled and run on the
//!   runtime, with CPython's formatting and `str` methods;
//! * [`scenarios`] — the course's programs, each with its Python twin;
//! * [`oracle`] — CPython, run on a program the one way every comparison runs it;
//! * [`player`] — plays a trace back on a terminal, step by step;
//! * [`timeline`] — a trace drawn as an SVG picture, one lane per task or generator;
//! * [`i18n`] — the screens' words in English and Chinese, and text wrapped by display width;
//! * [`demo`] — the spinner: threads and coroutines side by side;
//! * [`lessons`] — the course as lessons over real traces, with checkpoints;
//! * [`book`] — the files the book includes, generated from the scenarios;
//! * [`bench`](mod@bench) — corosim against CPython, in one run, as ratios.
//! * [`step`] — `corosim step`: step through any program, its frames, tasks and loop.
//!
//! ```
//! use corosim::Generator;
//! let g = Generator::new("gen", |co| async move {
//!     let x = co.yield_(1).await?;
//!     Ok(x)
//! });
//! assert_eq!(g.next().unwrap().repr(), "1");
//! assert_eq!(g.send("done").unwrap_err().to_string(), "StopIteration: done");
//! ```

// `unsafe` lives in three fenced places only, each allowed by name where it is declared:
// the generator's fast path (`generator/fast/`), the ready queue (`aio/ready.rs`) and the
// selector's one registration call (`aio/selector.rs`).
#![deny(unsafe_code)]

pub mod aio;
pub mod bench;
pub mod book;
pub mod console;
pub mod demo;
pub mod error;
pub mod exception;
pub mod generator;
pub mod i18n;
pub mod lessons;
pub mod oracle;
pub mod player;
pub mod python;
pub mod scenarios;
pub mod step;
pub mod timeline;
pub mod trace;
pub mod value;

pub use console::Console;
pub use error::Error;
pub use exception::{PyException, PyResult};
pub use generator::{Co, Generator, Step};
pub use trace::GenState;
pub use value::Value;
