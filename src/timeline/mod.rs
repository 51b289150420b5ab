//! Timelines: a trace drawn as a picture, the way a teacher draws cooperative multitasking
//! on the board — one lane per task (or generator), blocks where it runs, bars where it
//! waits, and arrows where control passes.
//!
//! Fed only by [`trace::Event`](crate::trace::Event)s, like every other observer:
//! [`model`] turns events into lanes and blocks, [`svg`] draws them.
//!
//! ```
//! let s = corosim::scenarios::find("averager").unwrap();
//! let (_, events) = corosim::trace::collect(|| s.run(&corosim::Console::silent(), corosim::aio::ClockKind::Virtual));
//! let picture = corosim::timeline::svg_for("averager", &events);
//! assert!(picture.starts_with("<svg") && picture.contains("averager"));
//! ```

pub mod model;
pub mod svg;

pub use model::Timeline;

use crate::trace::Event;

/// The timeline of `events` as a standalone SVG document titled after `name`.
pub fn svg_for(name: &str, events: &[Event]) -> String {
    svg::render(name, &Timeline::from_events(events))
}
