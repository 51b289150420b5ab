# `raise ... from e` prints the cause first, then "direct cause" and the new error.
def load(config):
    try:
        config.pop("port")
    except KeyError as e:
        raise RuntimeError("no port configured") from e


load({})
