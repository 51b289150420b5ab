//! `corosim spinner` with stdout not a terminal: one line per event, two columns (or one
//! version after the other below 80 columns), both ending in `Answer: 42`, and no escape
//! codes unless asked for.

use std::process::{Command, Output};

fn corosim(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corosim"));
    cmd.args(args).env_remove("NO_COLOR").env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run corosim");
    assert!(out.status.success(), "corosim {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// The two columns of a two-column line (after the time or step).
fn columns(line: &str) -> Option<(&str, &str)> {
    let (left, right) = line.split_once(" │ ")?;
    Some((left.get(8..).unwrap_or("").trim(), right.trim()))
}

#[test]
fn piped_output_is_two_columns_merged_by_time_both_ending_in_answer_42() {
    let text = stdout(&corosim(&["spinner", "--speed", "4", "--width", "120"], &[]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("corosim spinner"), "{text}");
    let (l, r) = columns(lines[1]).expect("a header with two columns");
    assert!(l.starts_with("threads") && r.starts_with("coroutines"), "{}", lines[1]);
    // Event lines: a time, then one event in either column (or both).
    let events: Vec<&str> = lines[3..].iter().take_while(|l| !l.contains('┼')).copied().collect();
    assert!(events.len() > 40, "{text}");
    for line in &events {
        let time = line[..6].trim();
        assert!(time.parse::<f64>().is_ok(), "no time on: {line:?}");
        assert!(line.chars().count() <= 120, "wider than 120: {line:?}");
    }
    let times: Vec<f64> = events.iter().map(|l| l[..6].trim().parse().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[1] >= w[0] - 0.01), "not merged by time:\n{text}");
    assert!(events.iter().any(|l| columns(l).is_some_and(|(l, _)| l.contains("time.sleep(3): blocks"))));
    assert!(events.iter().any(|l| columns(l).is_some_and(|(_, r)| r.contains("Task-2.cancel()"))));
    let last = lines.last().unwrap();
    let (l, r) = columns(last).expect("an output line with two columns");
    assert_eq!((l, r), ("Answer: 42", "Answer: 42"), "{text}");
    assert!(!text.contains('\x1b'), "escape codes in piped output");
}

#[test]
fn no_line_is_wider_than_the_width_asked_for() {
    for width in ["80", "100", "132"] {
        let text = stdout(&corosim(&["spinner", "--speed", "4", "--virtual-time", "--width", width], &[]));
        let w: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= w, "wider than {w}: {line:?}");
        }
    }
}

#[test]
fn step_output_pairs_the_nth_event_of_each_version() {
    let text =
        stdout(&corosim(&["spinner", "--step", "--speed", "4", "--virtual-time", "--width", "120"], &[]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].trim_start().starts_with("step"), "{text}");
    let first = columns(lines[3]).unwrap();
    assert!(lines[3].trim_start().starts_with("1 "), "{}", lines[3]);
    assert_eq!(first, ("M calls supervisor()", "m run_until_complete: Task-1 for supervisor()"));
    assert!(
        lines[4].trim_start().starts_with("2 ") && columns(lines[4]).unwrap().0.contains("done = Event()")
    );
    let (l, r) = columns(lines.last().unwrap()).unwrap();
    assert_eq!((l, r), ("Answer: 42", "Answer: 42"));
}

#[test]
fn narrow_output_prints_one_version_after_the_other() {
    for (args, env) in [(vec!["--width", "70"], vec![]), (vec![], vec![("COLUMNS", "70")])] {
        let mut all = vec!["spinner", "--speed", "4", "--virtual-time"];
        all.extend(args);
        let text = stdout(&corosim(&all, &env));
        assert!(!text.contains(" │ "), "two columns at 70:\n{text}");
        let threads = text.find("== threads").expect("a thread section");
        let coroutines = text.find("== coroutines").expect("a coroutine section");
        assert!(threads < coroutines);
        let (first, second) = text.split_at(coroutines);
        for section in [first, second] {
            let output = section.trim_end().rsplit("output:\n").next().unwrap();
            assert_eq!(output.lines().last(), Some("  Answer: 42"), "{section}");
        }
        assert!(text.lines().all(|l| l.chars().count() <= 70), "wider than 70:\n{text}");
    }
}

#[test]
fn no_color_means_no_escape_codes_and_colour_is_there_when_asked() {
    let coloured = stdout(&corosim(&["spinner", "--speed", "4", "--virtual-time", "--color", "always"], &[]));
    assert!(coloured.contains("\x1b["), "--color always gave no colour");
    let plain = stdout(&corosim(&["spinner", "--speed", "4", "--virtual-time"], &[("NO_COLOR", "1")]));
    assert!(!plain.contains('\x1b'), "escape codes under NO_COLOR");
    assert!(plain.trim_end().ends_with("Answer: 42"));
}

#[test]
fn the_default_command_piped_is_the_plain_comparison() {
    let text = stdout(&corosim(&[], &[]));
    assert!(text.starts_with("corosim spinner"), "{text}");
    assert_eq!(columns(text.lines().last().unwrap()), Some(("Answer: 42", "Answer: 42")));
}

#[test]
fn mistakes_show_in_plain_output_too() {
    let text =
        stdout(&corosim(&["spinner", "--mode", "thread", "--mistake", "no-event", "--speed", "4"], &[]));
    assert!(text.contains("Thread-1.join(): waits for it to end"));
    assert!(text.contains("done.set(), from outside the program"), "{text}");
    assert!(text.contains("what went wrong"));
    assert!(text.trim_end().ends_with("Answer: 42"));

    let text = stdout(&corosim(
        &["spinner", "--mode", "coroutine", "--mistake", "no-cancel", "--virtual-time"],
        &[],
    ));
    assert!(text.contains("Task was destroyed but it is pending!"), "{text}");
    assert!(text.trim_end().ends_with("Answer: 42"));

    let text = stdout(&corosim(
        &["spinner", "--mode", "coroutine", "--mistake", "blocking-sleep", "--speed", "4"],
        &[],
    ));
    assert!(text.contains("took 0.7"), "{text}");
    assert!(!text.contains("draws"), "the spinner drew a frame:\n{text}");
}

#[test]
fn a_mistake_of_the_hidden_version_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["spinner", "--mode", "thread", "--mistake", "no-cancel"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("a mistake of the coroutine version"));
}

#[test]
fn scale_piped_prints_the_measurements() {
    let text = stdout(&corosim(&["spinner", "--scale", "200"], &[]));
    for row in ["started", "start-up time", "memory (RSS growth)", "memory per spinner", "frames in 1 s"] {
        let line =
            text.lines().find(|l| l.starts_with(row)).unwrap_or_else(|| panic!("no {row} row:\n{text}"));
        assert!(!line.contains('…'), "{line}");
    }
    assert!(text.contains("200 / 200"), "{text}");
    assert!(text.contains("Threads took"), "{text}");
}
