//! `corosim trace X --format chrome` (Chrome trace-event JSON, for Perfetto) and
//! `--format pstree --at N` (the shape of CPython 3.14's `python -m asyncio pstree`).

use std::collections::HashMap;
use std::process::Command;

fn corosim(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim")).args(args).output().expect("run corosim");
    assert!(out.status.success(), "corosim {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn chrome_json_has_a_track_per_task_balanced_slices_and_ordered_times() {
    let json: serde_json::Value =
        serde_json::from_str(&corosim(&["trace", "flags_semaphore", "--format", "chrome"]))
            .expect("valid JSON");
    let events = json["traceEvents"].as_array().expect("traceEvents");
    let tracks: HashMap<u64, String> = events
        .iter()
        .filter(|e| e["name"] == "thread_name")
        .map(|e| (e["tid"].as_u64().unwrap(), e["args"]["name"].as_str().unwrap().to_string()))
        .collect();
    let trace = corosim(&["trace", "flags_semaphore"]);
    let tasks = trace.lines().filter(|l| l.contains(": created for")).count();
    assert_eq!(tasks, 21);
    for n in 1..=tasks {
        assert!(tracks.values().any(|t| *t == format!("Task-{n}")), "no track for Task-{n}: {tracks:?}");
    }
    // Every B has its E on the same track, nested; times never go back.
    let mut open: HashMap<u64, usize> = HashMap::new();
    let mut last = 0;
    for e in events.iter().filter(|e| e["ph"] != "M") {
        let ts = e["ts"].as_u64().unwrap();
        assert!(ts > last, "times strictly increase: {e}");
        last = ts;
        let tid = e["tid"].as_u64().unwrap();
        match e["ph"].as_str().unwrap() {
            "B" => *open.entry(tid).or_default() += 1,
            "E" => {
                let depth = open.get_mut(&tid).unwrap_or_else(|| panic!("E without B: {e}"));
                assert!(*depth > 0, "E without B on {}: {e}", tracks[&tid]);
                *depth -= 1;
            }
            "X" | "i" => {}
            other => panic!("unexpected phase {other}"),
        }
    }
    assert!(open.values().all(|&d| d == 0), "unclosed slices: {open:?}");
    let steps =
        events.iter().filter(|e| e["ph"] == "B" && e["name"].as_str().unwrap().ends_with(" step")).count();
    assert_eq!(steps, trace.lines().filter(|l| l.contains(": step, ")).count(), "a slice per task step");
    assert!(
        events
            .iter()
            .any(|e| e["ph"] == "i" && e["name"].as_str().unwrap().contains("[####################] 20/20"))
    );
}

#[test]
fn pstree_nests_an_awaited_task_under_its_awaiter_as_cpython_draws_it() {
    let trace = corosim(&["trace", "task_cancel"]);
    let at = trace.lines().position(|l| l.contains("Task-1: waits on Task-3")).unwrap() + 1;
    let tree = corosim(&["trace", "task_cancel", "--format", "pstree", "--at", &at.to_string()]);
    assert_eq!(
        tree,
        "└── (T) Task-1\n    └──  main task_cancel.py:7\n        └── (T) Task-3\n            └──  sleep\n\
         └── (T) Task-2\n    └──  sleep\n"
    );
    // At the end every task is done: nothing is pending.
    assert_eq!(corosim(&["trace", "task_cancel", "--format", "pstree"]), "");
}

#[test]
fn pstree_nests_gathered_waited_and_task_group_tasks_under_the_task_awaiting_them() {
    // gather: the three jobs are awaited by main through the gathering future.
    let gathered = corosim(&["trace", "gather_wait", "--format", "pstree", "--at", "Task-4: waits on"]);
    let job = |name: &str, last: bool| {
        let (branch, rail) = if last { ("└──", " ") } else { ("├──", "│") };
        format!(
            "        {branch} (T) {name}\n        {rail}   └──  job gather_wait.py:8\n        {rail}       └──  sleep\n"
        )
    };
    let expected = format!(
        "└── (T) Task-1\n    └──  main gather_wait.py:14\n{}{}{}",
        job("Task-2", false),
        job("Task-3", false),
        job("Task-4", true)
    );
    assert_eq!(gathered, expected);
    // wait: the named tasks a, b, c are awaited by main through wait()'s waiter.
    let waited = corosim(&["trace", "gather_wait", "--format", "pstree", "--at", "c: waits on"]);
    let expected = format!(
        "└── (T) Task-1\n    └──  main gather_wait.py:14\n{}{}{}",
        job("a", false),
        job("b", false),
        job("c", true)
    );
    assert_eq!(waited, expected);
    // A child that finished is no longer in the tree (3.14 discards it from awaited_by).
    let later = corosim(&[
        "trace",
        "gather_wait",
        "--format",
        "pstree",
        "--at",
        "Task-3: no longer awaited by Task-1",
    ]);
    assert!(later.contains("(T) Task-2") && !later.contains("(T) Task-3"), "{later}");

    // TaskGroup: its tasks are awaited by the task running the block, under `__aexit__`.
    let dir = std::env::temp_dir().join(format!("corosim-pstree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("group.py");
    std::fs::write(
        &file,
        "import asyncio\n\n\nasync def fetch(delay):\n    await asyncio.sleep(delay)\n\n\n\
         async def main():\n    async with asyncio.TaskGroup() as tg:\n        \
         tg.create_task(fetch(1), name='one')\n        tg.create_task(fetch(2), name='two')\n\n\n\
         asyncio.run(main())\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let tree = corosim(&["trace", path, "--format", "pstree", "--at", "two: waits on"]);
    let _ = std::fs::remove_dir_all(&dir);
    let expected = format!(
        "└── (T) Task-1\n    └──  main {path}:9\n        └──  __aexit__\n\
         \x20           ├── (T) one\n            │   └──  fetch {path}:5\n            │       └──  sleep\n\
         \x20           └── (T) two\n                └──  fetch {path}:5\n                    └──  sleep\n"
    );
    assert_eq!(tree, expected);
}

#[test]
fn pstree_on_a_generator_program_is_empty_and_a_bad_position_is_an_error() {
    assert_eq!(corosim(&["trace", "grouper", "--format", "pstree", "--at", "5"]), "");
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["trace", "grouper", "--format", "pstree", "--at", "no such words"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no event of grouper says that"));
}

fn fails(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim")).args(args).output().expect("run corosim");
    assert!(!out.status.success(), "corosim {args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "a panic, not an error: {err}");
    err
}

#[test]
fn bad_input_is_a_clear_error_never_a_panic() {
    assert!(fails(&["step", "nosuch"]).contains("unknown program 'nosuch'. Known programs: "));
    assert!(fails(&["step", "grouper", "--at", "99999"]).contains("--at 99999: grouper has 233 events"));
    assert!(fails(&["step", "grouper", "--at", "zebra"]).contains("no event of grouper says that"));
    assert!(fails(&["step", "grouper", "--snapshot", "x.png"]).contains("must end in .svg or .txt"));
    assert!(fails(&["step", "grouper", "--snapshot", "x.txt", "--size", "10x5"]).contains("from 40x12"));
    assert!(
        fails(&["step", "flags_semaphore", "--follow", "Task-99", "--snapshot", "x.txt"])
            .contains("no task called")
    );
    assert!(fails(&["step", "no_such_file.py"]).contains("no_such_file.py: no such file"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"event\": \"nonsense\"}\n").unwrap();
    assert!(
        fails(&["step", "grouper", "--events", bad.to_str().unwrap()])
            .contains("bad.jsonl:1: not a corosim trace event")
    );
}

#[test]
fn big_mode_draws_fewer_panes_in_bold() {
    let dir = tempfile::tempdir().unwrap();
    let shot = |extra: &[&str]| {
        let path = dir.path().join("s.txt");
        let mut args = vec!["step", "flags_semaphore", "--at", "300", "--snapshot", path.to_str().unwrap()];
        args.extend(extra);
        corosim(&args);
        std::fs::read_to_string(&path).unwrap()
    };
    let (normal, big) = (shot(&[]), shot(&["--big"]));
    for pane in ["the loop", "event log", "output"] {
        assert!(normal.contains(pane) && !big.contains(pane), "--big leaves out {pane}");
    }
    for pane in ["flags_semaphore.py", "frames", "tasks"] {
        assert!(big.contains(pane), "--big keeps {pane}");
    }
    let svg = dir.path().join("s.svg");
    corosim(&["step", "grouper", "--at", "8", "--big", "--snapshot", svg.to_str().unwrap()]);
    let svg = std::fs::read_to_string(svg).unwrap();
    let texts = svg.matches("<text").count();
    assert!(svg.matches("font-weight=\"bold\"").count() * 2 > texts, "most text is bold in --big");
}

/// A program with two simulated threads, each at its own lines.
const THREADS: &str = "import threading\nimport time\n\n\ndef worker(n):\n    total = 0\n    for i in range(n):\n        total += i\n        time.sleep(0.01)\n    print('worker done', total)\n\n\nt = threading.Thread(target=worker, args=(3,), name='adder')\nt.start()\nfor k in range(3):\n    time.sleep(0.01)\nt.join()\nprint('main done')\n";

#[test]
fn threads_are_told_apart_in_lines_the_tasks_pane_chrome_and_the_timeline() {
    let dir = std::env::temp_dir().join(format!("corosim-threads-view-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("two_threads.py");
    std::fs::write(&file, THREADS).unwrap();
    let path = file.to_str().unwrap();

    // Each line event says which thread ran it: the worker's lines name `adder`, the main
    // thread's name none.
    let jsonl = corosim(&["trace", path, "--format", "jsonl"]);
    let events: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let lines: Vec<(u64, Option<&str>)> = events
        .iter()
        .filter(|e| e["event"] == "line")
        .map(|e| (e["line"].as_u64().unwrap(), e["thread"].as_str()))
        .collect();
    assert!(lines.contains(&(8, Some("adder"))), "{lines:?}");
    assert!(lines.contains(&(16, None)), "{lines:?}");
    assert!(lines.iter().all(|(n, th)| (6..=10).contains(n) == (*th == Some("adder"))), "{lines:?}");

    // At the worker's first line, the tasks pane lists both threads: the worker holds the
    // interpreter, the main thread does not; the source marks the worker's line with `A`.
    let at = events.iter().position(|e| e["event"] == "line" && e["thread"] == "adder").unwrap() + 1;
    let shot = dir.join("shot.txt");
    corosim(&[
        "step",
        path,
        "--at",
        &at.to_string(),
        "--snapshot",
        shot.to_str().unwrap(),
        "--size",
        "160x40",
    ]);
    let screen = std::fs::read_to_string(&shot).unwrap();
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name) && l.contains("ING"))
            .unwrap_or_else(|| panic!("no {name} row:\n{screen}"))
            .to_string()
    };
    assert!(row("adder").contains("A adder") && row("adder").contains("RUNNING"), "{screen}");
    assert!(row("MainThread").contains("M MainThread") && !row("MainThread").contains("RUNNING"), "{screen}");
    assert!(
        screen.lines().any(|l| l.contains("total = 0") && l.contains('A')),
        "the worker's line is marked A:\n{screen}"
    );

    // Chrome: a track per thread, with a slice per turn.
    let json: serde_json::Value =
        serde_json::from_str(&corosim(&["trace", path, "--format", "chrome"])).unwrap();
    let events = json["traceEvents"].as_array().unwrap();
    let tracks: Vec<&str> = events
        .iter()
        .filter(|e| e["name"] == "thread_name")
        .map(|e| e["args"]["name"].as_str().unwrap())
        .collect();
    assert!(tracks.contains(&"thread MainThread") && tracks.contains(&"thread adder"), "{tracks:?}");
    assert!(events.iter().any(|e| e["ph"] == "B" && e["name"] == "adder runs"));

    // The timeline: a lane per thread.
    let svg = corosim(&["trace", path, "--format", "svg"]);
    assert!(svg.contains(">adder<") && svg.contains(">MainThread<"), "no thread lanes in the SVG");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two threads racing on a shared counter: the lost updates depend on where the switches
/// fall, which `--seed` fixes.
const RACY: &str = "import threading\n\ncounter = 0\n\n\ndef work():\n    global counter\n    for _ in range(2000):\n        value = counter\n        counter = value + 1\n\n\nthreads = [threading.Thread(target=work) for _ in range(2)]\nfor t in threads:\n    t.start()\nfor t in threads:\n    t.join()\nprint('counter =', counter)\n";

#[test]
fn a_seed_gives_trace_and_step_the_very_run_that_run_printed() {
    let dir = std::env::temp_dir().join(format!("corosim-racy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("racy.py");
    std::fs::write(&file, RACY).unwrap();
    let path = file.to_str().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for seed in ["1", "2", "3"] {
        let turns = ["--switch-every", "7", "--seed", seed];
        let printed = corosim(&[&["run", path][..], &turns].concat());
        assert!(printed.starts_with("counter = "), "{printed}");
        seen.insert(printed.clone());
        let trace = corosim(&[&["trace", path][..], &turns].concat());
        assert!(
            trace.contains(&format!("| {}", printed.trim_end())),
            "seed {seed}: the trace printed otherwise"
        );
        let events = corosim(&[&["trace", path, "--format", "jsonl"][..], &turns].concat()).lines().count();
        let shot = dir.join(format!("end-{seed}.txt"));
        let (at, shot_path) = (events.to_string(), shot.to_str().unwrap().to_string());
        corosim(&[&["step", path, "--at", &at, "--snapshot", &shot_path][..], &turns].concat());
        let screen = std::fs::read_to_string(&shot).unwrap();
        assert!(screen.contains(printed.trim_end()), "seed {seed}: the step viewer's run differs:\n{screen}");
    }
    // The race shows: different seeds lose different updates.
    assert!(seen.len() >= 2, "three seeds, one outcome: {seen:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
