# sorted with a key function; ties keep their original order (stable sort).
people = [("bo", 30), ("al", 25), ("cy", 30), ("di", 25)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[0]))
