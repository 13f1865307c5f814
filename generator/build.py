"""Builds products: load content once, make every artifact in memory, then write them all."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.errors import PraatplaatError
from generator.loader import load
from generator.outputs import safe_output_path, write_atomic
from generator.products import Artifact, Options, registry


@dataclass(frozen=True)
class BuildReport:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float


def select(names: tuple[str, ...]) -> list:
    products = registry()
    unknown = [n for n in names if n not in products]
    if unknown:
        raise PraatplaatError(f"unknown product {unknown[0]!r} (known: {', '.join(products) or 'none yet'})")
    return [products[n] for n in names] if names else list(products.values())


def build(content: Path, out: Path, names: tuple[str, ...], options: Options,
          echo: Callable[[str], None] = print) -> BuildReport:
    """Build the named products (all when none). Nothing is written unless every one succeeds."""
    start = time.perf_counter()
    products = select(names)
    model = load(content)
    artifacts: list[Artifact] = []
    warnings: list[str] = []
    for product in products:
        result = product.build(model, options)
        artifacts.extend(result.artifacts)
        warnings.extend(f"{product.name}: {w}" for w in result.warnings)
    written, unchanged = [], []
    for artifact in artifacts:
        path = safe_output_path(out, artifact.name)
        if path.exists() and path.read_bytes() == artifact.data:
            unchanged.append(artifact.name)
            continue
        write_atomic(path, artifact.data)
        written.append(artifact.name)
    return BuildReport(tuple(written), tuple(unchanged), tuple(warnings), time.perf_counter() - start)
