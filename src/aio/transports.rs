//! Transports and protocols (asyncio's `transports.py`, `protocols.py`, the socket
//! transport of `selector_events.py`, and `Server`, `create_server`, `create_connection`
//! of `base_events.py`).
//!
//! A **protocol** is the program's side of a connection: callbacks the loop calls —
//! `connection_made(transport)`, `data_received(data)`, `eof_received()`,
//! `connection_lost(exc)`. A **transport** is the loop's side: it owns the socket, reads
//! whenever the selector says it can (and hands the bytes to `data_received`), and
//! buffers what `write` could not send at once, sending it as room appears. When its
//! buffer grows past the *high-water mark* (64 KiB) it asks the protocol to
//! `pause_writing()`, and to `resume_writing()` once it has drained below the low-water
//! mark (16 KiB): the back-pressure `StreamWriter.drain()` waits on.
//!
//! One difference from CPython, for speed, that no peer can see: `write` keeps the bytes
//! until the end of the loop's turn and then sends everything the turn wrote in one
//! `send` (see `selector.rs`); CPython calls `send` at each `write`. Bytes kept so count
//! as sent (`get_write_buffer_size()` is 0 after a `write` that fits), and past the
//! high-water mark a `write` sends at once, so back-pressure is what CPython's would be.
//!
//! ```
//! use corosim::{Generator, aio::{self, Protocol, Transport}};
//! use std::rc::Rc;
//! struct Echo;
//! impl Protocol for Echo {
//!     fn data_received(&self, transport: &Transport, data: &[u8]) { transport.write(data).unwrap(); }
//! }
//! let main = Generator::coroutine("main", |co| async move {
//!     let lp = aio::get_running_loop()?;
//!     let server = lp.create_server(&co, || Rc::new(Echo), "127.0.0.1", 0).await?;
//!     let port = server.sockets()[0].getsockname()?.port();
//!     let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
//!     writer.write(b"hello\n")?;
//!     let line = reader.readline(&co).await?;
//!     writer.close();
//!     server.close();
//!     Ok(String::from_utf8_lossy(&line).into_owned().into())
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "'hello\\n'");
//! ```

use std::cell::{Cell, RefCell};
use std::net::SocketAddr;
use std::rc::Rc;

use super::event_loop::EventLoop;
use super::events::Resource;
use super::future::Future;
use super::selector::{Corked, os_error};
use super::sockets::{Socket, address_value, resolve};
use crate::exception::{CANCELLED_ERROR, PyException, PyResult, RUNTIME_ERROR};
use crate::generator::{Co, Generator};
use crate::value::Value;

/// How much one read asks the socket for (`_SelectorTransport.max_size`).
const MAX_SIZE: usize = 256 * 1024;

/// `asyncio.Protocol`: the callbacks a connection calls. Every method has a default
/// that does nothing (`eof_received` returns false: close the transport), as in Python.
/// Each gets the transport it belongs to, which `connection_made` also hands over once.
pub trait Protocol {
    /// The connection is up; keep `transport` to write to it.
    fn connection_made(&self, transport: &Transport) {
        let _ = transport;
    }
    /// Bytes arrived.
    fn data_received(&self, transport: &Transport, data: &[u8]) {
        let _ = (transport, data);
    }
    /// The peer sent end-of-file. Return true to keep the transport open (to write on).
    fn eof_received(&self, transport: &Transport) -> bool {
        let _ = transport;
        false
    }
    /// The connection is closed: `None` for an orderly close, else the error.
    fn connection_lost(&self, exc: Option<PyException>) {
        let _ = exc;
    }
    /// The transport's buffer went over the high-water mark: stop writing.
    fn pause_writing(&self) {}
    /// The buffer drained below the low-water mark: write again.
    fn resume_writing(&self) {}
}

/// A protocol factory: `create_server` calls it once per connection.
pub type ProtocolFactory = Rc<dyn Fn() -> Rc<dyn Protocol>>;

/// `_SelectorSocketTransport`: a connected socket, buffered writes, and the protocol it
/// feeds. Cloning gives another reference to the same transport.
#[derive(Clone)]
pub struct Transport(Rc<TransportCell>);

