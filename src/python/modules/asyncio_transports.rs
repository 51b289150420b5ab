//! asyncio's transports and protocols for a program: `loop.create_server(factory, host,
//! port)` and `loop.create_connection(factory, host, port)` with the program's
//! `asyncio.Protocol` subclasses, the transport it writes to, the `Server` (also what
//! `asyncio.start_server` returns) and the listening sockets it shows.
//!
//! A protocol is the program's object; the connection is the runtime's
//! (`crate::aio::Transport`): [`PyProtocol`] is the bridge, an `aio::Protocol` whose
//! every callback calls the program's method of the same name. `asyncio.Protocol` itself
//! is Python (`asyncio_protocols.py`), as in CPython: methods that do nothing, for a
//! subclass to override.
//!
//! ```
//! let out = corosim::python::run_to_string(r#"
//! import asyncio
//! class Echo(asyncio.Protocol):
//!     def connection_made(self, transport):
//!         self.transport = transport
//!     def data_received(self, data):
//!         self.transport.write(data.upper())
//! async def main():
//!     loop = asyncio.get_running_loop()
//!     server = await loop.create_server(Echo, "127.0.0.1", 0)
//!     port = server.sockets[0].getsockname()[1]
//!     reader, writer = await asyncio.open_connection("127.0.0.1", port)
//!     writer.write(b"hi\n")
//!     print(await reader.readline())
//!     writer.close()
//!     server.close()
//! asyncio.run(main())
//! "#);
//! assert_eq!(out, "b'HI\\n'\n");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use crate::aio::{self, EventLoop, Protocol, Server, Socket, Transport};
use crate::exception::*;
use crate::generator::Generator;
use crate::python::objects::*;
use crate::python::{attrs, ops};
use crate::value::Value;

/// The bytes a program hands to `write` (bytes, bytearray …), or CPython's TypeError:
/// `data argument must be a bytes-like object, not 'str'`.
pub(super) fn bytes_arg(v: Option<&Value>, what: &str) -> PyResult<Vec<u8>> {
    let v = v.cloned().unwrap_or_default();
    match crate::python::bytes::bytes_like(&v) {
        Some(data) => Ok(data.into_owned()),
        None => Err(PyException::new(
            TYPE_ERROR,
            format!("{what} argument must be a bytes-like object, not '{}'", v.type_name()),
        )),
    }
}

/// Bytes read from a connection, as the program's `bytes`.
pub(super) fn bytes_value(data: &[u8]) -> Value {
    new_bytes(data.to_vec())
}

/// A bound method of a native object.
pub(super) fn method(
    name: &str,
    f: impl Fn(Vec<Value>, Vec<(Rc<str>, Value)>) -> PyResult + 'static,
) -> Value {
    Builtin::value(name, f)
}

pub(super) fn no_attribute(type_name: &str, name: &str) -> PyException {
    PyException::new(ATTRIBUTE_ERROR, format!("'{type_name}' object has no attribute '{name}'"))
}

/// `(name, default=None)` of `get_extra_info`.
pub(super) fn extra_info_args(a: &[Value], k: &[(Rc<str>, Value)]) -> PyResult<(String, Value)> {
    let name = a.first().or_else(|| kw(k, "name")).cloned().unwrap_or_default();
    let default = a.get(1).or_else(|| kw(k, "default")).cloned().unwrap_or_default();
    Ok((ops::str_of(&name)?, default))
}

