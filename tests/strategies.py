"""Hypothesis strategies that generate whole content folders, for property tests.

    from strategies import contents, write_content, fuzz_settings, assert_clean_failure

`contents()` draws a `Content`: meta fields, labels, intro, reflection and 1–10 themes with
questions, in texts that mix Dutch words with accents and tremas, curly quotes, dashes,
emoji, right-to-left script, zero-width and no-break spaces, Markdown and HTML characters.
`write_content(content, folder)` writes it the way an editor would (front matter, a numbered
list; every ASCII punctuation character escaped with a backslash, as content/README.md
advises), so the loader must give back every text exactly: `Content.questions` are the
expected question texts. `wild_texts()` draws any Unicode at all, for "no traceback" tests;
wrap one in `Raw` to have it written as it is (not escaped, not quoted).

Settings profiles: "ci" (derandomised, few examples, the default) and "fuzz" (many more);
choose with the environment variable HYPOTHESIS_PROFILE (`make fuzz` sets it).
`fuzz_settings(n)` gives settings for a test that should run `n` examples under "ci".
`assert_clean_failure(code, out, err)` checks a failed run: exit 1, one line per problem.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from generator.loader import BREAK_HINT
from generator.model import Labels

# --- settings --------------------------------------------------------------------------------

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
settings.register_profile("ci", derandomize=True, max_examples=10, **_COMMON)
settings.register_profile("fuzz", derandomize=False, max_examples=400, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FACTOR = {"ci": 1, "fuzz": 40}.get(PROFILE, 1)


def fuzz_settings(examples: int, *, slow: bool = False) -> settings:
    """Settings of the chosen profile, for a test that runs `examples` examples under "ci".
    `slow` (seconds per example): under "ci" a failure is reported as found, not shrunk."""
    profile = settings.get_profile(PROFILE if PROFILE in ("ci", "fuzz") else "ci")
    phases = [Phase.explicit, Phase.reuse, Phase.generate] if slow and PROFILE != "fuzz" else profile.phases
    return settings(profile, max_examples=examples * FACTOR, phases=phases)


# --- texts -------------------------------------------------------------------------------------

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
ACCENTED = "éèêëïíóöüçàâñÉÈËÏÖÜĳß"
DUTCH = ("gemeente", "Omgevingsdienst", "samenwerking", "bestuurlijke", "patiënten", "coördinatie",
         "zeeën", "’s-Hertogenbosch", "ICT-plan", "e-mail", "vergunningverlening", "(beleids)vrijheid",
         "organisatie/bedrijfsvoering", "VTH-taken", "Omgevingswet?", "regio’s", "DSO", "2029")
SPECIAL = (
    "“aanhalingstekens”", "‘enkel’", "—", "–", "…", "€ 10", "1½", "°C", "×", "→",
    "🙂", "👩‍👩‍👧", "🇳🇱", "❤️", "مرحبا", "שלום", "中文",
    "zero\u200bwidth", "no\u00a0break", "10\u202f%", "a\u2060b", "\u200e", "\u202e", "\u2066x\u2069",
    "e\u0301", "n\u0303",  # decomposed: the loader stores them NFC
    "<script>alert(1)</script>", "<b>vet</b>", "&amp;", "&lt;", "]]>", "<!--", "-->", "{{x}}",
    "${x}", "%s", "{page}", "\\", "*", "_", "`", "#", "[x](https://example.org)", "[^1]", "|", "a|b",
    "'", '"', "@", "~", "^", "1.", "-", "+", ">",
)


@st.composite
def words(draw, *, long: bool = True) -> str:
    """One word: Dutch, letters and accents, or a special string; no leading/trailing space."""
    kind = draw(st.integers(0, 19))
    if kind <= 7:
        return draw(st.sampled_from(DUTCH))
    if kind <= 12:
        return draw(st.text(LETTERS + ACCENTED, min_size=1, max_size=12))
    if kind <= 18:
        return draw(st.sampled_from(SPECIAL))
    return draw(st.text(LETTERS, min_size=13, max_size=40 if long else 20))  # a long word


def texts(min_words: int = 1, max_words: int = 12, *, long: bool = True):
    """Words joined by single spaces, with something visible in them."""
    return st.lists(words(long=long), min_size=min_words, max_size=max_words).map(" ".join).filter(visible)


def visible(text: str) -> bool:
    return not all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def wild_texts(max_size: int = 80):
    """Any Unicode (controls, format and private-use characters, odd whitespace) except
    surrogates; half of the time only letters, marks, digits, punctuation, symbols and spaces."""
    printable = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
    anything = st.characters(exclude_categories=("Cs",))
    return st.one_of(st.text(printable, max_size=max_size), st.text(anything, max_size=max_size))


# --- content -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    level: float
    questions: tuple[str, ...]
    colour: str | None = None


@dataclass(frozen=True)
class Challenge:
    label: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Content:
    title: str
    subtitle: str
    publisher: str
    credit: str
    authors: tuple[tuple[str, str], ...]
    labels: dict[str, str]
    intro_title: str
    intro: tuple[str, ...]
    steps: tuple[str, ...]  # a bulleted list in the intro
    reflection_title: str
    before: tuple[str, ...]
    challenges: tuple[Challenge, ...]
    after: tuple[str, ...]
    themes: tuple[Theme, ...]
    language: str = "nl"

    @property
    def questions(self) -> list[str]:
        """Every question as the loader must return it."""
        return [expected(q) for t in self.themes for q in t.questions]

    @property
    def names(self) -> list[str]:
        return [expected(t.name) for t in self.themes]


def expected(text: str) -> str:
    """A text as the loader stores it: NFC, ends trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def _field_text(max_words: int):
    return texts(1, max_words, long=False).filter(lambda t: len(t) <= 300)


