//! `corosim step`: Python Tutor for concurrent programs — step through any program event
//! by event, forward and back, and see its generators and coroutines as frames that stay
//! on screen while suspended, its `yield from`/`await` chains, its tasks, and the event
//! loop's ready queue, timers, futures and locks.
//!
//! Everything drawn comes from trace events ([`crate::trace::Event`]) through the trace
//! player ([`crate::player`]): the program runs once, on the virtual clock, and the
//! recording is folded into a [`view::StepView`] at the cursor. A program that reports
//! its lines and locals (`Event::Line`, from corosim's Python interpreter) lights up the
//! source pane and the frames' locals; the built-in programs do not, so their lines are
//! found from what the trace says each frame did (see [`source`]).
//!
//! The parts: [`program`] (the recording), [`frames`], [`tasks`], [`event_loop`],
//! [`resources`] (each a fold of the events), [`view`] (all of them at once), [`marks`]
//! and [`source`] (who is on which line), [`panes`] and [`screen`] (drawing), [`nav`]
//! (where each key goes), [`app`] (the terminal UI), [`snapshot`] (the screen as text
//! or SVG), and two exports for other tools: [`chrome`] and [`pstree`].
//!
//! ```
//! use corosim::step::{nav, program::Program};
//! let p = Program::load("grouper").unwrap();
//! let view = nav::view_at(&p, 8); // after the averager's first yield
//! let averager = view.frames.all.iter().find(|f| f.name == "averager").unwrap();
//! assert_eq!(averager.state.name(), "SUSPENDED");
//! ```

pub mod app;
pub mod chrome;
pub mod event_loop;
pub mod frames;
pub mod lesson_pane;
pub mod marks;
pub mod nav;
pub mod panes;
pub mod program;
pub mod pstree;
pub mod resources;
pub mod screen;
pub mod snapshot;
pub mod source;
pub mod tasks;
pub mod threads;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use program::Program;
pub use program::Turns;

/// `corosim step PROGRAM [--at N|TEXT] [--big] [--snapshot FILE]`.
#[derive(clap::Args, Clone, Debug)]
pub struct Args {
    /// The program: a built-in one's name (see `corosim list`), or a `.py` file.
    pub program: String,
    /// Open at this position: a number of events (`--at 40`), or the first event whose
    /// text contains the words (`--at 'Task-3 resumed'`).
    #[arg(long, value_name = "N|TEXT")]
    pub at: Option<String>,
    /// Projector mode: high contrast, fewer and larger panes.
    #[arg(long)]
    pub big: bool,
    /// Follow a task from the start (`Task-3`, or `3`): its frames stay in view.
    #[arg(long, value_name = "TASK")]
    pub follow: Option<String>,
    /// Write the screen at `--at` to a file (`.txt` or `.svg`) instead of opening the UI.
    #[arg(long, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,
    /// Step through a recorded trace (`corosim trace X --format jsonl`, one event per line)
    /// instead of running the program; PROGRAM names the source to show: a built-in
    /// program, or the `.py` file the trace's line events refer to.
    #[arg(long, value_name = "FILE.jsonl")]
    pub events: Option<PathBuf>,
    /// The snapshot's size in columns×rows.
    #[arg(long, value_name = "WxH", default_value = "120x36")]
    pub size: String,
    /// How a `.py` program's threads take turns.
    #[command(flatten)]
    pub turns: Turns,
}

/// Parses `120x36`.
fn size(s: &str) -> Result<(u16, u16)> {
    let (w, h) = s.split_once(['x', '×']).context("--size is columns×rows, like 120x36")?;
    let (w, h): (u16, u16) = (w.trim().parse()?, h.trim().parse()?);
    if !(40..=1000).contains(&w) || !(12..=1000).contains(&h) {
        bail!("--size {s}: from 40x12 to 1000x1000");
    }
    Ok((w, h))
}

/// Runs `corosim step`: the full-screen viewer on a terminal, a snapshot with
/// `--snapshot`, and the plain trace when the output is not a terminal.
pub fn run(args: &Args) -> Result<()> {
    let program = match &args.events {
        Some(path) => Program::recorded(&args.program, path)?,
        None => Program::load_with(&args.program, args.turns)?,
    };
    let at = match &args.at {
        Some(at) => program.position(at)?,
        None => 0,
    };
    let follow = match &args.follow {
        Some(t) => match nav::task_named(&nav::view_at(&program, program.events.len()), t) {
            Some(task) => Some(task),
            None => bail!("--follow {t}: {} has no task called that", program.name),
        },
        None => None,
    };
    let args = &Args { follow, ..args.clone() };
    if let Some(path) = &args.snapshot {
        let (w, h) = size(&args.size)?;
        let color = !crate::player::no_color();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let follow = args.follow.clone();
        let shot = snapshot::Shot { at, width: w, height: h, color, big: args.big, follow };
        let text = match ext {
            "svg" => snapshot::svg(&program, &shot),
            "txt" => snapshot::text(&program, &snapshot::Shot { color: false, ..shot }),
            _ => bail!("--snapshot {}: the file must end in .svg or .txt", path.display()),
        };
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        return Ok(());
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        // Piped: the plain trace, one event per line, numbered as the viewer counts.
        let mut out = std::io::stdout().lock();
        for (i, e) in program.events.iter().enumerate() {
            writeln!(out, "{:>4} {}", i + 1, e.event)?;
        }
        return Ok(());
    }
    app::run(program, at, args.big, args.follow.clone())
}
