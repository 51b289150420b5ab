# The else clause of try runs only if the try block raised nothing.
for text in ["12", "x"]:
    try:
        n = int(text)
    except ValueError:
        print(text, "is not a number")
    else:
        print(text, "doubled is", n * 2)
    finally:
        print("checked", text)
