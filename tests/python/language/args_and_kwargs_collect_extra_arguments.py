# *args collects extra positional arguments in a tuple, **kwargs keywords in a dict.
def show(first, *args, sep="-", **kwargs):
    print(first, args, sep, kwargs)


show(1)
show(1, 2, 3, sep="+", color="red", size=2)
values = [4, 5]
options = {"sep": "/", "extra": True}
show(*values, **options)
