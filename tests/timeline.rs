//! Timelines as a reader gets them: `corosim trace <name> --format svg` is well-formed,
//! standalone SVG, the same bytes on every run, with a lane per task or generator.

use std::process::Command;

fn svg_of(name: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["trace", name, "--format", "svg"])
        .output()
        .expect("run corosim");
    assert!(
        out.status.success(),
        "corosim trace {name} --format svg: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn every_scenario_draws_well_formed_standalone_svg() {
    for s in corosim::scenarios::all() {
        let (_, events, _) = corosim::book::run_traced(s);
        let text = corosim::timeline::svg_for(s.name, &events);
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{}: timeline is not well-formed XML: {e}", s.name));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{}", s.name);
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"), "{}", s.name);
        for attr in ["width", "height", "viewBox"] {
            assert!(root.attribute(attr).is_some(), "{}: <svg> lacks {attr}", s.name);
        }
        // Standalone: nothing loaded from elsewhere.
        assert!(!text.contains("href=\"http"), "{}", s.name);
        // One lane title per task step's task, or per resumed generator.
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("lane"))
            .filter_map(|n| n.text())
            .collect();
        for e in &events {
            match e {
                corosim::trace::Event::TaskStep { task, .. } => {
                    assert!(titles.contains(&task.as_str()), "{}: no lane for {task}", s.name)
                }
                corosim::trace::Event::Resume { name, .. } if titles.contains(&"main program") => {
                    assert!(titles.contains(&name.as_str()), "{}: no lane for {name}", s.name)
                }
                _ => {}
            }
        }
    }
}

#[test]
fn the_cli_draws_the_same_bytes_every_time() {
    for name in ["spinner", "delegation_chain", "executor_save"] {
        let first = svg_of(name);
        assert_eq!(first, svg_of(name), "{name}: two runs differ");
        let (_, events, _) = corosim::book::run_traced(corosim::scenarios::find(name).unwrap());
        assert_eq!(first, corosim::timeline::svg_for(name, &events), "{name}: CLI and library differ");
    }
}

#[test]
fn a_loop_picture_has_the_loop_lane_and_the_tasks() {
    let text = svg_of("task_cancel");
    for needle in ["event loop", "Task-1", "Task-2", "Task-3", "sleep(100.0)", "task cancelled", "t (s)"] {
        assert!(text.contains(needle), "task_cancel timeline lacks {needle:?}");
    }
}
