//! A trace with a cursor: `pdb`'s `next`, with a rewind button.
//!
//! A [`Track`] records the events a program sends (live, or all at once), and shows the
//! program as it was after the first `cursor` of them: a [`Fold`] turns events into what a
//! pane draws, so panes never look at the program itself. Stepping back rebuilds that
//! view from the recorded events — nothing in the program runs backwards.
//!
//! Some events are **stops** (a step of the program worth a key press); the others are
//! detail that is applied along the way. Each step forward moves to the next stop.
//!
//! ```
//! use corosim::player::{Fold, Stamped, Track};
//!
//! #[derive(Default)]
//! struct Count(u32);
//! impl Fold for Count {
//!     type Event = &'static str;
//!     fn apply(&mut self, _: &Stamped<&'static str>) { self.0 += 1; }
//! }
//!
//! let events = ["a", "b", "c"].map(|e| Stamped { t: 0.0, event: e });
//! let mut track = Track::<Count>::from_events(events.into());
//! track.forward();
//! track.forward();
//! assert_eq!(track.view().0, 2);
//! track.back();
//! assert_eq!(track.view().0, 1);            // rebuilt from the recording
//! track.end();
//! assert_eq!(track.position().stop, 3);
//! ```

use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::gate::Gate;

/// An event and when it happened (seconds on the program's clock).
#[derive(Clone, Debug, PartialEq)]
pub struct Stamped<E> {
    /// Seconds since the program started (real or virtual).
    pub t: f64,
    /// What happened.
    pub event: E,
}

/// Turns a stream of events into what a pane shows. `Default` is the view before any event.
pub trait Fold: Default {
    /// The events this view understands.
    type Event;
    /// Takes one more event into account.
    fn apply(&mut self, event: &Stamped<Self::Event>);
    /// Is this event a step of its own? (Default: every event is.)
    fn is_stop(event: &Self::Event) -> bool {
        let _ = event;
        true
    }
}

/// Where a track's cursor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Stops shown so far.
    pub stop: usize,
    /// Stops recorded so far.
    pub stops: usize,
    /// The program has ended: no more events will come.
    pub finished: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Paused,
    /// Playing the recording back; the value is the playback clock.
    Replay(f64),
    /// Live and caught up: show each event as it arrives.
    Follow,
}

/// The longest pause replay keeps between two events (program seconds). A recording
/// made while someone stepped by hand has long gaps that nobody wants to sit through.
pub const MAX_REPLAY_GAP: f64 = 1.0;

/// A recorded trace, a cursor into it, and the view at the cursor.
pub struct Track<F: Fold> {
    events: Vec<Stamped<F::Event>>,
    /// Indices of the stop events, in order.
    stops: Vec<usize>,
    cursor: usize,
    view: F,
    rx: Receiver<Stamped<F::Event>>,
    /// The live program's gate; `None` for a producer that runs ahead on its own.
    gate: Option<Gate>,
    finished: bool,
    mode: Mode,
    /// Stops asked for (a key press) that have not arrived yet.
    wanted: usize,
}

impl<F: Fold> Track<F> {
    /// A program running now, in real time, held at its checkpoints by `gate`.
    pub fn live(rx: Receiver<Stamped<F::Event>>, gate: Gate) -> Self {
        Self::with(rx, Some(gate))
    }

    /// A producer that runs ahead on its own (a virtual clock): played back by time stamp.
    pub fn recorded(rx: Receiver<Stamped<F::Event>>) -> Self {
        Self::with(rx, None)
    }

    /// A finished trace.
    pub fn from_events(events: Vec<Stamped<F::Event>>) -> Self {
        let (tx, rx) = mpsc::channel();
        for e in events {
            let _ = tx.send(e);
        }
        drop(tx);
        let mut track = Self::recorded(rx);
        track.pull();
        track
    }

    fn with(rx: Receiver<Stamped<F::Event>>, gate: Option<Gate>) -> Self {
        Track {
            events: Vec::new(),
            stops: Vec::new(),
            cursor: 0,
            view: F::default(),
            rx,
            gate,
            finished: false,
            mode: Mode::Paused,
            wanted: 0,
        }
    }

    /// The view after the events up to the cursor.
    pub fn view(&self) -> &F {
        &self.view
    }

    /// The recorded events.
    pub fn events(&self) -> &[Stamped<F::Event>] {
        &self.events
    }

    /// How many events the view has taken in.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Is a live program behind this track (rather than a recording)?
    pub fn is_live(&self) -> bool {
        self.gate.is_some()
    }

