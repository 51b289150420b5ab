//! The screen's layout: a header, the panes, and two footer lines (what just happened;
//! the keys or a prompt). The panes reflow with the size: all of them from 100×30, a
//! subset below that (source, frames, tasks, log), stacked below 80 columns, and few and
//! bold with `--big`. The same function draws the terminal and the snapshots.

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::marks;
use super::panes::{self, Look, fit};
use super::program::Program;
use super::view::StepView;
use crate::player::widgets;

/// Below this width the panes are stacked.
pub const STACK_BELOW: u16 = 80;
/// From this size on, every pane shows.
pub const FULL: (u16, u16) = (100, 30);

/// The keys, for the help.
pub const KEYS: &[(&str, &str)] = &[
    ("Space →", "one event forward"),
    ("←", "one event back"),
    ("n N", "next / previous line of the same task"),
    ("t", "run to the next step of a task"),
    ("b", "toggle a breakpoint on a source line"),
    ("c", "continue to a breakpoint"),
    ("g", "go to event N, or t=T (virtual seconds)"),
    ("/", "search the event log"),
    ("Home End", "first / last event"),
    ("f", "follow a task: its frames stay in view"),
    ("p + -", "play / pause, faster, slower"),
    ("?", "this help"),
    ("q Esc", "quit"),
];

/// Everything one frame of the screen shows.
pub struct Scene<'a> {
    /// The program.
    pub program: &'a Program,
    /// The view at the cursor.
    pub view: &'a StepView,
    /// Events taken in.
    pub cursor: usize,
    /// The followed task.
    pub follow: Option<&'a str>,
    /// Breakpoints (0-based lines).
    pub breakpoints: &'a BTreeSet<usize>,
    /// Colours and projector mode.
    pub look: Look,
    /// `⏸ paused 1×`.
    pub status: String,
    /// A prompt being typed or a message; else the keys.
    pub footer: Option<String>,
    /// Show the help.
    pub help: bool,
}

fn pane(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>, look: Look) {
    let block = Block::bordered().title(Span::styled(format!(" {title} "), look.theme.title()));
    // Projector mode: everything bold, for the back of the room.
    let style = if look.big { Style::new().add_modifier(Modifier::BOLD) } else { Style::new() };
    frame.render_widget(Paragraph::new(lines).block(block).style(style), area);
}

fn inner(area: Rect) -> (usize, usize) {
    (area.width.saturating_sub(2) as usize, area.height.saturating_sub(2) as usize)
}

/// Draws the screen.
pub fn draw(frame: &mut Frame, scene: &Scene) {
    if widgets::too_small(frame, "step", 40, 12) {
        return;
    }
    let area = frame.area();
    let look = scene.look;
    let [header, body, said, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let total = scene.program.events.len();
    let title = format!(" corosim step {} ", scene.program.name);
    let mut right = format!("event {}/{total} · t={:.3} · {}", scene.cursor, scene.view.now, scene.status);
    if let Some(f) = scene.follow {
        right.push_str(&format!(" · following {f}"));
    }
    if !scene.breakpoints.is_empty() {
        right.push_str(&format!(" · ●{}", scene.breakpoints.len()));
    }
    right.push(' ');
    let pad = (header.width as usize).saturating_sub(title.chars().count() + right.chars().count());
    frame.render_widget(
        Line::from(vec![
            Span::styled(title, look.theme.title()),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, look.text()),
        ]),
        header,
    );
    let last = match &scene.view.last {
        Some(e) => format!(" {}: {}", scene.cursor, e.to_string().trim_start()),
        None => " before the first event: Space steps, ? shows the keys".into(),
    };
    frame.render_widget(Line::styled(fit(&last, said.width as usize), look.theme.title()), said);
    let footer = scene.footer.clone().unwrap_or_else(|| {
        " Space/→ step  ← back  n/N line  t task  b/c break  g go  / search  f follow  p play  ? keys  q quit"
            .to_string()
    });
    frame.render_widget(Line::styled(fit(&footer, keys.width as usize), look.faded()), keys);

    panes_in(frame, body, scene);

    if scene.help {
        let lines = KEYS
            .iter()
            .map(|(k, what)| {
                Line::from(vec![Span::styled(format!("{k:<10}"), look.theme.title()), Span::raw(*what)])
            })
            .collect();
        widgets::popup(frame, "keys", lines, look.theme);
    }
}

