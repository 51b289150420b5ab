//! What each moment teaches, in a sentence: the course's comparison of threads and
//! coroutines, said where it happens. The panes show one of these under the program's
//! output; the mistakes get a longer explanation.

/// The lesson, for the help screen.
pub const POINTS: [&str; 4] = [
    "A thread must be start()ed; a Task is scheduled the moment it is created.",
    "Nothing can kill a thread: the supervisor sets an Event and joins. A Task is cancel()led: CancelledError arrives at its paused await.",
    "The thread's slow function blocks in time.sleep; the coroutine must await sleep — a blocking sleep there freezes the whole loop.",
    "Threads are preempted anywhere (shared state needs locks); coroutines switch only where they await.",
];

pub(crate) const THREAD_CREATED: &str = "A Thread object exists, but nothing runs until start().";
pub(crate) const THREAD_STARTED: &str =
    "start(): the OS now runs Thread-1 beside MainThread, switching between them whenever it likes.";
pub(crate) const THREAD_SLEEP: &str =
    "time.sleep blocks MainThread only (the GIL is released): Thread-1 keeps spinning.";
pub(crate) const THREAD_SET: &str =
    "Nothing can kill a thread: the supervisor can only ask, by setting done ...";
pub(crate) const THREAD_JOIN: &str = "... and join() blocks until Thread-1 notices and ends.";
pub(crate) const THREAD_WAIT_SET: &str = "done is set: done.wait() returns True at once and the loop breaks.";
pub(crate) const THREAD_END: &str = "Two threads, switched by the OS: MainThread slept while Thread-1 spun.";

pub(crate) const TASK_CREATED: &str =
    "create_task: the Task is scheduled at once (no start()). It runs when supervisor gives the loop back.";
pub(crate) const TASK_AWAIT_SLOW: &str =
    "await sleep(3) suspends supervisor and hands the one thread back to the loop: the spinner can run.";
pub(crate) const TASK_STEP: &str = "The loop sends None into spin: it runs one step, up to its next await.";
pub(crate) const TASK_TIMER: &str =
    "A timer fired: the future is done, so the task waiting on it is scheduled again.";
pub(crate) const TASK_CANCEL: &str = "cancel() is a request: it cancels the future spin waits on ...";
pub(crate) const TASK_THROW: &str = "... and the loop throws CancelledError in at spin's paused await.";
pub(crate) const TASK_END: &str = "One thread, one loop: the tasks switched only at await.";

/// `--mistake blocking-sleep`, once the loop has reported the slow step.
pub const BLOCKING_SLEEP: &str = "The mistake: slow_function calls time.sleep(3) instead of awaiting asyncio.sleep(3). \
A coroutine that blocks, blocks the loop's one thread: for 3 s no other task could run, so the spinner task, though \
scheduled, never drew a frame — and was cancelled before its first step. The loop noticed and warned: \
'Executing <Task ...> took 3.0 seconds'. Fix: await asyncio.sleep(3), or run blocking code in an executor.";

/// `--mistake no-cancel`, once the loop has reported the pending task.
pub const NO_CANCEL: &str = "The mistake: supervisor never calls spinner.cancel(). run_until_complete returns as soon \
as supervisor is done, with the spin task still waiting on its sleep(.1); loop.close() then destroys it \
pending — 'Task was destroyed but it is pending!' — and spin never reaches its except/cleanup. \
Fix: cancel (or await) every task you create.";

/// `--mistake no-event`, once MainThread is stuck in `join`.
pub const NO_EVENT: &str = "The mistake: supervisor never calls done.set(). join() waits for Thread-1 to end, \
but Thread-1 only ends when done is set — and nothing can kill a thread. MainThread will wait for ever \
while the spinner spins. Press e to set the Event for it.";

pub(crate) const NO_EVENT_NOTE: &str = "join() blocks for ever: nobody will set done. Press e to set it.";
pub(crate) const NO_EVENT_RESCUED: &str =
    "done is set (by you): Thread-1's wait returns True, it ends, and join returns.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::translated;

    #[test]
    fn every_word_here_has_its_chinese() {
        let all = [
            THREAD_CREATED,
            THREAD_STARTED,
            THREAD_SLEEP,
            THREAD_SET,
            THREAD_JOIN,
            THREAD_WAIT_SET,
            THREAD_END,
            TASK_CREATED,
            TASK_AWAIT_SLOW,
            TASK_STEP,
            TASK_TIMER,
            TASK_CANCEL,
            TASK_THROW,
            TASK_END,
            BLOCKING_SLEEP,
            NO_CANCEL,
            NO_EVENT,
            NO_EVENT_NOTE,
            NO_EVENT_RESCUED,
        ];
        for text in all.iter().chain(POINTS.iter()) {
            assert!(translated(text), "add to src/i18n.rs: {text:?}");
        }
        for (_, what) in crate::player::KEY_HELP {
            assert!(translated(what), "add to src/i18n.rs: {what:?}");
        }
    }
}
