//! `corosim spinner` in a real pseudo-terminal, its screen parsed with vt100: both
//! spinners animate, stepping moves the highlighted lines and the actors' states forward
//! and back, both panes end with `Answer: 42`, the layout stacks and reflows, `NO_COLOR`
//! is honoured, the mistakes show, and the terminal always comes back in cooked mode —
//! after `q`, Ctrl-C, SIGTERM and a panic.

mod support;

use std::collections::HashSet;

use support::pty::{Tui, has, rows};

/// In a 120-column terminal: the thread pane's inside, then the coroutine pane's.
const LEFT: (u16, u16) = (1, 58);
const RIGHT: (u16, u16) = (61, 58);

/// The spinner frame drawn in a pane's output area (`| thinking!`), if any.
fn frame(screen: &vt100::Screen, (from, width): (u16, u16)) -> Option<char> {
    rows(screen, from, width).iter().take(5).find_map(|r| {
        let mut chars = r.chars();
        let c = chars.next()?;
        ("|/-\\".contains(c) && chars.as_str().starts_with(" thinking!")).then_some(c)
    })
}

/// The listing line of the actor that acted last: the only code drawn highlighted
/// (a background colour, or reverse video without colour).
fn acting_line(screen: &vt100::Screen, (from, width): (u16, u16)) -> Option<String> {
    let (rows_n, _) = screen.size();
    (0..rows_n.get()).find_map(|row| {
        let lit = (from + 6..from + width).any(|col| {
            screen.cell(row, col).is_some_and(|c| c.bgcolor() != vt100::Color::Default || c.inverse())
        });
        lit.then(|| screen.rows(from, width).nth(row as usize).unwrap_or_default())
    })
}

fn acting_has(screen: &vt100::Screen, pane: (u16, u16), text: &str) -> bool {
    acting_line(screen, pane).is_some_and(|l| l.contains(text))
}

fn quit_and_check_restored(tui: &mut Tui) {
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(tui);
}

fn assert_restored(tui: &mut Tui) {
    let screen = tui.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor is still hidden");
    assert!(tui.is_cooked(), "the terminal was not given back in cooked mode:\n{}", tui.stty());
}

#[test]
fn no_arguments_open_the_demo_both_spinners_animate_and_both_end_with_answer_42() {
    let mut tui = Tui::start(&[], 120, 36, &[]);
    tui.wait_for("both panes", |s| has(s, 0, 120, "Threads") && has(s, 0, 120, "Coroutines"));
    assert!(tui.screen().alternate_screen());
    assert!(tui.is_raw(), "not in raw mode while running:\n{}", tui.stty());
    let (mut left, mut right) = (HashSet::new(), HashSet::new());
    let deadline = std::time::Instant::now() + support::pty::TIMEOUT;
    while (left.len() < 3 || right.len() < 3) && std::time::Instant::now() < deadline {
        tui.wait_for("a redraw", |_| true);
        let s = tui.screen();
        left.extend(frame(s, LEFT));
        right.extend(frame(s, RIGHT));
    }
    assert!(left.len() >= 3, "the thread spinner showed frames {left:?}");
    assert!(right.len() >= 3, "the coroutine spinner showed frames {right:?}");
    tui.wait_for("Answer: 42 in both panes", |s| {
        has(s, LEFT.0, LEFT.1, "Answer: 42") && has(s, RIGHT.0, RIGHT.1, "Answer: 42")
    });
    let s = tui.screen();
    assert!(has(s, LEFT.0, LEFT.1, "MainThread finished"));
    assert!(has(s, RIGHT.0, RIGHT.1, "Task-1     done: result=42"));
    quit_and_check_restored(&mut tui);
}

