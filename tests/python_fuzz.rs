//! Differential testing: random small Python programs, run under CPython (the oracle,
//! virtual clock) and `corosim run`, must print the same (stdout, stderr, exit status).
//!
//! From a seed, [`Program::random`] writes programs of two kinds:
//! - generators: up to four generator functions whose bodies yield, receive sent values,
//!   `yield from` each other (or a list, or a range), return, raise, loop, and wrap all of
//!   that in `try`/`except`/`finally`; a driver calls next, send, throw (ValueError,
//!   StopIteration, GeneratorExit...), close and `inspect.getgeneratorstate` on the top
//!   one;
//! - asyncio: coroutines that sleep, await each other, return, raise and catch or swallow
//!   `CancelledError`; a `main` that creates tasks, sleeps, cancels, awaits, `gather`s
//!   (with and without `return_exceptions`), `wait`s and `wait_for`s with timeouts;
//! - random: a seeded `random` (the module's and a `random.Random`'s), reseeded from ints,
//!   big and negative ints, strings and floats, then drawn from by every function with
//!   arguments in and out of range (each error printed); every fourth program.
//!
//! A third of them run their driver (the generator steps, or `asyncio.run(main())`) in two
//! or three threads at once, each with its own generator or loop; each thread's lines are
//! kept apart and printed at the end, thread by thread, so the output does not depend on
//! how the threads interleave. corosim runs those with a thread switch every few
//! statements (`--switch-every 5 --seed N`): the interpreter's per-thread state (frames,
//! handled exceptions, running loop) must survive being preempted anywhere.
//!
//! Every operation prints what it returned or raised, so a difference shows in stdout.
//! The programs never leave an exception, a warning or a pending task behind, so CPython's
//! stderr is empty and its status 0 (checked: a program that does otherwise is a bug of the
//! generator, and fails the test).
//!
//! On a difference the test shrinks the program (drops operations and statements, inlines
//! blocks, while it still differs) and fails with the smallest one, its seed and its diff.
//!
//! `COROSIM_FUZZ_KEEP=DIR` leaves the programs in DIR (`p0000.py`...) to read or rerun.
//! `COROSIM_FUZZ_SEED` picks the seed (default: a fixed one, so CI runs the same programs
//! every time), `COROSIM_FUZZ_N` the number of programs (default 300). CPython runs them all
//! in two batches (one interpreter start each), corosim one process per program, two at a
//! time. `fuzz` in `tests/python/PENDING` marks the fuzzer as not passing yet: then
//! differences are expected, and their absence fails the test.

mod pyharness;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use pyharness::{Outcome, Pending, corosim_all, cpython_all, diff, python_missing};

/// The seed when `COROSIM_FUZZ_SEED` is not set.
const DEFAULT_SEED: u64 = 16;
/// The number of programs when `COROSIM_FUZZ_N` is not set.
const DEFAULT_N: usize = 300;
/// A generated program is tiny: anything slower is stuck.
const LIMIT: Duration = Duration::from_secs(20);
/// Shrinking stops after this many rounds (each round tries every one-step edit).
const MAX_ROUNDS: usize = 60;

// ---------------------------------------------------------------- the programs

/// What kind of program: driven generators, asyncio tasks, or draws from `random`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Generators,
    Asyncio,
    Random,
}

/// An exception a body raises, or a driver throws.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Exc {
    Value,
    Key,
    Runtime,
    StopIteration,
    /// Thrown by the driver only.
    GeneratorExit,
}

impl Exc {
    fn name(self) -> &'static str {
        match self {
            Exc::Value => "ValueError",
            Exc::Key => "KeyError",
            Exc::Runtime => "RuntimeError",
            Exc::StopIteration => "StopIteration",
            Exc::GeneratorExit => "GeneratorExit",
        }
    }
}

/// What an `except` clause catches.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Catch {
    Value,
    Key,
    Exception,
    /// asyncio only.
    Cancelled,
}

impl Catch {
    fn name(self) -> &'static str {
        match self {
            Catch::Value => "ValueError",
            Catch::Key => "KeyError",
            Catch::Exception => "Exception",
            Catch::Cancelled => "asyncio.CancelledError",
        }
    }
}

/// What `yield from` delegates to.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    /// `gN(arg)`, a later generator function.
    Gen(usize, i64),
    List(Vec<i64>),
    Range(u8),
}

