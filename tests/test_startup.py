"""Start-up (issue 16): a command imports only what it uses, and a build on several cores shares
the products out by their cost. That such a build gives the files a build on one core gives is
tested in test_incremental.py (and by the reproducibility tests on the real products)."""

from __future__ import annotations

import json
import subprocess
import sys

from generator.build import _costs
from generator.jobs import _groups, _shared
from generator.products import COSTS, USES, registry
from generator.state import ProductState

from conftest import CONTENT, LAYOUTS

# Libraries only some outputs need: SVG (svgwrite, fontTools.subset), HTML (jinja2), previews
# (pypdfium2), tagged PDF (pikepdf), and the style classes of products not being built.
RENDERING = ("pikepdf", "fontTools.subset", "svgwrite", "jinja2", "pypdfium2")


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh process has imported after running `praatplaat ARGS`."""
    code = ("import json, sys\nfrom generator.cli import main\nsys.argv = ['praatplaat', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_and_check_import_no_renderer():
    for args in (["--help"], ["check", str(CONTENT)]):
        modules = _modules_after(*args)
        assert "generator.cli" in modules
        assert not [m for m in RENDERING + ("PIL", "generator.styles", "generator.build") if m in modules], args


def test_a_cards_build_imports_neither_svg_nor_html_nor_the_other_products_styles(tmp_path):
    modules = _modules_after("build", "cards", "--no-previews", "--content", str(CONTENT), "--layouts", str(LAYOUTS),
                             "--out", str(tmp_path / "out"))
    assert (tmp_path / "out" / "cards-questions-a4.pdf").is_file()
    assert {"pikepdf", "generator.styles.cards"} <= modules  # tagged PDF; its own styles
    unused = ("fontTools.subset", "svgwrite", "jinja2", "pypdfium2", "urllib.request",
              "generator.styles.diagram", "generator.styles.handout")
    assert not [m for m in unused if m in modules]


def _loads(groups, costs):
    return [sum(costs[p.name] for _, p in group) for group in groups]


def test_the_default_costs_put_the_two_heaviest_products_on_different_cores():
    products = list(registry().values())
    assert {p.name for p in products} == set(COSTS)
    costs = _costs({}, products)
    groups = _groups(list(enumerate(products)), 2, costs)
    where = {p.name: g for g, group in enumerate(groups) for _, p in group}
    assert where["poster"] != where["theme-posters"]
    assert sorted(i for group in groups for i, _ in group) == list(range(len(products)))
    loads = _loads(groups, costs)
    assert max(loads) - min(loads) <= min(COSTS.values())


def test_costs_are_the_last_builds_seconds_only_when_every_product_has_them():
    products = list(registry().values())
    timed = {p.name: ProductState("k", "i", seconds=0.1 * (n + 1)) for n, p in enumerate(products)}
    assert _costs(timed, products) == {p.name: timed[p.name].seconds for p in products}
    del timed["cards"]
    assert _costs(timed, products) == {p.name: COSTS[p.name] for p in products}
    # a product timed with 0 s (an older state file) counts as not timed
    assert _costs({**timed, "cards": ProductState("k", "i", seconds=0.0)}, products) == _costs(timed, products)


def test_modules_are_loaded_before_forking_only_when_more_than_one_process_uses_them():
    products = registry()
    split = [[(0, products["poster"]), (1, products["handout"])], [(2, products["theme-posters"]), (3, products["cards"])]]
    shared = set(_shared(split, USES))
    assert {"generator.render.svg", "fontTools.subset", "generator.layout.prose_blocks"} <= shared
    apart = [[(0, products["cards"])], [(1, products["handout"])]]  # no SVG product at all
    assert set(_shared(apart, USES)) == set(USES["cards"]) & set(USES["handout"])
    assert not {"generator.render.svg", "fontTools.subset"} & set(_shared(apart, USES))
    assert _shared([[(0, products["poster"]), (1, products["diagram"])]], USES) == ()  # one process: nothing
