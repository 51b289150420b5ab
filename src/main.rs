//! The `corosim` command: run, trace and benchmark the simulated programs.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use corosim::{Console, scenarios, trace};

/// corosim — see how coroutines work.
///
/// Python's generators, `yield from` and asyncio, simulated step by step. Every program
/// has a Python twin that prints exactly the same lines under python3.
#[derive(Parser)]
#[command(name = "corosim", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the simulated programs.
    List,
    /// Run a program and print what it prints.
    Run {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// Let sleeps take real time (default: a virtual clock, instant and repeatable).
        #[arg(long)]
        real_time: bool,
    },
    /// Run a program and show every step: resumes, yields, delegation, output.
    Trace {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// `text` for people, `jsonl` (one JSON object per event) for programs, `svg` for a
        /// timeline picture (one lane per task or generator).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
    Bench {
        /// What to measure.
        #[arg(value_enum)]
        suite: Suite,
        /// One JSON object per workload, one per line.
        #[arg(long)]
        json: bool,
    },
    /// The book: write the files its chapters include.
    Book {
        #[command(subcommand)]
        action: BookAction,
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Suite {
    /// send() round trips and sends through `yield from` chains.
    Generators,
}

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corosim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::List => {
            let width = scenarios::all().iter().map(|s| s.name.len()).max().unwrap_or(0);
            for s in scenarios::all() {
                println!("{:width$}  {}", s.name, s.summary);
            }
        }
        Command::Run { scenario, real_time } => {
            let s = find(&scenario)?;
            corosim::aio::use_real_clock(real_time);
            (s.run)(&Console::stdout()).map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Trace { scenario, format, real_time } => {
            let s = find(&scenario)?;
            corosim::aio::use_real_clock(real_time);
            let (result, events) = trace::collect(|| (s.run)(&Console::silent()));
            let mut out = std::io::stdout().lock();
            if let Format::Svg = format {
                let _ = out.write_all(corosim::timeline::svg_for(s.name, &events).as_bytes());
                return result.map_err(|e| anyhow::anyhow!("{} raised {e}", s.name));
            }
            for event in &events {
                let line = match format {
                    Format::Jsonl => serde_json::to_string(event).context("encoding an event")?,
                    Format::Text | Format::Svg => event.to_string(),
                };
                if writeln!(out, "{line}").is_err() {
                    return Ok(()); // the reader went away (`| head`)
                }
            }
            result.map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Show { scenario, rust } => {
            let s = find(&scenario)?;
            print!("{}", if rust { s.rust } else { s.python });
        }
        Command::Bench { suite, json } => match suite {
            Suite::Generators => corosim::bench::generators::run(json)?,
        },
        Command::Book { action: BookAction::Generate { check, dir } } => book_generate(&dir, check)?,
    }
    Ok(())
}

/// `corosim book generate [--check]`.
fn book_generate(dir: &std::path::Path, check: bool) -> Result<()> {
    use corosim::book;
    if !dir.join("book.toml").is_file() {
        bail!("{} has no book.toml: run from the repository root, or pass --dir", dir.display());
    }
    let files = book::all_files();
    let changes = if check { book::check(dir, &files)? } else { book::write(dir, &files)? };
    for change in &changes {
        match change {
            _ if check => println!("{change}"),
            book::Stale::Missing(p) | book::Stale::Changed(p) => println!("wrote {}", p.display()),
            book::Stale::Unexpected(p) => println!("removed {}", p.display()),
        }
    }
    if check && !changes.is_empty() {
        bail!("{} generated file(s) out of date; run `{}`", changes.len(), book::REGENERATE);
    }
    let verb = if check { "up to date" } else { "written" };
    println!("{} files for {} programs {verb}", files.len(), corosim::scenarios::all().len());
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
