"""Issue 16's table: praatplaat side by side with Typst (the PyPI `typst` package) and a plain
ReportLab script, as whole processes, interleaved (A B C A B C …), medians of the wall clock,
ratios (the other tool ÷ praatplaat) and each child's peak memory (ru_maxrss from os.wait4).

The same work on each side:
- question deck, 57 and 5,700 cards: the cards-questions-a4 product's question cards (94 × 133 mm,
  4 per A4 sheet with cut marks, fronts then mirrored backs), every card's text distinct
  (bench/bench_cards.py: the default content's questions, then generated ones). praatplaat:
  `bench_cards.py --cold N` (imports, content, fitting and setting every card, imposition, PDF);
  Typst: bench/typst/cards.typ on the same texts at the size praatplaat chose, Dutch
  hyphenation, Source Sans Pro from font-source-sans-pro; the floor: bench/floor_cards.py.
- cold full build: `praatplaat build --force` of every product (without and with the PNG
  previews) against Typst's poster alone (bench/typst/poster.typ, the default content) and the
  ReportLab import floor (imports, fonts and one page).
- one question edited in a warm process, save → files on disk: `praatplaat watch` (bench/run.py
  watch_latency) against Typst compilers kept warm that recompile the poster and the 57-card
  deck after the same kind of edit.

    python bench/compare.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CONTENT, LAYOUTS, PRAATPLAAT, ROOT, machine, timed, watch_latency  # noqa: E402

BENCH = ROOT / "bench"
PY = sys.executable
TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root='/', font_paths=[sys.argv[3]], "
         "ignore_system_fonts=True, sys_inputs={'data': sys.argv[4], 'breaks': sys.argv[5]})")
BIG_ROUNDS = 2   # rounds of the 5,700-card deck (Typst with optimized breaks: one)
TOOLS = ("praatplaat", "Typst", "Typst optimized", "ReportLab")


def font_folder() -> str:
    import font_source_sans_pro

    return str(Path(font_source_sans_pro.__file__).parent / "files")


def typst_command(document: str, data: Path, out: Path, breaks: str = "auto") -> list[str]:
    return [PY, "-c", TYPST, str(BENCH / "typst" / document), str(out), font_folder(), str(data), breaks]


def poster_data(content: Path) -> dict:
    """The default content as the Typst poster reads it."""
    from generator.loader import load
    from generator.model import ListBlock, plain

    plaat = load(content)
    themes = plaat.themes_by_level
    colours = _colours(plaat)
    intro = []
    for block in plaat.intro:
        intro += [plain(i) for i in block.items] if isinstance(block, ListBlock) else [plain(block.spans)]
    return {
        "lang": plaat.meta.language.split("-")[0], "title": plaat.meta.title, "subtitle": plaat.meta.subtitle or "",
        "credit": plaat.meta.credit, "start": plaat.labels.gradient_start, "end": plaat.labels.gradient_end,
        "intro_title": plaat.intro_title, "intro": intro, "challenges_label": plaat.labels.challenges,
        "challenges": [{"label": c.label, "title": c.title} for c in plaat.challenges],
        "themes": [{"name": t.name, "colour": colours.get(t.id, "#3b5b8c"), "questions": [q.text for q in t.questions]}
                   for t in themes],
    }


def _colours(plaat) -> dict[str, str]:
    """The product's own theme colours."""
    from generator.layout.common import theme_colours
    from generator.styles import load_style

    return theme_colours(plaat, load_style(LAYOUTS, "poster"))


def typst_warm(folder: Path, edits: int) -> list[float]:
    """Seconds to recompile the poster and the 57-card deck with warm Typst compilers after one
    question was edited in their data files (both PDFs written)."""
    import typst

    fonts = font_folder()
    poster, deck = folder / "poster.json", folder / "deck-57.json"
    compilers = [(typst.Compiler(str(BENCH / "typst" / doc), root="/", font_paths=[fonts], ignore_system_fonts=True,
                                 sys_inputs={"data": str(data)}), folder / f"warm-{doc}.pdf", data)
                 for doc, data in (("poster.typ", poster), ("cards.typ", deck))]
    for compiler, out, _ in compilers:
        compiler.compile(output=str(out))
    times = []
    for n in range(edits):
        data = json.loads(poster.read_text(encoding="utf-8"))
        data["themes"][0]["questions"][1] = f"Bestaat er naar uw mening ({n}) bestuurlijke urgentie?"
        poster.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        cards = json.loads(deck.read_text(encoding="utf-8"))
        cards["cards"][1]["text"] = f"Bestaat er naar uw mening ({n}) bestuurlijke urgentie?"
        deck.write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
        began = time.perf_counter()
        for compiler, out, _ in compilers:
            compiler.compile(output=str(out))
        times.append(time.perf_counter() - began)
    _assert_edited(compilers[1][1], f"({edits - 1})")
    return times


