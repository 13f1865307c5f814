"""Builds products: only those whose inputs changed, all in memory first, then written at once.

A build never leaves a partial file and never removes a good one: every product is made in
memory, and files are written (each atomically, and only when its bytes changed) after all
of them succeeded. `<out>/build.json` describes what the output folder holds (files, pages,
bytes, fonts, warnings); it has no timings, so the whole folder is byte-identical for the same
content and layouts. Timings are in the returned BuildReport, which the CLI prints.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from generator import __version__
from generator.errors import PraatplaatError
from generator.outputs import safe_output_path, write_atomic
from generator.products import Artifact, Options, Product, Result, registry
from generator.state import (
    STATE_FILE, FileRecord, ProductState, digest, environment, file_hash, folder_digest, read_state,
    state_bytes, whole_model,
)

REPORT_FILE = "build.json"
RESERVED = {REPORT_FILE, STATE_FILE}

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    written: tuple[str, ...]     # files whose bytes changed (or were new)
    unchanged: tuple[str, ...]   # files rebuilt or kept with the same bytes
    warnings: tuple[str, ...]    # "product: warning", from the products built this time
    seconds: float
    built: tuple[str, ...] = ()                   # products made this time
    skipped: tuple[str, ...] = ()                 # products already up to date
    timings: tuple[tuple[str, float], ...] = ()   # (product, seconds) for those built


def select(names: tuple[str, ...], products: dict[str, Product] | None = None) -> list[Product]:
    """The named products (all when none), in registry order; unknown names are an error."""
    products = registry() if products is None else products
    unknown = [n for n in names if n not in products]
    if unknown:
        raise PraatplaatError(f"unknown product {unknown[0]!r} (known: {', '.join(products) or 'none yet'})")
    chosen = set(names)
    return [p for n, p in products.items() if n in chosen] if names else list(products.values())


def build(content: Path, out: Path, names: tuple[str, ...] = (), options: Options = Options(), *,
          force: bool = False, jobs: int = 0, progress: Progress | None = None) -> BuildReport:
    """Build the named products (all when none) whose inputs changed since the last build in `out`.

    `force` rebuilds them all. `jobs`: how many cores to use (0 = all usable). `progress(product,
    index, total)` is called before a product is made. Nothing is written unless all succeed.
    """
    start = time.perf_counter()
    content, out = Path(content), Path(out)
    available = registry()
    products = select(names, available)
    old = read_state(out)
    layouts_hash = folder_digest(Path(options.layouts))
    inputs = digest(environment(), repr(options), folder_digest(content), layouts_hash)
    if not force and products and all(_intact(old.get(p.name), out, inputs=inputs) for p in products):
        files = tuple(n for p in products for n in old[p.name].files)
        return BuildReport((), files, (), time.perf_counter() - start, (), tuple(p.name for p in products))

    from generator.jobs import make_all
    from generator.loader import load

    model = load(content)
    states = dict(old)
    todo: list[tuple[Product, str]] = []
    skipped: list[str] = []
    for product in products:
        key = product_key(product, model, options, layouts_hash)
        previous = old.get(product.name)
        if not force and _intact(previous, out, key=key):
            states[product.name] = replace(previous, inputs=inputs)
            skipped.append(product.name)
        else:
            todo.append((product, key))
    glyphs = _glyph_warnings(model, options, [p for p, _ in todo], layouts_hash)
    costs = {name: state.seconds for name, state in old.items()}
    made = make_all([p for p, _ in todo], model, options, jobs=jobs, costs=costs, progress=progress)
    for (product, result, seconds), (_, key) in zip(made, todo):
        states[product.name] = _product_state(product, result, key, inputs, glyphs[product.name], seconds)
    artifacts = _checked([a for _, r, _ in made for a in r.artifacts])
    written, unchanged = _write(out, artifacts)
    _write_if_changed(out / STATE_FILE, state_bytes(states))
    _write_if_changed(out / REPORT_FILE, report_bytes(states, list(available.values())))
    shared = tuple(dict.fromkeys(w for p, _ in todo for w in glyphs[p.name]))
    return BuildReport(
        tuple(written), tuple(unchanged),
        shared + tuple(f"{p.name}: {w}" for p, r, _ in made for w in r.warnings),
        time.perf_counter() - start,
        tuple(p.name for p, _, _ in made), tuple(skipped),
        tuple((p.name, s) for p, _, s in made),
    )


_GLYPHS: dict[tuple[str, str], tuple[str, ...]] = {}  # (model fingerprint, fonts) -> warnings; last build only


def _glyph_warnings(model, options: Options, products: list[Product],
                    layouts_hash: str) -> dict[str, tuple[str, ...]]:
    """Per product: characters its layouts' fonts cannot print (see generator.layout.glyphs)."""
    if not products:
        return {}
    from generator.layout.glyphs import missing_glyphs

    names = list(dict.fromkeys(n for p in products for n in p.layouts))
    merged = layouts(options, names, layouts_hash)
    model_key = whole_model(model, options).decode()
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    per_layout = {}
    for name in names:
        fonts = merged[name][0].get("fonts")
        if not isinstance(fonts, dict):
            per_layout[name] = ()
            continue
        slot = (model_key, json.dumps(fonts, sort_keys=True))
        if slot not in found:
            found[slot] = _GLYPHS[slot] if slot in _GLYPHS else tuple(missing_glyphs(model, fonts))
        per_layout[name] = found[slot]
    _GLYPHS.clear()
    _GLYPHS.update(found)
    return {p.name: tuple(dict.fromkeys(w for n in p.layouts for w in per_layout[n])) for p in products}


