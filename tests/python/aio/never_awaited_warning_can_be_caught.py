# The "never awaited" RuntimeWarning is an ordinary warning: catch_warnings records it.
import asyncio
import warnings


async def forgotten():
    pass


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    forgotten()
print(len(caught), caught[0].category.__name__, caught[0].message)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    forgotten()
print("ignored, nothing printed")
