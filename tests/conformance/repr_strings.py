# repr(str): quote choice, escapes, control characters and non-printable code points.
from harness import say

samples = [
    "",
    "plain",
    "it's",
    'say "hi"',
    "both ' and \"",
    "back\\slash",
    "tab\there",
    "new\nline",
    "cr\r",
    "\x00\x07\x1b\x1f\x7f",
    "\x80\x9f\xa0\xad\xff",
    "café",
    "中文",
    "😀 emoji",
    "\u200b\u2028\u2029",
    "\ufeff",
    "a\u0301 combining",
    "\ue000 private",
    "\U000e0001 tag",
    "\u0378 unassigned",
    "\u2066 isolate",
    "\U0001d173 musical",
    "\U000f0000 plane 15",
    "\u0100\u3000 ideographic space",
    "\u00a0nbsp",
    "\U0010ffff",
]
for i, s in enumerate(samples):
    say(f"{i}: {s!r}")
say(repr(["it's", 'a"b', "\n"]))
