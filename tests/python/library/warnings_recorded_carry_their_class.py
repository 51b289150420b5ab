# catch_warnings(record=True): each record's category is the warning class itself.
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("careful", RuntimeWarning)
    warnings.warn("plain")
print(len(caught), [str(w.message) for w in caught])
print(caught[0].category is RuntimeWarning, caught[1].category is UserWarning)
print(caught[0].category.__name__, issubclass(caught[0].category, Warning))
