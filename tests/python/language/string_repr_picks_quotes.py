# repr of a str picks the quote that needs no escaping and escapes control characters.
for s in ["plain", "it's", 'say "hi"', "both ' \"", "tab\tnewline\n", "café"]:
    print(repr(s))
