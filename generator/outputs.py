"""The output folder as one transaction: a build's files all switch in at once, or none do.

Layout of an output folder `out/` (see docs/builds.md):

    out/.praatplaat/lock          fcntl lock: one build at a time writes here
    out/.praatplaat/current  ->  g7    one symlink; renaming a new one over it is the switch
    out/.praatplaat/g7/…          every file of the current generation (build.json and state too)
    out/poster-a0.pdf  ->  .praatplaat/current/poster-a0.pdf    the paths people open

A build writes its complete set into a new generation folder (unchanged files are hard links,
so their bytes and times stay), adds links for new names, then renames one symlink: before
that rename every path shows the old set, after it the new set. Then links for files the build
no longer makes are removed (only names the last manifest listed), and the old generation.
A build stopped at any point (Ctrl-C, SIGTERM, kill -9, full disk) leaves the old set; the next
start removes what it left (a half-made generation, dangling links, temporary files).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
from pathlib import Path
from typing import Callable

from generator.errors import PraatplaatError

CONTROL = ".praatplaat"
CURRENT = "current"
LOCK = "lock"
_GENERATION = re.compile(r"^g(\d+)$")
_LINK_TEMP = re.compile(r"^\.(.+)\.praatplaat-link$")  # see OutputFolder._link
_LEGACY_TEMP = re.compile(r"^\.(.+)\.[A-Za-z0-9_]{8}\.tmp$")  # write_atomic's temp files before this module

_OWN_NAMES = {"build.json", ".praatplaat-state.json"}

Notify = Callable[[str], None]


def os_problem(path: Path | str, exc: OSError) -> PraatplaatError:
    """One line naming the path and the cause of a failed file operation."""
    causes = {
        errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only", errno.ENAMETOOLONG: "the path is too long",
        errno.EACCES: "permission denied", errno.EPERM: "the operation is not permitted (an immutable file?)",
        errno.EISDIR: "it is a folder", errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EEXIST: "something else is already there",
    }
    cause = causes.get(exc.errno, exc.strerror or str(exc))
    return PraatplaatError(f"cannot write {path}: {cause}")


def check_out(out_text: str, content: Path) -> Path:
    """The output folder from the command line; a one-line error for one that cannot be used."""
    if not out_text.strip():
        raise PraatplaatError("--out is empty: name an output folder, e.g. --out output")
    out = Path(out_text)
    if out.exists() and not out.is_dir():
        raise PraatplaatError(f"--out {out}: is a file, not a folder")
    real_out, real_content = out.resolve(), content.resolve()
    if real_out == real_content or real_out.is_relative_to(real_content):
        raise PraatplaatError(f"--out {out}: is inside the content folder {content}; choose a folder outside it")
    return out


def _write_file(path: Path, data: bytes) -> None:
    """Write a new file and flush it to disk (tests replace this to inject faults)."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class OutputFolder:
    """Locked access to an output folder: read the current set, commit a new one at once."""

    def __init__(self, out: Path, notify: Notify | None = None) -> None:
        self.out = Path(out)
        self.control = self.out / CONTROL
        self.notify = notify
        self._lock_fd: int | None = None

    def exists(self) -> bool:
        """True when the output folder is there; a path that cannot even be looked at is an error."""
        try:
            return self.out.is_dir()
        except OSError as exc:
            raise os_problem(self.out, exc) from None

    # --- locking and recovery -------------------------------------------------------------

    def lock(self) -> None:
        """Take the folder's lock (waiting, with a message, while another build holds it); recover."""
        if self._lock_fd is not None:
            return
        try:
            self.control.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.control / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise os_problem(self.control, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if self.notify:
                self.notify(f"waiting for another build into {self.out} to finish")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        self._lock_fd = fd
        self.recover()

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    def __enter__(self) -> OutputFolder:
        return self

    def __exit__(self, *exc) -> None:
        self.unlock()

    def recover(self, legacy: set[str] = frozenset()) -> None:
        """Remove what an interrupted build left: other generations, the switch's temporary
        link, dangling links into the control folder, links half put in place, and old-style
        temporary files."""
        keep = self._current_name()
        if self.control.is_dir():
            for entry in self.control.iterdir():
                if entry.name == f"{CURRENT}.new" or (_GENERATION.match(entry.name) and entry.name != keep):
                    _remove(entry)
        for here, dirs, files in self._walk():
            for name in files + dirs:
                path = here / name
                if path.is_symlink() and self._ours(path) and not path.exists():
                    path.unlink(missing_ok=True)
            for name in files:
                link = _LINK_TEMP.match(name)
                if link and (here / name).is_symlink() and \
                        os.readlink(here / name) == self._link_target((here / link.group(1)).relative_to(self.out).as_posix()):
                    (here / name).unlink(missing_ok=True)  # a link being put in place when a build stopped
                temp = _LEGACY_TEMP.match(name)
                made = here / temp.group(1) if temp else None
                if made and (self._made_here(made) or made.relative_to(self.out).as_posix() in legacy) \
                        and not (here / name).is_symlink():
                    (here / name).unlink(missing_ok=True)

    def _walk(self):
        """(folder, subfolders, files) of the output folder, without hidden folders (the
        control folder, and e.g. .git or .venv when the output folder is a project's root)."""
        for folder, dirs, files in os.walk(self.out):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            yield Path(folder), dirs, files

    def _made_here(self, path: Path) -> bool:
        """True for a file this tool made: one of its links, or build.json's neighbours' names."""
        return (path.is_symlink() and self._ours(path)) or path.name in _OWN_NAMES

    # --- reading ----------------------------------------------------------------------------

    def _current_name(self) -> str | None:
        try:
            target = os.readlink(self.control / CURRENT)
        except OSError:
            return None
        return target if _GENERATION.match(target) else None

    def current(self) -> Path | None:
        """The folder of the current generation, if there is one."""
        name = self._current_name()
        return self.control / name if name and (self.control / name).is_dir() else None

    def read(self, name: str) -> bytes | None:
        """A file of the current set (from its generation, or a file of an older praatplaat)."""
        base = self.current()
        path = (base / name) if base else (self.out / name)
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError:
            return None

    def _link_target(self, name: str) -> str:
        depth = len(Path(name).parts) - 1
        return "/".join([".."] * depth + [CONTROL, CURRENT, name])

    def _ours(self, path: Path) -> bool:
        """True for a link this module made: it points into the control folder's `current`."""
        try:
            target = os.readlink(path)
        except OSError:
            return False
        rel = path.relative_to(self.out).as_posix()
        return target == self._link_target(rel)

    # --- committing -------------------------------------------------------------------------

    def commit(self, public: dict[str, bytes], private: dict[str, bytes],
               legacy: set[str] = frozenset()) -> tuple[list[str], list[str]]:
        """Make `public` (name -> bytes, linked where people open them) and `private` (kept in
        the generation only, e.g. the state file) the folder's whole set at once. Names the
        folder showed before and the new set lacks are removed: this module's links, and the
        `legacy` names (files an older praatplaat wrote in place). Returns (written, unchanged)."""
        self.lock()
        for name in sorted(public):
            self._check_free(name)
        old = self.current()
        files = {**private, **public}
        previous = self._shown() | set(legacy)
        if old is not None and self._same(old, files):  # nothing new: at most a link to put back
            missing = [n for n in sorted(public) if not ((self.out / n).is_symlink() and self._ours(self.out / n))]
            for name in missing:
                self._link(name)
            self._tidy(public, previous, None)
            self.recover(legacy)
            return missing, [n for n in sorted(public) if n not in missing]
        numbers = [int(m.group(1)) for e in self.control.iterdir() if (m := _GENERATION.match(e.name))]
        stage = self.control / f"g{max(numbers, default=0) + 1}"
        written, unchanged = [], []
        try:
            for name in sorted(files):
                if self._stage_one(stage, old, name, files[name]):
                    written.append(name)
                else:
                    unchanged.append(name)
            for folder in sorted({(stage / n).parent for n in files} | {stage}, key=lambda p: -len(p.parts)):
                _fsync_dir(folder)
            # A file that is not one of our links (an older praatplaat's, or one a user put
            # there) is replaced only after the switch: until then the folder shows it as it was.
            occupied = {n for n in public if self._occupied(n)}
            for name in sorted(public.keys() - occupied):
                self._link(name)
            self._switch(stage.name)
        except OSError as exc:
            self._undo()
            raise os_problem(getattr(exc, "filename", None) or self.out, exc) from None
        except BaseException:
            self._undo()
            raise
        for name in sorted(occupied):  # each one atomically; a stop here is finished by the next build
            self._link(name)
        self._tidy(public, previous, old)
        self.recover(legacy)  # temporary files an older praatplaat left beside its files
        return [n for n in written if n in public], [n for n in unchanged if n in public]

    def _shown(self) -> set[str]:
        """Names of this module's links in the folder (the last build's public files)."""
        names = set()
        for here, dirs, files in self._walk():
            for name in files + dirs:
                if (here / name).is_symlink() and self._ours(here / name):
                    names.add((here / name).relative_to(self.out).as_posix())
        return names

    def _same(self, generation: Path, files: dict[str, bytes]) -> bool:
        """True when the generation holds exactly these files with these bytes."""
        held = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()}
        if held != set(files):
            return False
        try:
            return all((generation / n).read_bytes() == data for n, data in files.items())
        except OSError:
            return False

    def _undo(self) -> None:
        """Before the switch: remove the half-made generation and links that lead nowhere."""
        try:
            self.recover()
        except OSError:
            pass  # the next start tries again

    def _check_free(self, name: str) -> None:
        """Refuse, before anything changes, a path that is a folder, lies under a file, or lies
        under a link to a folder (writing through it could leave the output folder)."""
        path = self.out
        for part in Path(name).parts[:-1]:
            path = path / part
            if path.is_symlink():
                raise PraatplaatError(f"cannot write {self.out / name}: {path} is a link to a folder, which "
                                      f"would take the output out of {self.out}; replace it with a folder")
            if path.exists() and not path.is_dir():
                raise PraatplaatError(f"cannot write {self.out / name}: {path} is a file, not a folder; move it away")
        path = self.out / name
        if path.is_dir() and not path.is_symlink():
            raise PraatplaatError(f"cannot write {path}: it is a folder; move it away")

    def _stage_one(self, stage: Path, old: Path | None, name: str, data: bytes) -> bool:
        """Put one file into the new generation; a hard link when its bytes did not change."""
        target = stage / name
        target.parent.mkdir(parents=True, exist_ok=True)
        before = old / name if old else None
        try:
            if before is not None and before.stat().st_size == len(data) and before.read_bytes() == data:
                try:
                    os.link(before, target)
                except OSError:
                    shutil.copy2(before, target)
                shown = self.out / name
                return not (shown.is_symlink() and self._ours(shown))  # a deleted link comes back
        except FileNotFoundError:
            pass
        _write_file(target, data)
        return True

    def _occupied(self, name: str) -> bool:
        """True when something other than our link stands where the link `name` goes."""
        path = self.out / name
        return (path.is_symlink() or path.exists()) and not (path.is_symlink() and self._ours(path))

    def _link(self, name: str) -> None:
        """The path people open: a link through `current` (dangling until the switch if new)."""
        path = self.out / name
        if path.is_symlink() and self._ours(path):
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.parent / f".{path.name}.praatplaat-link"
        temp.unlink(missing_ok=True)
        os.symlink(self._link_target(name), temp)
        try:
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def _switch(self, generation: str) -> None:
        """The one atomic step: `current` now names the new generation."""
        temp = self.control / f"{CURRENT}.new"
        temp.unlink(missing_ok=True)
        os.symlink(generation, temp)
        os.replace(temp, self.control / CURRENT)
        _fsync_dir(self.control)

    def _tidy(self, public: dict[str, bytes], previous: set[str], old: Path | None) -> None:
        """After the switch: links and files of names no longer made, the old generation."""
        for name in sorted(previous - public.keys()):
            path = self.out / name
            try:
                if path.is_symlink() and self._ours(path):
                    path.unlink()
                elif path.is_file() and not path.is_symlink():
                    path.unlink()  # a file an older praatplaat wrote in place (a legacy name)
                else:
                    continue
                parent = path.parent
                while parent != self.out and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
            except OSError:
                pass  # harmless: the next start removes dangling links
        if old is not None:
            _remove(old)


def _remove(path: Path) -> None:
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    except OSError:
        pass
