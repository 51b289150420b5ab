# An exception raised in the generator that a `g.send(v)` statement resumes: the
# traceback shows the send statement's line (and its carets), then the generator's.
def worker():
    while True:
        job = yield
        print("doing", job)
        if job == "bad":
            raise ValueError(f"cannot do {job!r}")


def main():
    w = worker()
    next(w)
    job = "good"
    w.send(job)
    job = "bad"
    w.send(job)


main()
