# dedent and indent undo each other on a code listing; blank lines stay blank.
import textwrap

listing = """\
    async def main():
        await asyncio.sleep(1)

        print("done")
"""
flat = textwrap.dedent(listing)
print(flat, end="")
again = textwrap.indent(flat, "    ")
print(again == listing, repr(textwrap.indent("a\n\n  \nb", "> ")))
print(textwrap.dedent("\tx\n\ty\n") == "x\ny\n", repr(textwrap.dedent("  a\n b\n")))
