"""The case endings of each of the region's agglutinative languages, by case, from one data file
(resources/cases_regional.json), so that persons, events and bodies read the same lists."""

from __future__ import annotations

import functools

from .resources import load_json

__all__ = ["endings"]


@functools.cache
def endings(lang: str, *cases: str) -> tuple[str, ...]:
    """The endings of `cases` in `lang`, longest first; none for a language without an entry."""
    entry = load_json("cases_regional.json").get(lang) or {}
    found = {e for case in cases for e in entry.get(case, [])}
    return tuple(sorted(found, key=lambda e: (-len(e), e)))
