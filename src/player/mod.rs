//! The trace player: step through a concurrent program the way `pdb` steps through one
//! function — forward, back, to either end, at any speed — with every pane drawn from
//! trace events only.
//!
//! The parts, each usable alone:
//! * [`Track`] (`track.rs`): a recorded trace, a cursor, and the view at the cursor (a
//!   [`Fold`] of the events). Back steps rebuild the view from the recording;
//! * [`Gate`] / [`Checkpoint`] (`gate.rs`): hold a *live* program — real threads, or a
//!   real-clock event loop — at its checkpoints, so it advances one event per key press;
//! * [`TraceFeed`] / [`Emitter`] (`feed.rs`): carry events from the program's threads to a
//!   track, through the gate;
//! * [`Transport`] (`transport.rs`): the keys, play/pause and speed, for all tracks at once;
//! * [`Stage`] (`stage.rs`): a generic view of actors, output, log and "who ran when",
//!   drawn by `widgets.rs` in a [`Theme`] that honours `NO_COLOR`;
//! * [`Screen`] (`terminal.rs`): the full-screen terminal, given back on exit, error,
//!   panic and signals.
//!
//! The player knows nothing of any particular program: a lesson supplies a `Fold` for its
//! events and a layout, and gets stepping, rewinding and speed for free.

mod feed;
mod gate;
mod stage;
mod terminal;
mod theme;
mod track;
mod transport;
pub mod widgets;

pub use feed::{Emitter, TraceFeed};
pub use gate::{Checkpoint, Gate};
pub use stage::{Activity, Actor, LogLine, Stage};
pub use terminal::{Screen, is_active, restore, signalled};
pub use theme::{Theme, no_color};
pub use track::{Controls, Fold, MAX_REPLAY_GAP, Position, Stamped, Track};
pub use transport::{Command, KEY_HELP, SPEEDS, Transport};
