"""A layout's `hyphenation` section reaches the text engine: min_left/min_right and every
line-breaking cost (generator/text/style.py Hyphenation) come from layouts/base.yaml or a
product layout that overrides them."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.layout.common import text_style
from generator.styles import load_style
from generator.text.breaking import line_units, set_text
from generator.text.style import DEFAULT_HYPHENATION, Hyphenation

from conftest import LAYOUTS

TEXT = ("De samenwerkingsstructuur tussen gemeenten en waterschappen vraagt om heldere afspraken over "
        "informatievoorziening en bedrijfsvoering.")


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    target = tmp_path / "layouts"
    shutil.copytree(LAYOUTS, target)
    return target


def _override(folder: Path, settings: str) -> None:
    """Append a `hyphenation` section with `settings` to the handout layout."""
    path = folder / "handout.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"\nhyphenation:\n{settings}", encoding="utf-8")


def test_the_shipped_costs_are_the_engines_defaults():
    style = load_style(LAYOUTS, "handout")
    assert text_style(style, 10, lang="nl").hyphenation is DEFAULT_HYPHENATION


def test_every_cost_in_a_layout_reaches_the_engine(layouts):
    fields = [f for f in dataclasses.fields(Hyphenation)]
    changed = {f.name: (f.default + 1 if f.type == "int" else round(f.default * 0.5 + 0.1, 3)) for f in fields}
    changed["tolerance"] = 0.4
    _override(layouts, "".join(f"  {k}: {v}\n" for k, v in changed.items()))
    hy = text_style(load_style(layouts, "handout"), 10, lang="nl").hyphenation
    assert dataclasses.asdict(hy) == pytest.approx(changed)


def test_a_cost_changes_the_breaking(layouts):
    base = text_style(load_style(LAYOUTS, "handout"), 10, lang="nl")
    widest = max(line_units(word, base) for word in TEXT.split()) * base.size / 1000
    # widths where every word fits whole (narrower ones must hyphenate whatever it costs)
    hyphenated = [w for w in range(int(widest) + 1, 240, 4) if set_text(TEXT, w, base).hyphens]
    assert hyphenated, "the default costs hyphenate this text at some width"
    _override(layouts, "  auto: 10000\n  tolerance: 1\n")
    costly = text_style(load_style(layouts, "handout"), 10, lang="nl")
    assert costly.hyphenation.auto == 10000
    assert all(set_text(TEXT, w, costly).hyphens == 0 for w in hyphenated)
