//! The charfinder index behind a minimal HTTP/1.1 server on streams: `GET /?query=words`
//! answers with the matching characters, as plain text. No web framework: the handler
//! reads the request head with `readuntil(b"\r\n\r\n")`, parses the request line and the
//! headers (`httparse`), and writes a response with a `Content-Length`; a malformed
//! request gets `400 Bad Request`. Scripted clients on loopback ask good and bad
//! questions; the OS picks the port.

use std::rc::Rc;

use super::charfinder::UnicodeNameIndex;
use crate::aio::{self, StreamReader, StreamWriter};
use crate::exception::INCOMPLETE_READ_ERROR;
use crate::{Console, Generator, PyResult, Value};

/// Why a request head is malformed, in the twin's words.
fn bad_request(head: &[u8], error: httparse::Error) -> String {
    let text: String = head.iter().map(|&b| b as char).collect(); // latin-1
    let lines: Vec<&str> = text.split("\r\n").collect();
    let repr = |s: &str| Value::from(s).repr();
    match error {
        httparse::Error::Version => {
            let version = lines[0].rsplit(' ').next().unwrap_or("");
            format!("bad version {}", repr(version))
        }
        httparse::Error::HeaderName | httparse::Error::HeaderValue => {
            // The first header line that is not `name: value`.
            let bad = lines[1..].iter().find(|l| !l.is_empty() && !l.contains(':')).copied().unwrap_or("");
            format!("bad header {}", repr(bad))
        }
        _ => format!("bad request line {}", repr(lines[0])),
    }
}

/// The request head's method and target, or what is wrong with it.
fn parse_head(head: &[u8]) -> Result<(String, String), String> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut request = httparse::Request::new(&mut headers);
    match request.parse(head) {
        Ok(httparse::Status::Complete(_)) => {
            let method = request.method.unwrap_or_default().to_string();
            let target = request.path.unwrap_or_default().to_string();
            Ok((method, target))
        }
        Ok(httparse::Status::Partial) => Err(format!("bad request line {}", Value::from("").repr())),
        Err(e) => Err(bad_request(head, e)),
    }
}

fn respond(
    co: &crate::Co,
    writer: &StreamWriter,
    status: &str,
    text: &str,
) -> impl std::future::Future<Output = PyResult<()>> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        text.len()
    );
    let message = [head.as_bytes(), text.as_bytes()].concat();
    async move {
        writer.write(&message)?;
        writer.drain(co).await?;
        writer.close();
        Ok(())
    }
}

/// `handle_http(reader, writer)`: one request per connection.
fn handle_http(
    out: Console,
    index: Rc<UnicodeNameIndex>,
    reader: StreamReader,
    writer: StreamWriter,
) -> Generator {
    Generator::coroutine("handle_http", move |co| async move {
        let head = match reader.readuntil(&co, b"\r\n\r\n").await {
            Ok(head) => head,
            Err(e) if e.is_instance(INCOMPLETE_READ_ERROR) => {
                writer.close();
                return Ok(Value::None);
            }
            Err(e) => return Err(e),
        };
        let (method, target) = match parse_head(&head) {
            Ok(found) => found,
            Err(why) => {
                out.print(format!("Bad request: {why}"));
                respond(&co, &writer, "400 Bad Request", "400 Bad Request\n").await?;
                return Ok(Value::None);
            }
        };
        let (path, query_string) = target.split_once('?').unwrap_or((&target, ""));
        if method != "GET" {
            out.print(format!("{method} {path}: not allowed"));
            respond(&co, &writer, "405 Method Not Allowed", "405 Method Not Allowed\n").await?;
            return Ok(Value::None);
        }
        if path != "/" {
            out.print(format!("GET {path}: not found"));
            respond(&co, &writer, "404 Not Found", "404 Not Found\n").await?;
            return Ok(Value::None);
        }
        // parse_qs(query_string).get("query", [""])[0]: blank values are dropped.
        let query = form_urlencoded::parse(query_string.as_bytes())
            .find(|(k, v)| k == "query" && !v.is_empty())
            .map(|(_, v)| super::charfinder_tcp::py_strip(&v).to_string())
            .unwrap_or_default();
        out.print(format!("Query: {}", Value::from(query.as_str()).repr()));
        let (count, text) = if query.is_empty() {
            (0, "Enter words describing characters.\n".to_string())
        } else {
            let lines: Vec<String> = index.find_description_strs(&query).collect();
            let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
            text += &format!("{}\n", index.status(&query, lines.len()));
            (lines.len(), text)
        };
        respond(&co, &writer, "200 OK", &text).await?;
        out.print(format!("Sending {count} results"));
        Ok(Value::None)
    })
}

fn ask(out: Console, port: u16, request: Vec<u8>) -> Generator {
    Generator::coroutine("ask", move |co| async move {
        let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
        writer.write(&request)?;
        writer.drain(&co).await?;
        let response = reader.read_all(&co).await?;
        writer.close();
        writer.wait_closed(&co).await?;
        let text = String::from_utf8_lossy(&response);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        out.print(format!("  -> {}", head.split("\r\n").next().unwrap_or("")));
        for line in body.lines() {
            out.print(format!("     {line}"));
        }
        Ok(Value::None)
    })
}

fn get(target: &str) -> Vec<u8> {
    format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: scripted\r\n\r\n").into_bytes()
}

fn main_coro(out: Console, index: Rc<UnicodeNameIndex>) -> Generator {
    Generator::coroutine("main", move |co| async move {
        let server_out = out.clone();
        let handler = move |reader, writer| handle_http(server_out.clone(), index.clone(), reader, writer);
        let server = aio::start_server(&co, handler, "127.0.0.1", 0).await?;
        let address = server.sockets()[0].getsockname()?;
        out.print(format!("Serving on {} (the OS chose the port)", address.ip()));
        let requests: Vec<Vec<u8>> = vec![
            get("/?query=chess+black+king"),
            get("/?query=hot%20beverage"),
            get("/?query=%E2%98%95"),
            get("/"),
            get("/favicon.ico"),
            b"POST /?query=sun HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(),
            b"HELLO\r\n\r\n".to_vec(),
            b"GET /?query=sun HTTP/2.0\r\n\r\n".to_vec(),
            b"GET /?query=sun HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(),
        ];
        for request in requests {
            let first: String =
                request.split(|&b| b == b'\r').next().unwrap_or(&[]).iter().map(|&b| b as char).collect();
            out.print(format!("request {}", Value::from(first.as_str()).repr()));
            co.await_(ask(out.clone(), address.port(), request)).await?;
        }
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
