# Since 3.11 asyncio.TimeoutError is the builtin TimeoutError.
import asyncio

print(asyncio.TimeoutError is TimeoutError, issubclass(asyncio.TimeoutError, OSError))
