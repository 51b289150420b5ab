//! The transport: play, pause, step, rewind, speed — the same keys for every track, as a
//! debugger's `next`/`continue` are the same for every program.
//!
//! Keys: Space/→ step, ← back, Home/End, `p` play/pause, `+`/`-` speed, `t` toggles the
//! listing's language, `?` help, `q`/Esc/Ctrl-C quit.
//!
//! ```
//! use corosim::player::{Command, Transport};
//! let mut transport = Transport::new(true, 1.0);
//! transport.apply(Command::Faster, &mut []);
//! assert_eq!(transport.speed(), 2.0);
//! transport.apply(Command::Step, &mut []);
//! assert!(!transport.playing()); // stepping pauses
//! ```

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::track::{Controls, Position};

/// The speeds `+` and `-` move between.
pub const SPEEDS: [f64; 8] = [0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// What a key asks the player to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// One step forward (pauses first).
    Step,
    /// One step back (pauses first).
    Back,
    /// To the start of the recording.
    Home,
    /// To the end: play to the program's end.
    End,
    /// Play or pause.
    PlayPause,
    /// Next speed up.
    Faster,
    /// Next speed down.
    Slower,
    /// Show the other listing (Python / Rust).
    ToggleListing,
    /// Show or hide the help.
    Help,
    /// Leave.
    Quit,
}

impl Command {
    /// The command a key press means, if any.
    pub fn from_key(key: &KeyEvent) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        Some(match key.code {
            KeyCode::Char('c') if ctrl => Command::Quit, // raw mode: Ctrl-C is a key
            KeyCode::Char(' ') | KeyCode::Right | KeyCode::Char('l') => Command::Step,
            KeyCode::Left | KeyCode::Char('h') | KeyCode::Backspace => Command::Back,
            KeyCode::Home | KeyCode::Char('g') => Command::Home,
            KeyCode::End | KeyCode::Char('G') => Command::End,
            KeyCode::Char('p') => Command::PlayPause,
            KeyCode::Char('+') | KeyCode::Char('=') => Command::Faster,
            KeyCode::Char('-') | KeyCode::Char('_') => Command::Slower,
            KeyCode::Char('t') => Command::ToggleListing,
            KeyCode::Char('?') => Command::Help,
            KeyCode::Char('q') | KeyCode::Esc => Command::Quit,
            _ => return None,
        })
    }
}

/// The keys' help, for a help screen: (keys, what they do).
pub const KEY_HELP: &[(&str, &str)] = &[
    ("Space →", "one step (pauses a live run)"),
    ("←", "one step back (replayed from the recording)"),
    ("Home End", "to the start / play to the end"),
    ("p", "play / pause"),
    ("+ -", "faster / slower"),
    ("t", "listing: Python / Rust"),
    ("?", "this help"),
    ("q Esc", "quit"),
];

/// Play state and speed, shared by every track of a player.
#[derive(Clone, Debug)]
pub struct Transport {
    playing: bool,
    speed: f64,
    /// The help is shown.
    pub help: bool,
    /// The other listing (Rust) is shown.
    pub alternate: bool,
    /// Quit was asked for.
    pub quit: bool,
}

impl Transport {
    /// Playing or paused, at a speed.
    pub fn new(playing: bool, speed: f64) -> Self {
        Transport { playing, speed, help: false, alternate: false, quit: false }
    }

    /// Is it playing?
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The playback speed (1.0: real time).
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Puts tracks into this transport's state (call once for new tracks).
    pub fn attach(&self, tracks: &mut [&mut dyn Controls]) {
        for t in tracks.iter_mut() {
            t.set_speed(self.speed);
            t.set_playing(self.playing);
        }
    }

    /// Does what `cmd` asks to every track.
    pub fn apply(&mut self, cmd: Command, tracks: &mut [&mut dyn Controls]) {
        match cmd {
            Command::Step | Command::Back | Command::Home => {
                self.pause(tracks);
                for t in tracks.iter_mut() {
                    match cmd {
                        Command::Step => t.forward(),
                        Command::Back => t.back(),
                        _ => t.home(),
                    }
                }
            }
            Command::End => {
                for t in tracks.iter_mut() {
                    t.end();
                }
                self.set_playing(true, tracks);
            }
            Command::PlayPause => self.set_playing(!self.playing, tracks),
            Command::Faster | Command::Slower => {
                let i = SPEEDS.iter().position(|&s| s >= self.speed).unwrap_or(SPEEDS.len() - 1);
                let j =
                    if cmd == Command::Faster { (i + 1).min(SPEEDS.len() - 1) } else { i.saturating_sub(1) };
                self.speed = SPEEDS[j];
                for t in tracks.iter_mut() {
                    t.set_speed(self.speed);
                }
            }
            Command::ToggleListing => self.alternate = !self.alternate,
            Command::Help => self.help = !self.help,
            Command::Quit => self.quit = true,
        }
    }

    fn pause(&mut self, tracks: &mut [&mut dyn Controls]) {
        if self.playing {
            self.set_playing(false, tracks);
        }
    }

    fn set_playing(&mut self, playing: bool, tracks: &mut [&mut dyn Controls]) {
        self.playing = playing;
        for t in tracks.iter_mut() {
            t.set_playing(playing);
        }
    }

    /// Advances every track by `real_dt` seconds of wall time (scaled by the speed).
    pub fn tick(&self, real_dt: f64, tracks: &mut [&mut dyn Controls]) -> bool {
        let mut changed = false;
        for t in tracks.iter_mut() {
            changed |= t.tick(real_dt * self.speed);
        }
        changed
    }

    /// A short status: `▶ playing 1×` or `⏸ step 12/80`.
    pub fn describe(&self, positions: &[Position]) -> String {
        let speed =
            if self.speed >= 1.0 { format!("{}×", self.speed) } else { format!("1/{}×", 1.0 / self.speed) };
        let steps: Vec<String> = positions
            .iter()
            .map(|p| format!("{}/{}{}", p.stop, p.stops, if p.finished { "" } else { "+" }))
            .collect();
        let state = if self.playing { "▶ playing" } else { "⏸ paused" };
        format!("{state} {speed}  step {}", steps.join(" · "))
    }
}
