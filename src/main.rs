//! The `corosim` command: run, trace and benchmark the simulated programs.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use corosim::{Console, lessons, scenarios, trace};

/// corosim — see how coroutines work.
///
/// Python's generators, `yield from` and asyncio, simulated step by step. Every program
/// has a Python twin that prints exactly the same lines under python3.
#[derive(Parser)]
#[command(name = "corosim", version, about, long_about = None)]
struct Cli {
    /// With no command: the spinner demo (`corosim spinner`).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Threads vs coroutines: the spinner demo, side by side, live or step by step.
    Spinner(corosim::demo::spinner::Args),
    /// List the simulated programs.
    List,
    /// Run a program and print what it prints: a built-in one by name, or your own
    /// `FILE.py` (`-` reads it from stdin) on corosim's runtime.
    Run {
        /// The program's name (see `corosim list`), or a Python file.
        scenario: String,
        /// Let sleeps take real time (default: a virtual clock, instant and repeatable).
        #[arg(long)]
        real_time: bool,
        /// Stop a Python program after this many instructions (an endless loop ends with
        /// a message instead of running forever).
        #[arg(long, value_name = "N", default_value_t = corosim::python::DEFAULT_MAX_STEPS)]
        max_steps: u64,
        /// Arguments for a Python program (`sys.argv[1:]`), after `--`.
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Step through a program, forward and back: its source, frames, tasks and loop.
    Step(corosim::step::Args),
    /// Run a program and show every step: resumes, yields, delegation, output.
    Trace {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// `text` for people, `jsonl` (one JSON object per event) for programs, `svg` for a
        /// timeline picture (one lane per task or generator), `chrome` for Perfetto and
        /// chrome://tracing, `pstree` for the await tree at `--at` (as `python -m asyncio pstree`).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// With `--format pstree`: the position, a number of events or an event's words.
        #[arg(long, value_name = "N|TEXT")]
        at: Option<String>,
        /// Let sleeps take real time (timestamps then vary from run to run).
        #[arg(long)]
        real_time: bool,
    },
    /// Print a program's source: its Python twin (default) or the Rust version.
    Show {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// Show the Rust version instead of the Python twin.
        #[arg(long)]
        rust: bool,
    },
    /// Measure corosim against CPython, side by side, in one run.
    ///
    /// CPython runs as a `python3` subprocess (set COROSIM_PYTHON to use another
    /// interpreter); without one, only corosim's column is printed.
    Bench {
        /// What to measure.
        #[arg(value_enum)]
        suite: Suite,
        /// One JSON object per workload, one per line.
        #[arg(long)]
        json: bool,
        /// Small sizes: the same programs, in a moment (for tests).
        #[arg(long)]
        quick: bool,
    },
    /// (internal) One benchmark workload in a fresh process, for `bench loop`.
    #[command(hide = true)]
    BenchWorker {
        #[arg(value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        tasks: u64,
        #[arg(value_parser = clap::value_parser!(u64).range(0..=1000))]
        sleeps: u64,
    },
    /// (internal) Runs a command and prints its wall time and peak RSS, for `bench python`.
    #[command(hide = true)]
    BenchChild {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        command: Vec<std::ffi::OsString>,
    },
    // ---- lessons (issue 5) ----
    /// Learn coroutines lesson by lesson: lists the lessons with your progress, or runs one.
    Learn {
        /// The lesson: its number (`4`) or name (`generators-as-coroutines`). Without it,
        /// the lessons are listed and you may resume where you stopped.
        lesson: Option<String>,
        /// Answers from a file (`-` for stdin), one per line in checkpoint order: a scripted
        /// run. Exits non-zero unless the lesson is completed.
        #[arg(long, value_name = "FILE|-")]
        answers: Option<String>,
        /// A lessons folder to use instead of the built-in lessons (default:
        /// $COROSIM_LESSONS_DIR); for authors.
        #[arg(long, value_name = "DIR")]
        lessons_dir: Option<std::path::PathBuf>,
        /// The language to learn in: `en` or `zh-CN` (default: $COROSIM_LANG, else the
        /// locale — LC_ALL, LC_MESSAGES, LANG — else English).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
    /// Work on the lessons themselves.
    Lessons {
        #[command(subcommand)]
        command: LessonsCommand,
    },
    /// The book: write the files its chapters include.
    Book {
        #[command(subcommand)]
        action: BookAction,
    },
}

#[derive(Subcommand)]
enum LessonsCommand {
    /// Validate every lesson against the real traces and the Python twins.
    Check {
        /// A lessons folder to use instead of the built-in lessons (default:
        /// $COROSIM_LESSONS_DIR); for authors.
        #[arg(long, value_name = "DIR")]
        lessons_dir: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum BookAction {
    /// Write each program's source, output, trace and timeline under book/src/generated/.
    Generate {
        /// Change nothing; fail if any generated file is out of date.
        #[arg(long)]
        check: bool,
        /// The book's folder (the one with book.toml).
        #[arg(long, default_value = "book")]
        dir: std::path::PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Jsonl,
    Svg,
    Chrome,
    Pstree,
}

#[derive(Clone, Copy, ValueEnum)]
enum Suite {
    /// send() round trips and sends through `yield from` chains.
    Generators,
    /// Tasks round the ready queue: 100,000 × 10 sleep(0), 1,000,000 × 1 sleep(0).
    Loop,
    /// The same .py programs under `corosim run` and python3: send, yield from, the loop.
    Python,
}

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        // The reader went away (`corosim list | head -1`): stop quietly, as Unix tools do.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corosim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Did writing to a pipe whose reader had stopped reading cause `e`?
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}

fn real_main() -> Result<ExitCode> {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        corosim::demo::spinner::run(&Default::default())?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Spinner(args) => corosim::demo::spinner::run(&args)?,
        Command::List => {
            let width = scenarios::all().iter().map(|s| s.name.len()).max().unwrap_or(0);
            let mut out = std::io::stdout().lock();
            for s in scenarios::all() {
                writeln!(out, "{:width$}  {}", s.name, s.summary)?;
            }
        }
        Command::Run { scenario, max_steps, args, .. } if scenario.ends_with(".py") || scenario == "-" => {
            let code = run_python_file(&scenario, args, max_steps)?;
            std::process::exit(code);
        }
        Command::Run { scenario, real_time, .. } => {
            let s = find(&scenario)?;
            s.run(&Console::stdout(), clock_kind(real_time))
                .map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Step(args) => corosim::step::run(&args)?,
        Command::Trace {
            format: format @ (Format::Chrome | Format::Pstree),
            scenario,
            at,
            real_time: false,
        } => {
            return trace_export(&scenario, format, at.as_deref());
        }
        Command::Trace { scenario, format, real_time, at: _ } => {
            let s = find(&scenario)?;
            let (result, events) = trace::collect(|| s.run(&Console::silent(), clock_kind(real_time)));
            let mut out = std::io::stdout().lock();
            if let Format::Svg = format {
                out.write_all(corosim::timeline::svg_for(s.name, &events).as_bytes())?;
                result.map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
                return Ok(ExitCode::SUCCESS);
            }
            for event in &events {
                let line = match format {
                    Format::Jsonl => serde_json::to_string(event).context("encoding an event")?,
                    _ => event.to_string(),
                };
                writeln!(out, "{line}")?;
            }
            result.map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Show { scenario, rust } => {
            let s = find(&scenario)?;
            std::io::stdout().lock().write_all(if rust { s.rust } else { s.python }.as_bytes())?;
        }
        Command::Bench { suite, json, quick } => match suite {
            Suite::Generators => corosim::bench::generators::run(json, quick)?,
            Suite::Loop => corosim::bench::event_loop::run(json, quick)?,
            Suite::Python => corosim::bench::python::run(json, quick)?,
        },
        Command::BenchChild { command } => corosim::bench::python::child(&command)?,
        Command::BenchWorker { tasks, sleeps } => corosim::bench::event_loop::worker(tasks, sleeps)?,
        Command::Learn { lesson, answers, lessons_dir, lang } => {
            let lessons = lessons::Lessons::choose(lessons_dir);
            let lang = corosim::i18n::Lang::choose(lang.as_deref()).map_err(anyhow::Error::msg)?;
            let opts = lessons::terminal::Options { lessons, lesson, answers, lang: lang.code().to_string() };
            return Ok(if lessons::terminal::learn(&opts)? { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        Command::Lessons { command: LessonsCommand::Check { lessons_dir } } => {
            let lessons = lessons::Lessons::choose(lessons_dir);
            return Ok(if lessons::terminal::check(&lessons) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Command::Book { action: BookAction::Generate { check, dir } } => book_generate(&dir, check)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `corosim trace X --format chrome|pstree [--at N]` (issue 18's exports, on the virtual clock).
fn trace_export(scenario: &str, format: Format, at: Option<&str>) -> Result<ExitCode> {
    use corosim::step::{chrome, program::Program, pstree};
    let program = Program::load(scenario)?;
    let mut out = std::io::stdout().lock();
    if let Format::Pstree = format {
        let at = program.position(at.unwrap_or(&program.events.len().to_string()))?;
        match pstree::render(&program, at) {
            Ok(tree) => out.write_all(tree.as_bytes())?,
            Err(cycle) => {
                eprintln!("{cycle}");
                return Ok(ExitCode::FAILURE);
            }
        }
    } else {
        writeln!(out, "{}", chrome::render(&program))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `corosim book generate [--check]`.
fn book_generate(dir: &std::path::Path, check: bool) -> Result<()> {
    use corosim::book;
    if !dir.join("book.toml").is_file() {
        bail!(
            "the book is generated into its source tree, the folder with book.toml, and {} has none \
             (it may not exist here at all): run this from the root of a corosim checkout, or pass --dir",
            dir.display()
        );
    }
    let files = book::all_files();
    let changes = if check { book::check(dir, &files)? } else { book::write(dir, &files)? };
    let mut out = std::io::stdout().lock();
    for change in &changes {
        match change {
            _ if check => writeln!(out, "{change}")?,
            book::Stale::Missing(p) | book::Stale::Changed(p) => writeln!(out, "wrote {}", p.display())?,
            book::Stale::Unexpected(p) => writeln!(out, "removed {}", p.display())?,
        }
    }
    if check && !changes.is_empty() {
        bail!("{} generated file(s) out of date; run `{}`", changes.len(), book::REGENERATE);
    }
    let verb = if check { "up to date" } else { "written" };
    writeln!(out, "{} files for {} programs {verb}", files.len(), corosim::scenarios::all().len())?;
    Ok(())
}

fn find(name: &str) -> Result<&'static scenarios::Scenario> {
    match scenarios::find(name) {
        Some(s) => Ok(s),
        None => {
            let known: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
            bail!("unknown scenario '{name}'. Known scenarios: {}", known.join(", "))
        }
    }
}

/// `--real-time` chooses the real clock for the run; virtual otherwise.
fn clock_kind(real_time: bool) -> corosim::aio::ClockKind {
    if real_time { corosim::aio::ClockKind::Real } else { corosim::aio::ClockKind::Virtual }
}

/// `corosim run FILE.py`: reads the program (a clear error for a missing file, a folder,
/// text that is not UTF-8), runs it on corosim's runtime on a thread with room for deep
/// recursion, and returns its exit status.
fn run_python_file(path: &str, args: Vec<String>, max_steps: u64) -> anyhow::Result<i32> {
    use std::io::{Read, Write};
    let (display, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        ("<stdin>".to_string(), buf)
    } else {
        let p = std::path::Path::new(path);
        if p.is_dir() {
            anyhow::bail!("{path} is a directory, not a Python file");
        }
        let bytes = std::fs::read(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => anyhow::anyhow!("{path}: no such file"),
            _ => anyhow::anyhow!("{path}: {e}"),
        })?;
        (path.to_string(), bytes)
    };
    let source = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{display} is not UTF-8 text (byte {} is not valid UTF-8); save it as UTF-8, as Python 3 expects",
            e.utf8_error().valid_up_to()
        )
    })?;
    let opts = corosim::python::RunOptions { file: display, args, max_steps };
    // Deep recursion ends in RecursionError at Python's limit, well inside this stack.
    let worker = std::thread::Builder::new().stack_size(1 << 30).spawn(move || {
        let stdout = std::io::stdout();
        let out = std::cell::RefCell::new(std::io::BufWriter::new(stdout.lock()));
        let code = corosim::python::run(
            &source,
            &opts,
            Box::new(move |text, err| {
                if err {
                    let _ = out.borrow_mut().flush();
                    let _ = std::io::stderr().write_all(text.as_bytes());
                } else {
                    let _ = out.borrow_mut().write_all(text.as_bytes());
                }
            }),
        );
        let _ = std::io::stdout().flush();
        code
    })?;
    let code = worker
        .join()
        .map_err(|_| anyhow::anyhow!("corosim's interpreter failed (a bug: please report it)"))?;
    Ok(code)
}
