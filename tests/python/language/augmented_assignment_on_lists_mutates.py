# += on a list extends it in place (other names see it); on a tuple it rebinds.
a = [1]
alias = a
a += [2]
t = (1,)
t_alias = t
t += (2,)
print(alias, a is alias, t_alias, t)
