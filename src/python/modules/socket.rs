//! `import socket`: blocking sockets, the first of the course's I/O models, on corosim's
//! simulated threads.
//!
//! A blocking `recv` in CPython puts its thread to sleep in the kernel until data comes;
//! the other threads run meanwhile. corosim's threads share one OS thread
//! (`python/threads.rs`), so the OS socket here is always non-blocking underneath: a
//! blocking call tries at once, and if the kernel says "would block" (`EAGAIN`), only the
//! calling *simulated* thread is parked, until the socket is ready. When every thread
//! waits, the scheduler asks the kernel (`poll`) which sockets are ready. A socket made
//! non-blocking (`setblocking(False)`) fails at once instead, with `BlockingIOError`, as
//! in CPython; `settimeout(t)` waits at most `t` seconds of the program's clock, then
//! raises `TimeoutError('timed out')`.
//!
//! The subset a course program uses: `socket(AF_INET, SOCK_STREAM)`, `setsockopt`
//! (`SO_REUSEADDR`, `TCP_NODELAY`), `bind`, `listen`, `accept`, `connect`, `recv`,
//! `send`, `sendall`, `shutdown`, `close`, `setblocking`, `settimeout`, `getsockname`,
//! `getpeername`, `fileno`, `with`; and `create_connection`, `create_server`.
//!
//! ```
//! let src = "import socket\nsrv = socket.create_server(('127.0.0.1', 0))\nc = socket.create_connection(srv.getsockname())\nconn, _ = srv.accept()\nc.sendall(b'hi')\nprint(conn.recv(10))\n";
//! assert_eq!(corosim::python::run_to_string(src), "b'hi'\n");
//! ```

use std::cell::{Cell, RefCell};
use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::rc::Rc;

use socket2::{Domain, Protocol, Type};

use super::module as make_module;
use crate::aio::{address_repr, address_value, os_error};
use crate::exception::*;
use crate::python::bytes::{bytes_like, new_bytes};
use crate::python::objects::*;
use crate::python::threads::{self, IoWait};
use crate::value::Value;

const AF_INET: i64 = 2;
const SOCK_STREAM: i64 = 1;
const SOL_SOCKET: i64 = 1;
const SO_REUSEADDR: i64 = 2;
const IPPROTO_TCP: i64 = 6;
const TCP_NODELAY: i64 = 1;

/// The socket's state, shared by every reference to the Python object.
struct SockState {
    /// `None` once closed.
    sock: RefCell<Option<socket2::Socket>>,
    /// `None`: blocking; `Some(0.0)`: non-blocking; `Some(t)`: wait at most `t` seconds.
    timeout: Cell<Option<f64>>,
}

/// `socket.socket`.
#[derive(Clone)]
struct PySocket(Rc<SockState>);

type Args = Vec<Value>;
type Kwargs = Vec<(Rc<str>, Value)>;

fn bad_fd() -> PyException {
    os_error(&io::Error::from_raw_os_error(9))
}

fn would_block(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::WouldBlock || e.raw_os_error() == Some(115)
}

impl PySocket {
    fn wrap(sock: socket2::Socket) -> PyResult<PySocket> {
        sock.set_nonblocking(true).map_err(|e| os_error(&e))?;
        Ok(PySocket(Rc::new(SockState { sock: RefCell::new(Some(sock)), timeout: Cell::new(None) })))
    }

