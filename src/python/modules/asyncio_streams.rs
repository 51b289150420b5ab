//! asyncio's streams for a program: `asyncio.start_server(client_connected_cb, host,
//! port)` and `asyncio.open_connection(host, port)`, with the `StreamReader` and
//! `StreamWriter` of each connection, on the runtime's streams (`crate::aio::streams`).
//!
//! Every read and `drain()` is a coroutine of the runtime: where a task waits for its
//! socket, the trace says so (`waits on read from 127.0.0.1:53412`), as for a built-in
//! program.
//!
//! ```
//! let out = corosim::python::run_to_string(r#"
//! import asyncio
//! async def shout(reader, writer):
//!     line = await reader.readline()
//!     writer.write(line.upper())
//!     await writer.drain()
//!     writer.close()
//! async def main():
//!     async with await asyncio.start_server(shout, "127.0.0.1", 0) as server:
//!         port = server.sockets[0].getsockname()[1]
//!         reader, writer = await asyncio.open_connection("127.0.0.1", port)
//!         writer.write(b"hi there\n")
//!         print(await reader.readline(), await reader.read(), reader.at_eof())
//!         writer.close()
//!         await writer.wait_closed()
//! asyncio.run(main())
//! "#);
//! assert_eq!(out, "b'HI THERE\\n' b'' True\n");
//! ```

use std::rc::Rc;

use super::asyncio_transports::{
    ServerObject, TransportObject, bytes_arg, bytes_value, extra_info_args, host_port, kw, method,
    no_attribute,
};
use crate::aio::{self, StreamReader, StreamWriter};
use crate::exception::*;
use crate::generator::Generator;
use crate::python::modules::asyncio::to_awaitable;
use crate::python::objects::*;
use crate::python::ops;
use crate::value::Value;

/// `limit=` (asyncio's `_DEFAULT_LIMIT`, 64 KiB, when not given).
fn limit_arg(k: &[(Rc<str>, Value)]) -> PyResult<usize> {
    match kw(k, "limit") {
        None | Some(Value::None) => Ok(aio::DEFAULT_LIMIT),
        Some(v) => match v.as_int() {
            Some(n) if n > 0 => Ok(n as usize),
            _ => Err(PyException::new(VALUE_ERROR, "Limit cannot be <= 0")),
        },
    }
}

/// A coroutine of the runtime as the program's coroutine object.
fn coroutine<F>(name: &'static str, body: impl FnOnce(crate::generator::Co) -> F + 'static) -> Value
where
    F: std::future::Future<Output = PyResult> + 'static,
{
    gen_value(Generator::coroutine(name, body))
}

/// `asyncio.StreamReader` as a program holds it.
struct ReaderObject(StreamReader);

impl NativeObject for ReaderObject {
    fn type_name(&self) -> &str {
        "StreamReader"
    }
    fn repr(&self) -> String {
        let eof = if self.0.at_eof() { " eof" } else { "" };
        format!("<StreamReader{eof}>")
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let r = self.0.clone();
        Ok(match name {
            "readline" => method(name, move |_, _| {
                let r = r.clone();
                Ok(coroutine("StreamReader.readline", move |co| async move {
                    Ok(bytes_value(&r.readline(&co).await?))
                }))
            }),
            "read" => method(name, move |a, k| {
                let n = match a.first().or_else(|| kw(&k, "n")) {
                    None | Some(Value::None) => -1,
                    Some(v) => v.as_int().ok_or_else(|| {
                        PyException::new(
                            TYPE_ERROR,
                            format!("'{}' object cannot be interpreted as an integer", v.type_name()),
                        )
                    })?,
                };
                let r = r.clone();
                Ok(coroutine("StreamReader.read", move |co| async move {
                    let data = if n < 0 { r.read_all(&co).await? } else { r.read(&co, n as usize).await? };
                    Ok(bytes_value(&data))
                }))
            }),
            "readexactly" => method(name, move |a, k| {
                let n = a.first().or_else(|| kw(&k, "n")).and_then(|v| v.as_int()).unwrap_or(0);
                if n < 0 {
                    return Err(PyException::new(VALUE_ERROR, "readexactly size can not be less than zero"));
                }
                let r = r.clone();
                Ok(coroutine("StreamReader.readexactly", move |co| async move {
                    Ok(bytes_value(&r.readexactly(&co, n as usize).await?))
                }))
            }),
            "readuntil" => method(name, move |a, k| {
                let sep = match a.first().or_else(|| kw(&k, "separator")) {
                    None => b"\n".to_vec(),
                    some => bytes_arg(some, "separator")?,
                };
                let r = r.clone();
                Ok(coroutine("StreamReader.readuntil", move |co| async move {
                    Ok(bytes_value(&r.readuntil(&co, &sep).await?))
                }))
            }),
            "at_eof" => method(name, move |_, _| Ok(Value::Bool(r.at_eof()))),
            "exception" => {
                method(name, move |_, _| Ok(r.exception().map(Value::Exception).unwrap_or_default()))
            }
            "feed_eof" => method(name, move |_, _| {
                r.feed_eof();
                Ok(Value::None)
            }),
            "feed_data" => method(name, move |a, _| {
                r.feed_data(&bytes_arg(a.first(), "data")?);
                Ok(Value::None)
            }),
            _ => return Err(no_attribute(self.type_name(), name)),
        })
    }
}

