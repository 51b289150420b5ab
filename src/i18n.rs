//! The learner's language, and corosim's own words in it — what Python's `gettext` does
//! with `_("...")`: the English text is the key, a catalogue maps it to the translation,
//! and a text with no translation is shown in English.
//!
//! The language comes from `--lang`, then `COROSIM_LANG`, then the locale (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`: `zh_CN.UTF-8` means zh-CN), then English. The lessons' own texts
//! are in their files (`lesson.zh-CN.toml`); this module holds only the screens' words, so
//! it sits below the lessons, the demo and the player, and imports none of them.
//!
//! ```
//! use corosim::i18n::{Lang, tr, trf};
//! assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::ZhCn));
//! assert_eq!(tr("zh-CN", "? help"), "? 帮助");
//! assert_eq!(tr("en", "? help"), "? help");
//! assert_eq!(trf("zh-CN", "Step {0} of {1}", &[&2, &5]), "第 2 步（共 5 步）");
//! ```

use std::fmt::Display;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A language corosim speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English, the language of the lessons' originals and the fallback for every text.
    En,
    /// Simplified Chinese, as in mainland China: the course notes' language.
    ZhCn,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// Its code, as lesson files and `--lang` spell it: `en`, `zh-CN`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Its name, in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// A language named the way people write it: `zh-CN`, `zh_CN`, `zh`, `zh-Hans`, `en`,
    /// `en_GB` (any case).
    ///
    /// ```
    /// use corosim::i18n::Lang;
    /// assert_eq!(Lang::parse("zh_cn"), Some(Lang::ZhCn));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Lang> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        let (language, region) = name.split_once('-').unwrap_or((&name, ""));
        match (language, region) {
            ("en", _) => Some(Lang::En),
            ("zh", "" | "cn" | "hans" | "sg" | "hans-cn") => Some(Lang::ZhCn),
            _ => None,
        }
    }

    /// The language of a POSIX locale (`zh_CN.UTF-8`, `en_US.utf8@euro`); `None` for `C`,
    /// `POSIX` and languages corosim does not speak.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        Lang::parse(name)
    }

    /// The language asked for: `flag` (`--lang`), else `$COROSIM_LANG`, else the locale,
    /// else English. An unknown name in the flag or `COROSIM_LANG` is an error that lists
    /// the languages; an unknown locale is simply not ours, and English is used.
    pub fn choose(flag: Option<&str>) -> Result<Lang, String> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(asked) = flag.map(str::to_string).or_else(|| var("COROSIM_LANG")) {
            return Lang::parse(&asked).ok_or_else(|| {
                let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                format!("unknown language '{asked}'; corosim speaks {}", known.join(", "))
            });
        }
        // POSIX's order: LC_ALL overrides LC_MESSAGES, which overrides LANG.
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| var(k));
        Ok(locale.and_then(|l| Lang::from_locale(&l)).unwrap_or(Lang::En))
    }
}

/// The text `english` in the language `lang` (a code, `zh-CN`); English when there is no
/// translation.
pub fn tr<'a>(lang: &str, english: &'a str) -> &'a str {
    if lang == Lang::En.code() {
        return english;
    }
    CATALOGUE.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh)
}