    fn new() -> PyResult<PySocket> {
        let sock = socket2::Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))
            .map_err(|e| os_error(&e))?;
        PySocket::wrap(sock)
    }

    fn with<T>(&self, f: impl FnOnce(&socket2::Socket) -> io::Result<T>) -> PyResult<T> {
        match &*self.0.sock.borrow() {
            Some(s) => f(s).map_err(|e| os_error(&e)),
            None => Err(bad_fd()),
        }
    }

    /// Runs a non-blocking `attempt`; if it would block, as the socket's mode says: fail
    /// with `BlockingIOError`, or park this thread until the socket is ready (within the
    /// timeout, if any) and try again.
    fn call<T: 'static>(
        &self,
        write: bool,
        attempt: impl Fn(&socket2::Socket) -> io::Result<T> + 'static,
    ) -> PyResult<T> {
        let first = match &*self.0.sock.borrow() {
            Some(s) => attempt(s),
            None => return Err(bad_fd()),
        };
        match first {
            Err(e) if would_block(&e) => {}
            other => return other.map_err(|e| os_error(&e)),
        }
        let timeout = self.0.timeout.get();
        if timeout == Some(0.0) {
            return Err(PyException::with_args(
                BLOCKING_IO_ERROR,
                vec![Value::Int(11), Value::from("Resource temporarily unavailable")],
            ));
        }
        let fd = self.with(|s| s.as_fd_owned())?;
        // The attempt is made in the scheduler's readiness check; its outcome waits here.
        let outcome: Rc<RefCell<Option<io::Result<T>>>> = Rc::new(RefCell::new(None));
        let (state, slot) = (self.0.clone(), outcome.clone());
        let ready = Rc::new(move || {
            if slot.borrow().is_some() {
                return true;
            }
            let got = match &*state.sock.borrow() {
                Some(s) => attempt(s),
                None => Err(io::Error::from_raw_os_error(9)),
            };
            match got {
                Err(e) if would_block(&e) => false,
                other => {
                    *slot.borrow_mut() = Some(other);
                    true
                }
            }
        });
        // A coroutine blocking the loop's thread: what the loop's transports corked this
        // turn goes out first (CPython's were sent at once), or a peer waiting for it here
        // would wait forever.
        if let Ok(lp) = crate::aio::get_running_loop() {
            lp.send_corked();
        }
        let deadline = timeout.map(|t| threads::now() + t);
        let io = IoWait { fd: Rc::new(fd), write };
        if !threads::block_on_io(ready, io, deadline)? {
            return Err(PyException::new(TIMEOUT_ERROR, "timed out"));
        }
        let got = outcome.borrow_mut().take();
        match got {
            Some(r) => r.map_err(|e| os_error(&e)),
            None => Err(PyException::new(TIMEOUT_ERROR, "timed out")),
        }
    }

    fn recv(&self, n: usize) -> PyResult<Value> {
        let data = self.call(false, move |mut s| {
            let mut buf = vec![0; n];
            let got = retry(|| s.read(&mut buf))?;
            buf.truncate(got);
            Ok(buf)
        })?;
        Ok(new_bytes(data))
    }

    fn send(&self, data: Rc<[u8]>) -> PyResult<usize> {
        self.call(true, move |mut s| retry(|| s.write(&data)))
    }

    fn sendall(&self, data: &[u8]) -> PyResult<()> {
        let mut sent = 0;
        while sent < data.len() {
            sent += self.send(Rc::from(&data[sent..]))?;
        }
        Ok(())
    }

    fn accept(&self) -> PyResult<Value> {
        let (conn, addr) = self.call(false, |s| retry(|| s.accept()))?;
        let addr = addr.as_socket().ok_or_else(bad_fd)?;
        // As in CPython, the new connection blocks (the default timeout is None).
        Ok(Value::tuple([Native::value(PySocket::wrap(conn)?), address_value(&addr)]))
    }

    fn connect(&self, addr: SocketAddr) -> PyResult<()> {
        let started = self.with(|s| match s.connect(&addr.into()) {
            Err(e) if would_block(&e) => Ok(false),
            other => other.map(|_| true),
        })?;
        if started {
            return Ok(());
        }
        if self.0.timeout.get() == Some(0.0) {
            return Err(PyException::with_args(
                BLOCKING_IO_ERROR,
                vec![Value::Int(115), Value::from("Operation now in progress")],
            ));
        }
        // Writable: the handshake is over; SO_ERROR says how it went.
        self.call(true, |s| {
            if s.peer_addr().is_ok() {
                return Ok(());
            }
            match s.take_error()? {
                Some(e) => Err(e),
                None => Err(io::Error::from(io::ErrorKind::WouldBlock)),
            }
        })
    }

    fn repr(&self) -> String {
        let sock = self.0.sock.borrow();
        let Some(s) = &*sock else {
            return "<socket.socket [closed] fd=-1, family=2, type=1, proto=0>".into();
        };
        let mut text = format!("<socket.socket fd={}, family=2, type=1, proto=0", s.as_raw_fd());
        if let Some(a) = s.local_addr().ok().and_then(|a| a.as_socket()) {
            text += &format!(", laddr={}", address_repr(&a));
        }
        if let Some(a) = s.peer_addr().ok().and_then(|a| a.as_socket()) {
            text += &format!(", raddr={}", address_repr(&a));
        }
        text + ">"
    }
}

