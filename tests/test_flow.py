"""The page-flow engine: rows into pages, never split, with keeps, boxes, footnotes, fillers."""

from __future__ import annotations

import pytest

from generator import scene
from generator.errors import LayoutError
from generator.layout.flow import (
    Anchor, Block, Box, Footnotes, Row, filler_row, frame_row, glued, paginate, spacer, text_rows,
)

W, H = 200.0, 100.0


def row(tag: str, height: float = 10.0, **kw) -> Row:
    return frame_row(scene.Frame(W, height, (scene.Placed(0, 0, scene.Rect(W, height, tag=tag)),)), tag=tag, **kw)


def rows(prefix: str, n: int, height: float = 10.0) -> tuple[Row, ...]:
    return tuple(row(f"{prefix}{i}", height) for i in range(n))


def placed(page) -> list[tuple[str, float, float]]:
    """(tag, top, bottom) of every row group on a page, top to bottom."""
    return [(p.item.tag, p.y, p.y + p.item.frame.height) for p in page.frame.items
            if isinstance(p.item, scene.Group)]


def tags(pages) -> list[list[str]]:
    return [[t for t, _, _ in placed(p)] for p in pages]


def test_rows_fill_pages_in_order_and_never_overflow():
    pages = paginate([Block(rows("r", 25))], W, H)
    assert tags(pages) == [[f"r{i}" for i in range(k, k + 10)] for k in (0, 10)] + [[f"r{i}" for i in range(20, 25)]]
    for page in pages:
        for _, top, bottom in placed(page):
            assert 0 <= top and bottom <= H + 1e-9


def test_space_between_blocks_collapses_and_is_dropped_at_a_page_top():
    blocks = [Block(rows("a", 9)), Block(rows("b", 3), space_before=6, space_after=4), Block(rows("c", 1), space_before=2)]
    pages = paginate(blocks, W, H)
    first = placed(pages[0])
    assert [t for t, _, _ in first] == [f"a{i}" for i in range(9)]  # b0 + 6 space does not fit under a8
    second = placed(pages[1])
    assert second[0] == ("b0", 0.0, 10.0)  # space_before dropped at the top
    assert second[3][0] == "c0" and second[3][1] == pytest.approx(30 + 4)  # max(4, 2), not 4 + 2


def test_keep_with_next_moves_a_heading_to_the_next_page():
    blocks = [Block(rows("a", 9)), Block((row("h"),), keep_with_next=True), Block(rows("p", 3))]
    pages = paginate(blocks, W, H)
    assert tags(pages) == [[f"a{i}" for i in range(9)], ["h", "p0", "p1", "p2"]]


def test_glued_rows_move_together_and_unglued_ones_split():
    blocks = [Block(rows("a", 8)), Block(glued(rows("g", 3)))]
    assert tags(paginate(blocks, W, H))[1] == ["g0", "g1", "g2"]
    blocks = [Block(rows("a", 8)), Block(rows("p", 3))]
    assert tags(paginate(blocks, W, H)) == [[*(f"a{i}" for i in range(8)), "p0", "p1"], ["p2"]]


def test_break_before_starts_a_new_page_except_at_the_top():
    blocks = [Block(rows("a", 2), break_before=True), Block(rows("b", 2), break_before=True)]
    assert tags(paginate(blocks, W, H)) == [["a0", "a1"], ["b0", "b1"]]


def test_a_run_longer_than_a_page_is_split_between_rows():
    pages = paginate([Block(glued(rows("g", 15)))], W, H)
    assert [len(t) for t in tags(pages)] == [10, 5]


def test_a_row_taller_than_a_page_is_an_error_with_the_overflow():
    with pytest.raises(LayoutError, match=r"'huge' is [\d.]+ mm too tall"):
        paginate([Block((row("huge", 130),))], W, H)


