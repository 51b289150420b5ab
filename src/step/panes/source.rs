//! The source pane: the program's Python text, each live frame's line marked by its task's
//! letter (or its own), the line running now highlighted, breakpoints shown as `●`.

use std::collections::BTreeSet;

use ratatui::text::{Line, Span};

use super::{Look, fit};
use crate::player::widgets::{Mark, listing_top};
use crate::step::marks::Spot;
use crate::step::source::Source;

/// `height` lines of the listing around the marked lines.
pub fn lines(
    source: &Source,
    spots: &[Spot],
    breakpoints: &BTreeSet<usize>,
    width: usize,
    height: usize,
    look: Look,
) -> Vec<Line<'static>> {
    let theme = look.theme;
    let marks: Vec<Mark> =
        spots.iter().map(|s| Mark { line: s.line, actor: s.colour, tag: s.tag, acting: s.acting }).collect();
    let top = listing_top(source.lines.len(), &marks, height);
    source
        .lines
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, code)| {
            let here: Vec<&Spot> = spots.iter().filter(|s| s.line == i).collect();
            let mut spans = Vec::new();
            let bp = if breakpoints.contains(&i) { "●" } else { " " };
            spans.push(Span::styled(bp, theme.warn()));
            let mut tags = 0;
            for s in here.iter().take(3) {
                spans.push(Span::styled(s.tag.to_string(), theme.actor(s.colour)));
                tags += 1;
            }
            let more = if here.len() > 3 { "+" } else { " " };
            spans.push(Span::raw(" ".repeat(3 - tags)));
            spans.push(Span::raw(more));
            spans.push(Span::styled(format!("{:>3} ", i + 1), theme.dim()));
            let style = match here.iter().find(|s| s.acting) {
                Some(s) => theme.acting_line(s.colour),
                None => match here.first() {
                    Some(s) => theme.other_line(s.colour),
                    None => look.text(),
                },
            };
            let code = fit(code, width.saturating_sub(9));
            spans.push(Span::styled(code, style));
            Line::from(spans)
        })
        .collect()
}
