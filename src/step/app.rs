//! The full-screen viewer: the recorded trace in a [`Track`], the keys, the prompts
//! (`g`, `/`, `t`, `f`, `b` ask for a value on the bottom line), and a frame drawn after
//! each change. The terminal is given back however it ends (see [`Screen`]).

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::marks;
use super::nav;
use super::panes::Look;
use super::program::Program;
use super::screen::{self, Scene};
use super::view::StepView;
use crate::player::{self, Command, Screen, Theme, Track, Transport};

/// What a prompt asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ask {
    Goto,
    Search,
    Task,
    Follow,
    Breakpoint,
}

impl Ask {
    fn question(self) -> &'static str {
        match self {
            Ask::Goto => "go to event N, or t=T:",
            Ask::Search => "search the events for:",
            Ask::Task => "run to the next step of task:",
            Ask::Follow => "follow task (empty: stop following):",
            Ask::Breakpoint => "toggle a breakpoint at line:",
        }
    }
}

/// The viewer's state.
pub struct App {
    program: Program,
    track: Track<StepView>,
    transport: Transport,
    look: Look,
    breakpoints: BTreeSet<usize>,
    follow: Option<String>,
    prompt: Option<(Ask, String, String)>,
    message: Option<String>,
    last_search: String,
    last_play: Instant,
}

impl App {
    /// A viewer at position `at`.
    pub fn new(program: Program, at: usize, big: bool, follow: Option<String>) -> App {
        let track = Track::from_events(program.events.clone());
        let mut app = App {
            program,
            track,
            transport: Transport::new(false, 1.0),
            look: Look { theme: Theme::from_env(), big, quiz: false },
            breakpoints: BTreeSet::new(),
            follow,
            prompt: None,
            message: None,
            last_search: String::new(),
            last_play: Instant::now(),
        };
        app.go(at);
        app
    }

    /// Moves to position `n`: forward from here, or rebuilt from the start.
    fn go(&mut self, n: usize) {
        let n = n.min(self.program.events.len());
        if n < self.track.cursor() {
            self.track.home();
        }
        while self.track.cursor() < n {
            self.track.forward();
        }
    }

    fn status(&self) -> String {
        let speed = self.transport.speed();
        let speed = if speed >= 1.0 { format!("{speed}×") } else { format!("1/{}×", 1.0 / speed) };
        if self.transport.playing() { format!("▶ playing {speed}") } else { format!("⏸ paused {speed}") }
    }