def test_box_is_drawn_behind_each_fragment_with_its_padding():
    box = Box(fill="#eeeeee", rule="#333333", rule_width=2, padding=(5, 4, 6, 8))
    pages = paginate([Block(rows("a", 4)), Block(rows("b", 8), box=box, indent=3)], W, H)
    for page in pages:
        rects = [p for p in page.frame.items if isinstance(p.item, scene.Rect) and p.item.tag == "box"]
        assert len(rects) == 1
        rect = rects[0]
        inside = [(top, bottom) for tag, top, bottom in placed(page) if tag.startswith("b")]
        assert rect.y == pytest.approx(inside[0][0] - 5)
        assert rect.y + rect.item.height == pytest.approx(inside[-1][1] + 6)
        assert rect.x == 3 and rect.item.width == W - 3
        assert rect.y + rect.item.height <= H + 1e-9
    xs = {p.x for page in pages for p in page.frame.items if isinstance(p.item, scene.Group)
          and p.item.tag.startswith("b")}
    assert xs == {3 + 8}


def test_footnotes_sit_at_the_bottom_of_the_page_that_refers_to_them():
    note = (row("note1", 12),)
    fn = Footnotes({1: note}, row("sep", 4))
    ref = Row(scene.Frame(W, 10), footnotes=(1,), tag="ref")
    pages = paginate([Block(rows("a", 8)), Block((ref,)), Block(rows("b", 3))], W, H, fn)
    # a0..a7 (80) + ref (10) + note (4 + 12) = 106 > 100: the reference moves on with its note
    assert tags(pages)[0] == [f"a{i}" for i in range(8)]
    second = placed(pages[1])
    assert [t for t, _, _ in second][:4] == ["ref", "b0", "b1", "b2"]
    assert second[-2][0] == "sep" and second[-1] == ("note1", H - 12, H)
    assert pages[1].footnotes == (1,) and pages[0].footnotes == ()


def test_a_referenced_footnote_must_exist():
    ref = Row(scene.Frame(W, 10), footnotes=(7,))
    with pytest.raises(LayoutError, match="footnote 7"):
        paginate([Block((ref,))], W, H, Footnotes({}, row("sep", 4)))


def test_filler_takes_the_rest_of_the_page_or_moves_on():
    heights = []

    def make(width, height):
        heights.append(height)
        return scene.Frame(width, height)

    pages = paginate([Block(rows("a", 3)), Block((filler_row(W, 30, make, tag="notes"),))], W, H)
    assert len(pages) == 1 and heights == [pytest.approx(70)]
    pages = paginate([Block(rows("a", 8)), Block((filler_row(W, 30, make, tag="notes"),))], W, H)
    assert tags(pages) == [[f"a{i}" for i in range(8)], ["notes"]] and heights[-1] == pytest.approx(H)


def test_anchors_report_page_and_position():
    blocks = [Block(rows("a", 9)), Block(glued(rows("b", 2)), anchors=(Anchor("b", "Bee", 1),))]
    pages = paginate(blocks, W, H)
    assert pages[0].marks == ()
    (mark,) = pages[1].marks
    assert (mark.anchor.key, mark.anchor.level, mark.y) == ("b", 1, 0.0)


def test_spacer_is_kept_at_a_page_top():
    pages = paginate([Block(rows("a", 10)), Block((spacer(5), row("b")))], W, H)
    assert placed(pages[1])[1] == ("b", 5.0, 15.0)


