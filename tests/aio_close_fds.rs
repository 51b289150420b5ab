//! `loop.close()` leaves no socket open: a program that ends with connections and
//! servers still open (streams and protocols alike, each connection's protocol and
//! transport holding each other) has, once `asyncio.run` returns, exactly the
//! descriptors it had before it started — as under CPython, whose garbage collector
//! closes them. The same for a learner's `.py` under the interpreter, whose protocol
//! objects and transports hold each other too. Counted in /proc/self/fd; one test in its
//! own binary, so no other test opens descriptors meanwhile.

use std::rc::Rc;

use corosim::aio::{self, ClockKind, Protocol, StreamReader, StreamWriter, Transport};
use corosim::{Generator, Value};

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").expect("/proc/self/fd").count()
}

/// A protocol that keeps its transport, as every asyncio protocol does: a cycle.
struct Keeper(std::cell::RefCell<Option<Transport>>);

impl Protocol for Keeper {
    fn connection_made(&self, transport: &Transport) {
        *self.0.borrow_mut() = Some(transport.clone());
    }
}

/// Servers and connections left open when `main` returns, with a handler task still
/// waiting in `readline()` (cancelled by `asyncio.run`'s shutdown).
fn leaves_everything_open() -> Generator {
    Generator::coroutine("main", |co| async move {
        let lp = aio::get_running_loop()?;
        let handler = |reader: StreamReader, writer: StreamWriter| {
            Generator::coroutine("handler", move |co| async move {
                writer.write(b"hello\n")?;
                let _ = reader.readline(&co).await?; // never comes: the client says nothing
                Ok(Value::None)
            })
        };
        let streams = aio::start_server(&co, handler, "127.0.0.1", 0).await?;
        let port = streams.sockets()[0].getsockname()?.port();
        let mut kept = Vec::new();
        for _ in 0..3 {
            let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
            assert_eq!(reader.readline(&co).await?, b"hello\n");
            kept.push((reader, writer));
        }
        let protocols = lp.create_server(&co, || Rc::new(Keeper(Default::default())), "127.0.0.1", 0).await?;
        let port2 = protocols.sockets()[0].getsockname()?.port();
        for _ in 0..3 {
            let (t, _p) =
                lp.create_connection(&co, || Rc::new(Keeper(Default::default())), "127.0.0.1", port2).await?;
            t.write(b"x")?;
        }
        co.await_(aio::sleep(0.01)).await?;
        // Nothing closed: the servers, six client connections and six server sides.
        Ok(Value::None)
    })
}

/// The same in Python: a protocol keeps its transport, a handler waits in `readline()`,
/// and `main` returns with the servers and every connection open.
const LEAVES_EVERYTHING_OPEN: &str = r#"
import asyncio

class Keeper(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

async def handler(reader, writer):
    writer.write(b"hello\n")
    await reader.readline()

async def main():
    loop = asyncio.get_running_loop()
    streams = await asyncio.start_server(handler, "127.0.0.1", 0)
    kept = []
    for _ in range(3):
        reader, writer = await asyncio.open_connection("127.0.0.1", streams.sockets[0].getsockname()[1])
        kept.append((await reader.readline(), reader, writer))
    protocols = await loop.create_server(Keeper, "127.0.0.1", 0)
    for _ in range(3):
        transport, protocol = await loop.create_connection(Keeper, "127.0.0.1", protocols.sockets[0].getsockname()[1])
        transport.write(b"x")
        kept.append(protocol)
    await asyncio.sleep(0.01)
    print(len(kept), kept[0][0])

asyncio.run(main())
"#;

#[test]
fn no_socket_outlives_its_loop() {
    let before = open_fds();
    // Twice, on each clock: the second run proves the first left nothing behind either.
    for kind in [ClockKind::Virtual, ClockKind::Real, ClockKind::Virtual] {
        aio::with_clock(kind, || aio::run(leaves_everything_open())).unwrap();
        let after = open_fds();
        assert_eq!(after, before, "open descriptors before the run: {before}, after it ({kind:?}): {after}");
    }
    for _ in 0..2 {
        let (out, err, status) = corosim::python::run_capture(LEAVES_EVERYTHING_OPEN, "leaves_open.py");
        assert_eq!((status, err.as_str()), (0, ""), "the program ran to its end (stdout: {out:?})");
        assert!(out.starts_with("6 "), "every connection was made: {out:?}");
        let after = open_fds();
        assert_eq!(after, before, "open descriptors before: {before}, after the .py program: {after}");
    }
}
