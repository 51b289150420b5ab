# The flags downloader grown up: at most CONCUR_REQ downloads at a time (a Semaphore),
# results handled in the order they complete (as_completed), network errors wrapped in a
# FetchError raised `from` its cause, and a progress bar. The network is simulated: every
# country always gets the same latency and the same outcome, so every run is the same.
import asyncio
import collections

COUNTRIES = "BD BR CD CN DE EG ET FR ID IN IR JP MX NG PH PK RU TR US VN".split()
CONCUR_REQ = 3


class NotFound(Exception):
    pass


class FetchError(Exception):
    def __init__(self, country_code):
        super().__init__(country_code)
        self.country_code = country_code


def fake_network(cc):
    """Latency (seconds) and outcome of a request for `cc`: fixed per country."""
    n = ord(cc[0]) * 31 + ord(cc[1])
    delay = (n % 23 + 5) / 100
    outcomes = ["ok"] * 6 + ["not found", "ok", "timeout", "ok", "ok", "reset", "ok"]
    return delay, outcomes[n % len(outcomes)]


async def http_get(cc):
    delay, outcome = fake_network(cc)
    await asyncio.sleep(delay)
    if outcome == "not found":
        raise NotFound(cc)
    if outcome == "timeout":
        raise TimeoutError("server took too long")
    if outcome == "reset":
        raise ConnectionResetError("connection reset by peer")
    return "GIF89a" + cc * 50


async def download_one(cc, semaphore):
    try:
        async with semaphore:  # at most CONCUR_REQ requests in flight
            await http_get(cc)
    except NotFound:
        status, msg = "not_found", "not found"
    except Exception as exc:
        raise FetchError(cc) from exc  # keep the cause: the caller reports it
    else:
        status, msg = "ok", "OK"
    print("  {} {}".format(cc, msg))
    return status


async def downloader(cc_list):
    counter = collections.Counter()
    semaphore = asyncio.Semaphore(CONCUR_REQ)
    to_do = [asyncio.create_task(download_one(cc, semaphore)) for cc in sorted(cc_list)]
    for done, future in enumerate(asyncio.as_completed(to_do), 1):
        try:
            status = await future
        except FetchError as exc:
            cause = exc.__cause__
            error_msg = cause.args[0] if cause.args else type(cause).__name__
            print("  *** Error for {}: {} ({})".format(exc.country_code, error_msg, type(cause).__name__))
            status = "error"
        counter[status] += 1
        bar = "#" * done + "." * (len(cc_list) - done)
        print("[{}] {}/{}".format(bar, done, len(cc_list)))
    return counter


counter = asyncio.run(downloader(COUNTRIES))
for status in ("ok", "not_found", "error"):
    print("{:>9}: {}".format(status, counter[status]))
