//! Every Python twin of a built-in program (`src/scenarios/*.py`) and the spinner's
//! coroutine program, run by corosim's interpreter (`corosim run FILE.py`), prints
//! byte for byte what CPython prints for it on the same virtual clock: stdout, stderr and
//! exit status (issue 16's first proof). The four that need threads wait for part 2.

mod pyharness;

use std::path::PathBuf;
use std::time::Duration;

use pyharness::{corosim_all, cpython_all, diff, python_missing};

/// Threads are part 2 of the interpreter's work (`threading`, executors).
/// (The spinner's thread program, `src/demo/spinner/threads.py`, is the fourth.)
const NEED_THREADS: [&str; 3] = ["background_loop.py", "concurrency_parallelism.py", "executor_save.py"];

/// Sockets and bytes are in corosim's runtime (`crate::aio`: the selector, streams,
/// protocols), not yet in the interpreter's `asyncio` module: these twins wait for that.
const NEED_NETWORK: [&str; 3] = ["charfinder_http.py", "charfinder_tcp.py", "echo_protocol.py"];

fn twins_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/scenarios")
}

#[test]
fn every_twin_runs_under_the_interpreter_as_under_cpython() {
    let dir = twins_dir();
    let mut twins: Vec<String> = std::fs::read_dir(&dir)
        .expect("src/scenarios")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.ends_with(".py") && !NEED_THREADS.contains(&n.as_str()) && !NEED_NETWORK.contains(&n.as_str())
        })
        .collect();
    twins.sort();
    assert!(twins.len() >= 17, "only {} twins found in {}", twins.len(), dir.display());
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
