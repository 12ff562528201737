"""Date grammar shared by the date rules: lexicons, regex building blocks, points and their resolution.

Part of ``communique.extract.dates`` (see its docstring).
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date, timedelta
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Lexicons and regex building blocks. All matching runs on a lower-cased copy of the text (same
# offsets), so no pattern needs re.IGNORECASE, which is slow; case is checked on the original.
# --------------------------------------------------------------------------------------------

_RES = Path(__file__).parent / "resources"


def _load(name: str) -> dict:
    with open(_RES / name, encoding="utf-8") as fh:
        return json.load(fh)


RU = _load("dates_ru.json")
EN = _load("dates_en.json")


def fold(s: str) -> str:
    return "".join(s.lower().replace("ё", "е").split()).rstrip(".")


def alternation(words) -> str:
    """Regex alternation of `words` (lower-cased), longest first; a space matches any run of spaces."""
    uniq = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


def ralt(words) -> str:
    """Alternation of `words` spelled backwards, for Back patterns."""
    uniq = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w[::-1]).replace(r"\ ", r"\s+") for w in uniq)


class _BackMatch:
    __slots__ = ("m", "pos")

    def __init__(self, m: re.Match, pos: int) -> None:
        self.m, self.pos = m, pos

    def start(self, g: int | str = 0) -> int:
        return self.pos - self.m.end(g)

    def end(self, g: int | str = 0) -> int:
        return self.pos - self.m.start(g)

    def group(self, g: int | str = 0) -> str | None:
        v = self.m.group(g)
        return None if v is None else v[::-1]


class Back:
    """A pattern matched backwards from a position: what the text says just before it.

    The pattern is written for the reversed text (words spelled backwards, see ralt) and is
    anchored at the position, so a check costs one short anchored match instead of a search.
    """

    __slots__ = ("rx", "span")

    def __init__(self, pattern: str, span: int = 40) -> None:
        self.rx, self.span = re.compile(pattern), span

    def __call__(self, text: str, pos: int) -> _BackMatch | None:
        lo = max(0, pos - self.span)
        m = self.rx.match(text[lo:pos][::-1])
        if m is None or m.end() == 0 or (m.end() == pos - lo and lo and text[lo - 1].isalnum()):
            return None
        return _BackMatch(m, pos)


def trie(words) -> str:
    """A prefix-tree alternation of literal words: fast to scan for (every branch starts with a literal)."""
    root: dict = {}
    for w in {w.lower() for w in words}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        kids = [re.escape(ch).replace(r"\ ", r"\s+") + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return emit(root)


def lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low  # lower() never shortens a character, so equal length means offsets agree
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _months(lex: dict) -> tuple[dict[str, int], set[str], list[str], list[str]]:
    table: dict[str, int] = {}
    full: list[str] = []
    abbr: list[str] = []
    for key, forms in lex["months"].items():
        for f in forms:
            table[fold(f)] = int(key)
            full.append(f.lower())
    for key, forms in lex["month_abbrev"].items():
        for f in forms:
            table[fold(f)] = int(key)
            abbr.append(f.lower())
    return table, {fold(f) for f in full}, full, abbr


RU_MONTHS, RU_FULL_FORMS, ru_full, ru_abbr = _months(RU)
EN_MONTHS, EN_FULL_FORMS, en_full, en_abbr = _months(EN)

RU_MON = rf"(?<!\w)(?:{alternation(ru_full)}|(?:{alternation(ru_abbr)})\.?)(?!\w)"
EN_MON = rf"(?<!\w)(?:{alternation(en_full)}|(?:{alternation(en_abbr)})\.?)(?!\w)"

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
DASH = rf"\s*[{DASHES}]{{1,2}}\s*"
YEAR_NUM = r"(?:1[7-9]\d\d|2[01]\d\d)(?!\d|[.,]\d)"

# Russian year markers: "г.", "гг.", "года", "году", "-го", "-м" ...
_RU_YSUF = r"-(?:го|м|й)(?!\w)"
_RU_YWORD = r"\s*(?:г\.\s?г\.|гг?\.|гг?(?!\w)|год(?:ами|ам|ах|ов|ом|а|у|е|ы)?(?!\w))"
RU_YMARK_OPT = rf"(?:{_RU_YSUF})?(?:{_RU_YWORD})?"
RU_YMARK_REQ = rf"(?:{_RU_YSUF}(?:{_RU_YWORD})?|{_RU_YWORD})"

_RU_ADJ = {fold(k): v for k, v in RU["relative_adjectives"].items()}
_RU_ADJ_RE = rf"(?<!\w)(?:{alternation(RU['relative_adjectives'])})[а-яё]{{0,3}}"
RU_YABBR = {fold(k): v for k, v in RU["year_abbrev_offsets"].items()}
RU_YABBR_RE = "|".join(
    r"\s?".join(re.escape(p + ".") for p in k.rstrip(".").split(".")) for k in RU["year_abbrev_offsets"]
)
RU_REL_YEAR = rf"(?:(?<!\w)(?:{RU_YABBR_RE})|{_RU_ADJ_RE}\s+(?:года|году)(?!\w))"


def named_group(name: str, body: str) -> str:
    return rf"(?P<{name}>{body})"


def ru_day(n: str) -> str:
    return rf"(?<![\w.,:/])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:-(?:ого|го|ое|е|м|му)(?!\w))?"


def en_day(n: str) -> str:
    return rf"(?<![\w.,:/$£€])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:st|nd|rd|th)?(?!\w)(?![.,:]\d)"


def ru_yearpart(y: str = "y", r: str = "r") -> str:
    """A year after a day or month: "2025 г.", "2025 года", "с.г.", "текущего года"."""
    return rf"(?:\s+{named_group(y, YEAR_NUM)}{RU_YMARK_OPT}|\s*,?\s*{named_group(r, RU_REL_YEAR)})"


def en_yearpart(y: str = "y") -> str:
    return rf"(?:,?\s+{named_group(y, YEAR_NUM)})"


# --------------------------------------------------------------------------------------------
# Candidates and their resolution
# --------------------------------------------------------------------------------------------

# A point is (year, month, day, year_offset): year is an int when written; when it is None,
# year_offset is the offset from the publication year (None = no year given, read as 0).
Point = tuple


class Pub:
    """The publication date, possibly partial ("2025", "2025-04", "2025-04-16")."""

    __slots__ = ("year", "month", "day")

    def __init__(self, published: str | None) -> None:
        self.year = self.month = self.day = None
        if not published:
            return
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
        if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
            raise ValueError(f"published is not an ISO date: {published!r}")
        self.year = int(m.group(1))
        if m.group(2):
            self.month = int(m.group(2))
        if m.group(3):
            self.day = date(self.year, self.month, int(m.group(3)))


class C:
    """A candidate mention: points a/b (resolved at the end) or precomputed values vs/ve."""

    __slots__ = ("s", "e", "kind", "a", "b", "vs", "ve", "rel", "weak")

    def __init__(self, s, e, kind, a=None, b=None, vs=None, ve=None, rel=False, weak=False):
        self.s, self.e, self.kind = s, e, kind
        self.a, self.b = a, b
        self.vs, self.ve, self.rel, self.weak = vs, ve, rel, weak


class Ctx:
    __slots__ = ("text", "orig", "pub", "lang")

    def __init__(self, text: str, orig: str, pub: Pub, lang: str) -> None:
        self.text, self.orig, self.pub, self.lang = text, orig, pub, lang

    def before(self, back: Back, pos: int) -> _BackMatch | None:
        """What `back` finds in the text just before `pos`."""
        return back(self.text, pos)

    def range_start(self, pos: int) -> int | None:
        m = _RANGE_PRE[self.lang](self.text, pos)
        return m.start() if m else None


def partial_iso(y: int, m: int | None = None, d: int | None = None) -> str:
    """A partial ISO date of the precision given: "2026", "2026-04", "2026-04-27"."""
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def valid_day(y: int | None, m: int, d: int) -> bool:
    """Whether day `d` of month `m` exists (in year `y`; 29 February in any year when `y` is None)."""
    if not 1 <= m <= 12 or not 1 <= d <= _DAYS_IN_MONTH[m]:
        return False
    return not (m == 2 and d == 29 and y is not None and not calendar.isleap(y))


def point(y, m=None, d=None, yoff=None) -> Point | None:
    """A point, or None when the day cannot exist."""
    if d is not None and not valid_day(y, m, d):
        return None
    return (y, m, d, yoff)


def has_year(pt: Point) -> bool:
    return pt[0] is not None or pt[3] is not None


def resolve(pt: Point, pub: Pub) -> tuple[str | None, bool]:
    y, m, d, yoff = pt
    rel = y is None
    if y is None:
        if pub.year is None:
            return None, True
        y = pub.year + (yoff or 0)
    if d is not None and not valid_day(y, m, d):
        return None, rel
    return partial_iso(y, m, d), rel


def week_bounds(day: date, weeks: int) -> tuple[date, date]:
    """The Monday and the Sunday of the week `weeks` weeks from that of `day` ("last week": -1,
    "next week": 1); the one computation behind every language's week words."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)
    return monday, monday + timedelta(days=6)


