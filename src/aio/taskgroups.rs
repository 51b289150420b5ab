//! `asyncio.TaskGroup` (Python 3.11): structured concurrency — tasks that cannot outlive
//! the block that started them.
//!
//! ```python
//! async with asyncio.TaskGroup() as tg:
//!     t1 = tg.create_task(fetch("a"))
//!     t2 = tg.create_task(fetch("b"))
//! print("both are done here")
//! ```
//!
//! * Leaving the block waits for every task of the group.
//! * The first task that fails (with anything but `CancelledError`) cancels its siblings
//!   *and the task running the block* (the parent), so the block stops at its current
//!   `await`; the parent's cancellation is taken back on the way out (`uncancel`), so the
//!   code after the block runs as if nothing had been cancelled.
//! * Then the failures are raised together, as one
//!   `ExceptionGroup('unhandled errors in a TaskGroup', [...])` (a `BaseExceptionGroup`
//!   if one of them is a BaseException) — which `except*` takes apart. `SystemExit` and
//!   `KeyboardInterrupt` are raised alone, as themselves.
//! * A cancellation of the parent from outside goes on as a `CancelledError` once the
//!   tasks have been cancelled and have finished.
//!
//! The algorithm is CPython 3.11's `Lib/asyncio/taskgroups.py`, flag by flag; in Rust,
//! `async with` is [`TaskGroup::aenter`] and the coroutine [`TaskGroup::aexit`]:
//!
//! ```
//! use corosim::{Generator, PyException, aio, exception::VALUE_ERROR};
//! let main = Generator::coroutine("main", |co| async move {
//!     let tg = aio::TaskGroup::new();                  // async with TaskGroup() as tg:
//!     tg.aenter()?;
//!     tg.create_task(Generator::coroutine("boom", |co| async move {
//!         co.await_(aio::sleep(1.0)).await?;
//!         Err(PyException::new(VALUE_ERROR, "boom"))
//!     }))?;
//!     let slow = tg.create_task(aio::sleep(5.0))?;
//!     let body = co.await_(aio::sleep(10.0)).await;    //     await asyncio.sleep(10)
//!     let e = co.await_(tg.aexit(body.err())).await.unwrap_err();
//!     assert_eq!(e.to_string(), "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)");
//!     assert!(slow.cancelled());                        // the sibling was cancelled
//!     Ok(aio::get_running_loop()?.time().into())        // and the body stopped at 1.0
//! });
//! assert_eq!(aio::run(main).unwrap().repr(), "1.0");
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use super::awaitable::Awaitable;
use super::event_loop::{EventLoop, get_running_loop};
use super::future::Future;
use super::task::{Task, trace_awaited_by};
use crate::exception::{
    BASE_EXCEPTION_GROUP, CANCELLED_ERROR, KEYBOARD_INTERRUPT, PyException, PyResult, RUNTIME_ERROR,
    SYSTEM_EXIT, TYPE_ERROR,
};
use crate::generator::Generator;
use crate::value::Value;

#[derive(Default)]
struct Inner {
    entered: bool,
    exiting: bool,
    aborting: bool,
    lp: Option<EventLoop>,
    parent_task: Option<Task>,
    parent_cancel_requested: bool,
    /// The group's tasks not done yet (a set in CPython; here in the order they were made).
    tasks: Vec<Task>,
    errors: Vec<PyException>,
    base_error: Option<PyException>,
    on_completed_fut: Option<Future>,
}

/// `asyncio.TaskGroup()`. Cloning shares the group.
#[derive(Clone, Default)]
pub struct TaskGroup(Rc<RefCell<Inner>>);

/// `TaskGroup._is_base_error`: the two exceptions a group raises alone, unwrapped.
fn is_base_error(e: &PyException) -> bool {
    e.is_instance(SYSTEM_EXIT) || e.is_instance(KEYBOARD_INTERRUPT)
}

impl TaskGroup {
    /// `asyncio.TaskGroup()`: a group not entered yet.
    pub fn new() -> TaskGroup {
        TaskGroup::default()
    }

    /// Is `other` the same group (`a is b`)?
    pub fn is(&self, other: &TaskGroup) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `repr(tg)`: `<TaskGroup tasks=2 entered>`, `<TaskGroup errors=1 cancelling>`.
    pub fn repr(&self) -> String {
        let inner = self.0.borrow();
        let mut info = String::new();
        if !inner.tasks.is_empty() {
            info.push_str(&format!(" tasks={}", inner.tasks.len()));
        }
        if !inner.errors.is_empty() {
            info.push_str(&format!(" errors={}", inner.errors.len()));
        }
        if inner.aborting {
            info.push_str(" cancelling");
        } else if inner.entered {
            info.push_str(" entered");
        }
        format!("<TaskGroup{info}>")
    }

