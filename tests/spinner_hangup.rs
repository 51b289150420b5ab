//! Closing the terminal ends the demo: when the pseudo-terminal goes away, `corosim` must
//! exit rather than spin on a dead terminal (every read of it returns end-of-file).
//!
//! Here the hang-up also delivers SIGHUP; a terminal whose window closes without one (seen
//! under `tmux kill-server`) is covered by the player's hang-up watchdog, checked by hand.

use std::io::Read;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn the_demo_exits_when_its_terminal_hangs_up() {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_corosim"));
    cmd.args(["spinner", "--step"]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn corosim");
    // Wait for the first screen: the demo is up and reading its terminal.
    let mut reader = pair.master.try_clone_reader().expect("pty reader");
    let mut seen = 0;
    let mut buf = [0u8; 4096];
    while seen < 200 {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen += n,
        }
    }
    assert!(seen >= 200, "the demo drew nothing");
    // Close the window: every handle on the terminal goes.
    drop(reader);
    drop(pair.master);
    drop(pair.slave);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("corosim kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
