#!/usr/bin/env python3
"""measure.py RUNS CMD...: runs CMD RUNS times (output discarded) and
prints the medians of wall and CPU (user+system) time in ms and the
largest peak resident memory in KiB: "wall cpu rss". {i} in an argument
becomes the run's number (a save that changes something each time)."""
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
        rss = int(out.read().split()[-1])
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, rss


def median(v):
    v = sorted(v)
    return v[(len(v) - 1) // 2]


def main():
    runs = int(sys.argv[1])
    res = [once([a.replace("{i}", str(i)) for a in sys.argv[2:]])
           for i in range(runs)]
    print("%.0f %.0f %d" % (median([r[0] for r in res]),
                            median([r[1] for r in res]),
                            max(r[2] for r in res)))


if __name__ == "__main__":
    main()
