//! The lesson screen's layout, like a textbook page beside a debugger: the narration
//! (with the checkpoint inline) on the left; on the right the Python twin with the line
//! in focus highlighted, and the trace player's events up to its cursor. Below 80
//! columns the three are stacked. Everything comes from the [`LessonScreen`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::state::{Feedback, LessonScreen};
use crate::i18n::{self, tr, trf};
use crate::lessons::run::Outcome;
use crate::lessons::run::Phase;
use crate::lessons::text::wrap;
use crate::player::Theme;
use crate::player::widgets::{self, Mark};

/// Below this width the panes are stacked.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// What a frame needs besides the screen's state.
pub struct Page<'a> {
    /// The lesson's number in the course.
    pub number: u32,
    /// The scenario's name (`averager`).
    pub scenario: &'a str,
    /// The Python twin, by line.
    pub source: Vec<&'a str>,
    /// The lesson's second program (`then`), by line, and the index of its first event in
    /// the lesson's trace.
    pub then: Option<(&'a str, Vec<&'a str>, usize)>,
    /// Colours, or none.
    pub theme: Theme,
}

impl Page<'_> {
    /// The program whose events the learner sees at event `index`: its name, its lines,
    /// and whether it is the lesson's first (whose lines the steps quote).
    fn program_at(&self, index: Option<usize>) -> (&str, &[&str], bool) {
        match (&self.then, index) {
            (Some((name, source, from)), Some(i)) if i >= *from => (name, source, false),
            _ => (self.scenario, &self.source, true),
        }
    }
}

/// The keys, for the help box: (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "next step (once a checkpoint is answered)"),
    ("Space →", "forward through events looked back at, then next step"),
    ("1-9 … Enter", "answer the checkpoint: a choice's number, or type the answer"),
    ("← →", "back and forth through the events revealed so far"),
    ("Home End", "the first / the latest event"),
    ("PgUp PgDn", "scroll the narration"),
    ("?", "this help"),
    ("q Esc", "quit; your progress is saved"),
];

/// Draws one frame.
pub fn draw(frame: &mut Frame, s: &LessonScreen, page: &Page) {
    let area = frame.area();
    let theme = page.theme;
    let lang = s.run.lang();
    if let Some(said) = i18n::too_small(lang, "learn", (40, 12), (area.width, area.height)) {
        frame.render_widget(Paragraph::new(said).wrap(Wrap { trim: true }), area);
        return;
    }
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(8), Constraint::Length(1)]).areas(area);
    let title =
        format!(" {} ", trf(lang, "corosim learn · Lesson {0}: {1}", &[&page.number, &s.run.title()]));
    let title = Span::styled(title, theme.title());
    let status = status(s);
    let pad = (header.width as usize).saturating_sub(title.width() + i18n::width(&status) + 1);
    frame.render_widget(
        Line::from(vec![title, Span::raw(" ".repeat(pad)), Span::styled(status, theme.dim())]),
        header,
    );

    let listing_h = (page.source.len() as u16 + 2).min(body.height / 2).max(5);
    let (narration, listing, trace) = if area.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
        let [listing, trace] =
            Layout::vertical([Constraint::Length(listing_h), Constraint::Min(3)]).areas(right);
        (left, listing, trace)
    } else {
        let small = (body.height / 4).max(4);
        let [n, l, t] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(small), Constraint::Length(small)])
                .areas(body);
        (n, l, t)
    };
    draw_narration(frame, narration, s, page);
    draw_listing(frame, listing, s, page);
    let trace = draw_objects(frame, trace, s, page);
    draw_trace(frame, trace, s, theme);
    frame.render_widget(Line::styled(keys(s), theme.dim()), footer);

    if s.help {
        let lines = KEYS
            .iter()
            .map(|(k, what)| {
                let k = tr(lang, k);
                let k = format!("{}{k}  ", " ".repeat(13usize.saturating_sub(i18n::width(k))));
                Line::from(vec![Span::styled(k, theme.title()), Span::raw(tr(lang, what))])
            })
            .collect();
        widgets::popup(frame, tr(lang, "keys"), lines, theme);
    }
}

/// `step 2/5 · 1/3 right`.
fn status(s: &LessonScreen) -> String {
    let lang = s.run.lang();
    let total = s.run.step(0).total;
    let step = match s.run.phase() {
        Phase::Intro => tr(lang, "intro").to_string(),
        Phase::Summary | Phase::Done => tr(lang, "summary").to_string(),
        _ => trf(lang, "step {0}/{1}", &[&s.step().map_or(0, |n| n + 1), &total]),
    };
    let right = trf(lang, "{0}/{1} right", &[&s.run.right(), &s.run.checkpoint_total()]);
    format!("{step} · {right}")
}

