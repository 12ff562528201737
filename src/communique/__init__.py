"""Communiqué: facts from official government communications — who met whom, where, when, about
what, and what was signed.

    >>> import communique
    >>> record = communique.extract("12 марта в Москве состоялись переговоры ...", published="2025-03-13")
"""

from . import extract  # noqa: E402  (the subpackage is callable: communique.extract(text, ...))
from .version import __version__

__all__ = ["__version__", "extract"]
