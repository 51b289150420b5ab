//! Drawing a [`Stage`]: the listing with each actor's line marked, the event log, the
//! "who ran when" strip, the program's screen, and the help. Each function turns a view
//! into lines of text; the caller places them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::stage::{Activity, Stage};
use super::theme::Theme;

/// An actor's place in a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The line (0-based).
    pub line: usize,
    /// The actor (its index: its colour).
    pub actor: usize,
    /// The character that marks it.
    pub tag: char,
    /// It caused the last event: its line is highlighted.
    pub acting: bool,
}

/// The first line to show so that the marked lines are in view: all of them if they fit,
/// else the acting one, centred.
pub fn listing_top(len: usize, marks: &[Mark], height: usize) -> usize {
    if marks.is_empty() || len <= height {
        return 0;
    }
    let lo = marks.iter().map(|m| m.line).min().unwrap_or(0);
    let hi = marks.iter().map(|m| m.line).max().unwrap_or(0);
    let centre = if hi - lo < height {
        (lo + hi) / 2
    } else {
        marks.iter().find(|m| m.acting).unwrap_or(&marks[0]).line
    };
    centre.saturating_sub(height / 2).min(len - height)
}

/// A listing window of `height` lines: a gutter with the tags of the actors on each line
/// and the line number, then the code; the acting actor's line is highlighted.
pub fn listing(source: &[&str], marks: &[Mark], height: usize, theme: Theme) -> Vec<Line<'static>> {
    let top = listing_top(source.len(), marks, height);
    source
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, code)| {
            let here: Vec<&Mark> = marks.iter().filter(|m| m.line == i).collect();
            let mut spans = Vec::new();
            let mut tags = 0;
            for m in here.iter().take(2) {
                spans.push(Span::styled(m.tag.to_string(), theme.actor(m.actor)));
                tags += 1;
            }
            spans.push(Span::raw(" ".repeat(2 - tags)));
            spans.push(Span::raw(if here.is_empty() { " " } else { "▶" }));
            spans.push(Span::styled(format!("{:>2} ", i + 1), theme.dim()));
            let style = match here.iter().find(|m| m.acting).or(here.first()) {
                Some(m) if m.acting => theme.acting_line(m.actor),
                Some(m) => theme.other_line(m.actor),
                None => Style::new(),
            };
            spans.push(Span::styled(code.to_string(), style));
            Line::from(spans)
        })
        .collect()
}

/// The last `height` lines of the event log: time, the actor's tag, what happened.
pub fn log<S>(stage: &Stage<S>, height: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for entry in &stage.log {
        for (k, text) in entry.text.split('\n').enumerate() {
            let time = if k == 0 { format!("{:>6.3} ", entry.t) } else { " ".repeat(7) };
            let tag = match entry.actor {
                Some(a) if k == 0 => Span::styled(format!("{} ", stage.actors[a].tag), theme.actor(a)),
                _ => Span::raw("  "),
            };
            let style = if entry.warn { theme.warn() } else { Style::new() };
            lines.push(Line::from(vec![
                Span::styled(time, theme.dim()),
                tag,
                Span::styled(text.to_string(), style),
            ]));
        }
    }
    let skip = lines.len().saturating_sub(height);
    lines.split_off(skip)
}

/// Seconds per column so that `now` fits in `cols` columns (a power-of-two multiple of
/// 1/40 s, so the scale changes rarely and by halves).
pub fn strip_scale(now: f64, cols: usize) -> f64 {
    let mut spc = 0.025;
    while now / spc > cols.saturating_sub(1) as f64 && spc < 1e6 {
        spc *= 2.0;
    }
    spc
}

fn activity_at(history: &[(f64, Activity)], t: f64) -> Activity {
    let i = history.partition_point(|&(at, _)| at <= t);
    if i == 0 { Activity::Absent } else { history[i - 1].1 }
}

