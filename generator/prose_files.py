"""intro.md and reflection.md: front matter, footnote definitions (numbered across both files),
the intro's blocks and the reflection's parts (before, the challenges, after)."""

from __future__ import annotations

from generator.fields import Collector as _Collector, blank as _blank
from generator.fields import check_fields as _fields, front_matter as _front_matter, text_field as _text
from generator.model import Block, Challenge, Footnote, Heading, Reflection, Source, plain
from generator.prose import FootnoteTable, ProseProblem, _md, inline_spans, parse_blocks, take_footnote_definitions


def prose_parts(name, text, footnotes: FootnoteTable, defs: list, problems: _Collector):
    """Front matter and body of a prose file, with footnote definitions taken out."""
    parsed = _front_matter(name, text, problems)
    if parsed is None:
        return None
    data, body = parsed
    body, found = take_footnote_definitions(body)
    for label, note, line in found:
        if label in footnotes.numbers:
            problems.add(name, line, f"footnote [^{label}] is defined twice")
            continue
        footnotes.numbers[label] = len(footnotes.numbers) + 1
        defs.append((name, label, note, line))
    return name, data, body


def read_footnotes(defs, footnotes: FootnoteTable, problems: _Collector) -> tuple[Footnote, ...]:
    notes = []
    for name, label, note, line in defs:
        tokens = _md.parse(note)
        inline = next((t for t in tokens if t.type == "inline"), None)
        if inline is None:
            problems.add(name, line, f"footnote [^{label}] is empty")
            continue
        try:
            spans = inline_spans(inline, footnotes)
        except ProseProblem as exc:
            problems.add(name, line, exc.message)
            continue
        notes.append(Footnote(footnotes.numbers[label], spans, Source(name, line)))
    return tuple(notes)


def _blocks(name, body, footnotes, problems: _Collector):
    try:
        return parse_blocks(body, footnotes, name)
    except ProseProblem as exc:
        problems.add(name, exc.line, exc.message)
        return None


def read_intro(parts, footnotes, problems: _Collector) -> tuple[str, tuple[Block, ...]]:
    if parts is None:
        return "", ()
    name, data, body = parts
    _fields(name, data, {"title"}, set(), problems)
    title = _text(name, data, "title", problems) if "title" in data else None
    pairs = _blocks(name, body, footnotes, problems)
    if pairs is None:
        return title or "", ()
    blocks = []
    for tok, block in pairs:
        if block is None:
            problems.add(name, tok.map[0] + 1 if tok.map else None, "'---' (a thematic break) is not used in the intro")
        else:
            blocks.append(block)
    if not blocks:
        problems.add(name, None, "the intro has no text")
    return title or "", tuple(blocks)


def read_reflection(parts, footnotes, problems: _Collector) -> Reflection | None:
    if parts is None:
        return None
    name, data, body = parts
    _fields(name, data, {"title"}, {"subtitle"}, problems)
    title = _text(name, data, "title", problems) if "title" in data else None
    subtitle = _text(name, data, "subtitle", problems, allow_empty=True) if "subtitle" in data else ""
    pairs = _blocks(name, body, footnotes, problems)
    if pairs is None or title is None or subtitle is None:
        return None
    before: list[Block] = []
    after: list[Block] = []
    challenges: list[list] = []  # [heading, blocks]
    section = "before"
    for tok, block in pairs:
        line = tok.map[0] + 1 if tok.map else None
        if block is None:
            if section != "challenges":
                problems.add(name, line, "'---' ends the challenges, but no challenge ('## ') came before it")
            section = "after"
        elif isinstance(block, Heading) and block.level == 2 and section != "after":
            section = "challenges"
            challenges.append([block, []])
        elif section == "before":
            before.append(block)
        elif section == "challenges":
            challenges[-1][1].append(block)
        else:
            after.append(block)
    result = []
    for number, (heading, blocks) in enumerate(challenges, start=1):
        label, _, rest = plain(heading.spans).partition(":")
        label, title_text = (label.strip(), rest.strip()) if rest.strip() else ("", label.strip())
        if not blocks:
            problems.add(name, heading.source.line, f"challenge '{plain(heading.spans)}' has no text")
        if _blank(title_text):
            problems.add(name, heading.source.line, "a challenge heading needs a title: '## Label: TITLE'")
        result.append(Challenge(number, label, title_text, tuple(blocks), heading.source))
    return Reflection(title, subtitle, tuple(before), tuple(result), tuple(after), Source(name, 1))
