//! The full-screen demo: both programs running, a frame every 30 ms, keys to the player.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind};

use super::listing::{Language, Listing};
use super::task_view::TaskView;
use super::threads::ThreadRun;
use super::ui::{self, Scene};
use super::{Args, coroutines};
use crate::player::{self, Command, Controls, Screen, Theme, Track, Transport};

/// The running demo.
struct App {
    args: Args,
    theme: Theme,
    transport: Transport,
    threads: Option<ThreadRun>,
    tasks: Option<Track<TaskView>>,
    listings: [(Listing, Listing); 2],
}

impl App {
    fn new(args: &Args) -> App {
        let m = args.mistake;
        let listings =
            [Language::Python, Language::Rust].map(|l| (Listing::threads(l, m), Listing::coroutines(l, m)));
        let mut app = App {
            args: args.clone(),
            theme: Theme::from_env(),
            transport: Transport::new(!args.step, args.speed),
            threads: None,
            tasks: None,
            listings,
        };
        app.start();
        app
    }

    /// (Re)starts both programs.
    fn start(&mut self) {
        let (open, speed) = (self.transport.playing(), self.transport.speed());
        let (mode, mistake) = (self.args.mode, self.args.mistake);
        self.threads = mode.threads().then(|| ThreadRun::start(mistake, open, speed));
        self.tasks =
            mode.coroutines().then(|| coroutines::start(mistake, self.args.virtual_time, open, speed));
        let transport = self.transport.clone();
        transport.attach(&mut self.tracks());
    }

    fn tracks(&mut self) -> Vec<&mut dyn Controls> {
        let mut v: Vec<&mut dyn Controls> = Vec::new();
        if let Some(t) = &mut self.threads {
            v.push(&mut t.track);
        }
        if let Some(t) = &mut self.tasks {
            v.push(t);
        }
        v
    }

    fn key(&mut self, code: KeyCode, cmd: Option<Command>) {
        if let Some(cmd) = cmd {
            let mut transport = self.transport.clone();
            transport.apply(cmd, &mut self.tracks());
            self.transport = transport;
            return;
        }
        match code {
            KeyCode::Char('e') => {
                if let Some(t) = &self.threads {
                    t.set_event("you pressed e");
                }
            }
            KeyCode::Char('r') => self.start(),
            _ => {}
        }
    }

    fn scene(&self) -> Scene<'_> {
        let lang = if self.transport.alternate { Language::Rust } else { Language::Python };
        let (thread_listing, task_listing) = &self.listings[lang as usize];
        let positions: Vec<_> = self
            .threads
            .iter()
            .map(|t| t.track.position())
            .chain(self.tasks.iter().map(|t| t.position()))
            .collect();
        let stuck = self.threads.as_ref().is_some_and(|t| t.track.view().stuck_in_join);
        Scene {
            threads: self.threads.as_ref().map(|t| (t.track.view(), thread_listing)),
            tasks: self.tasks.as_ref().map(|t| (t.view(), task_listing)),
            language: lang,
            mistake: self.args.mistake,
            clock: if self.args.virtual_time { "virtual clock" } else { "real clock" },
            status: self.transport.describe(&positions),
            lang: crate::i18n::Lang::choose(self.args.lang.as_deref())
                .unwrap_or(crate::i18n::Lang::En)
                .code(),
            extra_keys: if stuck { "  e set the Event" } else { "  r again" },
            help: self.transport.help,
            theme: self.theme,
        }
    }
}

/// Runs the demo full screen until `q`, Esc, Ctrl-C or a signal.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut screen = Screen::enter()?;
    let mut app = App::new(args);
    let mut last = Instant::now();
    let mut drawn = false;
    loop {
        if player::signalled() {
            break;
        }
        if !player::is_active() {
            anyhow::bail!("the terminal was given back after a panic");
        }
        let now = Instant::now();
        let dt = (now - last).as_secs_f64();
        last = now;
        let transport = app.transport.clone();
        transport.tick(dt, &mut app.tracks());
        screen.terminal.draw(|f| ui::draw(f, &app.scene()))?;
        if args.panic_for_test && drawn {
            panic!("a panic for the test: the terminal must come back");
        }
        drawn = true;
        if event::poll(Duration::from_millis(30))? {
            match event::read()? {
                TermEvent::Key(k) if k.kind != KeyEventKind::Release => {
                    app.key(k.code, Command::from_key(&k));
                }
                _ => {} // a resize: the next draw lays the screen out again
            }
        }
        if app.transport.quit {
            break;
        }
    }
    drop(screen);
    Ok(())
}