/// Who ran when: a row per actor, a column per `spc` seconds. `█` ran, `░` ready,
/// `─` waiting, blank: not there (yet, or any more).
pub fn strip<S>(stage: &Stage<S>, spc: f64, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let label = stage.actors.iter().map(|a| a.name.chars().count()).max().unwrap_or(0).min(12);
    let cols = width.saturating_sub(label + 3);
    let shown = ((stage.now / spc).floor() as usize + 1).min(cols);
    stage
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name: String = a.name.chars().take(label).collect();
            let mut row = String::with_capacity(shown * 3);
            for c in 0..shown {
                let (t0, t1) = (c as f64 * spc, (c + 1) as f64 * spc);
                let ran = {
                    let k = a.ran.partition_point(|&t| t < t0);
                    a.ran.get(k).is_some_and(|&t| t < t1)
                };
                let start = a.history.partition_point(|&(at, _)| at <= t0);
                let running_inside = activity_at(&a.history, t0) == Activity::Running
                    || a.history[start..]
                        .iter()
                        .take_while(|&&(at, _)| at < t1)
                        .any(|&(_, x)| x == Activity::Running);
                let ch = if ran || running_inside {
                    '█'
                } else {
                    match activity_at(&a.history, t1.min(stage.now)) {
                        Activity::Ready => '░',
                        Activity::Blocked => '─',
                        Activity::Running => '█',
                        Activity::Absent | Activity::Done => ' ',
                    }
                };
                row.push(ch);
            }
            Line::from(vec![
                Span::styled(format!("{} ", a.tag), theme.actor(i)),
                Span::styled(format!("{name:<label$} "), theme.dim()),
                Span::styled(row, theme.actor(i)),
            ])
        })
        .collect()
}

/// The last `n` lines of the program's screen (its output and status line).
pub fn screen<S: Copy>(stage: &Stage<S>, n: usize, theme: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = stage.screen(n).into_iter().map(|l| Line::styled(l, theme.output())).collect();
    while lines.len() < n {
        lines.insert(0, Line::raw(""));
    }
    lines
}

/// Below `min_width`×`min_height` a screen cannot be drawn readably: says so in place of
/// it (naming the `command` and the sizes) and returns true.
pub fn too_small(frame: &mut Frame, command: &str, min_width: u16, min_height: u16) -> bool {
    let area = frame.area();
    if area.width >= min_width && area.height >= min_height {
        return false;
    }
    let msg = format!(
        "corosim {command} needs at least {min_width}×{min_height} (this is {}×{})",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
    true
}

/// A centred box with `lines` in it, over whatever is drawn below.
pub fn popup(frame: &mut Frame, title: &str, lines: Vec<Line<'static>>, theme: Theme) {
    let area = frame.area();
    let width = (lines.iter().map(|l| l.width()).max().unwrap_or(20) as u16 + 4).min(area.width).min(84);
    // Long lines wrap: count the rows they take.
    let inner = width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
    let height = (rows as u16 + 2).min(area.height);
    let [row] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(row);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
}

/// Splits `area` into rows of the given heights (what is left goes to the `fill`-th).
pub fn rows(area: Rect, heights: &[u16], fill: usize) -> Vec<Rect> {
    let constraints: Vec<Constraint> = heights
        .iter()
        .enumerate()
        .map(|(i, &h)| if i == fill { Constraint::Min(h) } else { Constraint::Length(h) })
        .collect();
    Layout::vertical(constraints).split(area).to_vec()
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::too_small;

    /// What `too_small` draws on a `width`×`height` screen, and what it returns.
    fn draw_at(width: u16, height: u16) -> (bool, String) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let mut said = false;
        terminal.draw(|frame| said = too_small(frame, "learn", 40, 12)).unwrap();
        let cells: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
        // The message wraps: compare words, not rows.
        (said, cells.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    #[test]
    fn a_small_screen_is_told_its_size_and_the_least_needed() {
        let (said, text) = draw_at(30, 10);
        assert!(said);
        assert!(text.contains("corosim learn needs at least 40×12 (this is 30×10)"), "{text}");
    }

    #[test]
    fn a_screen_big_enough_is_left_alone() {
        let (said, text) = draw_at(40, 12);
        assert!(!said);
        assert!(text.is_empty());
    }
}
