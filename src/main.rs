//! The `corosim` command: run, trace and benchmark the simulated programs.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use corosim::{Console, lessons, scenarios, trace};

/// Many small objects come and go in a learner's program: mimalloc serves them quicker.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// corosim — see how coroutines work.
///
/// Python's generators, `yield from` and asyncio, simulated step by step. Every program
/// has a Python twin that prints exactly the same lines under python3.
#[derive(Parser)]
#[command(name = "corosim", version, about, long_about = None, disable_help_subcommand = true)]
struct Cli {
    /// With no command: the spinner demo (`corosim spinner`).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Help on a command (`corosim help run`), or on the Python corosim runs
    /// (`corosim help python`).
    Help {
        /// A command's name, or `python`.
        topic: Option<String>,
    },
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
        /// Stop a Python program after this many steps (loop turns and calls): an endless
        /// loop ends with a message instead of running forever.
        #[arg(long, value_name = "N", default_value_t = corosim::python::DEFAULT_MAX_STEPS)]
        max_steps: u64,
        /// Also run the program under CPython (virtual clock) and compare: "identical",
        /// or the lines that differ and exit status 1.
        #[arg(long)]
        check: bool,
        /// Threads (`threading`): statements a thread runs before another gets its turn,
        /// as CPython's switch interval (default 100000, about its 5 ms).
        #[arg(long, value_name = "N", default_value_t = corosim::python::threads::DEFAULT_SWITCH_EVERY,
              value_parser = clap::value_parser!(u64).range(1..))]
        switch_every: u64,
        /// Threads: draw the switch points and the next thread from this seed (the same
        /// seed, the same run), instead of taking turns every N statements.
        #[arg(long, value_name = "S", conflicts_with = "seeds")]
        seed: Option<u64>,
        /// Threads: run the program once per seed in A..B and report how many different
        /// outputs the seeds gave, and which seeds gave which (a race, made measurable).
        #[arg(long, value_name = "A..B", value_parser = parse_seeds, conflicts_with = "check")]
        seeds: Option<(u64, u64)>,
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
        /// How a `.py` program's threads take turns (as `corosim run`).
        #[command(flatten)]
        turns: corosim::step::Turns,
    },
    /// Print a program's source: its Python twin (default) or the Rust version.
    Show {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// Show the Rust version instead of the Python twin.
        #[arg(long)]
        rust: bool,
    },
    /// Serve a program for real, on the real clock: `charfinder`, the course's Unicode-name
    /// TCP server, for `nc 127.0.0.1 PORT`. Prints its address; Ctrl-C stops it.
    Serve {
        /// What to serve: `charfinder`.
        #[arg(value_enum)]
        what: Serve,
        /// The port on 127.0.0.1 (0: one the OS chooses).
        #[arg(long, default_value_t = 2323)]
        port: u16,
        /// Print only the address and the shutdown, not every query (for `bench server`).
        #[arg(long)]
        quiet: bool,
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
        /// Only this program's files: a built-in program's name or your own .py file
        /// (written under DIR/src/generated/NAME/, other programs' files left alone).
        #[arg(long, value_name = "NAME|FILE.py")]
        program: Option<String>,
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

/// What `corosim serve` serves.
#[derive(Clone, Copy, ValueEnum)]
enum Serve {
    /// The course's Unicode-name TCP server (`charfinder_tcp`'s `handle_queries`).
    Charfinder,
}

#[derive(Clone, Copy, ValueEnum)]
enum Suite {
    /// send() round trips and sends through `yield from` chains.
    Generators,
    /// Tasks round the ready queue: 100,000 × 10 sleep(0), 1,000,000 × 1 sleep(0).
    Loop,
    /// The same .py programs under `corosim run` and python3: send, yield from, the loop.
    Python,
    /// The charfinder TCP server under load: 1,000 clients × 20 queries, requests/s, latency, memory.
    Server,
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
        Command::Run { scenario, max_steps, args, check, switch_every, seed, seeds, real_time }
            if scenario.ends_with(".py") || scenario == "-" =>
        {
            // A program with many objects (100,000 paused tasks) would count its heap in
            // 2 MiB pages: about 11 MiB more at that size.
            in_small_pages();
            let threads = Threads { switch_every, seed, real_time };
            let code = if let Some(seeds) = seeds {
                run_python_seeds(&scenario, args, max_steps, switch_every, seeds)?
            } else if check {
                check_python_file(&scenario, args, max_steps, threads)?
            } else {
                run_python_file(&scenario, args, max_steps, threads)?
            };
            std::process::exit(code);
        }
        Command::Run { scenario, real_time, .. } => {
            let s = find(&scenario)?;
            s.run(&Console::stdout(), clock_kind(real_time))
                .map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Step(args) => corosim::step::run(&args)?,
        Command::Help { topic } => {
            use clap::CommandFactory;
            let mut cli = Cli::command();
            match topic.as_deref() {
                Some("python") => print!("{}", corosim::python::HELP),
                Some(name) => match cli.find_subcommand_mut(name) {
                    Some(sub) => sub.print_long_help()?,
                    None => bail!("no help on '{name}': try `corosim help`, or `corosim help python`"),
                },
                None => cli.print_long_help()?,
            }
        }
        Command::Trace {
            format: format @ (Format::Chrome | Format::Pstree),
            scenario,
            at,
            real_time: false,
            turns,
        } => {
            return trace_export(&scenario, format, at.as_deref(), turns);
        }
        Command::Trace { scenario, format, real_time: _, at: _, turns } if scenario.ends_with(".py") => {
            let (file, source) = corosim::python::read_program(&scenario)?;
            let options = corosim::python::RunOptions {
                switch_every: turns.switch_every,
                seed: turns.seed,
                ..corosim::python::RunOptions::new(&file)
            };
            let run = corosim::python::run_traced(source, options);
            let mut out = std::io::stdout().lock();
            if let Format::Svg = format {
                out.write_all(corosim::timeline::svg_for(&file, &run.events).as_bytes())?;
            } else {
                for event in &run.events {
                    let line = match format {
                        Format::Jsonl => serde_json::to_string(event).context("encoding an event")?,
                        _ => event.to_string(),
                    };
                    writeln!(out, "{line}")?;
                }
            }
            std::io::stderr().write_all(run.stderr.as_bytes())?;
            return Ok(if run.code == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(run.code.clamp(1, 255) as u8)
            });
        }
        Command::Trace { scenario, format, real_time, at: _, turns: _ } => {
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
        Command::Show { scenario, rust: false } if scenario.ends_with(".py") => {
            let (_, source) = corosim::python::read_program(&scenario)?;
            std::io::stdout().lock().write_all(source.as_bytes())?;
        }
        Command::Show { scenario, rust } => {
            let s = find(&scenario)?;
            std::io::stdout().lock().write_all(if rust { s.rust } else { s.python }.as_bytes())?;
        }
        Command::Bench { suite, json, quick } => match suite {
            Suite::Generators => corosim::bench::generators::run(json, quick)?,
            Suite::Loop => corosim::bench::event_loop::run(json, quick)?,
            Suite::Python => corosim::bench::python::run(json, quick)?,
            Suite::Server => corosim::bench::server::run(json, quick)?,
        },
        Command::Serve { what: Serve::Charfinder, port, quiet } => {
            in_small_pages();
            corosim::scenarios::serve_charfinder(&corosim::Console::stdout(), port, quiet)
                .map_err(|e| anyhow::anyhow!("{e}"))?
        }
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
        Command::Book { action: BookAction::Generate { check, dir, program } } => match program {
            Some(p) => book_generate_one(&dir, &p, check)?,
            None => book_generate(&dir, check)?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

/// `corosim trace X --format chrome|pstree [--at N]` (issue 18's exports, on the virtual clock).
fn trace_export(
    scenario: &str,
    format: Format,
    at: Option<&str>,
    turns: corosim::step::Turns,
) -> Result<ExitCode> {
    use corosim::step::{chrome, program::Program, pstree};
    let program = Program::load_with(scenario, turns)?;
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

/// `corosim book generate --program NAME|FILE.py [--check]`: one program's files, for a
/// teacher's own chapter.
fn book_generate_one(dir: &std::path::Path, program: &str, check: bool) -> Result<()> {
    use corosim::book;
    let s = corosim::scenarios::load(program).map_err(anyhow::Error::msg)?;
    let files = book::files_for(s);
    // Only this program's files: the others (and what is no longer generated) stay.
    let changes: Vec<book::Stale> = if check {
        book::check(dir, &files)?.into_iter().filter(|c| !matches!(c, book::Stale::Unexpected(_))).collect()
    } else {
        book::write_only(dir, &files)?
    };
    let mut out = std::io::stdout().lock();
    for change in &changes {
        match change {
            _ if check => writeln!(out, "{change}")?,
            book::Stale::Missing(p) | book::Stale::Changed(p) => {
                writeln!(out, "wrote {}", dir.join(p).display())?
            }
            book::Stale::Unexpected(_) => {}
        }
    }
    if check && !changes.is_empty() {
        bail!("{} generated file(s) of {} out of date", changes.len(), s.name);
    }
    let verb = if check { "up to date" } else { "written" };
    writeln!(
        out,
        "{} files for {} {verb} under {}",
        files.len(),
        s.name,
        dir.join(book::GENERATED_DIR).display()
    )?;
    Ok(())
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

/// How a program's threads take turns (`--switch-every`, `--seed`).
#[derive(Clone, Copy)]
struct Threads {
    switch_every: u64,
    seed: Option<u64>,
    /// `--real-time`: sleeps, timeouts and the loop's timers take real time.
    real_time: bool,
}

/// `--seeds A..B`: both ends included.
fn parse_seeds(text: &str) -> Result<(u64, u64), String> {
    let bad = || format!("'{text}' is not a range of seeds: write A..B, as 1..50");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let (a, b): (u64, u64) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
    if a > b {
        return Err(format!("'{text}': the first seed is greater than the last"));
    }
    if b - a >= 100_000 {
        return Err(format!("'{text}': at most 100000 seeds"));
    }
    Ok((a, b))
}

/// `corosim run FILE.py --seeds A..B`: the program once per seed; how many different
/// outputs (stdout, stderr and exit status together) the seeds gave, and which gave which.
fn run_python_seeds(
    path: &str,
    args: Vec<String>,
    max_steps: u64,
    switch_every: u64,
    (first, last): (u64, u64),
) -> anyhow::Result<i32> {
    use std::io::Write;
    let (display, source) = corosim::python::read_program(path)?;
    let opts = corosim::python::RunOptions {
        file: display.clone(),
        args,
        max_steps,
        switch_every,
        ..corosim::python::RunOptions::new("")
    };
    let worker = std::thread::Builder::new().stack_size(1 << 30).spawn(move || {
        let mut outputs: Vec<((String, String, i32), Vec<u64>)> = Vec::new();
        for seed in first..=last {
            let out = std::rc::Rc::new(std::cell::RefCell::new((String::new(), String::new())));
            let sink = out.clone();
            let opts = corosim::python::RunOptions { seed: Some(seed), ..opts.clone() };
            let code = corosim::python::run(
                &source,
                &opts,
                Box::new(move |text, err| {
                    let mut o = sink.borrow_mut();
                    if err { o.1.push_str(text) } else { o.0.push_str(text) }
                }),
            );
            let (o, e) = out.borrow().clone();
            let key = (o, e, code);
            match outputs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, seeds)) => seeds.push(seed),
                None => outputs.push((key, vec![seed])),
            }
        }
        outputs
    })?;
    let outputs = worker
        .join()
        .map_err(|_| anyhow::anyhow!("corosim's interpreter failed (a bug: please report it)"))?;
    let runs = last - first + 1;
    let mut out = std::io::stdout().lock();
    let distinct = outputs.len();
    writeln!(
        out,
        "{display}: {runs} run{} (seeds {first}..{last}), {distinct} different output{}",
        if runs == 1 { "" } else { "s" },
        if distinct == 1 { "" } else { "s" }
    )?;
    // One line each: the seeds, then the output with its lines joined by ` | `.
    for ((stdout, stderr, code), seeds) in outputs.iter().take(20) {
        let mut text = stdout.lines().collect::<Vec<_>>().join(" | ");
        if let Some(last_err) = stderr.lines().last() {
            text.push_str(&format!(" (stderr: {last_err})"));
        }
        if *code != 0 {
            text.push_str(&format!(" (exit status {code})"));
        }
        if text.chars().count() > 100 {
            text = text.chars().take(99).collect::<String>() + "…";
        }
        let word = if seeds.len() == 1 { "seed" } else { "seeds" };
        writeln!(out, "  {word} {}: {text}", seed_list(seeds))?;
    }
    if distinct > 20 {
        writeln!(out, "  … and {} more outputs", distinct - 20)?;
    }
    Ok(0)
}

/// Seeds as ranges: `1-3, 7, 9-10`.
fn seed_list(seeds: &[u64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < seeds.len() {
        let start = seeds[i];
        let mut end = start;
        while i + 1 < seeds.len() && seeds[i + 1] == end + 1 {
            i += 1;
            end = seeds[i];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}-{end}") });
        i += 1;
    }
    parts.join(", ")
}

/// `corosim run FILE.py`: reads the program (a clear error for a missing file, a folder,
/// text that is not UTF-8), runs it on corosim's runtime on a thread with room for deep
/// recursion, and returns its exit status.
fn run_python_file(path: &str, args: Vec<String>, max_steps: u64, threads: Threads) -> anyhow::Result<i32> {
    use std::io::Write;
    let (display, source) = corosim::python::read_program(path)?;
    let opts = corosim::python::RunOptions {
        file: display,
        args,
        max_steps,
        switch_every: threads.switch_every,
        seed: threads.seed,
        real_time: threads.real_time,
    };
    let live = threads.real_time;
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
                    let mut out = out.borrow_mut();
                    let _ = out.write_all(text.as_bytes());
                    if live {
                        // In real time, output shows as it is printed.
                        let _ = out.flush();
                    }
                }
            }),
        );
        let _ = std::io::stdout().flush();
        code
    })?;
    worker.join().map_err(|_| anyhow::anyhow!("corosim's interpreter failed (a bug: please report it)"))
}

