//! `corosim learn` full screen, driven in a real pseudo-terminal and read with vt100: a
//! lesson is stepped through, a wrong answer gets a hint, right ones get the explanation,
//! `←` looks back through the events, the focused Python line is highlighted and moves
//! with the steps, progress is saved (done, or started when quitting or killed), a resize
//! below 80 columns stacks the panes, `NO_COLOR` draws no colour, and the terminal comes
//! back in cooked mode after Enter past the summary, `q` and SIGTERM.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};

use support::pty::{Tui, has, rows};

fn lessons_dir() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons").to_string_lossy().into_owned()
}

/// `corosim learn 4` in a `cols`×`rows` terminal, with its own data directory.
fn learn(data: &Path, cols: u16, rows: u16, extra: &[(&str, &str)]) -> Tui {
    learn_lesson("4", data, cols, rows, extra)
}

/// `corosim learn N` in a `cols`×`rows` terminal, with its own data directory.
fn learn_lesson(n: &str, data: &Path, cols: u16, rows: u16, extra: &[(&str, &str)]) -> Tui {
    let dir = lessons_dir();
    let mut env = vec![("COROSIM_DATA_DIR", data.to_str().unwrap()), ("COROSIM_LESSONS_DIR", dir.as_str())];
    env.extend_from_slice(extra);
    Tui::start(&["learn", n], cols, rows, &env)
}

/// The highlighted text of each row: cells drawn with a background colour, or in reverse
/// video without colour. On the lesson screen only the focused Python line is.
fn highlighted(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = s.size();
    (0..rows.get())
        .filter_map(|r| {
            let text: String = (0..cols.get())
                .filter_map(|c| s.cell(r, c))
                .filter(|cell| cell.bgcolor() != vt100::Color::Default || cell.inverse())
                .map(|cell| cell.contents().to_string())
                .collect();
            (!text.trim().is_empty()).then_some(text)
        })
        .collect()
}

/// Is the Python line `code` the one highlighted (and the only one)?
fn focused(s: &vt100::Screen, code: &str) -> bool {
    let lit = highlighted(s);
    lit.len() == 1 && lit[0].contains(code)
}

fn on_screen(s: &vt100::Screen, text: &str) -> bool {
    has(s, 0, s.size().1.get(), text)
}

fn type_answer(tui: &mut Tui, answer: &str) {
    tui.send(format!("{answer}\r").as_bytes());
}

fn assert_restored(tui: &mut Tui) {
    let screen = tui.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(tui.is_cooked(), "the terminal was not given back in cooked mode:\n{}", tui.stty());
}

