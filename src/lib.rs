//! # corosim — see how coroutines work
//!
//! An educational simulator of Python's coroutine machinery, written so that a reader of
//! *Fluent Python* finds every concept under its Python name:
//!
//! * [`generator`] — generator objects: `next`, `send`, `throw`, `close`, states, return
//!   values, and `yield from` with PEP 380's exact rules;
//! * [`exception`] — Python's exceptions, BaseException vs Exception, `__cause__` and
//!   `__context__`, with CPython's error texts;
//! * [`value`] — Python values and their `repr`;
//! * [`trace`] — the events observers (terminal UI, lessons, book, tests) see;
//! * [`lessons`] — the course as lessons over real traces, with checkpoints;
//! * [`timeline`] — a trace drawn as an SVG picture, one lane per task or generator;
//! * [`book`] — the files the book includes, generated from the scenarios;
//! * [`oracle`] — CPython, run on a program the one way every comparison runs it;
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

pub mod aio;
pub mod bench;
pub mod book;
pub mod console;
pub mod demo;
pub mod error;
pub mod exception;
pub mod generator;
pub mod lessons;
pub mod oracle;
pub mod player;
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
