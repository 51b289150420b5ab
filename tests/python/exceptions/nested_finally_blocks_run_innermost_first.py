# Nested finally blocks run from the innermost out as an exception leaves them.
try:
    try:
        try:
            raise OSError("disk")
        finally:
            print("inner finally")
    finally:
        print("middle finally")
except OSError as e:
    print("handled", e)
