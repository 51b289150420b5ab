//! The loop's network layer against asyncio's behaviour: the selector and the two clocks,
//! waking a loop that sleeps in `select`, the `sock_*` coroutines, streams' errors (with
//! CPython 3.11's texts, from `Lib/asyncio/streams.py` and `selector_events.py`), and
//! back-pressure in `drain()`. Everything on loopback, every wait bounded.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use corosim::aio::{self, ClockKind, Socket, StreamReader, StreamWriter};
use corosim::trace::{self, Event};
use corosim::{Generator, PyResult, Value};

/// A server on an OS-chosen port whose connections run `handler`; returns its port.
async fn serve(
    co: &corosim::Co,
    handler: impl Fn(StreamReader, StreamWriter) -> Generator + 'static,
) -> PyResult<(aio::Server, u16)> {
    let server = aio::start_server(co, handler, "127.0.0.1", 0).await?;
    let port = server.sockets()[0].getsockname()?.port();
    Ok((server, port))
}

fn run(main: Generator) -> PyResult {
    aio::with_clock(ClockKind::Virtual, || aio::run(main))
}

#[test]
fn stream_errors_say_what_cpython_says() {
    let main = Generator::coroutine("main", |co| async move {
        let handler = |_reader: StreamReader, writer: StreamWriter| {
            Generator::coroutine("talk", move |_co| async move {
                writer.write(b"abc")?; // three bytes, no newline, then end of file
                writer.close();
                Ok(Value::None)
            })
        };
        let (server, port) = serve(&co, handler).await?;
        let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
        let e = reader.readexactly(&co, 10).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "asyncio.exceptions.IncompleteReadError: 3 bytes read on a total of 10 expected bytes"
        );
        assert!(e.is_instance(corosim::exception::EOF_ERROR), "IncompleteReadError is an EOFError");
        assert_eq!(aio::incomplete_partial(&e).unwrap(), b"abc");
        assert!(reader.at_eof());
        assert_eq!(reader.readline(&co).await?, b"", "readline at EOF is empty");
        let e = reader.readuntil(&co, b"\n").await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "asyncio.exceptions.IncompleteReadError: 0 bytes read on a total of undefined expected bytes"
        );
        writer.close();
        server.close();
        Ok(Value::None)
    });
    run(main).unwrap();
}

#[test]
fn a_line_over_the_limit_is_a_value_error_and_readuntil_a_limit_overrun() {
    let main = Generator::coroutine("main", |co| async move {
        let handler = |_reader: StreamReader, writer: StreamWriter| {
            Generator::coroutine("talk", move |co| async move {
                writer.write(&[b'x'; 100])?;
                writer.write(b"\nshort\n")?;
                writer.drain(&co).await?;
                writer.close();
                Ok(Value::None)
            })
        };
        let (server, port) = serve(&co, handler).await?;
        let (reader, writer) = aio::open_connection_with_limit(&co, "127.0.0.1", port, 10).await?;
        let e = reader.readuntil(&co, b"\n").await.unwrap_err();
        assert_eq!(
            e.to_string(),
            "asyncio.exceptions.LimitOverrunError: Separator is found, but chunk is longer than limit"
        );
        // readuntil leaves the data; readline drops the long line and says ValueError.
        let e = reader.readline(&co).await.unwrap_err();
        assert_eq!(e.to_string(), "ValueError: Separator is found, but chunk is longer than limit");
        assert_eq!(reader.readline(&co).await?, b"short\n");
        writer.close();
        server.close();
        Ok(Value::None)
    });
    run(main).unwrap();
}

#[test]
fn sock_calls_check_their_socket_and_report_a_refused_connect_as_cpython() {
    let main = Generator::coroutine("main", |co| async move {
        let lp = aio::get_running_loop()?;
        // A port nobody listens on: bind one, then close it.
        let probe = Socket::tcp()?;
        probe.bind("127.0.0.1", 0)?;
        let addr = probe.getsockname()?;
        probe.close();
        let sock = Socket::tcp()?;
        let e = lp.sock_connect(&co, &sock, addr).await.unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', {})", addr.port())
        );
        let blocking = Socket::tcp()?;
        blocking.setblocking(true)?;
        let e = lp.sock_recv(&co, &blocking, 10).await.unwrap_err();
        assert_eq!(e.to_string(), "ValueError: the socket must be non-blocking");
        Ok(Value::None)
    });
    run(main).unwrap();
}

