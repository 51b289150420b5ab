# ExceptionGroup(message, exceptions): CPython's checks on the arguments, its str
# (`message (N sub-exceptions)`), repr, args and .exceptions; a BaseExceptionGroup of
# Exceptions only is made an ExceptionGroup; an ExceptionGroup refuses BaseExceptions.
# A group class thrown into a generator is instantiated at the paused yield, so the
# TypeError of a bad call is raised there.
from harness import say, show


class MyGroup(ExceptionGroup):
    pass


class MyBaseGroup(BaseExceptionGroup):
    pass


def describe(e):
    say(f"  type={type(e).__name__} str={str(e)!r} args={e.args!r}")
    say(f"  exceptions={e.exceptions!r} is Exception: {isinstance(e, Exception)}")


va, kb = ValueError("a"), KeyError("k")
calls = [
    ("ExceptionGroup('two', [va, kb])", lambda: ExceptionGroup("two", [va, kb])),
    ("ExceptionGroup('one', (va,))", lambda: ExceptionGroup("one", (va,))),
    ("BaseExceptionGroup('all Exceptions', [va])", lambda: BaseExceptionGroup("all Exceptions", [va])),
    ("BaseExceptionGroup('base', [KeyboardInterrupt()])", lambda: BaseExceptionGroup("base", [KeyboardInterrupt()])),
    ("ExceptionGroup('nested', [ExceptionGroup('inner', [va]), kb])",
     lambda: ExceptionGroup("nested", [ExceptionGroup("inner", [va]), kb])),
    ("MyGroup('mine', [va])", lambda: MyGroup("mine", [va])),
    ("MyBaseGroup('mine', [va])", lambda: MyBaseGroup("mine", [va])),
    ("MyBaseGroup('mine', [GeneratorExit()])", lambda: MyBaseGroup("mine", [GeneratorExit()])),
    ("ExceptionGroup('base', [KeyboardInterrupt()])", lambda: ExceptionGroup("base", [KeyboardInterrupt()])),
    ("MyGroup('base', [GeneratorExit()])", lambda: MyGroup("base", [GeneratorExit()])),
    ("ExceptionGroup('empty', [])", lambda: ExceptionGroup("empty", [])),
    ("ExceptionGroup('int', 5)", lambda: ExceptionGroup("int", 5)),
    ("ExceptionGroup('dict', {})", lambda: ExceptionGroup("dict", {})),
    ("ExceptionGroup('str', 'ab')", lambda: ExceptionGroup("str", "ab")),
    ("ExceptionGroup('item', [va, 5])", lambda: ExceptionGroup("item", [va, 5])),
    ("ExceptionGroup('class', [ValueError])", lambda: ExceptionGroup("class", [ValueError])),
    ("ExceptionGroup(5, [va])", lambda: ExceptionGroup(5, [va])),
    ("ExceptionGroup('m')", lambda: ExceptionGroup("m")),
    ("ExceptionGroup()", lambda: ExceptionGroup()),
    ("ExceptionGroup('m', [va], 3)", lambda: ExceptionGroup("m", [va], 3)),
]
for label, call in calls:
    if show(label, call) is None:
        describe(call())

eg = ExceptionGroup("two", [va, kb])
say(f"the very exceptions given: {eg.exceptions[0] is va and eg.exceptions[1] is kb}")


def catcher():
    while True:
        try:
            yield "ready"
        except GeneratorExit:
            return
        except BaseException as e:
            say(f"  generator caught {e!r}")


g = catcher()
next(g)
show("throw(ExceptionGroup)", lambda: g.throw(ExceptionGroup))
show("throw(ExceptionGroup, 'm')", lambda: g.throw(ExceptionGroup, "m"))
show("throw(ExceptionGroup, ('m', [va]))", lambda: g.throw(ExceptionGroup, ("m", [va])))
g.close()