    /// Where the cursor is, in stops.
    pub fn position(&self) -> Position {
        Position {
            stop: self.stops.partition_point(|&i| i < self.cursor),
            stops: self.stops.len(),
            finished: self.finished,
        }
    }

    /// The time stamp of the last event shown (0 before any).
    pub fn time(&self) -> f64 {
        self.cursor.checked_sub(1).map_or(0.0, |i| self.events[i].t)
    }

    /// Takes what the program has sent since the last call. True if the view changed.
    pub fn pull(&mut self) -> bool {
        loop {
            match self.rx.try_recv() {
                Ok(e) => {
                    if F::is_stop(&e.event) {
                        self.stops.push(self.events.len());
                    }
                    self.events.push(e);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    break;
                }
            }
        }
        let before = self.cursor;
        if self.mode == Mode::Follow {
            self.apply_all();
        }
        while self.wanted > 0 && self.cursor < self.events.len() {
            if self.apply_to_next_stop() {
                self.wanted -= 1;
            }
        }
        if self.finished && self.wanted > 0 && self.cursor == self.events.len() {
            self.wanted = 0; // what was asked for will never come
        }
        self.cursor != before
    }

    fn apply_next(&mut self) -> bool {
        let e = &self.events[self.cursor];
        self.view.apply(e);
        self.cursor += 1;
        F::is_stop(&e.event)
    }

    /// Applies events up to and including the next stop; false if none was recorded.
    fn apply_to_next_stop(&mut self) -> bool {
        while self.cursor < self.events.len() {
            if self.apply_next() {
                return true;
            }
        }
        false
    }

    fn apply_all(&mut self) {
        while self.cursor < self.events.len() {
            self.apply_next();
        }
    }

    fn rebuild(&mut self, cursor: usize) {
        self.view = F::default();
        self.cursor = 0;
        while self.cursor < cursor {
            self.apply_next();
        }
    }

    /// One step forward: to the next recorded stop, or — at the end of the recording —
    /// let the live program take one more step (it shows when it arrives).
    pub fn forward(&mut self) {
        if self.wanted == 0 && self.apply_to_next_stop() {
            return;
        }
        if !self.finished {
            self.wanted += 1;
            if let Some(gate) = &self.gate {
                gate.permit(1);
            }
        }
    }

    /// One step back: the view as it was at the previous stop.
    pub fn back(&mut self) {
        self.wanted = 0;
        let shown = self.position().stop;
        let target = match shown {
            0 | 1 => 0,
            n => self.stops[n - 2] + 1,
        };
        self.rebuild(target);
    }

    /// Back to before the first event.
    pub fn home(&mut self) {
        self.wanted = 0;
        self.rebuild(0);
    }

    /// To the last recorded event.
    pub fn end(&mut self) {
        self.wanted = 0;
        self.apply_all();
    }

    /// Play (replay the recording from the cursor, then follow the live program) or pause
    /// (the live program stops at its next checkpoint).
    pub fn set_playing(&mut self, playing: bool) {
        if let Some(gate) = &self.gate {
            gate.set_open(playing);
        }
        self.wanted = 0;
        // A live track with no recorded stop ahead has nothing to replay: catch up, follow.
        let caught_up = self.is_live() && self.position().stop == self.stops.len();
        self.mode = match (playing, caught_up) {
            (false, _) => Mode::Paused,
            (true, true) => {
                self.apply_all();
                Mode::Follow
            }
            (true, false) => Mode::Replay(self.time()),
        };
    }

    /// Tells the live program the playback speed.
    pub fn set_speed(&mut self, speed: f64) {
        if let Some(gate) = &self.gate {
            gate.set_speed(speed);
        }
    }

    /// Advances playback by `dt` program seconds. True if the view changed.
    pub fn tick(&mut self, dt: f64) -> bool {
        let before = self.cursor;
        let pulled = self.pull();
        if let Mode::Replay(mut t) = self.mode {
            t += dt;
            while let Some(next) = self.events.get(self.cursor).map(|e| e.t) {
                t = t.max(next - MAX_REPLAY_GAP);
                if next > t {
                    break;
                }
                self.apply_next();
            }
            let caught_up = self.cursor == self.events.len();
            self.mode =
                if caught_up && self.is_live() && !self.finished { Mode::Follow } else { Mode::Replay(t) };
        }
        pulled || self.cursor != before
    }
}

