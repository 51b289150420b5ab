//! The course in Chinese: `lessons check` fails on each way a translation can go missing or
//! out of step with its English lesson (each fault planted in a copy of a real lesson);
//! `corosim learn` picks the language from `--lang`, `COROSIM_LANG` and the locale, falls
//! back to English per missing text and says so once; and the full-screen lesson, run in a
//! real pseudo-terminal read by vt100 (which knows double-width characters), wraps Chinese
//! inside its panes at 80×24 and 120×36 with no line running over a border.

// The harness serves other tests too; this one needs only some of it.
#[allow(dead_code)]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use support::pty::{Tui, has};

fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `corosim args...` with its own data directory, no language chosen by the caller's
/// environment, and `env` set.
fn corosim(args: &[&str], env: &[(&str, &str)]) -> Output {
    let data = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corosim"));
    cmd.args(args).env("COROSIM_DATA_DIR", data.path()).stdin(Stdio::null());
    for var in ["COROSIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COROSIM_LESSONS_DIR"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run corosim")
}

/// A lessons folder holding lesson `id` with its translation edited by `edit` (removed
/// when `edit` returns None). Returns the folder, the translation's path and its text.
fn plant(id: &str, edit: impl Fn(&str) -> Option<String>) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(id);
    std::fs::create_dir_all(&folder).unwrap();
    let from = lessons_dir().join(id);
    std::fs::copy(from.join("lesson.toml"), folder.join("lesson.toml")).unwrap();
    let original = std::fs::read_to_string(from.join("lesson.zh-CN.toml")).unwrap();
    let file = folder.join("lesson.zh-CN.toml");
    let planted = edit(&original).unwrap_or_default();
    if edit(&original).is_some() {
        assert_ne!(planted, original, "the edit changed nothing");
        std::fs::write(&file, &planted).unwrap();
    }
    (dir, file, planted)
}

/// `lessons check` on a planted folder: it must fail, naming `file` (at the line of
/// `at`, when given; a narration's or a list's line is where it opens, the one above its text) and
/// saying each of `words`.
fn check_fails(dir: &Path, file: &Path, source: &str, at: Option<&str>, words: &[&str]) {
    let out = corosim(&["lessons", "check", "--lessons-dir", dir.to_str().unwrap()], &[]);
    let err = text(&out.stderr);
    assert!(!out.status.success(), "a faulty translation must fail the check:\n{err}");
    let place = match at {
        Some(needle) => {
            let mut line = source
                .lines()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("no {needle:?} in the file"))
                + 1;
            let above = source.lines().nth(line - 2);
            if above == Some("say = \"\"\"") || above == Some("hints = [") {
                line -= 1;
            }
            format!("{}:{line}: error:", file.display())
        }
        None => format!("{}: error:", file.display()),
    };
    assert!(err.contains(&place), "expected an error at {place}:\n{err}");
    assert!(err.contains("fix:"), "{err}");
    for w in words {
        assert!(err.contains(w), "expected {w:?} in:\n{err}");
    }
    assert!(text(&out.stdout).contains("1 lessons checked: 0 passed"), "{}", text(&out.stdout));
}

/// The `[[step]]` tables of a translation, split so that one can be dropped or edited.
fn steps(source: &str) -> Vec<String> {
    let mut parts: Vec<String> = source.split("\n[[step]]\n").map(str::to_string).collect();
    for p in parts.iter_mut().skip(1) {
        *p = format!("\n[[step]]\n{p}");
    }
    parts
}

