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

/// `handle_queries(reader, writer)`: the coroutine each connection runs.
pub(crate) fn handle_queries(
    out: Console,
    index: Rc<UnicodeNameIndex>,
    reader: StreamReader,
    writer: StreamWriter,
) -> Generator {
    Generator::coroutine("handle_queries", move |co| async move {
        loop {
            writer.write(PROMPT)?;
            writer.drain(&co).await?;
            let data = reader.readline(&co).await?;
            let query = match String::from_utf8(data) {
                Ok(text) => py_strip(&text).to_string(),
                Err(_) => "\x00".to_string(), // UnicodeDecodeError
            };
            let host = match writer.get_extra_info("peername") {
                Value::Tuple(t) => t[0].to_str(),
                other => other.to_str(),
            };
            out.print(format!("Received from {host}: {}", Value::from(query.as_str()).repr()));
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
            out.print(format!("Sent {} results", lines.len()));
        }
        out.print("Close the client socket");
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
        let handler = move |reader, writer| handle_queries(server_out.clone(), index.clone(), reader, writer);
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
    aio::run(main_coro(out.clone(), index))?;
    Ok(())
}
