//! The thread version's program — exactly what `t` shows as its Rust listing. Each
//! `me.` call is Python's threading API on a real OS thread (see `threads.rs`). Kept
//! narrow enough for half a screen, so rustfmt leaves this file alone.

use super::threading::{Event, PyThread};

// listing: begin
fn spin(me: &PyThread, msg: &str, done: &Event) {
    let mut status = String::new();
    for ch in "|/-\\".chars().cycle() {
        status = format!("{ch} {msg}");
        me.status(&status);
        if me.wait(done, 0.1) {
            break;
        }
    }
    me.status(&" ".repeat(status.len()));
}

fn slow_function(me: &PyThread) -> i64 {
    me.sleep(3.0);
    me.returns("slow_function", 42)
}

fn supervisor(me: &PyThread, forget: bool) -> i64 {
    let done = me.new_event();
    let spinner = me.new_thread({
        let done = done.clone();
        move |me| spin(me, "thinking!", &done)
    });
    let repr = spinner.repr();
    me.print(format!("spinner object: {repr}"));
    let spinner = me.start(spinner);
    let result = me.call("slow_function",
                         || slow_function(me));
    if !forget {
        me.set(&done);
    }
    me.join(spinner);
    me.returns("supervisor", result)
}

pub fn main(me: &PyThread, forget: bool) {
    let result = me.call("supervisor",
                         || supervisor(me, forget));
    me.print(format!("Answer: {result}"));
}
// listing: end
