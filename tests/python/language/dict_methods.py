# Everyday dict methods; dicts remember insertion order.
d = {"b": 1}
d["a"] = 2
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("c", 3), d.setdefault("a", 99))
print(list(d.keys()), list(d.values()), list(d.items()))
d.update({"d": 4}, e=5)
print(d.pop("b"), d.pop("zz", "missing"), d)
print("a" in d, "b" in d, len(d))
print(dict.fromkeys("xy", 0), dict(zip("ab", [1, 2])))
del d["a"]
print(d)