#[test]
fn the_real_translation_passes_and_each_planted_fault_fails_the_check() {
    const L4: &str = "04-generators-as-coroutines";

    // Untouched, the copy passes: the faults below are the edits, not the copying.
    let (dir, _, _) = plant(L4, |s| Some(format!("{s}\n")));
    let out = corosim(&["lessons", "check", "--lessons-dir", dir.path().to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // No translation at all.
    let (dir, file, src) = plant(L4, |_| None);
    check_fails(dir.path(), &file, &src, None, &["has no zh-CN translation", "lesson.zh-CN.toml"]);

    // A step fewer than the English.
    let (dir, file, src) = plant(L4, |s| {
        let parts = steps(s);
        Some(parts[..parts.len() - 1].concat())
    });
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("`avg.close()` 结束这个协程"),
        &["4 steps, the English lesson has 5"],
    );

    // A step's text missing.
    let (dir, file, src) =
        plant(L4, |s| Some(s.replacen("[[step]]\nsay = \"\"\"", "[[step]]\nsays = \"\"\"", 1)));
    check_fails(dir.path(), &file, &src, Some("says = "), &["unknown field `says`"]);

    // The first step's checkpoint left out.
    let (dir, file, src) = plant(L4, |s| {
        let mut parts = steps(s);
        let cut = parts[1].find("\n[step.check]").unwrap();
        parts[1].truncate(cut + 1);
        Some(parts.concat())
    });
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("`averager()` 看起来像个函数"),
        &["step 1 has a checkpoint in English but none here"],
    );

    // A checkpoint where the English has none (step 3).
    let (dir, file, src) = plant(L4, |s| {
        let mut parts = steps(s);
        parts[3]
            .push_str("\n[step.check]\nquestion = \"多出来的问题？\"\nhints = [\"一\"]\nexplain = \"二\"\n");
        Some(parts.concat())
    });
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("多出来的问题"),
        &["step 3 has no checkpoint in English, but one here"],
    );

    // A hint fewer.
    let (dir, file, src) =
        plant(L4, |s| Some(s.replace("    \"一个读数之后，total = 21.5，count = 1。\",\n", "")));
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("\"`send()` 返回的是*下一个*"),
        &["step 2 has 1 hints here, 2 in English"],
    );

    // A point of `learn` fewer.
    let (dir, file, src) = plant(L4, |s| {
        Some(s.replace("    \"生成器经历的四种状态：CREATED、RUNNING、SUSPENDED、CLOSED。\",\n", ""))
    });
    check_fails(dir.path(), &file, &src, Some("learn = ["), &["`learn` has 2 points, the English has 3"]);

    // A choice fewer, and labelled choices left untranslated (lesson 8 labels its tasks).
    const L8: &str = "08-futures-and-tasks";
    let (dir, file, src) = plant(L8, |s| Some(s.replace("    \"Task-1：main 自己\",\n", "")));
    check_fails(dir.path(), &file, &src, Some("choices = ["), &["step 1 has 2 choices here, 3 in English"]);
    let (dir, file, src) = plant(L8, |s| {
        let start = s.find("choices = [").unwrap();
        let end = start + s[start..].find("]\n").unwrap() + 2;
        Some(format!("{}{}", &s[..start], &s[end..]))
    });
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("接下来，main 把 `sleep(1)` 包装成第二个任务"),
        &["choices are labelled in English but not translated"],
    );

    // An English text copied in, not translated.
    let (dir, file, src) = plant(L4, |s| {
        Some(s.replace(
            "say = \"\"\"\n关闭的生成器就永远结束了。再向它发送值也不会让它重新开始。",
            "say = \"\"\"\nA closed generator is finished for good. Sending to it again does not restart it.",
        ))
    });
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("A closed generator is finished"),
        &["this text is the English one, not translated"],
    );

    // Code named by its line number, the Chinese way.
    let (dir, file, src) =
        plant(L4, |s| Some(s.replacen("注意状态变了两次", "看第 17 行：注意状态变了两次", 1)));
    check_fails(
        dir.path(),
        &file,
        &src,
        Some("看第 17 行"),
        &["points at code by its number (\"第 17 行\")"],
    );
}

const ANSWERS: &str = "3\n2\n1\n";

/// `corosim learn 4` scripted with the right answers, in the given environment.
fn learn_4(args: &[&str], env: &[(&str, &str)]) -> Output {
    let answers = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(answers.path(), ANSWERS).unwrap();
    let mut all = vec!["learn", "4", "--answers", answers.path().to_str().unwrap()];
    all.extend_from_slice(args);
    corosim(&all, env)
}

