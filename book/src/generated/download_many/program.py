# Simulated flag downloads: each download "waits on the network" (asyncio.sleep with a
# made-up latency per country) and asyncio.wait drives them all at once, so the whole
# batch takes as long as the slowest download, not the sum of them all.
import asyncio

COUNTRIES = "BR CN DE EG FR ID IN JP NG US".split()


def latency(cc):
    """A made-up network: each country answers after its own fixed delay (seconds)."""
    return 0.02 * ((ord(cc[0]) * 7 + ord(cc[1])) % 13)


async def get_flag(cc):
    await asyncio.sleep(latency(cc))
    return "GIF89a" + cc * 100  # a pretend image


async def download_one(cc):
    image = await get_flag(cc)
    print("{} downloaded, {} bytes".format(cc, len(image)))
    return cc


async def download_many(cc_list):
    to_do = [asyncio.create_task(download_one(cc)) for cc in sorted(cc_list)]
    done, pending = await asyncio.wait(to_do)
    return len(done), len(pending)


loop = asyncio.new_event_loop()
done, pending = loop.run_until_complete(download_many(COUNTRIES))
loop.close()
print("{} flags downloaded, {} pending".format(done, pending))
slowest = max(latency(cc) for cc in COUNTRIES)
total = sum(latency(cc) for cc in COUNTRIES)
print("took about {:.2f} s: the slowest download, not the sum ({:.2f} s)".format(slowest, total))
