# `match` is not simulated: corosim names it and its position, and exits with status 2.
command = "go north"
match command.split():
    case ["go", direction]:
        print("going", direction)
    case _:
        print("unknown command")