/// `corosim learn` (not on a terminal): the list of lessons with their progress.
fn lesson_list(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .arg("learn")
        .env("COROSIM_DATA_DIR", data)
        .env("COROSIM_LESSONS_DIR", lessons_dir())
        .stdin(Stdio::null())
        .output()
        .expect("run corosim learn");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The row of lesson 4 in that list.
fn lesson_4(list: &str) -> String {
    list.lines().find(|l| l.trim_start().starts_with("4  ")).unwrap_or_default().to_string()
}

#[test]
fn a_lesson_is_learned_full_screen_in_a_pseudo_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = learn(data.path(), 120, 36, &[]);
    tui.wait_for("the intro", |s| on_screen(s, "You will learn:") && on_screen(s, "Press Enter to begin"));
    assert!(tui.screen().alternate_screen());
    assert!(tui.is_raw(), "not in raw mode while running:\n{}", tui.stty());
    assert!(highlighted(tui.screen()).is_empty(), "no line in focus before the first step");

    // Step 1: narration, the checkpoint inline, the events, line 17 in focus.
    tui.send(b"\r");
    // (Every check waits: a frame may arrive in pieces.)
    tui.wait_for("step 1, its checkpoint, its events, line 17 in focus", |s| {
        on_screen(s, "Step 1 of 5")
            && on_screen(s, "Checkpoint 1 of 3")
            && on_screen(s, "what state is the generator in now?")
            && on_screen(s, "3) SUSPENDED")
            && on_screen(s, "your answer (number):")
            && on_screen(s, "averager: RUNNING -> SUSPENDED")
            && on_screen(s, "▶ | primed: None")
            && on_screen(s, "Trace · event 5/5")
            && focused(s, "print(\"primed:\", next(avg))")
    });

    // ← looks back through the events (the player's track); → comes forward again.
    tui.send(b"\x1b[D");
    tui.wait_for("looking back", |s| {
        on_screen(s, "Trace · event 4/5")
            && on_screen(s, "looking back")
            && on_screen(s, "▶ averager: RUNNING -> SUSPENDED")
    });
    tui.send(b"\x1b[C");
    tui.wait_for("back at the latest", |s| {
        on_screen(s, "Trace · event 5/5") && !on_screen(s, "looking back")
    });

    // A wrong answer: a hint, the same question again.
    type_answer(&mut tui, "1");
    tui.wait_for("a hint, and the question still asked", |s| {
        on_screen(s, "Not quite. (2 tries left)")
            && on_screen(s, "Hint: It is no longer running")
            && on_screen(s, "your answer (number):")
    });

    // The right one: the verdict, the proving event and the explanation.
    type_answer(&mut tui, "3");
    tui.wait_for("the explanation", |s| {
        on_screen(s, "Right! SUSPENDED")
            && on_screen(s, "The trace: averager: RUNNING -> SUSPENDED")
            && on_screen(s, "A generator paused at a `yield` is SUSPENDED")
            && !on_screen(s, "your answer (number):")
    });

    // Step 2: the focus moves to line 9, its events are appended to the track.
    tui.send(b"\r");
    tui.wait_for("step 2, line 9 in focus", |s| {
        on_screen(s, "Step 2 of 5")
            && on_screen(s, "What does the `print` in")
            && on_screen(s, "averager: yields 21.5")
            && focused(s, "reading = yield average")
    });
    type_answer(&mut tui, "2");
    tui.wait_for("right", |s| on_screen(s, "Right! sent 21.5 -> average 21.5"));

    // Steps 3 and 4 have no checkpoint: Space moves on.
    tui.send(b" ");
    tui.wait_for("step 3", |s| on_screen(s, "Step 3 of 5") && focused(s, "print(\"sent\", reading"));
    tui.send(b" ");
    tui.wait_for("step 4", |s| {
        on_screen(s, "Step 4 of 5")
            && focused(s, "avg.close()")
            && on_screen(s, "averager: RUNNING -> CLOSED")
    });
    tui.send(b"\r");
    tui.wait_for("step 5's checkpoint", |s| {
        on_screen(s, "Step 5 of 5") && on_screen(s, "Checkpoint 3 of 3") && focused(s, "avg.send(1.0)")
    });
    type_answer(&mut tui, "1");
    tui.wait_for("right", |s| on_screen(s, "Right! closed; sending again raises StopIteration()"));

    // The summary, then out.
    tui.send(b"\r");
    tui.wait_for("the summary", |s| on_screen(s, "Lesson complete: 3 of 3 checkpoints right"));
    tui.send(b"\r");
    let status = tui.wait_exit();
    assert!(status.success(), "a completed lesson succeeds: {status:?}");
    assert_restored(&mut tui);
    assert!(
        on_screen(tui.screen(), "Lesson 4 complete: 3 of 3 checkpoints right"),
        "{}",
        tui.screen().contents()
    );

    let row = lesson_4(&lesson_list(data.path()));
    assert!(row.contains("Generators as coroutines") && row.contains("done"), "{row:?}");
}

