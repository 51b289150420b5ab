//! `corosim run FILE.py` on bad input: each a clear error, never a panic, never a hang.
//!
//! - a syntax error prints CPython's SyntaxError report: `  File "bad.py", line N`, the
//!   source line, a caret, and `SyntaxError: ...` (IndentationError where CPython says so),
//!   exit status 1;
//! - a file that is not UTF-8, a missing file, a directory: a message naming it;
//! - an endless loop stops at `--max-steps` with a message that names the budget;
//! - unbounded recursion (a function, a `yield from` chain, an `await` chain) ends in
//!   CPython's `RecursionError`, never in a Rust stack overflow;
//! - and the two ordinary ways in: `corosim run -` (the program on stdin) and
//!   `corosim run FILE -- ARGS` (sys.argv), which `argparse` reads as CPython's does.
//!
//! Each case is `cli/<name>` in `tests/python/PENDING` while the interpreter does not
//! pass it; a pending case that passes fails (remove it from PENDING).

mod pyharness;

use std::path::Path;
use std::time::Duration;

use corosim::oracle::{self, Use};
use pyharness::{Outcome, Pending, corosim, python_missing};

/// Every case finishes well within this (the endless loop included, with its budget).
const LIMIT: Duration = Duration::from_secs(20);

/// Every case's name, as PENDING spells it (after `cli/`).
const CASES: [&str; 13] = [
    "syntax_error_unclosed_parenthesis",
    "syntax_error_incomplete_expression",
    "syntax_error_missing_indentation",
    "non_utf8",
    "missing_file",
    "directory",
    "max_steps",
    "recursion_function",
    "recursion_yield_from",
    "recursion_await",
    "stdin",
    "args",
    "argparse",
];

#[test]
fn pending_names_only_known_cases() {
    for name in Pending::load().entries.keys() {
        if let Some(case) = name.strip_prefix("cli/") {
            assert!(
                CASES.contains(&case),
                "PENDING names cli/{case}, which is no case of tests/python_cli.rs"
            );
        }
    }
}

/// Holds `difference` (None: the case passes) against PENDING's `cli/<case>`.
fn verdict(case: &str, difference: Option<String>) {
    if let Err(report) = Pending::load().judge(&format!("cli/{case}"), difference) {
        panic!("{report}");
    }
}

/// `corosim run ARGS` in `dir`.
fn run(dir: &Path, args: &[&str]) -> Outcome {
    let args: Vec<String> = std::iter::once("run").chain(args.iter().copied()).map(String::from).collect();
    corosim(&args, dir, LIMIT)
}

/// CPython through the oracle: `program ARGS` in `dir`. None (after the CI check) when
/// there is no CPython.
fn cpython(dir: &Path, program: &str, args: &[&str], test: &str) -> Option<Outcome> {
    match oracle::command(Path::new(program), Use::Compare) {
        Ok(mut command) => {
            let out = command.args(args).current_dir(dir).output().expect("python3 runs");
            Some(Outcome { stdout: out.stdout, stderr: out.stderr, code: out.status.code().unwrap_or(-1) })
        }
        Err(e) => {
            python_missing(test, &e.to_string());
            None
        }
    }
}

/// A folder holding `name` with `source`.
fn program(name: &str, source: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), source).unwrap();
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What every run must avoid, whatever else it does: a panic, a death by signal.
fn never_a_crash(out: &Outcome) -> Option<String> {
    let stderr = text(&out.stderr);
    if stderr.contains("panicked") || stderr.contains("RUST_BACKTRACE") {
        return Some(format!("corosim panicked:\n{stderr}"));
    }
    if out.code < 0 || stderr.contains("stack overflow") {
        return Some(format!("corosim crashed or hung (status {}):\n{stderr}", out.code));
    }
    None
}

/// The checks in order: the first one that fails is the difference.
fn first_failure(checks: &[(bool, String)]) -> Option<String> {
    checks.iter().find(|(ok, _)| !ok).map(|(_, why)| why.clone())
}

/// A syntax error reported as CPython reports it: the same file and line, the source
/// line, a caret, the same exception type; status 1.
fn syntax_error_case(case: &str, source: &str) {
    let dir = program("bad.py", source.as_bytes());
    let ours = run(dir.path(), &["bad.py"]);
    let Some(theirs) = cpython(dir.path(), "bad.py", &[], case) else { return };
    let (our_err, their_err) = (text(&ours.stderr), text(&theirs.stderr));
    let (ours_lines, theirs_lines): (Vec<&str>, Vec<&str>) =
        (our_err.lines().collect(), their_err.lines().collect());
    let their_type = theirs_lines.last().and_then(|l| l.split(':').next()).unwrap_or("SyntaxError");
    assert!(their_type.ends_with("Error") && theirs.code == 1, "CPython's own report changed:\n{their_err}");
    let said = format!("corosim said (status {}):\n{our_err}\nCPython said:\n{their_err}", ours.code);
    let difference = never_a_crash(&ours).or_else(|| {
        first_failure(&[
            (ours.code == 1, format!("exit status is not 1; {said}")),
            (ours.stdout.is_empty(), format!("a program that does not parse printed something; {said}")),
            (ours_lines.first() == theirs_lines.first(), format!("not the same `File ..., line N`; {said}")),
            (ours_lines.get(1) == theirs_lines.get(1), format!("not the same source line; {said}")),
            (
                ours_lines.get(2).is_some_and(|l| l.trim() == "^" || l.contains('^')),
                format!("no caret line; {said}"),
            ),
            (
                ours_lines.last().is_some_and(|l| l.starts_with(&format!("{their_type}: "))),
                format!("the last line is not `{their_type}: ...`; {said}"),
            ),
        ])
    });
    verdict(case, difference);
}

