"""Builds products: only those whose inputs changed, all in memory first, then switched in at once.

A build never leaves a partial file or a mixed set: every product is made in memory, then the
whole new set of files replaces the old one in one step (generator.outputs). A product that
fails keeps its older files; the others are written. `<out>/build.json` describes what the output folder holds (files, pages,
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

from generator import __version__, memo
from generator.errors import PraatplaatError
from generator.outputs import OutputFolder
from generator.products import COSTS, USES, Artifact, Options, Product, Result, registry
from generator.state import (
    STATE_FILE, FileRecord, ProductState, digest, environment, file_hash, folder_digest, parse_state,
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
    failed: tuple[tuple[str, str], ...] = ()      # (product, one-line reason) for those that failed


def select(names: tuple[str, ...], products: dict[str, Product] | None = None) -> list[Product]:
    """The named products (all when none), in registry order; unknown names are an error."""
    products = registry() if products is None else products
    unknown = [n for n in names if n not in products]
    if unknown:
        raise PraatplaatError(f"unknown product {unknown[0]!r} (known: {', '.join(products) or 'none yet'})")
    chosen = set(names)
    return [p for n, p in products.items() if n in chosen] if names else list(products.values())


def build(content: Path, out: Path, names: tuple[str, ...] = (), options: Options = Options(), *,
          force: bool = False, jobs: int = 0, progress: Progress | None = None,
          notify: Callable[[str], None] | None = None) -> BuildReport:
    """Build the named products (all when none) whose inputs changed since the last build in `out`.

    `force` rebuilds them all. `jobs`: how many cores to use (0 = all usable). `progress(product,
    index, total)` is called before a product is made; `notify(message)` when the build waits
    for another one into the same folder. A product that fails does not stop the others: the
    folder then switches to every new file plus the failed product's older files, build.json
    names the failure, and the report's `failed` lists it (see docs/builds.md).
    """
    folder = OutputFolder(Path(out), notify)
    try:
        if folder.exists():
            folder.lock()  # else taken when the first file is written: a failed load creates nothing
        return _build(Path(content), folder, names, options, force, jobs, progress)
    finally:
        folder.unlock()
        memo.end_build()


def _build(content: Path, folder: OutputFolder, names, options: Options, force: bool, jobs: int,
           progress: Progress | None) -> BuildReport:
    start = time.perf_counter()
    out = folder.out
    available = registry()
    products = select(names, available)
    old, broken = _read_state(folder)
    notes = (broken,) if broken else ()
    layouts_hash = folder_digest(Path(options.layouts))
    inputs = digest(environment(), repr(options), folder_digest(content), layouts_hash)
    if (not force and products and all(_intact(old.get(p.name), out, inputs=inputs) for p in products)
            and folder.read(REPORT_FILE) == report_bytes(old, list(available.values()))):
        files = tuple(n for p in products for n in old[p.name].files)
        return BuildReport((), files, notes, time.perf_counter() - start, (), tuple(p.name for p in products))

    from generator.jobs import Failure, make_all
    from generator.loader import load

    model = load(content)
    notes += model.notes
    todo: list[tuple[Product, str]] = []
    skipped: dict[str, ProductState] = {}
    for product in products:
        key = product_key(product, model, options, layouts_hash)
        previous = old.get(product.name)
        if not force and _intact(previous, out, key=key):
            skipped[product.name] = replace(previous, inputs=inputs, failed="")
        else:
            todo.append((product, key))
    glyphs = _glyph_warnings(model, options, [p for p, _ in todo], layouts_hash)
    made = make_all([p for p, _ in todo], model, options, jobs=jobs, costs=_costs(old, [p for p, _ in todo]),
                    uses=USES, progress=progress)
    built: dict[str, ProductState] = {}
    failed: dict[str, str] = {}
    for (product, result, seconds), (_, key) in zip(made, todo):
        if isinstance(result, Failure):
            failed[product.name] = result.message
        else:
            built[product.name] = _product_state(product, result, key, inputs, glyphs[product.name], seconds)
    artifacts = _checked([a for _, r, _ in made if not isinstance(r, Failure) for a in r.artifacts])

    folder.lock()
    fresh, _ = _read_state(folder)  # another build may have finished since we read it
    states = dict(fresh)
    for name, state in skipped.items():
        if fresh.get(name) == old.get(name):
            states[name] = state
    states.update(built)
    for name, message in failed.items():
        kept = fresh.get(name) or ProductState("", "")
        states[name] = replace(kept, inputs="", failed=message)
    new = {a.name: a.data for a in artifacts}
    artifacts_named = set(new)
    for name, state in list(states.items()):
        if name not in built:
            states[name] = _kept(folder, state, new)
    new[REPORT_FILE] = report_bytes(states, list(available.values()))
    legacy = _legacy_names(folder.out) if folder.current() is None else set()
    written, unchanged = folder.commit(new, {STATE_FILE: state_bytes(states)}, legacy)
    written, unchanged = ([n for n in names if n in artifacts_named] for names in (written, unchanged))
    shared = tuple(dict.fromkeys(w for p, _ in todo if p.name in built for w in glyphs[p.name]))
    return BuildReport(
        tuple(written), tuple(unchanged),
        notes + shared + tuple(f"{p.name}: {w}" for p, r, _ in made if not isinstance(r, Failure) for w in r.warnings),
        time.perf_counter() - start,
        tuple(p.name for p, r, _ in made if not isinstance(r, Failure)), tuple(skipped),
        tuple((p.name, s) for p, r, s in made if not isinstance(r, Failure)),
        tuple(failed.items()),
    )


def _costs(old: dict[str, ProductState], products: list[Product]) -> dict[str, float]:
    """What each product is expected to take, to share them among cores: the last build's
    seconds when every one has them, else the registry's rough defaults for all."""
    known = {p.name: old[p.name].seconds for p in products if p.name in old and old[p.name].seconds > 0}
    if len(known) == len(products):
        return known
    return {p.name: COSTS.get(p.name, 1.0) for p in products}


