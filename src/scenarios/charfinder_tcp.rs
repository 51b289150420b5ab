//! The course's Unicode-name TCP server, with scripted clients in the same program, on
//! loopback. One thread serves every client: `handle_queries` gives way at each
//! `readline()` and `drain()`, and the loop's selector wakes it when its socket is ready.
//! A query that is not UTF-8 becomes `'\x00'`, and a control character ends the session.
//! The port is the OS's choice (port 0) and is not printed, so every run is the same run.

use std::rc::Rc;

use super::charfinder::UnicodeNameIndex;
use crate::aio::{self, StreamReader, StreamWriter};
use crate::{Console, Generator, PyResult, Value};

const CRLF: &[u8] = b"\r\n";
const PROMPT: &[u8] = b"?> ";

/// Python's `str.strip()`: its whitespace is Unicode's plus the four separators
/// U+001C..U+001F.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

/// `handle_queries(reader, writer)`: the coroutine each connection runs. `whole_peer`:
/// print the client's whole address (`('127.0.0.1', 53412)`, as the course's server
/// does), not just its host (the scripted run, whose ports change every run). `out`:
/// `None` prints nothing and makes none of the lines (`bench server`'s quiet server, as
/// CPython's side has its prints made `pass`: `bench::server::python_server`).
pub(crate) fn handle_queries(
    out: Option<Console>,
    index: Rc<UnicodeNameIndex>,
    reader: StreamReader,
    writer: StreamWriter,
    whole_peer: bool,
) -> Generator {
    Generator::coroutine("handle_queries", move |co| async move {
        loop {
            writer.write(PROMPT)?;
            writer.drain(&co).await?;
            let data = match reader.readline(&co).await {
                Ok(data) => data,
                Err(e) if e.is_instance(crate::exception::VALUE_ERROR) => {
                    // A line longer than the stream's limit (64 KiB): say so, and hang up.
                    if let Some(out) = &out {
                        out.print(format!("Line too long: {}", e.message()));
                    }
                    writer.write(b"Error: line too long\r\n")?;
                    break;
                }
                Err(e) => return Err(e),
            };
            if data.is_empty() {
                break; // end of file: the client went away
            }
            let query = match String::from_utf8(data) {
                Ok(text) => py_strip(&text).to_string(),
                Err(_) => "\x00".to_string(), // UnicodeDecodeError
            };
            let peer = writer.get_extra_info("peername"); // as the twin does, printing or not
            if let Some(out) = &out {
                let host = match peer {
                    Value::Tuple(t) if !whole_peer => t[0].to_str(),
                    other => other.repr(),
                };
                out.print(format!("Received from {host}: {}", Value::from(query.as_str()).repr()));
            }
            if query.is_empty() {
                continue;
            }
            if query.chars().next().is_some_and(|c| (c as u32) < 32) {
                break;
            }
            let lines: Vec<String> = index.find_description_strs(&query).collect();
            if !lines.is_empty() {
                let encoded: Vec<Vec<u8>> = lines.iter().map(|l| [l.as_bytes(), CRLF].concat()).collect();
                writer.writelines(encoded.iter().map(Vec::as_slice))?;
            }
            writer.write(&[index.status(&query, lines.len()).as_bytes(), CRLF].concat())?;
            writer.drain(&co).await?;
            if let Some(out) = &out {
                out.print(format!("Sent {} results", lines.len()));
            }
        }
        if let Some(out) = &out {
            out.print("Close the client socket");
        }
        writer.close();
        Ok(Value::None)
    })
}