    fn scene(&self) -> Scene<'_> {
        let footer = match (&self.prompt, &self.message) {
            (Some((ask, typed, default)), _) => {
                let default = if default.is_empty() { String::new() } else { format!("[{default}] ") };
                Some(format!(" {} {default}{typed}▏ (Enter: go, Esc: cancel)", ask.question()))
            }
            (None, Some(m)) => Some(format!(" {m}")),
            _ => None,
        };
        Scene {
            program: &self.program,
            view: self.track.view(),
            cursor: self.track.cursor(),
            follow: self.follow.as_deref(),
            breakpoints: &self.breakpoints,
            look: self.look,
            status: self.status(),
            footer,
            help: self.transport.help,
        }
    }

    fn ask(&mut self, ask: Ask) {
        let default = match ask {
            Ask::Breakpoint => {
                marks::acting_line(self.track.view(), &self.program.source).map(|l| (l + 1).to_string())
            }
            Ask::Task => self.follow.clone().or_else(|| self.track.view().last_task.clone()),
            // Following already: Enter on nothing stops following.
            Ask::Follow if self.follow.is_some() => None,
            Ask::Follow => self.track.view().last_task.clone(),
            Ask::Search => Some(self.last_search.clone()),
            Ask::Goto => None,
        };
        self.prompt = Some((ask, String::new(), default.unwrap_or_default()));
    }

    fn answer(&mut self, ask: Ask, typed: &str) {
        let here = self.track.cursor();
        let view = self.track.view();
        let moved = match ask {
            Ask::Goto => match nav::goto(&self.program, typed) {
                Ok(n) => Some(n),
                Err(e) => {
                    self.message = Some(e);
                    None
                }
            },
            Ask::Search => {
                self.last_search = typed.to_string();
                let found = nav::search(&self.program, here, typed);
                if found.is_none() {
                    self.message = Some(format!("no event after {here} says '{typed}'"));
                }
                found
            }
            Ask::Task => {
                match nav::task_named(&nav::view_at(&self.program, self.program.events.len()), typed) {
                    Some(task) => {
                        let found = nav::next_step_of(&self.program, here, &task);
                        if found.is_none() {
                            self.message = Some(format!("{task} takes no more steps"));
                        }
                        found
                    }
                    None => {
                        self.message = Some(format!("no task called '{typed}'"));
                        None
                    }
                }
            }
            Ask::Follow => {
                if typed.trim().is_empty() {
                    self.follow = None;
                } else {
                    match nav::task_named(&nav::view_at(&self.program, self.program.events.len()), typed) {
                        Some(t) => self.follow = Some(t),
                        None => self.message = Some(format!("no task called '{typed}'")),
                    }
                }
                None
            }
            Ask::Breakpoint => {
                match typed.trim().parse::<usize>() {
                    Ok(l) if l >= 1 && l <= self.program.source.lines.len() => {
                        if !self.breakpoints.remove(&(l - 1)) {
                            self.breakpoints.insert(l - 1);
                        }
                    }
                    _ => self.message = Some(format!("'{typed}' is not a line of {}", self.program.file)),
                }
                let _ = view;
                None
            }
        };
        if let Some(n) = moved {
            self.go(n);
        }
    }

    /// Handles a key; false to quit.
    fn key(&mut self, key: KeyEvent) -> bool {
        if let Some((ask, mut typed, default)) = self.prompt.take() {
            match key.code {
                // Enter on nothing typed takes the default shown in brackets.
                KeyCode::Enter => self.answer(ask, if typed.is_empty() { &default } else { &typed }),
                KeyCode::Esc => {}
                KeyCode::Backspace => {
                    typed.pop();
                    self.prompt = Some((ask, typed, default));
                }
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => return false,
                KeyCode::Char(c) => {
                    typed.push(c);
                    self.prompt = Some((ask, typed, default));
                }
                _ => self.prompt = Some((ask, typed, default)),
            }
            return true;
        }
        self.message = None;
        let here = self.track.cursor();
        match key.code {
            KeyCode::Char('n') => match nav::next_line(&self.program, here, self.track.view()) {
                Some(n) => self.go(n),
                None => self.message = Some("no later line in this task".into()),
            },
            KeyCode::Char('N') => match nav::previous_line(&self.program, here) {
                Some(n) => self.go(n),
                None => self.message = Some("no earlier line in this task".into()),
            },
            KeyCode::Char('t') => self.ask(Ask::Task),
            KeyCode::Char('f') => self.ask(Ask::Follow),
            KeyCode::Char('b') => self.ask(Ask::Breakpoint),
            KeyCode::Char('g') => self.ask(Ask::Goto),
            KeyCode::Char('/') => self.ask(Ask::Search),
            KeyCode::Char('c') if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                match nav::next_breakpoint(&self.program, here, self.track.view(), &self.breakpoints) {
                    Some(n) => self.go(n),
                    None if self.breakpoints.is_empty() => {
                        self.message = Some("no breakpoints: b sets one".into())
                    }
                    None => self.message = Some("no breakpoint is reached again".into()),
                }
            }
            KeyCode::Home => self.go(0),
            KeyCode::End => self.go(self.program.events.len()),
            _ => {
                let Some(cmd) = Command::from_key(&key) else { return true };
                match cmd {
                    Command::Step => self.go(here + 1),
                    Command::Back => self.go(here.saturating_sub(1)),
                    Command::Quit => return false,
                    Command::Home | Command::End | Command::ToggleListing => {}
                    // Play, speed and help: the transport keeps them (no track: playing
                    // is one event per beat, below, not the recording's time stamps).
                    other => self.transport.apply(other, &mut []),
                }
                self.last_play = Instant::now();
            }
        }
        true
    }

    /// While playing: one event per beat (half a second at 1×); stops at the end and at
    /// breakpoints. True if the view moved.
    fn tick(&mut self) -> bool {
        if !self.transport.playing() || self.last_play.elapsed().as_secs_f64() < 0.5 / self.transport.speed()
        {
            return false;
        }
        self.last_play = Instant::now();
        let here = self.track.cursor();
        if here >= self.program.events.len() {
            self.transport.apply(Command::PlayPause, &mut []);
            return true;
        }
        let at = nav::next_breakpoint(&self.program, here, self.track.view(), &self.breakpoints);
        self.go(here + 1);
        if at == Some(here + 1) {
            self.transport.apply(Command::PlayPause, &mut []);
            self.message = Some("stopped at a breakpoint".into());
        }
        true
    }
}

/// Runs the viewer full screen until `q`, Esc, Ctrl-C or a signal.
pub fn run(program: Program, at: usize, big: bool, follow: Option<String>) -> anyhow::Result<()> {
    let mut screen = Screen::enter()?;
    let mut app = App::new(program, at, big, follow);
    let mut dirty = true;
    let mut size = None;
    loop {
        // A resize that came before the first poll has no event: look at the size too.
        let now = ratatui::crossterm::terminal::size().ok();
        dirty |= now != size;
        size = now;
        if player::signalled() {
            break;
        }
        if !player::is_active() {
            anyhow::bail!("the terminal was given back after a panic");
        }
        dirty |= app.tick();
        if dirty {
            screen.terminal.draw(|f| screen::draw(f, &app.scene()))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(50))? {
            match event::read()? {
                TermEvent::Key(k) if k.kind != KeyEventKind::Release => {
                    if !app.key(k) {
                        break;
                    }
                    dirty = true;
                }
                TermEvent::Resize(..) => dirty = true,
                _ => {}
            }
        }
    }
    drop(screen);
    Ok(())
}
