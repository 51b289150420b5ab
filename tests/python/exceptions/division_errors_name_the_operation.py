# Division by zero: one exception type, different messages.
for op in [lambda: 1 / 0, lambda: 1 // 0, lambda: 1 % 0, lambda: 1.0 / 0]:
    try:
        op()
    except ZeroDivisionError as e:
        print(e)
