# A yield inside a for loop suspends the loop too; its else clause runs when it ends.
def gen(items):
    for item in items:
        yield item
    else:
        yield "loop ended"


print(list(gen("ab")))
