//! Blocking file I/O goes to a thread pool with `run_in_executor`; the coroutine awaits
//! the result while the loop keeps running other tasks.

use std::path::{Path, PathBuf};

use crate::aio::{self, get_running_loop};
use crate::exception::{OS_ERROR, PyException};
use crate::{Console, Generator, PyResult, Value};

/// Blocking file I/O: runs on a worker thread, never on the loop.
fn save_flag(directory: &Path, filename: &str, data: &str) -> PyResult {
    let path = directory.join(filename);
    let io_error = |e: std::io::Error| PyException::new(OS_ERROR, e.to_string());
    std::fs::write(&path, data).map_err(io_error)?;
    Ok(Value::from(std::fs::metadata(&path).map_err(io_error)?.len() as i64))
}

fn download_and_save(out: Console, directory: PathBuf, cc: &'static str, delay: f64) -> Generator {
    Generator::coroutine("download_and_save", move |co| async move {
        co.await_(aio::sleep(delay)).await?; // a simulated download
        let image = format!("GIF89a{}", cc.repeat(40));
        let filename = format!("{}.gif", cc.to_lowercase());
        let lp = get_running_loop()?;
        let saving = aio::run_in_executor(&lp, "save_flag", move || save_flag(&directory, &filename, &image));
        let size = co.await_(&saving).await?;
        out.print(format!("{cc}: saved {size} bytes"));
        Ok(size)
    })
}

fn main_coro(out: Console) -> Generator {
    Generator::coroutine("main", |co| async move {
        let tmp = tempfile::tempdir().map_err(|e| PyException::new(OS_ERROR, e.to_string()))?;
        let dir = tmp.path().to_path_buf();
        let jobs = [("BR", 0.15), ("IN", 0.05), ("US", 0.10)]
            .map(|(cc, delay)| download_and_save(out.clone(), dir.clone(), cc, delay));
        let sizes = co.await_(&aio::gather(jobs, false)?).await?;
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| PyException::new(OS_ERROR, e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        files.sort();
        out.print(format!("files: {}", Value::from(files).repr()));
        drop(tmp); // the `with TemporaryDirectory()` block ends
        let Value::List(sizes) = sizes else { unreachable!("gather gives a list") };
        out.print(format!("total bytes: {}", sizes.iter().filter_map(Value::as_int).sum::<i64>()));
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(main_coro(out.clone())).map(|_| ())
}
