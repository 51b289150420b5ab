# After "ignored GeneratorExit", the generator is still paused; a second close()
# throws GeneratorExit again at the yield where it stopped.
def gen():
    try:
        yield 1
    except GeneratorExit:
        print("first GeneratorExit ignored")
    try:
        yield 2
    except GeneratorExit:
        print("second GeneratorExit, leaving")
        raise


g = gen()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(e)
print(g.close())
