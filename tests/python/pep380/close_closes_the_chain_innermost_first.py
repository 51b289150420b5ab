# close() on the top of a chain closes every level, the innermost first.
def level(n, below):
    try:
        if below is None:
            yield f"leaf {n}"
        else:
            yield from below
    finally:
        print("closing level", n)


g = level(1, level(2, level(3, None)))
print(next(g))
g.close()