theme_ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
levels = st.one_of(st.sampled_from([-2, 0, 1, 1, 2, 3, 3.5]),  # ties, negative levels
                   st.floats(-100, 100).map(lambda x: round(x, 3)))  # YAML reads '1e-05' as text
colours = st.one_of(st.none(), st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True))


@st.composite
def themes(draw, max_themes: int = 10, max_questions: int = 12, max_words: int = 40):
    ids = draw(st.lists(theme_ids, min_size=1, max_size=max_themes, unique=True))
    result = []
    for theme_id in ids:
        name = draw(texts(1, 4, long=False).filter(lambda t: len(t) <= 80 and not BREAK_HINT.search(t)))
        questions = draw(st.lists(texts(1, max_words), min_size=1, max_size=max_questions))
        result.append(Theme(theme_id, name, draw(levels), tuple(questions), draw(colours)))
    return tuple(result)


@st.composite
def contents(draw, max_themes: int = 10, max_questions: int = 12, max_words: int = 40):
    """A whole, valid content folder's worth of text."""
    paragraphs = st.lists(texts(1, 60), min_size=1, max_size=3).map(tuple)
    labels = {f.name: draw(_field_text(4)) for f in fields(Labels)}
    labels["page"] = draw(_field_text(2)).replace("{", "").replace("}", "") + " {page}/{pages}"
    challenges = st.builds(Challenge, _field_text(3).filter(lambda t: ":" not in t), _field_text(5), paragraphs)
    return Content(
        title=draw(_field_text(8)), subtitle=draw(st.one_of(st.just(""), _field_text(6))),
        publisher=draw(_field_text(3)), credit=draw(_field_text(14)),
        authors=tuple(draw(st.lists(st.tuples(_field_text(3), st.one_of(st.just(""), _field_text(3))),
                                    max_size=3))),
        labels=labels,
        intro_title=draw(_field_text(4)), intro=draw(paragraphs),
        steps=tuple(draw(st.lists(texts(1, 20), max_size=4))),
        reflection_title=draw(_field_text(6)), before=draw(paragraphs),
        challenges=tuple(draw(st.lists(challenges, min_size=1, max_size=3))),
        after=tuple(draw(st.lists(texts(1, 40), max_size=2))),
        themes=draw(themes(max_themes, max_questions, max_words)),
    )


