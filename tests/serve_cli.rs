//! `corosim serve charfinder`: the course's TCP server for real, queried by a real client
//! on loopback, then stopped with Ctrl-C (SIGINT). Bounded in time: every read has a
//! timeout, and the server is killed if it outlives the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server if the test fails before stopping it.
struct Reaper(std::process::Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn read_until(stream: &mut BufReader<TcpStream>, end: &str) -> String {
    let mut got = Vec::new();
    while !got.ends_with(end.as_bytes()) {
        let mut byte = [0u8];
        match stream.read(&mut byte) {
            Ok(1) => got.push(byte[0]),
            other => panic!("reading {end:?}: {other:?} after {:?}", String::from_utf8_lossy(&got)),
        }
    }
    String::from_utf8(got).expect("UTF-8 from the server")
}

#[test]
fn serve_charfinder_answers_a_real_client_and_stops_on_ctrl_c() {
    let child = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["serve", "charfinder", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start corosim serve");
    let mut server = Reaper(child);
    let mut out = BufReader::new(server.0.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    // "Serving on ('127.0.0.1', 43825). Hit CTRL-C to stop."
    assert!(
        first.starts_with("Serving on ('127.0.0.1', ") && first.ends_with("). Hit CTRL-C to stop.\n"),
        "{first}"
    );
    let port: u16 = first.split(", ").nth(1).unwrap().split(')').next().unwrap().parse().unwrap();

    // Two clients at once: one thread serves both.
    let connect = || {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        BufReader::new(s)
    };
    let (mut a, mut b) = (connect(), connect());
    assert_eq!(read_until(&mut a, "?> "), "?> ");
    assert_eq!(read_until(&mut b, "?> "), "?> ");
    b.get_mut().write_all(b"sun behind\r\n").unwrap();
    a.get_mut().write_all(b"chess black king\r\n").unwrap();
    let answer = read_until(&mut a, "?> ");
    assert!(answer.starts_with("U+265A\t\u{265a}\tBLACK CHESS KING\r\n"), "{answer:?}");
    assert!(answer.ends_with("4 matches for 'chess black king'\r\n?> "), "{answer:?}");
    let answer = read_until(&mut b, "?> ");
    assert!(answer.contains("3 matches for 'sun behind'\r\n"), "{answer:?}");
    // A control character ends the session: the server closes the connection.
    a.get_mut().write_all(b"\x03\r\n").unwrap();
    let mut rest = Vec::new();
    a.read_to_end(&mut rest).expect("the server closes");
    assert!(rest.is_empty(), "{rest:?}");
    drop(b); // a client that just goes away

    let pid = server.0.id().to_string();
    let started = Instant::now();
    let status = Command::new("kill").args(["-INT", &pid]).status().expect("kill -INT");
    assert!(status.success());
    let mut printed = String::new();
    out.read_to_string(&mut printed).unwrap();
    let status = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the server ignores Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}\n{printed}");
    assert!(printed.contains("Received from ('127.0.0.1', "), "{printed}");
    assert!(printed.contains(": 'chess black king'\nSent 4 results\n"), "{printed}");
    assert!(printed.ends_with("Close the client socket\nServer shutting down.\n"), "{printed}");
}
