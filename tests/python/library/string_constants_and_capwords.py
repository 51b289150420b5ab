# string's character classes, and capwords.
import string

print(string.ascii_letters)
print(string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation)
print(repr(string.whitespace), len(string.printable), repr(string.printable[-6:]))
print(string.capwords("the  quick\tbrown fox"), string.capwords("a-b-c", "-"), repr(string.capwords("")))
print([c for c in "Hi, there 42!" if c in string.ascii_letters + string.digits])