#[test]
fn io_takes_no_virtual_time_and_timers_still_come_in_order() {
    // A task sleeps 5 virtual seconds while two others talk over a socket: the talk
    // happens at t=0 (the clock does not jump while a socket is ready), the sleeper at 5.
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    let main = Generator::coroutine("main", move |co| async move {
        let lp = aio::get_running_loop()?;
        let l2 = l.clone();
        let sleeper = aio::create_task(Generator::coroutine("sleeper", move |co| async move {
            co.await_(aio::sleep(5.0)).await?;
            l2.borrow_mut().push(format!("slept, t={}", aio::get_running_loop()?.time()));
            Ok(Value::None)
        }))?;
        let handler = |reader: StreamReader, writer: StreamWriter| {
            Generator::coroutine("echo", move |co| async move {
                let line = reader.readline(&co).await?;
                writer.write(&line)?;
                writer.close();
                Ok(Value::None)
            })
        };
        let (server, port) = serve(&co, handler).await?;
        let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
        for _ in 0..3 {
            co.await_(aio::sleep(0.0)).await?;
        }
        writer.write(b"ping\n")?;
        let echoed = reader.readline(&co).await?;
        l.borrow_mut().push(format!("{}, t={}", String::from_utf8_lossy(&echoed).trim(), lp.time()));
        writer.close();
        server.close();
        co.await_(&sleeper).await?;
        Ok(Value::None)
    });
    let (result, events) = trace::collect(|| run(main));
    result.unwrap();
    assert_eq!(*log.borrow(), ["ping, t=0", "slept, t=5"]);
    // The loop's selector waits are events; a task on a socket says what it waits for.
    assert!(events.iter().any(|e| matches!(e, Event::Select { .. })));
    let waits: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::TaskSuspend { waits_on, .. } => trace::io_wait(waits_on).map(String::from),
            _ => None,
        })
        .collect();
    assert!(waits.iter().any(|w| w.starts_with("read from 127.0.0.1:")), "{waits:?}");
    assert!(waits.iter().any(|w| w.starts_with("connect to 127.0.0.1:")), "{waits:?}");
}

#[test]
fn drain_waits_while_the_reader_is_slow() {
    // The server writes 4 MiB; the client reads only after a while. drain() must park the
    // writer (the transport's buffer is over its high-water mark) until the client reads.
    let log = Rc::new(RefCell::new(Vec::<String>::new()));
    let l = log.clone();
    let main = Generator::coroutine("main", move |co| async move {
        let l1 = l.clone();
        let handler = move |_reader: StreamReader, writer: StreamWriter| {
            let l = l1.clone();
            Generator::coroutine("flood", move |co| async move {
                let chunk = vec![b'z'; 64 * 1024];
                for _ in 0..64 {
                    writer.write(&chunk)?;
                    let buffered = writer.transport().get_write_buffer_size();
                    writer.drain(&co).await?;
                    if buffered > 64 * 1024 {
                        l.borrow_mut().push("drain waited".into());
                    }
                }
                l.borrow_mut().push("all written".into());
                writer.close();
                Ok(Value::None)
            })
        };
        let (server, port) = serve(&co, handler).await?;
        let (reader, writer) = aio::open_connection(&co, "127.0.0.1", port).await?;
        for _ in 0..50 {
            co.await_(aio::sleep(0.0)).await?; // a slow reader: not reading yet
        }
        l.borrow_mut().push("client starts reading".into());
        let all = reader.read_all(&co).await?;
        assert_eq!(all.len(), 64 * 64 * 1024);
        writer.close();
        server.close();
        Ok(Value::None)
    });
    let (result, events) = trace::collect(|| run(main));
    result.unwrap();
    let log = log.borrow();
    let first_wait = log.iter().position(|s| s == "drain waited").expect("drain never had to wait");
    let reading = log.iter().position(|s| s == "client starts reading").unwrap();
    assert!(reading < log.len() - 1 && log.last().unwrap() == "all written", "{log:?}");
    assert!(first_wait > reading, "a waiting drain returns only once the reader reads: {log:?}");
    assert!(
        events.iter().any(|e| matches!(e, Event::TaskSuspend { waits_on, .. } if trace::io_wait(waits_on).is_some_and(|w| w.starts_with("write to ")))),
        "the writer waits to write"
    );
}

#[test]
fn another_thread_wakes_a_loop_sleeping_in_select() {
    // A listening socket keeps an idle loop in `select` with no timeout (no timer could
    // wake it); `call_soon_threadsafe(loop.stop)` from another thread must wake it now.
    let lp = aio::EventLoop::with_real_clock();
    let listener = Socket::tcp().unwrap();
    listener.bind("127.0.0.1", 0).unwrap();
    listener.listen(1).unwrap();
    let addr = listener.getsockname().unwrap();
    lp.add_reader(&listener, "never", || {}).unwrap();
    let handle = lp.handle();
    let started = Instant::now();
    let (woke, woken) = std::sync::mpsc::channel::<()>();
    let poke = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        handle.stop();
        // Were the wake-up lost, this connection (5 s later) would end the wait instead.
        if woken.recv_timeout(Duration::from_secs(5)).is_err() {
            let _ = std::net::TcpStream::connect(addr);
        }
    });
    lp.run_forever().unwrap();
    let took = started.elapsed();
    woke.send(()).unwrap();
    assert!(took >= Duration::from_millis(50) && took < Duration::from_secs(4), "woke after {took:?}");
    lp.remove_reader(&listener);
    poke.join().unwrap();
}
