# Counter, defaultdict and OrderedDict find user keys as dicts do.
from collections import Counter, OrderedDict, defaultdict


class Word:
    def __init__(self, w):
        self.w = w

    def __eq__(self, other):
        return isinstance(other, Word) and self.w.lower() == other.w.lower()

    def __hash__(self):
        return hash(self.w.lower())

    def __repr__(self):
        return f"Word({self.w!r})"


words = [Word(w) for w in "The cat saw the Cat and THE dog".split()]
c = Counter(words)
print(c[Word("the")], c[Word("CAT")], c[Word("fish")], len(c))
print(c.most_common(2))
groups = defaultdict(list)
for i, w in enumerate(words):
    groups[w].append(i)
print(dict(groups))
od = OrderedDict((w, i) for i, w in enumerate(words))
od.move_to_end(Word("THE"))
print(list(od.items()))
print(od.pop(Word("dog")), Word("dog") in od)
