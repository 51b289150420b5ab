# Without __iter__, a class with __getitem__ is iterated by index until IndexError.
class Letters:
    def __getitem__(self, index):
        if index >= 3:
            raise IndexError(index)
        return "abc"[index]


print(list(Letters()))
print("b" in Letters())
