"""One share of a pure computation in a forked child process, while this process does another.

`start(fn, *args)` forks a child that inherits everything loaded (modules, fonts, hyphenation
patterns), runs `fn(*args)`, sends the pickled result through a pipe and exits without
running any of the parent's cleanup. The returned `Child.result()` waits for it. A child that
fails, or cannot be started, gives `None`: the caller then does that share itself, so a
failure never changes the result, only the time. `available()` says whether forking may pay
(a second usable core, `os.fork`, and no PRAATPLAAT_DEBUG, which wants plain tracebacks).
"""

from __future__ import annotations

import os
import pickle
import signal
from typing import Any, Callable


def available() -> bool:
    """True when a child process can run on another core."""
    if not hasattr(os, "fork") or os.environ.get("PRAATPLAAT_DEBUG"):
        return False
    from generator.jobs import usable_cores

    return usable_cores() >= 2


class Child:
    """A forked child computing one result; `result()` waits for it (None if it failed)."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    def result(self) -> Any | None:
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(self.pid, 0)
        if status != 0 or not data:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a broken message: the caller does the work itself
            return None


def start(fn: Callable[..., Any], *args: Any) -> Child | None:
    """Fork a child computing `fn(*args)`; None if no child could be started."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write)
        return Child(pid, read)
    code = 1
    try:  # the child: compute, send, leave
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)
