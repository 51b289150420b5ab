# Assigning a name anywhere in a function makes it local there, even before the assignment.
count = 10


def bump():
    try:
        count += 1
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)


bump()
