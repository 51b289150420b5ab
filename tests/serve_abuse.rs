//! The charfinder server under abuse, for real, on loopback: invalid UTF-8, a 1 MiB line
//! with no newline, a client that connects and says nothing, one that half-closes, one
//! that resets mid-response, 200 that connect and vanish at once. After all that it must
//! still answer a normal client correctly, and hold no more file descriptors than before
//! (counted in /proc/PID/fd). Bounded: every read has a timeout, the server is killed if
//! the test fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Reaper(Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Reads until `end` (or EOF); returns what came.
fn read_until(s: &mut TcpStream, end: &[u8]) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while !got.ends_with(end) {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!("reading: {e} after {:?}", String::from_utf8_lossy(&got)),
        }
    }
    got
}

fn fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map(|d| d.count()).unwrap_or(0)
}

/// A normal session: the prompt, one query, its answer.
fn normal_client(port: u16) {
    let mut s = connect(port);
    assert_eq!(read_until(&mut s, b"?> "), b"?> ");
    s.write_all(b"hot beverage\r\n").unwrap();
    let answer = String::from_utf8(read_until(&mut s, b"?> ")).unwrap();
    assert_eq!(answer, "U+2615\t\u{2615}\tHOT BEVERAGE\r\n1 match for 'hot beverage'\r\n?> ");
    s.write_all(b"\x03\r\n").unwrap();
    assert!(read_until(&mut s, b"\n--never--").is_empty(), "the server closes after a control character");
}

#[test]
fn the_server_survives_abuse_and_leaks_no_sockets() {
    let child = Command::new(env!("CARGO_BIN_EXE_corosim"))
        .args(["serve", "charfinder", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start corosim serve");
    let mut server = Reaper(child);
    let pid = server.0.id();
    let mut out = BufReader::new(server.0.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let port: u16 = first.split(", ").nth(1).and_then(|p| p.split(')').next()).unwrap().parse().unwrap();
    // Keep reading what the server prints, so its pipe never fills.
    let printed = std::thread::spawn(move || {
        let mut all = String::new();
        let _ = out.read_to_string(&mut all);
        all
    });
    let mut errors = server.0.stderr.take().unwrap();
    let warned = std::thread::spawn(move || {
        let mut all = String::new();
        let _ = errors.read_to_string(&mut all);
        all
    });

    normal_client(port);
    let baseline = fds(pid);
    assert!(baseline > 0);

    // Invalid UTF-8: the query becomes '\x00', a control character: the session ends.
    let mut s = connect(port);
    read_until(&mut s, b"?> ");
    s.write_all(b"\xff\xfe\xfd\r\n").unwrap();
    assert!(read_until(&mut s, b"\n--never--").is_empty());

    // A 1 MiB line with no newline: over the stream's limit, the client is told so and
    // the connection closed.
    let mut s = connect(port);
    read_until(&mut s, b"?> ");
    let writer = {
        let mut w = s.try_clone().unwrap();
        std::thread::spawn(move || {
            let _ = w.write_all(&vec![b'a'; 1 << 20]); // the server may hang up before the end
        })
    };
    let answer = read_until(&mut s, b"line too long\r\n");
    assert_eq!(answer, b"Error: line too long\r\n");
    writer.join().unwrap();
    drop(s);

    // A client that connects and says nothing, kept open while the others come and go.
    let mut silent = connect(port);
    read_until(&mut silent, b"?> ");

    // A client that half-closes: it sends a query and its end-of-file, and still reads.
    let mut s = connect(port);
    read_until(&mut s, b"?> ");
    s.write_all(b"sun behind\r\n").unwrap();
    s.shutdown(Shutdown::Write).unwrap();
    let answer = String::from_utf8(read_until(&mut s, b"\n--never--")).unwrap();
    assert!(answer.contains("3 matches for 'sun behind'\r\n?> "), "{answer:?}");

    // A client that resets mid-response: a query with a long answer, a few bytes read,
    // then RST (SO_LINGER 0) instead of an orderly close.
    let s = connect(port);
    let mut s = socket2::Socket::from(s);
    let mut prompt = [0u8; 3];
    s.read_exact(&mut prompt).unwrap();
    s.write_all(b"latin\r\n").unwrap();
    let mut some = [0u8; 100];
    s.read_exact(&mut some).unwrap();
    s.set_linger(Some(Duration::ZERO)).unwrap();
    drop(s);

    // 200 clients connect and vanish at once.
    let crowd: Vec<TcpStream> = (0..200).map(|_| connect(port)).collect();
    drop(crowd);

    drop(silent);
    // The server still answers, and is back to the descriptors it had.
    normal_client(port);
    let started = Instant::now();
    while fds(pid) != baseline && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = fds(pid);
    assert_eq!(after, baseline, "the server holds {after} descriptors, {baseline} before the abuse");
    println!("open descriptors of the server: {baseline} before the abuse, {after} after");

    Command::new("kill").args(["-INT", &pid.to_string()]).status().unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "the server ignores Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    let printed = printed.join().unwrap();
    let warned = warned.join().unwrap();
    assert!(status.success(), "{status:?}\n{printed}\n{warned}");
    assert!(printed.contains(": '\\x00'\nClose the client socket\n"), "{printed}");
    assert!(printed.contains("Line too long: "), "{printed}");
    assert!(printed.ends_with("Server shutting down.\n"), "{printed}");
}
