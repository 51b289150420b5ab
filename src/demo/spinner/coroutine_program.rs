//! The coroutine version's program — exactly what `t` shows as its Rust listing: plain
//! corosim code, nothing added for the demo but the pace of its sleeps. Kept narrow
//! enough for half a screen, so rustfmt leaves this file alone.

use std::thread;
use std::time::Duration;

use super::Mistake::{self, BlockingSleep, NoCancel};
use crate::aio::{self, EventLoop};
use crate::player::Checkpoint;
use crate::exception::CANCELLED_ERROR;
use crate::{Co, Console, Generator, PyResult, Value};

// listing: begin
fn spin(out: Console, pace: Pace) -> Generator {
    let body = move |co: Co| async move {
        let mut status = String::new();
        for ch in "|/-\\".chars().cycle() {
            status = format!("{ch} thinking!");
            out.status(&status);
            let nap = aio::sleep(pace.secs(0.1));
            if let Err(e) = co.await_(nap).await {
                if e.is_instance(CANCELLED_ERROR) {
                    break;
                }
                return Err(e);
            }
        }
        out.status(&" ".repeat(status.len()));
        Ok(Value::None)
    };
    Generator::coroutine("spin", body)
}

fn slow_function(pace: Pace, blocking: bool)
    -> Generator {
    let body = move |co: Co| async move {
        if blocking {
            thread::sleep(pace.duration(3.0));
        } else {
            let nap = aio::sleep(pace.secs(3.0));
            co.await_(nap).await?;
        }
        Ok(42.into())
    };
    Generator::coroutine("slow_function", body)
}

fn supervisor(out: Console, pace: Pace,
              mistake: Option<Mistake>)
    -> Generator {
    let body = move |co: Co| async move {
        let spin = spin(out.clone(), pace.clone());
        let spinner = aio::create_task(spin)?;
        let repr = spinner.describe();
        let s = format!("spinner object: {repr}");
        out.print(s);
        let block = mistake == Some(BlockingSleep);
        let slow = slow_function(pace, block);
        let result = co.await_(slow).await?;
        if mistake != Some(NoCancel) {
            spinner.cancel(None);
        }
        Ok(result)
    };
    Generator::coroutine("supervisor", body)
}

pub fn main(lp: EventLoop, out: Console, pace: Pace,
            mistake: Option<Mistake>)
    -> PyResult<()> {
    let sup = supervisor(out.clone(), pace,
                         mistake);
    let result = lp.run_until_complete(sup);
    lp.close()?;
    out.print(format!("Answer: {}", result?));
    Ok(())
}
// listing: end

/// The demo's pace: on the real clock, the program's seconds at the player's speed.
#[derive(Clone)]
pub struct Pace(pub(super) Option<Checkpoint>);

impl Pace {
    /// `program_secs` at the current speed (unchanged on the virtual clock).
    pub fn secs(&self, program_secs: f64) -> f64 {
        self.0.as_ref().map_or(program_secs, |cp| cp.secs(program_secs))
    }

    /// [`Pace::secs`] as a `Duration`.
    pub fn duration(&self, program_secs: f64) -> Duration {
        Duration::from_secs_f64(self.secs(program_secs).max(0.0))
    }
}
