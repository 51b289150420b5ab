# Each action accepts only its own keywords, as its class's __init__ does.
import argparse
p=argparse.ArgumentParser()
for kw in [dict(action='store_true', type=int), dict(action='count', metavar='N'), dict(action='store_const', const=1, metavar='M'), dict(action='help', nargs=1), dict(bogus=1)]:
  try: p.add_argument('--x'+str(len(kw))+list(kw)[0], **kw); print('ok')
  except Exception as e: print(type(e).__name__, e)
