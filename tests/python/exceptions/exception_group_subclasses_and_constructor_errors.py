# A program's own exception group classes: made with the checks of BaseExceptionGroup.__new__,
# split into plain groups (derive() makes those), matched by except*; and the constructor's
# errors, as CPython words them.
class MyGroup(ExceptionGroup):
    pass

e = MyGroup("mine", [ValueError(1), TypeError(2)])
print(type(e).__name__, str(e), repr(e))
print(isinstance(e, ExceptionGroup), e.exceptions)
m, r = e.split(ValueError)
print(type(m).__name__, repr(m), repr(r))
try:
    raise e
except* TypeError as g:
    print("got", type(g).__name__, repr(g))
except* ValueError as g:
    print("got", type(g).__name__, repr(g))
try:
    ExceptionGroup("m")
except TypeError as e:
    print(e)
try:
    ExceptionGroup("m", [])
except ValueError as e:
    print(e)
try:
    ExceptionGroup(1, [ValueError()])
except TypeError as e:
    print(e)
class Mine(BaseExceptionGroup):
    def __init__(self, msg, excs):
        super().__init__(msg, excs)
        self.extra = len(excs)
m = Mine("m", [KeyboardInterrupt()])
print(type(m).__name__, m.extra, repr(m), str(m))
class Bad(ExceptionGroup):
    pass
try:
    Bad("b", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
