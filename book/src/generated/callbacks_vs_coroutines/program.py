# One job in two styles: total the prices of an order, each price looked up "over the
# network". With callbacks every step is a separate function called later with no
# context: the work in progress is carried by hand, and errors must travel as data.
# With coroutines the steps read top to bottom, locals survive each wait, and a plain
# try/except catches the error.
import asyncio

ORDERS = {1: ["book", "pen"], 2: ["book", "lamp"]}
PRICES = {"book": 12, "pen": 3}


def lookup_price_cb(loop, item, callback):
    def reply():  # runs later, called by the loop: nobody up the stack to catch a raise
        if item in PRICES:
            callback(PRICES[item], None)
        else:
            callback(None, KeyError(item))  # so the error is passed along as data

    loop.call_later(0.05, reply)


def order_total_cb(loop, order_id, done):
    state = {"total": 0, "left": list(ORDERS[order_id])}  # the context, carried by hand

    def on_price(price, error):
        if error is not None:  # every callback must check, or the error is lost
            done(None, error)
            return
        state["total"] += price
        state["left"].pop(0)
        if state["left"]:
            lookup_price_cb(loop, state["left"][0], on_price)
        else:
            done(state["total"], None)

    lookup_price_cb(loop, state["left"][0], on_price)


async def lookup_price(item):
    await asyncio.sleep(0.05)
    return PRICES[item]  # a missing item raises KeyError, as in any function


async def order_total(order_id):
    total = 0
    for item in ORDERS[order_id]:
        total += await lookup_price(item)  # `total` and the loop survive each wait
    return total


async def main():
    loop = asyncio.get_running_loop()
    for order_id in ORDERS:
        finished = loop.create_future()

        def done(total, error, order_id=order_id, finished=finished):
            if error is not None:
                print("callbacks: order", order_id, "failed:", repr(error))
            else:
                print("callbacks: order", order_id, "total", total)
            finished.set_result(None)

        order_total_cb(loop, order_id, done)
        await finished
    for order_id in ORDERS:
        try:
            total = await order_total(order_id)
            print("coroutines: order", order_id, "total", total)
        except KeyError as e:
            print("coroutines: order", order_id, "failed:", repr(e))


asyncio.run(main())
