# finally runs even when the try block returns.
def f():
    try:
        return "from try"
    finally:
        print("finally ran")


print(f())
