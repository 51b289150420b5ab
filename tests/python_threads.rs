//! What corosim's simulated threads do that CPython cannot be asked about (issue 17): a
//! deadlock is reported, not a hang; a race shows the same way for the same seed, and
//! `--seeds A..B` counts the different outputs; the step budget holds in every thread;
//! sleeping takes virtual time, not wall time, unless `--real-time` asks for real time;
//! thread switches reach the trace. (What a threaded program prints is compared with
//! CPython in `tests/python/threads/`.)

mod pyharness;

use std::path::Path;
use std::time::Duration;

use pyharness::{Outcome, corosim, python_missing};

const LIMIT: Duration = Duration::from_secs(60);

/// Two threads take two locks in opposite orders: each waits for the other forever.
const DEADLOCK: &str = "import threading
a = threading.Lock()
b = threading.Lock()
def one():
    with a:
        threading.Event().wait(0.1)
        with b:
            pass
def two():
    with b:
        threading.Event().wait(0.1)
        with a:
            pass
t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
print('never')
";

/// A read and a write in two statements: a switch between them loses an update.
const RACY: &str = "import threading
counter = 0
def work():
    global counter
    for _ in range(2000):
        value = counter
        counter = value + 1
threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('counter =', counter)
";

fn run(dir: &Path, source: &str, args: &[&str]) -> Outcome {
    std::fs::write(dir.join("prog.py"), source).expect("write the program");
    let mut all = vec!["run".to_string(), "prog.py".to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    corosim(&all, dir, LIMIT)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_deadlock_ends_the_program_with_where_each_thread_waits() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), DEADLOCK, &[]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "corosim: deadlock: every thread is blocked and no timer can wake any, so none can ever run again:\n  \
         MainThread waits at prog.py, line 18: t1.join()\n  \
         Thread-1 (one) waits at prog.py, line 7: with b:\n  \
         Thread-2 (two) waits at prog.py, line 12: with a:\n"
    );
    // One thread alone, taking a lock it holds.
    let out = run(dir.path(), "import threading\nl = threading.Lock()\nl.acquire()\nl.acquire()\n", &[]);
    assert_eq!(out.code, 3);
    assert!(text(&out.stderr).ends_with("  MainThread waits at prog.py, line 4: l.acquire()\n"), "{out:?}");
}

#[test]
fn a_race_shows_the_same_way_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    // Taking turns every 100,000 statements, the 12,000 statements here never switch.
    let calm = run(dir.path(), RACY, &[]);
    assert_eq!(text(&calm.stdout), "counter = 4000\n");
    // Every 7 statements, in turn: updates are lost, the same ones every run.
    let every7 = run(dir.path(), RACY, &["--switch-every", "7"]);
    let lost = text(&every7.stdout);
    assert_ne!(lost, "counter = 4000\n");
    assert_eq!(text(&run(dir.path(), RACY, &["--switch-every", "7"]).stdout), lost);
    // A seed draws the switch points: the same seed, the same output.
    let seeded: Vec<String> = (1..=6)
        .map(|s| text(&run(dir.path(), RACY, &["--switch-every", "50", "--seed", &s.to_string()]).stdout))
        .collect();
    assert_eq!(text(&run(dir.path(), RACY, &["--switch-every", "50", "--seed", "3"]).stdout), seeded[2]);
    assert!(seeded.iter().any(|o| o != &seeded[0]), "six seeds, one output: {seeded:?}");
}

#[test]
fn seeds_counts_the_different_outputs_and_names_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), RACY, &["--switch-every", "50", "--seeds", "1..12"]);
    assert_eq!(out.code, 0, "{out:?}");
    let report = text(&out.stdout);
    let mut lines = report.lines();
    let head = lines.next().unwrap();
    let distinct: usize = head
        .strip_prefix("prog.py: 12 runs (seeds 1..12), ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected head line: {head}"));
    assert!(distinct >= 2, "{report}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), distinct, "{report}");
    assert!(rows.iter().all(|r| r.starts_with("  seed") && r.contains(": counter = ")), "{report}");
    // Run again: the same report.
    assert_eq!(text(&run(dir.path(), RACY, &["--switch-every", "50", "--seeds", "1..12"]).stdout), report);
    let bad = run(dir.path(), RACY, &["--seeds", "5..1"]);
    assert_eq!(bad.code, 2);
    assert!(text(&bad.stderr).contains("the first seed is greater than the last"), "{bad:?}");
}

