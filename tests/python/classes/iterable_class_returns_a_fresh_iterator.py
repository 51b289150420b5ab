# An iterable whose __iter__ returns a new generator each time can be looped twice.
class Sentence:
    def __init__(self, text):
        self.words = text.split()

    def __iter__(self):
        for word in self.words:
            yield word.upper()


s = Sentence("to be or not")
print(list(s))
print(list(s))
