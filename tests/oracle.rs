//! CPython, the oracle, as `corosim lessons check` asks it: the interpreter's version is
//! checked once (wrong under `CI=true`: an error naming both versions; elsewhere: one
//! warning line), `COROSIM_PYTHON` names another interpreter, and a twin's warnings are
//! compared with corosim's as part of what it shows.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `corosim lessons check` with `env` set (and `CI` only where `env` says).
fn lessons_check(env: &[(&str, &Path)]) -> Output {
    let data = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corosim"));
    cmd.args(["lessons", "check"])
        .env("COROSIM_DATA_DIR", data.path())
        .env_remove("COROSIM_LESSONS_DIR")
        .env_remove("COROSIM_PYTHON")
        .env_remove("CI")
        .stdin(Stdio::null());
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("run corosim")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An interpreter that says it is CPython 3.99 (and prints that for any program).
fn python_3_99(dir: &Path) -> std::path::PathBuf {
    let fake = dir.join("python3.99");
    std::fs::write(&fake, "#!/bin/sh\necho 3.99\necho \"$0\"\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    fake
}

#[test]
fn another_python_version_fails_under_ci_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let fake = python_3_99(dir.path());
    let out = lessons_check(&[("COROSIM_PYTHON", &fake), ("CI", Path::new("true"))]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "a wrong version must fail under CI:\n{stderr}");
    let said = format!(
        "{} is CPython 3.99, but the expected outputs were recorded with CPython 3.11",
        fake.display()
    );
    assert!(stderr.contains(&said), "{stderr}");
    assert!(stderr.contains("fix: install python3.11"), "{stderr}");
    // Checked once, not once per twin.
    assert_eq!(stderr.matches("is CPython 3.99").count(), 1, "{stderr}");
}

#[test]
fn another_python_version_is_one_warning_line_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let fake = python_3_99(dir.path());
    let out = lessons_check(&[("COROSIM_PYTHON", &fake)]);
    let stderr = text(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("is CPython 3.99") && warnings[0].contains("3.11"), "{stderr}");
    // The twins still ran, on that interpreter: its output is not the twins'.
    assert!(stderr.contains("python3 prints \"3.99\""), "{stderr}");
    assert!(!out.status.success());
}

#[test]
fn a_missing_python_is_named() {
    let missing = Path::new("/nonexistent/python3");
    let out = lessons_check(&[("COROSIM_PYTHON", missing), ("CI", Path::new("true"))]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("/nonexistent/python3 cannot be run"), "{stderr}");
    let out = lessons_check(&[("COROSIM_PYTHON", missing)]);
    assert!(out.status.success(), "only a warning outside CI:\n{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("warning: /nonexistent/python3 cannot be run"));
}

/// Warnings are compared: a CPython that warns once more than corosim is a difference.
/// (`sitecustomize` runs in every CPython that has it on its path.)
#[test]
fn a_warning_only_cpython_gives_is_a_difference() {
    if corosim::oracle::interpreter(corosim::oracle::Use::Compare).is_err() {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "python3 3.11 is required under CI");
        eprintln!("skipping: no python3 3.11");
        return;
    }
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("sitecustomize.py"),
        "import atexit, warnings\n\
         atexit.register(lambda: warnings.warn('planted by the test', UserWarning))\n",
    )
    .unwrap();
    let out = lessons_check(&[("PYTHONPATH", site.path())]);
    let stderr = text(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "`corosim run averager` and `python3 src/scenarios/averager.py` differ at stderr line 1: \
             corosim warns \"<nothing>\", python3 warns \"UserWarning: planted by the test\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("make src/scenarios/averager.rs warn as CPython warns"), "{stderr}");
}

/// Runs `source` under the oracle's runner for `purpose`, killed after a minute (a
/// stalled clock would hang it); its stdout.
fn run_under_runner(source: &str, purpose: corosim::oracle::Use) -> String {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("clock.py");
    std::fs::write(&program, source).unwrap();
    let mut child = corosim::oracle::command(&program, purpose)
        .expect("CPython")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run CPython");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the runner hung on:\n{source}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn the_runners_program_clock_never_stalls_a_real_wait() {
    // The program's own code on the main thread reads the virtual program clock; a thread
    // that spins until real time passes, and the standard library's deadlines (queue,
    // concurrent.futures), keep moving, so each of these ends.
    let source = "\
import concurrent.futures, queue, threading, time
print(time.time(), time.monotonic_ns())
time.sleep(5)
print(time.perf_counter())
def spin():
    deadline = time.monotonic() + 0.05
    while time.monotonic() < deadline:
        pass
t = threading.Thread(target=spin)
t.start()
t.join()
try:
    queue.Queue().get(timeout=0.05)
except queue.Empty:
    print('queue.Empty')
with concurrent.futures.ThreadPoolExecutor() as pool:
    try:
        list(concurrent.futures.as_completed([pool.submit(time.sleep, 0.2)], timeout=0.05))
    except concurrent.futures.TimeoutError:
        print('TimeoutError')
";
    let out = run_under_runner(source, corosim::oracle::Use::Compare);
    assert_eq!(out, "0.0 0\n5.0\nqueue.Empty\nTimeoutError\n");
}

#[test]
fn a_benchmark_under_the_runner_times_itself_on_the_real_clock() {
    // `Use::Measure`: the program's time readers are left real (a Unix time of today).
    let out = run_under_runner("import time\nprint(time.time() > 1e9)\n", corosim::oracle::Use::Measure);
    assert_eq!(out, "True\n");
}
