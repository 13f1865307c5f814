"""`praatplaat serve`: build, watch, and show every product in a local page that updates itself.

One process: the main thread runs the web server (generator/serve_app.py), a builder thread
follows the watcher and rebuilds with the same incremental engine as `praatplaat watch`
(generator.build.build). Each rebuild has two steps, so the page shows an edit quickly: the
poster and diagram first (without PNG previews: the page shows their SVGs), then the other
products with the options given. After each step the page's event streams are told; the page
then fetches what changed. A content error keeps the last good outputs on disk (a build writes
nothing unless it succeeds) and is shown in the page until a save fixes it.

Builds run in this process one product after another (jobs=1): forking the builder while the
server's thread runs could deadlock the child, and one warm process rebuilds an edit fastest.
"""

from __future__ import annotations

import ipaddress
import queue
import signal
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from generator.errors import ContentError, PraatplaatError
from generator.products import Options
from generator.serve_page import FIRST

Echo = Callable[..., None]
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class Hub:
    """Wakes the page's open event streams when a new build is on disk; `publish` may be called
    from any thread, the waiting happens on the server's event loop."""

    def __init__(self) -> None:
        self.loop = None
        self.waiters: set = set()
        self.closed = False

    def attach(self, loop) -> None:
        self.loop = loop

    def publish(self) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._wake)
            except RuntimeError:  # the loop closed meanwhile
                pass

    def close(self) -> None:
        """End every event stream (the server is stopping)."""
        self.closed = True
        self.publish()

    def _wake(self) -> None:
        for event in list(self.waiters):
            event.set()


class Builder:
    """Rebuilds on every change and keeps the status the page shows (thread-safe snapshot)."""

    def __init__(self, content: Path, out: Path, names: tuple[str, ...], options: Options, echo: Echo,
                 hub: Hub) -> None:
        from generator.build import select

        self.content, self.out, self.options, self.echo, self.hub = content, out, options, echo, hub
        chosen = [p.name for p in select(names)]
        self.phases = [tuple(n for n in chosen if n in FIRST), tuple(n for n in chosen if n not in FIRST)]
        self.pending: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.status = {"version": 0, "state": "building", "text": "building…", "problems": [], "lint": [],
                       "title": ""}

    def snapshot(self) -> dict:
        with self.lock:
            return dict(self.status)

    def _set(self, **changes) -> None:
        with self.lock:
            self.status.update(changes, version=self.status["version"] + 1)
        self.hub.publish()

    def rebuild(self, what: str, force: bool = False) -> bool:
        """Both steps; True if every product was built. Prints one line per step or error."""
        stamp = time.strftime("%H:%M:%S")
        self._set(state="building", text=f"building after {what}…")
        done = []
        for step, names in enumerate(self.phases):
            if not names:
                continue
            options = replace(self.options, previews=False) if step == 0 else self.options
            began = time.perf_counter()
            try:
                problems = self._build(names, options, force, interruptible=step > 0)
            except _Superseded:
                self.echo(f"{stamp} {what}: a newer save came; building that first")
                return False
            ms = (time.perf_counter() - began) * 1000
            if problems:
                for problem in problems:
                    self.echo(f"{stamp} {what}: error: {problem['where'] + ': ' if problem['where'] else ''}"
                              f"{problem['message']} (kept the last good outputs)", err=True)
                self._set(state="error", problems=problems,
                          text=f"{stamp}: {len(problems)} error{'s' if len(problems) != 1 else ''} after {what}; "
                               "showing the last good build")
                return False
            done.append(f"{', '.join(names)} in {ms:.0f} ms")
            self.echo(f"{stamp} {what}: built {done[-1]}")
            last = step == len(self.phases) - 1 or not self.phases[-1]
            self._set(state="ok" if last else "building", problems=[],
                      text=f"{stamp}: built {'; '.join(done)} after {what}" + ("" if last else "; building the rest…"))
            if step == 0:
                self._lint()  # after the page was told: the poster does not wait for it
        return True

    def _build(self, names: tuple[str, ...], options: Options, force: bool, interruptible: bool) -> list[dict]:
        """One build; the problems it met (empty on success). _Superseded if `interruptible` and a
        save is waiting before the next product starts."""
        from generator.build import build

        def progress(name: str, index: int, total: int) -> None:
            if interruptible and not self.pending.empty():
                raise _Superseded

        try:
            build(self.content, self.out, names, options, jobs=1, force=force, progress=progress)
        except _Superseded:
            raise
        except ContentError as exc:
            return [_problem(str(p), p.file, p.line, p.message) for p in exc.problems]
        except PraatplaatError as exc:
            return [_problem(str(exc), "", None, str(exc))]
        except Exception as exc:  # a bug in a product must not end the session
            return [_problem("", "", None, f"unexpected {type(exc).__name__}: {exc}")]
        return []

    def _lint(self) -> None:
        from generator.lint import lint
        from generator.loader import load

        try:
            plaat = load(self.content)
        except PraatplaatError:
            return
        warnings = [{"where": str(w.source), "message": w.message} for w in lint(plaat)]
        current = self.snapshot()
        if current["lint"] != warnings or current["title"] != plaat.meta.title:
            self._set(lint=warnings, title=plaat.meta.title)

    def follow(self, changes, stop: threading.Event) -> None:
        """Rebuild after every batch of changes until `stop` is set (runs in its own thread). A
        reader thread queues the watcher's batches, so that a save arriving while the other
        products are still being built stops that build (it writes nothing) and the poster
        and diagram are rebuilt at once."""
        from generator.watch import _what

        roots = (self.content, Path(self.options.layouts))
        reader = threading.Thread(target=_read, args=(changes, self.pending, stop), name="praatplaat-watcher",
                                  daemon=True)
        reader.start()
        while not stop.is_set():
            try:
                batch = set(self.pending.get(timeout=0.25))
            except queue.Empty:
                continue
            while not self.pending.empty():
                batch |= self.pending.get_nowait()
            if not stop.is_set():
                self.rebuild(_what(batch, roots))
        reader.join(timeout=5)