#[test]
fn the_language_comes_from_the_flag_then_corosim_lang_then_the_locale() {
    // The locale alone: Chinese, the lesson's texts and the screen's own words.
    let out = learn_4(&[], &[("LANG", "zh_CN.UTF-8")]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for said in [
        "第 4 课：把生成器当作协程",
        "本课你将学到：",
        "第 1 步（共 5 步）",
        "答对了！",
        "小结",
        "本课完成：3 个检查点答对 3 个",
    ] {
        assert!(stdout.contains(said), "{said:?} in:\n{stdout}");
    }
    // Code, Python output and trace lines stay as they are.
    assert!(
        stdout.contains("averager: RUNNING -> SUSPENDED") && stdout.contains("| primed: None"),
        "{stdout}"
    );
    assert!(stdout.contains(">  17 |     print(\"primed:\", next(avg))"), "{stdout}");
    assert_eq!(text(&out.stderr), "", "a complete translation needs no notice");

    // LC_ALL outranks LANG; LC_MESSAGES too.
    let out = learn_4(&[], &[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")]);
    assert!(text(&out.stdout).contains("第 1 步（共 5 步）"));
    let out = learn_4(&[], &[("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "C")]);
    assert!(text(&out.stdout).contains("Step 1 of 5"), "LC_MESSAGES=C outranks LANG");

    // COROSIM_LANG outranks the locale; --lang outranks both.
    let out = learn_4(&[], &[("LC_ALL", "zh_CN.UTF-8"), ("COROSIM_LANG", "en")]);
    assert!(text(&out.stdout).contains("Lesson 4: Generators as coroutines"));
    let out = learn_4(&["--lang", "zh-CN"], &[("COROSIM_LANG", "en")]);
    assert!(text(&out.stdout).contains("第 4 课：把生成器当作协程"));
    let out = learn_4(&["--lang", "en"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(text(&out.stdout).contains("Step 1 of 5"));

    // An unknown language is an error that names the known ones.
    let out = learn_4(&["--lang", "fr"], &[]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("unknown language 'fr'; corosim speaks en, zh-CN"),
        "{}",
        text(&out.stderr)
    );

    // The list of lessons, in Chinese, aligned by display width.
    let out = corosim(&["learn"], &[("LANG", "zh_CN.UTF-8")]);
    let list = text(&out.stdout);
    assert!(list.contains("corosim 课程：看清协程如何工作"), "{list}");
    let rows: Vec<&str> = list.lines().filter(|l| l.ends_with("未开始")).collect();
    assert_eq!(rows.len(), 16, "{list}");
    let widths: Vec<usize> = rows.iter().map(|r| unicode_width(r)).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "the status column lines up: {widths:?}\n{list}");
}

/// Columns on a terminal: two for a Chinese character (the test's own count, so that it
/// does not lean on the code under test).
fn unicode_width(s: &str) -> usize {
    s.chars().map(|c| if ('\u{2E80}'..='\u{FFEF}').contains(&c) && c != '\u{2026}' { 2 } else { 1 }).sum()
}

#[test]
fn a_missing_text_falls_back_to_english_and_is_announced_once() {
    let (dir, _, _) = plant("04-generators-as-coroutines", |s| {
        Some(s.replace(
            "explain = \"`send(21.5)` 让生成器恢复执行",
            "explain_ = \"`send(21.5)` 让生成器恢复执行",
        ))
    });
    // A translation that does not parse is lost whole: every text falls back.
    let answers = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(answers.path(), ANSWERS).unwrap();
    let args = [
        "learn",
        "4",
        "--answers",
        answers.path().to_str().unwrap(),
        "--lessons-dir",
        dir.path().to_str().unwrap(),
    ];
    let out = corosim(&args, &[("LANG", "zh_CN.UTF-8")]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("尚未译成简体中文，以英文显示").count(), 1, "said once:\n{stderr}");
    assert!(stderr.contains("第 4 课有 17 处文字"), "{stderr}");
    assert!(stdout.contains("第 1 步（共 5 步）") && stdout.contains("looks like a function"), "{stdout}");

    // A hint list one short: only that list is English.
    let (dir, _, _) = plant("04-generators-as-coroutines", |s| {
        Some(s.replace("    \"一个读数之后，total = 21.5，count = 1。\",\n", ""))
    });
    let args = [
        "learn",
        "4",
        "--answers",
        answers.path().to_str().unwrap(),
        "--lessons-dir",
        dir.path().to_str().unwrap(),
    ];
    let out = corosim(&args, &[("LANG", "zh_CN.UTF-8")]);
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim(), "（第 4 课有 1 处文字尚未译成简体中文，以英文显示）");
    assert!(text(&out.stdout).contains("看起来像个函数"));
}

/// The columns where the left pane's border runs, from its top corners.
fn pane_borders(s: &vt100::Screen) -> (u16, u16) {
    let right = (0..s.size().1.get())
        .find(|&c| s.cell(1, c).is_some_and(|cell| cell.contents() == "┐"))
        .expect("a pane's top-right corner");
    (0, right)
}

/// Every body row keeps the left pane's borders where they belong: a Chinese character
/// drawn a column too wide, or a line not wrapped, would overwrite or push them.
fn no_line_overflows(s: &vt100::Screen) -> Result<(), String> {
    let (rows, _) = s.size();
    let (left, right) = pane_borders(s);
    for r in 1..rows.get() - 1 {
        for c in [left, right] {
            let cell = s.cell(r, c).map(|c| c.contents().to_string()).unwrap_or_default();
            if !["│", "┌", "┐", "└", "┘"].contains(&cell.as_str()) {
                return Err(format!("row {r}, column {c}: {cell:?} where the border runs"));
            }
        }
    }
    Ok(())
}

/// The narration pane's text, its rows joined without spaces.
fn narration(s: &vt100::Screen) -> (String, usize) {
    let (_, right) = pane_borders(s);
    let rows: Vec<String> = s.rows(1, right - 1).skip(2).take(s.size().0.get() as usize - 4).collect();
    let text: String = rows.iter().map(|r| r.replace(' ', "")).collect();
    (text, rows.iter().filter(|r| !r.trim().is_empty()).count())
}

fn chinese_lesson_screen(cols: u16, rows: u16) {
    let data = tempfile::tempdir().unwrap();
    let dir = lessons_dir();
    let env = [
        ("COROSIM_DATA_DIR", data.path().to_str().unwrap()),
        ("COROSIM_LESSONS_DIR", dir.to_str().unwrap()),
        ("COROSIM_LANG", "zh-CN"),
    ];
    let mut tui = Tui::start(&["learn", "4"], cols, rows, &env);
    let on = |s: &vt100::Screen, t: &str| has(s, 0, s.size().1.get(), t);

    // The intro: the learn points wrapped inside the left pane, none of them lost.
    // Wait for the whole frame (key bar and borders drawn), not just its first rows: a
    // loaded machine can show a screen half redrawn.
    tui.wait_for("the Chinese intro, fully drawn", |s| {
        on(s, "本课你将学到：")
            && on(s, "按 Enter 开始。")
            && on(s, "Enter 开始  ? 帮助  q 退出")
            && no_line_overflows(s).is_ok()
    });
    let screen = tui.screen();
    assert!(on(screen, "corosim learn · 第 4 课：把生成器当作协程"), "{}", screen.contents());
    assert!(on(screen, "Enter 开始  ? 帮助  q 退出"), "the key bar in Chinese:\n{}", screen.contents());
    no_line_overflows(screen).unwrap_or_else(|e| panic!("{e}:\n{}", screen.contents()));
    let (text, lines) = narration(screen);
    let point = "•用`send()`接收值的生成器就是协程：它在`yield`处暂停，之后从暂停的地方接着执行。";
    assert!(text.contains(point), "the first point, whole, in:\n{text}\n{}", screen.contents());
    assert!(lines >= 8, "the points wrap over several rows:\n{}", screen.contents());
    // No row starts with closing punctuation.
    for row in screen.rows(2, pane_borders(screen).1 - 2) {
        let row = row.trim_start();
        assert!(!row.starts_with(['，', '。', '：', '）']), "{row:?}");
    }

    // Step 1: its narration and checkpoint in Chinese, the trace and the code as they are.
    tui.send(b"\r");
    tui.wait_for("step 1 in Chinese", |s| {
        on(s, "第 1 步（共 5 步）")
            && on(s, "检查点 1/3")
            && on(s, "3) SUSPENDED")
            && on(s, "你的答案（序号）：")
            && on(s, "averager: RUNNING -> SUSPENDED")
            && on(s, "averager.py · 第 17 行")
            && on(s, "序号 + Enter 作答")
            && no_line_overflows(s).is_ok()
    });
    let screen = tui.screen();
    let (text, _) = narration(screen);
    assert!(text.contains("`next(avg)`已经返回None。averager现在处于什么状态？"), "{text}");

    // A wrong answer: the hint, wrapped after its Chinese prefix.
    tui.send(b"1\r");
    // (A frame may arrive in pieces: wait for all of it, borders and key bar included. A row
    // that really ran over a border would never settle, and time out with the screen shown.)
    tui.wait_for("a Chinese hint", |s| {
        on(s, "不太对。（还剩 2 次机会）")
            && on(s, "提示：")
            && on(s, "序号 + Enter 作答")
            && no_line_overflows(s).is_ok()
    });
    let screen = tui.screen();
    let (text, _) = narration(screen);
    assert!(
        text.contains("提示：它已经不在运行了：`next()`已经返回到main。但它的定义体执行完了吗？"),
        "{text}"
    );

    // The help box, in Chinese.
    tui.send(b"?");
    tui.wait_for("the help", |s| {
        on(s, "回答检查点：选项的序号，或直接输入答案") && on(s, "退出；进度会保存")
    });
    tui.send(b"?");
    tui.send(b"q");
    let status = tui.wait_exit();
    assert!(!status.success(), "a lesson left unfinished");
    assert!(on(tui.screen(), "进度已保存在第 1 步。回来继续：corosim learn"), "{}", tui.screen().contents());
}

#[test]
fn a_chinese_lesson_screen_wraps_and_aligns_at_80x24() {
    chinese_lesson_screen(80, 24);
}

#[test]
fn a_chinese_lesson_screen_wraps_and_aligns_at_120x36() {
    chinese_lesson_screen(120, 36);
}

/// The columns where a vertical border runs on every body row of the spinner's panes.
fn borders_hold(s: &vt100::Screen, columns: &[u16], rows: std::ops::Range<u16>) -> Result<(), String> {
    for r in rows {
        for &c in columns {
            let cell = s.cell(r, c).map(|c| c.contents().to_string()).unwrap_or_default();
            if !["│", "┌", "┐", "└", "┘", "├", "┤"].contains(&cell.as_str()) {
                return Err(format!("row {r}, column {c}: {cell:?} where a border runs"));
            }
        }
    }
    Ok(())
}

#[test]
fn the_spinner_speaks_chinese_its_states_explained_and_its_keys() {
    let env = [("COROSIM_LANG", "zh-CN")];
    let mut tui = Tui::start(&["spinner", "--step", "--virtual-time"], 120, 36, &env);
    let on = |s: &vt100::Screen, t: &str| has(s, 0, 120, t);
    tui.wait_for("both panes in Chinese", |s| {
        on(s, "线程 · 真正的操作系统线程")
            && on(s, "协程 · 一个线程，corosim 的事件循环")
            && on(s, "空格/→ 单步  ← 后退")
            && on(s, "虚拟时钟")
    });
    // Step until both notes have explained something, in Chinese.
    for _ in 0..12 {
        tui.send(b" ");
    }
    tui.wait_for("the states explained", |s| {
        on(s, "start()：操作系统现在让 Thread-1") || on(s, "create_task：任务立即被排定")
    });
    // The actors' states too, the code in them as it is.
    tui.wait_for("the states in Chinese", |s| {
        on(s, "MainThread 在 time.sleep(3) 里睡眠") || on(s, "在 run_until_complete 里：")
    });
    // The two panes' outer borders (the left pane's corners, and the screen's edges) hold on
    // every body row once the frame is whole; one that never settles times out, the screen shown.
    tui.wait_for("both panes drawn whole, no row over a border", |s| {
        let (rows, _) = s.size();
        let right_of_left = (1..120).find(|&c| s.cell(1, c).is_some_and(|cell| cell.contents() == "┐"));
        on(s, "空格/→ 单步")
            && right_of_left.is_some_and(|r| borders_hold(s, &[0, r, r + 1, 119], 1..rows.get() - 1).is_ok())
    });
    tui.send(b"?");
    tui.wait_for("the help in Chinese", |s| {
        on(s, "要留意的地方：") && on(s, "线程必须调用 start() 才会运行")
    });
    tui.send(b"?");
    tui.send(b"q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_corrupt_progress_file_is_reported_in_chinese() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("progress.json"), "{ 不是 json").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .arg("learn")
        .env("COROSIM_DATA_DIR", data.path())
        .env("COROSIM_LANG", "zh-CN")
        .env_remove("COROSIM_LESSONS_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run corosim");
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let at = data.path().join("progress.json");
    assert!(stderr.contains(&format!("警告：无法读取你在 {} 中的进度（", at.display())), "{stderr}");
    assert!(
        stderr.contains("；将从头开始。旧文件保存为 ") && stderr.contains("progress.json.unreadable-"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("未开始"), "every lesson new again");
}
