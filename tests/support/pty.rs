//! A real terminal for tests: the binary runs in a pseudo-terminal of a fixed size; a
//! reader thread feeds what it writes to a channel, and `vt100` turns the bytes into a
//! screen the test can read. Every wait polls the screen against a deadline: no fixed
//! sleeps stand in for assertions.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};

/// Generous: two cores, other tests running, CI load.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The binary under test, running in a pseudo-terminal.
pub struct Tui {
    parser: vt100::Parser,
    bytes: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    // Kept open so that the terminal's settings can still be read after the child exits.
    _slave: Box<dyn SlavePty + Send>,
    exit: Option<portable_pty::ExitStatus>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a size above zero")
}

impl Tui {
    /// Starts `corosim args...` in a `cols`×`rows` terminal. `env`: variables to set
    /// (`NO_COLOR` is removed unless given).
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_corosim"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLUMNS");
        cmd.env_remove("LINES");
        // English unless a test asks otherwise: the machine's locale may be zh_CN.
        cmd.env("COROSIM_LANG", "en");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn corosim");
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, bytes) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Tui {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            bytes,
            writer,
            child,
            master: pair.master,
            _slave: pair.slave,
            exit: None,
        }
    }

    /// Takes in what the program wrote, waiting at most `wait` for the first bytes.
    fn drain(&mut self, wait: Duration) {
        match self.bytes.recv_timeout(wait) {
            Ok(b) => self.parser.process(&b),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(b) = self.bytes.try_recv() {
            self.parser.process(&b);
        }
    }

    /// The screen as it is now.
    pub fn screen(&mut self) -> &vt100::Screen {
        self.drain(Duration::from_millis(1));
        self.parser.screen()
    }

    /// Waits until `check` holds for the screen; panics (showing the screen) after TIMEOUT.
    pub fn wait_for(&mut self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.drain(Duration::from_millis(20));
            if check(self.parser.screen()) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{}", self.parser.screen().contents());
            }
        }
    }

    /// Types `bytes`.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Resizes the terminal (the program gets SIGWINCH) and the parsed screen.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.drain(Duration::from_millis(1));
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize");
        self.parser.set_size(nz(rows), nz(cols));
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Waits for the program to exit (panics after TIMEOUT) and takes in its last output.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        while self.exit.is_none() {
            self.drain(Duration::from_millis(20));
            self.exit = self.child.try_wait().expect("try_wait");
            assert!(
                Instant::now() < deadline,
                "corosim did not exit; the screen:\n{}",
                self.parser.screen().contents()
            );
        }
        self.drain(Duration::from_millis(200));
        self.exit.clone().expect("exited")
    }

    /// `stty -a` of this terminal, read from outside: its modes right now.
    pub fn stty(&self) -> String {
        let tty: PathBuf = self.master.tty_name().expect("the pty's name");
        let out = Command::new("stty").arg("-a").arg("-F").arg(&tty).output().expect("run stty");
        assert!(out.status.success(), "stty failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Is the terminal in raw mode (no line editing, no echo)?
    pub fn is_raw(&self) -> bool {
        let modes = self.stty();
        let words: Vec<&str> = modes.split_whitespace().collect();
        words.contains(&"-icanon") && words.contains(&"-echo")
    }

    /// Is the terminal back in cooked mode (line editing and echo on)?
    pub fn is_cooked(&self) -> bool {
        let modes = self.stty();
        let words: Vec<&str> = modes.split_whitespace().collect();
        words.contains(&"icanon") && words.contains(&"echo")
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.exit.is_none() {
            let _ = self.child.kill();
        }
    }
}

/// The rows of the screen between columns `from` and `from + width`.
pub fn rows(screen: &vt100::Screen, from: u16, width: u16) -> Vec<String> {
    screen.rows(from, width).collect()
}

/// Does any row between those columns contain `text`?
pub fn has(screen: &vt100::Screen, from: u16, width: u16, text: &str) -> bool {
    screen.rows(from, width).any(|r| r.contains(text))
}
