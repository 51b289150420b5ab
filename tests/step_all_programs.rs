//! Every built-in program steps: its screen draws at the start, a third, two thirds and
//! the end, at a full, a reduced and a stacked size; its Chrome export is valid JSON and
//! its pstree prints (or names a cycle) at the same positions. In process, so it is quick.

use corosim::scenarios;
use corosim::step::program::Program;
use corosim::step::snapshot::{self, Shot};
use corosim::step::{chrome, pstree};

#[test]
fn every_program_draws_at_every_size_and_exports() {
    for s in scenarios::all() {
        let p = Program::load(s.name).unwrap();
        let n = p.events.len();
        assert!(n > 0, "{} has no events", s.name);
        for at in [0, n / 3, 2 * n / 3, n] {
            for (width, height) in [(120, 36), (80, 24), (60, 30), (200, 50)] {
                let shot = Shot { at, width, height, ..Shot::default() };
                let text = snapshot::text(&p, &shot);
                let first = text.lines().next().unwrap_or("");
                assert!(first.contains(&format!("corosim step {}", s.name)), "{} at {at}:\n{text}", s.name);
                assert!(first.contains(&format!("event {at}/{n}")), "{} at {at}:\n{text}", s.name);
                assert!(text.contains(&format!("{}.py", s.name)), "the source pane of {}", s.name);
            }
            let _ = pstree::render(&p, at);
        }
        let json: serde_json::Value = serde_json::from_str(&chrome::render(&p)).unwrap();
        assert!(json["traceEvents"].as_array().is_some_and(|e| e.len() > 2), "{}", s.name);
    }
}

#[test]
fn a_network_program_shows_its_selector_and_its_socket_waits() {
    // Where a task has just parked on a socket, the loop pane shows the selector's last
    // wait and the tasks pane says what the task waits to do, marked ⇄.
    let p = Program::load("charfinder_tcp").unwrap();
    let at = p
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.event, corosim::trace::Event::Select { .. }))
        .map(|(i, _)| i + 1)
        .nth(3)
        .expect("the program waits in select");
    let text = snapshot::text(&p, &Shot { at, width: 160, height: 50, ..Shot::default() });
    assert!(text.contains("select  read=["), "{text}");
    assert!(text.contains("⇄ read from 127"), "{text}");
}
