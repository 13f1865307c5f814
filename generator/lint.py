"""Warnings about likely slips in the content; the text itself is never changed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Block, Heading, ListBlock, Paragraph, Praatplaat, Source, plain

LONG_QUESTION = 300  # characters
WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)
CURLY = re.compile(r"[‘’“”]")
HINT = re.compile(r"(?<=\S)\|+(?=\S)")  # a manual break hint (generator.text.hyphenate)
STRAIGHT = re.compile(r"(?<!\w)'|'(?!\w)|\"")


@dataclass(frozen=True)
class Warning:
    source: Source
    message: str

    def __str__(self) -> str:
        return f"{self.source}: warning: {self.message}"


def lint(plaat: Praatplaat) -> list[Warning]:
    """All warnings, in content order."""
    texts = list(_texts(plaat))
    uses_curly = any(CURLY.search(t) for _, t in texts)
    warnings: list[Warning] = []
    for source, text in texts:
        warnings.extend(Warning(source, m) for m in _text_slips(text, uses_curly))
    for theme in plaat.themes:
        for q in theme.questions:
            where = f"question {q.number}"
            if not q.text.rstrip().endswith("?"):
                warnings.append(Warning(q.source, f"{where} does not end with '?'"))
            if len(q.text) > LONG_QUESTION:
                warnings.append(Warning(q.source, f"{where} is {len(q.text)} characters long (over {LONG_QUESTION}); long questions are hard to read aloud and set small on cards"))
    return warnings


def _texts(plaat: Praatplaat):
    """(source, text) for every piece of text, in content order."""
    for block in plaat.intro:
        yield from _block_texts(block)
    reflection = plaat.reflection
    for block in reflection.before:
        yield from _block_texts(block)
    for challenge in reflection.challenges:
        yield challenge.source, f"{challenge.label}: {challenge.title}"
        for block in challenge.blocks:
            yield from _block_texts(block)
    for block in reflection.after:
        yield from _block_texts(block)
    for theme in plaat.themes:
        yield theme.source, theme.name
        for q in theme.questions:
            yield q.source, q.text


def _block_texts(block: Block):
    if isinstance(block, (Heading, Paragraph)):
        yield block.source, plain(block.spans)
    elif isinstance(block, ListBlock):
        for item in block.items:
            yield block.source, plain(item)


def _doubled(a: str, b: str) -> bool:
    """'bestuur bestuur', and also 'gemeentebestuur bestuur' (a compound repeated by its tail)."""
    if a.isdigit():
        return False
    return a == b or (len(b) >= 5 and a.endswith(b))


def _text_slips(text: str, uses_curly: bool) -> list[str]:
    slips = []
    words = WORD.findall(text)
    for a, b in zip(words, words[1:]):
        if _doubled(a.lower(), b.lower()):
            slips.append(f"doubled word '{a} {b}'")
    if "  " in text:
        slips.append("double space")
    if uses_curly and STRAIGHT.search(text):
        slips.append("straight quote where the text elsewhere uses curly quotes (‘ ’ “ ”)")
    hint = HINT.search(text)
    if hint:
        slips.append(f"'{text[max(hint.start() - 10, 0):hint.end() + 10].strip()}': '|' between two characters "
                     "marks a line-break point and is not printed; put spaces around it to print it")
    return slips
