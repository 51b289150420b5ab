//! `socket.socket` on the loop, and the loop's low-level socket API: `add_reader`,
//! `remove_reader`, `add_writer`, `remove_writer`, and the coroutines `sock_accept`,
//! `sock_recv`, `sock_sendall`, `sock_connect` (asyncio's `selector_events.py`).
//!
//! A non-blocking socket never makes its thread wait: a `recv` with nothing to read fails
//! at once with `BlockingIOError` (`EWOULDBLOCK`). Each `sock_*` coroutine tries the call
//! first; if it would block, it registers the socket with the loop's selector, parks the
//! task on a future labelled with what it waits to do (`read from 127.0.0.1:53412`), and
//! tries again when the selector says the socket is ready. That is the whole trick of
//! asyncio's networking: *the coroutine gives way at every read and write*.
//!
//! ```
//! use corosim::{Generator, aio::{self, Socket}};
//! let main = Generator::coroutine("main", |co| async move {
//!     let lp = aio::get_running_loop()?;
//!     let server = Socket::tcp()?;
//!     server.bind("127.0.0.1", 0)?;           // port 0: the OS picks a free one
//!     server.listen(8)?;
//!     let client = Socket::tcp()?;
//!     lp.sock_connect(&co, &client, server.getsockname()?).await?;
//!     let (conn, _peer) = lp.sock_accept(&co, &server).await?;
//!     lp.sock_sendall(&co, &client, b"ping").await?;
//!     let data = lp.sock_recv(&co, &conn, 100).await?;
//!     Ok(String::from_utf8_lossy(&data).into_owned().into())
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "'ping'");
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, ToSocketAddrs};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::rc::Rc;

use socket2::{Domain, Protocol, Type};

use super::event_loop::EventLoop;
use super::selector::{Direction, IoCallback, os_error};
use crate::exception::{OS_ERROR, PyException, PyResult, VALUE_ERROR};
use crate::generator::Co;
use crate::value::Value;

/// `socket.socket(AF_INET, SOCK_STREAM)`: a TCP socket, shared by reference as Python's
/// are (cloning gives another reference to the same socket). Closed by [`Socket::close`],
/// or when the last reference goes.
#[derive(Clone)]
pub struct Socket(Rc<SockCell>);

struct SockCell {
    /// `None` once closed.
    sock: RefCell<Option<socket2::Socket>>,
    nonblocking: std::cell::Cell<bool>,
}

