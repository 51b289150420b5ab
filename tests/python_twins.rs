//! Every Python twin of a built-in program (`src/scenarios/*.py`) and the spinner's
//! coroutine and thread programs, run by corosim's interpreter (`corosim run FILE.py`),
//! print byte for byte what CPython prints for them on the same virtual clock: stdout,
//! stderr and exit status (issue 16's first proof, issue 17's threads).

mod pyharness;

use std::path::PathBuf;
use std::time::Duration;

use pyharness::{Outcome, corosim_all, cpython_all, diff, python_missing};

fn twins_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/scenarios")
}

#[test]
fn every_twin_runs_under_the_interpreter_as_under_cpython() {
    let dir = twins_dir();
    let mut twins: Vec<String> = std::fs::read_dir(&dir)
        .expect("src/scenarios")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".py"))
        .collect();
    twins.sort();
    for network in ["charfinder_http.py", "charfinder_tcp.py", "echo_protocol.py"] {
        assert!(twins.iter().any(|t| t == network), "{network}: the network twins run too");
    }
    assert!(twins.len() >= 20, "only {} twins found in {}", twins.len(), dir.display());
    let jobs: Vec<Vec<String>> = twins.iter().map(|t| vec!["run".to_string(), t.clone()]).collect();
    let ours = corosim_all(&jobs, &dir, Duration::from_secs(60));
    let theirs = match cpython_all(&twins, &dir) {
        Ok(t) => t,
        Err(why) => return python_missing("the twins", &why),
    };
    let problems: Vec<String> = twins
        .iter()
        .zip(ours.iter().zip(&theirs))
        .filter_map(|(name, (o, t))| diff(name, o, t, "CPython"))
        .collect();
    assert!(problems.is_empty(), "{} twin(s) differ from CPython:\n{}", problems.len(), problems.concat());
}

#[test]
fn the_spinners_coroutine_program_runs_as_under_cpython() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/demo/spinner");
    let program = vec!["coroutines.py".to_string()];
    let ours = corosim_all(&[vec!["run".to_string(), program[0].clone()]], &dir, Duration::from_secs(60));
    let theirs = match cpython_all(&program, &dir) {
        Ok(t) => t,
        Err(why) => return python_missing("the spinner's coroutine program", &why),
    };
    if let Some(d) = diff(&program[0], &ours[0], &theirs[0], "CPython") {
        panic!("the spinner's coroutine program differs from CPython:\n{d}");
    }
}

/// The spinner's thread program: `time.sleep(3)` in the main thread while the spinner
/// thread draws a frame every `done.wait(.1)`. On corosim's virtual clock that is exactly
/// 30 frames; CPython's real clock gives about as many (fewer when the machine is busy),
/// so runs of frames are compared as one, and everything else byte for byte.
#[test]
fn the_spinners_thread_program_runs_as_under_cpython() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/demo/spinner");
    let program = vec!["threads.py".to_string()];
    let ours = corosim_all(&[vec!["run".to_string(), program[0].clone()]], &dir, Duration::from_secs(60));
    let theirs = match cpython_all(&program, &dir) {
        Ok(t) => t,
        Err(why) => return python_missing("the spinner's thread program", &why),
    };
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let frames = text(&ours[0].stdout).matches(" thinking!\r").count();
    assert_eq!(frames, 30, "3 virtual seconds at a frame every 0.1 s:\n{:?}", text(&ours[0].stdout));
    let collapse =
        |o: &Outcome| Outcome { stdout: collapse_frames(&text(&o.stdout)).into_bytes(), ..o.clone() };
    if let Some(d) = diff(&program[0], &collapse(&ours[0]), &collapse(&theirs[0]), "CPython") {
        panic!("the spinner's thread program differs from CPython (runs of frames collapsed):\n{d}");
    }
}

/// `| thinking!\r/ thinking!\r…` as one `<frames>\r`.
fn collapse_frames(stdout: &str) -> String {
    let mut out = String::new();
    let mut in_frames = false;
    for piece in stdout.split_inclusive('\r') {
        let is_frame = piece.ends_with(" thinking!\r") && !piece.contains('\n');
        if is_frame {
            if !in_frames {
                out.push_str("<frames>\r");
            }
            in_frames = true;
        } else {
            out.push_str(piece);
            in_frames = false;
        }
    }
    out
}
