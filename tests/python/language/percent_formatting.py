# printf-style % formatting.
print("%s is %d years, %.1f%% done" % ("Ada", 36, 99.5))
print("%5s|%-5s|%05d|%x|%r" % ("ab", "cd", 42, 255, "q"))
print("%(a)s and %(b)s" % {"a": "one", "b": "two"})
