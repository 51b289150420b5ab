//! The SVG writer: a lane model drawn as a standalone picture meant to be projected —
//! large type, colour-blind-safe colours (Okabe–Ito), a legend, and a white background so
//! it reads the same on a dark book theme.
//!
//! Output is a pure function of the model: no clocks, no randomness, fixed number
//! formatting, so the same trace always gives the same bytes.

use std::fmt::Write;

use super::model::{Block, CHAR_W, Kind, Lane, MarkKind, Role, Timeline, What};

const MARGIN: f64 = 24.0;
const TOP: f64 = 104.0;
const LANE_H: f64 = 64.0;
const PAD: f64 = 6.0;
/// Advance of one character of the bold 18 px lane titles.
const TITLE_CHAR_W: f64 = 11.5;
const MIN_WIDTH: f64 = 960.0;

const BLUE: &str = "#0072B2";
const VERMILLION: &str = "#D55E00";
const GREEN: &str = "#009E73";
const LIGHT_GREEN: &str = "#8FD3BD";
const ORANGE: &str = "#E69F00";
const YELLOW: &str = "#F0E442";
const SKY: &str = "#56B4E9";
const PURPLE: &str = "#CC79A7";
/// Olive (Paul Tol's palette): a task parked on a socket, apart from the orange of other waits.
const OLIVE: &str = "#999933";
const GREY: &str = "#4D4D4D";

/// Draws `timeline` with a heading naming `title` (the scenario).
pub fn render(title: &str, timeline: &Timeline) -> String {
    let label_w = label_width(&timeline.lanes);
    let x0 = MARGIN + label_w;
    let sub_w = 2.0 * MARGIN + subtitle(timeline).chars().count() as f64 * CHAR_W;
    let width = (x0 + timeline.width + MARGIN).max(MIN_WIDTH).max(sub_w).ceil();
    let lanes_h = timeline.lanes.len() as f64 * LANE_H;
    let axis_y = TOP + lanes_h;
    let legend = legend_items(timeline);
    let legend_rows = legend_layout(&legend, width);
    let legend_y = axis_y + 64.0;
    let rows = legend_rows.iter().map(|(row, _, _)| row + 1).max().unwrap_or(0) as f64;
    let note_y = legend_y + (rows - 1.0).max(0.0) * 34.0 + 24.0;
    let height = match timeline.kind {
        Kind::Empty => TOP,
        _ => (note_y + if timeline.note.is_some() { 34.0 } else { 0.0 } + MARGIN).ceil(),
    };

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#,
        w = num(width),
        h = num(height)
    );
    let _ = writeln!(s, "<title>{}</title>", esc(&format!("corosim timeline: {title}")));
    s.push_str(STYLE);
    // One view per instant on the loop's clock: `timeline.svg#at-1.500` opens the picture
    // at that time (the book's trace player links there from each step).
    if timeline.kind == Kind::Loop {
        for tick in &timeline.ticks {
            let vx = (x0 + tick.x - 160.0).max(0.0);
            let vw = (width - vx).clamp(1.0, 1400.0);
            let _ = writeln!(
                s,
                r#"<view id="at-{}" viewBox="{} 0 {} {}"/>"#,
                esc(&tick.label),
                num(vx),
                num(vw),
                num(height)
            );
        }
    }
    s.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#444444"/></marker></defs>