/// [`tr`], then `{0}`, `{1}`, ... replaced by `args`.
pub fn trf(lang: &str, english: &str, args: &[&dyn Display]) -> String {
    let mut text = tr(lang, english).to_string();
    for (i, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    text
}

/// `text` in `lang`: its own translation if the catalogue has one, else the first of
/// `templates` (English, with one `{0}`) that it fits, translated around the piece that
/// filled `{0}`; else `text` as it is.
///
/// ```
/// use corosim::i18n::tr_like;
/// let states = ["sleeping in {0}"];
/// assert_eq!(tr_like("zh-CN", "sleeping in time.sleep(3)", &states), "在 time.sleep(3) 里睡眠");
/// assert_eq!(tr_like("zh-CN", "finished", &states), "已结束");
/// assert_eq!(tr_like("en", "sleeping in time.sleep(3)", &states), "sleeping in time.sleep(3)");
/// ```
pub fn tr_like(lang: &str, text: &str, templates: &[&str]) -> String {
    if lang == Lang::En.code() || translated(text) {
        return tr(lang, text).to_string();
    }
    for template in templates {
        let Some((before, after)) = template.split_once("{0}") else { continue };
        let piece = text.strip_prefix(before).and_then(|rest| rest.strip_suffix(after));
        if let Some(piece) = piece.filter(|p| !p.is_empty()) {
            return trf(lang, template, &[&piece]);
        }
    }
    text.to_string()
}

/// What a screen says when the terminal is too small for it, in `lang`: `corosim learn
/// needs at least 40×12 (this is 30×10)`; `None` when it is big enough.
///
/// ```
/// use corosim::i18n::too_small;
/// assert_eq!(too_small("zh-CN", "learn", (40, 12), (30, 10)).unwrap(), "corosim learn 至少需要 40×12 的终端（现在是 30×10）");
/// assert_eq!(too_small("zh-CN", "learn", (40, 12), (80, 24)), None);
/// ```
pub fn too_small(lang: &str, command: &str, min: (u16, u16), size: (u16, u16)) -> Option<String> {
    (size.0 < min.0 || size.1 < min.1).then(|| {
        trf(
            lang,
            "corosim {0} needs at least {1}×{2} (this is {3}×{4})",
            &[&command, &min.0, &min.1, &size.0, &size.1],
        )
    })
}

/// Does the catalogue translate `english`? (Tests use it to prove every screen word is.)
pub fn translated(english: &str) -> bool {
    CATALOGUE.iter().any(|(en, _)| *en == english)
}

/// The columns `text` takes on a terminal: two for a Chinese character, one for a Latin
/// letter.
///
/// ```
/// assert_eq!(corosim::i18n::width("协程 yield"), 10);
/// ```
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` followed by spaces up to `columns` columns (as `format!("{:<n}")` would pad,
/// counting a Chinese character as the two columns it takes).
pub fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// Punctuation that must not start a line (Chinese typesetting's 避头点, and Latin's).
fn closing(c: char) -> bool {
    "，。、；：！？）》」』】”’…,.;:!?)]}%".contains(c)
}

/// Punctuation that must not end a line.
fn opening(c: char) -> bool {
    "（《「『【“‘([{".contains(c)
}

/// Chinese (and other double-width) characters: a line may break between any two.
fn wide(c: char) -> bool {
    c.width() == Some(2) || "，。、；：！？（）《》「」『』【】".contains(c)
}

/// One paragraph wrapped to `columns` columns: Latin text breaks at spaces, Chinese text
/// between any two characters (never before closing or after opening punctuation), and
/// the two mixed break where they meet. A word wider than the line gets a line of its own.
///
/// ```
/// use corosim::i18n::wrap_paragraph;
/// let lines = wrap_paragraph("生成器在 `yield` 处暂停，然后继续执行。", 16);
/// assert_eq!(lines, ["生成器在 `yield`", "处暂停，然后继续", "执行。"]);
/// ```
pub fn wrap_paragraph(text: &str, columns: usize) -> Vec<String> {
    // The breakable pieces, each with whether a space comes before it.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let (mut piece, mut piece_space, mut space, mut prev) = (String::new(), false, false, None::<char>);
    for c in text.chars() {
        if c.is_whitespace() {
            if !piece.is_empty() {
                pieces.push((std::mem::take(&mut piece), piece_space));
            }
            space = true;
            prev = None;
            continue;
        }
        let boundary = prev.is_some_and(|p| (wide(p) || wide(c)) && !opening(p) && !closing(c));
        if boundary && !piece.is_empty() {
            pieces.push((std::mem::take(&mut piece), piece_space));
        }
        if piece.is_empty() {
            piece_space = space;
            space = false;
        }
        piece.push(c);
        prev = Some(c);
    }
    if !piece.is_empty() {
        pieces.push((piece, piece_space));
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for (piece, space) in pieces {
        let gap = usize::from(space && !line.is_empty());
        if !line.is_empty() && width(&line) + gap + width(&piece) > columns {
            lines.push(std::mem::take(&mut line));
        } else if gap == 1 {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// English → 简体中文. Terms follow the course notes: 协程, 生成器, 期物, 事件循环, 任务.
const CATALOGUE: &[(&str, &str)] = &[
    // The checkpoints' kinds.
    ("what prints next?", "接下来打印什么？"),
    ("which task runs next?", "接下来运行哪个任务？"),
    ("what state is the generator in now?", "生成器现在处于什么状态？"),
    ("what exception arrives here?", "这里会收到什么异常？"),
    // The lesson screen: header, panes, footer.
    ("corosim learn · Lesson {0}: {1}", "corosim learn · 第 {0} 课：{1}"),
    ("Lesson {0}: {1}", "第 {0} 课：{1}"),
    ("intro", "开篇"),
    ("summary", "小结"),
    ("step {0}/{1}", "第 {0}/{1} 步"),
    ("{0}/{1} right", "答对 {0}/{1}"),
    (
        "program: {0}.py  (corosim show {0} · corosim trace {0})",
        "程序：{0}.py（corosim show {0} · corosim trace {0}）",
    ),
    ("You will learn:", "本课你将学到："),
    ("Press Enter to begin.", "按 Enter 开始。"),
    (" Lesson ", " 课程 "),
    ("Remember:", "请记住："),
    (
        "Lesson complete: {0} of {1} checkpoints right ({2} at the first try).",
        "本课完成：{1} 个检查点答对 {0} 个（{2} 个一次答对）。",
    ),
    (
        "Lesson not complete: {0} of {1} checkpoints right. Run it again to answer them all.",
        "本课未完成：{1} 个检查点答对 {0} 个。再学一遍，把它们全部答对。",
    ),
    ("Explore: corosim trace {0}", "继续探索：corosim trace {0}"),
    ("── Checkpoint {0} of {1}: {2} ", "── 检查点 {0}/{1}：{2} "),
    ("── Checkpoint {0} of {1} ", "── 检查点 {0}/{1} "),
    ("1 try left", "还剩 1 次机会"),
    ("{0} tries left", "还剩 {0} 次机会"),
    ("Not quite. ({0})", "不太对。（{0}）"),
    ("Hint: ", "提示："),
    ("your answer: ", "你的答案："),
    ("your answer (number): ", "你的答案（序号）："),
    ("Not quite. The answer is: {0}", "不太对。答案是：{0}"),
    ("Right! {0}", "答对了！{0}"),
    ("The trace: ", "追踪记录："),
    (" Step {0} of {1} ", " 第 {0} 步（共 {1} 步） "),
    (" PgUp: more above ", " PgUp：上面还有 "),
    (" {0}.py · line {1} ", " {0}.py · 第 {1} 行 "),
    (" Trace · event {0}/{1} ", " 追踪 · 事件 {0}/{1} "),
    (" looking back: → forward, End latest ", " 回看中：→ 向前，End 最新 "),
    (" {0} more events not shown ", " 另有 {0} 个事件未显示 "),
    ("· step {0}", "· 第 {0} 步"),
    ("(no events yet: the program has not started)", "（还没有事件：程序尚未开始）"),
    ("→ forward  End latest", "→ 向前  End 最新"),
    ("← earlier events", "← 之前的事件"),
    (" Enter begin  ? help  q quit", " Enter 开始  ? 帮助  q 退出"),
    ("number + Enter answer", "序号 + Enter 作答"),
    ("type + Enter answer", "输入 + Enter 作答"),
    ("PgUp/PgDn scroll", "PgUp/PgDn 滚动"),
    ("? help", "? 帮助"),
    ("Esc quit", "Esc 退出"),
    ("q quit", "q 退出"),
    (" Enter finish", " Enter 结束"),
    (" Enter/Space next", " Enter/空格 下一步"),
    ("keys", "按键"),
    ("next step (once a checkpoint is answered)", "下一步（检查点答完之后）"),
    ("forward through events looked back at, then next step", "在回看的事件中向前，然后进入下一步"),
    (
        "answer the checkpoint: a choice's number, or type the answer",
        "回答检查点：选项的序号，或直接输入答案",
    ),
    ("back and forth through the events revealed so far", "在已揭示的事件中前后移动"),
    ("the first / the latest event", "第一个 / 最新的事件"),
    ("scroll the narration", "滚动讲解"),
    ("this help", "本帮助"),
    ("quit; your progress is saved", "退出；进度会保存"),
    ("Space →", "空格 →"),
    // After the full screen, and the line flow.
    (
        "Lesson {0} complete: {1} of {2} checkpoints right ({3} at the first try).",
        "第 {0} 课完成：{2} 个检查点答对 {1} 个（{3} 个一次答对）。",
    ),
    ("Lesson {0} not complete: {1} of {2} checkpoints right.", "第 {0} 课未完成：{2} 个检查点答对 {1} 个。"),
    (
        "Progress saved at step {0}. Come back with: corosim learn",
        "进度已保存在第 {0} 步。回来继续：corosim learn",
    ),
    ("  [Enter] continue · q quit ", "  [Enter] 继续 · q 退出 "),
    ("corosim lessons — see how coroutines work", "corosim 课程：看清协程如何工作"),
    ("(progress: {0})", "（进度文件：{0}）"),
    ("(broken: run `corosim lessons check`)", "（已损坏：请运行 `corosim lessons check`）"),
    ("done", "已完成"),
    ("started (step {0})", "学习中（第 {0} 步）"),
    ("new", "未开始"),
    ("Run one with: corosim learn <number|name>", "开始学习：corosim learn <序号|名称>"),
    ("Resume with: corosim learn {0}", "继续学习：corosim learn {0}"),
    ("Resume lesson {0} ({1}) at step {2}? [Y/n] ", "从第 {2} 步继续第 {0} 课（{1}）吗？[Y/n] "),
    ("You stopped at step {0}. Resume there? [Y/n] ", "你上次停在第 {0} 步。从那里继续吗？[Y/n] "),
    ("Step {0} of {1}", "第 {0} 步（共 {1} 步）"),
    ("{0}.py, line {1}:", "{0}.py，第 {1} 行："),
    ("Trace{0}:", "追踪记录{0}："),
    (" ({0} more not shown)", "（另有 {0} 个未显示）"),
    ("… {0} more events …", "… 另有 {0} 个事件 …"),
    ("Checkpoint {0} of {1}: {2}", "检查点 {0}/{1}：{2}"),
    ("  your answer: ", "  你的答案："),
    ("  your answer (number): ", "  你的答案（序号）："),
    ("\n(no more answers: the lesson stops here)", "\n（没有更多答案了：课程到此为止）"),
    ("Right!", "答对了！"),
    ("Not quite.", "不太对。"),
    ("Hint:", "提示："),
    ("The answer is: {0}", "答案是：{0}"),
    ("The trace:", "追踪记录："),
    ("Summary", "小结"),
    ("\n  See also: {0}", "\n  另见：{0}"),
    ("no lesson '{0}'. The lessons are: {1}", "没有课程“{0}”。现有课程：{1}"),
    (
        "(lesson {0}: {1} texts are not translated into {2} yet; they are shown in English)",
        "（第 {0} 课有 {1} 处文字尚未译成{2}，以英文显示）",
    ),
    ("lesson {0} is broken:\n{1}", "第 {0} 课有错误：\n{1}"),
    (
        "corosim {0} needs at least {1}×{2} (this is {3}×{4})",
        "corosim {0} 至少需要 {1}×{2} 的终端（现在是 {3}×{4}）",
    ),
    (
        "warning: cannot read your progress in {0} ({1}); starting fresh. The old file is kept as {2}.",
        "警告：无法读取你在 {0} 中的进度（{1}）；将从头开始。旧文件保存为 {2}。",
    ),
    (
        "warning: cannot read your progress in {0} ({1}), nor move it aside ({2}); starting fresh, and this session's progress will not be saved over it.",
        "警告：无法读取你在 {0} 中的进度（{1}），也无法把它移到一旁（{2}）；将从头开始，本次的进度不会覆盖保存到它上面。",
    ), // The spinner demo: its frame, keys and help.
    (" corosim spinner · threads vs coroutines ", " corosim spinner · 线程与协程 "),
    ("{0}  coroutines: {1} ", "{0}  协程：{1} "),
    ("virtual clock", "虚拟时钟"),
    ("real clock", "真实时钟"),
    (" Threads · real OS threads ", " 线程 · 真正的操作系统线程 "),
    (" Coroutines · one thread, the corosim event loop ", " 协程 · 一个线程，corosim 的事件循环 "),
    (" What went wrong ", " 哪里出错了 "),
    (
        " Space/→ step  ← back  Home/End  p pause  +/- speed  t Python/Rust  ? help  q quit",
        " 空格/→ 单步  ← 后退  Home/End  p 暂停  +/- 速度  t Python/Rust  ? 帮助  q 退出",
    ),
    ("  e set the Event", "  e 设置 Event"),
    ("  r again", "  r 重来"),
    ("set the Event (--mistake no-event)", "设置 Event（--mistake no-event）"),
    ("run again", "再运行一次"),
    ("What to watch for:", "要留意的地方："),
    (" finished: ← or Home to replay, r to run again ", " 已结束：← 或 Home 回放，r 再运行一次 "),
    ("events", "事件"),
    ("who ran when: █ ran ░ ready ─ waits ({0}s/col)", "谁在何时运行：█ 运行 ░ 就绪 ─ 等待（每列 {0} 秒）"),
    ("▶ playing", "▶ 播放中"),
    ("⏸ paused", "⏸ 已暂停"),
    ("  step ", "  进度 "),
    ("one step (pauses a live run)", "单步（会暂停实时运行）"),
    ("one step back (replayed from the recording)", "后退一步（从记录中重放）"),
    ("to the start / play to the end", "回到开头 / 播放到结尾"),
    ("play / pause", "播放 / 暂停"),
    ("faster / slower", "加快 / 减慢"),
    ("listing: Python / Rust", "代码清单：Python / Rust"),
    ("quit", "退出"),
    // The spinner's points and its states' explanations (src/demo/spinner/lessons.rs).
    (
        "A thread must be start()ed; a Task is scheduled the moment it is created.",
        "线程必须调用 start() 才会运行；任务一创建就被排定了。",
    ),
    (
        "Nothing can kill a thread: the supervisor sets an Event and joins. A Task is cancel()led: CancelledError arrives at its paused await.",
        "没有办法杀死线程：supervisor 只能设置一个 Event，然后 join。任务则可以 cancel()：CancelledError 在它暂停的 await 处到达。",
    ),
    (
        "The thread's slow function blocks in time.sleep; the coroutine must await sleep — a blocking sleep there freezes the whole loop.",
        "线程版本的慢函数阻塞在 time.sleep 里；协程则必须 await sleep，在协程里阻塞地睡眠会冻住整个事件循环。",
    ),
    (
        "Threads are preempted anywhere (shared state needs locks); coroutines switch only where they await.",
        "线程可能在任何地方被抢占（共享状态需要加锁）；协程只在 await 处切换。",
    ),
    (
        "A Thread object exists, but nothing runs until start().",
        "Thread 对象已经存在，但在 start() 之前什么也不会运行。",
    ),
    (
        "start(): the OS now runs Thread-1 beside MainThread, switching between them whenever it likes.",
        "start()：操作系统现在让 Thread-1 与 MainThread 一起运行，随时在两者之间切换。",
    ),
    (
        "time.sleep blocks MainThread only (the GIL is released): Thread-1 keeps spinning.",
        "time.sleep 只阻塞 MainThread（GIL 已释放）：Thread-1 继续旋转。",
    ),
    (
        "Nothing can kill a thread: the supervisor can only ask, by setting done ...",
        "没有办法杀死线程：supervisor 只能请求它停下，办法是设置 done……",
    ),
    (
        "... and join() blocks until Thread-1 notices and ends.",
        "……然后 join() 一直阻塞，直到 Thread-1 发现并结束。",
    ),
    (
        "done is set: done.wait() returns True at once and the loop breaks.",
        "done 已设置：done.wait() 立即返回 True，循环随之跳出。",
    ),
    (
        "Two threads, switched by the OS: MainThread slept while Thread-1 spun.",
        "两个线程，由操作系统切换：MainThread 睡眠时，Thread-1 在旋转。",
    ),
    (
        "create_task: the Task is scheduled at once (no start()). It runs when supervisor gives the loop back.",
        "create_task：任务立即被排定（不需要 start()）。supervisor 把控制权交还给事件循环时，它就会运行。",
    ),
    (
        "await sleep(3) suspends supervisor and hands the one thread back to the loop: the spinner can run.",
        "await sleep(3) 让 supervisor 挂起，把唯一的线程交还给事件循环：旋转指针得以运行。",
    ),
    (
        "The loop sends None into spin: it runs one step, up to its next await.",
        "事件循环向 spin 发送 None：它运行一步，直到下一个 await。",
    ),
    (
        "A timer fired: the future is done, so the task waiting on it is scheduled again.",
        "定时器触发了：期物已完成，于是等待它的任务再次被排定。",
    ),
    (
        "cancel() is a request: it cancels the future spin waits on ...",
        "cancel() 只是一个请求：它取消 spin 正在等待的期物……",
    ),
    (
        "... and the loop throws CancelledError in at spin's paused await.",
        "……然后事件循环在 spin 暂停的 await 处抛入 CancelledError。",
    ),
    (
        "One thread, one loop: the tasks switched only at await.",
        "一个线程，一个事件循环：任务只在 await 处切换。",
    ),
    (
        "The mistake: slow_function calls time.sleep(3) instead of awaiting asyncio.sleep(3). A coroutine that blocks, blocks the loop's one thread: for 3 s no other task could run, so the spinner task, though scheduled, never drew a frame — and was cancelled before its first step. The loop noticed and warned: 'Executing <Task ...> took 3.0 seconds'. Fix: await asyncio.sleep(3), or run blocking code in an executor.",
        "错误在于：slow_function 调用了 time.sleep(3)，而不是 await asyncio.sleep(3)。阻塞的协程会阻塞事件循环唯一的线程：整整 3 秒里没有别的任务能运行，所以旋转指针任务虽然已被排定，却一帧也没画出来，还没执行第一步就被取消了。事件循环注意到了这一点并发出警告：'Executing <Task ...> took 3.0 seconds'。改正：await asyncio.sleep(3)，或者把阻塞的代码放到执行器里运行。",
    ),
    (
        "The mistake: supervisor never calls spinner.cancel(). run_until_complete returns as soon as supervisor is done, with the spin task still waiting on its sleep(.1); loop.close() then destroys it pending — 'Task was destroyed but it is pending!' — and spin never reaches its except/cleanup. Fix: cancel (or await) every task you create.",
        "错误在于：supervisor 从不调用 spinner.cancel()。supervisor 一结束，run_until_complete 就返回了，而 spin 任务仍在等它的 sleep(.1)；随后 loop.close() 在它未完成时就把它销毁了（'Task was destroyed but it is pending!'），spin 永远到不了它的 except 和清理代码。改正：你创建的每个任务，都要取消它（或者等待它）。",
    ),
    (
        "The mistake: supervisor never calls done.set(). join() waits for Thread-1 to end, but Thread-1 only ends when done is set — and nothing can kill a thread. MainThread will wait for ever while the spinner spins. Press e to set the Event for it.",
        "错误在于：supervisor 从不调用 done.set()。join() 等待 Thread-1 结束，但 Thread-1 只有在 done 被设置后才会结束，而线程是无法杀死的。旋转指针一直转，MainThread 就会永远等下去。按 e 替它设置 Event。",
    ),
    (
        "join() blocks for ever: nobody will set done. Press e to set it.",
        "join() 永远阻塞：没有人会设置 done。按 e 设置它。",
    ),
    (
        "done is set (by you): Thread-1's wait returns True, it ends, and join returns.",
        "done 已（由你）设置：Thread-1 的 wait 返回 True，它结束了，join 也返回了。",
    ),
    ("created, not started", "已创建，未启动"),
    ("running", "运行中"),
    ("ready to run the program", "准备运行程序"),
    ("started: the OS may run it any time", "已启动：操作系统随时可能运行它"),
    ("scheduled: created, no start() needed", "已排定：创建即可，不需要 start()"),
    ("in run_until_complete: runs the loop", "在 run_until_complete 里：运行事件循环"),
    ("in run_until_complete: waits for a timer", "在 run_until_complete 里：等待一个定时器"),
    ("cancel requested", "已请求取消"),
    ("cancelling: CancelledError comes at its next step", "取消中：CancelledError 将在它的下一步到来"),
    ("run_until_complete returns", "run_until_complete 返回"),
    ("in loop.close()", "在 loop.close() 里"),
    ("cancelled", "已取消"),
    ("sleeping in {0}", "在 {0} 里睡眠"),
    ("blocked in {0}, for ever: nobody sets done", "永远阻塞在 {0} 里：没有人设置 done"),
    ("blocked in {0}", "阻塞在 {0} 里"),
    ("waiting on {0}", "等待 {0}"),
    ("in run_until_complete: steps {0}", "在 run_until_complete 里：执行 {0} 的一步"),
    ("running: {0} thrown in", "运行中：抛入了 {0}"),
    ("scheduled: {0} is done", "已排定：{0} 已完成"),
    ("done: {0}", "已完成：{0}"),
    ("finished", "已结束"),
    ("destroyed while pending", "未完成时被销毁"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_translation_keeps_its_placeholders() {
        for (en, zh) in CATALOGUE {
            for i in 0..6 {
                let p = format!("{{{i}}}");
                assert_eq!(en.contains(&p), zh.contains(&p), "{p} in {en:?} and {zh:?}");
            }
        }
    }

    #[test]
    fn no_english_text_is_listed_twice() {
        for (i, (en, _)) in CATALOGUE.iter().enumerate() {
            assert!(!CATALOGUE[..i].iter().any(|(e, _)| e == en), "{en:?} twice");
        }
    }

    #[test]
    fn locales_and_names() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_locale("zh_CN.gb18030"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), None);
        assert_eq!(Lang::from_locale("zh_TW.UTF-8"), None);
        assert_eq!(Lang::parse("ZH-cn"), Some(Lang::ZhCn));
        assert_eq!(tr("zh-CN", "not in the catalogue"), "not in the catalogue");
    }

    #[test]
    fn wrapping_keeps_every_line_within_its_width() {
        let text = "每个 asyncio 程序都由一个事件循环驱动，而它的核心少得惊人：一个存放立即要运行的可调用对象的*就绪队列*，再加一个 `while` 循环。";
        for columns in [10, 17, 30, 41] {
            let lines = wrap_paragraph(text, columns);
            assert!(lines.iter().all(|l| width(l) <= columns), "{columns}: {lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""), "nothing lost");
            assert!(lines.iter().all(|l| !l.starts_with(['，', '。', '：'])), "{lines:?}");
        }
        assert_eq!(wrap_paragraph("plain English words here", 11), ["plain", "English", "words here"]);
        assert_eq!(pad("协程", 6), "协程  ");
    }
}