/// `corosim run FILE.py --check`: the program under corosim and under CPython (on the
/// same virtual clock), compared: "identical", or what differs and exit status 1.
fn check_python_file(path: &str, args: Vec<String>, max_steps: u64, threads: Threads) -> anyhow::Result<i32> {
    use corosim::oracle::{self, Use};
    let (display, source) = corosim::python::read_program(path)?;
    if path == "-" {
        bail!("--check needs a file (CPython runs the same file): save the program first");
    }
    let ours = corosim::python::run_traced(
        source.clone(),
        corosim::python::RunOptions {
            file: display.clone(),
            args: args.clone(),
            max_steps,
            switch_every: threads.switch_every,
            seed: threads.seed,
            real_time: false,
        },
    );
    // `@asyncio.coroutine` is gone from CPython 3.11; `types.coroutine` is what it was.
    let (dir, program, note) = if source.contains("asyncio.coroutine") {
        let tmp = tempfile::tempdir()?;
        let name = std::path::Path::new(path).file_name().unwrap_or_default();
        let patched = format!("import types\n{}", source.replace("@asyncio.coroutine", "@types.coroutine"));
        std::fs::write(tmp.path().join(name), patched)?;
        (
            Some(tmp),
            std::path::PathBuf::from(name),
            Some(
                "(CPython ran it with @types.coroutine for @asyncio.coroutine, which 3.11 removed; line numbers there are one lower)",
            ),
        )
    } else {
        (None, std::path::PathBuf::from(path), None)
    };
    let mut cmd =
        oracle::command(&program, Use::Compare).map_err(|e| anyhow::anyhow!("--check needs CPython: {e}"))?;
    cmd.args(&args);
    if let Some(d) = &dir {
        cmd.current_dir(d.path());
    }
    let theirs = cmd.output()?;
    let their_out = String::from_utf8_lossy(&oracle::with_stdlib_placeholder(&theirs.stdout)).into_owned();
    let their_err = oracle::with_stdlib_placeholder(&theirs.stderr);
    let (their_err, dropped) = oracle::without_library_frames(&String::from_utf8_lossy(&their_err));
    let their_code = theirs.status.code().unwrap_or(-1);
    let mut out = std::io::stdout().lock();
    let same = ours.stdout == their_out && ours.stderr == their_err && ours.code == their_code;
    if same {
        writeln!(
            out,
            "identical: {display} prints the same under corosim and CPython (stdout, stderr, exit status {})",
            ours.code
        )?;
    } else {
        writeln!(out, "{display} differs from CPython (- corosim, + CPython):")?;
        for (what, a, b) in [("stdout", &ours.stdout, &their_out), ("stderr", &ours.stderr, &their_err)] {
            if a != b {
                writeln!(out, "--- {what}")?;
                write!(out, "{}", line_diff(a, b))?;
            }
        }
        if ours.code != their_code {
            writeln!(out, "--- exit status: corosim {}, CPython {their_code}", ours.code)?;
        }
    }
    if let Some(n) = note {
        writeln!(out, "{n}")?;
    }
    if dropped {
        writeln!(
            out,
            "(CPython's own library frames (asyncio, threading) were left out of its traceback: corosim shows only the program's)"
        )?;
    }
    Ok(if same { 0 } else { 1 })
}

