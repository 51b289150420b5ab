//! The flags downloader grown up: a Semaphore caps concurrent downloads, as_completed
//! hands results over as they finish, network errors become a FetchError raised `from`
//! its cause, and a progress bar counts. The network is simulated and deterministic.

use std::collections::HashMap;

use crate::aio::{self, Semaphore};
use crate::exception::{CONNECTION_RESET_ERROR, EXCEPTION, ExcClass, PyException, TIMEOUT_ERROR};
use crate::{Console, Generator, PyResult, Value};

const COUNTRIES: [&str; 20] = [
    "BD", "BR", "CD", "CN", "DE", "EG", "ET", "FR", "ID", "IN", "IR", "JP", "MX", "NG", "PH", "PK", "RU",
    "TR", "US", "VN",
];
const CONCUR_REQ: i64 = 3;

/// The exception classes this program defines (`class FetchError(Exception)` ...).
#[derive(Clone, Copy)]
struct Errors {
    not_found: ExcClass,
    fetch_error: ExcClass,
    connection_reset: ExcClass,
}

/// Latency (seconds) and outcome of a request for `cc`: fixed per country.
fn fake_network(cc: &str) -> (f64, &'static str) {
    let b = cc.as_bytes();
    let n = b[0] as usize * 31 + b[1] as usize;
    let delay = (n % 23 + 5) as f64 / 100.0;
    let outcomes =
        ["ok", "ok", "ok", "ok", "ok", "ok", "not found", "ok", "timeout", "ok", "ok", "reset", "ok"];
    (delay, outcomes[n % outcomes.len()])
}

fn http_get(cc: &'static str, errors: Errors) -> Generator {
    Generator::coroutine("http_get", move |co| async move {
        let (delay, outcome) = fake_network(cc);
        co.await_(aio::sleep(delay)).await?;
        match outcome {
            "not found" => Err(PyException::new(errors.not_found, cc)),
            "timeout" => Err(PyException::new(TIMEOUT_ERROR, "server took too long")),
            "reset" => Err(PyException::new(errors.connection_reset, "connection reset by peer")),
            _ => Ok(format!("GIF89a{}", cc.repeat(50)).into()),
        }
    })
}

fn download_one(out: Console, cc: &'static str, semaphore: Semaphore, errors: Errors) -> Generator {
    Generator::coroutine("download_one", move |co| async move {
        let fetched: PyResult = async {
            let _inside = semaphore.hold(&co).await?; // at most CONCUR_REQ in flight
            co.await_(http_get(cc, errors)).await
        }
        .await;
        let (status, msg) = match fetched {
            Ok(_) => ("ok", "OK"),
            Err(e) if e.is_instance(errors.not_found) => ("not_found", "not found"),
            // Keep the cause: the caller reports it.
            Err(e) if e.is_instance(EXCEPTION) => {
                return Err(PyException::new(errors.fetch_error, cc).with_cause(e));
            }
            Err(e) => return Err(e),
        };
        out.print(format!("  {cc} {msg}"));
        Ok(status.into())
    })
}

fn downloader(out: Console, errors: Errors) -> Generator {
    Generator::coroutine("downloader", move |co| async move {
        let mut counter: HashMap<String, i64> = HashMap::new();
        let semaphore = Semaphore::new(CONCUR_REQ)?;
        let mut sorted = COUNTRIES;
        sorted.sort();
        let mut to_do = Vec::new();
        for cc in sorted {
            to_do.push(aio::create_task(download_one(out.clone(), cc, semaphore.clone(), errors))?);
        }
        for (done, future) in aio::as_completed(to_do, None)?.enumerate() {
            let status = match co.await_(future).await {
                Ok(status) => status.to_str(),
                Err(exc) if exc.is_instance(errors.fetch_error) => {
                    let cause = exc.cause().expect("raised from its cause");
                    let error_msg =
                        cause.args().first().map_or_else(|| cause.name().to_string(), Value::to_str);
                    out.print(format!("  *** Error for {}: {error_msg} ({})", exc.args()[0], cause.name()));
                    "error".into()
                }
                Err(e) => return Err(e),
            };
            *counter.entry(status).or_default() += 1;
            let done = done + 1;
            let bar = format!("{}{}", "#".repeat(done), ".".repeat(COUNTRIES.len() - done));
            out.print(format!("[{bar}] {done}/{}", COUNTRIES.len()));
        }
        let counts =
            ["ok", "not_found", "error"].map(|s| (Value::from(s), Value::from(counter.get(s).copied())));
        Ok(Value::dict(counts))
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let errors = Errors {
        not_found: ExcClass::define("NotFound", EXCEPTION),
        fetch_error: ExcClass::define("FetchError", EXCEPTION),
        connection_reset: CONNECTION_RESET_ERROR,
    };
    let Value::Dict(counts) = aio::run(downloader(out.clone(), errors))? else { unreachable!() };
    for (status, n) in counts.iter() {
        out.print(format!("{:>9}: {}", status.to_str(), n.as_int().unwrap_or(0)));
    }
    Ok(())
}
