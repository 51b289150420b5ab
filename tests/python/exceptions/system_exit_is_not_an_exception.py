# SystemExit and KeyboardInterrupt derive from BaseException, not Exception.
import sys

try:
    sys.exit(0)
except Exception:
    print("not reached")
except SystemExit as e:
    print("SystemExit with code", e.code)
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, BaseException))
