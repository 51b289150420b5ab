//! The lessons, end to end (`lessons check` itself: tests/lessons_check.rs): a scripted run
//! with the right answers completes every lesson and records it; wrong answers get hints;
//! broken lesson files are reported by file, line and fix; a corrupt progress file is a
//! warning and a fresh start, and is kept aside; and one lesson is driven line by line in a real
//! pseudo-terminal (a `dumb` one; the full-screen lesson: tests/lessons_screen.rs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use corosim::lessons::format::Choice;
use corosim::lessons::run::{Grade, LessonRun, Phase};
use corosim::lessons::{self, discover, load};

fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

/// `corosim args...` with its own data directory and no stdin.
fn corosim(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(args)
        .env("COROSIM_DATA_DIR", data)
        .env_remove("COROSIM_LESSONS_DIR")
        // English, whatever the machine's locale (tests/lessons_zh.rs has the Chinese).
        .env("COROSIM_LANG", "en")
        .stdin(Stdio::null())
        .output()
        .expect("run corosim")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The right answers of a lesson, one per checkpoint: a choice's number, or the text.
fn right_answers(entry: &lessons::LessonEntry) -> Vec<String> {
    let loaded = load(entry).unwrap_or_else(|p| panic!("{} does not load: {p:?}", entry.id));
    let mut answers = Vec::new();
    for step in &loaded.lesson.steps {
        let Some(check) = &step.check else { continue };
        let answer = check.answer.get_ref();
        answers.push(match &check.choices {
            Some(choices) => {
                let i = choices
                    .get_ref()
                    .iter()
                    .position(|c: &Choice| c.value() == answer)
                    .expect("answer is a choice");
                (i + 1).to_string()
            }
            None => answer.clone(),
        });
    }
    answers
}

#[test]
fn every_lesson_has_two_checkpoints_and_all_four_kinds_are_used() {
    use corosim::lessons::format::CheckKind;
    let mut kinds = std::collections::BTreeSet::new();
    for entry in discover(&lessons_dir()).unwrap() {
        let loaded = load(&entry).unwrap_or_else(|p| panic!("{p:?}"));
        let checks: Vec<_> = loaded.lesson.steps.iter().filter_map(|s| s.check.as_ref()).collect();
        assert!(checks.len() >= 2, "{} has {} checkpoints", entry.id, checks.len());
        kinds.extend(checks.iter().map(|c| format!("{:?}", c.kind.get_ref())));
    }
    for k in [CheckKind::PrintsNext, CheckKind::RunsNext, CheckKind::StateNow, CheckKind::RaisesNext] {
        assert!(kinds.contains(&format!("{k:?}")), "no lesson asks {k:?}");
    }
}

#[test]
fn scripted_runs_with_right_answers_complete_every_lesson_and_record_progress() {
    let data = tempfile::tempdir().unwrap();
    let entries = discover(&lessons_dir()).unwrap();
    for entry in &entries {
        let answers = data.path().join(format!("{}.txt", entry.id));
        std::fs::write(&answers, right_answers(entry).join("\n") + "\n").unwrap();
        let out = corosim(
            data.path(),
            &["learn", &entry.number.to_string(), "--answers", answers.to_str().unwrap()],
        );
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{} not completed:\n{stdout}\n{}", entry.id, text(&out.stderr));
        assert!(stdout.contains("Lesson complete"), "{stdout}");
        assert!(!stdout.contains("Not quite"), "{}: a right answer was graded wrong:\n{stdout}", entry.id);
        assert!(!stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    }
    let progress: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("progress.json")).unwrap()).unwrap();
    for entry in &entries {
        assert_eq!(progress["lessons"][&entry.id]["status"], "done", "{}: {progress}", entry.id);
    }
    let list = text(&corosim(data.path(), &["learn"]).stdout);
    assert_eq!(list.matches("done").count(), entries.len(), "{list}");
}

