//! Streams (asyncio's `streams.py`): `start_server` and `open_connection`, with a
//! [`StreamReader`] and a [`StreamWriter`] for each connection.
//!
//! Streams are protocols made friendly to coroutines. The transport feeds a reader's
//! buffer (`data_received`); `await reader.readline()` takes a line from it, or parks the
//! task on a future until more bytes come (`waits to read from 127.0.0.1:53412`).
//! `writer.write(data)` never waits: it hands the bytes to the transport. `await
//! writer.drain()` is where a writer gives way: it waits only while the transport's
//! buffer is over its high-water mark, until the peer has read enough — a slow reader
//! slows its writer down (back-pressure).
//!
//! ```
//! use corosim::{Generator, aio::{self, StreamReader, StreamWriter}};
//! use std::rc::Rc;
//! let main = Generator::coroutine("main", |co| async move {
//!     // The server shouts back each line it gets.
//!     let shout = |reader: StreamReader, writer: StreamWriter| {
//!         Generator::coroutine("shout", move |co| async move {
//!             let line = reader.readline(&co).await?;
//!             writer.write(&line.to_ascii_uppercase())?;
//!             writer.drain(&co).await?;
//!             writer.close();
//!             Ok(().into())
//!         })
//!     };
//!     let server = aio::start_server(&co, shout, "127.0.0.1", 0).await?;
//!     let port = server.sockets()[0].getsockname()?.port();
//!     let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
//!     writer.write(b"hi there\n")?;
//!     let answer = reader.readline(&co).await?;
//!     assert!(reader.read(&co, 100).await?.is_empty()); // the server closed: EOF
//!     writer.close();
//!     writer.wait_closed(&co).await?;
//!     server.close();
//!     Ok(String::from_utf8_lossy(&answer).into_owned().into())
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "'HI THERE\\n'");
//! ```

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::event_loop::{EventLoop, get_running_loop};
use super::future::Future;
use super::transports::{Protocol, ProtocolFactory, Server, Transport};
use crate::exception::{
    CONNECTION_RESET_ERROR, INCOMPLETE_READ_ERROR, LIMIT_OVERRUN_ERROR, PyException, PyResult, RUNTIME_ERROR,
    VALUE_ERROR,
};
use crate::generator::{Co, Generator};
use crate::value::Value;

/// `asyncio.streams._DEFAULT_LIMIT`: 64 KiB, the longest line `readline` accepts.
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// What an `IncompleteReadError` carries: the bytes read (`e.partial`) and how many were
/// expected (`e.expected`, `None` for `readuntil`).
struct Incomplete {
    partial: Vec<u8>,
}

/// `IncompleteReadError(partial, expected)`: its message is CPython's, `"3 bytes read on
/// a total of 10 expected bytes"` (`undefined` when no count was asked for).
fn incomplete_read_error(partial: Vec<u8>, expected: Option<usize>) -> PyException {
    let expected_text = expected.map_or_else(|| "undefined".to_string(), |n| n.to_string());
    let e = PyException::new(
        INCOMPLETE_READ_ERROR,
        format!("{} bytes read on a total of {expected_text} expected bytes", partial.len()),
    );
    e.extra(|| Rc::new(Incomplete { partial }));
    e
}

/// `e.partial` of an `IncompleteReadError` (`None` for other exceptions).
pub fn incomplete_partial(e: &PyException) -> Option<Vec<u8>> {
    e.extra_if::<Incomplete>().map(|i| i.partial.clone())
}

/// `LimitOverrunError(message, consumed)`.
fn limit_overrun_error(message: &str, consumed: usize) -> (PyException, usize) {
    (PyException::new(LIMIT_OVERRUN_ERROR, message), consumed)
}

/// `asyncio.StreamReader`: a buffer the transport fills and coroutines read from.
#[derive(Clone)]
pub struct StreamReader(Rc<ReaderCell>);

struct ReaderCell {
    lp: EventLoop,
    limit: usize,
    buffer: RefCell<VecDeque<u8>>,
    eof: Cell<bool>,
    /// The future a read parks on until data or EOF arrives.
    waiter: RefCell<Option<Future>>,
    exception: RefCell<Option<PyException>>,
    transport: RefCell<Option<Transport>>,
    paused: Cell<bool>,
    /// Where the bytes come from, for the trace: `127.0.0.1:53412`.
    peer: RefCell<String>,
}

