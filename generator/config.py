"""Product definitions in layouts/*.yaml, read through generator.styles (mm in files, points inside).

`load_style` gives a product its typed, frozen style; `load_part` the style of a layout another
one borrows sections from (the handout's and the HTML's diagram); `load_layout` the checked,
merged file as a plain dict, only for digests of what a product depends on (generator/build.py).
"""

from generator.styles.read import load_layout, load_part, load_style

__all__ = ["load_layout", "load_part", "load_style"]