/// The footer: the keys that do something now.
fn keys(s: &LessonScreen) -> String {
    let lang = s.run.lang();
    let t = |english| tr(lang, english);
    let back = t(if s.looking_back() { "→ forward  End latest" } else { "← earlier events" });
    let (scroll, help) = (t("PgUp/PgDn scroll"), t("? help"));
    match s.run.phase() {
        Phase::Intro => t(" Enter begin  ? help  q quit").to_string(),
        Phase::Question(n) => {
            let what = t(if s.run.question(n).is_some_and(|q| !q.choices.is_empty()) {
                "number + Enter answer"
            } else {
                "type + Enter answer"
            });
            format!(" {what}  {back}  {scroll}  {help}  {}", t("Esc quit"))
        }
        Phase::Summary | Phase::Done => format!("{}  {back}  {}", t(" Enter finish"), t("q quit")),
        _ => format!("{}  {back}  {scroll}  {help}  {}", t(" Enter/Space next"), t("q quit")),
    }
}

/// `text` wrapped to `width`, `code` spans styled, each line after `first` (its prefix).
fn prose(text: &str, width: usize, first: &str, base: Style, theme: Theme) -> Vec<Line<'static>> {
    let indent = " ".repeat(i18n::width(first));
    let wrapped = wrap(text, width.saturating_sub(indent.len()).max(10), &indent);
    let code = theme.actor(0);
    let mut in_code = false;
    wrapped
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let line = if i == 0 { line.replacen(&indent, first, 1) } else { line.to_string() };
            // Backticks stay (they are what the lesson wrote); the code between them stands out.
            let mut spans = Vec::new();
            for (k, piece) in line.split('`').enumerate() {
                if k > 0 {
                    spans.push(Span::styled("`", base));
                    in_code = !in_code;
                }
                spans.push(Span::styled(piece.to_string(), if in_code { code } else { base }));
            }
            Line::from(spans)
        })
        .collect()
}

