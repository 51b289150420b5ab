//! `corosim step my.py --events trace.jsonl`: a trace that reports its lines and locals
//! (`Event::Line`, as corosim's Python interpreter emits them) lights up the source pane
//! (each line marked as run, the running one highlighted) and the frames' locals; `n`
//! moves line by line, and a breakpoint stops on each run of its line.

#[allow(dead_code)] // this target uses a part of the harness
mod support;

use std::process::Command;

use corosim::trace::{Event, GenState, Resumed};
use support::pty::{Tui, has};

const PROGRAM: &str = "\
def averager():
    total = 0.0
    count = 0
    while True:
        x = yield total / max(count, 1)
        total += x
        count += 1


g = averager()
next(g)
print(g.send(10))
";

fn line(frame: &str, line: u32, locals: &[(&str, &str)]) -> Event {
    Event::Line {
        file: "avg.py".into(),
        line,
        frame: frame.into(),
        task: None,
        thread: None,
        locals: locals.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    }
}

fn state(from: GenState, to: GenState) -> Event {
    Event::State { name: "averager".into(), depth: 0, from, to }
}

/// What the interpreter reports for PROGRAM, by hand.
fn events() -> Vec<Event> {
    use GenState::*;
    let g = ("g", "<generator object averager>");
    vec![
        line("<module>", 10, &[]),
        line("<module>", 11, &[g]),
        state(Created, Running),
        Event::Resume { name: "averager".into(), depth: 0, with: Resumed::Send("None".into()) },
        line("averager", 2, &[]),
        line("averager", 3, &[("total", "0.0")]),
        line("averager", 4, &[("total", "0.0"), ("count", "0")]),
        line("averager", 5, &[("total", "0.0"), ("count", "0")]),
        Event::Yield { name: "averager".into(), depth: 0, value: "0.0".into() },
        state(Running, Suspended),
        line("<module>", 12, &[g]),
        state(Suspended, Running),
        Event::Resume { name: "averager".into(), depth: 0, with: Resumed::Send("10".into()) },
        line("averager", 6, &[("total", "0.0"), ("count", "0"), ("x", "10")]),
        line("averager", 7, &[("total", "10.0"), ("count", "0"), ("x", "10")]),
        line("averager", 4, &[("total", "10.0"), ("count", "1"), ("x", "10")]),
        line("averager", 5, &[("total", "10.0"), ("count", "1"), ("x", "10")]),
        Event::Yield { name: "averager".into(), depth: 0, value: "10.0".into() },
        state(Running, Suspended),
        Event::Output { text: "10.0".into() },
    ]
}

fn files() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let py = dir.path().join("avg.py");
    std::fs::write(&py, PROGRAM).unwrap();
    let jsonl = dir.path().join("avg.jsonl");
    let text: Vec<String> = events().iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    std::fs::write(&jsonl, text.join("\n")).unwrap();
    let (py, jsonl) = (py.to_str().unwrap().to_string(), jsonl.to_str().unwrap().to_string());
    (dir, py, jsonl)
}

fn snapshot(py: &str, jsonl: &str, at: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.txt");
    let status = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["step", py, "--events", jsonl, "--at", at, "--snapshot", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read_to_string(out).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn line_events_mark_the_source_and_fill_the_frames_locals() {
    let (_dir, py, jsonl) = files();
    // After `line 5` inside the averager: it runs there, with its locals.
    let s = snapshot(&py, &jsonl, "8");
    let text = s.join("\n");
    assert!(text.contains("avg.py · lines as run"), "{text}");
    let marked: Vec<&String> = s.iter().filter(|r| r.contains("x = yield total")).collect();
    assert!(marked.iter().any(|r| r.contains(" M ")), "line 5 is marked:\n{text}");
    assert!(text.contains("line 5: x = yield total / max(count, 1)"), "{text}");
    assert!(text.contains("total=0.0  count=0"), "the averager's locals:\n{text}");
    assert!(text.contains("▶ running, called by the program"), "{text}");

    // Back in the module after the first yield: the averager paused at line 5, detached.
    let s = snapshot(&py, &jsonl, "11");
    let text = s.join("\n");
    assert!(text.contains("▣ <module> · line 12: print(g.send(10))"), "{text}");
    assert!(text.contains("⊘ detached"), "{text}");
    assert!(text.contains("averager") && text.contains("SUSPENDED"), "{text}");
}

#[test]
fn n_goes_line_by_line_and_a_breakpoint_stops_on_each_run_of_its_line() {
    let (_dir, py, jsonl) = files();
    let mut tui = Tui::start(&["step", &py, "--events", &jsonl], 120, 36, &[]);
    tui.wait_for("the viewer", |s| has(s, 0, 120, "event 0/"));
    tui.send(b"n");
    tui.wait_for("line 10", |s| has(s, 0, 120, "event 1/"));
    tui.send(b"n");
    tui.wait_for("line 11", |s| has(s, 0, 120, "event 2/"));
    tui.send(b"b");
    tui.wait_for("the prompt", |s| has(s, 0, 120, "breakpoint at line:"));
    tui.send(b"4\r");
    tui.send(b"c");
    tui.wait_for("line 4, first run", |s| has(s, 0, 120, "event 7/"));
    tui.send(b"c");
    tui.wait_for("line 4, second run", |s| has(s, 0, 120, "event 16/"));
    assert!(has(tui.screen(), 58, 62, "total=10.0  count=1  x=10"));
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}
