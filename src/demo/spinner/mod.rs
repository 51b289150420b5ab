//! `corosim spinner`: Fluent Python's spinner and supervisor, written with threads and with
//! coroutines, run side by side — live, or one event at a time.
//!
//! The course's lesson is the comparison itself:
//! * a thread must be `start()`ed; a Task is scheduled the moment it is created;
//! * nothing can kill a thread — the supervisor sets an `Event` and `join`s; a Task is
//!   `cancel()`led and the `CancelledError` arrives at the paused `await`;
//! * the thread's slow function blocks in `time.sleep`; the coroutine must `await sleep`,
//!   and a blocking sleep there freezes the whole loop;
//! * threads are preempted anywhere; coroutines switch only where they `await`.
//!
//! Layout: the programs (`thread_program.rs` on real OS threads through `threads.rs`,
//! `coroutine_program.rs` on the corosim loop through `coroutines.rs`), what each pane makes of their events (`thread_view.rs`, `task_view.rs`), the
//! listings and their line table (`listing.rs`), the words (`lessons.rs`), and the three
//! ways to show it: full screen (`app.rs`, `ui.rs`), plain text (`plain.rs`), and the
//! `--scale` measurement (`scale.rs`, after `limits.rs` has checked that it fits). Stepping, rewinding and speed come from the
//! [`player`](crate::player).

mod app;
#[rustfmt::skip] // a listing, formatted for half a screen
mod coroutine_program;
mod coroutines;
mod lessons;
pub mod limits;
mod listing;
mod plain;
mod scale;
mod task_view;
#[rustfmt::skip] // a listing, formatted for half a screen
mod thread_program;
mod thread_view;
mod threading;
mod threads;
mod ui;

use std::io::IsTerminal;

use clap::ValueEnum;

pub use coroutine_program::Pace;
pub use lessons::POINTS;
pub use listing::{Language, Listing, TaskSpot, ThreadSpot};
pub use task_view::TaskView;
pub use thread_view::ThreadView;
pub use threading::{ThreadEvent, ThreadStep};
pub use threads::ThreadRun;

/// Which versions to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// The thread version only.
    Thread,
    /// The coroutine version only.
    Coroutine,
    /// Both, side by side.
    Compare,
}

impl Mode {
    /// Shows the thread version.
    pub fn threads(self) -> bool {
        self != Mode::Coroutine
    }

    /// Shows the coroutine version.
    pub fn coroutines(self) -> bool {
        self != Mode::Thread
    }
}

/// A classic mistake to make on purpose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mistake {
    /// The coroutine's slow function calls a blocking `time.sleep(3)`: the loop freezes.
    BlockingSleep,
    /// The spinner task is never cancelled: "Task was destroyed but it is pending!".
    NoCancel,
    /// The spinner thread is never told to stop: `join` blocks for ever.
    NoEvent,
}

impl Mistake {
    /// Does this mistake happen in the thread version (else the coroutine version)?
    pub fn in_threads(self) -> bool {
        self == Mistake::NoEvent
    }
}

/// Colour in plain output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `corosim spinner`'s options.
#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// Which version to show.
    #[arg(long, value_enum, default_value_t = Mode::Compare)]
    pub mode: Mode,
    /// Start paused: each Space/→ advances one event in each version.
    #[arg(long)]
    pub step: bool,
    /// Run the coroutine version on the loop's virtual clock (replayed at real pace).
    #[arg(long)]
    pub virtual_time: bool,
    /// Make a classic mistake, and see what happens.
    #[arg(long, value_enum)]
    pub mistake: Option<Mistake>,
    /// Playback speed: 2 is twice as fast (sleeps are shortened to match).
    #[arg(long, default_value_t = 1.0, value_parser = parse_speed, allow_negative_numbers = true)]
    pub speed: f64,
    /// Run N spinners as N threads and as N tasks: start-up time and memory, measured
    /// (N from 1 to 1,000,000, as far as this machine allows).
    #[arg(long, value_name = "N", value_parser = parse_scale, allow_negative_numbers = true)]
    pub scale: Option<usize>,
    /// Print the plain event-per-line comparison, even on a terminal.
    #[arg(long)]
    pub plain: bool,
    /// Width of the plain output, 40 to 1000 columns [default: $COLUMNS, else 100];
    /// below 80 the versions are printed one after the other.
    #[arg(long, value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,
    /// Colour in plain output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The language of the screen's words: `en` or `zh-CN` (default: $COROSIM_LANG, else
    /// the locale, else English).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Panic once the screen is up (to test that the terminal is restored).
    #[arg(long, hide = true)]
    pub panic_for_test: bool,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            mode: Mode::Compare,
            step: false,
            virtual_time: false,
            mistake: None,
            speed: 1.0,
            scale: None,
            plain: false,
            width: None,
            color: ColorChoice::Auto,
            lang: None,
            panic_for_test: false,
        }
    }
}

fn parse_speed(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.01..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("'{s}' is not a speed between 0.01 and 100")),
    }
}

/// The most spinners `--scale` starts: a million tasks fit in a laptop's memory; whether
/// a million threads do is for [`limits`] to say.
pub const MAX_SCALE: usize = 1_000_000;

fn parse_scale(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_SCALE).contains(&n) => Ok(n),
        _ => Err(format!("'{s}' is not a number of spinners from 1 to 1,000,000")),
    }
}

fn parse_width(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (40..=1000).contains(&n) => Ok(n),
        _ => Err(format!("'{s}' is not a width from 40 to 1000 columns")),
    }
}

/// Runs the demo: full screen on a terminal, plain text otherwise.
pub fn run(args: &Args) -> anyhow::Result<()> {
    if let Some(m) = args.mistake {
        let shown = if m.in_threads() { args.mode.threads() } else { args.mode.coroutines() };
        if !shown {
            let side = if m.in_threads() { "thread" } else { "coroutine" };
            anyhow::bail!(
                "--mistake {} is a mistake of the {side} version: use --mode {side} or compare",
                name(m)
            );
        }
    }
    if let Some(n) = args.scale {
        // Refused here, before anything starts: some limits abort the process when crossed.
        limits::Limits::read().check(n).map_err(anyhow::Error::msg)?;
    }
    crate::i18n::Lang::choose(args.lang.as_deref()).map_err(anyhow::Error::msg)?;
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    match (args.scale, terminal && !args.plain) {
        (Some(n), true) => scale::run_screen(n),
        (Some(n), false) => scale::run_plain(n),
        (None, true) => app::run(args),
        (None, false) => plain::run(args),
    }
}

fn name(m: Mistake) -> String {
    m.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}
