"""Characters the fonts cannot print: a warning that names them and where they are.

A character a TrueType font has no glyph for is drawn as the font's empty box (.notdef), so
every printed text of the content is checked against the fonts the products set it in, and
each place with such characters gets one warning line, e.g.

    themes/01-bestuur.md:7: question 3: the font SourceSansPro-Regular has no glyph for
    '🙂' (U+1F642 SLIGHTLY SMILING FACE); it will print as a blank box

`generator.build` calls `missing_glyphs` with each product layout's fonts and prints the
warnings once per build, before the products' own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields

from generator.model import Block, Inline, ListBlock, Praatplaat, plain

META = "praatplaat.yaml"
NOT_DRAWN = frozenset("|\u00ad\u2028\u2029\f\v")  # break hints and breaking whitespace
SHOWN = 5  # characters named per warning; more are counted


def missing_glyphs(plaat: Praatplaat, fonts: Mapping[str, str]) -> list[str]:
    """One warning per place (field, question, paragraph) whose characters a font cannot print.

    `fonts` maps roles to font names, as `fonts:` in layouts/*.yaml: every text is checked
    against the upright fonts (all roles but 'italic'), emphasised text also against 'italic'.
    """
    from generator.text.fonts import metrics

    roles = sorted(fonts, key=lambda r: (r != "regular", r))  # regular first: it sets most text
    upright = [metrics(fonts[r]) for r in roles if r != "italic"]
    italic = [metrics(fonts["italic"])] if "italic" in fonts else []
    texts = list(printed_texts(plaat))
    every = "".join(set().union(*(text for _, text, _ in texts)))
    lacking = {c for face in upright + italic for c in face.missing(every)} - NOT_DRAWN
    warnings = []
    for where, text, emphasised in texts:
        if lacking.isdisjoint(text):  # the usual case, checked in one pass over all texts
            continue
        for face, chars in _gaps(upright, text) + _gaps(italic, emphasised):
            warnings.append(f"{where}: the font {face.name} has no glyph for {_describe(chars)}")
            break
    return warnings


def _gaps(faces: list, text: str) -> list:
    """(font, characters it lacks) for each font lacking any character of `text` that is drawn."""
    gaps = []
    for face in faces:
        chars = [c for c in face.missing(text) if c not in NOT_DRAWN]
        if chars:
            gaps.append((face, chars))
    return gaps


def _describe(chars: list[str]) -> str:
    names = ", ".join(_char(c) for c in chars[:SHOWN])
    more = f" and {len(chars) - SHOWN} more" if len(chars) > SHOWN else ""
    it = "it" if len(chars) == 1 else "each"
    return f"{names}{more}; {it} will print as a blank box"


def _char(c: str) -> str:
    """'🙂' (U+1F642 SLIGHTLY SMILING FACE); invisible or control characters without the quote."""
    name = unicodedata.name(c, "")
    code = f"U+{ord(c):04X}{' ' + name if name else ''}"
    visible = unicodedata.category(c)[0] not in "CZ"
    return f"{c!r} ({code})" if visible else f"{code}"


def printed_texts(plaat: Praatplaat) -> Iterator[tuple[str, str, str]]:
    """(place, text, its emphasised part) for every text a product may print, in content order."""
    meta = plaat.meta
    for field in ("title", "subtitle", "publisher", "credit"):
        yield f"{META}: {field}", getattr(meta, field), ""
    for author in meta.authors:
        yield f"{META}: author", f"{author.name} {author.affiliation}", ""
    for field in fields(plaat.labels):
        yield f"{META}: label '{field.name}'", getattr(plaat.labels, field.name), ""
    yield "intro.md: title", plaat.intro_title, ""
    yield from _blocks(plaat.intro)
    reflection = plaat.reflection
    yield f"{reflection.source.file}: title", f"{reflection.title} {reflection.subtitle}", ""
    yield from _blocks(reflection.before)
    for challenge in reflection.challenges:
        yield f"{challenge.source}: challenge {challenge.number}", f"{challenge.label} {challenge.title}", ""
        yield from _blocks(challenge.blocks)
    yield from _blocks(reflection.after)
    for theme in plaat.themes:
        yield f"{theme.source.file}: name", theme.label, ""
        for question in theme.questions:
            yield f"{question.source}: question {question.number}", question.text, ""
    for note in plaat.footnotes:
        yield f"{note.source}: footnote {note.number}", plain(note.spans), _emphasised(note.spans)


def _blocks(blocks: Iterable[Block]) -> Iterator[tuple[str, str, str]]:
    for block in blocks:
        runs = block.items if isinstance(block, ListBlock) else (block.spans,)
        yield (str(block.source), " ".join(plain(r) for r in runs),
               " ".join(_emphasised(r) for r in runs))


def _emphasised(spans: Inline) -> str:
    return "".join(s.text for s in spans if s.emphasis and not s.strong)
