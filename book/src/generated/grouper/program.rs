//! Fluent Python's averager / grouper / client: `yield from` passes every send straight
//! through the delegating generator, and the subgenerator's `return` becomes the value of
//! the `yield from` expression.

use std::cell::RefCell;
use std::rc::Rc;

use crate::{Console, Generator, PyResult, Value};

type Results = Rc<RefCell<Vec<(String, Value)>>>;

/// `def averager()`: averages readings until it receives None, then returns a Summary.
fn averager() -> Generator {
    Generator::new("averager", |co| async move {
        let (mut total, mut count) = (0.0, 0);
        let mut average = Value::None;
        loop {
            let reading = co.yield_(()).await?;
            let Some(x) = reading.as_f64() else { break };
            total += x;
            count += 1;
            average = Value::Float(total / count as f64);
        }
        Ok(Value::named("Summary", [("count", count.into()), ("average", average)]))
    })
}

/// `def grouper(results, key)`: `results[key] = yield from averager()`, forever.
fn grouper(results: Results, key: String) -> Generator {
    Generator::new("grouper", |co| async move {
        loop {
            let summary = co.yield_from(averager()).await?;
            let mut results = results.borrow_mut();
            match results.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = summary,
                None => results.push((key.clone(), summary)),
            }
        }
    })
}

fn client(data: &[(&str, &[f64])]) -> PyResult<Results> {
    let results: Results = Rc::default();
    for (key, readings) in data {
        let group = grouper(results.clone(), key.to_string());
        group.next()?;
        for &reading in *readings {
            group.send(reading)?;
        }
        group.send(())?; // averager returns; grouper starts a fresh one
    }
    Ok(results)
}

fn report(out: &Console, results: &Results) {
    let mut sorted = results.borrow().clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (key, summary) in sorted {
        let (plant, unit) = key.split_once(';').unwrap_or((&key, ""));
        let Value::Named(s) = summary else { continue };
        let count = s.fields[0].1.as_int().unwrap_or(0);
        let average = s.fields[1].1.as_f64().unwrap_or(f64::NAN);
        out.print(format!("{count:2} {plant:8} averaging {average:.2}{unit}"));
    }
}

pub fn run(out: &Console) -> PyResult<()> {
    let data: [(&str, &[f64]); 4] = [
        ("tomato;cm", &[31.5, 29.0, 35.2, 33.1, 30.4]),
        ("tomato;g", &[120.0, 98.5, 143.2, 110.7, 131.9]),
        ("basil;cm", &[12.3, 14.1, 11.8, 13.0]),
        ("basil;g", &[8.2, 9.9, 7.4, 8.8]),
    ];
    let results = client(&data)?;
    let dict = Value::dict(results.borrow().iter().map(|(k, v)| (Value::str(k), v.clone())));
    out.print(dict.to_str());
    report(out, &results);
    Ok(())
}
