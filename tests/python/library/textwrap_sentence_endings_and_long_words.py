# fix_sentence_endings puts two spaces after a sentence; long words break at hyphens
# when they can; tabs expand before wrapping.
import textwrap

print(textwrap.wrap("It ran. Then it stopped! Was it done? Yes.", 15, fix_sentence_endings=True))
print(textwrap.wrap("an extraordinarily-long-hyphenated-identifier here", 16))
print(textwrap.wrap("an extraordinarily-long-hyphenated-identifier here", 16, break_on_hyphens=False))
print(textwrap.wrap("col1\tcol2\tcol3 and more words", 12))
print(textwrap.wrap("col1\tcol2\tcol3", 30, expand_tabs=False, replace_whitespace=False))
print(textwrap.fill("x " * 30, 20, drop_whitespace=False).split("\n"))
print(textwrap.wrap("Coroutines -- like generators -- can pause; em--dashes", 12))
