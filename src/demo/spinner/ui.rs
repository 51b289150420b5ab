//! The full-screen layout: a header, the two panes (side by side from 80 columns, stacked
//! below that), a box explaining a mistake when one shows, the keys. Everything drawn
//! comes from the views — that is, from trace events.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::lessons::POINTS;
use super::listing::{Language, Listing};
use super::{TaskView, ThreadView};
use crate::i18n::{self, tr, trf};
use crate::player::widgets::{self, Mark};
use crate::player::{KEY_HELP, Stage, Theme};

/// Below this width the panes are stacked.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// Everything one frame shows.
pub struct Scene<'a> {
    /// The thread pane, if shown.
    pub threads: Option<(&'a ThreadView, &'a Listing)>,
    /// The coroutine pane, if shown.
    pub tasks: Option<(&'a TaskView, &'a Listing)>,
    /// Python or Rust.
    pub language: Language,
    /// The mistake being made, if any (it changes some lines).
    pub mistake: Option<super::Mistake>,
    /// "real clock" / "virtual clock".
    pub clock: &'static str,
    /// The transport's status.
    pub status: String,
    /// Extra keys for the footer.
    pub extra_keys: &'static str,
    /// Show the help.
    pub help: bool,
    /// Colours.
    pub theme: Theme,
    /// The language of the screen's words (`en`, `zh-CN`).
    pub lang: &'static str,
}

/// Draws a frame.
pub fn draw(frame: &mut Frame, scene: &Scene) {
    let area = frame.area();
    let theme = scene.theme;
    let lang = scene.lang;
    if let Some(said) = i18n::too_small(lang, "spinner", (40, 14), (area.width, area.height)) {
        frame.render_widget(Paragraph::new(said).wrap(Wrap { trim: true }), area);
        return;
    }
    let explain: Vec<&str> = [scene.threads.and_then(|t| t.0.explain), scene.tasks.and_then(|t| t.0.explain)]
        .into_iter()
        .flatten()
        .map(|e| tr(lang, e))
        .collect();
    let banner_h = if explain.is_empty() {
        0
    } else {
        let inner = area.width.saturating_sub(4).max(1) as usize;
        let lines: usize = explain.iter().map(|e| i18n::width(e).div_ceil(inner) + 1).sum();
        (lines as u16 + 2).min(area.height / 3)
    };
    let [header, body, banner, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(8),
        Constraint::Length(banner_h),
        Constraint::Length(1),
    ])
    .areas(area);

    let title = Span::styled(tr(lang, " corosim spinner · threads vs coroutines "), theme.title());
    let status = translate_status(&scene.status, lang);
    let right = trf(lang, "{0}  coroutines: {1} ", &[&status, &tr(lang, scene.clock)]);
    let pad = (header.width as usize).saturating_sub(title.width() + i18n::width(&right));
    frame.render_widget(
        Line::from(vec![title, Span::raw(" ".repeat(pad)), Span::styled(right, theme.dim())]),
        header,
    );

    let panes = scene.threads.is_some() as usize + scene.tasks.is_some() as usize;
    let areas: Vec<Rect> = if panes == 2 {
        let split = if area.width >= SIDE_BY_SIDE_MIN_WIDTH {
            Layout::horizontal([Constraint::Fill(1); 2])
        } else {
            Layout::vertical([Constraint::Fill(1); 2])
        };
        split.split(body).to_vec()
    } else {
        vec![body]
    };
    // One time scale for both strips, so that columns line up.
    let now = scene.threads.map_or(0.0, |t| t.0.stage.now).max(scene.tasks.map_or(0.0, |t| t.0.stage.now));
    let strip_cols = areas[0].width.saturating_sub(16) as usize;
    let spc = widgets::strip_scale(now, strip_cols);
    let mut next = areas.iter();
    if let Some((view, listing)) = scene.threads {
        let area = *next.next().expect("an area per pane");
        let line_of = |s: super::ThreadSpot| listing.line(s.text(scene.language, scene.mistake));
        pane(
            frame,
            area,
            tr(lang, " Threads · real OS threads "),
            &view.stage,
            listing,
            &line_of,
            spc,
            scene,
            view.finished,
        );
    }
    if let Some((view, listing)) = scene.tasks {
        let area = *next.next().expect("an area per pane");
        let title = tr(lang, " Coroutines · one thread, the corosim event loop ");
        let line_of = |s: super::TaskSpot| listing.line(s.text(scene.language, scene.mistake));
        pane(frame, area, title, &view.stage, listing, &line_of, spc, scene, view.finished);
    }

    if banner_h > 0 {
        let width = banner.width.saturating_sub(2).max(10) as usize;
        let text: Vec<Line> =
            explain.iter().flat_map(|e| i18n::wrap_paragraph(e, width)).map(Line::raw).collect();
        let block = Block::bordered()
            .border_style(theme.warn())
            .title(Span::styled(tr(lang, " What went wrong "), theme.warn()));
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: true }), banner);
    }

    let keys = format!(
        "{}{}",
        tr(lang, " Space/→ step  ← back  Home/End  p pause  +/- speed  t Python/Rust  ? help  q quit"),
        tr(lang, scene.extra_keys)
    );
    frame.render_widget(Line::styled(keys, theme.dim()), footer);

    if scene.help {
        let key = |k: &str| format!("{}{k}  ", " ".repeat(10usize.saturating_sub(i18n::width(k))));
        let mut lines: Vec<Line> = KEY_HELP
            .iter()
            .map(|(k, what)| {
                Line::from(vec![Span::styled(key(tr(lang, k)), theme.title()), Span::raw(tr(lang, what))])
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(key("e"), theme.title()),
            Span::raw(tr(lang, "set the Event (--mistake no-event)")),
        ]));
        lines.push(Line::from(vec![Span::styled(key("r"), theme.title()), Span::raw(tr(lang, "run again"))]));
        lines.push(Line::raw(""));
        lines.push(Line::styled(tr(lang, "What to watch for:"), theme.title()));
        // The popup is at most the screen's width: wrap the points to fit it.
        let width = (area.width as usize).saturating_sub(8).clamp(20, 100);
        for p in POINTS {
            for (i, line) in i18n::wrap_paragraph(tr(lang, p), width - 2).into_iter().enumerate() {
                lines.push(Line::raw(format!("{}{line}", if i == 0 { "• " } else { "  " })));
            }
        }
        widgets::popup(frame, tr(lang, "keys"), lines, theme);
    }
}

