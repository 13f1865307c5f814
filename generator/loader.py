"""Reads a content folder into a validated Praatplaat, reporting every problem at once.

This module reads the files safely (sizes, encodings, links); each kind of file has its own
module: meta_file.py (praatplaat.yaml), prose_files.py (intro.md, reflection.md),
theme_files.py (themes/*.md), with fields.py for the checks they share.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from generator.fields import (  # noqa: F401 - the limits are documented in content/README.md
    FORBIDDEN_CHARS, MAX_FIELD_CHARS, MAX_LEVEL, Collector as _Collector,
)
from generator.meta_file import META_FILE, read_meta
from generator.model import Praatplaat
from generator.prose import FootnoteTable
from generator.prose_files import prose_parts, read_footnotes, read_intro, read_reflection
from generator.theme_files import (  # noqa: F401 - the limits are documented in content/README.md
    BREAK_HINT, MAX_NAME_CHARS, MAX_QUESTION_CHARS, MAX_QUESTIONS_PER_THEME, SPACE_HINT, read_themes,
)

# Limits, documented in content/README.md.
MAX_FILE_BYTES = 200_000        # one file; Markdown parsing takes up to ~2 s for this much
MAX_CONTENT_BYTES = 1_000_000   # all content files together
MAX_THEMES = 24
THEME_SUFFIXES = (".md", ".md.txt", ".markdown")  # any case; '.md.txt' is what some editors save

INTRO_FILE = "intro.md"
REFLECTION_FILE = "reflection.md"
THEMES_DIR = "themes"


def load(content_dir: Path | str) -> Praatplaat:
    """Load and validate a content folder; raise ContentError listing every problem."""
    root = Path(content_dir)
    problems = _Collector()
    if not root.is_dir():
        problems.add(str(root), None, "content folder not found")
        problems.fail_if_any()
    meta_text = _read(root, META_FILE, problems)
    intro_text = _read(root, INTRO_FILE, problems)
    reflection_text = _read(root, REFLECTION_FILE, problems)
    notes: list[str] = []
    theme_texts = [(name, _read(root, name, problems)) for name in _theme_files(root, problems, notes)]
    _check_total(root, [meta_text, intro_text, reflection_text, *(t for _, t in theme_texts)], problems)

    footnotes = FootnoteTable()
    defs: list[tuple[str, str, str, int]] = []
    prose = {}
    for name, text in ((INTRO_FILE, intro_text), (REFLECTION_FILE, reflection_text)):
        if text is not None:
            prose[name] = prose_parts(name, text, footnotes, defs, problems)
    meta, labels = read_meta(meta_text, problems) if meta_text is not None else (None, None)
    footnote_list = read_footnotes(defs, footnotes, problems)
    intro_title, intro = read_intro(prose.get(INTRO_FILE), footnotes, problems)
    reflection = read_reflection(prose.get(REFLECTION_FILE), footnotes, problems)
    themes = read_themes(theme_texts, problems)
    problems.fail_if_any()
    return Praatplaat(meta, labels, intro_title, intro, reflection, themes, footnote_list, tuple(notes))


# --- files -----------------------------------------------------------------------------


def _theme_files(root: Path, problems: _Collector, notes: list[str]) -> list[str]:
    folder = root / THEMES_DIR
    if not folder.is_dir():
        problems.add(f"{root.name}/{THEMES_DIR}", None, "folder of theme files not found")
        return []
    names = []
    for path in sorted(folder.iterdir()):
        name = path.name
        # hidden files and backups are editors' and file systems' (".#x.md", "._x.md", "x.md~")
        if name.startswith(".") or name.endswith("~"):
            continue
        if not _utf8(name):
            shown = os.fsencode(name).decode("utf-8", "backslashreplace")
            problems.add(f"{THEMES_DIR}/{shown}", None, "the file name is not UTF-8 text; rename the file")
        elif name.lower().endswith(THEME_SUFFIXES):
            names.append(name)
        else:
            notes.append(f"{THEMES_DIR}/{name}: not read (theme files end in .md)")
    if not names:
        problems.add(f"{THEMES_DIR}/", None, "no theme files (*.md) found")
    if len(names) > MAX_THEMES:
        problems.add(f"{THEMES_DIR}/", None, f"{len(names)} themes; at most {MAX_THEMES} are supported")
        names = names[:MAX_THEMES]
    return [f"{THEMES_DIR}/{n}" for n in names]


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes come as surrogates
        return False
    return True


def _check_total(root: Path, texts: list[str | None], problems: _Collector) -> None:
    """Stop before parsing when the files together are larger than MAX_CONTENT_BYTES."""
    total = sum(len(t.encode("utf-8")) for t in texts if t)
    if total > MAX_CONTENT_BYTES:
        problems.add(root.name or str(root), None,
                     f"the content files hold {total:,} bytes together; at most {MAX_CONTENT_BYTES:,} are allowed")
        problems.fail_if_any()


def _read(root: Path, name: str, problems: _Collector) -> str | None:
    """Read a content file as UTF-8 text, refusing anything unsafe; None after a problem."""
    path = root / name
    if not path.exists() and not path.is_symlink():
        problems.add(name, None, "file not found")
        return None
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            problems.add(name, None, "links to a file outside the content folder; copy the file in instead")
            return None
        if not real.is_file():
            problems.add(name, None, "is not a regular file")
            return None
        size = real.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.add(name, None, f"file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are allowed")
            return None
        data = real.read_bytes()
    except RuntimeError:  # Python 3.11 reports a symlink loop so
        problems.add(name, None, "is a link that leads back to itself; put the file itself here")
        return None
    except FileNotFoundError:
        problems.add(name, None, "is a link to a file that does not exist")
        return None
    except OSError as exc:
        problems.add(name, None, f"cannot be read: {exc.strerror or exc}")
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.add(name, None, "is UTF-16 text; save it as UTF-8")
        return None
    if b"\x00" in data:
        problems.add(name, None, "is a binary file, not text")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(name, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8")
        return None
    text = unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        problems.add(name, line, f"contains the control character U+{ord(bad.group()):04X}; remove it")
        return None
    return text