#[test]
fn the_step_budget_holds_in_every_thread() {
    let dir = tempfile::tempdir().unwrap();
    let src = "import threading\ndef forever():\n    while True:\n        pass\nthreading.Thread(target=forever).start()\nprint('started')\n";
    let out = run(dir.path(), src, &["--max-steps", "300000"]);
    assert_eq!(out.code, 3, "{out:?}");
    assert_eq!(text(&out.stdout), "started\n");
    assert_eq!(
        text(&out.stderr),
        "corosim: prog.py stopped after 300000 steps (the --max-steps budget); is there an endless loop?\n"
    );
}

#[test]
fn sleeping_threads_take_virtual_time() {
    let dir = tempfile::tempdir().unwrap();
    let src = "import threading, time\nts = [threading.Thread(target=time.sleep, args=(s,)) for s in (100, 300, 200)]\nfor t in ts:\n    t.start()\nfor t in ts:\n    t.join()\nprint(time.monotonic())\n";
    let started = std::time::Instant::now();
    let out = run(dir.path(), src, &[]);
    assert_eq!(text(&out.stdout), "300.0\n", "{out:?}");
    assert!(started.elapsed() < Duration::from_secs(30), "600 virtual seconds took real ones");
}

#[test]
fn thread_switches_reach_the_trace() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prog.py"), RACY).unwrap();
    let args: Vec<String> = ["trace", "prog.py", "--format", "jsonl"].iter().map(|s| s.to_string()).collect();
    let out = corosim(&args, dir.path(), LIMIT);
    assert_eq!(out.code, 0, "{out:?}");
    let switches: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e.to_string().contains("thread_switch") || e.get("ThreadSwitch").is_some())
        .collect();
    assert!(!switches.is_empty(), "no thread switch in the trace");
    assert!(
        switches.iter().any(|e| e.to_string().contains("\"from\":\"MainThread\"")),
        "the main thread hands over at least once: {switches:?}"
    );
}

/// Threads, a join's timeout, an executor job and the loop's timers, all on one clock:
/// 1.0 s of sleeps one after another (b 0.2 in a, a 0.6, the loop's 0.2 in the job's
/// 0.4), with 0.2 s between any two events, so CPython's real clock orders them the same.
const REAL_TIME: &str = "import asyncio, threading, time
start = time.monotonic()
def worker(name, secs):
    time.sleep(secs)
    print(name, 'slept', secs)
    return name
a = threading.Thread(target=worker, args=('a', 0.6))
b = threading.Thread(target=worker, args=('b', 0.2))
a.start()
b.start()
a.join(timeout=0.4)
print('a alive after a 0.4 s join:', a.is_alive())
a.join()
b.join()
async def main():
    loop = asyncio.get_running_loop()
    job = loop.run_in_executor(None, worker, 'executor', 0.4)
    await asyncio.sleep(0.2)
    print('loop slept 0.2 s, job done:', job.done())
    print('job:', await job)
asyncio.run(main())
print('at least 1.0 s passed:', time.monotonic() - start >= 1.0)
";

/// `--real-time`: a thread's `time.sleep`, a join with a timeout and the loop's timers
/// take real time (at least what they say: a lower bound, never a timed upper one), and
/// the program prints what CPython prints running it for real.
#[test]
fn real_time_makes_threads_sleep_for_real() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let ours = run(dir.path(), REAL_TIME, &["--real-time"]);
    let elapsed = started.elapsed();
    assert_eq!(ours.code, 0, "{ours:?}");
    assert!(elapsed >= Duration::from_secs(1), "1.0 s of sleeps took {elapsed:?} of real time");
    let python = match corosim::oracle::interpreter(corosim::oracle::Use::Compare) {
        Ok(p) => p.executable.clone(),
        Err(why) => return python_missing("the real-time threads program", &why.to_string()),
    };
    let theirs = std::process::Command::new(python)
        .env(corosim::oracle::HASH_SEED.0, corosim::oracle::HASH_SEED.1)
        .arg("prog.py")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(text(&ours.stdout), text(&theirs.stdout), "stdout differs from CPython's real run");
    assert!(text(&ours.stdout).contains("at least 1.0 s passed: True"), "{ours:?}");
}
