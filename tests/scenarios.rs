//! Every scenario against its Python twin: `corosim run <name>` must print exactly what
//! `python3 <name>.py` prints, and warn what it warns. The expectation is CPython's
//! output, never ours.
//!
//! The twins run through the oracle (`corosim::oracle`): CPython's own asyncio with a
//! virtual clock, as corosim's loop does by default, so a loaded machine cannot reorder
//! timers that are milliseconds apart.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use corosim::aio::ClockKind;
use corosim::oracle::{self, Use};

/// Starts `python3 file` through the oracle, or explains why it cannot: under CI a
/// missing python3 (or the wrong version) is a failure, elsewhere the test is skipped.
fn spawn_python(file: &Path) -> Option<Child> {
    let command = oracle::command(file, Use::Compare);
    match command.map(|mut c| c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()) {
        Ok(Ok(child)) => Some(child),
        Ok(Err(e)) => panic!("python3 did not start: {e}"),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => panic!("python3 is required under CI: {e}"),
        Err(e) => {
            eprintln!("skipping: {e}");
            None
        }
    }
}

fn corosim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corosim")).args(args).output().expect("run corosim")
}

#[test]
fn every_scenario_prints_what_its_python_twin_prints() {
    // Start every twin, then compare: the test takes as long as the slowest twin.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scenarios");
    let mut twins = Vec::new();
    for s in corosim::scenarios::all() {
        let twin = dir.join(format!("{}.py", s.name));
        let Some(child) = spawn_python(&twin) else { return };
        twins.push((s.name, twin, child));
    }
    for (name, twin, child) in twins {
        let py = child.wait_with_output().expect("python3 runs");
        assert!(
            py.status.success(),
            "python3 {} failed:\n{}",
            twin.display(),
            String::from_utf8_lossy(&py.stderr)
        );
        let expected = String::from_utf8(py.stdout).expect("utf-8 from python3");
        let out = corosim(&["run", name]);
        assert!(out.status.success(), "corosim run {name} failed: {}", String::from_utf8_lossy(&out.stderr));
        let got = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(got, expected, "corosim run {name} differs from python3 {}", twin.display());
        // Warnings too: the oracle prints CPython's as corosim prints its own.
        let (got, expected) = (String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&py.stderr));
        assert_eq!(got, expected, "corosim run {name} warns otherwise than python3 {}", twin.display());
    }
    assert!(corosim::scenarios::all().len() >= 16);
}

#[test]
fn list_names_every_scenario_with_a_summary() {
    let out = corosim(&["list"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for s in corosim::scenarios::all() {
        let line = text.lines().find(|l| l.split_whitespace().next() == Some(s.name));
        let line = line.unwrap_or_else(|| panic!("`corosim list` lacks {}", s.name));
        assert!(line.contains(s.summary), "{line}");
    }
}

#[test]
fn a_reader_that_stops_reading_gets_a_quiet_stop() {
    // `corosim list | head -1`: the reader is gone before corosim writes. Like any Unix
    // tool, corosim stops quietly: no panic, no error message.
    for args in
        [&["list"][..], &["show", "grouper"], &["trace", "grouper"], &["bench", "generators", "--quick"]]
    {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
            .args(args)
            .stdout(writer)
            .output()
            .expect("run corosim");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "corosim {args:?} into a closed pipe said:\n{err}");
        assert!(out.status.success(), "corosim {args:?}: {}", out.status);
    }
}

#[test]
fn an_unknown_scenario_lists_the_known_ones() {
    let out = corosim(&["run", "no_such_program"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown scenario 'no_such_program'"), "{err}");
    for s in corosim::scenarios::all() {
        assert!(err.contains(s.name), "{err}");
    }
}

#[test]
fn trace_shows_output_lines_in_order_with_the_steps() {
    let out = corosim(&["trace", "delegation_chain"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let printed: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("| ")).collect();
    let (console, lines) = corosim::Console::capture();
    corosim::scenarios::find("delegation_chain").unwrap().run(&console, ClockKind::Virtual).unwrap();
    assert_eq!(printed, *lines.borrow(), "the trace interleaves exactly the program's output");
    // close() cleans up innermost first: inner's GeneratorExit comes before middle's.
    let inner = text.find("inner: resumed by throw(GeneratorExit())").expect("inner closed");
    let middle = text.find("middle: resumed by throw(GeneratorExit())").expect("middle closed");
    assert!(inner < middle);
}

#[test]
fn trace_jsonl_is_one_json_object_per_line() {
    let out = corosim(&["trace", "grouper", "--format", "jsonl"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        kinds.insert(v["event"].as_str().expect("every event names its kind").to_string());
    }
    for k in ["resume", "yield", "return", "delegate_enter", "delegate_leave", "state", "output"] {
        assert!(kinds.contains(k), "no {k} event in grouper's trace: {kinds:?}");
    }
}

#[test]
fn trace_states_keep_a_delegation_chain_running_together() {
    // Spec §1: every generator in a `yield from` chain is RUNNING while the innermost runs.
    let s = corosim::scenarios::find("delegation_chain").unwrap();
    let (result, events) = corosim::trace::collect(|| s.run(&corosim::Console::silent(), ClockKind::Virtual));
    result.unwrap();
    let mut state = std::collections::HashMap::new();
    let mut checked = 0;
    for e in &events {
        if let corosim::trace::Event::State { name, from, to, .. } = e {
            // A CREATED start is a new object that may share an old one's name.
            if let Some(prev) = state.insert(name.clone(), *to)
                && *from != corosim::GenState::Created
            {
                assert_eq!(prev, *from, "{name}'s State events must chain: {e:?}");
            }
        }
        let running = |n: &str| state.get(n) == Some(&corosim::GenState::Running);
        if let corosim::trace::Event::Output { text } = e
            && text.starts_with("    inner")
        {
            assert!(running("outer") && running("middle") && running("inner"), "at {text:?}: {state:?}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "inner printed {checked} times");
}