/// A statement of a function body.
#[derive(Clone, Debug, PartialEq)]
enum Stmt {
    /// `print("f: text", got)`.
    Print(&'static str),
    /// `got = yield v` (generators).
    Yield(i64),
    /// `got = yield from ...` (generators).
    YieldFrom(Source),
    /// `await asyncio.sleep(d)` (asyncio).
    Sleep(f64),
    /// `got = await cN(arg)`, a later coroutine function (asyncio).
    Await(usize, i64),
    Return(i64),
    Raise(Exc),
    /// `if got == v:`.
    If(i64, Vec<Stmt>),
    /// `for i in range(n):`.
    Loop(u8, Vec<Stmt>),
    Try {
        body: Vec<Stmt>,
        handler: Option<(Catch, Vec<Stmt>)>,
        finally: Option<Vec<Stmt>>,
    },
    /// A bare `raise` (inside a handler only).
    Reraise,
}

/// One step of the generator driver, on the top generator `g`.
#[derive(Clone, Debug, PartialEq)]
enum GenOp {
    Next,
    Send(i64),
    Throw(Exc),
    Close,
    State,
    List,
}

/// One step of `main` in an asyncio program. Tasks are `t0`, `t1`, ... in creation order.
#[derive(Clone, Debug, PartialEq)]
enum TaskOp {
    /// `tN = asyncio.create_task(cF(arg), name="tN")`.
    Create(usize, usize, i64),
    Sleep(f64),
    Cancel(usize),
    State(usize),
    Await(usize),
    Gather(Vec<usize>, bool),
    /// `asyncio.wait_for(cF(arg), timeout)`.
    WaitFor(usize, i64, f64),
    /// `asyncio.wait([tasks], timeout)`.
    Wait(Vec<usize>, f64),
}

/// A whole program: functions (`g0`.. or `c0`..), and the driver's operations.
#[derive(Clone, Debug, PartialEq)]
struct Program {
    kind: Kind,
    /// Threads running the driver at once (0: the main thread runs it alone).
    threads: usize,
    funcs: Vec<Vec<Stmt>>,
    gen_ops: Vec<GenOp>,
    task_ops: Vec<TaskOp>,
    /// For `Kind::Random`: statements (a seed, or an expression to print), in order.
    rand_ops: Vec<String>,
}

/// The random choices, with the limits that keep programs small.
struct Maker {
    rng: fastrand::Rng,
    kind: Kind,
    funcs: usize,
}

/// Sleeps and timeouts: binary fractions, so every sum of them is exact and deadlines
/// that should tie do tie, on both sides (then the timer scheduled first runs first).
const SLEEPS: [f64; 9] = [0.0, 0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0, 1.5];

impl Maker {
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.rng.usize(..items.len())].clone()
    }

    fn value(&mut self) -> i64 {
        self.rng.i64(0..4)
    }

    /// One statement of a `random` program: `!` and a statement (a seed), or an expression
    /// whose value is printed.
    fn rand_op(&mut self) -> String {
        let g = self.pick(&["random", "r"]);
        let int = |m: &mut Maker| m.pick(&[-3, -1, 0, 1, 2, 5, 7, 10, 64, 100, 1000]);
        let pop =
            self.pick(&["'coroutine'", "range(50)", "range(1000)", "[]", "(1, 2, 3)", "xs", "['a', 'b']"]);
        match self.rng.u8(0..22) {
            0 | 1 => {
                let seed = match self.rng.u8(0..5) {
                    0 => format!("{}", self.rng.i64(-1000..1000)),
                    1 => format!("2 ** {} + {}", self.rng.u32(30..200), self.rng.u32(0..99)),
                    2 => format!("'seed{}'", self.rng.u32(0..50)),
                    3 => format!("{}.5", self.rng.i32(-20..20)),
                    _ => format!("-(3 ** {})", self.rng.u32(1..90)),
                };
                format!("!{g}.seed({seed})")
            }
            2 => format!("{g}.random()"),
            3 => format!("{g}.getrandbits({})", self.rng.u32(0..140)),
            4 => format!("{g}.randrange({})", int(self)),
            5 => format!("{g}.randrange({}, {})", int(self), int(self)),
            6 => format!("{g}.randrange({}, {}, {})", int(self), int(self), int(self)),
            7 => format!("{g}.randint({}, {})", int(self), int(self)),
            8 => format!("{g}.choice({pop})"),
            9 => format!("{g}.sample({pop}, {})", self.pick(&[0, 1, 3, 6, 30, 60])),
            10 => format!(
                "{g}.sample(['x', 'y', 'z'], counts=[{}, 2, 1], k={})",
                self.rng.u8(0..4),
                self.rng.u8(0..5)
            ),
            11 => format!("{g}.choices({pop}, k={})", self.rng.u8(0..6)),
            12 => format!("{g}.choices('abc', [{}, 0.5, 2], k={})", self.rng.u8(0..3), self.rng.u8(0..6)),
            13 => format!("{g}.choices('abcd', cum_weights=[1, 1, 2.5, {}], k=3)", self.rng.u8(0..5)),
            14 => format!("{g}.shuffle(xs) or xs"),
            15 => format!("{g}.uniform({}, {})", int(self), int(self)),
            16 => format!("{g}.gauss({}, 2)", int(self)),
            17 => format!("{g}.normalvariate(1, {})", int(self)),
            18 => format!("{g}.expovariate({})", int(self)),
            19 => format!("{g}.triangular(0, {}, 1)", int(self)),
            20 => format!("!{g}.setstate({g}.getstate())"),
            _ => format!("[{g}.random() for _ in range({})]", self.rng.u8(0..4)),
        }
    }

    fn exc(&mut self) -> Exc {
        self.pick(&[Exc::Value, Exc::Key, Exc::Runtime, Exc::StopIteration])
    }

    /// A body for function `me`: 1..=max statements, nested at most `depth` more levels.
    /// `in_finally`: no yields there (a yield while closing is ignored GeneratorExit, whose
    /// report at finalization prints an address).
    fn body(&mut self, me: usize, max: usize, depth: u8, in_finally: bool, in_handler: bool) -> Vec<Stmt> {
        let n = self.rng.usize(1..=max);
        let mut body = Vec::with_capacity(n);
        for _ in 0..n {
            let stmt = self.stmt(me, depth, in_finally, in_handler);
            let last = matches!(stmt, Stmt::Return(_) | Stmt::Raise(_) | Stmt::Reraise);
            body.push(stmt);
            if last {
                break; // nothing after it would run
            }
        }
        body
    }

    fn stmt(&mut self, me: usize, depth: u8, in_finally: bool, in_handler: bool) -> Stmt {
        let later = me + 1 < self.funcs;
        loop {
            let stmt = match self.rng.u8(0..14) {
                0 | 1 => Stmt::Print(self.pick(&["a", "b", "c", "d"])),
                2..=4 if self.kind == Kind::Generators && !in_finally => Stmt::Yield(self.value()),
                5 if self.kind == Kind::Generators && !in_finally => {
                    Stmt::YieldFrom(match self.rng.u8(0..4) {
                        0 | 1 if later => Source::Gen(self.rng.usize(me + 1..self.funcs), self.value()),
                        0 | 2 => Source::List((0..self.rng.usize(0..3)).map(|_| self.value()).collect()),
                        _ => Source::Range(self.rng.u8(0..3)),
                    })
                }
                2..=4 if self.kind == Kind::Asyncio => Stmt::Sleep(self.pick(&SLEEPS)),
                5 if self.kind == Kind::Asyncio && later => {
                    Stmt::Await(self.rng.usize(me + 1..self.funcs), self.value())
                }
                6 => Stmt::Return(self.value()),
                7 => Stmt::Raise(self.exc()),
                8 if depth > 0 => Stmt::If(self.value(), self.body(me, 2, depth - 1, in_finally, in_handler)),
                9 if depth > 0 => {
                    Stmt::Loop(self.rng.u8(1..3), self.body(me, 2, depth - 1, in_finally, in_handler))
                }
                10 | 11 if depth > 0 => {
                    let body = self.body(me, 3, depth - 1, in_finally, in_handler);
                    let catches: &[Catch] = match self.kind {
                        Kind::Generators | Kind::Random => &[Catch::Value, Catch::Key, Catch::Exception],
                        Kind::Asyncio => {
                            &[Catch::Value, Catch::Exception, Catch::Cancelled, Catch::Cancelled]
                        }
                    };
                    let handler = self
                        .rng
                        .bool()
                        .then(|| (self.pick(catches), self.body(me, 2, depth - 1, in_finally, true)));
                    let finally = (handler.is_none() || self.rng.bool())
                        .then(|| self.body(me, 2, depth - 1, self.kind == Kind::Generators, in_handler));
                    Stmt::Try { body, handler, finally }
                }
                12 if in_handler => Stmt::Reraise,
                _ => continue,
            };
            return stmt;
        }
    }
}