impl StreamReader {
    /// An empty reader on `lp`, not yet fed by any transport.
    fn on(lp: EventLoop, limit: usize) -> StreamReader {
        StreamReader(Rc::new(ReaderCell {
            lp,
            limit,
            buffer: RefCell::default(),
            eof: Cell::new(false),
            waiter: RefCell::new(None),
            exception: RefCell::new(None),
            transport: RefCell::new(None),
            paused: Cell::new(false),
            peer: RefCell::new("?".into()),
        }))
    }

    /// `StreamReader(limit)` on the running loop.
    pub fn new(limit: usize) -> PyResult<StreamReader> {
        if limit == 0 {
            return Err(PyException::new(VALUE_ERROR, "Limit cannot be <= 0"));
        }
        Ok(StreamReader::on(get_running_loop()?, limit))
    }

    /// `reader.exception()`.
    pub fn exception(&self) -> Option<PyException> {
        self.0.exception.borrow().clone()
    }

    /// `reader.set_exception(exc)`: every later read raises it.
    pub fn set_exception(&self, exc: PyException) {
        *self.0.exception.borrow_mut() = Some(exc.clone());
        if let Some(waiter) = self.0.waiter.borrow_mut().take()
            && !waiter.cancelled()
        {
            let _ = waiter.set_exception(exc);
        }
    }

    fn wakeup_waiter(&self) {
        if let Some(waiter) = self.0.waiter.borrow_mut().take()
            && !waiter.cancelled()
        {
            let _ = waiter.set_result(Value::None);
        }
    }

    fn set_transport(&self, transport: Transport) {
        if let Some(peer) = transport.peername() {
            *self.0.peer.borrow_mut() = peer.to_string();
        }
        *self.0.transport.borrow_mut() = Some(transport);
    }

    fn maybe_resume_transport(&self) {
        if self.0.paused.get() && self.0.buffer.borrow().len() <= self.0.limit {
            self.0.paused.set(false);
            if let Some(t) = &*self.0.transport.borrow() {
                t.resume_reading();
            }
        }
    }

    /// `reader.feed_eof()`.
    pub fn feed_eof(&self) {
        self.0.eof.set(true);
        self.wakeup_waiter();
    }

    /// `reader.at_eof()`: end of file seen and the buffer empty.
    pub fn at_eof(&self) -> bool {
        self.0.eof.get() && self.0.buffer.borrow().is_empty()
    }

    /// `reader.feed_data(data)`: more bytes (pauses the transport past twice the limit).
    pub fn feed_data(&self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        self.0.buffer.borrow_mut().extend(data);
        self.wakeup_waiter();
        let transport = self.0.transport.borrow().clone();
        if let Some(t) = transport
            && !self.0.paused.get()
            && self.0.buffer.borrow().len() > 2 * self.0.limit
        {
            t.pause_reading();
            self.0.paused.set(true);
        }
    }

    /// `_wait_for_data(func_name)`: parks until `feed_data` or `feed_eof`.
    async fn wait_for_data(&self, co: &Co, func_name: &str) -> PyResult<()> {
        if self.0.waiter.borrow().is_some() {
            return Err(PyException::new(
                RUNTIME_ERROR,
                format!("{func_name}() called while another coroutine is already waiting for incoming data"),
            ));
        }
        if self.0.paused.get() {
            self.0.paused.set(false);
            if let Some(t) = &*self.0.transport.borrow() {
                t.resume_reading();
            }
        }
        let waiter = self.0.lp.create_future();
        waiter.set_label(format!("read from {}", self.0.peer.borrow()));
        *self.0.waiter.borrow_mut() = Some(waiter.clone());
        let outcome = co.await_(&waiter).await;
        self.0.waiter.borrow_mut().take();
        outcome.map(|_| ())
    }

