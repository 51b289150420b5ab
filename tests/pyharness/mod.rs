//! What the Python-program tests share (`python_corpus`, `python_fuzz`, `python_cli`):
//! running `corosim run` with a time limit, running CPython through the oracle in
//! batches, the `tests/python/PENDING` list, and short diffs.
//!
//! Both sides come back as an [`Outcome`]: stdout, stderr and exit status, compared
//! byte for byte.

#![allow(dead_code)] // each test target uses its own subset

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use corosim::oracle::Outcome;
use corosim::oracle::{self, BatchError, Use};

/// The corpus: `tests/python/`.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python")
}

/// How many programs run at once (the CI machine has 2 cores).
pub const PARALLEL: usize = 2;

/// Is this a CI run (`CI=true`)?
pub fn in_ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

/// Without CPython there is no oracle: a failure under `CI=true`, a skip elsewhere.
/// Returns normally only when the test should stop quietly.
pub fn python_missing(test: &str, why: &str) {
    assert!(!in_ci(), "python3 {} is required under CI=true for {test}: {why}", oracle::RECORDED_WITH);
    eprintln!("skipping {test}: {why}");
}

/// `corosim ARGS` in `dir`, stdin empty, killed after `limit`. A run that had to be
/// killed reports exit status -9 and says so at the end of its stderr.
pub fn corosim(args: &[String], dir: &Path, limit: Duration) -> Outcome {
    corosim_with_stdin(args, dir, limit, None)
}

/// [`corosim`], with `stdin` as its standard input (None: empty).
pub fn corosim_with_stdin(args: &[String], dir: &Path, limit: Duration, stdin: Option<&[u8]>) -> Outcome {
    let out = tempfile::tempdir().expect("a temporary folder");
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let input = match stdin {
        Some(bytes) => {
            let path = out.path().join("stdin");
            std::fs::write(&path, bytes).expect("stdin file");
            Stdio::from(File::open(path).expect("stdin file"))
        }
        None => Stdio::null(),
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(input)
        .stdout(File::create(&stdout).expect("stdout file"))
        .stderr(File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("the corosim binary starts");
    let start = Instant::now();
    let mut nap = Duration::from_micros(200);
    let code = loop {
        if let Some(status) = child.try_wait().expect("waiting for corosim") {
            break status.code().unwrap_or(-1);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break -9;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(5));
    };
    let mut outcome = Outcome {
        stdout: std::fs::read(&stdout).expect("read stdout"),
        stderr: std::fs::read(&stderr).expect("read stderr"),
        code,
    };
    if code == -9 {
        outcome.stderr.extend(format!("\n[killed after {limit:?}]\n").as_bytes());
    }
    outcome
}

/// Runs `jobs` (each the arguments of one `corosim` run, in `dir`) [`PARALLEL`] at a
/// time; outcomes in the order of `jobs`.
pub fn corosim_all(jobs: &[Vec<String>], dir: &Path, limit: Duration) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|s| {
        for _ in 0..PARALLEL {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(args) = jobs.get(i) else { break };
                    let outcome = corosim(args, dir, limit);
                    results.lock().unwrap()[i] = Some(outcome);
                }
            });
        }
    });
    results.into_inner().unwrap().into_iter().map(|o| o.expect("every job ran")).collect()
}

/// Runs `programs` (paths relative to `dir`) under CPython through the oracle, in
/// [`PARALLEL`] batches (one interpreter start each); outcomes in program order.
/// `Err` says why CPython cannot be asked.
pub fn cpython_all(programs: &[String], dir: &Path) -> Result<Vec<Outcome>, String> {
    if let Err(e) = oracle::interpreter(Use::Compare) {
        return Err(e.to_string());
    }
    let shares: Vec<Vec<String>> =
        (0..PARALLEL).map(|k| programs.iter().skip(k).step_by(PARALLEL).cloned().collect()).collect();
    let batches: Vec<Result<Vec<Outcome>, BatchError>> = std::thread::scope(|s| {
        let handles: Vec<_> =
            shares.iter().map(|share| s.spawn(move || oracle::batch(share, dir, Use::Compare))).collect();
        handles.into_iter().map(|h| h.join().expect("a batch thread")).collect()
    });
    let mut shares = Vec::new();
    for batch in batches {
        match batch {
            Ok(outcomes) => shares.push(outcomes.into_iter()),
            Err(BatchError::Unavailable(e)) => return Err(e.to_string()),
            Err(e) => panic!("{e}"),
        }
    }
    Ok((0..programs.len()).map(|i| shares[i % PARALLEL].next().expect("one outcome per program")).collect())
}

