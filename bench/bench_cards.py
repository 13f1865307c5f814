"""Times the question-card deck at 57, 570 and 5,700 cards (generated content) and reports peak memory.

Each deck is built in a fresh process (so peak memory is that deck's own): the default
content's six themes, each with its questions repeated and varied to reach the card count
(question texts are random sentences from the content's own words, 40–340 characters, fixed
seed). Timed per deck: layout (fitting and setting every card, backs), imposition on A4 with
cut marks and backs, and the PDF; the total is the three together (wall clock), and the
process's CPU time for them (less disturbed by other work on the machine), of which layout and PDF,
and the CPU time of the child process that sets half of a big deck (see question_cards.py). Memory: the process's peak
resident set (getrusage, includes the interpreter, ReportLab and the fonts) and, with
--tracemalloc, the peak of Python allocations during the build (slower; run separately).

    .venv/bin/python bench/bench_cards.py [--cards 57 570 5700] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def generated(plaat, cards: int):
    """The default content with `cards` questions spread over its themes (the real questions
    first, then random sentences made of the content's words); no two cards alike."""
    from generator.model import Question, Source

    words = sorted({w for t in plaat.themes for q in t.questions for w in re.findall(r"[\w’'-]+", q.text)})
    rng = random.Random(57)
    themes = list(plaat.themes)
    per = [cards // len(themes) + (1 if i < cards % len(themes) else 0) for i in range(len(themes))]
    out = []
    seen: set[str] = set()
    for theme, count in zip(themes, per):
        questions = []
        for q in theme.questions[:count]:   # a question repeated in the content gets its theme added
            text = q.text if q.text not in seen else f"{q.text.rstrip('?')} ({theme.name})?"
            seen.add(text)
            questions.append(dataclasses.replace(q, text=text))
        while len(questions) < count:
            target = rng.randint(40, 340)
            text, length = [], 0
            while length < target:
                text.append(rng.choice(words))
                length += len(text[-1]) + 1
            sentence = " ".join(text)
            questions.append(Question(len(questions) + 1, sentence[0].upper() + sentence[1:] + "?", Source("bench")))
        out.append(dataclasses.replace(theme, questions=tuple(questions)))
    return dataclasses.replace(plaat, themes=tuple(out))


def run_one(cards: int, trace: bool) -> dict:
    import tracemalloc

    from generator.layout.cards import question_deck
    from generator.layout.common import theme_colours
    from generator.loader import load
    from generator.products import Options
    from generator.products.cards import _gc_paused, office_document
    from generator.render import render_pdf
    from generator.styles import load_style

    plaat = generated(load(ROOT / "content"), cards)
    layout = load_style(ROOT / "layouts", "cards-questions-a4")
    colours = theme_colours(plaat, layout)
    # warm-up outside the timing: fonts parsed, pyphen loaded, ReportLab imported (per process)
    warm = generated(plaat, 6)
    render_pdf(office_document(question_deck(warm, warm.themes_by_level, colours, layout), layout, warm, "x",
                               True)[0])
    if trace:
        tracemalloc.start()
    with _gc_paused():  # as the product's build does
        c0, t0, k0 = time.process_time(), time.perf_counter(), _children_cpu()
        deck = question_deck(plaat, plaat.themes_by_level, colours, layout)
        c1, t1 = time.process_time(), time.perf_counter()
        doc, grid = office_document(deck, layout, plaat, plaat.labels.questions, Options().backs)
        c2, t2 = time.process_time(), time.perf_counter()
        pdf = render_pdf(doc)
        c3, t3, k3 = time.process_time(), time.perf_counter(), _children_cpu()
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"cards": len(deck.cards), "sheets": grid.sheets(len(deck.cards)), "pages": len(doc.pages),
            "size": deck.size, "layout": t1 - t0, "impose": t2 - t1, "pdf": t3 - t2, "total": t3 - t0, "cpu": c3 - c0,
            "layout_cpu": c1 - c0, "pdf_cpu": c3 - c2, "child_cpu": k3 - k0,
            "pdf_mb": len(pdf) / 1e6, "rss_mb": rss_kb / 1024, "traced_mb": traced / 1e6}


def _children_cpu() -> float:
    """CPU seconds of the forked children that have ended (a big deck is set on two cores)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _deck_parts(cards: int):
    from generator.layout.common import theme_colours
    from generator.styles import load_style
    from generator.loader import load

    plaat = generated(load(ROOT / "content"), cards)
    layout = load_style(ROOT / "layouts", "cards-questions-a4")
    return plaat, layout, theme_colours(plaat, layout)


def cold_deck(cards: int, out: Path) -> None:
    """All the work of one question deck in this fresh process, as bench/compare.py times it
    against Typst: imports, content, fitting and setting every card, imposition, PDF, file."""
    from generator.layout.cards import question_deck
    from generator.products.cards import office_document
    from generator.render import render_pdf

    plaat, layout, colours = _deck_parts(cards)
    deck = question_deck(plaat, plaat.themes_by_level, colours, layout)
    doc, _ = office_document(deck, layout, plaat, plaat.labels.questions, True)
    out.write_bytes(render_pdf(doc))


def dump_deck(cards: int, out: Path) -> None:
    """The same deck's texts and colours as JSON, for the Typst and plain-ReportLab versions."""
    from generator.layout.cards import question_deck

    plaat, layout, colours = _deck_parts(cards)
    size = question_deck(plaat, plaat.themes_by_level, colours, layout).size
    rows = [{"theme": t.name, "colour": colours[t.id], "number": q.number, "text": q.text}
            for t in plaat.themes_by_level for q in t.questions]
    assert len({r["text"] for r in rows}) == len(rows) == cards, "every card's text must be distinct"
    data = {"lang": plaat.meta.language, "title": plaat.meta.title, "label": plaat.labels.theme, "size": size,
            "cards": rows}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, nargs="+", default=[57, 570, 5700])
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cold", nargs=2, metavar=("CARDS", "PDF"), help=argparse.SUPPRESS)
    parser.add_argument("--dump", nargs=2, metavar=("CARDS", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold:
        cold_deck(int(args.cold[0]), Path(args.cold[1]))
        return
    if args.dump:
        dump_deck(int(args.dump[0]), Path(args.dump[1]))
        return
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.tracemalloc)))
        return
    traced = " traced MB" if args.tracemalloc else ""
    print(f"{'cards':>6} {'sheets':>6} {'pages':>6} {'pt':>5} {'layout s':>9} {'impose s':>9} {'pdf s':>7} "
          f"{'total s':>8} {'cpu s':>6} {'layout cpu':>10} {'pdf cpu':>8} {'child cpu':>9} {'µs/card':>8} {'PDF MB':>7} "
          f"{'peak RSS MB':>12}{traced}")
    for n in args.cards:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--tracemalloc"] if args.tracemalloc else [])
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        line = (f"{r['cards']:>6} {r['sheets']:>6} {r['pages']:>6} {r['size']:>5g} {r['layout']:>9.3f} "
                f"{r['impose']:>9.3f} {r['pdf']:>7.3f} {r['total']:>8.3f} {r['cpu']:>6.2f} {r['layout_cpu']:>10.2f} "
                f"{r['pdf_cpu']:>8.2f} {r['child_cpu']:>9.2f} "
                f"{r['total'] / r['cards'] * 1e6:>8.0f} {r['pdf_mb']:>7.2f} {r['rss_mb']:>12.1f}")
        print(line + (f" {r['traced_mb']:>9.1f}" if args.tracemalloc else ""))


if __name__ == "__main__":
    main()
