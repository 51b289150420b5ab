//! One job in two styles: total an order's prices, each looked up "over the network".
//! Callbacks carry their context by hand and pass errors along as data; coroutines keep
//! their locals across every wait and let `try/except` catch the error.

use std::cell::RefCell;
use std::rc::Rc;

use crate::aio::{self, EventLoop};
use crate::exception::{KEY_ERROR, PyException};
use crate::{Console, Generator, PyResult, Value};

const ORDERS: [(i64, &[&str]); 2] = [(1, &["book", "pen"]), (2, &["book", "lamp"])];

fn price(item: &str) -> Option<i64> {
    match item {
        "book" => Some(12),
        "pen" => Some(3),
        _ => None,
    }
}

/// What a callback receives: a price, or the error as data.
type Reply = Box<dyn FnOnce(Option<i64>, Option<PyException>)>;

/// `lookup_price_cb(loop, item, callback)`: the reply comes later, from the loop.
fn lookup_price_cb(lp: &EventLoop, item: &'static str, callback: Reply) {
    lp.call_later(0.05, "reply", move || match price(item) {
        Some(p) => callback(Some(p), None),
        None => callback(None, Some(PyException::new(KEY_ERROR, item))), // cannot raise: nobody to catch it
    });
}

/// The context a callback chain must carry by hand.
struct OrderState {
    lp: EventLoop,
    total: i64,
    left: Vec<&'static str>,
    done: Option<Reply>,
}

/// `on_price(price, error)`: one link of the chain.
fn on_price(state: Rc<RefCell<OrderState>>, price: Option<i64>, error: Option<PyException>) {
    let mut s = state.borrow_mut();
    if let Some(e) = error {
        let done = s.done.take().expect("done is called once");
        drop(s);
        return done(None, Some(e)); // every callback must check, or the error is lost
    }
    s.total += price.unwrap_or(0);
    s.left.remove(0);
    if let Some(&next) = s.left.first() {
        let lp = s.lp.clone();
        drop(s);
        let st = state.clone();
        lookup_price_cb(&lp, next, Box::new(move |p, e| on_price(st, p, e)));
    } else {
        let (done, total) = (s.done.take().expect("done is called once"), s.total);
        drop(s);
        done(Some(total), None);
    }
}

/// `order_total_cb(loop, order_id, done)`.
fn order_total_cb(lp: &EventLoop, items: &[&'static str], done: Reply) {
    let state = Rc::new(RefCell::new(OrderState {
        lp: lp.clone(),
        total: 0,
        left: items.to_vec(),
        done: Some(done),
    }));
    let st = state.clone();
    lookup_price_cb(lp, items[0], Box::new(move |p, e| on_price(st, p, e)));
}

/// `async def lookup_price(item)`.
fn lookup_price(item: &'static str) -> Generator {
    Generator::coroutine("lookup_price", move |co| async move {
        co.await_(aio::sleep(0.05)).await?;
        price(item).map(Value::from).ok_or_else(|| PyException::new(KEY_ERROR, item))
    })
}

/// `async def order_total(order_id)`: `total` and the loop survive each wait.
fn order_total(items: &'static [&'static str]) -> Generator {
    Generator::coroutine("order_total", move |co| async move {
        let mut total = 0;
        for item in items {
            total += co.await_(lookup_price(item)).await?.as_int().unwrap_or(0);
        }
        Ok(total.into())
    })
}

fn main_coro(out: Console) -> Generator {
    Generator::coroutine("main", |co| async move {
        let lp = aio::get_running_loop()?;
        for (order_id, items) in ORDERS {
            let finished = lp.create_future();
            let (o, f) = (out.clone(), finished.clone());
            let done: Reply = Box::new(move |total, error| {
                match error {
                    Some(e) => o.print(format!("callbacks: order {order_id} failed: {}", e.repr())),
                    None => o.print(format!("callbacks: order {order_id} total {}", total.unwrap_or(0))),
                }
                let _ = f.set_result(Value::None);
            });
            order_total_cb(&lp, items, done);
            co.await_(&finished).await?;
        }
        for (order_id, items) in ORDERS {
            match co.await_(order_total(items)).await {
                Ok(total) => out.print(format!("coroutines: order {order_id} total {total}")),
                Err(e) if e.is_instance(KEY_ERROR) => {
                    out.print(format!("coroutines: order {order_id} failed: {}", e.repr()))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Value::None)
    })
}

pub fn run(out: &Console) -> PyResult<()> {
    aio::run(main_coro(out.clone())).map(|_| ())
}