#[test]
fn syntax_error_unclosed_parenthesis() {
    syntax_error_case("syntax_error_unclosed_parenthesis", "print('before')\nx = (1,\n");
}

#[test]
fn syntax_error_incomplete_expression() {
    syntax_error_case("syntax_error_incomplete_expression", "def f():\n    return 1 +\n");
}

#[test]
fn syntax_error_missing_indentation() {
    syntax_error_case("syntax_error_missing_indentation", "def f():\nreturn 1\n");
}

/// A clear error for a file that cannot be run: non-zero status, nothing on stdout, a
/// short message naming the file and saying `what`.
fn refused(case: &str, out: &Outcome, name: &str, what: &[&str]) -> Option<String> {
    let stderr = text(&out.stderr);
    let said = format!("corosim said (status {}):\n{stderr}", out.code);
    let lower = stderr.to_lowercase();
    never_a_crash(out).or_else(|| {
        first_failure(&[
            (out.code != 0, format!("{case}: exit status 0; {said}")),
            (out.stdout.is_empty(), format!("{case}: printed on stdout; {said}")),
            (stderr.contains(name), format!("{case}: the message does not name {name}; {said}")),
            (
                what.iter().any(|w| lower.contains(&w.to_lowercase())),
                format!("{case}: the message says none of {what:?}; {said}"),
            ),
            (stderr.lines().count() <= 6, format!("{case}: not a short message; {said}")),
        ])
    })
}

#[test]
fn a_file_that_is_not_utf8() {
    let dir = program("latin1.py", b"print('caf\xe9')\n");
    let out = run(dir.path(), &["latin1.py"]);
    verdict("non_utf8", refused("non_utf8", &out, "latin1.py", &["utf-8", "utf8"]));
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["missing.py"]);
    let difference =
        refused("missing_file", &out, "missing.py", &["no such file", "not found", "does not exist"]);
    verdict("missing_file", difference);
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("folder.py")).unwrap();
    let out = run(dir.path(), &["folder.py"]);
    verdict(
        "directory",
        refused("directory", &out, "folder.py", &["directory", "is a folder", "not a file"]),
    );
}

#[test]
fn an_endless_loop_stops_at_max_steps() {
    let dir = program("forever.py", b"print('started')\nn = 0\nwhile True:\n    n += 1\n");
    let out = run(dir.path(), &["forever.py", "--max-steps", "100000"]);
    let stderr = text(&out.stderr);
    let said = format!("corosim said (status {}):\n{stderr}", out.code);
    let difference = never_a_crash(&out).or_else(|| {
        first_failure(&[
            (out.code != 0, format!("a program stopped by its budget exited with 0; {said}")),
            (
                text(&out.stdout) == "started\n",
                format!("what it printed first is lost: {:?}", text(&out.stdout)),
            ),
            (
                stderr.contains("max-steps") || stderr.contains("steps"),
                format!("the message names no budget; {said}"),
            ),
        ])
    });
    verdict("max_steps", difference);
}

/// Unbounded recursion: CPython's RecursionError (same last line, status 1, a traceback),
/// never a crash.
fn recursion_case(case: &str, source: &str) {
    let dir = program("deep.py", source.as_bytes());
    let ours = run(dir.path(), &["deep.py"]);
    let Some(theirs) = cpython(dir.path(), "deep.py", &[], case) else { return };
    let (our_err, their_err) = (text(&ours.stderr), text(&theirs.stderr));
    let their_last = their_err.lines().last().unwrap_or_default().to_string();
    assert!(their_last.starts_with("RecursionError"), "CPython's own report changed:\n{their_err}");
    let tail: Vec<&str> = our_err.lines().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    let said = format!("corosim said (status {}), ending:\n{}", ours.code, tail.join("\n"));
    let difference = never_a_crash(&ours).or_else(|| {
        first_failure(&[
            (ours.code == 1, format!("exit status is not 1; {said}")),
            (our_err.starts_with("Traceback (most recent call last):\n"), format!("no traceback; {said}")),
            (
                our_err.lines().last() == Some(their_last.as_str()),
                format!("the last line is not {their_last:?}; {said}"),
            ),
            (ours.stdout == theirs.stdout, format!("stdout differs: {:?}", text(&ours.stdout))),
        ])
    });
    verdict(case, difference);
}

