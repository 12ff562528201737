"""The publication date a press release states about itself (date lines, labels, datelines).

Built on ``communique.extract.dates.find_dates``: a line counts when the date it holds is a full day.
"""

from __future__ import annotations

import functools
import re

from .date_grammar import DASHES, EN, RU, alternation
from .dates import DateMention, find_dates

# --------------------------------------------------------------------------------------------
# Publication date
# --------------------------------------------------------------------------------------------

_HEAD_LINES = 8
_TAIL_LINES = 3
_LINE = re.compile(r"[^\n\r]+")
_LABEL = re.compile(
    rf"^\s*(?:{alternation(RU['published_labels'] + EN['published_labels'])})\s*:?\s*", re.IGNORECASE
)
_RESIDUE = re.compile(
    rf"(?:(?<!\w)(?:{alternation(RU['weekdays'] + EN['weekdays'])})\.?(?!\w)|t?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?z?"
    r"|(?<!\w)(?:в|at|utc|gmt|мск|msk)(?!\w)|[\s\W_])"
)
_CITY = re.compile(
    r"^\s*(?:г\.\s*)?[A-ZА-ЯЁ][\w.'’\-]*(?:[ \-](?:[A-ZА-ЯЁ(][\w.'’()\-]*|de|del|da|на|upon|am))*\s*,\s*"
)
_AFTER_DATELINE = re.compile(rf"\s*(?:$|[{DASHES}.:(,/|])")


@functools.lru_cache(maxsize=4096)
def _dates(line: str, lang: str) -> tuple[DateMention, ...]:
    """find_dates(line) once per line: _labeled, _only_date, _dateline, _stamped and _closing each
    read the same line (and a site's header lines recur from one release to the next)."""
    return tuple(find_dates(line, None, lang))


def _full(m: DateMention) -> bool:
    return m.kind == "date" and not m.relative and m.value_start is not None and len(m.value_start) == 10


def _residue_empty(s: str) -> bool:
    return not _RESIDUE.sub("", s.lower())


def _only_date(line: str, lang: str) -> DateMention | None:
    ms = _dates(line, lang)
    if len(ms) != 1 or not _full(ms[0]):
        return None
    m = ms[0]
    return m if _residue_empty(line[: m.start] + " " + line[m.end :]) else None


def _labeled(line: str, lang: str) -> DateMention | None:
    lm = _LABEL.match(line)
    if not lm:
        return None
    rest = line[lm.end() :]
    ms = _dates(rest, lang)
    if not ms or not _full(ms[0]) or not _residue_empty(rest[: ms[0].start]):
        return None
    m, k = ms[0], lm.end()
    return DateMention(m.start + k, m.end + k, m.text, m.value_start, None, m.kind, False)


def _dateline(line: str, lang: str) -> DateMention | None:
    cm = _CITY.match(line)
    if not cm:
        return None
    for m in _dates(line, lang):
        if m.start < cm.end():
            continue
        if m.start != cm.end() or not _full(m) or not _AFTER_DATELINE.match(line, m.end):
            return None
        return m
    return None


_CLOCK_AFTER = re.compile(r"\s*[|,\u2014\u2013-]?\s*\d{1,2}:\d{2}(?!\d)")
_CLOCK_BEFORE = re.compile(r"(?<!\d)\d{1,2}:\d{2}\s*[|,\u2014\u2013-]?\s*$")


def _stamped(line: str, lang: str) -> DateMention | None:
    """A news item's time stamp: a full date beside a clock time ("25.05.2012 17:37 — Политика",
    "Материалы 13 марта 2006 13:43 (UTC +04:00)", "19.09.2022 | 17:10Сегодня ...")."""
    for m in _dates(line, lang):
        if _full(m) and (_CLOCK_AFTER.match(line, m.end) or _clock_before(line, m.start)):
            return m
    return None


def _clock_before(line: str, end: int) -> bool:
    """_CLOCK_BEFORE at `end`, searched from just before the clock could start (blanks, one separator,
    blanks, five characters back): a line of many dates then costs linear time, not quadratic."""
    k = end
    while k > 0 and line[k - 1].isspace():
        k -= 1
    if k > 0 and line[k - 1] in "|,\u2014\u2013-":
        k -= 1
    while k > 0 and line[k - 1].isspace():
        k -= 1
    return _CLOCK_BEFORE.search(line, max(0, k - 6), end) is not None


def _closing(line: str, lang: str) -> DateMention | None:
    if len(line) > 200:
        return None
    ms = _dates(line, lang)
    if not ms or not _full(ms[-1]):
        return None
    m = ms[-1]
    if line[m.end :].strip(" \t\u00a0.;") or not line[: m.start].rstrip().endswith(","):
        return None
    return m


_MARKUP = re.compile(r"[*_#>]")  # Markdown emphasis, headings and quotes (replaced by spaces: offsets stay)


def find_published(text: str, lang: str = "ru") -> tuple[str, int, int] | None:
    """The publication date the text states about itself: (ISO day, start, end of the date), or None.

    Looked for, in order: in the first lines, a "Published:"/"Дата:"-style label, a line that is
    only a full date (weekday and time allowed), or a dateline "City, <full date> -"; then, in the
    last lines, a label, a date line, or a signature line ending in ", <full date>". A date without
    a year ("МОСКВА, 5 ноября.", "Baku, 4 March, AZERTAC") never counts. The span returned is that
    of the date itself.
    """
    lang = "ru" if (lang or "ru").lower().startswith("ru") else "en"
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    head = lines[:_HEAD_LINES]
    tail = lines[-_TAIL_LINES:]
    for group, fns in (
        (head, (_labeled, _only_date, _dateline, _stamped)),
        (tail[::-1], (_labeled, _only_date, _closing)),
    ):
        for lm in group:
            line = _MARKUP.sub(" ", lm.group())  # "**Москва, 12 мая 2025 г.**": emphasis, not text
            for fn in fns:
                m = fn(line, lang)
                if m:
                    return m.value_start, lm.start() + m.start, lm.start() + m.end
    return None