impl Socket {
    /// `socket.socket()`: a new IPv4 TCP socket, non-blocking (the loop's sockets are).
    pub fn tcp() -> PyResult<Socket> {
        let sock = socket2::Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))
            .map_err(|e| os_error(&e))?;
        sock.set_nonblocking(true).map_err(|e| os_error(&e))?;
        Ok(Socket::wrap(sock))
    }

    /// A socket (or any descriptor a socket's calls work on, such as one end of a Unix
    /// socket pair) taken over as non-blocking.
    pub fn from_fd(fd: std::os::fd::OwnedFd) -> io::Result<Socket> {
        let sock = socket2::Socket::from(fd);
        sock.set_nonblocking(true)?;
        Ok(Socket::wrap(sock))
    }

    fn wrap(sock: socket2::Socket) -> Socket {
        Socket(Rc::new(SockCell { sock: RefCell::new(Some(sock)), nonblocking: std::cell::Cell::new(true) }))
    }

    /// Runs `f` on the open socket; `OSError: [Errno 9] Bad file descriptor` if closed.
    fn with<T>(&self, f: impl FnOnce(&socket2::Socket) -> io::Result<T>) -> io::Result<T> {
        match &*self.0.sock.borrow() {
            Some(s) => f(s),
            None => Err(io::Error::from_raw_os_error(9)),
        }
    }

    /// `sock.bind((host, port))`, with `SO_REUSEADDR` set first, as asyncio's servers do.
    pub fn bind(&self, host: &str, port: u16) -> PyResult<()> {
        let addr = resolve(host, port)?;
        self.with(|s| {
            s.set_reuse_address(true)?;
            s.bind(&addr.into())
        })
        .map_err(|e| os_error(&e))
    }

    /// `sock.listen(backlog)`.
    pub fn listen(&self, backlog: i32) -> PyResult<()> {
        self.with(|s| s.listen(backlog)).map_err(|e| os_error(&e))
    }

    /// `sock.setblocking(flag)`.
    pub fn setblocking(&self, flag: bool) -> PyResult<()> {
        self.with(|s| s.set_nonblocking(!flag)).map_err(|e| os_error(&e))?;
        self.0.nonblocking.set(!flag);
        Ok(())
    }

    /// Is it in non-blocking mode? (`sock.gettimeout() == 0`.)
    fn is_nonblocking(&self) -> bool {
        self.0.nonblocking.get()
    }

    /// `sock.fileno()`: its descriptor, `-1` once closed.
    pub fn fileno(&self) -> RawFd {
        self.0.sock.borrow().as_ref().map_or(-1, |s| s.as_raw_fd())
    }

    /// `sock.getsockname()`.
    pub fn getsockname(&self) -> PyResult<SocketAddr> {
        self.with(|s| s.local_addr()).and_then(as_inet).map_err(|e| os_error(&e))
    }

    /// `sock.getpeername()`.
    pub fn getpeername(&self) -> PyResult<SocketAddr> {
        self.with(|s| s.peer_addr()).and_then(as_inet).map_err(|e| os_error(&e))
    }

    /// `sock.close()`: the descriptor is released now (a second close does nothing).
    pub fn close(&self) {
        self.0.sock.borrow_mut().take();
    }

    /// Closed yet?
    pub fn is_closed(&self) -> bool {
        self.0.sock.borrow().is_none()
    }

    /// `sock.recv(n)`: up to `n` bytes; empty at end of file. `WouldBlock` when nothing
    /// is there yet (non-blocking).
    pub fn recv(&self, n: usize) -> io::Result<Vec<u8>> {
        let mut buf = vec![0; n];
        let got = self.with(|mut s| retry(|| s.read(&mut buf)))?;
        buf.truncate(got);
        Ok(buf)
    }

    /// `sock.recv_into(buffer)`: how many bytes it read into `buf` (0: end of file).
    pub fn recv_into(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.with(|mut s| retry(|| s.read(buf)))
    }

    /// `sock.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1)`, as asyncio's transports set it.
    pub fn set_nodelay(&self) -> io::Result<()> {
        self.with(|s| s.set_tcp_nodelay(true))
    }

    /// `sock.send(data)`: how many bytes the kernel took.
    pub fn send(&self, data: &[u8]) -> io::Result<usize> {
        self.with(|mut s| retry(|| s.write(data)))
    }

    /// `sock.accept()`: the connection's socket (non-blocking) and the peer's address.
    pub fn accept(&self) -> io::Result<(Socket, SocketAddr)> {
        let (conn, addr) = self.with(|s| retry(|| s.accept()))?;
        conn.set_nonblocking(true)?;
        let addr = as_inet(addr)?;
        Ok((Socket::wrap(conn), addr))
    }

    /// `sock.connect_ex(addr)` on a non-blocking socket: `Ok` if connected at once, the
    /// error otherwise (`EINPROGRESS` while the handshake goes on).
    fn connect_ex(&self, addr: SocketAddr) -> io::Result<()> {
        self.with(|s| s.connect(&addr.into()))
    }

    /// `sock.getsockopt(SOL_SOCKET, SO_ERROR)`: a pending error (a failed connect).
    fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.with(|s| s.take_error())
    }

    /// `sock.shutdown(SHUT_WR)`: send end-of-file, keep reading.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.with(|s| s.shutdown(std::net::Shutdown::Write))
    }

    /// `sock.setsockopt(SOL_SOCKET, SO_LINGER, (1, 0))` then close: the peer gets a
    /// reset (RST) instead of an orderly end (what a crashed client looks like).
    pub fn close_with_reset(&self) {
        let _ = self.with(|s| s.set_linger(Some(std::time::Duration::ZERO)));
        self.close();
    }

    /// The descriptor borrowed for the selector, for as long as `f` runs.
    fn with_fd<T>(&self, f: impl FnOnce(BorrowedFd<'_>) -> T) -> Option<T> {
        self.0.sock.borrow().as_ref().map(|s| f(s.as_fd()))
    }

    /// `repr(sock)`, in Python's words: `<socket.socket fd=7, family=2, type=1, proto=6,
    /// laddr=('127.0.0.1', 2323), raddr=('127.0.0.1', 53412)>`.
    pub fn repr(&self) -> String {
        if self.is_closed() {
            return "<socket.socket [closed] fd=-1, family=2, type=1, proto=6>".into();
        }
        let mut s = format!("<socket.socket fd={}, family=2, type=1, proto=6", self.fileno());
        if let Ok(a) = self.getsockname() {
            s += &format!(", laddr={}", address_repr(&a));
        }
        if let Ok(a) = self.getpeername() {
            s += &format!(", raddr={}", address_repr(&a));
        }
        s + ">"
    }
}

