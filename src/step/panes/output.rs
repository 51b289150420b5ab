//! The output pane: the last lines the program printed (and its status line, if it is
//! redrawing one), as its terminal would show them.

use ratatui::text::Line;

use super::{Look, fit};
use crate::step::view::StepView;

/// The last `height` lines of output.
pub fn lines(view: &StepView, width: usize, height: usize, look: Look) -> Vec<Line<'static>> {
    let mut all: Vec<&str> = view.output.iter().map(String::as_str).collect();
    if let Some(s) = &view.status_line {
        all.push(s);
    }
    if all.is_empty() {
        return vec![Line::styled("(nothing printed yet)", look.faded())];
    }
    let skip = all.len().saturating_sub(height);
    all[skip..].iter().map(|l| Line::styled(fit(l, width), look.theme.output())).collect()
}