"##,
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="#FFFFFF"/>"##);
    let _ = writeln!(s, r#"<text class="h" x="{}" y="44">{}</text>"#, num(MARGIN), esc(title));
    let _ = writeln!(s, r#"<text class="sub" x="{}" y="76">{}</text>"#, num(MARGIN), esc(subtitle(timeline)));

    // Lane stripes and titles.
    for (i, lane) in timeline.lanes.iter().enumerate() {
        let y = TOP + i as f64 * LANE_H;
        let fill = if i % 2 == 0 { "#F3F4F6" } else { "#FFFFFF" };
        let _ = writeln!(
            s,
            r#"<rect x="0" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            num(y),
            num(width),
            num(LANE_H)
        );
        let (ty, dy) = if lane.detail.is_some() { (y + 28.0, y + 50.0) } else { (y + 39.0, 0.0) };
        let _ = writeln!(
            s,
            r#"<text class="lane" x="{}" y="{}">{}</text>"#,
            num(MARGIN),
            num(ty),
            esc(&lane.title)
        );
        if let Some(d) = &lane.detail {
            let _ = writeln!(
                s,
                r#"<text class="small" x="{}" y="{}">{}</text>"#,
                num(MARGIN),
                num(dy),
                esc(&fit(d, label_w - 8.0))
            );
        }
    }

    // Background bars first (waits, pauses), then runs on top, then links and marks.
    let mut order: Vec<&Block> = timeline.blocks.iter().collect();
    order.sort_by_key(|b| {
        !matches!(b.what, What::Wait | What::IoWait | What::Ready | What::Suspended | What::Delegating)
    });
    for b in order {
        block(&mut s, b, x0);
    }
    for link in &timeline.links {
        let (ya, yb) = (lane_mid(link.from), lane_mid(link.to));
        let (y1, y2) = if yb > ya { (ya + 26.0, yb - 26.0) } else { (ya - 26.0, yb + 26.0) };
        let _ = writeln!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#444444" stroke-width="2" marker-end="url(#arrow)"/>"##,
            num(y1),
            num(y2),
            x = num(x0 + link.x)
        );
    }
    for m in &timeline.marks {
        mark(&mut s, m.kind, x0 + m.x, lane_mid(m.lane), &m.detail);
    }

    // The axis (an empty picture has none).
    if timeline.kind != Kind::Empty {
        axis(&mut s, timeline, x0, axis_y);
    }

    // The legend: only what the picture uses.
    for ((swatch, text), (row, x, _)) in legend.iter().zip(&legend_rows) {
        let y = legend_y + *row as f64 * 34.0;
        swatch_for(&mut s, *swatch, MARGIN + x, y);
        let _ = writeln!(
            s,
            r#"<text class="legend" x="{}" y="{}">{}</text>"#,
            num(MARGIN + x + 40.0),
            num(y + 6.0),
            esc(text)
        );
    }
    if let Some(note) = &timeline.note {
        let _ = writeln!(
            s,
            r#"<text class="sub" x="{}" y="{}">Note: {}</text>"#,
            num(MARGIN),
            num(note_y + 14.0),
            esc(note)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The x axis, its ticks and name, and the rule between lane titles and lanes.
fn axis(s: &mut String, timeline: &Timeline, x0: f64, axis_y: f64) {
    let _ = writeln!(
        s,
        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#BBBBBB" stroke-width="1"/>"##,
        num(TOP),
        num(axis_y),
        x = num(x0 - 8.0)
    );
    let _ = writeln!(
        s,
        r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#333333" stroke-width="2"/>"##,
        num(x0 - 8.0),
        num(x0 + timeline.width),
        y = num(axis_y)
    );
    let mut last_end = f64::NEG_INFINITY;
    for tick in &timeline.ticks {
        let x = x0 + tick.x;
        let _ = writeln!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#333333" stroke-width="2"/>"##,
            num(axis_y),
            num(axis_y + 8.0),
            x = num(x)
        );
        let w = tick.label.len() as f64 * CHAR_W;
        if x >= last_end + 10.0 {
            let _ = writeln!(
                s,
                r#"<text class="small" x="{}" y="{}">{}</text>"#,
                num(x),
                num(axis_y + 28.0),
                esc(&tick.label)
            );
            last_end = x + w;
        }
    }
    let _ = writeln!(
        s,
        r#"<text class="sub" x="{}" y="{}">{}</text>"#,
        num(MARGIN),
        num(axis_y + 28.0),
        esc(axis_name(timeline.kind))
    );
}

const STYLE: &str = r#"<style>
text { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; fill: #111111; }
.h { font: bold 28px "DejaVu Sans", Helvetica, Arial, sans-serif; }
.sub { font-size: 16px; fill: #444444; }
.lane { font: bold 18px "DejaVu Sans", Helvetica, Arial, sans-serif; }
.small { font-size: 15px; fill: #333333; }
.on { font-size: 16px; fill: #FFFFFF; }
.bar { font-size: 15px; fill: #222222; }
.legend { font-size: 16px; }
</style>
"#;

fn subtitle(t: &Timeline) -> &'static str {
    let threads = t.lanes.iter().any(|l| l.role == Role::Thread);
    let tasks = t.lanes.iter().any(|l| l.role != Role::Thread);
    match t.kind {
        Kind::Loop if threads && !tasks => {
            "One lane per thread: when each holds the interpreter (the GIL), and what the others do meanwhile."
        }
        Kind::Loop if threads => "One lane per task and per thread: what ran when, and what each waited on.",
        Kind::Loop => {
            "One lane per task, and the loop's own callbacks on top: what ran when, and what each task waited on."
        }
        Kind::Generators => {
            "One lane per generator, and the code that drives it: who has control, and how it passes."
        }
        Kind::Empty => "Nothing ran on the traced thread (the loop may run in another thread).",
    }
}

fn axis_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Loop => "t (s)",
        Kind::Generators => "step",
        Kind::Empty => "",
    }
}

/// Width of the lane-title column: the longest title or detail, within bounds.
fn label_width(lanes: &[Lane]) -> f64 {
    let widest = lanes
        .iter()
        .map(|l| {
            let t = l.title.chars().count() as f64 * TITLE_CHAR_W;
            let d = l.detail.as_ref().map_or(0.0, |d| d.chars().count() as f64 * CHAR_W);
            t.max(d)
        })
        .fold(0.0, f64::max);
    (widest + 28.0).clamp(150.0, 320.0)
}

fn lane_mid(lane: usize) -> f64 {
    TOP + lane as f64 * LANE_H + LANE_H / 2.0
}

fn block(s: &mut String, b: &Block, x0: f64) {
    let top = TOP + b.lane as f64 * LANE_H;
    let (x, w) = (x0 + b.x0, (b.x1 - b.x0).max(1.0));
    let _ = write!(s, "<g><title>{}</title>", esc(&b.detail));
    match b.what {
        What::Run | What::Throw | What::Caller | What::Callback | What::Internal => {
            let fill = match b.what {
                What::Run => BLUE,
                What::Caller => GREY,
                What::Throw => VERMILLION,
                What::Callback => GREEN,
                _ => LIGHT_GREEN,
            };
            let _ = write!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{fill}" stroke="#FFFFFF" stroke-width="1"/>"##,
                num(x),
                num(top + PAD),
                num(w),
                num(LANE_H - 2.0 * PAD)
            );
            let room = w - 12.0;
            match (b.label.is_empty(), b.label2.is_empty()) {
                (true, true) => {}
                (false, true) => text_on(s, x + 6.0, top + 38.0, &fit(&b.label, room)),
                _ => {
                    text_on(s, x + 6.0, top + 28.0, &fit(&b.label, room));
                    text_on(s, x + 6.0, top + 50.0, &fit(&b.label2, room));
                }
            }
        }
        What::Wait | What::IoWait | What::Ready | What::Suspended | What::Delegating => {
            let (fill, dash) = match b.what {
                What::Wait => (ORANGE, ""),
                What::IoWait => (OLIVE, r#" stroke-dasharray="2 2""#),
                What::Ready => (YELLOW, r#" stroke-dasharray="6 4""#),
                What::Suspended => (PURPLE, ""),
                _ => (SKY, ""),
            };
            let _ = write!(
                s,
                r##"<rect x="{}" y="{}" width="{}" height="14" fill="{fill}" stroke="#555555" stroke-width="1"{dash}/>"##,
                num(x),
                num(top + 40.0),
                num(w)
            );
            if !b.label.is_empty() {
                let t = fit(&b.label, w - 4.0);
                if !t.is_empty() {
                    let _ = write!(
                        s,
                        r#"<text class="bar" x="{}" y="{}">{}</text>"#,
                        num(x + 3.0),
                        num(top + 32.0),
                        esc(&t)
                    );
                }
            }
        }
    }
    s.push_str("</g>\n");
}

fn text_on(s: &mut String, x: f64, y: f64, text: &str) {
    if !text.is_empty() {
        let _ = write!(s, r#"<text class="on" x="{}" y="{}">{}</text>"#, num(x), num(y), esc(text));
    }
}

fn mark(s: &mut String, kind: MarkKind, x: f64, y: f64, detail: &str) {
    let _ = write!(s, "<g><title>{}</title>", esc(detail));
    let shape = match kind {
        MarkKind::Finished => format!(
            r##"<circle cx="{}" cy="{}" r="9" fill="{GREEN}" stroke="#111111" stroke-width="2"/>"##,
            num(x),
            num(y)
        ),
        MarkKind::Cancelled => format!(
            r##"<path d="M{a},{b} L{c},{d} M{a},{d} L{c},{b}" stroke="{VERMILLION}" stroke-width="5" stroke-linecap="round"/>"##,
            a = num(x - 8.0),
            b = num(y - 8.0),
            c = num(x + 8.0),
            d = num(y + 8.0)
        ),
        MarkKind::Failed => format!(
            r##"<path d="M{},{} L{},{} L{},{} z" fill="{VERMILLION}" stroke="#111111" stroke-width="2"/>"##,
            num(x),
            num(y - 11.0),
            num(x + 10.0),
            num(y + 8.0),
            num(x - 10.0),
            num(y + 8.0)
        ),
        MarkKind::Closed => format!(
            r##"<rect x="{}" y="{}" width="14" height="14" fill="#111111" stroke="#FFFFFF" stroke-width="2"/>"##,
            num(x - 7.0),
            num(y - 7.0)
        ),
        MarkKind::Warning => format!(
            r##"<path d="M{},{} L{},{} L{},{} z" fill="{YELLOW}" stroke="#111111" stroke-width="2"/><text class="bar" x="{}" y="{}">!</text>"##,
            num(x),
            num(y - 13.0),
            num(x + 12.0),
            num(y + 9.0),
            num(x - 12.0),
            num(y + 9.0),
            num(x - 4.0),
            num(y + 6.0)
        ),
    };
    s.push_str(&shape);
    s.push_str("</g>\n");
}

/// One legend entry: a swatch (a block kind, or a mark) and its meaning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Swatch {
    Block(What),
    Mark(MarkKind),
    Link,
}

fn legend_items(t: &Timeline) -> Vec<(Swatch, &'static str)> {
    // Threads' blocks say other things than tasks' blocks of the same kind.
    let on_thread = |b: &Block| t.lanes[b.lane].role == Role::Thread;
    let has = |w: What| t.blocks.iter().any(|b| b.what == w && !on_thread(b));
    let thread_has = |w: What| t.blocks.iter().any(|b| b.what == w && on_thread(b));
    let has_mark = |k: MarkKind| t.marks.iter().any(|m| m.kind == k);
    let generators = t.kind == Kind::Generators;
    let mut v = Vec::new();
    let items: [(bool, Swatch, &'static str); 19] = [
        (thread_has(What::Run), Swatch::Block(What::Run), "thread holds the interpreter (the GIL)"),
        (thread_has(What::Wait), Swatch::Block(What::Wait), "thread blocked: a lock, a join, a sleep"),
        (thread_has(What::Ready), Swatch::Block(What::Ready), "thread preempted: ready for its next turn"),
        (has(What::Caller), Swatch::Block(What::Caller), "main program runs: calls next()/send(), prints"),
        (
            has(What::Run) && !generators,
            Swatch::Block(What::Run),
            "task step: the loop send()s into the coroutine",
        ),
        (
            has(What::Run) && generators,
            Swatch::Block(What::Run),
            "running: entered by send(); leaves by yield/return",
        ),
        (
            has(What::Throw),
            Swatch::Block(What::Throw),
            "resumed by throw(): an exception arrives at the pause",
        ),
        (has(What::Callback), Swatch::Block(What::Callback), "callback run by the loop"),
        (has(What::Internal), Swatch::Block(What::Internal), "loop internals (a timer firing, a wake-up)"),
        (has(What::Wait), Swatch::Block(What::Wait), "task parked, waiting on a future"),
        (has(What::IoWait), Swatch::Block(What::IoWait), "task parked, waiting on a socket (I/O)"),
        (has(What::Ready), Swatch::Block(What::Ready), "ready: queued until the loop gets to it"),
        (has(What::Suspended), Swatch::Block(What::Suspended), "SUSPENDED at a yield"),
        (has(What::Delegating), Swatch::Block(What::Delegating), "suspended in yield from: forwarding"),
        (!t.links.is_empty(), Swatch::Link, "control passes"),
        (has_mark(MarkKind::Finished), Swatch::Mark(MarkKind::Finished), "task finished"),
        (has_mark(MarkKind::Cancelled), Swatch::Mark(MarkKind::Cancelled), "task cancelled"),
        (has_mark(MarkKind::Failed), Swatch::Mark(MarkKind::Failed), "task failed"),
        (has_mark(MarkKind::Closed), Swatch::Mark(MarkKind::Closed), "generator CLOSED"),
    ];
    for (on, sw, text) in items {
        if on {
            v.push((sw, text));
        }
    }
    if has_mark(MarkKind::Warning) {
        v.push((Swatch::Mark(MarkKind::Warning), "warning"));
    }
    v
}

/// Places legend entries in rows that fit `width`: (row, x, entry width).
fn legend_layout(items: &[(Swatch, &str)], width: f64) -> Vec<(usize, f64, f64)> {
    let avail = width - 2.0 * MARGIN;
    let (mut row, mut x) = (0, 0.0);
    let mut out = Vec::new();
    for (_, text) in items {
        let w = 40.0 + text.chars().count() as f64 * CHAR_W + 28.0;
        if x > 0.0 && x + w > avail {
            row += 1;
            x = 0.0;
        }
        out.push((row, x, w));
        x += w;
    }
    out
}

fn swatch_for(s: &mut String, sw: Swatch, x: f64, y: f64) {
    match sw {
        Swatch::Block(w) => {
            let (fill, h, dash) = match w {
                What::Run => (BLUE, 22.0, ""),
                What::Caller => (GREY, 22.0, ""),
                What::Throw => (VERMILLION, 22.0, ""),
                What::Callback => (GREEN, 22.0, ""),
                What::Internal => (LIGHT_GREEN, 22.0, ""),
                What::Wait => (ORANGE, 14.0, ""),
                What::IoWait => (OLIVE, 14.0, r#" stroke-dasharray="2 2""#),
                What::Ready => (YELLOW, 14.0, r#" stroke-dasharray="6 4""#),
                What::Suspended => (PURPLE, 14.0, ""),
                What::Delegating => (SKY, 14.0, ""),
            };
            let _ = writeln!(
                s,
                r##"<rect x="{}" y="{}" width="30" height="{}" fill="{fill}" stroke="#555555" stroke-width="1"{dash}/>"##,
                num(x),
                num(y - h / 2.0),
                num(h)
            );
        }
        Swatch::Mark(k) => mark(s, k, x + 15.0, y, ""),
        Swatch::Link => {
            let _ = writeln!(
                s,
                r##"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#444444" stroke-width="2" marker-end="url(#arrow)"/>"##,
                num(x),
                num(x + 30.0),
                y = num(y)
            );
        }
    }
}

/// `text`, shortened with `…` to fit `width` pixels of the label font ("" if nothing fits).
fn fit(text: &str, width: f64) -> String {
    let room = (width / CHAR_W).floor().max(0.0) as usize;
    let n = text.chars().count();
    if n <= room {
        text.to_string()
    } else if room < 3 {
        String::new()
    } else {
        let mut t: String = text.chars().take(room - 1).collect();
        t.push('…');
        t
    }
}

/// Fixed formatting for every coordinate: one decimal, so output is byte-stable.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    if s == "-0" { "0".into() } else { s }
}

/// Escapes text for XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0; show them as a replacement.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::model::Role;

    #[test]
    fn fit_shortens_with_an_ellipsis() {
        assert_eq!(fit("send(1)", 200.0), "send(1)");
        assert_eq!(fit("yield 21.333333333333332", 10.0 * CHAR_W), "yield 21.…");
        assert_eq!(fit("abc", 1.0), "");
    }

    #[test]
    fn escaping_and_numbers() {
        assert_eq!(esc("<a & 'b'>"), "&lt;a &amp; &apos;b&apos;&gt;");
        assert_eq!(esc("x\u{1b}y"), "x\u{FFFD}y");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.25), "12.2");
        assert_eq!(num(-0.04), "0");
    }

    #[test]
    fn legend_rows_wrap() {
        let items = vec![(Swatch::Link, "a long enough legend entry"); 10];
        let rows = legend_layout(&items, 960.0);
        assert!(rows.last().unwrap().0 > 0);
        assert!(rows.iter().all(|(_, x, w)| x + w <= 960.0 - 2.0 * MARGIN || *x == 0.0));
    }

    #[test]
    fn lane_titles_get_room() {
        let lanes = vec![Lane { title: "x".into(), detail: None, role: Role::Task }];
        assert_eq!(label_width(&lanes), 150.0);
    }
}
