//! The event log: the trace around the cursor, numbered, the event just taken highlighted
//! and the next ones dimmed — what `corosim trace` prints, with a "you are here".

use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::player::Stamped;
use crate::trace::Event;

/// `height` lines of the log: mostly what happened, a line or two of what comes next.
pub fn lines(
    events: &[Stamped<Event>],
    cursor: usize,
    width: usize,
    height: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let ahead = if height >= 6 { 2 } else { usize::from(height >= 3) };
    let end = (cursor + ahead).min(events.len());
    let start = end.saturating_sub(height);
    let digits = events.len().to_string().len();
    (start..end)
        .map(|i| {
            let num = format!("{:>digits$} ", i + 1);
            let text = fit(&events[i].event.to_string(), width.saturating_sub(digits + 3));
            let (mark, style) = if i + 1 == cursor {
                ("▶ ", look.theme.acting_line(0))
            } else if i >= cursor {
                ("  ", look.faded())
            } else {
                ("  ", look.text())
            };
            Line::from(vec![
                Span::styled(mark, look.theme.title()),
                Span::styled(num, look.theme.dim()),
                Span::styled(text, style),
            ])
        })
        .collect()
}
