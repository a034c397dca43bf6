#!/usr/bin/env python3
"""pty_editor.py XMPPFED FILE: the editor's response times in a pseudo-
terminal of 80x24 (make bench). Prints one line per measure, in ms:
"first-screen T" and "KEY median p99 N" for a filter keystroke, Down,
PgDn and opening a partner, each from the key written to the last byte
of the redraw (the end of a redraw is the last byte before 150 ms of
silence, which is not counted)."""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

QUIET = 0.15


def spawn(cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("XDG_STATE_HOME", None)
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd, until=None, limit=30.0):
    """Reads until `until` is seen (then QUIET of silence) or only QUIET of
    silence; returns (time of the last byte, bytes)."""
    out, last, t0 = b"", None, time.monotonic()
    while time.monotonic() - t0 < limit:
        r, _, _ = select.select([fd], [], [], QUIET)
        if not r:
            if until is None or until in out:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        last = time.monotonic()
    return last, out


def timed(fd, key):
    t0 = time.monotonic()
    os.write(fd, key)
    last, _ = drain(fd)
    return (last - t0) * 1000 if last else 0.0


def stats(name, v):
    v = sorted(v)
    med = v[len(v) // 2]
    p99 = v[min(len(v) - 1, int(len(v) * 0.99))]
    print("%s %.1f %.1f %d" % (name, med, p99, len(v)))


def main():
    xmppfed, path = sys.argv[1], sys.argv[2]
    t0 = time.monotonic()
    pid, fd = spawn([xmppfed, "-f", path])
    last, out = drain(fd, until=b"Quit")
    print("first-screen %.0f" % ((last - t0) * 1000))
    words = ["chat", "corp", "xmpp", "p1", "p42", "de", "org", "sales",
             "mller", "team", "p99", "im", "ltd", "eu", "ops", "net",
             "contoso", "fab", "p7", "gmbh", "supp", "verif", "lit", "n"]
    filt = []
    for w in words:
        timed(fd, b"/")
        for ch in w:
            filt.append(timed(fd, ch.encode()))
        filt.append(timed(fd, b"\x7f"))  # Backspace: the filter widens
        timed(fd, b"\x1b")
    stats("filter-key", filt)
    timed(fd, b"\x1bOH")  # Home: Down and PgDn from the top
    stats("down", [timed(fd, b"\x1bOB") for _ in range(150)])
    stats("pgdn", [timed(fd, b"\x1b[6~") for _ in range(150)])
    timed(fd, b"\x1bOH")
    opens = []
    for _ in range(40):
        opens.append(timed(fd, b"\r"))
        timed(fd, b"\x1b")  # back to the list, nothing changed
        timed(fd, b"\x1bOB")
    stats("open", opens)
    os.write(fd, b"q")
    drain(fd)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    _, _, ru = os.wait4(pid, 0)
    print("peak-rss-kb %d" % ru.ru_maxrss)


if __name__ == "__main__":
    main()