struct TransportCell {
    /// This transport, for the selector to hold while it has corked bytes.
    me: std::rc::Weak<TransportCell>,
    lp: EventLoop,
    sock: Socket,
    protocol: RefCell<Option<Rc<dyn Protocol>>>,
    server: RefCell<Option<Server>>,
    buffer: RefCell<Vec<u8>>,
    /// What this turn wrote, to send when it ends (empty whenever `buffer` is not).
    corked: RefCell<Vec<u8>>,
    peername: Option<SocketAddr>,
    sockname: Option<SocketAddr>,
    /// Set when `connection_lost` is scheduled (counts writes after that, as asyncio).
    conn_lost: Cell<u32>,
    closing: Cell<bool>,
    /// `pause_reading()` was called.
    paused: Cell<bool>,
    eof: Cell<bool>,
    protocol_paused: Cell<bool>,
    high_water: Cell<usize>,
    low_water: Cell<usize>,
}

thread_local! {
    /// One read buffer for every transport on this thread (reads never nest): a
    /// thousand idle connections do not each keep 256 KiB.
    static READ_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl Transport {
    /// `_SelectorSocketTransport(loop, sock, protocol, waiter, extra, server)`: schedules
    /// `connection_made`, then reading, then `waiter`'s result, in that order.
    fn new(
        lp: &EventLoop,
        sock: Socket,
        protocol: Rc<dyn Protocol>,
        waiter: Option<Future>,
        server: Option<Server>,
    ) -> Transport {
        let _ = sock.set_nodelay();
        let transport = Transport(Rc::new_cyclic(|me| TransportCell {
            me: me.clone(),
            lp: lp.clone(),
            peername: sock.getpeername().ok(),
            sockname: sock.getsockname().ok(),
            sock,
            protocol: RefCell::new(Some(protocol.clone())),
            server: RefCell::new(server.clone()),
            buffer: RefCell::default(),
            corked: RefCell::default(),
            conn_lost: Cell::new(0),
            closing: Cell::new(false),
            paused: Cell::new(false),
            eof: Cell::new(false),
            protocol_paused: Cell::new(false),
            high_water: Cell::new(64 * 1024),
            low_water: Cell::new(16 * 1024),
        }));
        if let Some(server) = &server {
            server.0.active_count.set(server.0.active_count.get() + 1);
        }
        let weak: std::rc::Weak<dyn Resource> = Rc::downgrade(&transport.0) as std::rc::Weak<TransportCell>;
        lp.0.track(weak);
        let t = transport.clone();
        lp.call_soon("connection_made", move || protocol.connection_made(&t));
        let t = transport.clone();
        lp.call_soon("_add_reader", move || t.start_reading());
        if let Some(waiter) = waiter {
            lp.call_soon("_set_result_unless_cancelled", move || {
                waiter.set_result_unless_cancelled(Value::None)
            });
        }
        transport
    }

    fn protocol(&self) -> Option<Rc<dyn Protocol>> {
        self.0.protocol.borrow().clone()
    }

    /// `_add_reader(fd, _read_ready)`, unless closing or paused.
    fn start_reading(&self) {
        if !self.is_reading() {
            return;
        }
        // The selector holds the transport while it reads (as asyncio's handle holds
        // the bound method `_read_ready`); closing unregisters, which lets it go.
        let t = self.clone();
        let _ = self.0.lp.add_reader(&self.0.sock, "_read_ready", move || t.read_ready());
    }

    /// `_read_ready__data_received`: one `recv`, handed to the protocol.
    fn read_ready(&self) {
        if self.0.conn_lost.get() > 0 {
            return;
        }
        let got = READ_BUFFER.with(|b| {
            let mut buf = b.borrow_mut();
            if buf.len() < MAX_SIZE {
                buf.resize(MAX_SIZE, 0);
            }
            self.0.sock.recv_into(&mut buf).map(|n| buf[..n].to_vec())
        });
        let data = match got {
            Ok(data) => data,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
            Err(e) => return self.fatal_error(os_error(&e)),
        };
        let Some(protocol) = self.protocol() else { return };
        if data.is_empty() {
            // `_read_ready__on_eof`
            if protocol.eof_received(self) {
                self.0.lp.remove_reader(&self.0.sock);
            } else {
                self.close();
            }
            return;
        }
        protocol.data_received(self, &data);
    }

    /// `transport.write(data)`: sends what the socket takes (at the end of this turn),
    /// buffers the rest (and asks the protocol to pause above the high-water mark).
    pub fn write(&self, data: &[u8]) -> PyResult<()> {
        self.write_parts(std::iter::once(data))
    }

    /// `write` of the parts one after the other, without joining them first.
    fn write_parts<'a>(&self, parts: impl IntoIterator<Item = &'a [u8]>) -> PyResult<()> {
        if self.0.eof.get() {
            return Err(PyException::new(RUNTIME_ERROR, "Cannot call write() after write_eof()"));
        }
        let mut parts = parts.into_iter().filter(|p| !p.is_empty()).peekable();
        if parts.peek().is_none() {
            return Ok(());
        }
        if self.0.conn_lost.get() > 0 {
            let n = self.0.conn_lost.get() + 1;
            self.0.conn_lost.set(n);
            if n > 5 {
                // constants.LOG_THRESHOLD_FOR_CONNLOST_WRITES
                self.0.lp.warn("socket.send() raised exception.".into());
            }
            return Ok(());
        }
        if !self.0.buffer.borrow().is_empty() {
            // Waiting for room already: in the queue behind the rest, as in CPython.
            let mut buffer = self.0.buffer.borrow_mut();
            parts.for_each(|p| buffer.extend_from_slice(p));
            drop(buffer);
            self.maybe_pause_protocol();
            return Ok(());
        }
        // CPython would `send` now; the bytes wait for the end of the turn instead, with
        // whatever else the turn writes, unless they pass the high-water mark.
        let mut corked = self.0.corked.borrow_mut();
        if corked.is_empty()
            && let Some(me) = self.0.me.upgrade()
        {
            self.0.lp.0.selector.cork(me);
        }
        parts.for_each(|p| corked.extend_from_slice(p));
        let full = corked.len() > self.0.high_water.get();
        drop(corked);
        if full {
            self.send_corked_now()?;
        }
        Ok(())
    }

    /// `transport.writelines(list_of_data)`.
    pub fn writelines<'a>(&self, lines: impl IntoIterator<Item = &'a [u8]>) -> PyResult<()> {
        self.write_parts(lines)
    }

    /// Sends the corked bytes (what the socket takes; the rest goes in the buffer, to
    /// send when the socket is writable). The selector still lists this transport; its
    /// `send_corked` then finds nothing to send.
    fn send_corked_now(&self) -> PyResult<()> {
        let data = std::mem::take(&mut *self.0.corked.borrow_mut());
        if data.is_empty() || self.0.conn_lost.get() > 0 {
            return Ok(());
        }
        let mut rest = &data[..];
        match self.0.sock.send(rest) {
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => {
                self.fatal_error(os_error(&e));
                return Ok(());
            }
        }
        if !rest.is_empty() {
            let t = self.clone();
            self.0.lp.add_writer(&self.0.sock, "_write_ready", move || t.write_ready())?;
            self.0.buffer.borrow_mut().extend_from_slice(rest);
            self.maybe_pause_protocol();
        }
        // The bytes' memory goes now: a thousand idle connections keep none.
        Ok(())
    }

    /// `_write_ready`: the socket has room; send from the buffer.
    fn write_ready(&self) {
        if self.0.conn_lost.get() > 0 {
            return;
        }
        let sent = self.0.sock.send(&self.0.buffer.borrow());
        match sent {
            Ok(n) => {
                self.0.buffer.borrow_mut().drain(..n);
                self.maybe_resume_protocol();
                if self.0.buffer.borrow().is_empty() {
                    self.0.lp.remove_writer(&self.0.sock);
                    if self.0.closing.get() {
                        self.call_connection_lost(None);
                    } else if self.0.eof.get() {
                        let _ = self.0.sock.shutdown_write();
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => {
                self.0.lp.remove_writer(&self.0.sock);
                self.0.buffer.borrow_mut().clear();
                self.fatal_error(os_error(&e));
            }
        }
    }

    fn maybe_pause_protocol(&self) {
        if self.get_write_buffer_size() <= self.0.high_water.get() || self.0.protocol_paused.get() {
            return;
        }
        self.0.protocol_paused.set(true);
        if let Some(p) = self.protocol() {
            p.pause_writing();
        }
    }

    fn maybe_resume_protocol(&self) {
        if self.0.protocol_paused.get() && self.get_write_buffer_size() <= self.0.low_water.get() {
            self.0.protocol_paused.set(false);
            if let Some(p) = self.protocol() {
                p.resume_writing();
            }
        }
    }

    /// `transport.get_write_buffer_size()`: bytes written but not yet sent.
    pub fn get_write_buffer_size(&self) -> usize {
        self.0.buffer.borrow().len()
    }

    /// `transport.set_write_buffer_limits(high, low)`: `low` defaults to `high // 4`.
    pub fn set_write_buffer_limits(&self, high: usize, low: Option<usize>) -> PyResult<()> {
        let low = low.unwrap_or(high / 4);
        if low > high {
            return Err(PyException::new(
                crate::exception::VALUE_ERROR,
                format!("high ({high}) must be >= low ({low}) must be >= 0"),
            ));
        }
        self.0.high_water.set(high);
        self.0.low_water.set(low);
        self.maybe_pause_protocol();
        Ok(())
    }

    /// `transport.write_eof()`: end-of-file after the buffered data.
    pub fn write_eof(&self) {
        if self.0.closing.get() || self.0.eof.get() {
            return;
        }
        let _ = self.send_corked_now();
        self.0.eof.set(true);
        if self.0.buffer.borrow().is_empty() {
            let _ = self.0.sock.shutdown_write();
        }
    }

    /// `transport.can_write_eof()`: a TCP transport can.
    pub fn can_write_eof(&self) -> bool {
        true
    }

    /// `transport.is_closing()`.
    pub fn is_closing(&self) -> bool {
        self.0.closing.get()
    }

    /// `transport.is_reading()`.
    pub fn is_reading(&self) -> bool {
        !self.0.closing.get() && !self.0.paused.get()
    }

    /// `transport.pause_reading()`: stop watching the socket for data.
    pub fn pause_reading(&self) {
        if !self.is_reading() {
            return;
        }
        self.0.paused.set(true);
        self.0.lp.remove_reader(&self.0.sock);
    }

    /// `transport.resume_reading()`.
    pub fn resume_reading(&self) {
        if self.0.closing.get() || !self.0.paused.get() {
            return;
        }
        self.0.paused.set(false);
        self.start_reading();
    }

    /// `transport.close()`: stop reading; once the buffer is sent, close the socket
    /// and call `connection_lost(None)` (on the next turn).
    pub fn close(&self) {
        if !self.0.closing.get() {
            // What was written before `close` goes first (a failure closes it too).
            let _ = self.send_corked_now();
        }
        if self.0.closing.replace(true) {
            return;
        }
        self.0.lp.remove_reader(&self.0.sock);
        if self.0.buffer.borrow().is_empty() {
            self.0.conn_lost.set(self.0.conn_lost.get() + 1);
            self.0.lp.remove_writer(&self.0.sock);
            let t = self.clone();
            self.0.lp.call_soon("_call_connection_lost", move || t.call_connection_lost(None));
        }
    }

    /// `transport.abort()`: close now, dropping the buffer.
    pub fn abort(&self) {
        // Corked bytes count as sent already (CPython's `write` would have sent them).
        let _ = self.send_corked_now();
        self.force_close(None);
    }

    fn fatal_error(&self, exc: PyException) {
        self.force_close(Some(exc));
    }

    fn force_close(&self, exc: Option<PyException>) {
        if self.0.conn_lost.get() > 0 {
            return;
        }
        if !self.0.buffer.borrow().is_empty() {
            self.0.buffer.borrow_mut().clear();
            self.0.lp.remove_writer(&self.0.sock);
        }
        if !self.0.closing.replace(true) {
            self.0.lp.remove_reader(&self.0.sock);
        }
        self.0.conn_lost.set(self.0.conn_lost.get() + 1);
        let t = self.clone();
        self.0.lp.call_soon("_call_connection_lost", move || t.call_connection_lost(exc));
    }

    fn call_connection_lost(&self, exc: Option<PyException>) {
        let protocol = self.0.protocol.borrow_mut().take();
        if let Some(p) = protocol {
            p.connection_lost(exc);
        }
        // Unregister before closing: the selector must not watch a closed descriptor.
        self.0.lp.remove_reader(&self.0.sock);
        self.0.lp.remove_writer(&self.0.sock);
        self.0.sock.close();
        if let Some(server) = self.0.server.borrow_mut().take() {
            server.detach();
        }
    }

    /// `transport.get_extra_info(name)`: `'peername'` and `'sockname'` (the address
    /// tuples), `'socket'` (its repr); `None` for anything else.
    pub fn get_extra_info(&self, name: &str) -> Value {
        match name {
            "peername" => self.0.peername.as_ref().map_or(Value::None, address_value),
            "sockname" => self.0.sockname.as_ref().map_or(Value::None, address_value),
            "socket" => Value::from(self.0.sock.repr()),
            _ => Value::None,
        }
    }

    /// The peer's address, if connected.
    pub fn peername(&self) -> Option<SocketAddr> {
        self.0.peername
    }

    /// The loop it runs on.
    pub fn get_loop(&self) -> EventLoop {
        self.0.lp.clone()
    }
}

impl Resource for TransportCell {
    /// The loop closed with the connection open: close the socket, and let go of the
    /// protocol (which may hold this transport: the cycle ends here).
    fn close_now(&self) {
        self.closing.set(true);
        self.protocol.borrow_mut().take();
        self.buffer.borrow_mut().clear();
        self.corked.borrow_mut().clear();
        self.server.borrow_mut().take();
        self.sock.close();
    }
}

impl Corked for TransportCell {
    fn send_corked(&self) {
        if let Some(me) = self.me.upgrade() {
            let _ = Transport(me).send_corked_now();
        }
    }
}

impl Resource for ServerCell {
    /// The loop closed with the server listening: close the listening sockets.
    fn close_now(&self) {
        for sock in self.sockets.borrow_mut().take().into_iter().flatten() {
            sock.close();
        }
        self.serving.set(false);
        self.serving_forever.borrow_mut().take();
        self.waiters.borrow_mut().take();
    }
}

/// `asyncio.Server`: listening sockets and the connections they accepted.
#[derive(Clone)]
pub struct Server(Rc<ServerCell>);

struct ServerCell {
    lp: EventLoop,
    /// `None` once closed.
    sockets: RefCell<Option<Vec<Socket>>>,
    factory: ProtocolFactory,
    backlog: i32,
    active_count: Cell<usize>,
    /// Futures `wait_closed()` parks on; `None` once woken.
    waiters: RefCell<Option<Vec<Future>>>,
    serving: Cell<bool>,
    serving_forever: RefCell<Option<Future>>,
}

impl Server {
    /// `server.sockets`: the listening sockets (empty once closed).
    pub fn sockets(&self) -> Vec<Socket> {
        self.0.sockets.borrow().clone().unwrap_or_default()
    }

    /// `server.is_serving()`.
    pub fn is_serving(&self) -> bool {
        self.0.serving.get()
    }

    /// `server.get_loop()`.
    pub fn get_loop(&self) -> EventLoop {
        self.0.lp.clone()
    }

    /// `Server._start_serving`: listen, and accept on every readable turn.
    fn start_serving(&self) -> PyResult<()> {
        if self.0.serving.replace(true) {
            return Ok(());
        }
        for sock in self.sockets() {
            sock.listen(self.0.backlog)?;
            let server = Rc::downgrade(&self.0);
            let listener = sock.clone();
            self.0.lp.add_reader(&sock, "_accept_connection", move || {
                if let Some(server) = server.upgrade() {
                    Server(server).accept_connection(&listener);
                }
            })?;
        }
        Ok(())
    }

    /// `loop._accept_connection`: accept every connection waiting (up to the backlog),
    /// each set up by a task of its own (`_accept_connection2`).
    fn accept_connection(&self, listener: &Socket) {
        for _ in 0..self.0.backlog {
            let (conn, _addr) = match listener.accept() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionAborted => return,
                Err(e) => {
                    // Out of descriptors (EMFILE) and the like: asyncio logs it, stops
                    // accepting for a second, and tries again.
                    self.0.lp.warn(format!("socket.accept() out of system resource\n{}", os_error(&e)));
                    self.0.lp.remove_reader(listener);
                    let server = self.clone();
                    self.0.serving.set(false);
                    self.0.lp.call_later(1.0, "_start_serving", move || {
                        if server.0.sockets.borrow().is_some() {
                            let _ = server.start_serving();
                        }
                    });
                    return;
                }
            };
            let server = self.clone();
            let coro = Generator::coroutine("_accept_connection2", move |co| async move {
                let lp = server.0.lp.clone();
                let protocol = (server.0.factory)();
                let waiter = lp.create_future();
                let transport = Transport::new(&lp, conn, protocol, Some(waiter.clone()), Some(server));
                if let Err(e) = co.await_(&waiter).await {
                    transport.close();
                    return Err(e);
                }
                Ok(Value::None)
            });
            self.0.lp.create_task(coro);
        }
    }

    fn detach(&self) {
        let n = self.0.active_count.get().saturating_sub(1);
        self.0.active_count.set(n);
        if n == 0 && self.0.sockets.borrow().is_none() {
            self.wakeup();
        }
    }

    fn wakeup(&self) {
        let waiters = self.0.waiters.borrow_mut().take();
        for waiter in waiters.into_iter().flatten() {
            if !waiter.done() {
                let _ = waiter.set_result(Value::None);
            }
        }
    }

    /// `server.close()`: stop listening (the listening sockets close); connections
    /// already accepted stay open.
    pub fn close(&self) {
        let Some(sockets) = self.0.sockets.borrow_mut().take() else { return };
        for sock in &sockets {
            // `_stop_serving`
            self.0.lp.remove_reader(sock);
            sock.close();
        }
        self.0.serving.set(false);
        let forever = self.0.serving_forever.borrow_mut().take();
        if let Some(fut) = forever
            && !fut.done()
        {
            fut.cancel(None);
        }
        if self.0.active_count.get() == 0 {
            self.wakeup();
        }
    }

    /// `await server.wait_closed()`. As in CPython 3.11, it returns at once once the
    /// server is closed (3.12 waits for the connections too).
    pub async fn wait_closed(&self, co: &Co) -> PyResult<()> {
        if self.0.sockets.borrow().is_none() || self.0.waiters.borrow().is_none() {
            return Ok(());
        }
        let waiter = self.0.lp.create_future();
        waiter.set_label("server.wait_closed()");
        if let Some(w) = self.0.waiters.borrow_mut().as_mut() {
            w.push(waiter.clone());
        }
        co.await_(&waiter).await?;
        Ok(())
    }

    /// `await server.serve_forever()`: accept connections until cancelled; then close
    /// the server and re-raise the CancelledError.
    pub async fn serve_forever(&self, co: &Co) -> PyResult<()> {
        if self.0.serving_forever.borrow().is_some() {
            return Err(PyException::new(
                RUNTIME_ERROR,
                format!("server {} is already being awaited on serve_forever()", self.repr()),
            ));
        }
        if self.0.sockets.borrow().is_none() {
            return Err(PyException::new(RUNTIME_ERROR, format!("server {} is closed", self.repr())));
        }
        self.start_serving()?;
        let fut = self.0.lp.create_future();
        fut.set_label(format!("accept on {}", self.address_text()));
        *self.0.serving_forever.borrow_mut() = Some(fut.clone());
        let outcome = co.await_(&fut).await;
        self.0.serving_forever.borrow_mut().take();
        match outcome {
            Err(e) if e.is_instance(CANCELLED_ERROR) => {
                self.close();
                self.wait_closed(co).await?;
                Err(e)
            }
            other => other.map(|_| ()),
        }
    }

    fn address_text(&self) -> String {
        self.sockets()
            .first()
            .and_then(|s| s.getsockname().ok())
            .map_or_else(|| "?".into(), |a| a.to_string())
    }

    /// `repr(server)`: `<Server sockets=(<socket.socket ...>,)>`.
    pub fn repr(&self) -> String {
        let socks: Vec<String> = self.sockets().iter().map(Socket::repr).collect();
        let inner = match socks.len() {
            1 => format!("{},", socks[0]),
            _ => socks.join(", "),
        };
        format!("<Server sockets=({inner})>")
    }
}

impl EventLoop {
    /// `await loop.create_server(protocol_factory, host, port)`: a listening socket on
    /// `(host, port)` (port 0: the OS picks one), serving at once: every connection gets
    /// a new protocol from `protocol_factory` and a transport.
    pub async fn create_server<P: Protocol + 'static>(
        &self,
        co: &Co,
        protocol_factory: impl Fn() -> Rc<P> + 'static,
        host: &str,
        port: u16,
    ) -> PyResult<Server> {
        let factory: ProtocolFactory = Rc::new(move || protocol_factory() as Rc<dyn Protocol>);
        self.create_server_with(co, factory, host, port).await
    }

    /// [`create_server`](Self::create_server) with a factory already type-erased.
    pub async fn create_server_with(
        &self,
        co: &Co,
        factory: ProtocolFactory,
        host: &str,
        port: u16,
    ) -> PyResult<Server> {
        let addr = resolve(host, port)?;
        let sock = Socket::tcp()?;
        sock.bind(&addr.ip().to_string(), addr.port()).map_err(|e| {
            // asyncio's words: "error while attempting to bind on address (...): ..."
            match e.args() {
                [Value::Int(errno), text] => PyException::with_args(
                    e.class(),
                    vec![
                        Value::Int(*errno),
                        Value::from(format!(
                            "error while attempting to bind on address {}: {}",
                            super::sockets::address_repr(&addr),
                            text.to_str().to_lowercase()
                        )),
                    ],
                ),
                _ => e,
            }
        })?;
        let server = Server(Rc::new(ServerCell {
            lp: self.clone(),
            sockets: RefCell::new(Some(vec![sock])),
            factory,
            backlog: 100,
            active_count: Cell::new(0),
            waiters: RefCell::new(Some(Vec::new())),
            serving: Cell::new(false),
            serving_forever: RefCell::new(None),
        }));
        let weak: std::rc::Weak<dyn Resource> = Rc::downgrade(&server.0) as std::rc::Weak<ServerCell>;
        self.0.track(weak);
        server.start_serving()?;
        // "Skip one loop iteration so that all 'loop.add_reader' go through."
        co.await_(super::sleep(0.0)).await?;
        Ok(server)
    }

    /// `await loop.create_connection(protocol_factory, host, port)`: connect, then wire
    /// the socket to a new protocol through a transport; returns both.
    pub async fn create_connection<P: Protocol + 'static>(
        &self,
        co: &Co,
        protocol_factory: impl FnOnce() -> Rc<P>,
        host: &str,
        port: u16,
    ) -> PyResult<(Transport, Rc<P>)> {
        let addr = resolve(host, port)?;
        let sock = Socket::tcp()?;
        if let Err(e) = self.sock_connect(co, &sock, addr).await {
            sock.close();
            return Err(e);
        }
        let protocol = protocol_factory();
        let waiter = self.create_future();
        let transport = Transport::new(self, sock, protocol.clone(), Some(waiter.clone()), None);
        if let Err(e) = co.await_(&waiter).await {
            transport.close();
            return Err(e);
        }
        Ok((transport, protocol))
    }
}
