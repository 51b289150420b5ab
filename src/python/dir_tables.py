# Writes src/python/dir.txt: dir() of the types corosim's dir() knows, as CPython 3.11 lists
# them, one type a line ("name: attr attr ..."). Run: python3 src/python/dir_tables.py > src/python/dir.txt
import asyncio, collections, types

async def _co(): pass
async def _ag(): yield
def _gen(): yield

def main():
    co = _co()
    samples = {
        "object": object(), "NoneType": None, "bool": True, "int": 1, "float": 1.5,
        "str": "", "bytes": b"", "bytearray": bytearray(), "list": [], "tuple": (), "dict": {},
        "set": set(), "frozenset": frozenset(), "range": range(1), "slice": slice(1),
        "generator": _gen(), "coroutine": co, "async_generator": _ag(),
        "function": _gen, "BaseException": BaseException(),
        "deque": collections.deque(),
    }
    for name, v in samples.items():
        print(f"{name}: {' '.join(dir(v))}")
    co.close()
    loop = asyncio.new_event_loop()
    print(f"Future: {' '.join(dir(loop.create_future()))}")
    t = loop.create_task(_co())
    print(f"Task: {' '.join(dir(t))}")
    t.cancel()
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()
    # A class statement adds these to its __dict__.
    class C: pass
    print(f"class: {' '.join(sorted(set(C.__dict__) - set(dir(object))))}")

main()