def one_day(start: str | None, end: str | None) -> bool:
    """Whether an event's dates are one full day ("2026-04-27", no end or the same end): the kind of
    event whose day an 'on the same day' event told after it takes (English and regional)."""
    return bool(start) and len(start) == 10 and end in (None, start)


def _week_value(pub: Pub, weeks: int) -> str | None:
    if pub.day is None:
        return None
    monday, sunday = week_bounds(pub.day, weeks)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return partial_iso(monday.year, monday.month)
    return partial_iso(monday.year) if monday.year == sunday.year else None


def month_shift(year: int, month: int, months: int) -> tuple[int, int]:
    """The year and month `months` months from `month` of `year` ("last month": -1, "next month":
    1); the one computation behind every language's month words."""
    idx = year * 12 + month - 1 + months
    return idx // 12, idx % 12 + 1


def _month_value(pub: Pub, months: int) -> str | None:
    if pub.month is None:
        return None
    return partial_iso(*month_shift(pub.year, pub.month, months))


def day_value(pub: Pub, days: int) -> str | None:
    """The day `days` days from the publication day ("yesterday": -1); regional_dates' own _Pub
    (which has `day` too) calls it for its yesterday/today/tomorrow words as well."""
    if pub.day is None:
        return None
    d = pub.day + timedelta(days=days)
    return partial_iso(d.year, d.month, d.day)


