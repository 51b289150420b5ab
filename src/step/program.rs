//! The program being stepped: its name, its Python text, and its whole trace — recorded
//! once, up front, on the virtual clock, so every position is reproducible.
//!
//! ```
//! let p = corosim::step::program::Program::load("grouper").unwrap();
//! assert_eq!(p.file, "grouper.py");
//! assert!(p.events.len() > 100);
//! assert!(!p.is_async());
//! ```

use anyhow::{Result, bail};

use super::source::Source;
use crate::Console;
use crate::player::Stamped;
use crate::scenarios;
use crate::trace::{self, Event};

/// A recorded run.
#[derive(Clone, Debug)]
pub struct Program {
    /// What the user typed: `grouper`, `my.py`.
    pub name: String,
    /// The Python file the source pane shows: `grouper.py`.
    pub file: String,
    /// Its text.
    pub source: Source,
    /// Every event, stamped with the loop's clock (generator events: the last reading).
    pub events: Vec<Stamped<Event>>,
    /// How the run ended, if with an exception (`grouper raised ...`).
    pub error: Option<String>,
}

impl Program {
    /// A built-in program, by name (see `corosim list`), run once on the virtual clock.
    pub fn load(name: &str) -> Result<Program> {
        Program::load_with(name, Turns::default())
    }

    /// [`Program::load`], a `.py` program's threads taking turns as `turns` says.
    pub fn load_with(name: &str, turns: Turns) -> Result<Program> {
        if name.ends_with(".py") {
            let (file, source) = crate::python::read_program(name)?;
            let options = crate::python::RunOptions {
                switch_every: turns.switch_every,
                seed: turns.seed,
                ..crate::python::RunOptions::new(&file)
            };
            let run = crate::python::run_traced(source.clone(), options);
            let error = (run.code != 0).then(|| {
                let last = run.stderr.lines().last().unwrap_or("").to_string();
                format!("{file} exited with status {}: {last}", run.code)
            });
            return Ok(Program::from_events(name, &file, &source, run.events, error));
        }
        let Some(s) = scenarios::find(name) else {
            let known: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
            bail!("unknown program '{name}'. Known programs: {}", known.join(", "));
        };
        let (result, events) = trace::collect(|| s.run(&Console::silent(), crate::aio::ClockKind::Virtual));
        let error = result.err().map(|e| format!("{} raised {e}", s.name));
        Ok(Program::from_events(name, &format!("{name}.py"), s.python, events, error))
    }

    /// A recorded trace (`corosim trace X --format jsonl`: one JSON event per line)
    /// stepped against a program's text: a built-in program's name, or a `.py` file
    /// (whose lines the trace's `Event::Line`s refer to).
    pub fn recorded(name: &str, events_path: &std::path::Path) -> Result<Program> {
        use anyhow::Context;
        let (file, text) = if name.ends_with(".py") {
            let text = std::fs::read_to_string(name).with_context(|| format!("reading {name}"))?;
            let file = std::path::Path::new(name)
                .file_name()
                .map_or(name.to_string(), |f| f.to_string_lossy().into());
            (file, text)
        } else {
            match scenarios::find(name) {
                Some(s) => (format!("{name}.py"), s.python.to_string()),
                None => bail!("unknown program '{name}': give a built-in program's name or a .py file"),
            }
        };
        let jsonl = std::fs::read_to_string(events_path)
            .with_context(|| format!("reading {}", events_path.display()))?;
        let mut events = Vec::new();
        for (i, line) in jsonl.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let event: Event = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a corosim trace event", events_path.display(), i + 1))?;
            events.push(event);
        }
        Ok(Program::from_events(name, &file, &text, events, None))
    }

    /// A program from its text and its trace (a `.py` run by an interpreter, or a test's).
    pub fn from_events(
        name: &str,
        file: &str,
        text: &str,
        events: Vec<Event>,
        error: Option<String>,
    ) -> Program {
        let mut t = 0.0;
        let events = events
            .into_iter()
            .map(|event| {
                t = event.time().unwrap_or(t);
                Stamped { t, event }
            })
            .collect();
        Program { name: name.to_string(), file: file.to_string(), source: Source::new(text), events, error }
    }

    /// Does it run an event loop (tasks, timers)? Then the loop and tasks panes show.
    pub fn is_async(&self) -> bool {
        self.events.iter().any(|e| e.event.time().is_some())
    }

    /// Does it run more than one (simulated) thread?
    pub fn has_threads(&self) -> bool {
        self.events.iter().any(|e| matches!(e.event, Event::ThreadSwitch { .. }))
    }

    /// Does it report its lines (`Event::Line`)?
    pub fn has_lines(&self) -> bool {
        self.events.iter().any(|e| matches!(e.event, Event::Line { .. }))
    }

    /// The text searches match an event against: its trace line, plus the plain words
    /// a teacher would use (`Task-3 resumed` for a task's step).
    pub fn search_text(event: &Event) -> String {
        let extra = match event {
            Event::TaskStep { task, .. } => format!(" {task} resumed {task} runs"),
            Event::TaskSuspend { task, .. } => format!(" {task} suspended {task} paused"),
            Event::State { name, to, .. } => format!(" {name} {}", to.name()),
            _ => String::new(),
        };
        format!("{event}{extra}").to_lowercase()
    }

    /// The position `--at` names: a number of events, or the first event whose text
    /// contains `at` (the position just after it).
    pub fn position(&self, at: &str) -> Result<usize> {
        let at = at.trim();
        if let Ok(n) = at.parse::<usize>() {
            if n > self.events.len() {
                bail!("--at {n}: {} has {} events", self.name, self.events.len());
            }
            return Ok(n);
        }
        let want = at.to_lowercase();
        match self.events.iter().position(|e| Program::search_text(&e.event).contains(&want)) {
            Some(i) => Ok(i + 1),
            None => {
                bail!("--at '{at}': no event of {} says that (see `corosim trace {}`)", self.name, self.name)
            }
        }
    }
}

/// How a Python program's simulated threads take turns, as `corosim run` takes them: so
/// the run a teacher steps through or traces is the run `corosim run --seed S` printed.
#[derive(clap::Args, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Turns {
    /// Threads (`threading`): statements a thread runs before another gets its turn.
    #[arg(long, value_name = "N", default_value_t = crate::python::threads::DEFAULT_SWITCH_EVERY,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub switch_every: u64,
    /// Threads: draw the switch points and the next thread from this seed.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

impl Default for Turns {
    /// CPython's switch interval in statements, no seed.
    fn default() -> Turns {
        Turns { switch_every: crate::python::threads::DEFAULT_SWITCH_EVERY, seed: None }
    }
}
