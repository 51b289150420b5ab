# f-string format specs: width, alignment, fill, precision, sign, thousands, bases.
pi = 3.14159265
n = 1234567
print(f"[{pi:.2f}] [{pi:8.3f}] [{pi:<8.1f}] [{pi:^9.2f}] [{pi:+.1e}]")
print(f"[{n:,}] [{n:_}] [{n:>12}] [{n:*^13}] [{-n:+d}]")
print(f"[{255:x}] [{255:#X}] [{5:b}] [{8:o}] [{7:03d}] [{0.25:.0%}]")
print(f"[{'left':<6}] [{'right':>7}] [{'mid':-^7}]")
