//! `random` against CPython: one generated program seeds the generator 1,000 ways (small,
//! negative and big ints, strings, floats, `random.Random` instances, for seeds 0..200)
//! and prints many draws of every function after each seed — floats by `repr` — and
//! `corosim run` must print exactly what python3 prints, byte for byte.
//!
//! Bytes seeds are not in the program (corosim's Python has no `bytes`); a unit test in
//! `src/python/modules/random.rs` pins one against CPython.

mod pyharness;

use std::time::Duration;

use pyharness::{corosim, cpython_all, diff, python_missing};

/// What the program draws after each seed: every function, several argument shapes.
const DRAWS: &str = r#"
def draws(r, seed):
    r.seed(seed)
    print(seed if not isinstance(seed, str) else repr(seed), repr(r.random()), r.getrandbits(1), r.getrandbits(31), r.getrandbits(32), r.getrandbits(33), r.getrandbits(64), r.getrandbits(65), r.getrandbits(200))
    print(r.randrange(10), r.randrange(1, 2), r.randrange(-5, 5), r.randrange(0, 100, 3), r.randrange(50, -50, -7), r.randrange(2**64), r.randrange(-2**100, 2**100, 3), r.randint(1, 6), r.randint(-10**20, 10**20))
    x = list(range(r.randrange(1, 40))); r.shuffle(x); print(x)
    print(r.choice('abcdefg'), r.choice([1, 2, 3]), r.choice(range(1000)), r.choice((None, True)))
    print(r.sample(range(10), 10), r.sample('coroutine', 4), r.sample(range(10**6), 7), r.sample(range(100), 30), r.sample(list(range(60)), 25))
    print(r.sample(['red', 'blue', 'green'], counts=[3, 2, 4], k=6), r.sample(range(5), k=0))
    print(r.choices('abc'), r.choices('abcd', k=6), r.choices(range(7), [1, 2, 3, 4, 5, 6, 7], k=5), r.choices('xyz', [0.1, 0.2, 0.7], k=4), r.choices('pq', cum_weights=[3, 4], k=5))
    print(repr(r.uniform(1, 10)), repr(r.uniform(-2.5, 2.5)), repr(r.expovariate(1.5)), repr(r.triangular()), repr(r.triangular(0, 10, 7)))
    print(repr(r.gauss()), repr(r.gauss(5, 2)), repr(r.gauss()), repr(r.normalvariate(0, 1)), repr(r.normalvariate(10, 3)), repr(r.lognormvariate(0, 0.5)))
    r.seed(seed)
    print(repr(r.gauss()))
    r.seed(seed)
    print(repr(r.gauss()), repr(r.paretovariate(2.0)), repr(r.weibullvariate(1.0, 1.5)))
    state = r.getstate()
    a = [r.random() for _ in range(3)]
    r.setstate(state)
    print(a == [r.random() for _ in range(3)], len(state[1]), state[2] is None)
"#;

/// The program: the module's own functions for some seeds, instances for the rest.
fn program() -> String {
    let mut p = String::from("import random\n");
    p.push_str(DRAWS);
    p.push_str(
        r#"
for n in range(200):
    draws(random, n)
    draws(random.Random(), -n - 1)
    draws(random.Random(n), n * 2**64 + 7**n)
    draws(random.Random(), 'seed %d' % n + 'é' * (n % 3))
    draws(random.Random(), n + 0.25)
r = random.Random(3)
print(r.random(), random.Random('x').random(), random.Random(2**200).random())
random.seed('abc', version=1)
print(random.random())
for n in range(300):
    random.seed(n)
    print(random.randrange(1, 2 + n), random.sample(range(n + 1), min(n, 6)), random.choices(range(n + 1), k=3))
"#,
    );
    p
}

#[test]
fn random_draws_what_cpython_draws() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("draws.py"), program()).expect("write the program");
    let programs = vec!["draws.py".to_string()];
    let theirs = match cpython_all(&programs, dir.path()) {
        Ok(mut outcomes) => outcomes.remove(0),
        Err(why) => return python_missing("python_random", &why),
    };
    assert_eq!(theirs.code, 0, "CPython fails the program: {}", String::from_utf8_lossy(&theirs.stderr));
    assert!(theirs.stdout.len() > 500_000, "the program prints many draws");
    let ours = corosim(&["run".to_string(), "draws.py".to_string()], dir.path(), Duration::from_secs(120));
    if let Some(d) = diff("draws.py", &ours, &theirs, "CPython") {
        panic!("random draws differ from CPython's:\n{d}");
    }
}