def _assert_edited(pdf: Path, needle: str) -> None:
    """The warm compiler did read the edited file (else its time would flatter Typst)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        assert needle in document[0].get_textpage().get_text_range(), "the warm Typst compile missed the edit"
    finally:
        document.close()


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def cell(runs: list[tuple[float, float, float]], base: float | None, memory: bool = True) -> str:
    if not runs:
        return ""
    wall = statistics.median(w for w, _, _ in runs)
    text = ms(wall)
    if base:
        text += f" ({wall / base:.2f})"
    if memory:
        text += f", {max(m for _, _, m in runs):.0f} MiB"
    return text


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help=f"interleaved rounds (the 5,700-card deck: at most {BIG_ROUNDS})")
    args = parser.parse_args(argv)
    rounds = max(1, args.rounds)
    results: dict[str, dict[str, list]] = {}
    with tempfile.TemporaryDirectory(prefix="praatplaat-compare-") as tmp:
        tmp = Path(tmp)
        for n in (57, 5700):
            subprocess.run([PY, str(BENCH / "bench_cards.py"), "--dump", str(n), str(tmp / f"deck-{n}.json")],
                           check=True, cwd=ROOT)
        (tmp / "poster.json").write_text(json.dumps(poster_data(CONTENT), ensure_ascii=False), encoding="utf-8")
        cases = {
            "question deck, 57 cards": {
                "praatplaat": lambda o: [PY, str(BENCH / "bench_cards.py"), "--cold", "57", str(o / "p.pdf")],
                "Typst": lambda o: typst_command("cards.typ", tmp / "deck-57.json", o / "t.pdf"),
                "Typst optimized": lambda o: typst_command("cards.typ", tmp / "deck-57.json", o / "t.pdf", "optimized"),
                "ReportLab": lambda o: [PY, str(BENCH / "floor_cards.py"), str(tmp / "deck-57.json"), str(o / "r.pdf")]},
            "question deck, 5,700 cards": {
                "praatplaat": lambda o: [PY, str(BENCH / "bench_cards.py"), "--cold", "5700", str(o / "p.pdf")],
                "Typst": lambda o: typst_command("cards.typ", tmp / "deck-5700.json", o / "t.pdf"),
                "Typst optimized": lambda o: typst_command("cards.typ", tmp / "deck-5700.json", o / "t.pdf", "optimized"),
                "ReportLab": lambda o: [PY, str(BENCH / "floor_cards.py"), str(tmp / "deck-5700.json"),
                                        str(o / "r.pdf")]},
            "cold full build, every product, no previews": {
                "praatplaat": lambda o: [str(PRAATPLAAT), "build", "--force", "--no-previews", "--content", str(CONTENT),
                                         "--layouts", str(LAYOUTS), "--out", str(o / "out")],
                "Typst": lambda o: typst_command("poster.typ", tmp / "poster.json", o / "t.pdf"),
                "ReportLab": lambda o: [PY, str(BENCH / "floor_cards.py"), "--import-only", str(o / "r.pdf")]},
            "same with the PNG previews": {
                "praatplaat": lambda o: [str(PRAATPLAAT), "build", "--force", "--content", str(CONTENT),
                                         "--layouts", str(LAYOUTS), "--out", str(o / "out")]},
        }
        for case in cases:
            results[case] = {tool: [] for tool in cases[case]}
        for r in range(rounds):
            for k, (case, tools) in enumerate(cases.items()):
                if "5,700" in case and r >= BIG_ROUNDS:
                    continue
                for tool, command in tools.items():
                    if "5,700" in case and tool == "Typst optimized" and r:
                        continue    # ≈ 10 s a run: once is enough to show the cost of optimal breaks
                    folder = tmp / f"case{k}-round{r}-{tool}"
                    folder.mkdir()
                    try:
                        results[case][tool].append(timed(command(folder)))
                    except SystemExit as exc:   # report a failed side, keep measuring the others
                        print(f"{case}, {tool}: failed: {str(exc)[:300]}", file=sys.stderr)
            print(f"round {r + 1} of {rounds} done", file=sys.stderr)
        edit_praatplaat = watch_latency(rounds)
        edit_typst = typst_warm(tmp, rounds)
        layout20 = _layout_20()
    print_table(results, edit_praatplaat, edit_typst, layout20)
    return results


def _layout_20() -> tuple[float, float] | None:
    """The warm layout of 20 themes in ms: (the diagram, the overview poster: 20 themes do not
    fit one poster with their questions), from bench_layout.py; None if it failed."""
    run = subprocess.run([PY, str(BENCH / "bench_layout.py"), "--repeat", "30"], capture_output=True, text=True, cwd=ROOT)
    lines = [l for l in run.stdout.splitlines() if l.strip().startswith("20 themes") and "warm median" in l]
    if len(lines) != 2:
        return None
    diagram, overview = (float(l.split("warm median", 1)[1].split("ms", 1)[0]) for l in lines)
    return diagram, overview


def print_table(results, edit_praatplaat, edit_typst, layout20) -> None:
    print(f"\nMachine: {machine()}; whole processes, medians, (ratio = the other tool ÷ praatplaat), peak RSS\n")
    print("| work | praatplaat | Typst | Typst, optimized line breaks | plain ReportLab script |")
    print("|---|---|---|---|---|")
    base = {}
    for case, tools in results.items():
        runs = tools.get("praatplaat", [])
        base[case] = statistics.median(w for w, _, _ in runs) if runs else None
        row = [cell(runs, None)] + [cell(tools.get(t, []), base[case]) for t in TOOLS[1:]]
        print(f"| {case} | " + " | ".join(row) + " |")
    p, t = statistics.median(edit_praatplaat), statistics.median(edit_typst)
    print(f"| one question edited, warm process, save → files on disk | {ms(p)} (watch; max {ms(max(edit_praatplaat))}) "
          f"| {ms(t)} ({t / p:.2f}; poster + 57 cards, compilers kept warm) | | |")
    layout_s = sum(layout20) / 1000 if layout20 else None
    shown20 = (f"{ms(layout_s)} (diagram {layout20[0]:.1f} ms + overview poster {layout20[1]:.1f} ms)"
               if layout20 else "failed")
    print(f"| layout of 20 themes, warm (bench_layout.py) | {shown20} | | | |")
    print("\nTargets (issue 16):")
    full = base.get("cold full build, every product, no previews")
    previews = base.get("same with the PNG previews")
    d57, d5700 = base.get("question deck, 57 cards"), base.get("question deck, 5,700 cards")
    typst57 = _median(results["question deck, 57 cards"].get("Typst"))
    typst5700 = _median(results["question deck, 5,700 cards"].get("Typst"))
    mem = _peak(results["question deck, 5,700 cards"].get("praatplaat")), _peak(results["question deck, 5,700 cards"].get("Typst"))
    checks = [
        ("cold full build without previews ≤ 350 ms", full, full is not None and full <= 0.35),
        ("cold full build with previews ≤ 500 ms", previews, previews is not None and previews <= 0.5),
        ("one question edited: files on disk ≤ 50 ms after the save", p, p <= 0.05),
        ("57 cards ≤ 2.5 × Typst's time", d57 and typst57 and d57 / typst57, bool(d57 and typst57 and d57 <= 2.5 * typst57)),
        ("5,700 cards ≤ 0.7 × Typst's time", d5700 and typst5700 and d5700 / typst5700,
         bool(d5700 and typst5700 and d5700 <= 0.7 * typst5700)),
        ("5,700 cards ≤ 1/4 of Typst's peak memory", mem[0] and mem[1] and mem[0] / mem[1],
         bool(mem[0] and mem[1] and mem[0] <= mem[1] / 4)),
        ("layout of 20 themes (diagram + poster), warm ≤ 30 ms", layout_s, layout_s is not None and layout_s <= 0.03),
    ]
    for name, value, met in checks:
        shown = ms(value) if isinstance(value, float) and "×" not in name and "memory" not in name else (
            f"{value:.2f} ×" if isinstance(value, float) else "–")
        print(f"- {name}: {shown} — {'met' if met else 'not met'}")


def _median(runs) -> float | None:
    return statistics.median(w for w, _, _ in runs) if runs else None


def _peak(runs) -> float | None:
    return max(m for _, _, m in runs) if runs else None


if __name__ == "__main__":
    main()