/// `tests/python/PENDING`: what the interpreter does not pass yet, `NAME: reason` a line
/// (`#` comments). NAME is a corpus program (`aio/cancel_message.py`), `fuzz`,
/// `cli/<case>` or `bench`.
pub struct Pending {
    /// NAME -> reason.
    pub entries: BTreeMap<String, String>,
}

/// Where the PENDING list lives.
pub fn pending_path() -> PathBuf {
    corpus_dir().join("PENDING")
}

impl Pending {
    /// Reads the list (no file: nothing pending).
    pub fn load() -> Pending {
        let text = std::fs::read_to_string(pending_path()).unwrap_or_default();
        let mut entries = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((name, reason)) = line.split_once(':') else {
                panic!("PENDING line {}: expected `NAME: reason`, found {line:?}", n + 1);
            };
            let reason = reason.trim();
            assert!(!reason.is_empty(), "PENDING line {}: {name} needs a one-line reason", n + 1);
            let old = entries.insert(name.trim().to_string(), reason.to_string());
            assert!(old.is_none(), "PENDING line {}: {name} is listed twice", n + 1);
        }
        Pending { entries }
    }

    /// Why `name` is pending, if it is.
    pub fn reason(&self, name: &str) -> Option<&str> {
        self.entries.get(name).map(String::as_str)
    }

    /// The verdict on one check: `Ok` when it passes and is not pending, or fails and is
    /// pending; otherwise what to report.
    pub fn judge(&self, name: &str, difference: Option<String>) -> Result<(), String> {
        match (self.reason(name), difference) {
            (None, None) | (Some(_), Some(_)) => Ok(()),
            (None, Some(diff)) => Err(diff),
            (Some(reason), None) => Err(format!(
                "--- {name} now passes: remove it from tests/python/PENDING (it said: {reason})\n"
            )),
        }
    }
}

/// A short report of how `ours` differs from `theirs` (`None`: identical): the exit
/// statuses, and the first differing line of stdout and of stderr with a line around it.
pub fn diff(name: &str, ours: &Outcome, theirs: &Outcome, their_name: &str) -> Option<String> {
    if ours == theirs {
        return None;
    }
    let mut s = format!("--- {name}: exit status corosim {}, {their_name} {}\n", ours.code, theirs.code);
    for (stream, a, b) in [("stdout", &ours.stdout, &theirs.stdout), ("stderr", &ours.stderr, &theirs.stderr)]
    {
        if a == b {
            continue;
        }
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let (a, b): (Vec<&str>, Vec<&str>) =
            (a.split_inclusive('\n').collect(), b.split_inclusive('\n').collect());
        let at = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)).unwrap_or(0);
        let _ = writeln!(s, "  {stream} line {}:", at + 1);
        if at > 0 {
            let _ = writeln!(s, "    both:     {:?}", a[at - 1]);
        }
        let show = |lines: &[&str], i: usize| lines.get(i).map_or("<end>".to_string(), |l| shorten(l));
        let _ = writeln!(s, "    corosim:  {}", show(&a, at));
        let _ = writeln!(s, "    {:<9} {}", format!("{their_name}:"), show(&b, at));
    }
    Some(s)
}

/// A line as Rust would quote it, cut to a readable length.
fn shorten(line: &str) -> String {
    const MAX: usize = 160;
    match line.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}…", &line[..cut]),
        None => format!("{line:?}"),
    }
}

/// The `.py` files under `dir`, as paths relative to it with `/`, sorted; folders named
/// in `skip` are left out.
pub fn python_files(dir: &Path, skip: &[&str]) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, skip: &[&str], out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read the corpus folder") {
            let path = entry.expect("a folder entry").path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                if !skip.contains(&rel.as_str()) {
                    walk(root, &path, skip, out);
                }
            } else if rel.ends_with(".py") {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, skip, &mut out);
    out.sort();
    out
}
