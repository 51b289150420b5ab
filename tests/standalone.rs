//! The binary works outside its source tree: copied to an empty folder and run with HOME
//! and the working directory elsewhere, it lists, runs and checks its lessons and shows
//! its programs; `book generate`, which writes into the book's source tree, says so
//! clearly.
//!
//! The checkout that built the binary is still where it was while these run, so they
//! alone could not catch a binary that reads it; `nothing_reads_the_source_tree_at_run_time`
//! does.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use corosim::lessons::{self, format::Choice};

/// The built binary, copied into an empty folder of its own.
struct Copied {
    _dir: tempfile::TempDir,
    exe: PathBuf,
    home: tempfile::TempDir,
    cwd: tempfile::TempDir,
}

fn copied() -> Copied {
    let dir = tempfile::tempdir().unwrap();
    let exe = dir.path().join("corosim");
    std::fs::copy(env!("CARGO_BIN_EXE_corosim"), &exe).expect("copy the binary");
    Copied { _dir: dir, exe, home: tempfile::tempdir().unwrap(), cwd: tempfile::tempdir().unwrap() }
}

impl Copied {
    /// Runs the copy in an empty working directory, with an empty HOME and nothing that
    /// points at the checkout.
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(&self.exe);
        cmd.args(args)
            .current_dir(self.cwd.path())
            .env("HOME", self.home.path())
            .env_remove("COROSIM_LESSONS_DIR")
            .env_remove("COROSIM_DATA_DIR")
            .env_remove("XDG_DATA_HOME")
            .env_remove("CARGO_MANIFEST_DIR")
            .stdin(Stdio::null());
        // A test on another thread that starts a process while this one was copying the
        // binary hands the child the copy's open file until it execs: "text file busy"
        // for that moment.
        for _ in 0..200 {
            match cmd.output() {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                    std::thread::sleep(std::time::Duration::from_millis(10))
                }
                result => return result.expect("run the copied corosim"),
            }
        }
        panic!("the copied binary stayed busy for 2 s");
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The right answers of a lesson, one per checkpoint: a choice's number, or the text.
fn right_answers(entry: &lessons::LessonEntry) -> Vec<String> {
    let loaded = lessons::load(entry).unwrap_or_else(|p| panic!("{} does not load: {p:?}", entry.id));
    let checks = loaded.lesson.steps.iter().filter_map(|s| s.check.as_ref());
    checks
        .map(|check| {
            let answer = check.answer.get_ref();
            match &check.choices {
                Some(choices) => {
                    let i = choices.get_ref().iter().position(|c: &Choice| c.value() == answer).unwrap();
                    (i + 1).to_string()
                }
                None => answer.clone(),
            }
        })
        .collect()
}

#[test]
fn learn_lists_and_runs_the_built_in_lessons_and_keeps_progress_in_home() {
    let c = copied();
    let out = c.run(&["learn"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for entry in lessons::built_in() {
        let line = stdout.lines().find(|l| l.trim_start().starts_with(&format!("{} ", entry.number)));
        let line = line.unwrap_or_else(|| panic!("lesson {} is not listed:\n{stdout}", entry.number));
        assert!(!line.contains("broken"), "{line}");
    }
    let entry = &lessons::built_in()[3];
    let answers = c.cwd.path().join("answers.txt");
    std::fs::write(&answers, right_answers(entry).join("\n") + "\n").unwrap();
    let out = c.run(&["learn", "4", "--answers", "answers.txt"]);
    assert!(out.status.success(), "{}\n{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains("Lesson complete"), "{}", text(&out.stdout));
    let progress = c.home.path().join(".local/share/corosim/progress.json");
    let saved = std::fs::read_to_string(&progress).expect("progress kept under HOME");
    assert!(saved.contains("04-generators-as-coroutines"), "{saved}");
}

#[test]
fn lessons_check_passes_on_the_built_in_lessons() {
    let out = copied().run(&["lessons", "check"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("16 lessons checked: 16 passed, 0 errors"), "{stdout}");
}

#[test]
fn show_prints_the_programs() {
    let c = copied();
    for (args, want) in [
        (&["show", "averager"][..], corosim::scenarios::find("averager").unwrap().python),
        (&["show", "grouper", "--rust"], corosim::scenarios::find("grouper").unwrap().rust),
    ] {
        let out = c.run(args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), want);
    }
}

#[test]
fn book_generate_says_it_needs_the_source_tree() {
    for args in [&["book", "generate", "--check"][..], &["book", "generate"]] {
        let out = copied().run(args);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains("the book is generated into its source tree"), "{stderr}");
        assert!(stderr.contains("run this from the root of a corosim checkout, or pass --dir"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// Nothing under src/ finds a file through the path of the checkout that built it: a
/// binary copied elsewhere, or built from a checkout that has moved, would not find it.
#[test]
fn nothing_reads_the_source_tree_at_run_time() {
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        assert!(!source.contains("CARGO_MANIFEST_DIR"), "{} uses the checkout's path", file.display());
    }
}

/// The built-in lessons are exactly the lessons folder, file for file.
#[test]
fn the_built_in_lessons_are_the_lessons_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let on_disk = lessons::discover(&dir).unwrap();
    let built_in = lessons::built_in();
    let ids = |e: &[lessons::LessonEntry]| e.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&built_in), ids(&on_disk), "add the new lesson to src/lessons/built_in.rs");
    for (b, d) in built_in.iter().zip(&on_disk) {
        assert_eq!(b.number, d.number);
        assert_eq!(b.read().unwrap(), std::fs::read_to_string(&d.file).unwrap(), "{}", b.id);
        for lang in lessons::format::TRANSLATIONS {
            let (file, on_disk) = d.read_translation(lang);
            let (_, built) = b.read_translation(lang);
            assert_eq!(
                built.map(Result::unwrap),
                on_disk.map(Result::unwrap),
                "add {} to TRANSLATED in src/lessons/built_in.rs",
                file.display()
            );
        }
    }
}
