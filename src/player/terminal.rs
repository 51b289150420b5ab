//! The terminal, always given back — like a `try: ... finally: curses.endwin()` that also
//! covers panics and signals.
//!
//! [`Screen::enter`] switches to raw mode and the alternate screen. They are undone:
//! * on a normal exit or an error — [`Screen`]'s `Drop`;
//! * on a panic, in any thread — a panic hook restores the terminal *before* the panic
//!   message is printed, so the message is readable;
//! * on Ctrl-C — in raw mode it is a key, which the UI handles as quit;
//! * on SIGTERM, SIGINT, SIGHUP — a flag ([`signalled`]) the UI loop checks between
//!   frames, so it leaves by the normal path. A second signal ends the process at once.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once, OnceLock};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// True while the terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static SIGNAL: OnceLock<Arc<AtomicBool>> = OnceLock::new();
static HOOK: Once = Once::new();

/// The full-screen terminal. Dropping it gives the terminal back.
pub struct Screen {
    /// The ratatui terminal to draw on.
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Screen {
    /// Raw mode, alternate screen, hidden cursor; restored however the program ends.
    pub fn enter() -> io::Result<Screen> {
        install_panic_hook();
        install_signal_flag()?;
        start_hangup_watchdog();
        ACTIVE.store(true, Ordering::SeqCst);
        let entered = enable_raw_mode()
            .and_then(|()| execute!(stdout(), EnterAlternateScreen, Hide))
            .and_then(|()| Terminal::new(CrosstermBackend::new(stdout())));
        match entered {
            Ok(terminal) => Ok(Screen { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Leaves raw mode and the alternate screen and shows the cursor (once; later calls do
/// nothing).
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    }
}

/// Is the terminal still ours? False once something (a panic) has restored it.
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Has SIGTERM, SIGINT or SIGHUP arrived?
pub fn signalled() -> bool {
    SIGNAL.get().is_some_and(|f| f.load(Ordering::SeqCst))
}

/// When the terminal's window closes, a SIGHUP does not always reach us; then every read
/// of the dead terminal returns end-of-file at once, and crossterm's `poll` spins on it
/// without returning, so the UI loop can never notice. A watchdog thread does: once stdin
/// is no longer a terminal there is nothing left to restore, and the process ends.
static WATCHDOG: Once = Once::new();

fn start_hangup_watchdog() {
    use std::io::IsTerminal;
    WATCHDOG.call_once(|| {
        let _ = std::thread::Builder::new().name("hangup-watchdog".into()).spawn(|| {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(250));
                if ACTIVE.load(Ordering::SeqCst) && !std::io::stdin().is_terminal() {
                    std::process::exit(129); // 128 + SIGHUP, as a shell reports it
                }
            }
        });
    });
}

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

fn install_signal_flag() -> io::Result<()> {
    if SIGNAL.get().is_some() {
        return Ok(());
    }
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT, signal_hook::consts::SIGHUP] {
        // The first signal asks the UI to leave; a second one (the UI is stuck) exits.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, flag.clone())?;
        signal_hook::flag::register(sig, flag.clone())?;
    }
    let _ = SIGNAL.set(flag);
    Ok(())
}