def _read(changes, pending: queue.Queue, stop: threading.Event) -> None:
    for batch in changes:
        if stop.is_set():
            break
        if batch:
            pending.put(batch)


class _Superseded(Exception):
    """A newer save came while the other products were being built: that build is dropped."""


def _problem(text: str, file: str, line: int | None, message: str) -> dict:
    where = f"{file}:{line}" if file and line else file
    return {"where": where, "file": file, "line": line, "message": message, "text": text}


def is_loopback(host: str) -> bool:
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); PraatplaatError if that fails."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise PraatplaatError(f"cannot listen on {host}:{port}: {exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise PraatplaatError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def serve(content: Path, out: Path, names: tuple[str, ...], options: Options, echo: Echo,
          host: str = "127.0.0.1", port: int = 0) -> None:
    """Build, then serve the preview page and rebuild on every save, until Ctrl-C."""
    from generator.serve_app import create_app, run_server
    from generator.watch import saves, watched

    content, out, layouts = watched(content, out, options)
    hub = Hub()
    builder = Builder(content, out, names, options, echo, hub)
    if not is_loopback(host):
        echo(f"warning: serving on {host}: anyone who can reach this machine can read the output folder",
             err=True)
    sock = bind(host, port)
    out.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    thread = None
    try:
        changes = saves(content, out, layouts, stop)
        if next(changes, None) is not None:  # the watcher runs from here: no save is lost
            builder.rebuild("start", force=True)
            echo(f"serving {url_of(sock)} (Ctrl-C to stop)")
            thread = threading.Thread(target=builder.follow, args=(changes, stop), name="praatplaat-builder",
                                      daemon=True)
            thread.start()
            run_server(create_app(out, builder, hub, host), sock, on_exit=lambda: (stop.set(), hub.close()))
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        hub.close()
        if thread is not None:
            thread.join(timeout=30)
        signal.signal(signal.SIGTERM, previous)
        sock.close()
    echo("stopped")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
