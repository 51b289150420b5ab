//! The panes of `corosim step`, one file each; every one turns the view at the cursor into
//! lines of text for a given size, so the same code draws the terminal and the snapshots.

pub mod frames;
pub mod log;
pub mod loop_pane;
pub mod output;
pub mod source;
pub mod tasks;

use ratatui::style::{Modifier, Style};

use crate::player::Theme;

/// How panes are drawn: the colours (or none) and projector mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    /// Colours, or `NO_COLOR`.
    pub theme: Theme,
    /// `--big`: high contrast (everything bold), fewer panes.
    pub big: bool,
    /// A lesson's checkpoint asks about the states: draw the objects, not their states.
    pub quiz: bool,
}

impl Look {
    /// Text of something paused, detached or done: dimmed (a grey, or the terminal's dim).
    pub fn faded(&self) -> Style {
        if self.big {
            return Style::new();
        }
        self.theme.dim().add_modifier(Modifier::DIM)
    }

    /// Ordinary text.
    pub fn text(&self) -> Style {
        if self.big { Style::new().add_modifier(Modifier::BOLD) } else { Style::new() }
    }

    /// Something that just happened (a value moving along a chain).
    pub fn news(&self) -> Style {
        self.theme.warn().remove_modifier(Modifier::BOLD).add_modifier(Modifier::BOLD)
    }
}

/// `s` cut to `width` characters (the last one an ellipsis if cut).
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(width - 1).collect();
    out.push('…');
    out
}