def product_key(product: Product, model, options: Options, layouts_hash: str | None = None) -> str:
    """Everything a product's output depends on: model parts, layout settings, code, options."""
    part = (product.key or whole_model)(model, options)
    return digest(environment(), product.name, repr(options), layout_digest(product, options, layouts_hash), part)


def layout_digest(product: Product, options: Options, layouts_hash: str | None = None) -> str:
    """The product's layout settings as merged from layouts/ (comments and spacing do not count)."""
    merged = layouts(options, product.layouts, layouts_hash)
    return digest(*(merged[name][1] for name in product.layouts))


# (layouts folder, name) -> (hash of the folder's files, (merged layout, its canonical JSON))
_LAYOUTS: dict[tuple[str, str], tuple[str, tuple[dict, str]]] = {}


def layouts(options: Options, names, layouts_hash: str | None = None) -> dict[str, tuple[dict, str]]:
    """Merged layouts by name, with their JSON; parsed again only when a file in the folder changed."""
    from generator.config import load_layout

    folder = Path(options.layouts)
    layouts_hash = layouts_hash or folder_digest(folder)
    result = {}
    for name in names:
        slot = (str(folder.resolve()), name)
        cached = _LAYOUTS.get(slot)
        if cached is None or cached[0] != layouts_hash:
            merged = load_layout(folder, name)
            cached = _LAYOUTS[slot] = (layouts_hash, (merged, json.dumps(merged, ensure_ascii=False, default=str)))
        result[name] = cached[1]
    return result


def _intact(previous: ProductState | None, out: Path, *, key: str | None = None,
            inputs: str | None = None) -> bool:
    if previous is None or (key is not None and previous.key != key):
        return False
    if inputs is not None and previous.inputs != inputs:
        return False
    return previous.outputs_intact(out)


def _product_state(product: Product, result: Result, key: str, inputs: str, glyphs: tuple[str, ...],
                   seconds: float) -> ProductState:
    files = {a.name: FileRecord(file_hash(a.data), len(a.data), result.pages.get(a.name), fonts_in(a))
             for a in result.artifacts}
    return ProductState(key, inputs, files, glyphs + tuple(result.warnings), round(seconds, 3))


def _checked(artifacts: list[Artifact]) -> list[Artifact]:
    seen: set[str] = set()
    for artifact in artifacts:
        if artifact.name in seen:
            raise PraatplaatError(f"two products write the same file {artifact.name!r}")
        if artifact.name in RESERVED or Path(artifact.name).name.startswith("."):
            raise PraatplaatError(f"a product may not write {artifact.name!r} (reserved or hidden)")
        if Path(artifact.name).is_absolute() or ".." in Path(artifact.name).parts:
            raise PraatplaatError(f"output name {artifact.name!r} would leave the output folder")
        seen.add(artifact.name)
    return artifacts


def _write(out: Path, artifacts: list[Artifact]) -> tuple[list[str], list[str]]:
    written, unchanged = [], []
    for artifact in artifacts:
        path = safe_output_path(out, artifact.name)
        if _write_if_changed(path, artifact.data):
            written.append(artifact.name)
        else:
            unchanged.append(artifact.name)
    return written, unchanged


def _write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


_PDF_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_CSS_FONT = re.compile(rb"""font-family\s*(?:=\s*"([^"]*)"|=\s*'([^']*)'|:\s*((?:"[^"]*"|&quot;|[^;}"<>])+))""")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "inherit", "initial"}


def fonts_in(artifact: Artifact) -> tuple[str, ...]:
    """Font names a PDF embeds or refers to, or the font families an SVG/HTML file names."""
    suffix = Path(artifact.name).suffix.lower()
    names: set[str] = set()
    if suffix == ".pdf":
        names = {_SUBSET.sub("", m.decode("latin-1")) for m in _PDF_FONT.findall(artifact.data)}
    elif suffix in (".svg", ".html", ".htm", ".css"):
        for groups in _CSS_FONT.findall(artifact.data):
            value = b"".join(groups).decode("utf-8", "replace").replace("&quot;", "")
            for family in value.split(","):
                family = family.strip().strip("\"'").strip()
                if family and family.lower() not in _GENERIC:
                    names.add(family)
    return tuple(sorted(names))


def report_bytes(states: dict[str, ProductState], products: list[Product]) -> bytes:
    """build.json: what each product in the output folder holds; no timings (see module doc)."""
    descriptions = {p.name: p.description for p in products}
    order = [p.name for p in products] + sorted(n for n in states if n not in descriptions)
    entries, files, size, pages, warnings = {}, 0, 0, 0, 0
    for name in dict.fromkeys(order):
        state = states.get(name)
        if state is None:
            continue
        entry = {"files": {n: state.files[n].as_json() for n in sorted(state.files)},
                 "warnings": list(state.warnings)}
        if name in descriptions:
            entry = {"description": descriptions[name], **entry}
        entries[name] = entry
        files += len(state.files)
        size += sum(f.size for f in state.files.values())
        pages += sum(f.pages or 0 for f in state.files.values())
        warnings += len(state.warnings)
    data = {"generator": f"praatplaat {__version__}", "products": entries,
            "totals": {"files": files, "bytes": size, "pages": pages, "warnings": warnings}}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