    fn raise_if_failed(&self) -> PyResult<()> {
        match self.exception() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn take(&self, n: usize) -> Vec<u8> {
        let data: Vec<u8> = self.0.buffer.borrow_mut().drain(..n).collect();
        self.maybe_resume_transport();
        data
    }

    /// `await reader.readline()`: one line, with its `\n`; what is left at EOF (maybe
    /// empty). A line longer than the limit is `ValueError` (and is dropped).
    pub async fn readline(&self, co: &Co) -> PyResult<Vec<u8>> {
        match self.readuntil_inner(co, b"\n").await {
            Ok(line) => Ok(line),
            Err(ReadUntil::Error(e)) if e.is_instance(INCOMPLETE_READ_ERROR) => {
                Ok(incomplete_partial(&e).unwrap_or_default())
            }
            Err(ReadUntil::Error(e)) => Err(e),
            Err(ReadUntil::Overrun(e, consumed)) => {
                let starts_with_sep = self.0.buffer.borrow().get(consumed) == Some(&b'\n');
                if starts_with_sep {
                    self.0.buffer.borrow_mut().drain(..consumed + 1);
                } else {
                    self.0.buffer.borrow_mut().clear();
                }
                self.maybe_resume_transport();
                Err(PyException::new(VALUE_ERROR, e.args().first().cloned().unwrap_or_default()))
            }
        }
    }

    /// `await reader.readuntil(separator)`: the bytes up to and including `separator`.
    /// `IncompleteReadError` at EOF without it; `LimitOverrunError` past the limit.
    pub async fn readuntil(&self, co: &Co, separator: &[u8]) -> PyResult<Vec<u8>> {
        self.readuntil_inner(co, separator).await.map_err(|e| match e {
            ReadUntil::Error(e) | ReadUntil::Overrun(e, _) => e,
        })
    }

    async fn readuntil_inner(&self, co: &Co, separator: &[u8]) -> Result<Vec<u8>, ReadUntil> {
        let seplen = separator.len();
        if seplen == 0 {
            return Err(ReadUntil::Error(PyException::new(
                VALUE_ERROR,
                "Separator should be at least one-byte string",
            )));
        }
        self.raise_if_failed().map_err(ReadUntil::Error)?;
        let mut offset = 0;
        let isep = loop {
            let buflen = self.0.buffer.borrow().len();
            if buflen - offset >= seplen {
                let found = {
                    let mut buf = self.0.buffer.borrow_mut();
                    let bytes = buf.make_contiguous();
                    find(&bytes[offset..], separator).map(|i| i + offset)
                };
                if let Some(i) = found {
                    break i;
                }
                offset = buflen + 1 - seplen;
                if offset > self.0.limit {
                    let (e, n) =
                        limit_overrun_error("Separator is not found, and chunk exceed the limit", offset);
                    return Err(ReadUntil::Overrun(e, n));
                }
            }
            if self.0.eof.get() {
                let chunk: Vec<u8> = self.0.buffer.borrow_mut().drain(..).collect();
                return Err(ReadUntil::Error(incomplete_read_error(chunk, None)));
            }
            self.wait_for_data(co, "readuntil").await.map_err(ReadUntil::Error)?;
        };
        if isep > self.0.limit {
            let (e, n) = limit_overrun_error("Separator is found, but chunk is longer than limit", isep);
            return Err(ReadUntil::Overrun(e, n));
        }
        Ok(self.take(isep + seplen))
    }

    /// `await reader.read(n)`: up to `n` bytes as soon as there are some; empty at EOF.
    /// `read_all` is `read(-1)`.
    pub async fn read(&self, co: &Co, n: usize) -> PyResult<Vec<u8>> {
        self.raise_if_failed()?;
        if n == 0 {
            return Ok(Vec::new());
        }
        if self.0.buffer.borrow().is_empty() && !self.0.eof.get() {
            self.wait_for_data(co, "read").await?;
        }
        let n = n.min(self.0.buffer.borrow().len());
        Ok(self.take(n))
    }

    /// `await reader.read()` (`read(-1)`): everything until EOF.
    pub async fn read_all(&self, co: &Co) -> PyResult<Vec<u8>> {
        let mut all = Vec::new();
        loop {
            let block = self.read(co, self.0.limit).await?;
            if block.is_empty() {
                return Ok(all);
            }
            all.extend(block);
        }
    }

    /// `await reader.readexactly(n)`: exactly `n` bytes; `IncompleteReadError` if EOF
    /// comes first.
    pub async fn readexactly(&self, co: &Co, n: usize) -> PyResult<Vec<u8>> {
        self.raise_if_failed()?;
        if n == 0 {
            return Ok(Vec::new());
        }
        while self.0.buffer.borrow().len() < n {
            if self.0.eof.get() {
                let partial: Vec<u8> = self.0.buffer.borrow_mut().drain(..).collect();
                return Err(incomplete_read_error(partial, Some(n)));
            }
            self.wait_for_data(co, "readexactly").await?;
        }
        Ok(self.take(n))
    }
}

enum ReadUntil {
    Error(PyException),
    /// A `LimitOverrunError` and its `consumed`.
    Overrun(PyException, usize),
}

/// Where `needle` (not empty) first occurs in `haystack`: a scan for its first byte, then a
/// look at the rest (a `readline` is one byte scan, not a comparison at every offset).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// `StreamReaderProtocol`: the protocol that feeds a [`StreamReader`], and (on a
/// server) starts the client-connected coroutine. It also holds the writer's flow
/// control (`FlowControlMixin`): `drain()` waits on it while writing is paused.
struct StreamReaderProtocol {
    lp: EventLoop,
    reader: RefCell<Option<StreamReader>>,
    client_connected_cb: Option<ClientConnected>,
    paused: Cell<bool>,
    drain_waiters: RefCell<Vec<Future>>,
    connection_lost: Cell<bool>,
    /// Done when the connection is lost (`writer.wait_closed()`).
    closed: Future,
}

/// What `start_server` calls for each connection: a coroutine given its reader and
/// writer (`handle_queries(reader, writer)`).
pub type ClientConnected = Rc<dyn Fn(StreamReader, StreamWriter) -> Generator>;

impl StreamReaderProtocol {
    fn new(lp: &EventLoop, reader: StreamReader, cb: Option<ClientConnected>) -> Rc<StreamReaderProtocol> {
        let closed = lp.create_future();
        closed.set_label("connection lost");
        Rc::new(StreamReaderProtocol {
            lp: lp.clone(),
            reader: RefCell::new(Some(reader)),
            client_connected_cb: cb,
            paused: Cell::new(false),
            drain_waiters: RefCell::default(),
            connection_lost: Cell::new(false),
            closed,
        })
    }

