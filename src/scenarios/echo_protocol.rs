//! An echo server and its client written as protocols (PyMOTW's "Asynchronous I/O with
//! Protocol Class Abstractions"): no coroutine reads or writes. The loop calls each
//! protocol's methods as things happen on its connection — `connection_made`,
//! `data_received`, `eof_received`, `connection_lost` — and a protocol writes by handing
//! bytes to its transport. Both ends run in one program, on loopback.

use std::rc::Rc;

use crate::aio::{self, Future, Protocol, Transport};
use crate::exception::PyException;
use crate::{Console, Generator, PyResult, Value};

const MESSAGES: [&[u8]; 3] = [b"This is the message. ", b"It will be sent ", b"in parts."];

/// Python's `repr(bytes)` for printable ASCII (what this program sends).
fn bytes_repr(data: &[u8]) -> String {
    format!("b{}", Value::from(String::from_utf8_lossy(data).as_ref()).repr())
}

fn host_of(transport: &Transport) -> String {
    match transport.get_extra_info("peername") {
        Value::Tuple(t) => t[0].to_str(),
        other => other.to_str(),
    }
}

struct EchoServer {
    out: Console,
}

impl Protocol for EchoServer {
    fn connection_made(&self, transport: &Transport) {
        self.out.print(format!("server: connection accepted from {}", host_of(transport)));
    }

    fn data_received(&self, transport: &Transport, data: &[u8]) {
        self.out.print(format!("server: received {}", bytes_repr(data)));
        let _ = transport.write(data);
        self.out.print(format!("server: sent {}", bytes_repr(data)));
    }

    fn eof_received(&self, transport: &Transport) -> bool {
        self.out.print("server: received EOF");
        if transport.can_write_eof() {
            transport.write_eof();
        }
        false
    }

    fn connection_lost(&self, error: Option<PyException>) {
        match error {
            Some(e) => self.out.print(format!("server: ERROR: {}", e.message())),
            None => self.out.print("server: closing"),
        }
    }
}

struct EchoClient {
    out: Console,
    f: Future,
    transport: std::cell::RefCell<Option<Transport>>,
}

impl Protocol for EchoClient {
    fn connection_made(&self, transport: &Transport) {
        *self.transport.borrow_mut() = Some(transport.clone());
        self.out.print(format!("client: connecting to {}", host_of(transport)));
        for msg in MESSAGES {
            let _ = transport.write(msg);
            self.out.print(format!("client: sending {}", bytes_repr(msg)));
        }
        if transport.can_write_eof() {
            transport.write_eof();
        }
    }

    fn data_received(&self, _transport: &Transport, data: &[u8]) {
        self.out.print(format!("client: received {}", bytes_repr(data)));
    }

    fn eof_received(&self, transport: &Transport) -> bool {
        self.out.print("client: received EOF");
        transport.close();
        if !self.f.done() {
            let _ = self.f.set_result(true);
        }
        false
    }

    fn connection_lost(&self, _exc: Option<PyException>) {
        self.out.print("client: server closed connection");
        if let Some(t) = self.transport.borrow_mut().take() {
            t.close();
        }
        if !self.f.done() {
            let _ = self.f.set_result(true);
        }
    }
}

fn main_coro(out: Console) -> Generator {
    Generator::coroutine("main", move |co| async move {
        let lp = aio::get_running_loop()?;
        let server_out = out.clone();
        let server = lp
            .create_server(&co, move || Rc::new(EchoServer { out: server_out.clone() }), "127.0.0.1", 0)
            .await?;
        let address = server.sockets()[0].getsockname()?;
        out.print(format!("starting up on {} (the OS chose the port)", address.ip()));
        let done = lp.create_future();
        let (client_out, f) = (out.clone(), done.clone());
        let make_client = move || Rc::new(EchoClient { out: client_out, f, transport: Default::default() });
        let (_transport, _protocol) =
            lp.create_connection(&co, make_client, "127.0.0.1", address.port()).await?;
        co.await_(&done).await?;
        server.close();
        server.wait_closed(&co).await?;
        out.print("server shut down");
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(main_coro(out.clone()))?;
    Ok(())
}
