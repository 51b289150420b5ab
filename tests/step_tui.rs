//! `corosim step` in a real pseudo-terminal, its screen parsed with vt100: grouper's
//! averager shown SUSPENDED and detached, and back again; flags_semaphore's ready queue,
//! timers and Semaphore holders checked against the trace; a breakpoint stops at its line;
//! the panes reflow at 120×36, 80×24, 200×50 and stack when narrow; `NO_COLOR`; `q` gives
//! the terminal back; a snapshot equals the screen; piped output is the plain trace.

mod support;

use std::process::Command;

use support::pty::{Tui, has, rows};

fn corosim(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim")).args(args).output().expect("run corosim");
    assert!(out.status.success(), "corosim {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn all(s: &vt100::Screen) -> Vec<String> {
    rows(s, 0, s.size().1.get())
}

/// The screen shows event `n`, drawn to the end: the header says so, and so does the
/// line under the panes (drawn after them).
fn at_event(s: &vt100::Screen, n: usize) -> bool {
    let rows = all(s);
    rows[0].contains(&format!("event {n}/")) && rows[rows.len() - 2].starts_with(&format!(" {n}: "))
}

fn quit_and_check_restored(tui: &mut Tui) {
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let screen = tui.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(tui.is_cooked(), "the terminal was not given back in cooked mode:\n{}", tui.stty());
}

/// The row (from the frames pane, right of column 58) that has both texts.
fn frames_row_with(s: &vt100::Screen, a: &str, b: &str) -> Option<String> {
    rows(s, 58, s.size().1.get() - 58).into_iter().find(|r| r.contains(a) && r.contains(b))
}

#[test]
fn grouper_the_averager_is_suspended_and_detached_then_one_step_back_it_runs() {
    let mut tui = Tui::start(&["step", "grouper"], 120, 36, &[]);
    tui.wait_for("the viewer at event 0", |s| has(s, 0, 120, "event 0/") && has(s, 0, 120, "frames"));
    assert!(tui.is_raw(), "not in raw mode while running:\n{}", tui.stty());
    // 8 events: ... averager yields None; grouper, then averager, RUNNING -> SUSPENDED.
    for n in 1..=8 {
        tui.send(b" ");
        tui.wait_for(&format!("event {n}"), |s| at_event(s, n));
    }
    let s = tui.screen();
    assert!(frames_row_with(s, "averager", "SUSPENDED").is_some(), "{}", s.contents());
    assert!(frames_row_with(s, "grouper", "SUSPENDED").is_some(), "{}", s.contents());
    assert!(has(s, 58, 62, "⊘ detached · nobody runs it"), "the chain is detached:\n{}", s.contents());
    assert!(!has(s, 58, 62, "▶ running"), "nothing runs at event 8:\n{}", s.contents());
    assert!(has(s, 58, 62, "line 14: reading = yield"), "the averager's line:\n{}", s.contents());

    tui.send(b"\x1b[D"); // ←
    tui.wait_for("event 7", |s| at_event(s, 7));
    let s = tui.screen();
    assert!(
        frames_row_with(s, "averager", "RUNNING").is_some(),
        "at event 7 the averager runs:\n{}",
        s.contents()
    );
    assert!(frames_row_with(s, "grouper", "SUSPENDED").is_some(), "{}", s.contents());
    assert!(has(s, 58, 62, "▶ running, called by the program"), "{}", s.contents());
    quit_and_check_restored(&mut tui);
}

/// What the plain trace says up to position `at`: tasks created and not yet stepped (the
/// ready queue at the start of the loop's second turn), timers scheduled and not fired
/// (by due time), and the tasks whose `Semaphore.acquire` returned.
fn from_trace(trace: &str, at: usize) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut ready, mut timers, mut holders) = (Vec::new(), Vec::new(), Vec::new());
    let mut task = String::new();
    for line in trace.lines().take(at) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if line.contains(": created for") {
            ready.push(words[1].trim_end_matches(':').to_string());
        } else if line.contains(": step, send(") {
            task = words[1].trim_end_matches(':').to_string();
            ready.retain(|t| *t != task);
        } else if let Some(when) = line.split(" at t=").nth(1) {
            timers.push(when.to_string());
        } else if line.contains("timer due") {
            timers.remove(0);
        } else if line.contains("Semaphore.acquire: returns True") {
            holders.push(task.clone());
        }
        timers.sort();
    }
    (ready, timers, holders)
}

