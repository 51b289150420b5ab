# A TextWrapper keeps its settings for many texts.
import textwrap

w = textwrap.TextWrapper(width=24, initial_indent="- ", subsequent_indent="  ", max_lines=3)
for text in ["A coroutine is a function that can suspend itself and resume later, many times over.",
             "Short one."]:
    print(w.fill(text))
print(w.wrap("one two three"), w.width, w.placeholder, w.break_long_words)
print(textwrap.TextWrapper().width)