    /// `FlowControlMixin._drain_helper`. `peer` names the connection in the trace, only
    /// when the writer has to wait.
    async fn drain_helper(&self, co: &Co, peer: impl FnOnce() -> String) -> PyResult<()> {
        if self.connection_lost.get() {
            return Err(PyException::new(CONNECTION_RESET_ERROR, "Connection lost"));
        }
        if !self.paused.get() {
            return Ok(());
        }
        let waiter = self.lp.create_future();
        waiter.set_label(format!("write to {}", peer()));
        self.drain_waiters.borrow_mut().push(waiter.clone());
        let outcome = co.await_(&waiter).await;
        self.drain_waiters.borrow_mut().retain(|w| !w.is(&waiter));
        outcome.map(|_| ())
    }
}

/// The protocol as a transport holds it: a handle to the shared one.
struct ProtocolHandle(Rc<StreamReaderProtocol>);

impl Protocol for ProtocolHandle {
    fn connection_made(&self, transport: &Transport) {
        let p = &self.0;
        let reader = p.reader.borrow().clone();
        if let Some(reader) = &reader {
            reader.set_transport(transport.clone());
        }
        if let (Some(cb), Some(reader)) = (&p.client_connected_cb, reader) {
            let writer = StreamWriter {
                transport: transport.clone(),
                protocol: p.clone(),
                reader: Some(reader.clone()),
            };
            let task = p.lp.create_task(cb(reader, writer));
            let (lp, t) = (p.lp.clone(), transport.clone());
            task.add_done_callback("callback", move |task| {
                if let Ok(Some(exc)) = task.exception() {
                    lp.warn(format!("Unhandled exception in client_connected_cb\n{exc}"));
                    t.close();
                }
            });
        }
    }

    fn data_received(&self, _transport: &Transport, data: &[u8]) {
        if let Some(reader) = &*self.0.reader.borrow() {
            reader.feed_data(data);
        }
    }

    fn eof_received(&self, _transport: &Transport) -> bool {
        if let Some(reader) = &*self.0.reader.borrow() {
            reader.feed_eof();
        }
        true
    }

    fn connection_lost(&self, exc: Option<PyException>) {
        let p = &self.0;
        let reader = p.reader.borrow_mut().take();
        if let Some(reader) = reader {
            match &exc {
                None => reader.feed_eof(),
                Some(e) => reader.set_exception(e.clone()),
            }
        }
        if !p.closed.done() {
            let _ = match &exc {
                None => p.closed.set_result(Value::None),
                Some(e) => p.closed.set_exception(e.clone()),
            };
        }
        // FlowControlMixin.connection_lost: wake the writers if paused.
        p.connection_lost.set(true);
        if !p.paused.get() {
            return;
        }
        for waiter in p.drain_waiters.borrow().iter() {
            if !waiter.done() {
                let _ = match &exc {
                    None => waiter.set_result(Value::None),
                    Some(e) => waiter.set_exception(e.clone()),
                };
            }
        }
    }

    fn pause_writing(&self) {
        self.0.paused.set(true);
    }