fn narration_lines(s: &LessonScreen, page: &Page, width: usize) -> (String, Vec<Line<'static>>) {
    let theme = page.theme;
    let plain = Style::new();
    let bold = theme.title();
    let mut out: Vec<Line<'static>> = Vec::new();
    let run = &s.run;
    let lang = run.lang();
    let t = |english| tr(lang, english);
    let title = match run.phase() {
        Phase::Intro => {
            let heading = trf(lang, "Lesson {0}: {1}", &[&page.number, &run.title()]);
            out.extend(prose(&heading, width, "", bold, theme));
            let program =
                trf(lang, "program: {0}.py  (corosim show {0} · corosim trace {0})", &[&page.scenario]);
            // Wrapped like the rest: cut at the border it lost the command it names.
            out.extend(prose(&program, width, "", theme.dim(), theme));
            out.push(Line::raw(""));
            out.push(Line::styled(t("You will learn:"), bold));
            for point in run.learn() {
                out.extend(prose(point, width, "• ", plain, theme));
            }
            out.push(Line::raw(""));
            out.push(Line::styled(t("Press Enter to begin."), theme.dim()));
            t(" Lesson ").to_string()
        }
        Phase::Summary | Phase::Done => {
            out.push(Line::styled(t("Remember:"), bold));
            for point in run.summary() {
                out.extend(prose(point, width, "• ", plain, theme));
            }
            out.push(Line::raw(""));
            let (right, total, first) = (run.right(), run.checkpoint_total(), run.right_first_time());
            if run.completed() {
                let done = trf(
                    lang,
                    "Lesson complete: {0} of {1} checkpoints right ({2} at the first try).",
                    &[&right, &total, &first],
                );
                out.extend(prose(&done, width, "", theme.output(), theme));
            } else {
                let not = trf(
                    lang,
                    "Lesson not complete: {0} of {1} checkpoints right. Run it again to answer them all.",
                    &[&right, &total],
                );
                out.extend(prose(&not, width, "", theme.warn(), theme));
            }
            out.push(Line::raw(""));
            out.push(Line::styled(trf(lang, "Explore: corosim trace {0}", &[&page.scenario]), theme.dim()));
            format!(" {} ", t("Summary"))
        }
        Phase::Step(n) | Phase::Question(n) | Phase::Answered(n) => {
            let view = run.step(n);
            out.extend(prose(view.say, width, "", plain, theme));
            if let Some(q) = run.question(n) {
                let asked = matches!(run.phase(), Phase::Question(_) | Phase::Answered(_));
                if asked {
                    out.push(Line::raw(""));
                    let rule = |head: String| {
                        let rest = width.saturating_sub(i18n::width(&head));
                        Line::styled(format!("{head}{}", "─".repeat(rest)), theme.actor(0))
                    };
                    let (number, total) = (q.number + 1, q.total);
                    let head = trf(lang, "── Checkpoint {0} of {1}: {2} ", &[&number, &total, &q.kind]);
                    if i18n::width(&head) <= width {
                        out.push(rule(head));
                    } else {
                        // Too wide for the pane: the kind goes on a line of its own.
                        out.push(rule(trf(lang, "── Checkpoint {0} of {1} ", &[&number, &total])));
                        out.push(Line::styled(q.kind, theme.actor(0)));
                    }
                    out.extend(prose(q.question, width, "", bold, theme));
                    for (i, choice) in q.choices.iter().enumerate() {
                        out.extend(prose(choice, width, &format!("  {}) ", i + 1), plain, theme));
                    }
                    out.push(Line::raw(""));
                }
                match (run.phase(), &s.feedback) {
                    (Phase::Question(_), feedback) => {
                        if let Some(Feedback::Wrong { hint, left }) = feedback {
                            let tries = if *left == 1 {
                                t("1 try left").into()
                            } else {
                                trf(lang, "{0} tries left", &[left])
                            };
                            out.push(Line::styled(trf(lang, "Not quite. ({0})", &[&tries]), theme.warn()));
                            out.extend(prose(hint, width, t("Hint: "), plain, theme));
                            out.push(Line::raw(""));
                        }
                        let prompt =
                            t(if q.choices.is_empty() { "your answer: " } else { "your answer (number): " });
                        out.push(Line::from(vec![
                            Span::styled(prompt, bold),
                            Span::raw(s.input.clone()),
                            // The cursor is hidden on the full screen: draw one.
                            Span::styled("▏", bold),
                        ]));
                    }
                    (Phase::Answered(_), _) => {
                        if run.outcome(n) == Some(Outcome::Revealed) {
                            let verdict = trf(lang, "Not quite. The answer is: {0}", &[&run.answer_text(n)]);
                            out.push(Line::styled(verdict, theme.warn()));
                        } else {
                            let verdict = trf(lang, "Right! {0}", &[&run.answer_text(n)]);
                            out.push(Line::styled(verdict, theme.output()));
                        }
                        if let Some(event) = run.answer_event(n) {
                            out.push(Line::from(vec![
                                Span::styled(t("The trace: "), theme.dim()),
                                Span::styled(event.to_string(), bold),
                            ]));
                        }
                        out.push(Line::raw(""));
                        out.extend(prose(run.explanation(n), width, "", plain, theme));
                    }
                    _ => {}
                }
            }
            trf(lang, " Step {0} of {1} ", &[&(view.index + 1), &view.total])
        }
    };
    (title, out)
}

