# f-strings evaluate expressions; !r uses repr, !s uses str; {{ }} are literal braces.
name = "Ada"
items = [1, 2]
print(f"{name!r} {name!s} {len(items) * 10} {items[0] + items[-1]} {{braces}}")
width = 6
print(f"{name:>{width}}|")
