# shorten() collapses whitespace and cuts with a placeholder; dedent() removes the
# common indentation; indent() adds a prefix to non-blank lines.
import textwrap

print(textwrap.shorten("Hello  world!", width=12))
print(textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten("The quick brown fox jumps over the lazy dog", 20, placeholder="..."))
print(textwrap.wrap("one two three four five six seven", 10, max_lines=2))
block = """
    def hello():
        print("hi")

      # comment
    """
print(repr(textwrap.dedent(block)))
print(repr(textwrap.dedent("  a\n\tb\n")))
print(textwrap.indent("first\n\nsecond\n", "> "), end="")
print(textwrap.indent("a\nb\n", "+ ", lambda line: line.startswith("b")), end="")
try:
    textwrap.wrap("abc", 0)
except ValueError as e:
    print("ValueError:", e)