/// Retries a system call interrupted by a signal (`EINTR`), as Python does (PEP 475).
fn retry<T>(mut f: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    loop {
        match f() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn as_inet(addr: socket2::SockAddr) -> io::Result<SocketAddr> {
    addr.as_socket().ok_or_else(|| io::Error::other("not an internet address"))
}

/// `(host, port)` → an IPv4 address (`localhost` included). corosim's sockets are for
/// loopback; other names are resolved all the same.
pub(crate) fn resolve(host: &str, port: u16) -> PyResult<SocketAddr> {
    let found = (host, port).to_socket_addrs().map_err(|e| os_error(&e))?;
    let mut found = found.filter(SocketAddr::is_ipv4);
    found.next().ok_or_else(|| {
        PyException::with_args(
            crate::exception::OS_ERROR,
            vec![Value::Int(-2), Value::from("Name or service not known")],
        )
    })
}

/// A socket address as Python shows it: `('127.0.0.1', 53412)`.
pub fn address_repr(addr: &SocketAddr) -> String {
    address_value(addr).repr()
}

/// A socket address as Python's value: the tuple `('127.0.0.1', 53412)`.
pub fn address_value(addr: &SocketAddr) -> Value {
    Value::tuple([Value::from(addr.ip().to_string()), Value::Int(addr.port().into())])
}

/// Unregisters a socket from the selector when dropped: a `sock_*` coroutine that ends,
/// fails or is cancelled (or whose task is destroyed) leaves no callback behind.
struct Watch {
    lp: EventLoop,
    sock: Socket,
    direction: Direction,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.lp.unwatch(&self.sock, self.direction);
    }
}

impl EventLoop {
    /// Registers `callback` for `sock` in `direction` (replacing one before).
    fn watch(
        &self,
        sock: &Socket,
        direction: Direction,
        name: Cow<'static, str>,
        f: Rc<dyn Fn()>,
    ) -> PyResult<()> {
        let selector = &self.0.selector;
        let outcome = sock.with_fd(|fd| selector.register(fd, direction, IoCallback { name, f }));
        match outcome {
            Some(r) => r.map_err(|e| os_error(&e)),
            None => Err(os_error(&io::Error::from_raw_os_error(9))),
        }
    }

    fn unwatch(&self, sock: &Socket, direction: Direction) -> bool {
        sock.with_fd(|fd| self.0.selector.unregister(fd, direction)).unwrap_or(false)
    }

    /// `loop.add_reader(sock, callback)`: run `callback` at every turn that finds `sock`
    /// readable (data, a connection to accept, or end of file), until
    /// [`remove_reader`](Self::remove_reader).
    ///
    /// ```
    /// use corosim::aio::{EventLoop, Socket};
    /// use std::{cell::Cell, rc::Rc};
    /// let lp = EventLoop::new();
    /// let server = Socket::tcp().unwrap();
    /// server.bind("127.0.0.1", 0).unwrap();
    /// server.listen(1).unwrap();
    /// let client = std::net::TcpStream::connect(server.getsockname().unwrap()).unwrap();
    /// let (called, l, s) = (Rc::new(Cell::new(0)), lp.clone(), server.clone());
    /// let c = called.clone();
    /// lp.add_reader(&server, "on_connect", move || { c.set(c.get() + 1); l.remove_reader(&s); l.stop(); }).unwrap();
    /// lp.run_forever().unwrap();
    /// assert_eq!(called.get(), 1);
    /// # drop(client);
    /// ```
    pub fn add_reader(
        &self,
        sock: &Socket,
        name: impl Into<Cow<'static, str>>,
        callback: impl Fn() + 'static,
    ) -> PyResult<()> {
        self.watch(sock, Direction::Read, name.into(), Rc::new(callback))
    }

    /// `loop.remove_reader(sock)`: True if a reader was registered.
    pub fn remove_reader(&self, sock: &Socket) -> bool {
        self.unwatch(sock, Direction::Read)
    }

    /// `loop.add_writer(sock, callback)`: run `callback` at every turn that finds `sock`
    /// writable (room in its send buffer, or a connect finished), until
    /// [`remove_writer`](Self::remove_writer).
    pub fn add_writer(
        &self,
        sock: &Socket,
        name: impl Into<Cow<'static, str>>,
        callback: impl Fn() + 'static,
    ) -> PyResult<()> {
        self.watch(sock, Direction::Write, name.into(), Rc::new(callback))
    }

    /// `loop.remove_writer(sock)`: True if a writer was registered.
    pub fn remove_writer(&self, sock: &Socket) -> bool {
        self.unwatch(sock, Direction::Write)
    }

    /// Parks the running coroutine until `sock` is ready in `direction` and `attempt`
    /// (tried then, and again at each readiness) gives an outcome other than `WouldBlock`.
    async fn wait_io<T: 'static>(
        &self,
        co: &Co,
        sock: &Socket,
        direction: Direction,
        label: String,
        attempt: impl Fn() -> io::Result<T> + 'static,
    ) -> PyResult<T> {
        match attempt() {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.raw_os_error() == Some(115) => {} // EINPROGRESS: a connect going on
            other => return other.map_err(|e| os_error(&e)),
        }
        let fut = self.create_future();
        fut.set_label(label);
        let outcome: Rc<RefCell<Option<io::Result<T>>>> = Rc::new(RefCell::new(None));
        let (f, out) = (fut.clone(), outcome.clone());
        let name = match direction {
            Direction::Read => "_sock_read_ready",
            Direction::Write => "_sock_write_ready",
        };
        self.watch(
            sock,
            direction,
            name.into(),
            Rc::new(move || {
                if f.done() {
                    return;
                }
                match attempt() {
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    result => {
                        *out.borrow_mut() = Some(result);
                        let _ = f.set_result(Value::None);
                    }
                }
            }),
        )?;
        let _watch = Watch { lp: self.clone(), sock: sock.clone(), direction };
        co.await_(&fut).await?;
        let result = outcome.borrow_mut().take().expect("set with the future");
        result.map_err(|e| os_error(&e))
    }

    /// `await loop.sock_recv(sock, n)`: up to `n` bytes, waiting until some arrive; empty
    /// at end of file.
    pub async fn sock_recv(&self, co: &Co, sock: &Socket, n: usize) -> PyResult<Vec<u8>> {
        check_nonblocking(sock)?;
        let label = format!("read from {}", peer_text(sock));
        let s = sock.clone();
        self.wait_io(co, sock, Direction::Read, label, move || s.recv(n)).await
    }

    /// `await loop.sock_sendall(sock, data)`: sends all of `data`, waiting for room in
    /// the send buffer as often as it takes.
    pub async fn sock_sendall(&self, co: &Co, sock: &Socket, data: &[u8]) -> PyResult<()> {
        check_nonblocking(sock)?;
        let mut sent = match sock.send(data) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => 0,
            Err(e) => return Err(os_error(&e)),
        };
        while sent < data.len() {
            let rest: Rc<[u8]> = data[sent..].into();
            let s = sock.clone();
            let label = format!("write to {}", peer_text(sock));
            sent += self.wait_io(co, sock, Direction::Write, label, move || s.send(&rest)).await?;
        }
        Ok(())
    }

    /// `await loop.sock_accept(sock)`: the next connection on a listening socket, and
    /// the peer's address.
    pub async fn sock_accept(&self, co: &Co, sock: &Socket) -> PyResult<(Socket, SocketAddr)> {
        check_nonblocking(sock)?;
        let label =
            format!("accept on {}", sock.getsockname().map_or_else(|_| "?".into(), |a| a.to_string()));
        let s = sock.clone();
        self.wait_io(co, sock, Direction::Read, label, move || s.accept()).await
    }

    /// `await loop.sock_connect(sock, address)`: connects, waiting for the handshake.
    /// A refused connection is `ConnectionRefusedError: [Errno 111] Connect call failed
    /// ('127.0.0.1', 1)`, as in CPython.
    pub async fn sock_connect(&self, co: &Co, sock: &Socket, address: SocketAddr) -> PyResult<()> {
        check_nonblocking(sock)?;
        let s = sock.clone();
        let first = std::cell::Cell::new(true);
        let outcome = self
            .wait_io(co, sock, Direction::Write, format!("connect to {address}"), move || {
                if first.replace(false) {
                    return s.connect_ex(address);
                }
                // Writable: the handshake is over; SO_ERROR says how it went.
                match s.take_error()? {
                    Some(e) => Err(e),
                    None => Ok(()),
                }
            })
            .await;
        outcome.map_err(|e| match e.args() {
            [Value::Int(errno), _] => {
                let class = e.class();
                PyException::with_args(
                    class,
                    vec![
                        Value::Int(*errno),
                        Value::from(format!("Connect call failed {}", address_repr(&address))),
                    ],
                )
            }
            _ => e,
        })
    }
}

/// `ValueError: the socket must be non-blocking`, as asyncio's `sock_*` say.
fn check_nonblocking(sock: &Socket) -> PyResult<()> {
    if sock.is_closed() {
        return Err(PyException::with_args(
            OS_ERROR,
            vec![Value::Int(9), Value::from("Bad file descriptor")],
        ));
    }
    if !sock.is_nonblocking() {
        return Err(PyException::new(VALUE_ERROR, "the socket must be non-blocking"));
    }
    Ok(())
}

/// `127.0.0.1:53412`, the peer a connected socket talks to (its own address if none).
fn peer_text(sock: &Socket) -> String {
    sock.getpeername().or_else(|_| sock.getsockname()).map_or_else(|_| "?".into(), |a| a.to_string())
}
