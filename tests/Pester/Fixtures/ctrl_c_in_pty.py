#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal and presses Ctrl+C (the terminal's interrupt character, which the
terminal turns into SIGINT for the foreground process) once enough result lines (OUT=...) have appeared.
Everything the terminal showed is written to stdout, without carriage returns or escape sequences."""
import argparse
import os
import pty
import re
import select
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--after", type=int, default=3, help="press Ctrl+C after this many OUT= lines")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "dumb"
        os.environ["NO_COLOR"] = "1"
        os.execvp(command[0], command)

    buffer = b""
    deadline = time.time() + args.timeout
    pressed = False
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            buffer += data
        text = buffer.decode("utf-8", "replace").replace("\r", "")
        if not pressed and len(re.findall(r"^OUT=", text, re.MULTILINE)) >= args.after:
            os.write(fd, b"\x03")
            pressed = True
    timed_out = time.time() >= deadline
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    _, status = os.waitpid(pid, 0)
    text = buffer.decode("utf-8", "replace").replace("\r", "")
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    sys.stdout.write(text)
    sys.stdout.write("\nPRESSED=%s\n" % pressed)
    sys.stdout.flush()
    return 1 if timed_out or not pressed else 0


if __name__ == "__main__":
    sys.exit(main())
