# Strings and bytes hash with SipHash-1-3; under PYTHONHASHSEED=0 (as corosim --check
# runs CPython) the same in every run, so sets of strings print in one order.
print(hash(''), hash('a'), hash('hello'), hash(b''), hash(b'hello'))
print(hash('é'), hash('ünïcödé'), hash('中文'), hash('😀'), hash('a😀'))
fruits = {'apple', 'banana', 'cherry', 'date', 'elderberry', 'fig'}
print(fruits)
words = 'the quick brown fox jumps over the lazy dog'.split()
print(set(words))
print({w.upper() for w in words if len(w) > 3})
print({b'x', b'yy', b'zzz'}, {'é', 'ß', 'Ω', '中', '😀'})
print(sorted(fruits), sorted(set(words)))
letters = set('mississippi')
print(letters, ''.join(sorted(letters)))

# Tuples combine their items' hashes (xxHash's round, as CPython 3.11).
print(hash(()), hash((1,)), hash((1, 2)), hash((-1, 'a', 2.5)), hash(((1, 2), (3,))))
print({(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)})
print({(x, y) for x in range(3) for y in 'ab'})

# Frozensets: an order-free mix of the members' hashes.
print(hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset({'a', 'b'})))
print({frozenset({1}), frozenset({2}), frozenset({1, 2}), frozenset()})
print(frozenset({frozenset({1, 2}), frozenset({3})}))

# Dicts keep insertion order whatever the hashes.
print(dict.fromkeys(['banana', 'apple', 'cherry']), {(1, 2): 'a', 'x': 'b'})
