//! The driver's fast path (an untraced `send` to a chain's innermost frame) must behave
//! exactly like the general driver loop, which runs whenever a trace recorder is on.
//!
//! Random generator programs — yields, `yield from` subgenerators and lists, returns,
//! raises, `except` clauses that swallow what was thrown (GeneratorExit included), and
//! bodies that poke other generators of the same program (their own ancestors too) —
//! are driven by random `send`/`next`/`throw`/`close` calls on the outermost generator
//! and on inner ones. The transcript must be identical with and without tracing.
//!
//! With `COROSIM_FUZZ_DUMP=file`, the untraced transcript is also written to `file`, to
//! compare two builds of the driver.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::rc::Rc;

use corosim::exception::{GENERATOR_EXIT, KEY_ERROR, PyException, VALUE_ERROR};
use corosim::generator::{Iterable, PyIterator, Step};
use corosim::{Generator, Value, trace};

/// A tiny deterministic random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One statement of a generator body. `catch`: wrapped in `try: ... except
/// BaseException as e: yield f'caught {e!r}'`.
enum Ins {
    Yield(i64, bool),
    YieldFrom(Rc<Vec<Ins>>, bool),
    YieldFromList(i64, bool),
    /// `yield from` an iterator that yields `n` values, then raises KeyError (`true`) or
    /// finishes with `StopIteration(42)` (`false`).
    YieldFromIter(i64, bool, bool),
    Return(i64),
    Raise,
    /// `yield repr(next(program[i]))`, the result or the exception.
    Poke(usize),
}

fn program(rng: &mut Rng, depth: u32) -> Rc<Vec<Ins>> {
    let len = 1 + rng.below(5);
    let prog = (0..len)
        .map(|_| {
            let catch = rng.below(2) == 0;
            match rng.below(11) {
                0..=3 => Ins::Yield(rng.below(100) as i64, catch),
                4 | 5 if depth < 4 => Ins::YieldFrom(program(rng, depth + 1), catch),
                4 | 5 => Ins::Yield(7, catch),
                6 => Ins::YieldFromList(rng.below(3) as i64, catch),
                10 => Ins::YieldFromIter(rng.below(3) as i64, rng.below(2) == 0, catch),
                7 => Ins::Return(rng.below(100) as i64),
                8 => Ins::Raise,
                _ => Ins::Poke(rng.below(8) as usize),
            }
        })
        .collect();
    Rc::new(prog)
}

/// A plain iterator without `send`/`throw`/`close` that ends in one of the two ways
/// an iterator can: raising an error, or raising `StopIteration(value)`. Its first step
/// (`start`) yields -1, so a driver that forgot `start` shows in the transcript.
struct Countdown {
    left: i64,
    fails: bool,
}

impl PyIterator for Countdown {
    fn type_name(&self) -> &str {
        "countdown"
    }
    fn start(&mut self) -> Step {
        Step::Yielded(Value::Int(-1))
    }
    fn next(&mut self) -> Step {
        if self.left > 0 {
            self.left -= 1;
            return Step::Yielded(Value::Int(self.left));
        }
        if self.fails {
            Step::Raised(PyException::new(KEY_ERROR, "done"))
        } else {
            Step::Raised(PyException::stop_iteration(Value::Int(42)))
        }
    }
}

/// Every generator the program made, in creation order.
type Made = Rc<RefCell<Vec<Generator>>>;

fn make(prog: Rc<Vec<Ins>>, made: &Made, counter: &Rc<Cell<u32>>) -> Generator {
    let name = format!("g{}", counter.get());
    counter.set(counter.get() + 1);
    let (made2, counter) = (made.clone(), counter.clone());
    let g = Generator::new(name, move |co| async move {
        let made = made2;
        let mut acc = 0;
        for ins in prog.iter().chain(prog.iter()) {
            let (r, catch) = match ins {
                Ins::Yield(k, catch) => (co.yield_(*k + acc).await, *catch),
                Ins::YieldFrom(p, catch) => {
                    let sub = make(p.clone(), &made, &counter);
                    (co.yield_from(sub).await, *catch)
                }
                Ins::YieldFromList(n, catch) => {
                    let list = Value::list((0..*n).map(Value::Int));
                    (co.yield_from(list).await, *catch)
                }
                Ins::YieldFromIter(n, fails, catch) => {
                    let it = Countdown { left: *n, fails: *fails };
                    (co.yield_from(Iterable::Iter(Box::new(it))).await, *catch)
                }
                Ins::Return(v) => return Ok(Value::Int(*v + acc)),
                Ins::Raise => return Err(PyException::new(VALUE_ERROR, "boom")),
                Ins::Poke(i) => {
                    let target = {
                        let made = made.borrow();
                        made[*i % made.len()].clone()
                    };
                    let got = match target.next() {
                        Ok(v) => v.repr(),
                        Err(e) => e.repr(),
                    };
                    (co.yield_(Value::str(got)).await, false)
                }
            };
            match r {
                Ok(v) => acc += v.as_int().unwrap_or(1),
                Err(e) if catch => {
                    acc += 100;
                    co.yield_(Value::str(format!("caught {}", e.repr()))).await?;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Value::Int(acc))
    });
    made.borrow_mut().push(g.clone());
    g
}

fn describe(r: corosim::PyResult) -> String {
    match r {
        Ok(v) => v.repr(),
        Err(e) => {
            let mut s = e.repr();
            if let Some(c) = e.context() {
                let _ = write!(s, " (context {})", c.repr());
            }
            if let Some(c) = e.cause() {
                let _ = write!(s, " (cause {})", c.repr());
            }
            s
        }
    }
}

/// Runs one random program with random calls; returns what happened.
fn transcript(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let made: Made = Rc::default();
    let counter = Rc::new(Cell::new(0));
    let mut root = make(program(&mut rng, 0), &made, &counter);
    let mut out = String::new();
    for _ in 0..60 {
        if root.state() == corosim::GenState::Closed {
            root = make(program(&mut rng, 0), &made, &counter);
        }
        let target = {
            let made = made.borrow();
            if rng.below(10) < 7 { root.clone() } else { made[rng.below(made.len() as u64) as usize].clone() }
        };
        let (call, result) = match rng.below(24) {
            0..=9 => {
                let v = rng.below(10) as i64;
                (format!("send({v})"), target.send(v))
            }
            10..=16 => ("next()".to_string(), target.next()),
            17..=19 => {
                ("throw(ValueError)".to_string(), target.throw(PyException::new(VALUE_ERROR, "thrown")))
            }
            20 => ("throw(KeyError)".to_string(), target.throw(KEY_ERROR)),
            21 => ("throw(GeneratorExit)".to_string(), target.throw(GENERATOR_EXIT)),
            _ => ("close()".to_string(), target.close().map(|()| Value::None)),
        };
        let _ = writeln!(
            out,
            "{}.{call} -> {}  [{:?} {:?}]",
            target.name(),
            describe(result),
            target.state(),
            root.chain(),
        );
    }
    // Bodies hold `made`, which holds them: the generators leak, on purpose (no
    // finalisation runs at an unknown moment).
    out
}

#[test]
fn fast_path_matches_the_general_driver() {
    let mut dump = String::new();
    for seed in 0..500 {
        let fast = transcript(seed);
        let (general, _events) = trace::collect(|| transcript(seed));
        assert_eq!(fast, general, "seed {seed}");
        let _ = writeln!(dump, "# seed {seed}\n{fast}");
    }
    if let Ok(path) = std::env::var("COROSIM_FUZZ_DUMP") {
        std::fs::write(path, dump).unwrap();
    }
}
