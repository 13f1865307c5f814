"""Where the layouts come from: `--layouts`, a `layouts/` folder beside the content, or the
layouts that ship inside the package (so `praatplaat build` works from any folder)."""

from __future__ import annotations

from pathlib import Path

PACKAGED_LAYOUTS = Path(__file__).resolve().parent / "layouts"


def layouts_folder(content: Path, given: Path | None = None) -> Path:
    """The layouts folder a build uses: the one given, else `<content>/../layouts` when it
    holds layout files, else the package's own."""
    if given is not None:
        return Path(given)
    beside = Path(content).absolute().parent / "layouts"
    if beside.is_dir() and any(beside.glob("*.yaml")):
        return _relative(beside)
    return PACKAGED_LAYOUTS


def _relative(path: Path) -> Path:
    """A path relative to the working folder when it lies inside it (shorter messages)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
