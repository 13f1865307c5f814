"""The command line: praatplaat check | lint | build | watch | serve."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import unicodedata
from pathlib import Path

import click

from generator import __version__
from generator.errors import ContentError, PraatplaatError

CONTENT = "content"
OUTPUT = "output"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="praatplaat")
def cli() -> None:
    """Turn praatplaat content into posters, cards, a handout and an HTML edition."""


@cli.command()
@click.argument("content", default=CONTENT, type=click.Path(path_type=Path))
def check(content: Path) -> None:
    """Validate CONTENT (default: content/) and print a summary."""
    from generator.loader import load

    plaat = load(content)
    for note in plaat.notes:
        click.echo(f"warning: {one_line(note)}", err=True)
    total = plaat.question_count()
    click.echo(one_line(f"{content}: {plaat.meta.title}"))
    click.echo(f"{len(plaat.themes)} themes, {total} questions, {len(plaat.challenges)} challenges")
    click.echo("Themes from abstract to concrete:")
    width = max(len(t.name) for t in plaat.themes)
    for theme in plaat.themes_by_level:
        click.echo(one_line(f"  level {theme.level:g}  {theme.name:<{width}}  {len(theme.questions):>2} questions  "
                            f"({theme.source.file})"))


@cli.command()
@click.argument("content", default=CONTENT, type=click.Path(path_type=Path))
def lint(content: Path) -> None:
    """Warn about likely slips in CONTENT (doubled words, missing '?', …). Always exits 0."""
    from generator.lint import lint as find_slips
    from generator.loader import load

    plaat = load(content)
    warnings = [*plaat.notes, *find_slips(plaat)]
    for warning in warnings:
        click.echo(one_line(str(warning)))
    click.echo(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}", err=True)


def _build_options(content, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, previews=True,
                   min_size=None, svg_text="text"):
    from generator.paths import layouts_folder
    from generator.products import Options

    return Options(layouts=layouts_folder(content, layouts), paper=paper, orientation=orientation, crop_marks=crop_marks,
                   cmyk=cmyk, themes=tuple(t.strip() for t in themes.split(",") if t.strip()),
                   backs=not no_backs, previews=previews, min_size=min_size, svg_text=svg_text)


def _product_options(command):
    """The options `build` and `watch` share."""
    for option in reversed([
        click.argument("products", nargs=-1),
        click.option("--content", default=CONTENT, type=click.Path(path_type=Path), show_default=True, help="Content folder."),
        click.option("--out", default=OUTPUT, show_default=True, help="Output folder."),
        click.option("--layouts", default=None, type=click.Path(path_type=Path),
                     help="Layouts folder (default: a layouts/ folder beside the content, else the built-in layouts)."),
        click.option("--paper", default=None, help="Paper size for the poster, theme posters and diagram (A0–A3) or the card sheets (A4, A3)."),
        click.option("--orientation", type=click.Choice(["portrait", "landscape"]), default=None, help="Page orientation."),
        click.option("--crop-marks", is_flag=True, help="Add crop marks outside the bleed."),
        click.option("--pdfx", "--cmyk", "cmyk", is_flag=True,
                     help="PDF/X-4 for print shops: CMYK through the FOGRA39 profile, text in 100 % K (--cmyk: the same)."),
        click.option("--themes", default="", help="Comma-separated theme ids: only these themes on the poster, theme posters and cards."),
        click.option("--no-backs", is_flag=True, help="Cards: no back pages."),
        click.option("--min-size", type=click.FloatRange(min=1, max=400), default=None,
                     help="Posters: smallest question size in points (overrides the layout's minimum)."),
        click.option("--svg-text", type=click.Choice(["text", "outline"]), default="text", show_default=True,
                     help="SVG text as real text with embedded fonts, or as glyph outlines (for print RIPs)."),
    ]):
        command = option(command)
    return command


@cli.command()
@_product_options
@click.option("--previews/--no-previews", default=True, show_default=True,
              help="Also write PNG previews of the PDFs into OUT/previews.")
@click.option("--force", is_flag=True, help="Rebuild every product, even those that are up to date.")
@click.option("--jobs", "-j", default=0, type=click.IntRange(min=0), help="Cores to use (default: all).")
def build(products, content, out, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, min_size, svg_text,
          previews, force, jobs) -> None:
    """Build PRODUCTS (all when none is named) from CONTENT into OUT; skips what is up to date."""
    from generator.build import build as run_build
    from generator.outputs import check_out
    from generator.progress import Status

    out = check_out(out, content)
    options = _build_options(content, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, previews,
                             min_size, svg_text)
    with _terminate_as_interrupt(), Status() as status:
        report = run_build(content, out, tuple(products), options, force=force, jobs=jobs, progress=status,
                           notify=lambda message: click.echo(message, err=True))
    for warning in report.warnings:
        click.echo(f"warning: {one_line(warning)}", err=True)
    for name in report.written:
        click.echo(one_line(f"wrote {out / name}"))
    if report.timings:
        click.echo("built " + ", ".join(f"{name} ({seconds:.2f} s)" for name, seconds in report.timings))
    if report.skipped:
        click.echo(f"up to date: {', '.join(report.skipped)}")
    if not report.written and not report.failed:
        click.echo(f"nothing written: all {len(report.unchanged)} files are up to date")
    for name, reason in report.failed:
        click.echo(f"error: {name}: {one_line(reason)}", err=True)
    click.echo(f"done in {report.seconds:.2f} s" + (f"; {len(report.failed)} failed" if report.failed else ""))
    if report.failed:
        sys.exit(1)


@cli.command()
@_product_options
@click.option("--previews/--no-previews", default=False, show_default=True,
              help="Also write PNG previews on every save (they take about half the time of a rebuild).")
def watch(products, content, out, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, min_size, svg_text,
          previews) -> None:
    """Rebuild PRODUCTS (all when none) whenever a file in CONTENT or LAYOUTS is saved. Ctrl-C stops."""
    from generator.outputs import check_out
    from generator.watch import watch as run_watch

    out = check_out(out, content)
    options = _build_options(content, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, previews,
                             min_size, svg_text)
    run_watch(content, out, tuple(products), options,
              lambda message="", **kw: click.echo(one_line(str(message)), **kw))


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM stops a build as Ctrl-C does: the output folder keeps its old set."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@cli.command()
@_product_options
@click.option("--previews/--no-previews", default=True, show_default=True,
              help="Write PNG previews of the card sheets and handout pages (the page shows them).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (other than loopback: a warning).")
@click.option("--port", default=8000, type=click.IntRange(0, 65535), show_default=True, help="Port (0: any free port).")
def serve(products, content, out, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, min_size, svg_text,
          previews, host, port) -> None:
    """Build, watch and show every product in a local page that updates itself on every save."""
    from generator.serve import serve as run_serve

    options = _build_options(content, layouts, paper, orientation, crop_marks, cmyk, themes, no_backs, previews,
                             min_size, svg_text)
    run_serve(content, out, tuple(products), options, click.echo, host=host, port=port)


def one_line(text: str) -> str:
    """A message as one terminal line: line breaks, control and invisible format characters
    (e.g. a right-to-left override from the content) shown as \\uXXXX."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def main() -> None:
    """Entry point: every known error is one line per problem and exit code 1, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("stopped: the output folder keeps its last complete set", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(f"error: {one_line(str(problem))}", err=True)
        sys.exit(1)
    except PraatplaatError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        sys.exit(1)
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("PRAATPLAAT_DEBUG"):
            raise
        click.echo(f"error: unexpected {type(exc).__name__}: {one_line(str(exc))} (set PRAATPLAAT_DEBUG=1 for details)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
