# nlargest / nsmallest: the n extreme items, equal ones in the order they came.
import heapq

scores = [("ann", 90), ("bob", 75), ("cy", 90), ("di", 60), ("ed", 75), ("flo", 99)]
print(heapq.nlargest(3, scores, key=lambda s: s[1]))
print(heapq.nsmallest(3, scores, key=lambda s: s[1]))
print(heapq.nlargest(2, [5, 1, 5, 3]), heapq.nsmallest(10, [5, 1, 5, 3]))
print(heapq.nsmallest(1, []), heapq.nlargest(0, [1, 2]), heapq.nsmallest(1, iter([4, 2, 8])))