def unit_value(pub: Pub, unit: str, off: int) -> str | None:
    if unit == "week":
        return _week_value(pub, off)
    if unit == "month":
        return _month_value(pub, off)
    return None if pub.year is None else partial_iso(pub.year + off)


def ru_rel_year_offset(s: str) -> int:
    f = fold(s)
    if f in RU_YABBR:
        return RU_YABBR[f]
    for stem in sorted(_RU_ADJ, key=len, reverse=True):
        if f.startswith(stem):
            return _RU_ADJ[stem]
    return 0


def year_of(m: re.Match, y: str = "y", r: str | None = "r") -> tuple[int | None, int | None]:
    """(year, year_offset) from group `y` (a written year) or group `r` (a relative year)."""
    if m.group(y):
        return int(m.group(y)), None
    if r and m.group(r):
        return None, ru_rel_year_offset(m.group(r))
    return None, None


def _capital_mid_sentence(ctx: Ctx, s: int, e: int) -> bool:
    """A Capitalized word that does not start a sentence is part of a title ("USA Today")."""
    w = ctx.orig[s:e]
    if not w[:1].isupper() or w.isupper():
        return False
    before = ctx.orig[max(0, s - 20) : s].rstrip(" \t\u00a0\"'«“(")
    return bool(before) and before[-1] not in ".!?\n:;—–-"


def in_title(ctx: Ctx, s: int, e: int) -> bool:
    return _capital_mid_sentence(ctx, s, e) or ctx.text[e : e + 1] in ("»", "”", '"')


_RANGE_PRE = {
    "ru": Back(rf"\s+(?:{ralt(RU['range_start'])})(?!\w)"),
    "en": Back(rf"\s+(?:{ralt(EN['range_start'])})(?!\w)"),
}
