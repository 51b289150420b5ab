//! One coroutine awaits two others in turn: `await` runs the inner coroutine inline, and
//! its return value becomes the value of the `await` expression.

use crate::aio::EventLoop;
use crate::{Console, Generator, PyResult, Value};

fn prepare(out: Console) -> Generator {
    Generator::coroutine("prepare", |co| async move {
        out.print("in prepare");
        out.print("waiting for the recipe");
        let recipe = co.await_(fetch_recipe(out.clone())).await?;
        out.print("waiting for the dish");
        let dish = co.await_(cook(out.clone(), recipe.clone())).await?;
        Ok(Value::tuple([recipe, dish]))
    })
}

fn fetch_recipe(out: Console) -> Generator {
    Generator::coroutine("fetch_recipe", |_co| async move {
        out.print("in fetch_recipe");
        Ok("pancakes".into())
    })
}

fn cook(out: Console, recipe: Value) -> Generator {
    Generator::coroutine("cook", |_co| async move {
        out.print("in cook");
        Ok(format!("a plate of {recipe}").into())
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    let lp = EventLoop::new();
    let result = lp.run_until_complete(prepare(out.clone()));
    lp.close()?;
    out.print(format!("returned: {}", result?.repr()));
    Ok(())
}