#[test]
fn flags_semaphore_the_loop_and_the_semaphore_match_the_trace() {
    let trace = corosim(&["trace", "flags_semaphore"]);
    let at = trace.lines().position(|l| l.contains("Task-5: waits on")).unwrap() + 1;
    let (ready, timers, holders) = from_trace(&trace, at);
    assert_eq!(&ready[..2], ["Task-6", "Task-7"]);
    assert_eq!(timers.len(), 3);

    let at_arg = at.to_string();
    let mut tui = Tui::start(&["step", "flags_semaphore", "--at", &at_arg], 120, 36, &[]);
    tui.wait_for("the viewer", |s| at_event(s, at) && has(s, 0, 120, "the loop"));
    let s = tui.screen();
    let screen = all(s);
    let ready_row = screen.iter().find(|r| r.contains("ready ")).expect("a ready row");
    let want: Vec<String> = ready.iter().take(3).map(|t| format!("{t} step")).collect();
    assert!(ready_row.contains(&want.join(" → ")), "ready queue {ready_row:?}, the trace says {ready:?}");
    let timer_rows: Vec<&String> =
        screen.iter().filter(|r| r.contains("_set_result_unless_cancelled")).collect();
    assert!(timer_rows.len() >= 2, "{}", s.contents());
    for (row, when) in timer_rows.iter().zip(&timers) {
        assert!(row.contains(&format!(" t={when} ")), "timers in due order: {row:?} should be at t={when}");
    }
    let holds = format!("Semaphore-1 held by ({}): {}", holders.len(), holders.join(" "));
    assert!(screen.iter().any(|r| r.contains(&holds)), "{holds:?} not on screen:\n{}", s.contents());
    assert!(screen.iter().any(|r| r.contains("waiting (1): Task-5")), "{}", s.contents());
    quit_and_check_restored(&mut tui);
}

/// The listing line drawn highlighted (a background colour, or reverse video).
fn acting_line(s: &vt100::Screen) -> Option<String> {
    let (rows_n, cols) = s.size();
    (1..rows_n.get()).find_map(|row| {
        let lit = (8..cols.get() / 2)
            .any(|col| s.cell(row, col).is_some_and(|c| c.bgcolor() != vt100::Color::Default || c.inverse()));
        lit.then(|| s.rows(0, cols.get() / 2).nth(row as usize).unwrap_or_default())
    })
}

#[test]
fn a_breakpoint_stops_at_its_line() {
    let mut tui = Tui::start(&["step", "grouper"], 120, 36, &[]);
    tui.wait_for("the viewer", |s| has(s, 0, 120, "event 0/"));
    tui.send(b"b");
    tui.wait_for("the prompt", |s| has(s, 0, 120, "toggle a breakpoint at line:"));
    tui.send(b"14\r");
    tui.wait_for("the breakpoint", |s| has(s, 0, 120, "●1") && has(s, 0, 60, "●"));
    tui.send(b"c");
    // First reached by `averager: yields None`.
    tui.wait_for("a stop at line 14", |s| at_event(s, 6));
    assert!(acting_line(tui.screen()).is_some_and(|l| l.contains("reading = yield")));
    // Next, the averager resumes there (grouper passing the send on): event 10.
    tui.send(b"c");
    tui.wait_for("the next stop", |s| at_event(s, 10));
    assert!(acting_line(tui.screen()).is_some_and(|l| l.contains("reading = yield")));
    quit_and_check_restored(&mut tui);
}