impl Program {
    /// The program numbered `index` of the run seeded with `seed`.
    fn random(seed: u64, index: usize) -> Program {
        let rng = fastrand::Rng::with_seed(seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
        let kind = match index % 4 {
            3 => Kind::Random,
            i if i % 2 == 0 => Kind::Generators,
            _ => Kind::Asyncio,
        };
        let mut m = Maker { rng, kind, funcs: 0 };
        if kind == Kind::Random {
            let ops = m.rng.usize(3..=16);
            let rand_ops = (0..ops).map(|_| m.rand_op()).collect();
            return Program {
                kind,
                threads: 0,
                funcs: Vec::new(),
                gen_ops: Vec::new(),
                task_ops: Vec::new(),
                rand_ops,
            };
        }
        m.funcs = m.rng.usize(1..=4);
        let funcs = (0..m.funcs).map(|me| m.body(me, 5, 2, false, false)).collect();
        // Threaded or not by the index alone: the rest of the program is what it would be.
        let threads = if index % 3 == 2 { 2 + (index / 3) % 2 } else { 0 };
        let mut p =
            Program { kind, threads, funcs, gen_ops: Vec::new(), task_ops: Vec::new(), rand_ops: Vec::new() };
        let ops = m.rng.usize(2..=9);
        match kind {
            Kind::Generators => {
                for _ in 0..ops {
                    let op = match m.rng.u8(0..12) {
                        0..=3 => GenOp::Next,
                        4..=6 => GenOp::Send(m.value()),
                        7 | 8 => GenOp::Throw(m.pick(&[
                            Exc::Value,
                            Exc::Key,
                            Exc::StopIteration,
                            Exc::GeneratorExit,
                        ])),
                        9 => GenOp::Close,
                        10 => GenOp::State,
                        _ => GenOp::List,
                    };
                    p.gen_ops.push(op);
                }
            }
            Kind::Asyncio => {
                let mut tasks = 0;
                for _ in 0..ops {
                    let op = match m.rng.u8(0..10) {
                        0..=2 => {
                            tasks += 1;
                            TaskOp::Create(tasks - 1, m.rng.usize(..m.funcs), m.value())
                        }
                        _ if tasks == 0 => continue,
                        3 => TaskOp::Sleep(m.pick(&SLEEPS)),
                        4 => TaskOp::Cancel(m.rng.usize(..tasks)),
                        5 => TaskOp::State(m.rng.usize(..tasks)),
                        6 => TaskOp::Await(m.rng.usize(..tasks)),
                        7 => {
                            let some = (0..tasks).filter(|_| m.rng.bool()).collect();
                            TaskOp::Gather(some, m.rng.bool())
                        }
                        8 => TaskOp::WaitFor(m.rng.usize(..m.funcs), m.value(), m.pick(&SLEEPS[2..])),
                        _ => {
                            TaskOp::Wait((0..tasks).filter(|_| m.rng.bool()).collect(), m.pick(&SLEEPS[2..]))
                        }
                    };
                    p.task_ops.push(op);
                }
            }
            Kind::Random => unreachable!("made above"),
        }
        p
    }

    /// The Python source.
    fn source(&self) -> String {
        let mut s = String::new();
        let prefix = if self.kind == Kind::Generators { "g" } else { "c" };
        if self.threads > 0 {
            s.push_str(THREAD_PRELUDE);
        }
        match self.kind {
            Kind::Generators => s.push_str(GEN_PRELUDE),
            Kind::Asyncio => s.push_str(ASYNC_PRELUDE),
            Kind::Random => {
                s.push_str(RANDOM_PRELUDE);
                for op in &self.rand_ops {
                    match op.strip_prefix("!") {
                        Some(stmt) => {
                            let _ = writeln!(s, "{stmt}");
                        }
                        None => {
                            let _ = writeln!(
                                s,
                                "try:\n    print({op})\nexcept ERRORS as e:\n    print(type(e).__name__, e)"
                            );
                        }
                    }
                }
                return s;
            }
        }
        for (i, body) in self.funcs.iter().enumerate() {
            if !self.uses(i) {
                continue;
            }
            let def = if self.kind == Kind::Asyncio { "async def" } else { "def" };
            let _ = writeln!(
                s,
                "\n\n{def} {prefix}{i}(arg):\n    got = arg\n    print(\"{prefix}{i} starts\", arg)"
            );
            render(&mut s, body, 1, &format!("{prefix}{i}"));
            if self.kind == Kind::Generators && !has_yield(body) {
                s.push_str("    return\n    yield  # unreachable: keeps it a generator\n");
            }
        }
        s.push_str("\n\n");
        let driver_at = s.len();
        match self.kind {
            Kind::Generators => {
                s.push_str("g = g0(0)\n");
                for op in &self.gen_ops {
                    let line = match op {
                        GenOp::Next => "show(\"next\", lambda: next(g))".to_string(),
                        GenOp::Send(v) => format!("show(\"send {v}\", lambda: g.send({v}))"),
                        GenOp::Throw(e) => {
                            format!("show(\"throw {0}\", lambda: g.throw({0}(\"thrown\")))", e.name())
                        }
                        GenOp::Close => "show(\"close\", g.close)".to_string(),
                        GenOp::State => "print(\"state\", inspect.getgeneratorstate(g))".to_string(),
                        GenOp::List => "show(\"list\", lambda: list(g))".to_string(),
                    };
                    let _ = writeln!(s, "{line}");
                }
                // Closed before the end: a generator finalized at exit would report an error
                // in its finally with an address.
                s.push_str(
                    "show(\"close at the end\", g.close)\nprint(\"end\", inspect.getgeneratorstate(g))\n",
                );
            }
            Kind::Random => {}
            Kind::Asyncio => {
                s.push_str("async def main():\n");
                let mut created = Vec::new();
                let list = |ts: &[usize], created: &[usize]| {
                    let names: Vec<String> =
                        ts.iter().filter(|t| created.contains(t)).map(|t| format!("t{t}")).collect();
                    names.join(", ")
                };
                for op in &self.task_ops {
                    let known = |t: &usize| created.contains(t);
                    let line = match op {
                        TaskOp::Create(t, f, arg) => {
                            created.push(*t);
                            format!("t{t} = asyncio.create_task(c{f}({arg}), name=\"t{t}\")")
                        }
                        TaskOp::Sleep(d) => format!("await asyncio.sleep({d})"),
                        TaskOp::Cancel(t) if known(t) => format!("print(\"cancel t{t}\", t{t}.cancel())"),
                        TaskOp::State(t) if known(t) => format!("state(t{t})"),
                        TaskOp::Await(t) if known(t) => format!("await ashow(\"await t{t}\", t{t})"),
                        TaskOp::Gather(ts, re) => {
                            let tasks = list(ts, &created);
                            let sep = if tasks.is_empty() { "" } else { ", " };
                            let re = if *re { "True" } else { "False" };
                            format!(
                                "await ashow(\"gather\", asyncio.gather({tasks}{sep}return_exceptions={re}))"
                            )
                        }
                        TaskOp::WaitFor(f, arg, timeout) => {
                            format!(
                                "await ashow(\"wait_for\", asyncio.wait_for(c{f}({arg}), timeout={timeout}))"
                            )
                        }
                        TaskOp::Wait(ts, timeout) if !list(ts, &created).is_empty() => {
                            format!("await wait([{}], {timeout})", list(ts, &created))
                        }
                        _ => continue,
                    };
                    let _ = writeln!(s, "    {line}");
                }
                // Every task awaited: none left pending, no exception left unretrieved.
                for t in &created {
                    let _ = writeln!(s, "    await ashow(\"end t{t}\", t{t})");
                }
                s.push_str("    print(\"main ends\")\n\n\nasyncio.run(main())\n");
            }
        }
        if self.threads > 0 {
            // The driver becomes a function each thread runs (`asyncio.run` makes each
            // thread a loop of its own).
            let driver: String = s[driver_at..].lines().map(|l| format!("    {l}\n")).collect();
            s.truncate(driver_at);
            s.push_str("def driver():\n");
            s.push_str(&driver);
            let _ = write!(s, "{}", THREAD_FOOTER.replace("THREADS", &self.threads.to_string()));
        }
        s
    }

    /// Is function `i` reachable from the driver (directly or through other functions)?
    fn uses(&self, i: usize) -> bool {
        let mut reached = vec![false; self.funcs.len()];
        let mut todo: Vec<usize> = match self.kind {
            Kind::Generators => vec![0],
            Kind::Random => vec![],
            Kind::Asyncio => self
                .task_ops
                .iter()
                .filter_map(|op| match op {
                    TaskOp::Create(_, f, _) | TaskOp::WaitFor(f, _, _) => Some(*f),
                    _ => None,
                })
                .collect(),
        };
        while let Some(f) = todo.pop() {
            if f < reached.len() && !reached[f] {
                reached[f] = true;
                calls(&self.funcs[f], &mut todo);
            }
        }
        reached[i]
    }

    /// Every program one edit smaller: an operation or a statement gone, a block inlined,
    /// a handler or a finally dropped, a loop run once.
    fn smaller(&self) -> Vec<Program> {
        let mut out = Vec::new();
        for i in 0..self.gen_ops.len() {
            let mut p = self.clone();
            p.gen_ops.remove(i);
            out.push(p);
        }
        for i in 0..self.task_ops.len() {
            let mut p = self.clone();
            p.task_ops.remove(i);
            out.push(p);
        }
        for i in 0..self.rand_ops.len() {
            let mut p = self.clone();
            p.rand_ops.remove(i);
            out.push(p);
        }
        for (f, body) in self.funcs.iter().enumerate() {
            if !self.uses(f) {
                continue;
            }
            for edited in edits(body) {
                let mut p = self.clone();
                p.funcs[f] = edited;
                out.push(p);
            }
        }
        out
    }

    /// A rough size: operations and statements of the functions it uses.
    fn size(&self) -> usize {
        fn count(stmts: &[Stmt]) -> usize {
            stmts.iter().map(|s| 1 + children(s).iter().map(|c| count(c)).sum::<usize>()).sum()
        }
        let used = self.funcs.iter().enumerate().filter(|(i, _)| self.uses(*i));
        self.gen_ops.len()
            + self.task_ops.len()
            + self.rand_ops.len()
            + used.map(|(_, b)| count(b)).sum::<usize>()
    }
}

/// The start of a `random` program: the generators it draws from, and a list to shuffle.
const RANDOM_PRELUDE: &str = "import random\n\nERRORS = (ValueError, TypeError, IndexError, ZeroDivisionError, OverflowError)\nrandom.seed(1)\nr = random.Random(5)\nxs = list(range(12))\n";

const GEN_PRELUDE: &str = r#"import inspect


def show(label, step):
    try:
        result = step()
    except BaseException as e:
        print(label, "raised", type(e).__name__, e.args)
    else:
        print(label, "->", repr(result))
"#;

/// Each thread's lines, kept apart (`print` is this module's own in a threaded program).
const THREAD_PRELUDE: &str = r#"import sys
import threading

lines = {}


def print(*args):
    lines.setdefault(threading.current_thread().name, []).append(" ".join(str(a) for a in args))


"#;

/// Runs the driver in THREADS threads, then prints their lines, thread by thread.
const THREAD_FOOTER: &str = r#"

threads = [threading.Thread(target=driver, name="thread-%d" % i) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name in sorted(lines):
    for line in lines[name]:
        sys.stdout.write(name + ": " + line + "\n")
"#;

const ASYNC_PRELUDE: &str = r#"import asyncio


async def ashow(label, awaitable):
    try:
        result = await awaitable
    except BaseException as e:
        print(label, "raised", type(e).__name__, e.args)
    else:
        print(label, "->", repr(result))


def state(task):
    if not task.done():
        print(task.get_name(), "pending")
    elif task.cancelled():
        print(task.get_name(), "cancelled")
    elif task.exception() is not None:
        print(task.get_name(), "failed", repr(task.exception()))
    else:
        print(task.get_name(), "returned", repr(task.result()))


async def wait(tasks, timeout):
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    print("wait", sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
"#;

/// The statement lists directly inside `s`.
fn children(s: &Stmt) -> Vec<&Vec<Stmt>> {
    match s {
        Stmt::If(_, b) | Stmt::Loop(_, b) => vec![b],
        Stmt::Try { body, handler, finally } => {
            let mut v = vec![body];
            v.extend(handler.as_ref().map(|(_, h)| h));
            v.extend(finally.as_ref());
            v
        }
        _ => Vec::new(),
    }
}

/// The functions `stmts` call (`yield from gN()`, `await cN()`).
fn calls(stmts: &[Stmt], out: &mut Vec<usize>) {
    for s in stmts {
        match s {
            Stmt::YieldFrom(Source::Gen(f, _)) | Stmt::Await(f, _) => out.push(*f),
            _ => {}
        }
        for c in children(s) {
            calls(c, out);
        }
    }
}

fn has_yield(stmts: &[Stmt]) -> bool {
    stmts
        .iter()
        .any(|s| matches!(s, Stmt::Yield(_) | Stmt::YieldFrom(_)) || children(s).iter().any(|c| has_yield(c)))
}

/// `stmts` as Python at `level` (4 spaces each), in function `me`.
fn render(s: &mut String, stmts: &[Stmt], level: usize, me: &str) {
    let pad = "    ".repeat(level);
    if stmts.is_empty() {
        let _ = writeln!(s, "{pad}pass");
    }
    for stmt in stmts {
        match stmt {
            Stmt::Print(text) => {
                let _ = writeln!(s, "{pad}print(\"{me}: {text}\", got)");
            }
            Stmt::Yield(v) => {
                let _ = writeln!(s, "{pad}got = yield {v}");
            }
            Stmt::YieldFrom(Source::Gen(f, arg)) => {
                let _ = writeln!(s, "{pad}got = yield from g{f}({arg})");
            }
            Stmt::YieldFrom(Source::List(items)) => {
                let items: Vec<String> = items.iter().map(i64::to_string).collect();
                let _ = writeln!(s, "{pad}got = yield from [{}]", items.join(", "));
            }
            Stmt::YieldFrom(Source::Range(n)) => {
                let _ = writeln!(s, "{pad}got = yield from range({n})");
            }
            Stmt::Sleep(d) => {
                let _ = writeln!(s, "{pad}await asyncio.sleep({d})");
            }
            Stmt::Await(f, arg) => {
                let _ = writeln!(s, "{pad}got = await c{f}({arg})");
            }
            Stmt::Return(v) => {
                let _ = writeln!(s, "{pad}return {v}");
            }
            Stmt::Raise(e) => {
                let _ = writeln!(s, "{pad}raise {}(\"{me}\")", e.name());
            }
            Stmt::Reraise => {
                let _ = writeln!(s, "{pad}raise");
            }
            Stmt::If(v, body) => {
                let _ = writeln!(s, "{pad}if got == {v}:");
                render(s, body, level + 1, me);
            }
            Stmt::Loop(n, body) => {
                let _ = writeln!(s, "{pad}for _ in range({n}):");
                render(s, body, level + 1, me);
            }
            Stmt::Try { body, handler, finally } => {
                let _ = writeln!(s, "{pad}try:");
                render(s, body, level + 1, me);
                if let Some((catch, h)) = handler {
                    let _ = writeln!(s, "{pad}except {} as e:", catch.name());
                    let _ = writeln!(s, "{pad}    print(\"{me} caught\", repr(e))");
                    render(s, h, level + 1, me);
                }
                if let Some(f) = finally {
                    let _ = writeln!(s, "{pad}finally:");
                    let _ = writeln!(s, "{pad}    print(\"{me} finally\")");
                    render(s, f, level + 1, me);
                }
            }
        }
    }
}

/// Every one-edit-smaller version of a statement list.
fn edits(stmts: &[Stmt]) -> Vec<Vec<Stmt>> {
    let mut out = Vec::new();
    for (i, stmt) in stmts.iter().enumerate() {
        let with = |replacement: Vec<Stmt>| {
            let mut v = stmts[..i].to_vec();
            v.extend(replacement);
            v.extend_from_slice(&stmts[i + 1..]);
            v
        };
        out.push(with(Vec::new()));
        match stmt {
            Stmt::If(v, body) => {
                out.push(with(body.clone()));
                out.extend(edits(body).into_iter().map(|b| with(vec![Stmt::If(*v, b)])));
            }
            Stmt::Loop(n, body) => {
                out.push(with(body.clone()));
                if *n > 1 {
                    out.push(with(vec![Stmt::Loop(1, body.clone())]));
                }
                out.extend(edits(body).into_iter().map(|b| with(vec![Stmt::Loop(*n, b)])));
            }
            Stmt::Try { body, handler, finally } => {
                out.push(with(body.clone()));
                let rebuilt =
                    |body: Vec<Stmt>, handler: Option<(Catch, Vec<Stmt>)>, finally: Option<Vec<Stmt>>| {
                        with(vec![Stmt::Try { body, handler, finally }])
                    };
                if handler.is_some() && finally.is_some() {
                    out.push(rebuilt(body.clone(), None, finally.clone()));
                    out.push(rebuilt(body.clone(), handler.clone(), None));
                }
                for b in edits(body) {
                    out.push(rebuilt(b, handler.clone(), finally.clone()));
                }
                if let Some((catch, h)) = handler {
                    for e in edits(h) {
                        out.push(rebuilt(body.clone(), Some((*catch, e)), finally.clone()));
                    }
                }
                if let Some(f) = finally {
                    for e in edits(f) {
                        out.push(rebuilt(body.clone(), handler.clone(), Some(e)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------- running them

/// How each program ran on both sides.
struct Runs {
    cpython: Vec<Outcome>,
    corosim: Vec<Outcome>,
}

/// Writes the programs into `dir` as `p0000.py`... and runs them on both sides.
fn run_all(programs: &[Program], dir: &Path) -> Result<Runs, String> {
    let names: Vec<String> = (0..programs.len()).map(|i| format!("p{i:04}.py")).collect();
    for (name, p) in names.iter().zip(programs) {
        std::fs::write(dir.join(name), p.source()).expect("write a program");
    }
    // Threaded programs switch threads every few statements (where the seed draws).
    let jobs: Vec<Vec<String>> = names
        .iter()
        .zip(programs)
        .enumerate()
        .map(|(i, (n, p))| {
            let mut job = vec!["run".to_string(), n.clone()];
            if p.threads > 0 {
                job.extend([
                    "--switch-every".to_string(),
                    "5".to_string(),
                    "--seed".to_string(),
                    i.to_string(),
                ]);
            }
            job
        })
        .collect();
    let (cpython, corosim) = std::thread::scope(|s| {
        let cpython = s.spawn(|| cpython_all(&names, dir));
        (cpython.join().expect("the CPython thread"), corosim_all(&jobs, dir, LIMIT))
    });
    Ok(Runs { cpython: cpython?, corosim })
}

/// A generated program must run cleanly under CPython; if not, the generator is wrong.
fn clean_under_cpython(out: &Outcome) -> bool {
    out.code == 0 && out.stderr.is_empty()
}

/// Shrinks `program` while `still_differs` says a batch of candidates still differs
/// (one verdict per candidate); returns the smallest found and how many rounds it took.
fn shrink(mut program: Program, mut still_differs: impl FnMut(&[Program]) -> Vec<bool>) -> (Program, usize) {
    for round in 0..MAX_ROUNDS {
        let candidates = program.smaller();
        let verdicts = still_differs(&candidates);
        match candidates.into_iter().zip(verdicts).find(|(_, differs)| *differs) {
            Some((smaller, _)) => program = smaller,
            None => return (program, round),
        }
    }
    (program, MAX_ROUNDS)
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v.parse().unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

#[test]
fn random_programs_run_as_under_cpython() {
    let start = Instant::now();
    let seed: u64 = env_or("COROSIM_FUZZ_SEED", DEFAULT_SEED);
    let n: usize = env_or("COROSIM_FUZZ_N", DEFAULT_N);
    let programs: Vec<Program> = (0..n).map(|i| Program::random(seed, i)).collect();
    let dir = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("COROSIM_FUZZ_KEEP").map(std::path::PathBuf::from);
    let dir_path = keep.as_deref().unwrap_or(dir.path());
    let runs = match run_all(&programs, dir_path) {
        Ok(runs) => runs,
        Err(why) => return python_missing("the fuzzer", &why),
    };
    for (i, out) in runs.cpython.iter().enumerate() {
        assert!(
            clean_under_cpython(out),
            "the fuzzer wrote a program that does not run cleanly under CPython (seed {seed}, \
             program {i}; status {}):\n{}\n--- stderr:\n{}",
            out.code,
            programs[i].source(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let differing: Vec<usize> = (0..n).filter(|&i| runs.cpython[i] != runs.corosim[i]).collect();
    eprintln!(
        "fuzz: seed {seed}, {n} programs, {} differ from CPython, {:.1}s",
        differing.len(),
        start.elapsed().as_secs_f64()
    );
    let pending = Pending::load();
    let Some(&first) = differing.first() else {
        if let Some(reason) = pending.reason("fuzz") {
            panic!(
                "every program runs as under CPython: remove `fuzz` from tests/python/PENDING (it said: {reason})"
            );
        }
        return;
    };
    if pending.reason("fuzz").is_some() {
        return;
    }
    // Shrink the first differing program: each round runs every candidate at once.
    let work = tempfile::tempdir().unwrap();
    let (small, rounds) =
        shrink(programs[first].clone(), |candidates| match run_all(candidates, work.path()) {
            Ok(runs) => runs
                .cpython
                .iter()
                .zip(&runs.corosim)
                .map(|(theirs, ours)| clean_under_cpython(theirs) && theirs != ours)
                .collect(),
            Err(_) => vec![false; candidates.len()],
        });
    let again = run_all(std::slice::from_ref(&small), work.path()).expect("CPython ran a moment ago");
    let report = diff("the program", &again.corosim[0], &again.cpython[0], "python3").unwrap_or_default();
    panic!(
        "{} of {n} random programs (seed {seed}: COROSIM_FUZZ_SEED={seed} COROSIM_FUZZ_N={n}) differ from \
         CPython; the first, program {first}, shrunk from size {} to {} in {rounds} rounds:\n\n{}\n{report}",
        differing.len(),
        programs[first].size(),
        small.size(),
        small.source(),
    );
}

/// The shrinker against a stand-in for "differs": a program differs while its source
/// still throws ValueError into a generator that has a `finally`. The smallest such
/// program keeps exactly that.
#[test]
fn shrinking_keeps_only_what_makes_the_difference() {
    let differs = |p: &Program| {
        let src = p.source();
        src.contains("g.throw(ValueError") && src.contains("finally:")
    };
    let program = (0..)
        .map(|i| Program::random(7, 2 * i))
        .find(|p| differs(p) && p.size() > 8)
        .expect("some generator program throws ValueError into a finally");
    let (small, _) = shrink(program.clone(), |cs| cs.iter().map(differs).collect());
    assert!(differs(&small));
    assert_eq!(small.gen_ops, [GenOp::Throw(Exc::Value)], "{}", small.source());
    assert!(small.size() <= 4 && small.size() < program.size(), "not minimal:\n{}", small.source());
}

/// The same seed gives the same programs; another seed, others.
#[test]
fn programs_follow_from_the_seed() {
    let a: Vec<String> = (0..20).map(|i| Program::random(1, i).source()).collect();
    let b: Vec<String> = (0..20).map(|i| Program::random(1, i).source()).collect();
    let c: Vec<String> = (0..20).map(|i| Program::random(2, i).source()).collect();
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.iter().any(|s| s.contains("yield from")) && a.iter().any(|s| s.contains("create_task")));
    assert!(a.iter().any(|s| s.contains("threading.Thread(target=driver")));
}
