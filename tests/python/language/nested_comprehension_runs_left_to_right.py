# In a comprehension with two for clauses, the first is the outer loop.
print([(row, col) for row in range(2) for col in "ab"])
print([[row * col for col in range(3)] for row in range(3)])
