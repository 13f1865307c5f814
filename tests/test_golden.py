"""Golden images: every product on the default content and on every fixture praatplaat, rendered
to PNG and compared with the references in tests/golden/<fixture>/<file>-<page>.png.

`make golden` (this file run as a script) writes the references; look at them before committing.
A visible difference fails the test and writes the new render and a diff image to
output/golden-diff/<fixture>/, named in the failure message. See docs/testing.md.

Every product builds on every fixture (a product that fails fails its case, with its error).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DIFFS = ROOT / "output" / "golden-diff"
LAYOUTS = ROOT / "layouts"

FIXTURES: dict[str, Path] = {
    "default": ROOT / "content",
    "nine-themes-en": ROOT / "tests" / "fixtures" / "nine-themes-en",
    "three-themes-small": ROOT / "tests" / "fixtures" / "three-themes-small",
    "fourteen-themes": ROOT / "tests" / "fixtures" / "fourteen-themes",
}

def _products() -> tuple[str, ...]:
    from generator.products import registry

    return tuple(registry())


PRODUCTS = _products()   # every product the tool has: a new one needs its references (`make golden`)

# (fixture, product) -> text the one-line error must contain. Everything else must build.
LONG_SIDE = 700      # pixels on the long side of every reference image
MAX_PAGES = 3        # pages per PDF kept as references (the first ones)
THRESHOLD = 32       # a pixel differs visibly when a channel moves by more than this (of 255) ...
BLUR = 1             # ... after a box blur of this radius on both images (anti-aliasing noise)
MAX_PIXELS = 24      # ... and a page differs visibly when more pixels than this do


@dataclass(frozen=True)
class Built:
    code: int
    err: str
    out: Path


_TMP = Path(tempfile.mkdtemp(prefix="praatplaat-golden-"))
atexit.register(shutil.rmtree, _TMP, True)


@functools.cache
def built(fixture: str, product: str) -> Built:
    """Build one product of one fixture with the CLI (in this process, once per session)."""
    from generator.cli import main

    out = _TMP / fixture / product
    argv = ["praatplaat", "build", product, "--content", str(FIXTURES[fixture]), "--out", str(out),
            "--layouts", str(LAYOUTS), "--no-previews", "--force", "-j", "1"]
    err = io.StringIO()
    saved = sys.argv
    sys.argv = argv
    code = 0
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved
    return Built(code, err.getvalue(), out)


def pdfs(result: Built) -> list[Path]:
    return sorted(result.out.glob("*.pdf"))


def render(pdf: Path) -> list[Image.Image]:
    """The first MAX_PAGES pages, LONG_SIDE pixels on the long side, RGB (pypdfium2)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(MAX_PAGES, len(document))):
            page = document[index]
            scale = LONG_SIDE / max(page.get_size())
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
        return images
    finally:
        document.close()


def reference_path(fixture: str, pdf: Path, page: int) -> Path:
    return GOLDEN / fixture / f"{pdf.stem}-{page + 1}.png"


def visible_difference(reference: Image.Image, new: Image.Image) -> tuple[int, Image.Image]:
    """How many pixels differ visibly, and a mask image (white where they do)."""
    blur = ImageFilter.BoxBlur(BLUR)
    diff = ImageChops.difference(reference.filter(blur), new.filter(blur))
    mask = ImageChops.lighter(ImageChops.lighter(*diff.split()[:2]), diff.split()[2])
    mask = mask.point(lambda v: 255 if v > THRESHOLD else 0)
    return mask.histogram()[255], mask


def diff_image(reference: Image.Image, new: Image.Image, mask: Image.Image) -> Image.Image:
    """The reference, faded, with the new render's differing pixels in red."""
    faded = Image.blend(reference, Image.new("RGB", reference.size, "white"), 0.7)
    return Image.composite(Image.new("RGB", reference.size, (220, 0, 0)), faded, mask)


