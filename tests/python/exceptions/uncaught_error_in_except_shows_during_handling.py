# An error raised while handling another prints both, joined by "During handling".
def parse(text):
    try:
        int(text)
    except ValueError:
        raise TypeError("expected digits")


parse("abc")
