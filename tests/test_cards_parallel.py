"""A big deck is set on two cores (generator/layout/question_cards.py `_fit_shared`, a forked
child through generator/layout/forked.py): the result must be exactly the sequential one,
also when the running deck size drops in the middle of a share, when a text does not fit at
all, and when no child can be started."""

from __future__ import annotations

import random

import pytest

from generator.errors import LayoutError
from generator.layout import forked
from generator.layout import question_cards as qc
from generator.layout.card_parts import card_box, sized
from generator.styles import load_style
from generator.text.breaking import set_text

from conftest import LAYOUTS

WORDS = ("gesprek vraag antwoord samenwerking toekomst leiderschap verantwoordelijkheid organisatie "
         "medewerkers klanten strategie waarde ontwikkeling vertrouwen").split()


@pytest.fixture(scope="module")
def setting():
    style = load_style(LAYOUTS, "cards-questions-a4")
    box = card_box(style)
    return box.inner, qc.question_style(style, "nl")


def texts(count: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 40))]
        out.append((f"question {n}", " ".join(words).capitalize() + f" {n}?"))
    return out


def shared_fitting(monkeypatch) -> tuple[list, list]:
    """Make fit_questions share even a small deck; returns the lists that record where each
    shared fitting handed over to the sequential loop (with the order's length) and each
    child started."""
    monkeypatch.setattr(qc, "PARALLEL_FROM", 2)
    monkeypatch.setattr(qc, "PREFIX", 3)
    monkeypatch.setattr(forked, "available", lambda: True)
    stops, started = [], []
    real_shared, real_start = qc._fit_shared, forked.start

    def shared(order, first, *args):
        stops.append((real_shared(order, first, *args), len(order)))
        return stops[-1][0]

    def start(*args, **kwargs):
        started.append(1)
        return real_start(*args, **kwargs)

    monkeypatch.setattr(qc, "_fit_shared", shared)
    monkeypatch.setattr(forked, "start", start)
    return stops, started


def both(monkeypatch, texts_, width, rooms, st):
    """(sequential result, shared result, where the shared fitting handed over, how many
    children were started)."""
    sequential = qc.fit_questions(texts_, width, rooms, st, jobs=1)
    stops, started = shared_fitting(monkeypatch)
    return sequential, qc.fit_questions(texts_, width, rooms, st), stops, len(started)


def same(a, b) -> None:
    assert a[0] == b[0] and a[2] == b[2]
    assert a[1] == b[1]  # every block equal (lines, runs, sizes)


def test_shared_fitting_gives_the_sequential_result(monkeypatch, setting):
    width, st = setting
    deck = texts(60, 1)
    seq, par, stops, started = both(monkeypatch, deck, width, 250.0, st)
    same(seq, par)
    assert started == 1 and stops == [(60, 60)]  # the child's share was used: no hand-over


def test_a_size_drop_in_a_share_hands_over_to_the_sequential_loop(monkeypatch, setting):
    width, st = setting
    deck = texts(60, 2)
    order = sorted(range(len(deck)), key=lambda i: (-len(deck[i][1]), i))
    rooms = [400.0] * len(deck)
    # the 20th text in setting order fits only a little below the largest size: it lowers the
    # deck size, so every text after it must be set at the lower size, as sequentially
    late = order[20]
    rooms[late] = set_text(deck[late][1], width, sized(st.question, st.question.size - 1.5)).height
    seq, par, stops, started = both(monkeypatch, deck, width, rooms, st)
    same(seq, par)
    assert seq[0] < st.question.size
    assert stops == [(20, 60)]


def test_a_text_that_does_not_fit_fails_as_sequentially(monkeypatch, setting):
    width, st = setting
    deck = texts(40, 3)
    rooms = [300.0] * len(deck)
    rooms[17] = 5.0
    with pytest.raises(LayoutError) as sequential:
        qc.fit_questions(deck, width, rooms, st, jobs=1)
    stops, started = shared_fitting(monkeypatch)
    with pytest.raises(LayoutError) as shared:
        qc.fit_questions(deck, width, rooms, st)
    assert str(shared.value) == str(sequential.value)
    assert started and stops and stops[0][0] < stops[0][1]  # the share stopped at the failing text


def test_without_a_child_this_process_does_both_shares(monkeypatch, setting):
    width, st = setting
    deck = texts(30, 4)
    sequential = qc.fit_questions(deck, width, 250.0, st, jobs=1)
    monkeypatch.setattr(qc, "PARALLEL_FROM", 2)
    monkeypatch.setattr(forked, "available", lambda: True)
    monkeypatch.setattr(forked, "start", lambda *args, **kwargs: None)
    same(sequential, qc.fit_questions(deck, width, 250.0, st))


def test_a_failing_child_gives_none():
    child = forked.start(lambda: 1 / 0)
    assert child is not None and child.result() is None
    assert forked.start(lambda: {"a": [1, 2]}).result() == {"a": [1, 2]}


def test_a_build_on_one_core_forks_no_deck_child(monkeypatch, content_copy, tmp_path):
    """`-j1` means one core for the deck too; by default a second usable core is used."""
    from generator import jobs
    from generator.build import build
    from generator.products import Options

    monkeypatch.setattr(qc, "PARALLEL_FROM", 2)
    monkeypatch.setattr(jobs, "usable_cores", lambda: 2)
    started = []
    real_start = forked.start
    monkeypatch.setattr(forked, "start", lambda *a, **k: started.append(1) or real_start(*a, **k))
    build(content_copy, tmp_path / "one", ("cards",), Options(layouts=LAYOUTS, previews=False), jobs=1)
    assert started == []
    build(content_copy, tmp_path / "two", ("cards",), Options(layouts=LAYOUTS, previews=False), jobs=2)
    assert started
    for pdf in (tmp_path / "one").glob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "two" / pdf.name).read_bytes()