trait OwnedFdExt {
    fn as_fd_owned(&self) -> io::Result<std::os::fd::OwnedFd>;
}

impl OwnedFdExt for socket2::Socket {
    /// A duplicate of the descriptor, for the scheduler's `poll`.
    fn as_fd_owned(&self) -> io::Result<std::os::fd::OwnedFd> {
        use std::os::fd::AsFd;
        self.as_fd().try_clone_to_owned()
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

/// `(host, port)` from a Python address; `''` is every interface, as in CPython.
fn address(v: Option<&Value>) -> PyResult<SocketAddr> {
    let items = match v {
        Some(Value::Tuple(t)) if t.len() == 2 => t.to_vec(),
        Some(v) => {
            return Err(PyException::new(
                TYPE_ERROR,
                format!("AF_INET address must be tuple, not {}", v.type_name()),
            ));
        }
        None => return Err(PyException::new(TYPE_ERROR, "an address (host, port) is required")),
    };
    let host = items[0].as_str().ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("str, bytes or bytearray expected, not {}", items[0].type_name()),
        )
    })?;
    let port = items[1].as_int().ok_or_else(|| {
        PyException::new(
            TYPE_ERROR,
            format!("'{}' object cannot be interpreted as an integer", items[1].type_name()),
        )
    })?;
    let port =
        u16::try_from(port).map_err(|_| PyException::new(OVERFLOW_ERROR, "bind(): port must be 0-65535."))?;
    let host = if host.is_empty() { "0.0.0.0" } else { host };
    use std::net::ToSocketAddrs;
    let found = (host, port).to_socket_addrs().map_err(|e| os_error(&e))?;
    found.into_iter().find(SocketAddr::is_ipv4).ok_or_else(|| {
        PyException::with_args(OS_ERROR, vec![Value::Int(-2), Value::from("Name or service not known")])
    })
}

fn arg<'a>(a: &'a [Value], k: &'a [(Rc<str>, Value)], i: usize, name: &str) -> Option<&'a Value> {
    a.get(i).or_else(|| k.iter().find(|(n, _)| &**n == name).map(|(_, v)| v))
}

fn data_arg(v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v.and_then(bytes_like) {
        Some(b) => Ok(b.into_owned()),
        None => Err(PyException::new(
            TYPE_ERROR,
            format!("a bytes-like object is required, not '{}'", v.map_or("NoneType", |v| v.type_name())),
        )),
    }
}

fn int_arg(v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => v.as_int().ok_or_else(|| {
            PyException::new(
                TYPE_ERROR,
                format!("'{}' object cannot be interpreted as an integer", v.type_name()),
            )
        }),
    }
}