    /// `await tg.__aenter__()`: the task running the block becomes the parent.
    /// `RuntimeError` when entered twice or outside a task.
    pub fn aenter(&self) -> PyResult<()> {
        if self.0.borrow().entered {
            return Err(self.error("has already been entered"));
        }
        let lp = match self.0.borrow().lp.clone() {
            Some(lp) => lp,
            None => get_running_loop()?,
        };
        let parent = lp.current_task();
        let mut inner = self.0.borrow_mut();
        inner.lp = Some(lp);
        let Some(parent) = parent else {
            drop(inner);
            return Err(self.error("cannot determine the parent task"));
        };
        inner.parent_task = Some(parent);
        inner.entered = true;
        Ok(())
    }

    /// `RuntimeError: TaskGroup <TaskGroup …> {what}`.
    fn error(&self, what: &str) -> PyException {
        PyException::new(RUNTIME_ERROR, format!("TaskGroup {} {what}", self.repr()))
    }

    /// `tg.create_task(coro)`: a task of the group, started as `asyncio.create_task` starts
    /// one. `RuntimeError` before the group is entered, after it has finished, and while
    /// it is shutting down (a task failed).
    ///
    /// ```
    /// let tg = corosim::aio::TaskGroup::new();
    /// let refused = tg.create_task(corosim::aio::sleep(1.0)).unwrap_err();
    /// assert_eq!(refused.to_string(), "RuntimeError: TaskGroup <TaskGroup> has not been entered");
    /// ```
    pub fn create_task(&self, coro: impl Into<Awaitable>) -> PyResult<Task> {
        self.create_task_named(coro, None)
    }

    /// `tg.create_task(coro, name=name)`: [`TaskGroup::create_task`], the task named from
    /// the start.
    pub fn create_task_named(
        &self,
        coro: impl Into<Awaitable>,
        name: Option<std::borrow::Cow<'static, str>>,
    ) -> PyResult<Task> {
        self.check_open()?;
        let lp = self.0.borrow().lp.clone().expect("an entered group has its loop");
        let coro = match coro.into() {
            Awaitable::Coroutine(c) => c,
            other => {
                return Err(PyException::new(
                    TYPE_ERROR,
                    format!("a coroutine was expected, got {}", other.repr()),
                ));
            }
        };
        let task = lp.create_task_named(coro, name);
        let parent = self.0.borrow().parent_task.as_ref().map(Task::get_name);
        trace_awaited_by(&task, parent.as_deref(), true);
        let group = self.clone();
        task.add_done_callback_shown(
            "TaskGroup._on_task_done",
            super::lib_callback("TaskGroup._on_task_done", "taskgroups.py:184"),
            move |fut| {
                if let Some(task) = Task::from_future(fut) {
                    group.on_task_done(&task);
                }
            },
        );
        self.0.borrow_mut().tasks.push(task.clone());
        Ok(task)
    }

    /// The checks `create_task` makes before it touches the coroutine: `RuntimeError`
    /// unless the group is entered, not finished and not shutting down. (A front-end
    /// makes them first too, so a refused coroutine is left as it was.)
    pub fn check_open(&self) -> PyResult<()> {
        let inner = self.0.borrow();
        let why = if !inner.entered {
            "has not been entered"
        } else if inner.exiting && inner.tasks.is_empty() {
            "is finished"
        } else if inner.aborting {
            "is shutting down"
        } else {
            return Ok(());
        };
        drop(inner);
        Err(self.error(why))
    }

    /// `TaskGroup._abort`: cancel every task of the group that is not done.
    fn abort(&self) {
        let tasks = {
            let mut inner = self.0.borrow_mut();
            inner.aborting = true;
            inner.tasks.clone()
        };
        for t in tasks {
            if !t.done() {
                t.cancel(None);
            }
        }
    }

