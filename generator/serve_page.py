"""The preview page of `praatplaat serve`: one pane per product, made from `<out>/build.json`.

A product's SVG files are shown inline (text is DOM text, `data-source` attributes can be
hovered), its PNG previews as images, its HTML files in a frame, every file as a link. Each
pane has a key (a hash of what it shows), so the page replaces only the panes that changed.
Everything here reads the output folder; nothing writes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.build import REPORT_FILE

FIRST = ("poster", "diagram")  # shown first; serve also rebuilds these first
ZOOMS = (1.0, 1.5, 2.0, 3.0, 4.0, 6.0)


@dataclass(frozen=True)
class Pane:
    id: str
    title: str
    key: str
    html: Markup | None


def environment() -> jinja2.Environment:
    """The page's templates (generator/templates), autoescaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )


def read_report(out: Path) -> dict:
    """build.json of the output folder, or an empty report if there is none (yet) or it is unreadable."""
    try:
        data = json.loads((out / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"products": {}, "totals": {}}
    return data if isinstance(data, dict) and isinstance(data.get("products"), dict) else {"products": {}, "totals": {}}


def product_order(products: dict) -> list[str]:
    return [n for n in FIRST if n in products] + [n for n in products if n not in FIRST]


def page_state(out: Path, status: dict, env: jinja2.Environment, have: frozenset[str] = frozenset()) -> dict:
    """What the page shows now: the builder's status (version, state, problems, lint warnings)
    and every pane with its key and HTML (None for a pane whose key is in `have`: the page
    has it); the page at first, /api/state after each rebuild."""
    macros = env.get_template("serve_parts.html.j2").module
    items = panes(out, read_report(out), env, have)
    lint = Markup(macros.lint(status.get("lint", [])))
    items.append(Pane("pane-lint", "content warnings", _digest(str(lint)), lint))
    problems = status.get("problems", [])
    problems_html = Markup(macros.problems(problems)) if problems else Markup("")
    return {
        "version": status.get("version", 0),
        "title": status.get("title", ""),
        "status": {"state": status.get("state", ""), "text": status.get("text", "")},
        "panes": [{"id": p.id, "title": p.title, "key": p.key, "html": p.html} for p in items],
        "problems": {"key": _digest(str(problems_html)), "html": problems_html, "count": len(problems)},
    }


INLINE_SVGS = 2  # a product with more SVG files than this is shown as images


def panes(out: Path, report: dict, env: jinja2.Environment, have: frozenset[str] = frozenset()) -> list[Pane]:
    """A pane per product in the report, then the build report itself; a pane whose key is in
    `have` is not made again (its html is None)."""
    macros = env.get_template("serve_parts.html.j2").module
    result = []
    products = report.get("products", {})
    for name in product_order(products):
        entry = products[name]
        files = entry.get("files", {}) if isinstance(entry, dict) else {}
        key = _digest(name, json.dumps(entry, sort_keys=True))
        if key in have:
            result.append(Pane(f"pane-{_ident(name)}", name, key, None))
            continue
        svg_files = [f for f in files if f.endswith(".svg") and (out / f).is_file()]
        # a product of one or two sheets is shown inline (its texts show their sources); a
        # product of many sheets (theme posters) as images, so the page stays light
        inline = len(svg_files) <= INLINE_SVGS
        svgs = [(f, inline_svg(_read(out / f), _ident(f))) for f in svg_files] if inline else []
        shown = (".png",) if inline else (".svg",)
        view = {
            "name": name, "description": entry.get("description", ""), "warnings": entry.get("warnings", []),
            "svgs": svgs,
            "images": [(f, _version(rec)) for f, rec in files.items() if f.endswith(shown)],
            "pages": [(f, _version(rec)) for f, rec in files.items() if f.endswith((".html", ".htm"))],
            "files": [(f, rec) for f, rec in files.items() if not f.startswith("previews/")],
            "ident": _ident,
        }
        result.append(Pane(f"pane-{_ident(name)}", name, key, Markup(macros.product(view))))
    summary = Markup(macros.report(report))
    result.append(Pane("pane-report", "build report", _digest(str(summary)), summary))
    return result


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _version(record) -> str:
    """A cache-busting query value for a file: the start of its hash from build.json."""
    sha = record.get("sha256", "") if isinstance(record, dict) else ""
    return sha[:12]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]


_IDENT = re.compile(r"[^a-z0-9]+")


def _ident(name: str) -> str:
    """A name as an HTML id part: 'previews/cards-a4.png' -> 'previews-cards-a4-png'."""
    return _IDENT.sub("-", name.lower()).strip("-") or "x"


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_ID = re.compile(r'\bid="([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_FAMILY = re.compile(r"""(font-family(?::|=")\s*)'([^']+)'""")
_LINK = re.compile(r'<a href="([^"]*)"')


def inline_svg(data: bytes, prefix: str) -> Markup:
    """An SVG file made fit to sit in a page beside others: no XML declaration, ids and the
    font families its @font-face rules define prefixed (two SVGs' subsets of one font would
    otherwise replace each other's glyphs), link areas named by their address, scaled by its
    container."""
    if not data:
        return Markup("")
    text = _XML_DECL.sub("", data.decode("utf-8", "replace"))
    text = _ID.sub(lambda m: f'id="{prefix}-{m[1]}"', text)
    text = _URL_REF.sub(lambda m: f"url(#{prefix}-{m[1]})", text)
    text = _FAMILY.sub(lambda m: f"{m[1]}'{prefix}-{m[2]}'", text)
    text = _LINK.sub(lambda m: f'<a aria-label="{m[1]}" href="{m[1]}"', text)  # a link area has no text of its own
    text = re.sub(r"<svg\b", '<svg class="sheet-svg" focusable="false"', text, count=1)
    return Markup(text)
