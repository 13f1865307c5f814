"""Fonts: names resolve to the TTF files pip installed; metrics are ReportLab's, cached."""

from __future__ import annotations

import pytest

from generator.errors import ConfigError
from generator.text import fonts
from generator.text.fonts import available_fonts, font_dirs, font_face, metrics, register

HOUSE = ("SourceSansPro-Regular", "SourceSansPro-Semibold", "SourceSansPro-It", "SourceSansPro-Bold")


@pytest.mark.parametrize("name", HOUSE + ("Vera", "VeraBd"))
def test_font_face_resolves_to_a_ttf_in_a_package_dir(name):
    face = font_face(name)
    assert face.name == name
    assert face.path.suffix == ".ttf" and face.path.stem == name
    assert face.path.is_file()
    assert face.path.parent in font_dirs()


def test_font_dirs_are_the_two_pip_packages():
    names = [(d.parent.name, d.name) for d in font_dirs()]
    assert names == [("font_source_sans_pro", "files"), ("reportlab", "fonts")]


@pytest.mark.parametrize("name", ["Helvetica", "SourceSansPro-Regular.ttf", "SourceSansPro-Black.otf",
                                  "../fonts/Vera", "", "hb-test", "sourcesanspro-regular"])
def test_unknown_font_is_a_config_error_listing_the_choices(name):
    with pytest.raises(ConfigError) as err:
        font_face(name)
    message = str(err.value)
    assert message.startswith(f"unknown font {name!r} (available: ")
    assert "SourceSansPro-Regular" in message and "Vera" in message


def test_available_fonts_are_ttf_only_and_sorted():
    names = available_fonts()
    assert list(names) == sorted(names)
    assert set(HOUSE) <= set(names) and "Vera" in names
    assert "hb-test" not in names  # ReportLab's shaping test font is not offered


def test_metrics_unknown_font_is_a_config_error():
    with pytest.raises(ConfigError):
        metrics("NoSuchFont")


@pytest.mark.parametrize("name", ["SourceSansPro-Regular", "SourceSansPro-Bold", "Vera"])
@pytest.mark.parametrize("text", ["Omgevingswet", "coördinatie “ideeën” – ICT-plan…", "W", " ", "€ 100%"])
def test_width_is_exactly_what_reportlab_measures(name, text):
    from reportlab.pdfbase import pdfmetrics

    register(name)
    for size in (7, 10.5, 96):
        assert metrics(name).width(text, size) == pytest.approx(
            pdfmetrics.stringWidth(text, name, size), rel=1e-12, abs=1e-12)


def test_widths_scale_linearly_and_add_up():
    m = metrics("SourceSansPro-Regular")
    assert m.width("gemeente", 20) == pytest.approx(2 * m.width("gemeente", 10))
    assert m.width("Omgevings" + "dienst", 12) == pytest.approx(m.width("Omgevings", 12) + m.width("dienst", 12))
    assert m.width("", 12) == 0.0
    assert m.width("m", 10) > m.width("i", 10) > 0


def test_different_files_measure_differently():
    text = "Samenwerkingsstructuur"
    regular, bold, italic = (metrics(n).width(text, 10) for n in
                             ("SourceSansPro-Regular", "SourceSansPro-Bold", "SourceSansPro-It"))
    assert bold > regular > italic  # Source Sans Pro: bold wider, italic narrower


def test_metrics_are_cached_per_font_and_per_string():
    m = metrics("SourceSansPro-Regular")
    assert metrics("SourceSansPro-Regular") is m
    word = "kwaliteitsborgingsinstrumentarium"
    first = m.units(word)
    assert m._cache[word] == first
    # a second lookup must be the dict hit, not a re-measurement
    m._cache[word] = first + 1.0
    try:
        assert m.units(word) == first + 1.0
    finally:
        m._cache[word] = first


def test_vertical_metrics_of_source_sans_pro():
    m = metrics("SourceSansPro-Regular")
    assert m.ascent(10) == pytest.approx(7.5)
    assert m.descent(10) == pytest.approx(2.5)  # positive: below the baseline
    assert m.cap_height(10) == pytest.approx(6.6)
    assert m.ascent(20) == pytest.approx(2 * m.ascent(10))


def test_missing_reports_characters_without_glyph_once_in_order():
    ssp, vera = metrics("SourceSansPro-Regular"), metrics("Vera")
    dutch = "Coördinatie van ideeën, geïnformeerd: “zo’n” ‘bol’ – ICT—plan… € ¹²³⁴"
    assert ssp.missing(dutch) == ""
    assert ssp.has(dutch)
    assert ssp.missing("a\u2011b\u4e2d\u2011c") == "\u2011\u4e2d"  # non-breaking hyphen, CJK
    assert vera.missing("¹²³⁴⁵") == "⁴⁵"  # Vera has only the Latin-1 superscripts
    assert not vera.has("⁴")
    assert ssp.missing("regel\neen\ttab") == ""


def test_register_is_idempotent_and_registers_the_same_file():
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics

    name = "SourceSansPro-Semibold"
    assert register(name) == name
    registered = pdfmetrics.getFont(name)
    assert register(name) == name
    assert pdfmetrics.getFont(name) is registered  # not replaced
    # whoever registered it first (this module or the PDF renderer), it is the same file
    assert Path(registered.face.filename) == font_face(name).path
    assert pdfmetrics.stringWidth("Samenwerking", name, 11) == pytest.approx(metrics(name).width("Samenwerking", 11), rel=1e-12)


def test_register_in_a_fresh_process_shares_the_measured_font():
    import subprocess
    import sys

    code = ("from reportlab.pdfbase import pdfmetrics; from generator.text.fonts import metrics, register; "
            "register('Vera'); print(pdfmetrics.getFont('Vera') is metrics('Vera').ttfont)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=fonts.Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "True"


def test_reportlab_is_not_imported_by_font_lookup_alone():
    import subprocess
    import sys

    code = ("import sys; from generator.text.fonts import font_face; font_face('Vera'); "
            "print('reportlab.pdfbase.ttfonts' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=fonts.Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False"
