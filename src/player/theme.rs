//! Colours, or none: `NO_COLOR` (<https://no-color.org>) turns every colour off and
//! leaves bold, reverse and underline, so a projected or monochrome screen still shows
//! who is where.

use ratatui::style::{Color, Modifier, Style};

/// Actor colours, in order of appearance.
const ACTOR_COLORS: [Color; 5] = [Color::Cyan, Color::Yellow, Color::Magenta, Color::Green, Color::Blue];

/// How things are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Colours allowed.
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to something non-empty.
    pub fn from_env() -> Theme {
        Theme { color: !no_color() }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color { Style::new().fg(c) } else { Style::new() }
    }

    /// An actor's own style (its tag, its name).
    pub fn actor(&self, i: usize) -> Style {
        self.fg(ACTOR_COLORS[i % ACTOR_COLORS.len()]).add_modifier(Modifier::BOLD)
    }

    /// The line the acting actor is on.
    pub fn acting_line(&self, i: usize) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(ACTOR_COLORS[i % ACTOR_COLORS.len()])
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A line another actor is on.
    pub fn other_line(&self, i: usize) -> Style {
        self.actor(i).add_modifier(Modifier::UNDERLINED)
    }

    /// Secondary text.
    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    /// Warnings.
    pub fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Titles.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The program's own output.
    pub fn output(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// ANSI escape to start a style in plain text output (empty without colour).
    pub fn ansi(&self, code: &str) -> String {
        if self.color { format!("\x1b[{code}m") } else { String::new() }
    }
}

/// Is `NO_COLOR` set (to anything but the empty string)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
