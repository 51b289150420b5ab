# Floats print in their shortest repr; round() rounds halves to even.
print(0.1 + 0.2, 1 / 3, 2.0, 1e16, 1.5e-7, float("inf"), -0.0)
print(round(0.5), round(1.5), round(2.5), round(2.675, 2), round(1234.5678, -2))
print(int(3.9), int(-3.9), float("1.5"), int("  42 "), abs(-7), abs(-2.5))
