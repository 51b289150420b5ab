# A subclass of Exception can take its own arguments and keep attributes.
class HttpError(Exception):
    def __init__(self, status, reason):
        super().__init__(f"{status} {reason}")
        self.status = status


try:
    raise HttpError(404, "Not Found")
except HttpError as e:
    print(e.status, str(e), e.args)
