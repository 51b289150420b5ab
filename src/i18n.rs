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
pub fn tr(lang: &str, english: &'static str) -> &'static str {
    if lang == Lang::En.code() {
        return english;
    }
    CATALOGUE.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh)
}

/// [`tr`], then `{0}`, `{1}`, ... replaced by `args`.
pub fn trf(lang: &str, english: &'static str, args: &[&dyn Display]) -> String {
    let mut text = tr(lang, english).to_string();
    for (i, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    text
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
        "the terminal is too small for {0}: {1}×{2} (at least {3}×{4})",
        "终端太小，放不下 {0}：{1}×{2}（至少 {3}×{4}）",
    ),
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
