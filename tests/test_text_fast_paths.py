"""The text engine's fast paths give exactly what the plain algorithms give: the optimal-fit
breaking (windows found by bisection, stopping once no start can win), shaping a line from its
cached words, a line's styled segments, and the lazily parsed hyphenation patterns (against
pyphen itself). Each is checked against a straightforward reference written here."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pyphen
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.loader import load
from generator.text import metrics
from generator.text.breaking import TextStyle, prepared
from generator.text.finalize import line_segments
from generator.text.hyphenate import HYPHEN
from generator.text.linebreak import OVERFULL, _optimal, _starts, breakable, penalties
from generator.text.patterns import _patterns, pattern_hyphenator
from generator.text.prepare import (EPS, HYPHEN_KINDS, K_AUTO, K_END, K_FORCED, K_FREE, K_MANUAL, K_SPACE, Atoms,
                                    view)
from generator.text.style import Hyphenation

ROOT = Path(__file__).resolve().parent.parent
STYLE = TextStyle(regular="SourceSansPro-Regular", italic="SourceSansPro-It", bold="SourceSansPro-Bold",
                  size=10, leading=1.25, color="#1a1a1a", link_color="#0b5cad")


@pytest.fixture(scope="module")
def content_words() -> list[str]:
    plaat = load(ROOT / "content")
    texts = [q.text for t in plaat.themes for q in t.questions] + [t.name for t in plaat.themes]
    return sorted({w for text in texts for w in text.split()})


# --- optimal fit ---------------------------------------------------------------------------------


def reference_optimal(a: Atoms, limit: float, ok: list[bool], nwords: int,
                      hy: Hyphenation) -> tuple[list[tuple[int, int]], float]:
    """The optimal-fit dynamic programme written plainly: for every line end j, every start
    from the nearest back until the first one from which the line is too wide; ties go to
    the later start; if not even the nearest fits, that one line, as overfull."""
    n = len(a.w)
    starts = [i for i in range(n) if i == 0 or ok[i - 1]]
    best = [math.inf] * (n + 1)
    prev = [0] * (n + 1)
    best[0] = 0.0
    k2 = hy.slack / (limit * limit)
    penalty = penalties(hy)
    for j in range(n):
        if not ok[j]:
            continue
        end = a.prefix[j + 1] - a.space[j] + a.hyph[j]
        candidates = [i for i in starts if i <= j]
        for nth, i in enumerate(reversed(candidates)):
            off = a.prefix[i] - (a.trema[i][1] if a.trema[i] is not None else 0.0)
            if off < end - (limit + EPS):  # too wide from here on back
                if nth == 0 and best[i] < math.inf:
                    best[j + 1], prev[j + 1] = best[i] + OVERFULL + hy.line, i
                break
            if j == n - 1:
                c = best[i] + hy.line
                if nwords >= 3 and i > 0 and a.word[i] == a.word[-1]:
                    c += hy.widow
            else:
                slack = limit - end + off
                c = best[i] + k2 * slack * slack + (penalty[a.kind[j]] + a.extra[j] + hy.line)
                if a.kind[j] in HYPHEN_KINDS and i > 0 and a.kind[i - 1] in HYPHEN_KINDS:
                    c += hy.double
                    pyphen_end = K_AUTO in (a.kind[i - 1], a.kind[j]) and K_FORCED not in (a.kind[i - 1], a.kind[j])
                    if a.word[i] == a.word[j] and sum(a.letters[i:j + 1]) < 3 and pyphen_end:
                        c += hy.short_middle
            if c < best[j + 1]:
                best[j + 1], prev[j + 1] = c, i
    lines = []
    j = n
    while j > 0:
        lines.append((prev[j], j - 1))
        j = prev[j]
    return lines[::-1], best[n]


@st.composite
def paragraphs(draw):
    """Random atoms (small whole-number widths, so that costs often tie), breaks, tremas,
    a width and costs; some negative, where stopping early is not allowed."""
    n = draw(st.integers(1, 40))
    kinds = [draw(st.sampled_from([K_SPACE, K_SPACE, K_FREE, K_MANUAL, K_AUTO, K_AUTO, K_FORCED]))
             for _ in range(n - 1)] + [K_END]
    w = [float(draw(st.integers(1, 30))) for _ in range(n)]
    space = [float(draw(st.integers(2, 4))) if k == K_SPACE else 0.0 for k in kinds]
    hyph = [float(draw(st.integers(0, 4))) if k in HYPHEN_KINDS else 0.0 for k in kinds]
    trema = [None] + [(("x", float(draw(st.integers(-3, 12)))) if draw(st.integers(0, 4)) == 0 else None)
                      for _ in range(n - 1)]
    word, letters = [], []
    for i in range(n):
        word.append(word[-1] + (kinds[i - 1] == K_SPACE) if i else 0)
        letters.append(draw(st.integers(0, 6)))
    extra = [float(draw(st.sampled_from([0, 0, 4, 50]))) for _ in range(n)]
    prefix = [0.0]
    for i in range(n):
        prefix.append(prefix[-1] + w[i] + space[i])
    letters_prefix = [0]
    for count in letters:
        letters_prefix.append(letters_prefix[-1] + count)
    a = Atoms([(("x", None),)] * n, w, kinds, space, [None] * n, hyph, trema, word, list(range(n)), extra,
              letters, prefix, letters_prefix)
    ok = [draw(st.integers(0, 5)) > 0 for _ in range(n - 1)] + [draw(st.integers(0, 9)) > 0]
    limit = float(draw(st.integers(5, 120)))
    hy = Hyphenation(slack=float(draw(st.sampled_from([100, 0, 7, -1]))), line=float(draw(st.sampled_from([10, 0]))),
                     double=float(draw(st.sampled_from([15, 0, -20]))), short_middle=float(draw(st.sampled_from([500, -5]))),
                     widow=float(draw(st.sampled_from([150, 0]))))
    return a, limit, ok, word[-1] + 1, hy


@settings(max_examples=1500, deadline=None)
@given(paragraphs())
def test_optimal_fit_equals_the_plain_dynamic_programme(case):
    a, limit, ok, nwords, hy = case
    assert _optimal(a, limit, ok, nwords, hy) == reference_optimal(a, limit, ok, nwords, hy)
    assert _optimal(a, limit, ok, nwords, hy, _starts(a, ok)) == reference_optimal(a, limit, ok, nwords, hy)


def test_optimal_fit_equals_the_plain_dynamic_programme_on_the_content():
    plaat = load(ROOT / "content")
    hy = Hyphenation()
    checked = 0
    for theme in plaat.themes:
        for q in theme.questions:
            p = prepared(q.text, STYLE)
            for limit in range(2500, 40000, 1500):
                a, long_groups = view(p, float(limit))
                for allow_auto in (False, True):
                    ok = breakable(a, allow_auto, long_groups)
                    assert _optimal(a, limit, ok, p.nwords, hy) == reference_optimal(a, limit, ok, p.nwords, hy)
                    checked += 1
    assert checked > 1000


# --- shaping a line from its words ---------------------------------------------------------------


def reference_shape(font: str, text: str, kern: bool, liga: bool) -> tuple:
    """A line shaped word by word and the words' glyphs joined, a space's between each two."""
    m = metrics(font)
    gids, advances, clusters, plain, offset = [], [], [], True, 0
    for k, word in enumerate(text.split(" ")):
        parts = [(" ", m.shape(" ", kern, liga)), (word, m.shape(word, kern, liga))] if k else \
            [(word, m.shape(word, kern, liga))]
        for part, shaped in parts:
            gids += shaped.gids
            advances += shaped.advances
            clusters += [c + offset for c in shaped.clusters]
            plain = plain and shaped.plain
            offset += len(part)
    return tuple(gids), tuple(advances), tuple(clusters), plain


@pytest.mark.parametrize("font", ["SourceSansPro-Regular", "SourceSansPro-It", "SourceSansPro-Bold", "Vera"])
def test_a_line_shapes_as_its_words_joined(font, content_words):
    rng = random.Random(font)
    words = content_words + ["officiële", "efficiënt", "affiche", "ﬁx", "", "a😀b", "x€y"]
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 9)))
        for kern in (True, False):
            for liga in (True, False):
                assert tuple(metrics(font).shape(text, kern, liga)) == reference_shape(font, text, kern, liga)


# --- a line's segments ---------------------------------------------------------------------------


def reference_segments(a: Atoms, i: int, j: int) -> list[tuple[str, tuple]]:
    """Atom by atom (the first with its trema dropped), spaces between, the inserted hyphen,
    and then every two neighbours in the same style joined."""
    segs = []
    for k in range(i, j + 1):
        atom = list(a.segs[k])
        if k == i and i > 0 and a.trema[i] is not None:
            atom[0] = (a.trema[i][0], atom[0][1])
        segs += atom
        if k < j and a.space_seg[k] is not None:
            segs.append(a.space_seg[k])
    if a.kind[j] in HYPHEN_KINDS:
        segs.append((HYPHEN, segs[-1][1]))
    merged = []
    for text, style in segs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def test_line_segments_equal_the_plain_join():
    from generator.model import Span

    texts = ["De coördinatie van ideeën, beleids|vrijheid en ICT-plannen: een zee-engte?",
             (Span("Een "), Span("nadrukkelijke", emphasis=True), Span(" en "), Span("sterke", strong=True),
              Span("verantwoordelijkheid"), Span("1", footnote=1), Span(" van "),
              Span("de link", href="https://example.org"), Span(" hier.")),
             "Omgevingsdienstverantwoordelijkheidsverdeling"]
    for text in texts:
        p = prepared(text, STYLE)
        for limit in (500.0, 3000.0, math.inf):
            a, _ = view(p, limit)
            for i in range(len(a.w)):
                for j in range(i, len(a.w)):
                    assert line_segments(a, i, j) == reference_segments(a, i, j)


# --- hyphenation patterns ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl_NL", "en_GB", "de_DE"])
def test_patterns_give_pyphens_points(lang, content_words):
    path = pyphen.LANGUAGES[lang]
    rng = random.Random(lang)
    found = _patterns(path)
    keys = [k.strip(".") for k in found._raw] if found is not None else []
    words = [re.sub(r"\W", "", w) for w in content_words] + keys[:3000]
    words += ["".join(rng.choice(keys or ["ab"]) for _ in range(3)) for _ in range(1000)]
    words += [w.upper() for w in words[:300]] + ["", "İstanbul", "ĳsselmeer"]
    for left, right in ((3, 3), (2, 2), (1, 5)):
        ours, theirs = pattern_hyphenator(path, left, right), pyphen.Pyphen(filename=path, left=left, right=right)
        assert [ours.positions(w) for w in words] == [theirs.positions(w) for w in words]


def test_patterns_read_the_dutch_file_themselves():
    """The file the products hyphenate with is the one read fast (not handed to pyphen)."""
    assert _patterns(pyphen.LANGUAGES["nl_NL"]) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeëfghijklmnopqrstuvwxyzïö", min_size=0, max_size=25))
@example("lettergrepen")
def test_patterns_give_pyphens_points_for_any_dutch_word(word):
    path = pyphen.LANGUAGES["nl_NL"]
    assert pattern_hyphenator(path, 3, 3).positions(word) == pyphen.Pyphen(filename=path, left=3, right=3).positions(word)