pub(super) fn kw<'a>(kwargs: &'a [(Rc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}

/// `(host, port)` of `create_server`/`open_connection`…, after the first `skip` arguments.
pub(super) fn host_port(a: &[Value], k: &[(Rc<str>, Value)], skip: usize) -> PyResult<(String, u16)> {
    let host = a.get(skip).or_else(|| kw(k, "host")).cloned().unwrap_or_default();
    let port = a.get(skip + 1).or_else(|| kw(k, "port")).cloned().unwrap_or_default();
    let host = if host.is_none() { "0.0.0.0".to_string() } else { ops::str_of(&host)? };
    let port = match &port {
        Value::None => 0,
        v => match v.as_int() {
            Some(p) if (0..=65535).contains(&p) => p as u16,
            _ => return Err(PyException::new(OVERFLOW_ERROR, "getsockaddrarg: port must be 0-65535.")),
        },
    };
    Ok((host, port))
}

/// `transport.get_extra_info(name)`, with the program's default for names it lacks.
fn extra_info(t: &Transport, name: &str, default: Value) -> Value {
    match t.get_extra_info(name) {
        Value::None => default,
        v => v,
    }
}

/// `_SelectorSocketTransport` as a program holds it.
pub(super) struct TransportObject(pub(super) Transport);

impl NativeObject for TransportObject {
    fn type_name(&self) -> &str {
        "_SelectorSocketTransport"
    }
    fn repr(&self) -> String {
        let state = if self.0.is_closing() { " closing" } else { "" };
        format!("<_SelectorSocketTransport{state}>")
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let t = self.0.clone();
        Ok(match name {
            "write" => method(name, move |a, _| {
                t.write(&bytes_arg(a.first(), "data")?)?;
                Ok(Value::None)
            }),
            "writelines" => method(name, move |a, _| {
                for item in ops::iterate(&a.first().cloned().unwrap_or_default())? {
                    t.write(&bytes_arg(Some(&item), "data")?)?;
                }
                Ok(Value::None)
            }),
            "write_eof" => method(name, move |_, _| {
                t.write_eof();
                Ok(Value::None)
            }),
            "can_write_eof" => method(name, move |_, _| Ok(Value::Bool(t.can_write_eof()))),
            "close" => method(name, move |_, _| {
                t.close();
                Ok(Value::None)
            }),
            "abort" => method(name, move |_, _| {
                t.abort();
                Ok(Value::None)
            }),
            "is_closing" => method(name, move |_, _| Ok(Value::Bool(t.is_closing()))),
            "is_reading" => method(name, move |_, _| Ok(Value::Bool(t.is_reading()))),
            "pause_reading" => method(name, move |_, _| {
                t.pause_reading();
                Ok(Value::None)
            }),
            "resume_reading" => method(name, move |_, _| {
                t.resume_reading();
                Ok(Value::None)
            }),
            "get_write_buffer_size" => {
                method(name, move |_, _| Ok(Value::Int(t.get_write_buffer_size() as i64)))
            }
            "get_extra_info" => method(name, move |a, k| {
                let (name, default) = extra_info_args(&a, &k)?;
                Ok(extra_info(&t, &name, default))
            }),
            _ => return Err(no_attribute(self.type_name(), name)),
        })
    }
}

/// The bridge from a connection to the program's protocol object: each callback the
/// transport makes calls the program's method. It keeps the program's transport object
/// from `connection_made` on, so the protocol sees the same one every time.
pub(super) struct PyProtocol {
    pub(super) obj: Value,
    transport: RefCell<Option<Value>>,
}

impl PyProtocol {
    pub(super) fn new(obj: Value) -> PyProtocol {
        PyProtocol { obj, transport: RefCell::new(None) }
    }

    /// `protocol.name(*args)`; an exception is logged as asyncio's loop logs it, and
    /// `fatal` closes the connection (a protocol that failed cannot be trusted with it).
    fn call(&self, name: &str, args: Vec<Value>, fatal: Option<&Transport>) -> Option<Value> {
        let outcome = attrs::getattr(&self.obj, name).and_then(|m| call(&m, args, vec![]));
        match outcome {
            Ok(v) => Some(v),
            Err(e) => {
                let what = match fatal {
                    Some(_) => format!("Fatal error: protocol.{name}() call failed."),
                    None => format!("Exception in callback {}.{name}()", self.obj.type_name()),
                };
                crate::console::warn(&format!("{what}\n{}", crate::python::traceback::format(&e)));
                if let Some(t) = fatal {
                    t.abort();
                }
                None
            }
        }
    }

    fn transport_value(&self, t: &Transport) -> Value {
        self.transport.borrow_mut().get_or_insert_with(|| Native::value(TransportObject(t.clone()))).clone()
    }
}

impl Protocol for PyProtocol {
    fn connection_made(&self, transport: &Transport) {
        let t = self.transport_value(transport);
        self.call("connection_made", vec![t], None);
    }
    fn data_received(&self, transport: &Transport, data: &[u8]) {
        self.call("data_received", vec![bytes_value(data)], Some(transport));
    }
    fn eof_received(&self, transport: &Transport) -> bool {
        self.call("eof_received", vec![], Some(transport)).is_some_and(|v| v.truthy())
    }
    fn connection_lost(&self, exc: Option<PyException>) {
        let exc = exc.map(Value::Exception).unwrap_or_default();
        self.call("connection_lost", vec![exc], None);
        // The connection is over: let go of the transport (it holds this protocol).
        self.transport.borrow_mut().take();
    }
    fn pause_writing(&self) {
        self.call("pause_writing", vec![], None);
    }
    fn resume_writing(&self) {
        self.call("resume_writing", vec![], None);
    }
}

/// A protocol from the program's factory; a factory that fails gets a protocol that
/// does nothing (the connection then closes), and the failure is logged, as asyncio's
/// "Error on transport creation for incoming connection".
fn make_protocol(factory: &Value) -> Rc<PyProtocol> {
    match call(factory, vec![], vec![]) {
        Ok(obj) => Rc::new(PyProtocol::new(obj)),
        Err(e) => {
            crate::console::warn(&format!(
                "Error on transport creation for incoming connection\n{}",
                crate::python::traceback::format(&e)
            ));
            Rc::new(PyProtocol::new(Value::None))
        }
    }
}

/// A socket as `server.sockets` shows it (asyncio's `TransportSocket`).
pub(super) struct SocketObject(pub(super) Socket);

impl NativeObject for SocketObject {
    fn type_name(&self) -> &str {
        "TransportSocket"
    }
    fn repr(&self) -> String {
        self.0.repr().replacen("<socket.socket", "<asyncio.TransportSocket", 1)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let s = self.0.clone();
        Ok(match name {
            "getsockname" => method(name, move |_, _| Ok(aio::address_value(&s.getsockname()?))),
            "getpeername" => method(name, move |_, _| Ok(aio::address_value(&s.getpeername()?))),
            "fileno" => method(name, move |_, _| Ok(Value::Int(s.fileno().into()))),
            _ => return Err(no_attribute(self.type_name(), name)),
        })
    }
}

/// `asyncio.Server` as a program holds it.
pub(super) struct ServerObject(pub(super) Server);

impl NativeObject for ServerObject {
    fn type_name(&self) -> &str {
        "Server"
    }
    fn repr(&self) -> String {
        self.0.repr().replace("<socket.socket", "<asyncio.TransportSocket")
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, this: &Value, name: &str) -> PyResult<Value> {
        let s = self.0.clone();
        Ok(match name {
            "sockets" => Value::tuple(s.sockets().into_iter().map(|x| Native::value(SocketObject(x)))),
            "close" => method(name, move |_, _| {
                s.close();
                Ok(Value::None)
            }),
            "is_serving" => method(name, move |_, _| Ok(Value::Bool(s.is_serving()))),
            "wait_closed" => method(name, move |_, _| {
                let s = s.clone();
                Ok(gen_value(Generator::coroutine("Server.wait_closed", move |co| async move {
                    s.wait_closed(&co).await?;
                    Ok(Value::None)
                })))
            }),
            "serve_forever" => method(name, move |_, _| {
                let s = s.clone();
                Ok(gen_value(Generator::coroutine("Server.serve_forever", move |co| async move {
                    s.serve_forever(&co).await?;
                    Ok(Value::None)
                })))
            }),
            "start_serving" => method(name, move |_, _| {
                Ok(gen_value(Generator::coroutine("Server.start_serving", |_| async { Ok(Value::None) })))
            }),
            // `async with server:` closes it on the way out, and waits for that.
            "__aenter__" => {
                let me = this.clone();
                method(name, move |_, _| {
                    let me = me.clone();
                    Ok(gen_value(Generator::coroutine("Server.__aenter__", move |_| async move { Ok(me) })))
                })
            }
            "__aexit__" => method(name, move |_, _| {
                let s = s.clone();
                Ok(gen_value(Generator::coroutine("Server.__aexit__", move |co| async move {
                    s.close();
                    s.wait_closed(&co).await?;
                    Ok(Value::None)
                })))
            }),
            _ => return Err(no_attribute(self.type_name(), name)),
        })
    }
}

/// `loop.create_server(protocol_factory, host, port)` and
/// `loop.create_connection(protocol_factory, host, port)`: the loop's methods, or
/// `None` for another name.
pub(super) fn loop_method(lp: &EventLoop, name: &str) -> Option<Value> {
    let lp = lp.clone();
    Some(match name {
        "create_server" => method(name, move |a, k| {
            let factory = a.first().or_else(|| kw(&k, "protocol_factory")).cloned().unwrap_or_default();
            let (host, port) = host_port(&a, &k, 1)?;
            let lp = lp.clone();
            Ok(gen_value(Generator::coroutine("BaseEventLoop.create_server", move |co| async move {
                let made: aio::ProtocolFactory = Rc::new(move || make_protocol(&factory) as Rc<dyn Protocol>);
                let server = lp.create_server_with(&co, made, &host, port).await?;
                Ok(Native::value(ServerObject(server)))
            })))
        }),
        "create_connection" => method(name, move |a, k| {
            let factory = a.first().or_else(|| kw(&k, "protocol_factory")).cloned().unwrap_or_default();
            let (host, port) = host_port(&a, &k, 1)?;
            let lp = lp.clone();
            Ok(gen_value(Generator::coroutine("BaseEventLoop.create_connection", move |co| async move {
                let (transport, protocol) =
                    lp.create_connection(&co, || make_protocol(&factory), &host, port).await?;
                let t = protocol.transport_value(&transport);
                Ok(Value::tuple([t, protocol.obj.clone()]))
            })))
        }),
        _ => return None,
    })
}
