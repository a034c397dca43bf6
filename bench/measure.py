#!/usr/bin/env python3
"""measure.py RUNS CMD...: runs CMD RUNS times (output discarded) and
prints the medians of wall and CPU (user+system) time in ms and the
largest peak resident memory in KiB: "wall cpu rss". {i} in an argument
becomes the run's number (a save that changes something each time).
measure.py pair RUNS BASE... -- CMD...: BASE and CMD in turn; prints both
triples, then the medians of the pairs' wall and CPU ratios."""
import os
import subprocess
import sys
import tempfile
import time


def once(cmd):
    # the peak memory from /usr/bin/time: the rusage of a child forked
    # from python counts python's own memory
    with tempfile.NamedTemporaryFile("r") as out:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = (time.monotonic() - t0) * 1000
        if status != 0:  # a failed command measures nothing (a save that
            # found no partner to change is no save)
            sys.exit("measure: %s failed" % " ".join(cmd[5:]))
        rss = int(out.read().split()[-1])
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, rss


def median(v):
    v = sorted(v)
    return v[(len(v) - 1) // 2]


def pair(runs, base, cmd):
    """Runs base and cmd in turn, RUNS times each, so that both see the same
    load; the ratios are the medians of each pair's ratio."""
    b, c = [], []
    for i in range(runs):
        sub = lambda v: [a.replace("{i}", str(i)) for a in v]
        b.append(once(sub(base)))
        c.append(once(sub(cmd)))
    ratio = lambda k: median([y[k] / max(x[k], 1e-9) for x, y in zip(b, c)])
    print("%.0f %.0f %d %.0f %.0f %d %.2f %.2f" % (
        median([r[0] for r in b]), median([r[1] for r in b]),
        max(r[2] for r in b), median([r[0] for r in c]),
        median([r[1] for r in c]), max(r[2] for r in c), ratio(0), ratio(1)))


def main():
    if sys.argv[1] == "pair":  # pair RUNS BASE... -- CMD...
        args = sys.argv[3:]
        cut = args.index("--")
        pair(int(sys.argv[2]), args[:cut], args[cut + 1:])
        return
    runs = int(sys.argv[1])
    res = [once([a.replace("{i}", str(i)) for a in sys.argv[2:]])
           for i in range(runs)]
    print("%.0f %.0f %d" % (median([r[0] for r in res]),
                            median([r[1] for r in res]),
                            max(r[2] for r in res)))


if __name__ == "__main__":
    main()
