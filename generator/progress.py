"""A one-line status on stderr for builds that take longer than a moment (only on a terminal)."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

DELAY = 0.4     # seconds before the status line appears
INTERVAL = 0.1  # seconds between updates


class Status:
    """`status(product, index, total)` before each product; `close()` clears the line.

    Draws nothing unless `stream` is a terminal, and nothing for builds done within DELAY.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.start = time.perf_counter()
        self.current = ""
        self.drawn = False
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        if self.enabled:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def __call__(self, product: str, index: int, total: int) -> None:
        with self.lock:
            self.current = f"building {product} ({index + 1}/{total})"

    def _run(self) -> None:
        if self.done.wait(DELAY):
            return
        while not self.done.is_set():
            with self.lock:
                elapsed = time.perf_counter() - self.start
                if self.current:
                    self.stream.write(f"\r\x1b[K{self.current} {elapsed:.1f} s")
                    self.stream.flush()
                    self.drawn = True
            self.done.wait(INTERVAL)

    def close(self) -> None:
        self.done.set()
        if self.thread:
            self.thread.join()
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def __enter__(self) -> Status:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
