# One coroutine awaits two others in turn: `await` runs the inner coroutine inline,
# and its return value comes back as the value of the `await` expression.
import asyncio


async def prepare():
    print("in prepare")
    print("waiting for the recipe")
    recipe = await fetch_recipe()
    print("waiting for the dish")
    dish = await cook(recipe)
    return (recipe, dish)


async def fetch_recipe():
    print("in fetch_recipe")
    return "pancakes"


async def cook(recipe):
    print("in cook")
    return "a plate of {}".format(recipe)


loop = asyncio.new_event_loop()
try:
    result = loop.run_until_complete(prepare())
    print("returned: {!r}".format(result))
finally:
    loop.close()