    fn resume_writing(&self) {
        self.0.paused.set(false);
        for waiter in self.0.drain_waiters.borrow().iter() {
            if !waiter.done() {
                let _ = waiter.set_result(Value::None);
            }
        }
    }
}

/// `asyncio.StreamWriter`: writes through a transport; `drain()` is where it waits.
#[derive(Clone)]
pub struct StreamWriter {
    transport: Transport,
    protocol: Rc<StreamReaderProtocol>,
    reader: Option<StreamReader>,
}

impl StreamWriter {
    /// `writer.transport`.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// `writer.write(data)`: never waits (follow it with `drain()`).
    pub fn write(&self, data: &[u8]) -> PyResult<()> {
        self.transport.write(data)
    }

    /// `writer.writelines(lines)`.
    pub fn writelines<'a>(&self, lines: impl IntoIterator<Item = &'a [u8]>) -> PyResult<()> {
        self.transport.writelines(lines)
    }

    /// `writer.write_eof()`.
    pub fn write_eof(&self) {
        self.transport.write_eof()
    }

    /// `writer.close()`.
    pub fn close(&self) {
        self.transport.close()
    }

    /// `writer.is_closing()`.
    pub fn is_closing(&self) -> bool {
        self.transport.is_closing()
    }

    /// `await writer.wait_closed()`: until the connection is lost.
    pub async fn wait_closed(&self, co: &Co) -> PyResult<()> {
        co.await_(&self.protocol.closed).await.map(|_| ())
    }

    /// `writer.get_extra_info(name)`: `'peername'`, `'sockname'`, `'socket'`.
    pub fn get_extra_info(&self, name: &str) -> Value {
        self.transport.get_extra_info(name)
    }

    /// `await writer.drain()`: waits while the transport's buffer is over its high-water
    /// mark; raises the reader's error, or `ConnectionResetError('Connection lost')` if
    /// the connection is gone.
    pub async fn drain(&self, co: &Co) -> PyResult<()> {
        if let Some(reader) = &self.reader
            && let Some(exc) = reader.exception()
        {
            return Err(exc);
        }
        if self.transport.is_closing() {
            // Let connection_lost() run first, so a write after the peer closed fails.
            co.await_(super::sleep(0.0)).await?;
        }
        let transport = &self.transport;
        let peer = || transport.peername().map_or_else(|| "?".into(), |a| a.to_string());
        self.protocol.drain_helper(co, peer).await
    }
}

/// `await asyncio.open_connection(host, port)`: a connected (reader, writer) pair.
pub async fn open_connection(co: &Co, host: &str, port: u16) -> PyResult<(StreamReader, StreamWriter)> {
    open_connection_with_limit(co, host, port, DEFAULT_LIMIT).await
}

/// `open_connection(host, port, limit=limit)`.
pub async fn open_connection_with_limit(
    co: &Co,
    host: &str,
    port: u16,
    limit: usize,
) -> PyResult<(StreamReader, StreamWriter)> {
    let lp = get_running_loop()?;
    let reader = StreamReader::new(limit)?;
    let protocol = StreamReaderProtocol::new(&lp, reader.clone(), None);
    let handle = Rc::new(ProtocolHandle(protocol.clone()));
    let (transport, _) = lp.create_connection(co, move || handle, host, port).await?;
    let writer = StreamWriter { transport, protocol, reader: Some(reader.clone()) };
    Ok((reader, writer))
}

/// `await asyncio.start_server(client_connected_cb, host, port)`: a [`Server`] whose
/// every connection runs `client_connected_cb(reader, writer)` as a task.
pub async fn start_server(
    co: &Co,
    client_connected_cb: impl Fn(StreamReader, StreamWriter) -> Generator + 'static,
    host: &str,
    port: u16,
) -> PyResult<Server> {
    start_server_with_limit(co, client_connected_cb, host, port, DEFAULT_LIMIT).await
}

/// `start_server(client_connected_cb, host, port, limit=limit)`.
pub async fn start_server_with_limit(
    co: &Co,
    client_connected_cb: impl Fn(StreamReader, StreamWriter) -> Generator + 'static,
    host: &str,
    port: u16,
    limit: usize,
) -> PyResult<Server> {
    let lp = get_running_loop()?;
    let cb: ClientConnected = Rc::new(client_connected_cb);
    let factory_loop = lp.clone();
    let factory: ProtocolFactory = Rc::new(move || {
        let reader = StreamReader::on(factory_loop.clone(), limit);
        Rc::new(ProtocolHandle(StreamReaderProtocol::new(&factory_loop, reader, Some(cb.clone()))))
            as Rc<dyn Protocol>
    });
    lp.create_server_with(co, factory, host, port).await
}