def _read_state(folder: OutputFolder) -> tuple[dict[str, ProductState], str | None]:
    """The state per product; a product the state file lacks (another generator version, a
    broken file) but build.json lists keeps its files, marked to be made again."""
    states, broken = parse_state(folder.read(STATE_FILE), str(folder.out / STATE_FILE))
    return {**_from_manifest(folder), **states}, broken


def _from_manifest(folder: OutputFolder) -> dict[str, ProductState]:
    try:
        manifest = json.loads((folder.read(REPORT_FILE) or b"{}").decode("utf-8"))
        return {str(name): ProductState("", "", {str(n): FileRecord.from_json(f) for n, f in entry["files"].items()},
                                        failed=str(entry.get("failed", "")))
                for name, entry in manifest.get("products", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, UnicodeDecodeError):
        return {}


def _legacy_names(out: Path) -> set[str]:
    """Files an older praatplaat wrote in place, as its build.json lists them (they are replaced
    or removed once; anything else in the folder is the user's and stays)."""
    names = {REPORT_FILE, STATE_FILE}
    try:
        manifest = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
        for product in manifest["products"].values():
            names.update(str(n) for n in product["files"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass
    return {n for n in names if n in (REPORT_FILE, STATE_FILE) or _checked_name(n)}


def _checked_name(name: str) -> bool:
    path = Path(name)
    return not path.is_absolute() and ".." not in path.parts and not path.name.startswith(".")


def _kept(folder: OutputFolder, state: ProductState, new: dict[str, bytes]) -> ProductState:
    """A product not made this time keeps its files that are still there with their bytes (read
    into `new`); one missing or edited is dropped, and the product is made again next time."""
    files = {}
    for name, record in state.files.items():
        data = folder.read(name)
        if data is not None and len(data) == record.size and file_hash(data) == record.sha256 and name not in new:
            new[name] = data
            files[name] = record
    if len(files) == len(state.files):
        return state
    return replace(state, key="", inputs="", files=files)


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
        if state.failed:
            entry["failed"] = state.failed
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
