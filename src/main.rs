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
    },
    /// Run a program and show every step: resumes, yields, delegation, output.
    Trace {
        /// The program's name (see `corosim list`).
        scenario: String,
        /// `text` for people, `jsonl` (one JSON object per event) for programs.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
        /// Short runs (rough numbers): for testing the command itself.
        #[arg(long)]
        quick: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Jsonl,
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
            let width = scenarios::all()
                .iter()
                .map(|s| s.name.len())
                .max()
                .unwrap_or(0);
            for s in scenarios::all() {
                println!("{:width$}  {}", s.name, s.summary);
            }
        }
        Command::Run { scenario } => {
            let s = find(&scenario)?;
            (s.run)(&Console::stdout()).map_err(|e| anyhow::anyhow!("{} raised {e}", s.name))?;
        }
        Command::Trace { scenario, format } => {
            let s = find(&scenario)?;
            let (result, events) = trace::collect(|| (s.run)(&Console::silent()));
            let mut out = std::io::stdout().lock();
            for event in &events {
                let line = match format {
                    Format::Text => event.to_string(),
                    Format::Jsonl => serde_json::to_string(event).context("encoding an event")?,
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
        Command::Bench { suite, json, quick } => match suite {
            Suite::Generators => corosim::bench::generators::run(json, quick)?,
        },
    }
    Ok(())
}

fn find(name: &str) -> Result<&'static scenarios::Scenario> {
    match scenarios::find(name) {
        Some(s) => Ok(s),
        None => {
            let known: Vec<&str> = scenarios::all().iter().map(|s| s.name).collect();
            bail!(
                "unknown scenario '{name}'. Known scenarios: {}",
                known.join(", ")
            )
        }
    }
}