fn draw_narration(frame: &mut Frame, area: Rect, s: &LessonScreen, page: &Page) {
    let theme = page.theme;
    let inner_w = area.width.saturating_sub(4) as usize;
    let (title, lines) = narration_lines(s, page, inner_w);
    let mut block = Block::bordered().title(Span::styled(title, theme.title()));
    let height = area.height.saturating_sub(2) as usize;
    // The end (the question, the verdict) must be in view; PgUp scrolls back from it.
    let bottom = lines.len().saturating_sub(height);
    let top = bottom.saturating_sub(s.scroll);
    if top > 0 {
        block = block.title_bottom(Span::styled(tr(s.run.lang(), " PgUp: more above "), theme.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    let padded = Rect { x: inner.x + 1, width: inner.width.saturating_sub(1), ..inner };
    frame.render_widget(Paragraph::new(shown), padded);
}

fn draw_listing(frame: &mut Frame, area: Rect, s: &LessonScreen, page: &Page) {
    let theme = page.theme;
    // Looking back at an earlier step's events shows that step's line.
    let step = match (s.looking_back(), s.track.view().events.last()) {
        (true, Some(e)) => Some(e.step),
        _ => s.step(),
    };
    let (name, source, first) = page.program_at(s.track.view().events.last().map(|e| e.index));
    // A step's line is the first program's: the second shows no mark.
    let line = step.and_then(|n| s.run.step(n).line).filter(|_| first);
    let title = match line {
        Some(l) => trf(s.run.lang(), " {0}.py · line {1} ", &[&name, &l]),
        None => format!(" {name}.py "),
    };
    let block = Block::bordered().title(Span::styled(title, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let marks: Vec<Mark> =
        line.map(|l| Mark { line: l - 1, actor: 0, tag: ' ', acting: true }).into_iter().collect();
    let lines = widgets::listing(source, &marks, inner.height as usize, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A checkpoint about states or the ready queue: the step viewer's frames or loop pane,
/// after the events revealed, above the trace (see `step::lesson_pane`). Returns the
/// area left for the trace.
fn draw_objects(frame: &mut Frame, area: Rect, s: &LessonScreen, page: &Page) -> Rect {
    let (Phase::Question(n) | Phase::Answered(n)) = s.run.phase() else { return area };
    let (Some(q), Some(last)) = (s.run.question(n), s.track.view().events.last()) else { return area };
    let source = page.program_at(Some(last.index)).1.join("\n");
    let (w, h) = (area.width.saturating_sub(2) as usize, (area.height / 2).saturating_sub(2) as usize);
    let Some((title, lines)) = crate::step::lesson_pane::pane_for(
        q.question,
        s.run.events(),
        last.index + 1,
        &source,
        w,
        h,
        page.theme,
    ) else {
        return area;
    };
    let [top, rest] =
        Layout::vertical([Constraint::Length(lines.len() as u16 + 2), Constraint::Min(3)]).areas(area);
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} · as corosim step draws them "), page.theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), top);
    rest
}

fn draw_trace(frame: &mut Frame, area: Rect, s: &LessonScreen, theme: Theme) {
    let lang = s.run.lang();
    let seen = &s.track.view().events;
    let total = s.track.events().len();
    let title = trf(lang, " Trace · event {0}/{1} ", &[&seen.len(), &total]);
    let mut block = Block::bordered().title(Span::styled(title, theme.title()));
    if s.looking_back() {
        block =
            block.title_bottom(Span::styled(tr(lang, " looking back: → forward, End latest "), theme.warn()));
    } else if let Some(n) = s.step() {
        let hidden = s.run.step(n).hidden;
        if hidden > 0 {
            block = block.title_bottom(Span::styled(
                trf(lang, " {0} more events not shown ", &[&hidden]),
                theme.dim(),
            ));
        }
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let current = s.step();
    let events = s.run.events();
    let mut lines: Vec<Line> = Vec::new();
    let mut last_step = None;
    for (k, r) in seen.iter().enumerate() {
        if last_step != Some(r.step) {
            lines.push(Line::styled(trf(lang, "· step {0}", &[&(r.step + 1)]), theme.dim()));
            last_step = Some(r.step);
        }
        let event = &events[r.index];
        let text = event.to_string();
        let latest = k + 1 == seen.len();
        let mut style = if Some(r.step) != current && current.is_some() {
            theme.dim()
        } else if text.starts_with("| ") {
            theme.output()
        } else {
            Style::new()
        };
        if latest {
            style = style.add_modifier(Modifier::BOLD);
        }
        let marker = if latest { "▶ " } else { "  " };
        lines.push(Line::from(vec![Span::styled(marker, theme.title()), Span::styled(text, style)]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(tr(lang, "(no events yet: the program has not started)"), theme.dim()));
    }
    let skip = lines.len().saturating_sub(inner.height as usize);
    frame.render_widget(Paragraph::new(lines.split_off(skip)), inner);
}

#[cfg(test)]
mod tests {
    use super::KEYS;
    use crate::i18n::translated;
    use crate::lessons::format::CheckKind;

    #[test]
    fn every_key_and_question_kind_has_its_chinese() {
        for (key, what) in KEYS {
            // Key names stay as printed on the keyboard, but for the space bar's.
            assert!(!key.contains("Space") || translated(key), "add to src/i18n.rs: {key:?}");
            assert!(translated(what), "add to src/i18n.rs: {what:?}");
        }
        for kind in [CheckKind::PrintsNext, CheckKind::RunsNext, CheckKind::StateNow, CheckKind::RaisesNext] {
            assert!(translated(kind.label()), "add to src/i18n.rs: {:?}", kind.label());
            assert_ne!(kind.label_in("zh-CN"), kind.label());
        }
    }
}