#[test]
fn unbounded_recursion_of_a_function() {
    recursion_case("recursion_function", "print('go')\n\ndef f(n):\n    return f(n + 1)\n\nf(0)\n");
}

#[test]
fn unbounded_recursion_through_yield_from() {
    recursion_case("recursion_yield_from", "def g():\n    yield from g()\n\nnext(g())\n");
}

#[test]
fn unbounded_recursion_through_await() {
    let source = "import asyncio\n\nasync def f():\n    return await f()\n\nasyncio.run(f())\n";
    recursion_case("recursion_await", source);
}

#[test]
fn the_program_on_stdin() {
    let source = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('from stdin', __name__)\n\nasyncio.run(main())\n";
    let dir = program("same.py", source.as_bytes());
    let Some(theirs) = cpython(dir.path(), "same.py", &[], "stdin") else { return };
    let args = ["run".to_string(), "-".to_string()];
    let ours = pyharness::corosim_with_stdin(&args, dir.path(), LIMIT, Some(source.as_bytes()));
    let difference = never_a_crash(&ours).or_else(|| pyharness::diff("run -", &ours, &theirs, "python3"));
    verdict("stdin", difference);
}

#[test]
fn arguments_after_a_double_dash_are_sys_argv() {
    let dir = program("argv.py", b"import sys\nprint(sys.argv)\nprint(len(sys.argv))\n");
    let ours = run(dir.path(), &["argv.py", "--", "one", "two words", "--flag"]);
    let Some(theirs) = cpython(dir.path(), "argv.py", &["one", "two words", "--flag"], "args") else {
        return;
    };
    let difference =
        never_a_crash(&ours).or_else(|| pyharness::diff("run argv.py -- ...", &ours, &theirs, "python3"));
    verdict("args", difference);
}

/// `corosim book generate --program my.py`: a teacher's own program gets the files a
/// chapter includes; what it prints is what CPython prints, and `--check` then agrees.
#[test]
fn the_book_generator_takes_a_python_file() {
    let source = "import asyncio\n\nasync def hello(n):\n    await asyncio.sleep(n)\n    print('hello', n)\n\nasync def main():\n    await asyncio.gather(hello(2), hello(1))\n\nasyncio.run(main())\n";
    let dir = program("mine.py", source.as_bytes());
    let book = dir.path().join("book");
    let generate = |extra: &[&str]| {
        let mut args = vec!["book", "generate", "--program", "mine.py", "--dir", "book"];
        args.extend_from_slice(extra);
        let args: Vec<String> = args.into_iter().map(String::from).collect();
        corosim(&args, dir.path(), LIMIT)
    };
    let out = generate(&[]);
    assert_eq!(out.code, 0, "{}", text(&out.stderr));
    let generated = book.join("src/generated/mine");
    let mut names: Vec<String> = std::fs::read_dir(&generated)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    names.sort();
    assert_eq!(names, ["output.txt", "player.js", "timeline.svg", "trace.jsonl", "trace.txt"]);
    let trace = std::fs::read_to_string(generated.join("trace.txt")).unwrap();
    assert!(trace.contains("mine.py:4 in hello"), "the trace has the program's lines:\n{trace}");
    if let Some(theirs) = cpython(dir.path(), "mine.py", &[], "the_book_generator_takes_a_python_file") {
        let output = std::fs::read_to_string(generated.join("output.txt")).unwrap();
        assert_eq!(output, text(&theirs.stdout), "output.txt is what CPython prints");
    }
    let check = generate(&["--check"]);
    assert_eq!(check.code, 0, "fresh files are up to date: {}", text(&check.stdout));
}

#[test]
fn argparse_reads_the_arguments_after_a_double_dash() {
    let source = "import argparse\np = argparse.ArgumentParser(description='Count to N.')\np.add_argument('n', type=int, help='where to stop')\np.add_argument('--step', type=int, default=1)\np.add_argument('-v', '--verbose', action='store_true')\na = p.parse_args()\nprint(list(range(0, a.n, a.step)), a.verbose)\n";
    let dir = program("count.py", source.as_bytes());
    let mut difference = None;
    for args in
        [&["10", "--step", "3"][..], &["--help"], &["x"], &[], &["-v", "4", "--st", "2"], &["4", "--nope"]]
    {
        let mut ours_args = vec!["count.py", "--"];
        ours_args.extend(args);
        let ours = run(dir.path(), &ours_args);
        let Some(theirs) = cpython(dir.path(), "count.py", args, "argparse") else { return };
        difference = difference.or_else(|| {
            never_a_crash(&ours)
                .or_else(|| pyharness::diff(&format!("count.py {args:?}"), &ours, &theirs, "python3"))
        });
    }
    verdict("argparse", difference);
}
