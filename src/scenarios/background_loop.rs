//! "Async creep" avoided: an event loop runs forever in a background thread, and plain
//! synchronous code hands it coroutines with `run_coroutine_threadsafe`.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::aio::{self, EventLoop, LoopHandle};
use crate::exception::{PyException, RUNTIME_ERROR};
use crate::value::SendResult;
use crate::{Console, Generator, PyResult, Value};

fn lookup(word: String) -> Generator {
    Generator::coroutine("lookup", move |co| async move {
        co.await_(aio::sleep(0.05)).await?; // pretend to ask a server
        Ok(word.to_uppercase().into())
    })
}

/// Starts a loop in its own thread, running forever; returns a handle to it.
fn start_background_loop() -> (LoopHandle, thread::JoinHandle<SendResult>) {
    let (tx, rx) = mpsc::channel();
    let thread = thread::Builder::new()
        .name("loop-thread".into())
        .spawn(move || {
            let lp = EventLoop::new();
            let _ = tx.send(lp.handle());
            let outcome = lp.run_forever().and_then(|()| lp.close());
            SendResult::new(&outcome.map(Value::from)) // values cross threads as copies
        })
        .expect("spawn the loop thread");
    (rx.recv().expect("the loop thread sends its handle"), thread)
}

/// Ordinary blocking code: no async in sight.
fn sync_lookup(handle: &LoopHandle, word: &str) -> PyResult {
    let word = word.to_string();
    handle.run_coroutine_threadsafe(move || lookup(word)).result(Some(Duration::from_secs(5)))
}

pub fn run(out: &Console) -> PyResult<()> {
    let (handle, thread) = start_background_loop();
    out.print(format!("result(): {}", sync_lookup(&handle, "alpha")?));
    out.print(format!("result(): {}", sync_lookup(&handle, "beta")?));

    let (called_back, answer) = mpsc::channel();
    handle.run_coroutine_threadsafe(|| lookup("gamma".into())).add_done_callback(move |result| {
        let _ = called_back.send(SendResult::new(result)); // runs in the loop's thread
    });
    let answer = answer
        .recv_timeout(Duration::from_secs(5))
        .map_err(|e| PyException::new(RUNTIME_ERROR, e.to_string()))?;
    out.print(format!("add_done_callback: {}", answer.into_result()?));

    handle.stop();
    drop(handle);
    thread.join().map_err(|_| PyException::new(RUNTIME_ERROR, "the loop thread panicked"))?.into_result()?;
    out.print("background loop stopped");
    Ok(())
}