    /// `TaskGroup._on_task_done`: a task of the group finished.
    fn on_task_done(&self, task: &Task) {
        let completed = {
            let mut inner = self.0.borrow_mut();
            inner.tasks.retain(|t| !t.is(task));
            inner.on_completed_fut.clone().filter(|_| inner.tasks.is_empty())
        };
        let parent = self.0.borrow().parent_task.as_ref().map(Task::get_name);
        trace_awaited_by(task, parent.as_deref(), false);
        if let Some(f) = completed
            && !f.done()
        {
            let _ = f.set_result(Value::Bool(true));
        }
        if task.cancelled() {
            return;
        }
        let Ok(Some(exc)) = task.exception() else { return };
        let (parent, lp, must_abort) = {
            let mut inner = self.0.borrow_mut();
            inner.errors.push(exc.clone());
            if is_base_error(&exc) && inner.base_error.is_none() {
                inner.base_error = Some(exc.clone());
            }
            let parent = inner.parent_task.clone().expect("an entered group has its parent");
            (parent, inner.lp.clone(), !inner.aborting && !inner.parent_cancel_requested)
        };
        if parent.done() {
            // CPython is "not sure if this case is possible" and reports it.
            if let Some(lp) = lp {
                lp.warn(format!(
                    "Task {} has errored out but its parent task {} is already completed\n{exc}",
                    task.describe(),
                    parent.describe()
                ));
            }
            return;
        }
        if must_abort {
            // The parent is not being cancelled: cancel it, to stop whatever the block
            // is awaiting; `__aexit__` takes this cancellation back.
            self.abort();
            self.0.borrow_mut().parent_cancel_requested = true;
            parent.cancel(None);
        }
    }

    /// `tg.__aexit__(type(exc), exc, tb)`, the coroutine to await on leaving the block,
    /// `exc` being what the block raised, if anything. It waits for every task; it
    /// returns None (then `exc`, if any, goes on) or raises: the `SystemExit` or
    /// `KeyboardInterrupt` of a task, a `CancelledError` that is not the group's own, or
    /// the group of the tasks' errors (with `exc` among them unless it is a
    /// CancelledError).
    pub fn aexit(&self, exc: Option<PyException>) -> Generator {
        let group = self.clone();
        Generator::coroutine("__aexit__", move |co| async move {
            // `et is exceptions.CancelledError`: exactly that class.
            let is_cancel = exc.as_ref().is_some_and(|e| e.class() == CANCELLED_ERROR);
            let (parent_cancel_requested, parent) = {
                let mut inner = group.0.borrow_mut();
                inner.exiting = true;
                if let Some(e) = &exc
                    && is_base_error(e)
                    && inner.base_error.is_none()
                {
                    inner.base_error = Some(e.clone());
                }
                (inner.parent_cancel_requested, inner.parent_task.clone())
            };
            let mut propagate_cancellation_error = if is_cancel { exc.clone() } else { None };
            if parent_cancel_requested
                && let Some(parent) = &parent
                && parent.uncancel() == 0
            {
                // No cancellation left pending: the CancelledError was only ours.
                propagate_cancellation_error = None;
            }
            if exc.is_some() && !group.0.borrow().aborting {
                // The parent is being cancelled, or the block itself raised.
                group.abort();
            }
            // A loop: the wait can be cancelled again and again while the parent is.
            while !group.0.borrow().tasks.is_empty() {
                let fut = {
                    let mut inner = group.0.borrow_mut();
                    if inner.on_completed_fut.is_none() {
                        let lp = inner.lp.clone().expect("an entered group has its loop");
                        let f = lp.create_future();
                        f.set_label("TaskGroup._on_completed_fut");
                        inner.on_completed_fut = Some(f);
                    }
                    inner.on_completed_fut.clone().expect("made above")
                };
                if let Err(ex) = co.await_(&fut).await {
                    if !ex.is_instance(CANCELLED_ERROR) {
                        return Err(ex);
                    }
                    if !group.0.borrow().aborting {
                        // The parent was cancelled while its tasks still ran.
                        propagate_cancellation_error = Some(ex);
                        group.abort();
                    }
                }
                group.0.borrow_mut().on_completed_fut = None;
            }
            let (base_error, errors_empty) = {
                let inner = group.0.borrow();
                (inner.base_error.clone(), inner.errors.is_empty())
            };
            if let Some(e) = base_error {
                return Err(e);
            }
            // A CancelledError goes on, unless tasks failed: their errors come first.
            if let Some(e) = propagate_cancellation_error
                && errors_empty
            {
                return Err(e);
            }
            let errors = {
                let mut inner = group.0.borrow_mut();
                if let Some(e) = exc.as_ref().filter(|_| !is_cancel) {
                    inner.errors.push(e.clone());
                }
                std::mem::take(&mut inner.errors)
            };
            if errors.is_empty() {
                return Ok(Value::None);
            }
            let excs = Value::list(errors.into_iter().map(Value::Exception));
            let me = PyException::group(BASE_EXCEPTION_GROUP, "unhandled errors in a TaskGroup", excs)?;
            // `raise me from None`, inside the handling of the block's exception.
            if let Some(e) = exc {
                me.set_context(e);
            }
            me.set_cause(None);
            Err(me)
        })
    }
}