def test_text_rows_glue_orphans_and_widows(plaat):
    from generator.styles import load_style
    from generator.layout.common import text_style
    from generator.text.breaking import set_text

    layout = load_style("layouts", "handout")
    para = plaat.reflection.before[1]
    block = set_text(para.spans, 300, text_style(layout, 10, lang="nl"))
    assert len(block.lines) >= 6
    text = text_rows(block, orphans=2, widows=3)
    assert [r.glue for r in text] == [True, False] + [False] * (len(text) - 6) + [False, True, True, False]
    # on any page size, a paragraph leaves ≥ 2 lines at the bottom and carries ≥ 3 to the top
    line = block.line_height
    for lines_free in range(1, len(text) + 2):
        pages = paginate([Block(rows("x", 1, H - lines_free * line)), Block(text)], W, H)
        counts = [sum(1 for g in placed(p) if g[0] != "x0") for p in pages]
        counts = [c for c in counts if c]
        if len(counts) > 1:
            assert counts[0] >= 2 and counts[-1] >= 3, (lines_free, counts)
        assert sum(counts) == len(block.lines)


# --- the block protocol (generator/layout/blocks.py) --------------------------------------------


def _prose_flow(plaat, with_notes: bool = True):
    from generator.layout.blocks import Flow
    from generator.layout.common import text_style
    from generator.layout.prose_blocks import NoteStyle, ProseStyle, footnotes, prose_blocks
    from generator.styles import load_style

    style = load_style("layouts", "handout")
    body = text_style(style, 10, lang="nl")
    st = ProseStyle(body=body, heading=text_style(style, 12, weight="bold", lang="nl"), paragraph_gap=4,
                    heading_before=6, heading_after=2, list_indent=14, bullet=2, bullet_raise=0.33, item_gap=2,
                    accent="#384082")
    notes = NoteStyle(text_style(style, 8, lang="nl"), 10, 2, "#888888", 0.5, 40, 8)
    blocks = plaat.intro + plaat.reflection.before
    return Flow(lambda w: (prose_blocks(blocks, w, st), footnotes(plaat.footnotes, w, notes) if with_notes else None))


def _line_texts(frame, tag_start: str = "") -> list[str]:
    return [it.text for _, _, it in scene.walk(frame)
            if isinstance(it, scene.TextLine) and it.tag.startswith(tag_start)]


def test_a_flow_measures_taller_when_narrower(plaat):
    flow = _prose_flow(plaat)
    wide, narrow = flow.measure(400), flow.measure(250)
    assert narrow > wide > 0
    assert flow.frame().height == pytest.approx(narrow) and flow.frame().width == 250


def test_split_gives_what_fits_and_resumes_where_it_stopped(plaat):
    whole = _prose_flow(plaat, with_notes=False)
    whole.measure(300)
    everything = _line_texts(whole.frame())
    flow = _prose_flow(plaat, with_notes=False)
    total = flow.measure(300)
    seen, rest, count = [], flow, 0
    while rest is not None:
        fits, rest = rest.split(total / 3)
        assert fits is not None and fits.frame().height == pytest.approx(total / 3)
        for p in fits.frame().items:
            assert p.y + p.item.frame.height <= total / 3 + 1e-6  # nothing runs past the part
        seen += _line_texts(fits.frame())
        count += 1
    assert seen == everything and count >= 3  # every line once, in order


def test_a_footnote_goes_to_the_foot_of_the_part_that_refers_to_it(plaat):
    from generator.layout.blocks import parts

    flow = _prose_flow(plaat)
    height = flow.measure(300) / 3
    faces = parts(flow, 300, height)
    with_note = [f for f in faces if _line_texts(f, "footnote:")]
    assert len(with_note) == len({n.number for n in plaat.footnotes}) == 1
    note_top = min(p.y for p in with_note[0].items if isinstance(p.item, scene.Group)
                   and p.item.tag.startswith("footnote"))
    assert note_top > height / 2  # at the foot, under the text
    assert any("¹" in t for t in _line_texts(with_note[0]))  # the reference is on the same part


def test_a_row_taller_than_the_height_does_not_split(plaat):
    from generator.layout.blocks import Fixed

    flow = _prose_flow(plaat)
    flow.measure(300)
    assert flow.split(5.0) == (None, flow)
    picture = Fixed(scene.Frame(10, 50))
    assert picture.split(49) == (None, picture) and picture.split(50) == (picture, None)
