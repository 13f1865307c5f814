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
    """True when a child process can run on another core the build may use (`--jobs`)."""
    if not hasattr(os, "fork") or os.environ.get("PRAATPLAAT_DEBUG"):
        return False
    from generator.jobs import cores_allowed

    return cores_allowed() >= 2


class Child:
    """A forked child computing one result; `result()` waits for it (None if it failed)."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd

    def result(self) -> Any | None:
        """Read as the child writes (no copy of the whole message is held: peak memory)."""
        found = None
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                found = pickle.load(pipe)
        except Exception:  # noqa: BLE001 - a broken message: the caller does the work itself
            found = None
        finally:
            _, status = os.waitpid(self.pid, 0)
        return found if status == 0 else None


def start(fn: Callable[..., Any], *args: Any, reducers: dict | None = None) -> Child | None:
    """Fork a child computing `fn(*args)`; None if no child could be started. `reducers`: a
    pickle dispatch table (class -> reduce function) for the result."""
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
        result = fn(*args)
        with os.fdopen(write, "wb") as pipe:
            pickler = pickle.Pickler(pipe, protocol=pickle.HIGHEST_PROTOCOL)
            if reducers:
                pickler.dispatch_table = reducers
            pickler.dump(result)
        code = 0
    finally:
        os._exit(code)