#[test]
fn step_mode_moves_the_highlighted_lines_and_states_forward_and_back() {
    let mut tui = Tui::start(&["spinner", "--step"], 120, 36, &[]);
    tui.wait_for("the paused demo", |s| has(s, 0, 120, "paused") && has(s, 0, 120, "step 0/0+ · 0/0+"));
    assert!(acting_line(tui.screen(), LEFT).is_none(), "nothing has run yet");

    tui.send(b" ");
    tui.wait_for("step 1 in both", |s| {
        acting_has(s, LEFT, "result = supervisor()")
            && acting_has(s, RIGHT, "loop.run_until_complete(supervisor())")
    });
    assert!(has(tui.screen(), RIGHT.0, RIGHT.1, "Task-1     scheduled"));

    tui.send(b" ");
    tui.wait_for("step 2 in both", |s| {
        acting_has(s, LEFT, "done = Event()") && acting_has(s, RIGHT, "asyncio.create_task(")
    });
    let s = tui.screen();
    assert!(has(s, LEFT.0, LEFT.1, "M MainThread running"));
    assert!(has(s, RIGHT.0, RIGHT.1, "1 Task-1     running"));
    assert!(!has(s, LEFT.0, LEFT.1, "Thread-1   "), "no spinner thread yet");

    tui.send(b" ");
    tui.wait_for("step 3 in both", |s| {
        acting_has(s, LEFT, "spinner = Thread(") && has(s, RIGHT.0, RIGHT.1, "2 Task-2     scheduled")
    });
    assert!(has(tui.screen(), LEFT.0, LEFT.1, "T Thread-1   created, not started"));

    tui.send(b"\x1b[D"); // ←
    tui.wait_for("back at step 2", |s| {
        acting_has(s, LEFT, "done = Event()")
            && !has(s, LEFT.0, LEFT.1, "Thread-1   ")
            && !has(s, RIGHT.0, RIGHT.1, "Task-2     ")
            && has(s, 0, 120, "step 2/3+ · 2/3+")
    });

    tui.send(b"\x1b[C"); // →: replayed from the recording
    tui.wait_for("step 3 again", |s| {
        acting_has(s, LEFT, "spinner = Thread(") && has(s, 0, 120, "step 3/3+ · 3/3+")
    });

    tui.send(b"\x1b[F"); // End: run to the end
    tui.wait_for("Answer: 42 in both panes", |s| {
        has(s, LEFT.0, LEFT.1, "Answer: 42") && has(s, RIGHT.0, RIGHT.1, "Answer: 42")
    });
    tui.send(b"\x1b[H"); // Home
    tui.wait_for("back at the start", |s| has(s, 0, 120, "step 0/") && !has(s, LEFT.0, LEFT.1, "Answer: 42"));
    quit_and_check_restored(&mut tui);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut tui = Tui::start(&["spinner", "--step"], 120, 36, &[]);
    tui.wait_for("the demo", |s| s.alternate_screen() && has(s, 0, 120, "Threads"));
    assert!(tui.is_raw());
    let killed = std::process::Command::new("kill").arg("-TERM").arg(tui.pid().to_string()).status().unwrap();
    assert!(killed.success());
    tui.wait_exit();
    assert_restored(&mut tui);
}

#[test]
fn ctrl_c_restores_the_terminal() {
    let mut tui = Tui::start(&["spinner"], 120, 36, &[]);
    tui.wait_for("the demo", |s| s.alternate_screen() && has(s, 0, 120, "Threads"));
    tui.send(b"\x03");
    assert!(tui.wait_exit().success());
    assert_restored(&mut tui);
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut tui = Tui::start(&["spinner", "--panic-for-test"], 120, 36, &[]);
    let status = tui.wait_exit();
    assert!(!status.success());
    assert_restored(&mut tui);
    let s = tui.screen();
    assert!(has(s, 0, 120, "a panic for the test"), "the panic message is readable:\n{}", s.contents());
}

#[test]
fn narrow_terminals_stack_the_panes_and_a_resize_reflows() {
    let title_rows = |s: &vt100::Screen| {
        let rows = rows(s, 0, s.size().1.get());
        let find = |t: &str| rows.iter().position(|r| r.contains(t));
        (find("Threads ·"), find("Coroutines ·"))
    };
    let mut tui = Tui::start(&["spinner", "--step"], 70, 40, &[]);
    tui.wait_for("stacked panes", |s| matches!(title_rows(s), (Some(a), Some(b)) if a < b));
    tui.resize(120, 36);
    tui.wait_for("side by side", |s| matches!(title_rows(s), (Some(a), Some(b)) if a == b));
    tui.resize(70, 40);
    tui.wait_for("stacked again", |s| matches!(title_rows(s), (Some(a), Some(b)) if a < b));
    quit_and_check_restored(&mut tui);
}