#[test]
fn panes_reflow_with_the_size_and_stack_when_narrow() {
    let titles = |s: &vt100::Screen, t: &str| all(s).iter().position(|r| r.contains(t));
    // 200×50 and 120×36: every pane.
    for (w, h) in [(200, 50), (120, 36)] {
        let mut tui = Tui::start(&["step", "flags_semaphore", "--at", "200"], w, h, &[]);
        tui.wait_for("every pane", |s| {
            ["flags_semaphore.py", "frames", "the loop", "tasks", "output", "event log"]
                .iter()
                .all(|t| titles(s, t).is_some())
        });
        quit_and_check_restored(&mut tui);
    }
    // 80×24: a subset, side by side.
    let mut tui = Tui::start(&["step", "flags_semaphore", "--at", "200"], 80, 24, &[]);
    tui.wait_for("source, frames, tasks", |s| {
        titles(s, "flags_semaphore.py").is_some()
            && titles(s, "┌ frames ").is_some()
            && titles(s, "┌ tasks ").is_some()
    });
    let s = tui.screen();
    assert_eq!(titles(s, "flags_semaphore.py"), titles(s, "┌ frames "), "side by side at 80 columns");
    assert!(titles(s, "the loop").is_none(), "the loop pane is left out below 100×30");
    // Narrower: stacked; and back.
    tui.resize(70, 30);
    tui.wait_for(
        "stacked",
        |s| matches!((titles(s, "flags_semaphore.py"), titles(s, "┌ frames ")), (Some(a), Some(b)) if a < b),
    );
    tui.resize(120, 36);
    tui.wait_for("side by side again", |s| titles(s, "the loop").is_some());
    quit_and_check_restored(&mut tui);
}

#[test]
fn no_color_draws_without_colours_and_the_running_line_in_reverse_video() {
    let colours = |s: &vt100::Screen| {
        let (r, c) = s.size();
        (0..r.get())
            .flat_map(|row| (0..c.get()).map(move |col| (row, col)))
            .filter_map(|(row, col)| s.cell(row, col))
            .any(|cell| cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default)
    };
    let mut tui = Tui::start(&["step", "grouper", "--at", "6"], 120, 36, &[("NO_COLOR", "1")]);
    tui.wait_for("the running line", |s| acting_line(s).is_some_and(|l| l.contains("reading = yield")));
    assert!(!colours(tui.screen()), "a colour was drawn under NO_COLOR");
    quit_and_check_restored(&mut tui);
}

#[test]
fn a_snapshot_equals_what_the_screen_showed() {
    let dir = tempfile::tempdir().unwrap();
    for (program, at) in [("flags_semaphore", "Task-3 resumed"), ("grouper", "8")] {
        let mut tui = Tui::start(&["step", program, "--at", at], 120, 36, &[]);
        // The whole screen: its last row is drawn last.
        tui.wait_for("the viewer", |s| has(s, 0, 120, "event ") && all(s)[35].contains("q quit"));
        let screen: Vec<String> = all(tui.screen()).iter().map(|r| r.trim_end().to_string()).collect();
        quit_and_check_restored(&mut tui);

        let txt = dir.path().join("shot.txt");
        let path = txt.to_str().unwrap();
        corosim(&["step", program, "--at", at, "--snapshot", path, "--size", "120x36"]);
        let shot: Vec<String> = std::fs::read_to_string(&txt).unwrap().lines().map(str::to_string).collect();
        assert_eq!(shot, screen, "the snapshot of {program} at {at} differs from the screen");

        let svg = dir.path().join("shot.svg");
        corosim(&["step", program, "--at", at, "--snapshot", svg.to_str().unwrap()]);
        let svg = std::fs::read_to_string(&svg).unwrap();
        let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
        let texts: String =
            doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
        assert!(texts.contains("corosim step") && texts.contains("frames"), "the SVG has the screen's text");
    }
}

#[test]
fn piped_output_is_the_plain_trace_numbered() {
    let trace = corosim(&["trace", "grouper"]);
    let piped = corosim(&["step", "grouper"]);
    let unnumbered: Vec<String> = piped
        .lines()
        .map(|l| {
            let (n, rest) = l.trim_start().split_once(' ').expect("a number, then the event");
            assert!(n.parse::<usize>().is_ok(), "{l:?}");
            rest.to_string()
        })
        .collect();
    assert_eq!(unnumbered, trace.lines().collect::<Vec<_>>());
    assert!(!piped.contains('\x1b'), "no escape codes in a pipe");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut tui = Tui::start(&["step", "grouper"], 100, 30, &[]);
    tui.wait_for("the viewer", |s| s.alternate_screen() && has(s, 0, 100, "event 0/"));
    let killed = Command::new("kill").arg("-TERM").arg(tui.pid().to_string()).status().unwrap();
    assert!(killed.success());
    tui.wait_exit();
    let screen = tui.screen();
    assert!(!screen.alternate_screen() && !screen.hide_cursor());
    assert!(tui.is_cooked(), "{}", tui.stty());
}