impl NativeObject for PySocket {
    fn type_name(&self) -> &str {
        "socket"
    }
    fn repr(&self) -> String {
        PySocket::repr(self)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let me = self.clone();
        let this = this.clone();
        let method = |f: fn(&PySocket, &Value, Args, Kwargs) -> PyResult| {
            let (me, this) = (me.clone(), this.clone());
            Builtin::value(name, move |a, k| f(&me, &this, a, k))
        };
        Ok(match name {
            "bind" => method(|s, _, a, _| {
                let addr = address(a.first())?;
                s.with(|s| s.bind(&addr.into()))?;
                Ok(Value::None)
            }),
            "listen" => method(|s, _, a, k| {
                let backlog = int_arg(arg(&a, &k, 0, "backlog"), 128)?;
                s.with(|s| s.listen(backlog.clamp(0, i32::MAX as i64) as i32))?;
                Ok(Value::None)
            }),
            "accept" => method(|s, _, _, _| s.accept()),
            "connect" => method(|s, _, a, _| {
                let addr = address(a.first())?;
                s.connect(addr)?;
                Ok(Value::None)
            }),
            "recv" => method(|s, _, a, k| {
                let n = int_arg(arg(&a, &k, 0, "bufsize"), -1)?;
                if n < 0 {
                    return Err(PyException::new(VALUE_ERROR, "negative buffersize in recv"));
                }
                s.recv(n as usize)
            }),
            "send" => method(|s, _, a, _| {
                let data = data_arg(a.first())?;
                Ok(Value::Int(s.send(Rc::from(data))? as i64))
            }),
            "sendall" => method(|s, _, a, _| {
                let data = data_arg(a.first())?;
                s.sendall(&data)?;
                Ok(Value::None)
            }),
            "shutdown" => method(|s, _, a, _| {
                let how = match int_arg(a.first(), -1)? {
                    0 => std::net::Shutdown::Read,
                    1 => std::net::Shutdown::Write,
                    2 => std::net::Shutdown::Both,
                    _ => return Err(os_error(&io::Error::from_raw_os_error(22))),
                };
                s.with(|s| s.shutdown(how))?;
                Ok(Value::None)
            }),
            "close" => method(|s, _, _, _| {
                s.0.sock.borrow_mut().take();
                Ok(Value::None)
            }),
            "__enter__" => method(|_, this, _, _| Ok(this.clone())),
            "__exit__" => method(|s, _, _, _| {
                s.0.sock.borrow_mut().take();
                Ok(Value::None)
            }),
            "setblocking" => method(|s, _, a, _| {
                let flag = a.first().is_some_and(|v| v.truthy());
                s.0.timeout.set(if flag { None } else { Some(0.0) });
                Ok(Value::None)
            }),
            "getblocking" => method(|s, _, _, _| Ok(Value::Bool(s.0.timeout.get() != Some(0.0)))),
            "settimeout" => method(|s, _, a, _| {
                let t = match a.first() {
                    None | Some(Value::None) => None,
                    Some(v) => match v.as_f64() {
                        Some(t) if t < 0.0 => {
                            return Err(PyException::new(VALUE_ERROR, "Timeout value out of range"));
                        }
                        Some(t) => Some(t),
                        None => {
                            return Err(PyException::new(
                                TYPE_ERROR,
                                "Timeout value must be int, float or None",
                            ));
                        }
                    },
                };
                s.0.timeout.set(t);
                Ok(Value::None)
            }),
            "gettimeout" => method(|s, _, _, _| Ok(s.0.timeout.get().map_or(Value::None, Value::Float))),
            "setsockopt" => method(|s, _, a, _| {
                let level = int_arg(a.first(), 0)?;
                let option = int_arg(a.get(1), 0)?;
                let on = a.get(2).is_some_and(|v| v.truthy());
                match (level, option) {
                    (SOL_SOCKET, SO_REUSEADDR) => s.with(|s| s.set_reuse_address(on))?,
                    (IPPROTO_TCP, TCP_NODELAY) => s.with(|s| s.set_tcp_nodelay(on))?,
                    _ => {
                        return Err(PyException::new(
                            NOT_IMPLEMENTED_ERROR,
                            format!("corosim: socket.setsockopt({level}, {option}, ...) is not simulated"),
                        ));
                    }
                }
                Ok(Value::None)
            }),
            "getsockname" => method(|s, _, _, _| {
                let a = s.with(|s| s.local_addr())?;
                Ok(a.as_socket().map_or(Value::None, |a| address_value(&a)))
            }),
            "getpeername" => method(|s, _, _, _| {
                let a = s.with(|s| s.peer_addr())?;
                Ok(a.as_socket().map_or(Value::None, |a| address_value(&a)))
            }),
            "fileno" => method(|s, _, _, _| {
                Ok(Value::Int(s.0.sock.borrow().as_ref().map_or(-1, |s| s.as_raw_fd()) as i64))
            }),
            "family" => Value::Int(AF_INET),
            "type" => Value::Int(SOCK_STREAM),
            _ => {
                return Err(PyException::new(
                    ATTRIBUTE_ERROR,
                    format!("'socket' object has no attribute '{name}'"),
                ));
            }
        })
    }
}

