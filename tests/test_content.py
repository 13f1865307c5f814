"""The default content is the VNG praatplaat word for word: nothing missing, nothing added."""

from __future__ import annotations

import re
from pathlib import Path

from generator.model import Heading, ListBlock, Paragraph, plain

SEED = Path(__file__).parent / "fixtures" / "seed.txt"  # the text of the printed praatplaat (a PDF extraction)

LEVEL_ORDER = ["Bestuur", "Visievorming en doelformulering", "Samenwerkingsstructuur",
               "Taken Omgevingswet", "Bedrijfsvoering", "Infrastructuur informatievoorziening"]
COUNTS = {"Bestuur": 8, "Visievorming en doelformulering": 10, "Samenwerkingsstructuur": 7,
          "Taken Omgevingswet": 9, "Bedrijfsvoering": 13, "Infrastructuur informatievoorziening": 10}


def squash(text: str) -> str:
    """Compare like the seed README says: whitespace and PDF hyphenation do not count."""
    return re.sub(r"[\s\-\u00ad]+", "", text).lower()


def seed_text() -> str:
    """The seed, squashed, with its footnote markers ("doelen1 van") taken out as in content."""
    raw = SEED.read_text(encoding="utf-8")
    return squash(re.sub(r"(?<=[a-zà-ÿ])\d(?=\s)", "", raw))


def pieces(plaat) -> list[tuple[str, str]]:
    """(what, text) for every piece of text in the content, footnote markers removed."""
    out = [("title", plaat.meta.title), ("subtitle", plaat.meta.subtitle)]

    def blocks(where, items):
        for block in items:
            if isinstance(block, (Heading, Paragraph)):
                yield where, "".join(s.text for s in block.spans if s.footnote is None)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    yield where, "".join(s.text for s in item if s.footnote is None)

    out += blocks("intro", plaat.intro)
    r = plaat.reflection
    out += [("reflection title", r.title), ("reflection subtitle", r.subtitle)]
    out += blocks("reflection", r.before)
    for c in r.challenges:
        out.append((f"challenge {c.number}", f"{c.label}: {c.title}"))
        out += blocks(f"challenge {c.number}", c.blocks)
    out += blocks("reflection", r.after)
    out += [(f"footnote {n.number}", plain(n.spans)) for n in plaat.footnotes]
    for theme in plaat.themes:
        out += [(f"{theme.name} {q.number}", q.text) for q in theme.questions]
    return out


def test_six_themes_with_57_questions_in_level_order(plaat):
    assert [t.name for t in plaat.themes_by_level] == LEVEL_ORDER
    assert {t.name: len(t.questions) for t in plaat.themes} == COUNTS
    assert plaat.question_count() == 57
    assert len(plaat.challenges) == 3
    hoe = [b for b in plaat.intro if isinstance(b, ListBlock)]
    assert len(hoe) == 1 and len(hoe[0].items) == 4


def test_every_piece_of_content_is_in_the_seed_in_order(plaat):
    seed = seed_text()
    missing = [(what, text) for what, text in pieces(plaat) if squash(text) not in seed]
    assert not missing, missing
    for theme in plaat.themes:  # questions keep the seed's order within their theme
        position = seed.find(squash(theme.questions[0].text))
        for q in theme.questions[1:]:  # each question comes after the one before it
            position = seed.find(squash(q.text), position + 1)
            assert position >= 0, f"{theme.name} {q.number} is out of order"


def test_nothing_of_the_seed_is_left_out(plaat):
    """Remove every content piece from the seed; only numbers, bubble names and repeats remain."""
    seed = seed_text()
    for _, text in sorted(pieces(plaat), key=lambda p: -len(p[1])):
        seed = seed.replace(squash(text), "|", 1)
    url = squash(plaat.footnotes[0].spans[-1].text)
    leftovers = [part for part in seed.split("|") if part]
    allowed = {squash(t.name) for t in plaat.themes} | {url, "zie:" + url, squash(plaat.meta.title), "•"}
    allowed.add("takenomgevingwet")  # the seed's bubble reads "Taken Omgeving-/wet" (its README: "Taken Omgevingswet")
    unexplained = []
    for part in leftovers:
        rest = re.sub(r"\d+", "", part)
        for name in sorted(allowed, key=len, reverse=True):
            rest = rest.replace(name, "")
        if rest.strip(":"):
            unexplained.append(part)
    assert not unexplained, unexplained


def test_questions_are_single_clean_strings(plaat):
    for theme in plaat.themes:
        for q in theme.questions:
            assert q.text == q.text.strip() and "\n" not in q.text
            assert not re.search(r"\w- \w", q.text.replace("visie- planvorming", "")), q.text  # no PDF hyphen left


def test_check_prints_summary_in_level_order(cli):
    result = cli("check", Path(__file__).parent.parent / "content")
    assert result.code == 0, result.err
    assert "6 themes, 57 questions, 3 challenges" in result.out
    order = [result.out.index(name) for name in LEVEL_ORDER]
    assert order == sorted(order)


def test_lint_shows_the_slips_the_seed_really_has(cli):
    result = cli("lint", Path(__file__).parent.parent / "content")
    assert result.code == 0
    assert "doubled word 'gemeentebestuur bestuur'" in result.out
    assert "question 9 does not end with '?'" in result.out