/// What a transport can do to any track, whatever its events (object safe).
pub trait Controls {
    /// See [`Track::forward`].
    fn forward(&mut self);
    /// See [`Track::back`].
    fn back(&mut self);
    /// See [`Track::home`].
    fn home(&mut self);
    /// See [`Track::end`].
    fn end(&mut self);
    /// See [`Track::set_playing`].
    fn set_playing(&mut self, playing: bool);
    /// See [`Track::set_speed`].
    fn set_speed(&mut self, speed: f64);
    /// See [`Track::tick`].
    fn tick(&mut self, dt: f64) -> bool;
    /// See [`Track::position`].
    fn position(&self) -> Position;
}

impl<F: Fold> Controls for Track<F> {
    fn forward(&mut self) {
        Track::forward(self)
    }
    fn back(&mut self) {
        Track::back(self)
    }
    fn home(&mut self) {
        Track::home(self)
    }
    fn end(&mut self) {
        Track::end(self)
    }
    fn set_playing(&mut self, playing: bool) {
        Track::set_playing(self, playing)
    }
    fn set_speed(&mut self, speed: f64) {
        Track::set_speed(self, speed)
    }
    fn tick(&mut self, dt: f64) -> bool {
        Track::tick(self, dt)
    }
    fn position(&self) -> Position {
        Track::position(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps the events it saw; odd numbers are detail, even ones are stops.
    #[derive(Default)]
    struct Seen(Vec<u32>);
    impl Fold for Seen {
        type Event = u32;
        fn apply(&mut self, e: &Stamped<u32>) {
            self.0.push(e.event);
        }
        fn is_stop(e: &u32) -> bool {
            e.is_multiple_of(2)
        }
    }

    fn stamped(events: &[(f64, u32)]) -> Vec<Stamped<u32>> {
        events.iter().map(|&(t, event)| Stamped { t, event }).collect()
    }

    #[test]
    fn steps_go_from_stop_to_stop_and_back() {
        let mut track =
            Track::<Seen>::from_events(stamped(&[(0.0, 1), (0.0, 2), (0.1, 3), (0.2, 4), (0.3, 6)]));
        track.forward();
        assert_eq!(track.view().0, [1, 2]);
        track.forward();
        assert_eq!(track.view().0, [1, 2, 3, 4]);
        track.back();
        assert_eq!(track.view().0, [1, 2]);
        track.back();
        assert_eq!(track.view().0, Vec::<u32>::new());
        track.end();
        assert_eq!(track.position(), Position { stop: 3, stops: 3, finished: true });
        track.home();
        assert_eq!(track.position().stop, 0);
    }

    #[test]
    fn replay_follows_time_stamps_at_the_given_pace() {
        let mut track = Track::<Seen>::from_events(stamped(&[(0.0, 2), (0.5, 4), (1.0, 6)]));
        track.set_playing(true);
        track.tick(0.1);
        assert_eq!(track.view().0, [2]);
        track.tick(0.5);
        assert_eq!(track.view().0, [2, 4]);
        track.tick(0.5);
        assert_eq!(track.view().0, [2, 4, 6]);
    }

    #[test]
    fn long_gaps_are_shortened_in_replay() {
        let mut track = Track::<Seen>::from_events(stamped(&[(0.0, 2), (60.0, 4)]));
        track.set_playing(true);
        track.tick(0.01);
        assert_eq!(track.view().0, [2]);
        track.tick(MAX_REPLAY_GAP);
        assert_eq!(track.view().0, [2, 4]);
    }

    #[test]
    fn a_step_past_the_recording_waits_for_the_live_program() {
        let (tx, rx) = mpsc::channel();
        let gate = Gate::new(false, 1.0);
        let cp = gate.checkpoint();
        let mut track = Track::<Seen>::live(rx, gate);
        let producer = std::thread::spawn(move || {
            for (i, event) in [2u32, 3, 4].into_iter().enumerate() {
                if Seen::is_stop(&event) {
                    cp.pass();
                }
                tx.send(Stamped { t: i as f64, event }).unwrap();
            }
        });
        track.forward(); // lets the producer past its first checkpoint
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while track.view().0.is_empty() && std::time::Instant::now() < deadline {
            track.pull();
        }
        assert_eq!(track.view().0, [2]);
        track.forward();
        while track.view().0.len() < 3 && std::time::Instant::now() < deadline {
            track.pull();
        }
        assert_eq!(track.view().0, [2, 3, 4]);
        producer.join().unwrap();
    }
}