#[test]
fn no_color_draws_with_reverse_video_only() {
    let colours = |s: &vt100::Screen| {
        let (r, c) = s.size();
        (0..r.get())
            .flat_map(|row| (0..c.get()).map(move |col| (row, col)))
            .filter_map(|(row, col)| s.cell(row, col))
            .any(|cell| cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default)
    };
    let mut tui = Tui::start(&["spinner", "--step"], 120, 36, &[("NO_COLOR", "1")]);
    tui.send(b"  ");
    tui.wait_for("two steps, highlighted", |s| acting_has(s, LEFT, "done = Event()"));
    assert!(!colours(tui.screen()), "a colour was drawn under NO_COLOR");
    quit_and_check_restored(&mut tui);

    let mut tui = Tui::start(&["spinner", "--step"], 120, 36, &[]);
    tui.send(b"  ");
    tui.wait_for("two steps, highlighted", |s| acting_has(s, LEFT, "done = Event()"));
    assert!(colours(tui.screen()), "no colour without NO_COLOR");
    quit_and_check_restored(&mut tui);
}

#[test]
fn t_toggles_the_rust_listing() {
    let mut tui = Tui::start(&["spinner", "--step"], 120, 36, &[]);
    tui.send(b"  ");
    tui.wait_for("Python", |s| {
        acting_has(s, LEFT, "done = Event()") && has(s, 0, 120, "── Python (t: Rust)")
    });
    tui.send(b"t");
    tui.wait_for("Rust, same place", |s| {
        acting_has(s, LEFT, "let done = me.new_event()") && acting_has(s, RIGHT, "aio::create_task(spin)")
    });
    quit_and_check_restored(&mut tui);
}

#[test]
fn mistake_no_event_blocks_join_until_e_sets_the_event() {
    let mut tui =
        Tui::start(&["spinner", "--mode", "thread", "--mistake", "no-event", "--speed", "4"], 120, 36, &[]);
    tui.wait_for("MainThread stuck in join", |s| {
        has(s, 0, 120, "blocked in Thread-1.join(), for ever")
            && has(s, 0, 120, "What went wrong")
            && has(s, 0, 120, "e set the Event")
    });
    assert!(!has(tui.screen(), 0, 120, "Answer: 42"));
    assert!(frame(tui.screen(), (1, 118)).is_some(), "the spinner still spins");
    tui.send(b"e");
    tui.wait_for("the rescue and the answer", |s| {
        has(s, 0, 120, "Answer: 42") && has(s, 0, 120, "join returned")
    });
    quit_and_check_restored(&mut tui);
}

#[test]
fn mistake_blocking_sleep_freezes_the_loop_and_explains() {
    let mut tui = Tui::start(
        &["spinner", "--mode", "coroutine", "--mistake", "blocking-sleep", "--speed", "2"],
        120,
        36,
        &[],
    );
    tui.wait_for("Task-1 blocking in time.sleep", |s| acting_has(s, (1, 118), "time.sleep(3)"));
    tui.wait_for("the slow-step warning, explained, and the answer", |s| {
        has(s, 0, 120, "took 1.5") && has(s, 0, 120, "What went wrong") && has(s, 0, 120, "Answer: 42")
    });
    let s = tui.screen();
    assert!(frame(s, (1, 118)).is_none() && !has(s, 0, 120, "draws \""), "the spinner never ran");
    assert!(has(s, 0, 120, "2 Task-2     cancelled"));
    quit_and_check_restored(&mut tui);
}

#[test]
fn mistake_no_cancel_destroys_a_pending_task_and_explains() {
    let mut tui = Tui::start(
        &["spinner", "--mode", "coroutine", "--mistake", "no-cancel", "--speed", "2"],
        120,
        36,
        &[],
    );
    tui.wait_for("the warning, explained, and the answer", |s| {
        has(s, 0, 120, "Task was destroyed but it is pending!")
            && has(s, 0, 120, "What went wrong")
            && has(s, 0, 120, "Answer: 42")
    });
    assert!(has(tui.screen(), 0, 120, "destroyed while pending"));
    quit_and_check_restored(&mut tui);
}

#[test]
fn scale_view_measures_threads_and_tasks_live() {
    let mut tui = Tui::start(&["spinner", "--scale", "300"], 120, 36, &[]);
    tui.wait_for("both sides measured", |s| {
        has(s, 0, 120, "memory per spinner") && has(s, 0, 120, "Threads took") && !has(s, 0, 120, "…")
    });
    let s = tui.screen();
    assert!(has(s, 0, 120, "300 / 300"), "{}", s.contents());
    quit_and_check_restored(&mut tui);
}
