"""Stand-in products for the fault-injection tests (tests/test_transaction.py), importable by the
subprocesses those tests start. Files and bytes depend on --paper, so two papers give two sets
that differ in names (some added, some gone) and in bytes, and share one unchanged file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.products import Artifact, Product, Result


def _poster(plaat, options) -> Result:
    paper = options.paper or "A0"
    _wait_for_go()
    return Result((Artifact(f"poster-{paper}.txt", paper.encode() * 1000),
                   Artifact(f"previews/poster-{paper}.png", paper.encode() * 10)))


def _deck(plaat, options) -> Result:
    paper = options.paper or "A0"
    return Result(tuple(Artifact(f"deck/{i}.txt", f"{paper}-{i}".encode()) for i in range(1, 6)))


def _same(plaat, options) -> Result:
    return Result((Artifact("same.txt", b"the same bytes on every paper"),))


def _wait_for_go() -> None:
    """With FAULTY_GATE set: say 'building' (a file), then wait until the test makes 'go'."""
    gate = os.environ.get("FAULTY_GATE")
    if not gate:
        return
    Path(gate, "building").touch()
    while not Path(gate, "go").exists():
        time.sleep(0.01)


PRODUCTS = {
    "poster": Product("poster", "one file named after the paper", (), _poster),
    "deck": Product("deck", "five files", (), _deck),
    "same": Product("same", "a file that never changes", (), _same),
}


def install() -> None:
    import generator.build

    generator.build.registry = lambda: dict(PRODUCTS)
