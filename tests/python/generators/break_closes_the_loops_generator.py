# Breaking out of a for loop over a temporary generator closes it at once.
def numbers():
    try:
        n = 0
        while True:
            yield n
            n += 1
    finally:
        print("numbers closed")


for n in numbers():
    if n == 2:
        break
    print(n)
print("after the loop")