/// `asyncio.StreamWriter` as a program holds it.
struct WriterObject(StreamWriter);

impl NativeObject for WriterObject {
    fn type_name(&self) -> &str {
        "StreamWriter"
    }
    fn repr(&self) -> String {
        format!("<StreamWriter transport={}>", TransportObject(self.0.transport().clone()).repr())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn getattr(&self, _this: &Value, name: &str) -> PyResult<Value> {
        let w = self.0.clone();
        Ok(match name {
            "write" => method(name, move |a, _| {
                w.write(&bytes_arg(a.first(), "data")?)?;
                Ok(Value::None)
            }),
            "writelines" => method(name, move |a, _| {
                for item in ops::iterate(&a.first().cloned().unwrap_or_default())? {
                    w.write(&bytes_arg(Some(&item), "data")?)?;
                }
                Ok(Value::None)
            }),
            "drain" => method(name, move |_, _| {
                let w = w.clone();
                Ok(coroutine("StreamWriter.drain", move |co| async move {
                    w.drain(&co).await?;
                    Ok(Value::None)
                }))
            }),
            "close" => method(name, move |_, _| {
                w.close();
                Ok(Value::None)
            }),
            "is_closing" => method(name, move |_, _| Ok(Value::Bool(w.is_closing()))),
            "wait_closed" => method(name, move |_, _| {
                let w = w.clone();
                Ok(coroutine("StreamWriter.wait_closed", move |co| async move {
                    w.wait_closed(&co).await?;
                    Ok(Value::None)
                }))
            }),
            "write_eof" => method(name, move |_, _| {
                w.write_eof();
                Ok(Value::None)
            }),
            "can_write_eof" => method(name, move |_, _| Ok(Value::Bool(w.transport().can_write_eof()))),
            "get_extra_info" => method(name, move |a, k| {
                let (name, default) = extra_info_args(&a, &k)?;
                Ok(match w.get_extra_info(&name) {
                    Value::None => default,
                    v => v,
                })
            }),
            "transport" => Native::value(TransportObject(w.transport().clone())),
            _ => return Err(no_attribute(self.type_name(), name)),
        })
    }
}

fn stream_pair(reader: StreamReader, writer: StreamWriter) -> (Value, Value) {
    (Native::value(ReaderObject(reader)), Native::value(WriterObject(writer)))
}

/// What the program's `client_connected_cb(reader, writer)` gives the loop to run: its
/// coroutine as the connection's task; a plain function has already run (an empty
/// coroutine stands in); a failure is raised by the task.
fn client_connected(cb: &Value, reader: StreamReader, writer: StreamWriter) -> Generator {
    let (r, w) = stream_pair(reader, writer);
    let outcome = call(cb, vec![r, w], vec![]).and_then(|v| match to_awaitable(&v)? {
        aio::Awaitable::Coroutine(g) => Ok(Some(g)),
        _ => Ok(None),
    });
    match outcome {
        Ok(Some(g)) => g,
        Ok(None) => Generator::coroutine("client_connected_cb", |_| async { Ok(Value::None) }),
        Err(e) => Generator::coroutine("client_connected_cb", move |_| async move { Err(e) }),
    }
}

/// `asyncio.start_server` and `asyncio.open_connection`.
pub(super) fn functions() -> Vec<(&'static str, Value)> {
    vec![
        (
            "start_server",
            method("start_server", |a, k| {
                let cb = a.first().or_else(|| kw(&k, "client_connected_cb")).cloned().unwrap_or_default();
                let (host, port) = host_port(&a, &k, 1)?;
                let limit = limit_arg(&k)?;
                Ok(coroutine("start_server", move |co| async move {
                    let handler = move |r, w| client_connected(&cb, r, w);
                    let server = aio::start_server_with_limit(&co, handler, &host, port, limit).await?;
                    Ok(Native::value(ServerObject(server)))
                }))
            }),
        ),
        (
            "open_connection",
            method("open_connection", |a, k| {
                let (host, port) = host_port(&a, &k, 0)?;
                let limit = limit_arg(&k)?;
                Ok(coroutine("open_connection", move |co| async move {
                    let (reader, writer) = aio::open_connection_with_limit(&co, &host, port, limit).await?;
                    let (r, w) = stream_pair(reader, writer);
                    Ok(Value::tuple([r, w]))
                }))
            }),
        ),
        ("IncompleteReadError", Value::ExcClass(INCOMPLETE_READ_ERROR)),
        ("LimitOverrunError", Value::ExcClass(LIMIT_OVERRUN_ERROR)),
    ]
}