#[test]
fn quitting_saves_progress_and_a_narrow_terminal_stacks_the_panes_without_colour() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = learn(data.path(), 120, 36, &[("NO_COLOR", "1")]);
    tui.wait_for("the intro", |s| on_screen(s, "Press Enter to begin"));
    tui.send(b"\r");
    // (narration, listing, trace): the rows of their titles.
    let titles = |s: &vt100::Screen| {
        let rows = rows(s, 0, s.size().1.get());
        let row_of = |t: &str| rows.iter().position(|r| r.contains(t));
        (row_of("Step 1 of 5"), row_of("averager.py"), row_of("Trace ·"))
    };
    tui.wait_for("step 1, side by side", |s| {
        matches!(titles(s), (Some(a), Some(b), Some(c)) if a == b && b < c) && focused(s, "next(avg)")
    });
    tui.resize(70, 40);
    let stacked = |s: &vt100::Screen| matches!(titles(s), (Some(a), Some(b), Some(c)) if a < b && b < c);
    tui.wait_for("step 1, stacked: narration, listing, trace", |s| {
        stacked(s) && focused(s, "next(avg)") && on_screen(s, "your answer (number):")
    });
    let s = tui.screen();
    let (r, c) = s.size();
    let coloured = (0..r.get()).flat_map(|row| (0..c.get()).map(move |col| (row, col))).any(|(row, col)| {
        s.cell(row, col)
            .is_some_and(|x| x.fgcolor() != vt100::Color::Default || x.bgcolor() != vt100::Color::Default)
    });
    assert!(!coloured, "a colour was drawn under NO_COLOR");

    tui.send(b"?");
    tui.wait_for("the help", |s| on_screen(s, "quit; your progress is saved"));
    tui.send(b"x"); // any key closes the help
    tui.wait_for("no help", |s| !on_screen(s, "quit; your progress is saved"));
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(!status.success(), "quitting is not completing");
    assert_restored(&mut tui);
    assert!(on_screen(tui.screen(), "Progress saved at step 1"), "{}", tui.screen().contents());
    let row = lesson_4(&lesson_list(data.path()));
    assert!(row.contains("started (step 1)"), "{row:?}");
}

#[test]
fn sigterm_gives_the_terminal_back_and_saves() {
    let data = tempfile::tempdir().unwrap();
    let mut tui = learn(data.path(), 120, 36, &[]);
    tui.wait_for("the intro", |s| s.alternate_screen() && on_screen(s, "Press Enter to begin"));
    tui.send(b"\r");
    tui.wait_for("step 1", |s| on_screen(s, "Step 1 of 5") && on_screen(s, "your answer (number):"));
    let killed = Command::new("kill").arg("-TERM").arg(tui.pid().to_string()).status().unwrap();
    assert!(killed.success());
    tui.wait_exit();
    assert_restored(&mut tui);
    let row = lesson_4(&lesson_list(data.path()));
    assert!(row.contains("started (step 1)"), "{row:?}");
}

#[test]
fn a_lesson_with_a_second_program_shows_that_program_once_its_events_are_on_screen() {
    // Lesson 2 walks through the drawn I/O models (io_models.py), then a real run on
    // loopback sockets (`then = "io_models_real"`): the listing follows the events.
    let data = tempfile::tempdir().unwrap();
    let mut tui = learn_lesson("2", data.path(), 120, 40, &[]);
    tui.wait_for("the intro", |s| on_screen(s, "Press Enter to begin"));
    tui.send(b"\r");
    tui.wait_for("step 1 on the drawn models", |s| {
        on_screen(s, "Step 1 of 6") && on_screen(s, "io_models.py · line") && on_screen(s, "your answer")
    });
    type_answer(&mut tui, "1");
    tui.wait_for("right", |s| on_screen(s, "Right!"));
    tui.send(b"\r");
    tui.wait_for("step 2's checkpoint", |s| on_screen(s, "Step 2 of 6") && on_screen(s, "your answer"));
    type_answer(&mut tui, "1");
    tui.wait_for("right", |s| on_screen(s, "Right!"));
    tui.send(b"\r");
    tui.wait_for("step 3", |s| on_screen(s, "Step 3 of 6"));
    tui.send(b"\r");
    tui.wait_for("step 4: the real run's program in the listing", |s| {
        on_screen(s, "Step 4 of 6")
            && on_screen(s, " io_models_real.py ")
            && on_screen(s, "import socket")
            && on_screen(s, "-- blocking sockets, one thread --")
    });
    // Looking back at the drawn models' events shows their program again.
    for _ in 0..3 {
        tui.send(b"\x1b[D");
    }
    tui.wait_for("looking back at io_models.py's events", |s| {
        on_screen(s, "looking back") && on_screen(s, "io_models.py") && !on_screen(s, "import socket")
    });
    tui.send(b"q");
    tui.wait_exit();
    assert_restored(&mut tui);
}
