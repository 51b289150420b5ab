# A misspelt builtin: "Did you mean: 'print'?" (a change of case costs less than a letter).
for word in ["spam", "eggs"]:
    Print(word)