/// The lines of two texts that differ, `-`/`+` marked (a simple common-prefix/suffix diff:
/// enough to show where a run parts from CPython's).
fn line_diff(a: &str, b: &str) -> String {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let pre = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suf = x[pre..].iter().rev().zip(y[pre..].iter().rev()).take_while(|(p, q)| p == q).count();
    let mut out = String::new();
    for l in &x[pre.saturating_sub(2)..pre] {
        out.push_str(&format!("  {l}\n"));
    }
    for l in &x[pre..x.len() - suf] {
        out.push_str(&format!("- {l}\n"));
    }
    for l in &y[pre..y.len() - suf] {
        out.push_str(&format!("+ {l}\n"));
    }
    out
}

/// Runs `corosim serve` and `corosim run FILE.py` with their memory in ordinary 4 KiB
/// pages. With transparent huge pages, each 2 MiB region the allocator's arenas touch
/// counts whole: an idle server showed 16 MiB resident instead of 9, a program with
/// 100,000 paused tasks 84 MiB instead of 73. The setting (`PR_SET_THP_DISABLE`) applies to
/// pages touched after it and is kept across `exec`, so the process sets it and starts
/// itself again, the allocator's first arena included. If either step fails, it serves
/// as it is.
fn in_small_pages() {
    use std::os::unix::process::CommandExt;
    if nix::sys::prctl::get_thp_disable().unwrap_or(true) || nix::sys::prctl::set_thp_disable(true).is_err() {
        return;
    }
    let Ok(me) = std::env::current_exe() else { return };
    let mut args = std::env::args_os();
    let program = args.next().unwrap_or_default();
    // `exec` returns only if it failed.
    let _ = std::process::Command::new(me).arg0(program).args(args).exec();
}