fn panes_in(frame: &mut Frame, body: Rect, scene: &Scene) {
    let (program, view, look) = (scene.program, scene.view, scene.look);
    let is_async = program.is_async();
    // Threads have rows in the tasks pane: a threaded program shows it, loop or not.
    let shows_tasks = is_async || program.has_threads();
    let width = frame.area().width;
    let full = width >= FULL.0 && frame.area().height >= FULL.1 && !look.big;
    let stacked = width < STACK_BELOW;
    let rows = view.tasks.rows.len() + view.threads.rows.len();
    let task_rows = (rows.max(1) as u16 + 3).min(if full { 12 } else { 8 });

    let (source, frames, loop_area, tasks, output, log);
    if stacked {
        let heights = if shows_tasks {
            [
                Constraint::Percentage(35),
                Constraint::Fill(1),
                Constraint::Length(0),
                Constraint::Length(task_rows.min(7)),
            ]
        } else {
            [Constraint::Percentage(40), Constraint::Fill(1), Constraint::Length(0), Constraint::Length(0)]
        };
        let [s, f, l, t] = Layout::vertical(heights).areas(body);
        (source, frames, loop_area, tasks, output, log) = (s, f, l, t, Rect::default(), Rect::default());
    } else if !full {
        let [top, t, lg] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(if shows_tasks { task_rows.min(7) } else { 0 }),
            Constraint::Length(if look.big { 0 } else { 4 }),
        ])
        .areas(body);
        let [s, f] = Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(top);
        (source, frames, loop_area, tasks, output, log) = (s, f, Rect::default(), t, Rect::default(), lg);
    } else if is_async {
        // Source and frames on top; output beside the loop; tasks beside the log.
        let bottom_h = task_rows.clamp(7, 10);
        let [top, middle, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(9), Constraint::Length(bottom_h)])
                .areas(body);
        let [s, f] = Layout::horizontal([Constraint::Percentage(48), Constraint::Fill(1)]).areas(top);
        let [o, l] = Layout::horizontal([Constraint::Percentage(48), Constraint::Fill(1)]).areas(middle);
        let [t, lg] = Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(bottom);
        (source, frames, loop_area, tasks, output, log) = (s, f, l, t, o, lg);
    } else {
        let bottom_h = if shows_tasks { task_rows.clamp(7, 10) } else { 7 };
        let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom_h)]).areas(body);
        let [left, f] = Layout::horizontal([Constraint::Percentage(48), Constraint::Fill(1)]).areas(top);
        let [s, o] = Layout::vertical([Constraint::Fill(1), Constraint::Length(8)]).areas(left);
        let [t, lg] = if shows_tasks {
            Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(bottom)
        } else {
            [Rect::default(), bottom]
        };
        (source, frames, loop_area, tasks, output, log) = (s, f, Rect::default(), t, o, lg);
    }

    let how = if program.has_lines() { "lines as run" } else { "lines found from the trace" };
    let (w, h) = inner(source);
    let spots = marks::spots(view, &program.source);
    let lines = panes::source::lines(&program.source, &spots, scene.breakpoints, w, h, look);
    pane(frame, source, &format!("{} · {how}", program.file), lines, look);

    let (w, h) = inner(frames);
    pane(
        frame,
        frames,
        "frames",
        panes::frames::lines(view, &program.source, scene.follow, w, h, look),
        look,
    );

    if loop_area.height > 2 {
        let (w, h) = inner(loop_area);
        pane(frame, loop_area, "the loop", panes::loop_pane::lines(view, w, h, look), look);
    }
    if tasks.height > 2 {
        let (w, h) = inner(tasks);
        let title = if view.threads.rows.is_empty() { "tasks" } else { "tasks and threads" };
        pane(frame, tasks, title, panes::tasks::lines(view, scene.follow, w, h, look), look);
    }
    if output.height > 2 {
        let (w, h) = inner(output);
        pane(frame, output, "output", panes::output::lines(view, w, h, look), look);
    }
    if log.height > 2 {
        let (w, h) = inner(log);
        pane(frame, log, "event log", panes::log::lines(&program.events, scene.cursor, w, h, look), look);
    }
}
