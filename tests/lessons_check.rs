//! Every lesson passes `corosim lessons check`. A test binary of its own, so that it runs
//! alone: the check runs the Python twins on CPython's real clock, and a machine busy with
//! other tests can reorder their events.

use std::path::Path;
use std::process::{Command, Stdio};

fn lessons_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_lesson_passes_lessons_check() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["lessons", "check"])
        .env("COROSIM_DATA_DIR", data.path())
        .env_remove("COROSIM_LESSONS_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run corosim");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "lessons check failed:\n{stderr}\n{stdout}");
    let entries = corosim::lessons::discover(&lessons_dir()).unwrap();
    assert_eq!(entries.len(), 16, "the plan has 16 lessons");
    assert!(stdout.contains("16 lessons checked: 16 passed, 0 errors"), "{stdout}");
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(!stderr.contains("python3 cannot be run"), "python3 is required under CI: {stderr}");
    }
    // Lesson 14's program warns that a coroutine was never awaited: that is the program's
    // stderr, compared with its twin's, and never the checker's own.
    assert!(!stderr.contains("never awaited"), "{stderr}");
    if std::env::var("CI").as_deref() == Ok("true") {
        assert_eq!(stderr, "", "with python3 there, a passing check says nothing on stderr");
    }
}
