//! Snapshots: the screen at one position, written as text or as an SVG picture without
//! opening the terminal UI — for slides and the book. Drawn by the same code as the
//! terminal, into an off-screen buffer of the given size.
//!
//! ```
//! use corosim::step::{program::Program, snapshot::{self, Shot}};
//! let p = Program::load("grouper").unwrap();
//! let text = snapshot::text(&p, &Shot { at: 8, ..Shot::default() });
//! assert!(text.contains("averager"));
//! ```

use std::collections::BTreeSet;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::nav::view_at;
use super::panes::Look;
use super::program::Program;
use super::screen::{self, Scene};
use crate::player::Theme;

/// What to draw: the position, the size, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shot {
    /// The position (events taken in).
    pub at: usize,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
    /// Colours (the SVG's; text has none).
    pub color: bool,
    /// Projector mode.
    pub big: bool,
    /// The followed task.
    pub follow: Option<String>,
}

impl Default for Shot {
    /// The first event, 120×36, no colour, not big, following nobody.
    fn default() -> Shot {
        Shot { at: 0, width: 120, height: 36, color: false, big: false, follow: None }
    }
}

/// The screen as a buffer.
pub fn buffer(program: &Program, shot: &Shot) -> Buffer {
    let view = view_at(program, shot.at);
    let breakpoints = BTreeSet::new();
    let scene = Scene {
        program,
        view: &view,
        cursor: shot.at,
        follow: shot.follow.as_deref(),
        breakpoints: &breakpoints,
        look: Look { theme: Theme { color: shot.color }, big: shot.big, quiz: false },
        status: paused_status(),
        footer: None,
        help: false,
    };
    let mut terminal =
        Terminal::new(TestBackend::new(shot.width, shot.height)).expect("an off-screen terminal");
    terminal.draw(|f| screen::draw(f, &scene)).expect("drawing off screen");
    terminal.backend().buffer().clone()
}

/// The status a paused, freshly opened viewer shows (so a snapshot equals the screen).
pub fn paused_status() -> String {
    "⏸ paused 1×".to_string()
}

/// The rows of a buffer, trailing blanks trimmed.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let w = buf.area.width as usize;
    buf.content()
        .chunks(w)
        .map(|row| {
            let mut s = String::new();
            let mut skip = 0;
            for cell in row {
                // A wide character's second cell is blank in the buffer: skip it.
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = cell.symbol();
                s.push_str(sym);
                skip = unicode_width(sym).saturating_sub(1);
            }
            s.trim_end().to_string()
        })
        .collect()
}

fn unicode_width(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

/// The screen as text, one line per row.
pub fn text(program: &Program, shot: &Shot) -> String {
    let mut out = rows(&buffer(program, shot)).join("\n");
    out.push('\n');
    out
}

fn rgb(c: Color, fg: bool) -> Option<&'static str> {
    Some(match c {
        Color::Reset => return None,
        Color::Black => "#000000",
        Color::Red => "#cc3333",
        Color::Green => "#2e9e44",
        Color::Yellow => "#b58900",
        Color::Blue => "#2f6fdf",
        Color::Magenta => "#b03cb0",
        Color::Cyan => "#1a9aa8",
        Color::Gray => "#bbbbbb",
        Color::DarkGray => "#888888",
        Color::White => "#ffffff",
        _ if fg => "#222222",
        _ => "#dddddd",
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The screen as an SVG picture: a monospaced grid, each run of same-styled cells a
/// `<text>` (bold, colours and reverse video kept), on a white page.
pub fn svg(program: &Program, shot: &Shot) -> String {
    let buf = buffer(program, shot);
    let (at, width, height) = (shot.at, shot.width, shot.height);
    let (cw, ch) = (8.4, 17.0);
    let (pw, ph) = (width as f64 * cw + 16.0, height as f64 * ch + 16.0);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pw}\" height=\"{ph}\" viewBox=\"0 0 {pw} {ph}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n\
         <title>corosim step {} at event {at}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        escape(&program.name)
    );
    let w = width as usize;
    for (y, row) in buf.content().chunks(w).enumerate() {
        let mut x = 0;
        while x < row.len() {
            let cell = &row[x];
            let key = (cell.fg, cell.bg, cell.modifier);
            let mut text = String::new();
            let start = x;
            while x < row.len() && (row[x].fg, row[x].bg, row[x].modifier) == key {
                text.push_str(row[x].symbol());
                x += 1;
            }
            let reversed = key.2.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (rgb(key.0, true), rgb(key.1, false));
            if reversed {
                (fg, bg) = (bg.or(Some("#ffffff")), fg.or(Some("#222222")));
            }
            let px = 8.0 + start as f64 * cw;
            let py = 8.0 + y as f64 * ch;
            if let Some(bg) = bg {
                let wd = (x - start) as f64 * cw;
                out.push_str(&format!(
                    "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{wd:.1}\" height=\"{ch}\" fill=\"{bg}\"/>\n"
                ));
            }
            if text.trim().is_empty() {
                continue;
            }
            let weight = if key.2.contains(Modifier::BOLD) { " font-weight=\"bold\"" } else { "" };
            let faded = if key.2.contains(Modifier::DIM) { " opacity=\"0.6\"" } else { "" };
            out.push_str(&format!(
                "<text x=\"{px:.1}\" y=\"{:.1}\" fill=\"{}\"{weight}{faded} xml:space=\"preserve\">{}</text>\n",
                py + ch - 4.0,
                fg.unwrap_or("#222222"),
                escape(&text)
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}