#[test]
fn the_keys_go_where_they_say() {
    let trace = corosim(&["trace", "flags_semaphore"]);
    let lines: Vec<&str> = trace.lines().collect();
    let after =
        |from: usize, text: &str| lines.iter().skip(from).position(|l| l.contains(text)).unwrap() + from + 1;
    let mut tui = Tui::start(&["step", "flags_semaphore"], 120, 36, &[]);
    tui.wait_for("the viewer", at_event_start);
    // g: an event number.
    tui.send(b"g50\r");
    tui.wait_for("event 50", |s| at_event(s, 50));
    // /: the next event that says it.
    tui.send(b"/Task-7: step\r");
    let want = after(50, "Task-7: step");
    tui.wait_for("the search hit", |s| at_event(s, want));
    // t: the next step of a task.
    tui.send(b"t9\r");
    let want = after(want, "Task-9: step");
    tui.wait_for("Task-9's step", |s| at_event(s, want));
    // g t=: a time on the virtual clock.
    tui.send(b"gt=0.5\r");
    // Up to the first event stamped later than 0.5 (untimed events share the last time).
    let later = |l: &&str| {
        l.strip_prefix("t=").and_then(|r| r.split_whitespace().next()?.parse::<f64>().ok()) > Some(0.5)
    };
    let want = lines.iter().position(later).unwrap();
    tui.wait_for("t=0.5", |s| has(s, 0, 120, &format!("event {want}/")));
    // f: follow a task; the header says so and its row is marked.
    tui.send(b"f3\r");
    tui.wait_for("following Task-3", |s| has(s, 0, 120, "following Task-3") && has(s, 0, 120, "3◆Task-3"));
    // End and Home.
    tui.send(b"\x1b[F");
    let n = lines.len();
    tui.wait_for("the end", |s| at_event(s, n));
    assert!(has(tui.screen(), 0, 120, "[####################] 20/20"), "the output pane shows the end");
    tui.send(b"\x1b[H");
    tui.wait_for("the start", at_event_start);
    // ?: the keys; p plays (events go by), p pauses.
    tui.send(b"?");
    tui.wait_for("the help", |s| has(s, 0, 120, "continue to a breakpoint"));
    tui.send(b"?p");
    tui.wait_for("playing", |s| has(s, 0, 120, "▶ playing") && all(s)[0].contains("event 2/"));
    tui.send(b"p");
    tui.wait_for("paused", |s| has(s, 0, 120, "⏸ paused"));
    quit_and_check_restored(&mut tui);
}

fn at_event_start(s: &vt100::Screen) -> bool {
    all(s)[0].contains("event 0/") && all(s)[s.size().0.get() as usize - 2].contains("before the first event")
}

#[test]
fn a_lesson_checkpoint_about_states_shows_the_frames_with_their_states_to_say() {
    let data = tempfile::tempdir().unwrap();
    let lessons = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let env = [
        ("COROSIM_DATA_DIR", data.path().to_str().unwrap()),
        ("COROSIM_LESSONS_DIR", lessons.to_str().unwrap()),
    ];
    let mut tui = Tui::start(&["learn", "4"], 120, 36, &env);
    tui.wait_for("the intro", |s| has(s, 0, 120, "Press Enter to begin"));
    tui.send(b"\r");
    let pane = |s: &vt100::Screen| -> Vec<String> {
        let right = rows(s, 54, 66);
        let Some(top) = right.iter().position(|r| r.contains("frames · as corosim step draws them")) else {
            return Vec::new();
        };
        right[top + 1..].iter().take_while(|r| !r.starts_with('└')).cloned().collect()
    };
    tui.wait_for("the frames pane at the checkpoint", |s| {
        has(s, 0, 120, "what state is the generator in now?")
            && pane(s).iter().any(|r| r.contains("averager"))
    });
    let frames = pane(tui.screen()).join("\n");
    assert!(frames.contains(" ?"), "the state is left for the learner to say:\n{frames}");
    for state in ["SUSPENDED", "RUNNING", "detached"] {
        assert!(!frames.contains(state), "the pane gives the answer away ({state}):\n{frames}");
    }
    tui.send(b"\x1b"); // Esc: during a question, q would be typed into the answer
    tui.wait_exit(); // an unfinished lesson exits non-zero
    assert!(!tui.screen().alternate_screen());
}