/// Section heights for a pane `h` rows tall with `n` actors:
/// (screen, note, actors, listing, log, strip) — the listing gets what is left.
fn sections(h: u16, n: u16) -> [u16; 6] {
    let (screen, actors) = (2, n);
    let mut avail = h.saturating_sub(screen + actors + 1); // + the listing's title
    let listing_min = 5;
    let strip = if avail >= listing_min + 1 + n { 1 + n } else { 0 };
    avail -= strip;
    let log = avail.saturating_sub(listing_min + 2).min(5);
    let log = if log >= 3 { log } else { 0 };
    avail -= log;
    let note = avail.saturating_sub(listing_min).min(2);
    avail -= note;
    [screen, note, actors, avail + 1, log, strip]
}

#[allow(clippy::too_many_arguments)]
fn pane<S: Copy>(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    stage: &Stage<S>,
    listing: &Listing,
    line_of: &dyn Fn(S) -> Option<usize>,
    spc: f64,
    scene: &Scene,
    finished: bool,
) {
    let theme = scene.theme;
    let mut block = Block::bordered().title(Span::styled(title.to_string(), theme.title()));
    if finished {
        let finished = tr(scene.lang, " finished: ← or Home to replay, r to run again ");
        block = block.title_bottom(Span::styled(finished, theme.dim()));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [screen_h, note_h, actors_h, listing_h, log_h, strip_h] =
        sections(inner.height, stage.actors.len() as u16);
    let [screen, note, actors, listing_area, log, strip] = Layout::vertical([
        Constraint::Length(screen_h),
        Constraint::Length(note_h),
        Constraint::Length(actors_h),
        Constraint::Length(listing_h),
        Constraint::Length(log_h),
        Constraint::Length(strip_h),
    ])
    .areas(inner);

    frame.render_widget(Paragraph::new(widgets::screen(stage, screen_h as usize, theme)), screen);
    if let Some(n) = &stage.note {
        let style = theme.dim().add_modifier(Modifier::ITALIC);
        let lines: Vec<Line> = i18n::wrap_paragraph(tr(scene.lang, n), note.width.max(10) as usize)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
        frame.render_widget(Paragraph::new(lines), note);
    }
    let actor_lines: Vec<Line> = stage
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Line::from(vec![
                Span::styled(format!("{} {:<10} ", a.tag, a.name), theme.actor(i)),
                Span::raw(i18n::tr_like(scene.lang, &a.state, STATES)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(actor_lines), actors);

    let marks: Vec<Mark> = stage
        .actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let line = line_of(a.spot?)?;
            Some(Mark { line, actor: i, tag: a.tag, acting: stage.acting == Some(i) })
        })
        .collect();
    let other = if scene.language == Language::Python { "Rust" } else { "Python" };
    let head = rule(&format!("{} (t: {other})", scene.language.name()), listing_area.width);
    let mut lines = vec![Line::styled(head, theme.dim())];
    lines.extend(widgets::listing(&listing.as_strs(), &marks, listing_h.saturating_sub(1) as usize, theme));
    frame.render_widget(Paragraph::new(lines), listing_area);

    if log_h > 0 {
        let mut lines = vec![Line::styled(rule(tr(scene.lang, "events"), log.width), theme.dim())];
        lines.extend(widgets::log(stage, log_h as usize - 1, theme));
        frame.render_widget(Paragraph::new(lines), log);
    }
    if strip_h > 0 {
        let label = trf(scene.lang, "who ran when: █ ran ░ ready ─ waits ({0}s/col)", &[&trim_float(spc)]);
        let mut lines = vec![Line::styled(rule(&label, strip.width), theme.dim())];
        lines.extend(widgets::strip(stage, spc, strip.width as usize, theme));
        frame.render_widget(Paragraph::new(lines), strip);
    }
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The shapes of the actors' states that carry a piece of code (`sleeping in
/// time.sleep(3)`), for [`i18n::tr_like`]; longer shapes before the shorter ones they
/// begin like.
const STATES: &[&str] = &[
    "sleeping in {0}",
    "blocked in {0}, for ever: nobody sets done",
    "blocked in {0}",
    "waiting on {0}",
    "in run_until_complete: steps {0}",
    "running: {0} thrown in",
    "scheduled: {0} is done",
    "done: {0}",
];

/// The transport's status (`▶ playing 1×  step 3/9+`) in `lang`: its words translated, its
/// numbers kept.
fn translate_status(status: &str, lang: &str) -> String {
    let mut out = status.to_string();
    for word in ["▶ playing", "⏸ paused", "  step "] {
        out = out.replace(word, tr(lang, word));
    }
    out
}

/// `── title ─────` across `width`.
fn rule(title: &str, width: u16) -> String {
    let head = format!("── {title} ");
    let rest = (width as usize).saturating_sub(i18n::width(&head));
    format!("{head}{}", "─".repeat(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_fill_the_pane_and_keep_the_listing() {
        for h in 8..60 {
            for n in 2..4 {
                let s = sections(h, n);
                let total: u16 = s.iter().sum();
                assert!(total <= h.max(2 + n + 1 + 5), "h={h} n={n} {s:?}");
                assert!(s[3] >= 2, "h={h} n={n} {s:?}");
            }
        }
        let tall = sections(32, 3);
        assert!(tall[4] > 0 && tall[5] > 0 && tall[1] > 0, "{tall:?}");
    }
}
