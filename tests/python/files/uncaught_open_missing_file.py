# Opening a file that is not there ends the program with CPython's traceback and words.
def load(name):
    with open(name) as f:
        return f.read()


print("loading")
load("no_such_notes.txt")