def save_png(image: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


CASES = [(f, p) for f in FIXTURES for p in PRODUCTS if p != "html"]


@pytest.mark.parametrize("fixture,product", CASES)
def test_product_looks_as_its_references(fixture, product):
    result = built(fixture, product)
    assert result.code == 0, result.err
    rendered = []
    failures = []
    for pdf in pdfs(result):
        for page, new in enumerate(render(pdf)):
            ref_file = reference_path(fixture, pdf, page)
            assert ref_file.exists(), f"no reference {ref_file.relative_to(ROOT)}: run `make golden`"
            rendered.append(ref_file)
            reference = Image.open(ref_file).convert("RGB")
            if reference.size != new.size:
                where = _write_diff(fixture, ref_file.stem, new, None)
                failures.append(f"{ref_file.name}: size {new.size}, reference {reference.size} (see {where})")
                continue
            count, mask = visible_difference(reference, new)
            if count > MAX_PIXELS:
                where = _write_diff(fixture, ref_file.stem, new, diff_image(reference, new, mask))
                failures.append(f"{ref_file.name}: {count} pixels differ visibly (see {where})")
    assert not failures, f"{product} on {fixture}: " + "; ".join(failures)
    assert rendered, f"{product} on {fixture} wrote no PDF"
    stems = {pdf.stem for pdf in pdfs(result)}
    kept = {p for p in (GOLDEN / fixture).glob("*.png") if p.stem.rsplit("-", 1)[0] in stems}
    assert kept == set(rendered), f"references of pages the PDFs no longer have: {sorted(kept - set(rendered))}"


def _write_diff(fixture: str, stem: str, new: Image.Image, diff: Image.Image | None) -> str:
    folder = DIFFS / fixture
    save_png(new, folder / f"{stem}-new.png")
    if diff is not None:
        save_png(diff, folder / f"{stem}-diff.png")
    return str((folder / f"{stem}-diff.png" if diff else folder / f"{stem}-new.png").relative_to(ROOT))


def test_the_comparison_sees_a_moved_word_but_not_a_rerender():
    """The thresholds: the same page twice and a single flipped pixel pass; one word moved by
    1 px and an area one colour step (36 of 255) away fail."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype(_font(), 14)

    def page(dx: int) -> Image.Image:
        image = Image.new("RGB", (400, 560), "white")
        draw = ImageDraw.Draw(image)
        draw.text((40, 40), "Wie beslist over de", font=font, fill="black")
        draw.text((40 + dx, 60), "Omgevingswet?", font=font, fill="black")
        return image

    assert visible_difference(page(0), page(0))[0] == 0
    assert visible_difference(page(0), page(1))[0] > MAX_PIXELS
    speck = page(0)
    speck.putpixel((200, 300), (0, 0, 0))        # one pixel flipped: anti-aliasing noise at most
    assert visible_difference(page(0), speck)[0] == 0
    teal, next_teal = Image.new("RGB", (50, 50), (0, 128, 128)), Image.new("RGB", (50, 50), (0, 164, 128))
    assert visible_difference(teal, next_teal)[0] > MAX_PIXELS   # a colour one ramp step away


def _font() -> str:
    import font_source_sans_pro

    return str(next(Path(font_source_sans_pro.__file__).parent.rglob("SourceSansPro-Regular.ttf")))


def write_references() -> None:
    """Render every product of every fixture into tests/golden/ (replacing what is there)."""
    for fixture in FIXTURES:
        folder = GOLDEN / fixture
        if folder.exists():
            shutil.rmtree(folder)
        for product in PRODUCTS:
            result = built(fixture, product)
            if result.code != 0:
                print(f"{fixture} {product}: FAILS: {result.err.strip()}")
                continue
            for pdf in pdfs(result):
                for page, image in enumerate(render(pdf)):
                    save_png(image, reference_path(fixture, pdf, page))
            print(f"{fixture} {product}: {len(pdfs(result))} PDF(s)")
    total = sum(p.stat().st_size for p in GOLDEN.rglob("*.png"))
    print(f"tests/golden: {len(list(GOLDEN.rglob('*.png')))} images, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    write_references()
