"""docs/layouts.md, generated from the style schemas: every setting of every layout file.

    python -m generator.styles.reference            # rewrite docs/layouts.md
    python -m generator.styles.reference --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from generator.styles.common import ProductStyle
from generator.styles.read import SCHEMAS
from generator.styles.spec import UNITS, settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "layouts.md"

INTRO = """\
# Layout settings

Generated from the style schemas in `generator/styles/` by `python -m generator.styles.reference`;
do not edit by hand (a test checks it is current).

Every product reads one file in `layouts/` (`poster`, `diagram`, `handout`, `html`,
`cards-questions-*`, `cards-themes-*`), merged over the file it `extends` (finally `base.yaml`).
Lengths are millimetres in the files (points inside the program), font sizes and line widths
points. Each file is checked when read: an unknown setting, a value of the wrong kind, out of
range or not among the allowed values stops the build with `file:line`, the setting, what it
must be and, for a near miss, "did you mean …". A setting marked *scales* grows with the paper
when a product is printed larger than its layout's own paper.
"""


def reference() -> str:
    """The whole document."""
    parts = [INTRO, "## Every layout (base.yaml)\n", _table(ProductStyle, "")]
    for name, cls in SCHEMAS.items():
        files = f"`{name}.yaml`" if name in ("poster", "diagram", "handout", "html") else f"`{name}-*.yaml`"
        parts.append(f"## {files}: {cls.__name__}\n\n{inspect.cleandoc(cls.__doc__ or '')}\n")
        parts.append(_table(cls, "", skip=set(settings(ProductStyle))))
    return "\n".join(parts)


def _table(cls: type, prefix: str, skip: set[str] = frozenset()) -> str:
    rows = ["| setting | kind | allowed | meaning |", "|---|---|---|---|"]
    rows += list(_rows(cls, prefix, skip))
    return "\n".join(rows) + "\n"


def _rows(cls: type, prefix: str, skip: set[str]):
    for name, (_, spec) in settings(cls).items():
        if name in skip:
            continue
        path = f"{prefix}{name}"
        if spec.unit == "section":
            yield f"| **`{path}`** | section | | {spec.doc} |"
            yield from _rows(spec.section, f"{path}.", set())
            continue
        if spec.unit == "list":
            yield f"| **`{path}`** | list | each: {', '.join(settings(spec.section))} | {spec.doc} |"
            yield from _rows(spec.section, f"{path}[].", set())
            continue
        kind = UNITS[spec.unit] + (", scales" if spec.scales else "") + (", optional" if spec.optional else "")
        allowed = spec.describe() if spec.unit != "font" else "a font file name, e.g. SourceSansPro-Bold"
        if spec.at_most:
            allowed += f"; at most `{spec.at_most if '.' in spec.at_most else prefix + spec.at_most}`"
        yield f"| `{path}` | {kind} | {allowed.replace('|', '/')} | {spec.doc} |"


def main(argv: list[str]) -> int:
    text = reference()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC.name} is out of date: run python -m generator.styles.reference", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
