"""Times the bubble-diagram layout (6 themes, the default content, and 20, A3 landscape) and the
overview poster's layout (A0: the diagram, the text blocks and each theme's question count).

"cold" is the first layout in a fresh process (font files parsed, pyphen loaded, names
measured); "warm" is the median of repeated layouts of the same themes in a process that has
everything loaded (fonts, pyphen, shaped words), as in `praatplaat watch`, with the memoised
layout blocks (generator/memo.py) forgotten before each run, so the layout is really done again; "fresh names" clears the name cache each time (new names, fonts and
pyphen already loaded). The poster is timed warm only (the same: its panels and text laid out again). Only layout is timed: no rendering.

    .venv/bin/python bench/bench_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import memo  # noqa: E402
from generator.styles import load_style  # noqa: E402
from generator.layout import names as names_module  # noqa: E402
from generator.layout.common import theme_colours  # noqa: E402
from generator.layout.diagram import diagram_style, layout_diagram  # noqa: E402
from generator.layout.poster import poster  # noqa: E402
from generator.loader import load  # noqa: E402
from generator.model import Question, Source, Theme  # noqa: E402
from generator.units import mm  # noqa: E402

EXTRA = ["Vergunning|verlening", "Toezicht en handhaving", "ICT-beleid", "Digitale weerbaarheid",
         "Participatie", "Omgevingsvisie", "Kwaliteits|criteria", "Data|gedreven werken", "Zorgcoördinatie",
         "Financiën", "Personeel en organisatie", "Communicatie", "Juridische kwaliteit",
         "Informatie|beveiliging"]


def twenty(plaat):
    """The six default themes plus fourteen more, levels 1–20 with some ties."""
    themes = list(plaat.themes)
    for i, label in enumerate(EXTRA):
        questions = tuple(Question(k + 1, "?", Source("bench")) for k in range(5 + i % 9))
        themes.append(Theme(f"extra-{i}", label.replace("|", ""), label, float(7 + i - (i % 4 == 0)), None,
                            questions, Source("bench"), len(themes)))
    return dataclasses.replace(plaat, themes=tuple(themes))


def lay_out(model, layout, style):
    return layout_diagram(model.themes_by_level, theme_colours(model, layout),
                          (model.labels.gradient_start, model.labels.gradient_end),
                          layout, mm(392), mm(230), "landscape", style)


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        memo.clear()  # the layout itself, not the memo's answer
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    layout = load_style(ROOT / "layouts", "diagram")
    style = diagram_style(layout, lang="nl")
    plaat = load(ROOT / "content")
    models = {"6 themes": plaat, "20 themes": twenty(plaat)}
    start = time.perf_counter()
    lay_out(models["6 themes"], layout, style)
    print(f"cold, 6 themes (fonts, pyphen, names): {(time.perf_counter() - start) * 1000:7.1f} ms")
    for label, model in models.items():
        warm = timed(lambda: lay_out(model, layout, style), args.repeat)

        def fresh():
            names_module._options.cache_clear()
            lay_out(model, layout, style)

        fresh_times = timed(fresh, max(5, args.repeat // 5))
        diagram = lay_out(model, layout, style)
        print(f"{label:>9}: warm median {statistics.median(warm):6.1f} ms (max {max(warm):6.1f}), "
              f"fresh names median {statistics.median(fresh_times):6.1f} ms; "
              f"bubbles r = {min(b.r for b in diagram.bubbles) / mm(1):.0f}–"
              f"{max(b.r for b in diagram.bubbles) / mm(1):.0f} mm, names {diagram.name_size:.2f} pt")
    poster_layout = load_style(ROOT / "layouts", "poster")
    for label, model in models.items():
        overview = poster(model, poster_layout, overview=True)
        warm = timed(lambda: poster(model, poster_layout, overview=True), max(5, args.repeat // 5))
        print(f"{label:>9}: overview poster warm median {statistics.median(warm):6.1f} ms "
              f"(max {max(warm):6.1f}); panels at {overview.geometry.question_size:.2f} pt")


if __name__ == "__main__":
    main()
