# heappush keeps the smallest at index 0; heappop hands items back in sorted order.
import heapq

heap = []
for x in [7, 3, 9, 1, 4, 1, 8]:
    heapq.heappush(heap, x)
    print("pushed", x, "->", heap)
print([heapq.heappop(heap) for _ in range(len(heap))])