/// `socket.socket(family=AF_INET, type=SOCK_STREAM)`.
fn new_socket(a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<Value> {
    let family = int_arg(arg(a, k, 0, "family"), AF_INET)?;
    let kind = int_arg(arg(a, k, 1, "type"), SOCK_STREAM)?;
    if family != AF_INET || kind != SOCK_STREAM {
        return Err(PyException::new(
            NOT_IMPLEMENTED_ERROR,
            format!("corosim: socket.socket({family}, {kind}): only AF_INET, SOCK_STREAM (TCP) is simulated"),
        ));
    }
    Ok(Native::value(PySocket::new()?))
}

/// `socket.create_connection(address, timeout=None)`.
fn create_connection(a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<Value> {
    let addr = address(a.first())?;
    let s = PySocket::new()?;
    if let Some(t) = arg(a, k, 1, "timeout").and_then(|v| v.as_f64()) {
        s.0.timeout.set(Some(t));
    }
    s.connect(addr)?;
    Ok(Native::value(s))
}

/// `socket.create_server(address, backlog=None)`: bound (with `SO_REUSEADDR`, as
/// CPython sets it on POSIX) and listening.
fn create_server(a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<Value> {
    let addr = address(a.first())?;
    let s = PySocket::new()?;
    let backlog = match arg(a, k, 2, "backlog") {
        None | Some(Value::None) => 128,
        v => int_arg(v, 128)?,
    };
    s.with(|s| {
        s.set_reuse_address(true)?;
        s.bind(&addr.into())?;
        s.listen(backlog.clamp(0, i32::MAX as i64) as i32)
    })?;
    Ok(Native::value(s))
}

/// The `socket` module.
pub fn module() -> Value {
    make_module(
        "socket",
        vec![
            ("socket", Builtin::value("socket", |a, k| new_socket(&a, &k))),
            ("create_connection", Builtin::value("create_connection", |a, k| create_connection(&a, &k))),
            ("create_server", Builtin::value("create_server", |a, k| create_server(&a, &k))),
            ("AF_INET", Value::Int(AF_INET)),
            ("SOCK_STREAM", Value::Int(SOCK_STREAM)),
            ("SOL_SOCKET", Value::Int(SOL_SOCKET)),
            ("SO_REUSEADDR", Value::Int(SO_REUSEADDR)),
            ("IPPROTO_TCP", Value::Int(IPPROTO_TCP)),
            ("TCP_NODELAY", Value::Int(TCP_NODELAY)),
            ("SHUT_RD", Value::Int(0)),
            ("SHUT_WR", Value::Int(1)),
            ("SHUT_RDWR", Value::Int(2)),
            ("error", Value::ExcClass(OS_ERROR)),
            ("timeout", Value::ExcClass(TIMEOUT_ERROR)),
        ],
    )
}
