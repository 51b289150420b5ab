# Every builtin exception class has its place in the hierarchy, warnings included.
names = ["BlockingIOError", "ChildProcessError", "InterruptedError", "ProcessLookupError",
         "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError",
         "ConnectionResetError", "BufferError", "FloatingPointError", "MemoryError",
         "ReferenceError", "SystemError", "SyntaxError", "IndentationError", "TabError",
         "UnicodeTranslateError", "Warning", "UserWarning", "DeprecationWarning",
         "PendingDeprecationWarning", "SyntaxWarning", "RuntimeWarning", "FutureWarning",
         "ImportWarning", "UnicodeWarning", "BytesWarning", "ResourceWarning", "EncodingWarning"]
builtins_ns = {
    "BlockingIOError": BlockingIOError, "ChildProcessError": ChildProcessError,
    "InterruptedError": InterruptedError, "ProcessLookupError": ProcessLookupError,
    "BrokenPipeError": BrokenPipeError, "ConnectionAbortedError": ConnectionAbortedError,
    "ConnectionRefusedError": ConnectionRefusedError, "ConnectionResetError": ConnectionResetError,
    "BufferError": BufferError, "FloatingPointError": FloatingPointError, "MemoryError": MemoryError,
    "ReferenceError": ReferenceError, "SystemError": SystemError, "SyntaxError": SyntaxError,
    "IndentationError": IndentationError, "TabError": TabError,
    "UnicodeTranslateError": UnicodeTranslateError, "Warning": Warning, "UserWarning": UserWarning,
    "DeprecationWarning": DeprecationWarning, "PendingDeprecationWarning": PendingDeprecationWarning,
    "SyntaxWarning": SyntaxWarning, "RuntimeWarning": RuntimeWarning, "FutureWarning": FutureWarning,
    "ImportWarning": ImportWarning, "UnicodeWarning": UnicodeWarning, "BytesWarning": BytesWarning,
    "ResourceWarning": ResourceWarning, "EncodingWarning": EncodingWarning,
}
for name in names:
    cls = builtins_ns[name]
    parents = [p.__name__ for p in (OSError, ConnectionError, ArithmeticError, SyntaxError,
                                    UnicodeError, ValueError, Warning, Exception) if issubclass(cls, p)]
    print(name, cls.__name__, parents)
print(IOError is OSError, EnvironmentError is OSError)
try:
    raise BlockingIOError("would block")
except OSError as e:
    print(type(e).__name__, e)