# --- writing -------------------------------------------------------------------------------------

_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class Raw(str):
    """A text written into a file exactly as it is: not escaped in Markdown, not quoted in YAML."""


def escape_md(text: str) -> str:
    """Markdown for a literal text: a backslash before every ASCII punctuation character,
    except '|' (not Markdown; a break hint in names only)."""
    if isinstance(text, Raw):
        return text
    return "".join("\\" + c if c in _ASCII_PUNCT and c != "|" else c for c in text)


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return text if isinstance(text, Raw) else json.dumps(text, ensure_ascii=False)


def write_content(content: Content, folder: Path) -> Path:
    """Write `content` as a content folder at `folder` (created); returns the folder."""
    md = escape_md
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    _write(folder / "praatplaat.yaml", _meta_yaml(content))
    intro = [md(p) for p in content.intro] + (["\n".join(f"- {md(s)}" for s in content.steps)] if content.steps else [])
    _write(folder / "intro.md", _front({"title": content.intro_title}) + "\n\n".join(intro) + "\n")
    body = [md(p) for p in content.before]
    for c in content.challenges:
        body.append(f"## {md(c.label)}: {md(c.title)}")
        body += [md(p) for p in c.paragraphs]
    if content.after:
        body += ["---"] + [md(p) for p in content.after]
    _write(folder / "reflection.md", _front({"title": content.reflection_title}) + "\n\n".join(body) + "\n")
    for number, theme in enumerate(content.themes, start=1):
        front = {"id": theme.id, "name": theme.name, "level": theme.level}
        if theme.colour:
            front["colour"] = theme.colour
        lines = [f"{i}. {md(q)}" for i, q in enumerate(theme.questions, start=1)]
        _write(folder / "themes" / f"{number:02d}-theme.md", _front(front) + "\n".join(lines) + "\n")
    return folder


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def _front(values: dict) -> str:
    lines = [f"{k}: {yaml_str(v) if isinstance(v, str) else repr(v)}" for k, v in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _meta_yaml(c: Content) -> str:
    lines = [f"language: {c.language}", f"title: {yaml_str(c.title)}", f"publisher: {yaml_str(c.publisher)}",
             f"credit: {yaml_str(c.credit)}"]
    if c.subtitle:
        lines.append(f"subtitle: {yaml_str(c.subtitle)}")
    if c.authors:
        lines.append("authors:")
        for name, affiliation in c.authors:
            lines.append(f"  - name: {yaml_str(name)}")
            if affiliation:
                lines.append(f"    affiliation: {yaml_str(affiliation)}")
    lines.append("labels:")
    lines += [f"  {k}: {yaml_str(v)}" for k, v in c.labels.items()]
    return "\n".join(lines) + "\n"


# --- checks ----------------------------------------------------------------------------------------

ERROR_LINE = re.compile(r"^error: \S[^\n]*?(:\d+)?: \S")


def assert_clean_failure(code: int, out: str, err: str, *, located: bool = True) -> list[str]:
    """Exit 1, every stderr line a one-line error or warning, no traceback; returns the errors.
    `located`: each error names where the problem is ('error: place: message')."""
    assert "Traceback" not in out + err, err
    assert "PRAATPLAAT_DEBUG" not in err, err  # cli.main's last resort: an unexpected exception
    assert code == 1, (code, out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert errors, err
    for line in lines:
        assert line.startswith(("error: ", "warning: ")) or re.match(r"^\d+ warnings?$", line), line
    for line in errors if located else ():
        assert ERROR_LINE.match(line), f"not 'error: file[:line]: message': {line!r}"
    return errors
