# A failing assert raises AssertionError with the given message.
try:
    assert 1 + 1 == 3, "arithmetic is broken"
except AssertionError as e:
    print("AssertionError:", e)
assert True, "not raised"
print("passed")
