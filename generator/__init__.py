"""praatplaat: editable content in, print-ready dialogue material out."""

__version__ = "0.1.0"