#[test]
fn wrong_answers_show_hints_then_the_answer() {
    let data = tempfile::tempdir().unwrap();
    let answers = data.path().join("answers.txt");
    // Checkpoint 1 of lesson 4 (the state after priming) is SUSPENDED, choice 3.
    std::fs::write(&answers, "1\n2\n4\n").unwrap();
    let out =
        corosim(data.path(), &["learn", "generators-as-coroutines", "--answers", answers.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(!out.status.success(), "an unfinished lesson is not a success");
    assert!(stdout.contains("Hint: It is no longer running"), "first hint:\n{stdout}");
    assert!(stdout.contains("Hint: The body is paused"), "second hint:\n{stdout}");
    assert!(stdout.contains("The answer is: SUSPENDED"), "revealed after three tries:\n{stdout}");
    assert!(stdout.contains("A generator paused at a `yield` is SUSPENDED"), "the explanation:\n{stdout}");
    assert!(stdout.contains("no more answers"), "{stdout}");
    let progress = std::fs::read_to_string(data.path().join("progress.json")).unwrap();
    assert!(progress.contains("\"started\""), "{progress}");
    let list = text(&corosim(data.path(), &["learn"]).stdout);
    assert!(list.contains("started (step"), "{list}");
    assert!(list.contains("Resume with: corosim learn 4"), "{list}");
}

/// A copy of lesson 4 with `edit` applied, checked on its own: (stderr, the broken text, its
/// path). The path names a deleted temporary directory by then; only its text matters.
fn check_broken(edit: impl Fn(&str) -> String) -> (String, String, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("04-generators-as-coroutines");
    std::fs::create_dir_all(&folder).unwrap();
    let original =
        std::fs::read_to_string(lessons_dir().join("04-generators-as-coroutines/lesson.toml")).unwrap();
    let broken = edit(&original);
    assert_ne!(broken, original, "the edit changed nothing");
    let file = folder.join("lesson.toml");
    std::fs::write(&file, &broken).unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = corosim(data.path(), &["lessons", "check", "--lessons-dir", dir.path().to_str().unwrap()]);
    assert!(!out.status.success(), "a broken lesson must fail the check");
    (text(&out.stderr), broken, file)
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_with(source: &str, needle: &str) -> usize {
    source.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no {needle:?}")) + 1
}

fn assert_reports(stderr: &str, file: &Path, line: usize, words: &[&str]) {
    let at = format!("{}:{line}: error:", file.display());
    assert!(stderr.contains(&at), "expected an error at {at}:\n{stderr}");
    assert!(stderr.contains("fix:"), "every error says how to fix it:\n{stderr}");
    for w in words {
        assert!(stderr.contains(w), "expected {w:?} in:\n{stderr}");
    }
}

#[test]
fn malformed_lessons_are_reported_with_file_line_and_fix() {
    // TOML syntax: an unterminated string.
    let (err, src, file) =
        check_broken(|s| s.replace("title.en = \"Generators as coroutines\"", "title.en = \"Generators"));
    assert_reports(&err, &file, line_with(&src, "title.en = \"Generators"), &["fix the TOML syntax"]);

    // A misspelt key in a step.
    let (err, src, file) = check_broken(|s| s.replacen("line = \"reading", "lien = \"reading", 1));
    assert_reports(
        &err,
        &file,
        line_with(&src, "lien = \"reading"),
        &["unknown field `lien`", "correct its spelling"],
    );

    // A scenario that does not exist.
    let (err, src, file) = check_broken(|s| s.replace("scenario = \"averager\"", "scenario = \"averagr\""));
    assert_reports(
        &err,
        &file,
        line_with(&src, "scenario = \"averagr\""),
        &["no scenario `averagr`", "averager"],
    );

    // An `until` that never matches.
    let (err, src, file) = check_broken(|s| s.replace("value = \"21.5\"", "value = \"99.5\""));
    assert_reports(&err, &file, line_with(&src, "value = \"99.5\""), &["no event matches", "never occurs"]);

    // An answer the scenario does not give.
    let (err, src, file) = check_broken(|s| s.replace("answer = \"SUSPENDED\"", "answer = \"RUNNING\""));
    assert_reports(
        &err,
        &file,
        line_with(&src, "answer = \"RUNNING\""),
        &["the answer says \"RUNNING\"", "really gives \"SUSPENDED\"", "answer = \"SUSPENDED\""],
    );

    // A quoted line the twin does not have (edited away, or misquoted).
    let (err, src, file) =
        check_broken(|s| s.replace("\"reading = yield average\"", "\"reading = yield avg\""));
    assert_reports(
        &err,
        &file,
        line_with(&src, "\"reading = yield avg\""),
        &[
            "step 2: no line of src/scenarios/averager.py contains `reading = yield avg`",
            "quote a piece of the line",
        ],
    );

    // A quote on several lines of the twin: which one is meant?
    let (err, src, file) = check_broken(|s| s.replace("line = \"avg.close()\"", "line = \"avg\""));
    assert_reports(
        &err,
        &file,
        line_with(&src, "line = \"avg\""),
        &["step 4: `avg` is on", "lines of src/scenarios/averager.py (lines ", "quote more of the line"],
    );

    // A line named by its number, as lessons once did.
    let (err, src, file) = check_broken(|s| s.replace("line = \"avg.close()\"", "line = 20"));
    assert_reports(
        &err,
        &file,
        line_with(&src, "line = 20"),
        &["invalid type: integer", "not by its number"],
    );

    // A text that points at code by number.
    let (err, src, file) =
        check_broken(|s| s.replace("What does the `print` in the `for` loop show", "What does line 19 show"));
    assert_reports(
        &err,
        &file,
        line_with(&src, "What does line 19 show"),
        &["points at code by its number (\"line 19\")", "name the code instead"],
    );

    // A text without English.
    let (err, src, file) = check_broken(|s| s.replace("title.en =", "title.zh-CN ="));
    assert_reports(&err, &file, line_with(&src, "title.zh-CN ="), &["no English text"]);

    // A top-level key placed after the steps (TOML puts it in the last table).
    let (err, src, file) =
        check_broken(|s| s.replace("also = [\"generator_states\"]\n", "") + "also = [\"grouper\"]\n");
    assert_reports(
        &err,
        &file,
        line_with(&src, "also = [\"grouper\"]"),
        &["move it above the first `[[step]]`"],
    );

    // An unknown event kind.
    let (err, src, file) = check_broken(|s| {
        s.replace("kind = \"delegate_enter\"", "kind = \"x\"")
            .replace("kind = \"yield\", name = \"averager\"", "kind = \"yeld\", name = \"averager\"")
    });
    assert_reports(
        &err,
        &file,
        line_with(&src, "kind = \"yeld\""),
        &["unknown event kind `yeld`", "task_step"],
    );
}

/// `corosim lessons check` on a lessons folder whose one lesson file `plant` makes
/// unreadable: its stderr.
fn check_unreadable(plant: impl Fn(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("04-generators-as-coroutines");
    std::fs::create_dir_all(&folder).unwrap();
    plant(&folder.join("lesson.toml"));
    let data = tempfile::tempdir().unwrap();
    let out = corosim(data.path(), &["lessons", "check", "--lessons-dir", dir.path().to_str().unwrap()]);
    assert!(!out.status.success(), "an unreadable lesson must fail the check");
    text(&out.stderr)
}

#[test]
fn each_way_a_lesson_file_cannot_be_read_gets_its_own_fix() {
    let missing = check_unreadable(|_| {});
    assert!(missing.contains("there is no lesson file"), "{missing}");
    assert!(missing.contains("fix: create lesson.toml in this folder"), "{missing}");

    // Not UTF-8: the line of the first bad byte.
    let latin1 = check_unreadable(|f| {
        std::fs::write(f, b"scenario = \"averager\"\n\ntitle.en = \"Caf\xe9\"\n").unwrap()
    });
    assert!(latin1.contains("lesson.toml:3: error: the lesson file is not UTF-8 text"), "{latin1}");
    assert!(latin1.contains("fix: save lesson.toml as UTF-8"), "{latin1}");

    let folder = check_unreadable(|f| std::fs::create_dir(f).unwrap());
    assert!(folder.contains("lesson.toml is a folder, not a file"), "{folder}");
    assert!(folder.contains("write lesson.toml as a file"), "{folder}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        let selfish = check_unreadable(|f| symlink(f, f).unwrap());
        assert!(selfish.contains("a symbolic link that leads back to itself"), "{selfish}");
        let round = check_unreadable(|f| {
            let other = f.with_file_name("other.toml");
            symlink(&other, f).unwrap();
            symlink(f, &other).unwrap();
        });
        assert!(round.contains("a symbolic link that leads back to itself"), "{round}");
        assert!(round.contains("fix: replace the link with the lesson file itself"), "{round}");
        let dangling = check_unreadable(|f| symlink(f.with_file_name("gone.toml"), f).unwrap());
        assert!(dangling.contains("gone.toml, which does not exist"), "{dangling}");
        assert!(dangling.contains("fix: point the link at a lesson file"), "{dangling}");
        for stderr in [&selfish, &round, &dangling] {
            assert!(!stderr.contains("create lesson.toml"), "{stderr}");
        }
    }
    for stderr in [&latin1, &folder] {
        assert!(!stderr.contains("create lesson.toml"), "{stderr}");
    }
}

/// The files in `dir` whose names start with `progress.json.unreadable-`, sorted.
fn set_aside(dir: &Path) -> Vec<PathBuf> {
    let mut kept: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("progress.json.unreadable-"))
        .collect();
    kept.sort();
    kept
}

#[test]
fn a_corrupt_progress_file_is_a_warning_and_a_fresh_start() {
    let data = tempfile::tempdir().unwrap();
    let progress = data.path().join("progress.json");
    std::fs::write(&progress, "{ this is not json").unwrap();
    let out = corosim(data.path(), &["learn"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("warning: cannot read your progress"), "{stderr}");
    assert!(stderr.contains("starting fresh"), "{stderr}");
    assert!(text(&out.stdout).contains("new"), "every lesson is new again");
    // Nothing lost: the file is kept aside, and the warning says where.
    let kept = set_aside(data.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "{ this is not json");
    assert!(stderr.contains(&format!("The old file is kept as {}.", kept[0].display())), "{stderr}");
    assert!(!progress.exists(), "moved, not copied");

    let answers = data.path().join("answers.txt");
    std::fs::write(&answers, right_answers(&discover(&lessons_dir()).unwrap()[3]).join("\n")).unwrap();
    let out = corosim(data.path(), &["learn", "4", "--answers", answers.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).unwrap()).unwrap();
    assert_eq!(saved["lessons"]["04-generators-as-coroutines"]["status"], "done");
    let leftovers: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "progress.json" && n != "answers.txt" && !n.starts_with("progress.json.unreadable-"))
        .collect();
    assert!(leftovers.is_empty(), "the atomic write leaves no temporary files: {leftovers:?}");

    // A second damaged file in the same second is kept beside the first, not over it.
    std::fs::write(&progress, "{ damaged again").unwrap();
    let out = corosim(data.path(), &["learn"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kept = set_aside(data.path());
    assert_eq!(kept.len(), 2, "{kept:?}");
    let texts: Vec<String> = kept.iter().map(|k| std::fs::read_to_string(k).unwrap()).collect();
    assert!(
        texts.contains(&"{ this is not json".to_string()) && texts.contains(&"{ damaged again".to_string())
    );
}

#[test]
fn lesson_run_is_a_state_machine_any_screen_can_drive() {
    let entries = discover(&lessons_dir()).unwrap();
    let entry = lessons::find(&entries, "spinner").expect("find by partial name");
    assert_eq!(entry.number, 9);
    let loaded = load(entry).unwrap();
    let mut run = LessonRun::new(&loaded.lesson, &loaded.plan, &loaded.recording.events, "en");
    assert_eq!(run.phase(), Phase::Intro);
    run.proceed();
    assert_eq!(run.phase(), Phase::Step(0));
    assert!(!run.step(0).events.is_empty(), "a step reveals events");
    run.proceed();
    assert_eq!(run.phase(), Phase::Question(0));
    assert!(matches!(run.answer("Task-1"), Some(Grade::Wrong { left: 2, .. })));
    match run.answer("the supervisor") {
        Some(Grade::Wrong { hint, left: 1 }) => {
            assert!(hint.starts_with("Awaiting hands the thread back"), "{hint}")
        }
        other => panic!("expected the second hint, got {other:?}"),
    }
    assert_eq!(run.answer("2"), Some(Grade::Revealed), "choice 2 is the supervisor: wrong, third try");
    assert_eq!(run.answer_text(0), "Task-2: the spinner");
    assert!(run.answer_event(0).is_some_and(|e| e.to_string().contains("Task-2: step")));
    while run.phase() != Phase::Done {
        match run.phase() {
            Phase::Question(n) => {
                let right = loaded.plan.steps[n].truth.as_ref().unwrap().value.clone();
                assert_eq!(run.answer(&right), Some(Grade::Right), "the trace's own answer is right");
            }
            _ => run.proceed(),
        }
    }
    assert!(!run.completed(), "one checkpoint was revealed, not answered");
    assert_eq!(run.right(), 1);
}

/// A corosim running in a real pseudo-terminal, its screen parsed by vt100.
struct Pty {
    parser: vt100::Parser,
    output: std::sync::mpsc::Receiver<Vec<u8>>,
    writer: Box<dyn std::io::Write + Send>,
    /// The screen when we last typed: a prompt counts only once the screen has moved on.
    typed_at: String,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    fn spawn(data: &Path, args: &[&str]) -> Pty {
        use portable_pty::{CommandBuilder, PtySize, native_pty_system};
        let (rows, cols) = (60, 120);
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_corosim"));
        cmd.args(args);
        cmd.env("COROSIM_DATA_DIR", data);
        // A dumb terminal gets the line-by-line flow (the full screen: tests/lessons_screen.rs).
        cmd.env("TERM", "dumb");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COROSIM_LESSONS_DIR");
        let child = pair.slave.spawn_command(cmd).expect("spawn corosim in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _keep_master = pair.master;
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a screen has rows and columns");
        Pty {
            parser: vt100::Parser::new(size(rows), size(cols), 0),
            output,
            writer,
            typed_at: String::new(),
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen's last line ends with `prompt` (the program waits for input).
    fn wait_prompt(&mut self, prompt: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen != self.typed_at && screen.trim_end().ends_with(prompt) {
                return;
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(_) => panic!("no prompt {prompt:?} on screen:\n{}", self.screen()),
            }
        }
    }

    fn type_line(&mut self, line: &str) {
        self.typed_at = self.screen();
        self.writer.write_all(format!("{line}\r").as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Reads until the program exits; returns whether it succeeded.
    fn finish(&mut self) -> bool {
        let status = self.child.wait().expect("corosim exits");
        while let Ok(bytes) = self.output.recv_timeout(std::time::Duration::from_millis(500)) {
            self.parser.process(&bytes);
        }
        status.success()
    }
}

use std::io::Read as _;

const ANSWER: &str = "your answer (number):";
const PAUSE: &str = "[Enter] continue · q quit";

#[test]
fn a_lesson_driven_line_by_line_in_a_dumb_pseudo_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(data.path(), &["learn", "4"]);
    pty.wait_prompt(ANSWER);
    let screen = pty.screen();
    assert!(screen.contains("Step 1 of 5"), "{screen}");
    assert!(screen.contains(">  17 |     print(\"primed:\", next(avg))"), "the focused line:\n{screen}");
    assert!(screen.contains("averager: RUNNING -> SUSPENDED"), "the step's events:\n{screen}");
    pty.type_line("1"); // wrong: a hint, and the same question again
    pty.wait_prompt(ANSWER);
    assert!(pty.screen().contains("Hint: It is no longer running"), "{}", pty.screen());
    pty.type_line("3");
    pty.wait_prompt(PAUSE);
    assert!(pty.screen().contains("Right!"), "{}", pty.screen());
    pty.type_line("");
    pty.wait_prompt(ANSWER);
    assert!(pty.screen().contains("What does the `print` in the `for` loop show"), "{}", pty.screen());
    pty.type_line("2");
    pty.wait_prompt(PAUSE);
    pty.type_line("q"); // quit and save
    assert!(!pty.finish(), "quitting is not completing");
    assert!(pty.screen().contains("Progress saved at step 3"), "{}", pty.screen());

    // `corosim learn` offers to resume where the learner stopped.
    let mut pty = Pty::spawn(data.path(), &["learn"]);
    pty.wait_prompt("Resume lesson 4 (generators-as-coroutines) at step 3? [Y/n]");
    assert!(pty.screen().contains("started (step 3)"), "{}", pty.screen());
    pty.type_line("");
    pty.wait_prompt(PAUSE);
    assert!(pty.screen().contains("Step 3 of 5"), "{}", pty.screen());
    pty.type_line("");
    pty.wait_prompt(PAUSE); // step 4
    pty.type_line("");
    pty.wait_prompt(ANSWER); // step 5's checkpoint
    pty.type_line("1");
    pty.wait_prompt(PAUSE);
    pty.type_line("");
    assert!(pty.finish(), "the lesson completes:\n{}", pty.screen());
    let screen = pty.screen();
    assert!(screen.contains("Lesson complete: 3 of 3 checkpoints right"), "{screen}");
    let progress = std::fs::read_to_string(data.path().join("progress.json")).unwrap();
    assert!(progress.contains("\"done\""), "{progress}");
}

/// A lesson may walk a Python file of its own (`scenario = "prog.py"`, beside
/// `lesson.toml`), run on corosim's interpreter; the check compares it with CPython too.
#[test]
fn a_lesson_walks_a_python_file_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("04-my-averager");
    std::fs::create_dir_all(&folder).unwrap();
    let original = lessons_dir().join("04-generators-as-coroutines");
    for file in ["lesson.toml", "lesson.zh-CN.toml"] {
        let text = std::fs::read_to_string(original.join(file)).unwrap();
        let text = text.replacen("scenario = \"averager\"", "scenario = \"prog.py\"", 1);
        std::fs::write(folder.join(file), text).unwrap();
    }
    // The program the lesson quotes, as a learner's own file.
    let twin =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/scenarios/averager.py"))
            .unwrap();
    std::fs::write(folder.join("prog.py"), twin).unwrap();
    let data = tempfile::tempdir().unwrap();
    let lessons_arg = dir.path().to_str().unwrap();
    let out = corosim(data.path(), &["lessons", "check", "--lessons-dir", lessons_arg]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}\n{stdout}");
    assert!(stdout.contains("1 lessons checked: 1 passed"), "{stdout}");

    // A file that is not there is named.
    std::fs::remove_file(folder.join("prog.py")).unwrap();
    let out = corosim(data.path(), &["lessons", "check", "--lessons-dir", lessons_arg]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("prog.py: no such file"), "{}", text(&out.stderr));
}
