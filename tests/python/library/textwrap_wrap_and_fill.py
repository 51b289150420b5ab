# wrap() and fill() break where CPython breaks: between words, after hyphens in
# hyphenated words, and inside a word too long for a line.
import textwrap

text = ("Coroutines are computer program components that allow execution to be "
        "suspended and resumed, generalizing subroutines for cooperative multitasking.")
for width in (10, 25, 40, 70):
    print(textwrap.wrap(text, width))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.wrap("a well-known long-running state-of-the-art thing", 12))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", 10))
print(textwrap.wrap("supercalifragilisticexpialidocious is long", 10, break_long_words=False))
print(textwrap.wrap("one--two three -- four", 8), textwrap.wrap("  leading and   inner\tspaces\n", 12))
print(textwrap.wrap("", 10), textwrap.wrap("x" * 5, 1))