#[cfg(test)]
mod tests {
    use corosim::oracle::without_library_frames as without_cpython_frames;

    #[test]
    fn cpython_library_frames_are_left_out_of_plain_and_group_tracebacks() {
        let lib = "/usr/lib/python3.11/asyncio";
        let plain = format!(
            "Traceback (most recent call last):\n  File \"t.py\", line 9, in <module>\n    asyncio.run(main())\n  \
             File \"{lib}/runners.py\", line 190, in run\n    return runner.run(main)\n           ^^^^^^\n\
             ValueError: x\n"
        );
        let (out, dropped) = without_cpython_frames(&plain);
        assert!(dropped);
        assert_eq!(
            out,
            "Traceback (most recent call last):\n  File \"t.py\", line 9, in <module>\n    asyncio.run(main())\nValueError: x\n"
        );
        let group = format!(
            "  + Exception Group Traceback (most recent call last):\n  |   File \"t.py\", line 15, in <module>\n  \
             |     asyncio.run(main())\n  |   File \"{lib}/runners.py\", line 190, in run\n  |     return runner.run(main)\n  \
             |            ^^^^^^^^^^^^^^^^\n  |   File \"t.py\", line 10, in main\n  |     async with asyncio.TaskGroup() as tg:\n  \
             |   File \"{lib}/taskgroups.py\", line 145, in __aexit__\n  |     raise me from None\n  \
             | ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)\n  +-+---------------- 1 ----------------\n    \
             | Traceback (most recent call last):\n    |   File \"t.py\", line 5, in fail\n    |     raise ValueError(n)\n    \
             | ValueError: 1\n    +------------------------------------\n"
        );
        let (out, dropped) = without_cpython_frames(&group);
        assert!(dropped);
        assert!(
            !out.contains(lib) && !out.contains("runner.run") && !out.contains("raise me from None"),
            "{out}"
        );
        assert!(out.contains("  |   File \"t.py\", line 10, in main\n  |     async with asyncio.TaskGroup() as tg:\n  | ExceptionGroup"));
        assert!(out.contains("    | ValueError: 1\n    +------------------------------------\n"));
    }
}
