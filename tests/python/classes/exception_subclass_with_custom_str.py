# An exception class may define __str__; print and the handler see it.
class Timeout(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds

    def __str__(self):
        return f"timed out after {self.seconds}s"


try:
    raise Timeout(3)
except Exception as e:
    print(e, "|", repr(e), "|", e.args)
