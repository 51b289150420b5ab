//! The corpus, `tests/python/`: small programs of our own, each pinning one rule of
//! Python (generators, PEP 380, exceptions, classes as iterators and awaitables,
//! asyncio, the course's language). `corosim run FILE.py` must print exactly what CPython
//! prints for it (through the oracle, on a virtual clock): stdout, stderr and exit status,
//! byte for byte. The expectation is always CPython's run, never a stored output.
//!
//! `unsupported/` holds programs CPython runs but corosim refuses: for each,
//! `unsupported/expected.txt` has the one line corosim must print on stderr (exit
//! status 2, nothing on stdout). CPython must still run them (they are real Python).
//!
//! `tests/python/PENDING` lists the programs the interpreter does not pass yet, each with
//! a reason; a listed program that starts passing fails the test, so the list cannot rot.
//! `COROSIM_PENDING_UPDATE=1 cargo test --test python_corpus` rewrites its program lines
//! to what fails now (keeping the reasons already written).
//!
//! Every program is checked under CPython as well, pending or not: it must not be killed,
//! must not print an address (`at 0x…` differs run to run) or a path into CPython's own
//! installation (asyncio's frames, its callbacks' reprs), a program named `uncaught_*`
//! must end in a traceback with status 1, and any other must not.
//!
//! All differences are reported at once, a short diff each.

mod pyharness;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use corosim::oracle;
use pyharness::{Outcome, Pending, corosim_all, corpus_dir, cpython_all, diff, python_files, python_missing};

/// A corpus program is small: anything slower than this is stuck.
const LIMIT: Duration = Duration::from_secs(20);

/// At least this many programs (issue 16).
const AT_LEAST: usize = 150;

#[test]
fn every_corpus_program_runs_as_under_cpython() {
    let start = Instant::now();
    let dir = corpus_dir();
    let programs = python_files(&dir, &["unsupported"]);
    let unsupported = unsupported_expectations();
    let all: Vec<String> = programs.iter().chain(unsupported.keys()).cloned().collect();
    assert!(all.len() >= AT_LEAST, "the corpus has {} programs, fewer than {AT_LEAST}", all.len());

    let pending = Pending::load();
    let mut problems: Vec<String> = pending
        .entries
        .keys()
        .filter(|name| name.ends_with(".py") && !all.contains(name))
        .map(|name| format!("--- PENDING names {name}, which is not a corpus program\n"))
        .collect();

    let jobs: Vec<Vec<String>> = all.iter().map(|p| vec!["run".to_string(), p.clone()]).collect();
    let (cpython, ours) = std::thread::scope(|s| {
        let cpython = s.spawn(|| cpython_all(&all, &dir));
        let ours = corosim_all(&jobs, &dir, LIMIT);
        (cpython.join().expect("the CPython thread"), ours)
    });
    let ours: BTreeMap<&String, Outcome> = all.iter().zip(ours).collect();

    // corosim's refusals need no CPython.
    let mut failing = Vec::new();
    for (name, line) in &unsupported {
        let expected = Outcome { stdout: Vec::new(), stderr: format!("{line}\n").into_bytes(), code: 2 };
        let difference = diff(name, &ours[name], &expected, "expected");
        if difference.is_some() {
            failing.push(name.clone());
        }
        problems.extend(pending.judge(name, difference).err());
    }
    let cpython = match cpython {
        Ok(cpython) => cpython,
        Err(why) => {
            report(&problems, &pending, all.len(), start);
            return python_missing("the corpus", &why);
        }
    };
    for (name, theirs) in all.iter().zip(&cpython) {
        problems.extend(cpython_sanity(name, theirs));
        if unsupported.contains_key(name) {
            continue;
        }
        // CPython's own library frames (asyncio's `events.py`) left out, as `--check` does:
        // corosim's loop is not Python code.
        let (stderr, _) = oracle::without_library_frames(&String::from_utf8_lossy(&theirs.stderr));
        let theirs =
            Outcome { stdout: theirs.stdout.clone(), stderr: stderr.into_bytes(), code: theirs.code };
        let difference = diff(name, &ours[name], &theirs, "python3");
        if difference.is_some() {
            failing.push(name.clone());
        }
        problems.extend(pending.judge(name, difference).err());
    }
    if std::env::var("COROSIM_PENDING_UPDATE").as_deref() == Ok("1") {
        rewrite_pending(&pending, &failing);
        problems.retain(|p| p.contains(" under CPython "));
    }
    report(&problems, &pending, all.len(), start);
}