/// Python's `repr(bytes)`: `b'chess black'`, `b'\xff\xfe'`.
fn bytes_repr(data: &[u8]) -> String {
    let mut s = String::from("b'");
    for &b in data {
        match b {
            b'\\' => s.push_str("\\\\"),
            b'\'' => s.push_str("\\'"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push('\'');
    s
}

fn client(out: Console, name: &'static str, port: u16, queries: Vec<&'static [u8]>) -> Generator {
    Generator::coroutine("client", move |co| async move {
        let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
        for query in queries {
            let prompt = reader.readexactly(&co, PROMPT.len()).await?;
            let prompt = Value::from(String::from_utf8_lossy(&prompt).as_ref()).repr();
            out.print(format!("{name} got the prompt {prompt}, sends {}", bytes_repr(query)));
            writer.write(&[query, CRLF].concat())?;
            writer.drain(&co).await?;
            let blank = query.iter().all(u8::is_ascii_whitespace);
            if blank || query[0] < b' ' || query[0] > 0x7f {
                continue;
            }
            loop {
                let line = reader.readline(&co).await?;
                let line = String::from_utf8_lossy(&line);
                let line = line.trim_end_matches(['\r', '\n']);
                out.print(format!("{name}   {line}"));
                if !line.starts_with("U+") {
                    break;
                }
            }
        }
        let rest = reader.read(&co, 100).await?;
        out.print(format!("{name} reads {}: the server closed the connection", bytes_repr(&rest)));
        writer.close();
        writer.wait_closed(&co).await?;
        Ok(Value::None)
    })
}

fn main_coro(out: Console, index: Rc<UnicodeNameIndex>) -> Generator {
    Generator::coroutine("main", move |co| async move {
        let server_out = out.clone();
        let handler = move |reader, writer| {
            handle_queries(Some(server_out.clone()), index.clone(), reader, writer, false)
        };
        let server = aio::start_server(&co, handler, "127.0.0.1", 0).await?;
        let address = server.sockets()[0].getsockname()?;
        out.print(format!("Serving on {} (the OS chose the port)", address.ip()));
        let port = address.port();
        let one: Vec<&'static [u8]> = vec![b"chess black", b"", b"sun behind", b"\xff\xfe bad utf-8"];
        co.await_(client(out.clone(), "client 1", port, one)).await?;
        let two: Vec<&'static [u8]> =
            vec![b"cat face smiling", b"xyzzy", b"greek small letter alpha tonos", b"\x03"];
        co.await_(client(out.clone(), "client 2", port, two)).await?;
        server.close();
        server.wait_closed(&co).await?;
        out.print("Server shut down.");
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let index = Rc::new(UnicodeNameIndex::new()); // module level, as in the twin
    aio::run(main_coro(out.clone(), index.clone()))?;
    drop(index); // after the loop, as a module-level index outlives the twin's loop
    Ok(())
}

/// `corosim serve charfinder`: the course's server for real, on the real clock, for a
/// class to `nc 127.0.0.1 PORT` into. Prints its address, serves until Ctrl-C (SIGINT)
/// or SIGTERM, then closes the server and returns. `quiet`: print only the address and
/// the shutdown, not every query (for `corosim bench server`).
///
/// The signal reaches the loop as asyncio's `add_signal_handler` does: the handler
/// writes a byte to a socket the loop watches with `add_reader`.
pub fn serve(out: &Console, port: u16, quiet: bool) -> PyResult<()> {
    use std::os::fd::OwnedFd;
    use std::os::unix::net::UnixStream;
    let index = Rc::new(UnicodeNameIndex::new());
    let kept = index.clone();
    let (wake_read, wake_write) = UnixStream::pair().map_err(|e| aio::os_error(&e))?;
    let mut registered = Vec::new();
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let writer = wake_write.try_clone().map_err(|e| aio::os_error(&e))?;
        registered
            .push(signal_hook::low_level::pipe::register(signal, writer).map_err(|e| aio::os_error(&e))?);
    }
    let signals = aio::Socket::from_fd(OwnedFd::from(wake_read)).map_err(|e| aio::os_error(&e))?;
    let out = out.clone();
    let main = Generator::coroutine("main", move |co| async move {
        let lp = aio::get_running_loop()?;
        let server_out = (!quiet).then(|| out.clone());
        let handler =
            move |reader, writer| handle_queries(server_out.clone(), index.clone(), reader, writer, true);
        let server = aio::start_server(&co, handler, "127.0.0.1", port).await?;
        let address = aio::address_repr(&server.sockets()[0].getsockname()?);
        out.print(format!("Serving on {address}. Hit CTRL-C to stop."));
        let stop = lp.create_future();
        stop.set_label("a signal (Ctrl-C)");
        let (s, sock) = (stop.clone(), signals.clone());
        lp.add_reader(&signals, "_read_from_self", move || {
            let _ = sock.recv(64);
            if !s.done() {
                let _ = s.set_result(Value::None);
            }
        })?;
        co.await_(&stop).await?;
        lp.remove_reader(&signals);
        out.print("Server shutting down.");
        server.close();
        server.wait_closed(&co).await?;
        Ok(Value::None)
    });
    let outcome = aio::with_clock(aio::ClockKind::Real, || aio::run(main));
    drop(kept); // a big table: freed after the loop, not inside its last step
    for id in registered {
        signal_hook::low_level::unregister(id);
    }
    outcome.map(|_| ())
}