/// `unsupported/expected.txt`: program -> the stderr line corosim must print.
fn unsupported_expectations() -> BTreeMap<String, String> {
    let dir = corpus_dir();
    let path = dir.join("unsupported/expected.txt");
    let text = std::fs::read_to_string(&path).expect("tests/python/unsupported/expected.txt");
    let mut expected = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let program = line.split(':').next().unwrap().to_string();
        assert!(dir.join(&program).is_file(), "expected.txt names {program}, which does not exist");
        assert!(
            expected.insert(program.clone(), line.to_string()).is_none(),
            "{program} twice in expected.txt"
        );
    }
    for program in python_files(&dir.join("unsupported"), &[]) {
        let program = format!("unsupported/{program}");
        assert!(expected.contains_key(&program), "{program} has no line in unsupported/expected.txt");
    }
    expected
}

/// What every program must do under CPython, whatever corosim does.
fn cpython_sanity(name: &str, out: &Outcome) -> Option<String> {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    let why = if out.code < 0 {
        format!("was killed (signal {})", -out.code)
    } else if stdout.contains(" at 0x") || stderr.contains(" at 0x") {
        "prints an address (` at 0x…`), which differs from run to run".to_string()
    } else if [&stdout, &stderr].iter().any(|t| t.contains("/lib/python3.") || t.contains("<frozen ")) {
        "prints a path inside CPython's own installation, which differs from machine to machine".to_string()
    } else if stderr.contains("File \"<string>\"") {
        "shows the runner's own frames in its traceback".to_string()
    } else if name.starts_with("unsupported/") && out.code != 0 {
        format!("exits with {}, but it is valid Python and should run", out.code)
    } else if stem.starts_with("uncaught_") && !(out.code == 1 && stderr.contains("Traceback")) {
        format!("is named uncaught_* but exits with {} and no traceback", out.code)
    } else if !stem.starts_with("uncaught_") && out.code == 1 {
        format!("raises an uncaught exception (not named uncaught_*):\n{stderr}")
    } else {
        return None;
    };
    Some(format!("--- {name} under CPython {why}\n"))
}

/// PENDING's program lines become the programs failing now (reasons kept; a new one
/// says "differs from CPython"); its comments stay on top and its other entries (`fuzz`,
/// `cli/...`, `bench`) at the end.
fn rewrite_pending(old: &Pending, failing: &[String]) {
    let path = pyharness::pending_path();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    let (comments, entries): (Vec<&str>, Vec<&str>) = lines.partition(|l| l.starts_with('#'));
    let others = entries.iter().filter(|l| !l.split(':').next().unwrap().trim().ends_with(".py"));
    let mut failing = failing.to_vec();
    failing.sort();
    let programs =
        failing.iter().map(|name| format!("{name}: {}", old.reason(name).unwrap_or("differs from CPython")));
    let out: Vec<String> =
        comments.iter().map(|l| l.to_string()).chain(programs).chain(others.map(|l| l.to_string())).collect();
    std::fs::write(&path, out.join("\n") + "\n").expect("rewrite PENDING");
    eprintln!("rewrote {}", path.display());
}

fn report(problems: &[String], pending: &Pending, programs: usize, start: Instant) {
    let waiting = pending.entries.keys().filter(|k| k.ends_with(".py")).count();
    eprintln!(
        "corpus: {programs} programs, {waiting} pending, {} problems, {:.1}s",
        problems.len(),
        start.elapsed().as_secs_f64()
    );
    assert!(problems.is_empty(), "{} problem(s) in the corpus:\n{}", problems.len(), problems.concat());
}

/// The batch runner is only faster: a program run in a batch (a forked child) prints and
/// ends exactly as when CPython runs it alone, on the programs where a process's own end
/// shows (a traceback, sys.exit's status, warnings, finalizers at exit, stderr, task names).
#[test]
fn a_batch_runs_each_program_as_if_alone() {
    use corosim::oracle::{self, Use};
    let dir = corpus_dir();
    let programs: Vec<String> = [
        "exceptions/uncaught_raise_from_shows_direct_cause.py",
        "exceptions/sys_exit_sets_the_exit_status.py",
        "aio/coroutine_never_awaited_warns.py",
        "generators/deleting_a_suspended_generator_closes_it.py",
        "language/print_sep_end_and_file.py",
        "aio/current_task_names_the_running_task.py",
        "unsupported/match_statement.py",
    ]
    .map(String::from)
    .to_vec();
    let batched = match cpython_all(&programs, &dir) {
        Ok(outcomes) => outcomes,
        Err(why) => return python_missing("the batch runner", &why),
    };
    for (program, batched) in programs.iter().zip(batched) {
        let alone = oracle::command(std::path::Path::new(program), Use::Compare)
            .expect("CPython ran a moment ago")
            .current_dir(&dir)
            .output()
            .expect("python3 runs");
        let alone =
            Outcome { stdout: alone.stdout, stderr: alone.stderr, code: alone.status.code().unwrap_or(-1) };
        let show = |o: &Outcome| {
            let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            format!("status {}\n--- stdout:\n{}--- stderr:\n{}", o.code, text(&o.stdout), text(&o.stderr))
        };
        assert!(batched == alone, "{program} in a batch:\n{}\nalone:\n{}", show(&batched), show(&alone));
    }
}
