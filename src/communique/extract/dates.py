"""Date expressions in official press releases: find every mention and resolve it to partial ISO.

Two public functions:

* ``find_dates(text, published=None, lang="ru")`` -> list of ``DateMention``, sorted by start and
  non-overlapping (where candidate readings overlap, the longest wins).
* ``find_published(text, lang="ru")`` -> ``(iso_day, start, end)`` of the publication date stated
  by the text itself (a date line at the top, a "Published:" label, a dateline with a full date, or
  a closing date line), or None.

Values are partial ISO strings ("2026", "2026-04", "2026-04-27") and never claim more precision
than the text gives: a quarter, a half-year, a season or "9 months of 2025" widen to the year;
"last week" gives the month only when that whole Monday-Sunday week lies in one month.

Kinds emitted (``DateMention.kind``):

* ``date``     a day ("12 марта 2025 г.", "12.03.2025", "2025-04-16", "Sept. 8", "13 марта")
* ``month``    a month ("в июле 2024 г.", "май 2025 г.", "в апреле", "в декабре текущего года")
* ``year``     a year ("в 2019 году", "2001 г.", "в 1993-м", "in 2023")
* ``range``    two ends ("с 27 по 28 апреля 2026 г.", "27-28 апреля", "на 2024-2026 годы",
               "январь-март 2025 г.", "June 3-5, 2025", "from 14 to 17 April")
* ``until``    an open range whose end alone is given ("до 20 мая", "по 20 мая", "к 2030 году",
               "не позднее 1 июля", "until June 5", "by 2030", "до конца года"):
               value_start is None, value_end holds the date.
* ``since``    an open range whose start alone is given ("с 2019 года", "с 1 января",
               "начиная с 1 марта", "since 1993", "с начала года"): value_start holds the date,
               value_end is None.
* ``period``   a quarter, a half-year or "N месяцев" of a year, widened to that year
               ("в первом полугодии 2025 г." -> "2025", "Q1 2025" -> "2025").
* ``season``   a season of a year, widened to the year ("летом 2025 года" -> "2025"); a relative
               winter ("этой зимой") straddles two years and resolves to None.
* ``decade``   "1990-х годах", "the 1990s" -> range ("1990", "1999").
* ``relative`` words that need the publication date: "вчера", "накануне", "сегодня",
               "на прошлой неделе", "в этом месяце", "в прошлом году", "с.г.", "yesterday",
               "last week", "earlier this month", ...

``relative`` is True whenever the value needed the publication date: relative words, and also a
day or month written without a year ("13 марта", "в апреле", "June 3"), which takes the year of
``published``. Without ``published`` such a mention is still returned, with value None.
``published`` may itself be partial ("2025" or "2025-04"): whatever it fixes is used.

Spans: the span covers the date expression itself. A plain locative preposition ("в", "во", "на",
"за", "от", "in", "on") is left out; prepositions that carry meaning are kept: range and open-range
markers ("с ... по ...", "до", "since", "from ... to ..."), and the whole of a fixed relative phrase
("на прошлой неделе", "в прошлом году", "earlier this month").

Guards against numbers that are not dates: a four-digit number is a year only with a year marker
("г.", "года", "-м", ...), inside a date, in a range of years, or (English) after "in", "since",
"by", ...; years run 1700-2199; impossible days ("31 июня") are not dates; a Capitalized month
word alone ("Марта", "May") needs a preposition before it; "накануне" followed by what it is the
eve of ("накануне Дня Победы") and "сегодня"/"Today" inside a title ("«Россия сегодня»",
"USA Today") are skipped. An English d/m/y vs m/d/y date that cannot be told apart ("3/4/2025")
is returned with value None.

Weekdays only in Russian after "в"/"во" ("в четверг": the last Thursday on or before the publication
day). Not handled, knowingly: English weekdays ("on Monday"), counted offsets ("через две недели",
"три дня назад", "two weeks ago"), two-digit years ("12.03.25", "'25", "в 90-е годы", "2024/25",
"2023/2024"), times of day, centuries, enumerations of days ("13 и 14 марта" yields only
"14 марта"), "в конце недели", fiscal years, and a bare number before a month-and-year that is a
count rather than a day ("5 июня 2000 человек" reads as a date).

Lexicons live in resources/dates_ru.json and resources/dates_en.json, loaded once at import; every
regex is compiled at import. Matching runs on a lower-cased copy of the text: one scan finds runs of
digits, one scans for keywords (month names, relative words), and only the rules anchored at those
hits are tried. Standard library only.
"""

from __future__ import annotations

import calendar
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["DateMention", "find_dates", "find_published"]


@dataclass(frozen=True)
class DateMention:
    start: int  # char offset into the text
    end: int
    text: str  # text[start:end]
    value_start: str | None  # partial ISO; None when the text cannot determine it
    value_end: str | None  # for ranges (and "until"); None for a single date/period
    kind: str  # see the module docstring
    relative: bool  # True if resolution needed the publication date


# --------------------------------------------------------------------------------------------
# Lexicons and regex building blocks. All matching runs on a lower-cased copy of the text (same
# offsets), so no pattern needs re.IGNORECASE, which is slow; case is checked on the original.
# --------------------------------------------------------------------------------------------

_RES = Path(__file__).parent / "resources"


def _load(name: str) -> dict:
    with open(_RES / name, encoding="utf-8") as fh:
        return json.load(fh)


_RU = _load("dates_ru.json")
_EN = _load("dates_en.json")


def _fold(s: str) -> str:
    return "".join(s.lower().replace("ё", "е").split()).rstrip(".")


def alternation(words) -> str:
    """Regex alternation of `words` (lower-cased), longest first; a space matches any run of spaces."""
    uniq = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq)


def _ralt(words) -> str:
    """Alternation of `words` spelled backwards, for _Back patterns."""
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


class _Back:
    """A pattern matched backwards from a position: what the text says just before it.

    The pattern is written for the reversed text (words spelled backwards, see _ralt) and is
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


def _trie(words) -> str:
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


def _lower(text: str) -> str:
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
            table[_fold(f)] = int(key)
            full.append(f.lower())
    for key, forms in lex["month_abbrev"].items():
        for f in forms:
            table[_fold(f)] = int(key)
            abbr.append(f.lower())
    return table, {_fold(f) for f in full}, full, abbr


_RU_MONTHS, _RU_FULL_FORMS, _ru_full, _ru_abbr = _months(_RU)
_EN_MONTHS, _EN_FULL_FORMS, _en_full, _en_abbr = _months(_EN)

_RU_MON = rf"(?<!\w)(?:{alternation(_ru_full)}|(?:{alternation(_ru_abbr)})\.?)(?!\w)"
_EN_MON = rf"(?<!\w)(?:{alternation(_en_full)}|(?:{alternation(_en_abbr)})\.?)(?!\w)"

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = rf"\s*[{_DASHES}]{{1,2}}\s*"
_YEAR_NUM = r"(?:1[7-9]\d\d|2[01]\d\d)(?!\d|[.,]\d)"

# Russian year markers: "г.", "гг.", "года", "году", "-го", "-м" ...
_RU_YSUF = r"-(?:го|м|й)(?!\w)"
_RU_YWORD = r"\s*(?:г\.\s?г\.|гг?\.|гг?(?!\w)|год(?:ами|ам|ах|ов|ом|а|у|е|ы)?(?!\w))"
_RU_YMARK_OPT = rf"(?:{_RU_YSUF})?(?:{_RU_YWORD})?"
_RU_YMARK_REQ = rf"(?:{_RU_YSUF}(?:{_RU_YWORD})?|{_RU_YWORD})"

_RU_ADJ = {_fold(k): v for k, v in _RU["relative_adjectives"].items()}
_RU_ADJ_RE = rf"(?<!\w)(?:{alternation(_RU['relative_adjectives'])})[а-яё]{{0,3}}"
_RU_YABBR = {_fold(k): v for k, v in _RU["year_abbrev_offsets"].items()}
_RU_YABBR_RE = "|".join(
    r"\s?".join(re.escape(p + ".") for p in k.rstrip(".").split(".")) for k in _RU["year_abbrev_offsets"]
)
_RU_REL_YEAR = rf"(?:(?<!\w)(?:{_RU_YABBR_RE})|{_RU_ADJ_RE}\s+(?:года|году)(?!\w))"


def _g(name: str, body: str) -> str:
    return rf"(?P<{name}>{body})"


def _ru_day(n: str) -> str:
    return rf"(?<![\w.,:/])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:-(?:ого|го|ое|е|м|му)(?!\w))?"


def _en_day(n: str) -> str:
    return rf"(?<![\w.,:/$£€])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:st|nd|rd|th)?(?!\w)(?![.,:]\d)"


def _ru_yearpart(y: str = "y", r: str = "r") -> str:
    """A year after a day or month: "2025 г.", "2025 года", "с.г.", "текущего года"."""
    return rf"(?:\s+{_g(y, _YEAR_NUM)}{_RU_YMARK_OPT}|\s*,?\s*{_g(r, _RU_REL_YEAR)})"


def _en_yearpart(y: str = "y") -> str:
    return rf"(?:,?\s+{_g(y, _YEAR_NUM)})"


# --------------------------------------------------------------------------------------------
# Candidates and their resolution
# --------------------------------------------------------------------------------------------

# A point is (year, month, day, year_offset): year is an int when written; when it is None,
# year_offset is the offset from the publication year (None = no year given, read as 0).
Point = tuple


class _Pub:
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


class _C:
    """A candidate mention: points a/b (resolved at the end) or precomputed values vs/ve."""

    __slots__ = ("s", "e", "kind", "a", "b", "vs", "ve", "rel", "weak")

    def __init__(self, s, e, kind, a=None, b=None, vs=None, ve=None, rel=False, weak=False):
        self.s, self.e, self.kind = s, e, kind
        self.a, self.b = a, b
        self.vs, self.ve, self.rel, self.weak = vs, ve, rel, weak


class _Ctx:
    __slots__ = ("text", "orig", "pub", "lang")

    def __init__(self, text: str, orig: str, pub: _Pub, lang: str) -> None:
        self.text, self.orig, self.pub, self.lang = text, orig, pub, lang

    def before(self, back: _Back, pos: int) -> _BackMatch | None:
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


def _point(y, m=None, d=None, yoff=None) -> Point | None:
    """A point, or None when the day cannot exist."""
    if d is not None and not valid_day(y, m, d):
        return None
    return (y, m, d, yoff)


def _has_year(pt: Point) -> bool:
    return pt[0] is not None or pt[3] is not None


def _resolve(pt: Point, pub: _Pub) -> tuple[str | None, bool]:
    y, m, d, yoff = pt
    rel = y is None
    if y is None:
        if pub.year is None:
            return None, True
        y = pub.year + (yoff or 0)
    if d is not None and not valid_day(y, m, d):
        return None, rel
    return partial_iso(y, m, d), rel


def _week_value(pub: _Pub, weeks: int) -> str | None:
    if pub.day is None:
        return None
    monday = pub.day - timedelta(days=pub.day.weekday()) + timedelta(weeks=weeks)
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return partial_iso(monday.year, monday.month)
    return partial_iso(monday.year) if monday.year == sunday.year else None


def _month_value(pub: _Pub, months: int) -> str | None:
    if pub.month is None:
        return None
    idx = pub.year * 12 + pub.month - 1 + months
    return partial_iso(idx // 12, idx % 12 + 1)


def _day_value(pub: _Pub, days: int) -> str | None:
    if pub.day is None:
        return None
    d = pub.day + timedelta(days=days)
    return partial_iso(d.year, d.month, d.day)


def _unit_value(pub: _Pub, unit: str, off: int) -> str | None:
    if unit == "week":
        return _week_value(pub, off)
    if unit == "month":
        return _month_value(pub, off)
    return None if pub.year is None else partial_iso(pub.year + off)


def _ru_rel_year_offset(s: str) -> int:
    f = _fold(s)
    if f in _RU_YABBR:
        return _RU_YABBR[f]
    for stem in sorted(_RU_ADJ, key=len, reverse=True):
        if f.startswith(stem):
            return _RU_ADJ[stem]
    return 0


def _year_of(m: re.Match, y: str = "y", r: str | None = "r") -> tuple[int | None, int | None]:
    """(year, year_offset) from group `y` (a written year) or group `r` (a relative year)."""
    if m.group(y):
        return int(m.group(y)), None
    if r and m.group(r):
        return None, _ru_rel_year_offset(m.group(r))
    return None, None


def _capital_mid_sentence(ctx: _Ctx, s: int, e: int) -> bool:
    """A Capitalized word that does not start a sentence is part of a title ("USA Today")."""
    w = ctx.orig[s:e]
    if not w[:1].isupper() or w.isupper():
        return False
    before = ctx.orig[max(0, s - 20) : s].rstrip(" \t\u00a0\"'«“(")
    return bool(before) and before[-1] not in ".!?\n:;—–-"


def _in_title(ctx: _Ctx, s: int, e: int) -> bool:
    return _capital_mid_sentence(ctx, s, e) or ctx.text[e : e + 1] in ("»", "”", '"')


# --------------------------------------------------------------------------------------------
# Shared numeric rules (anchored at a run of digits)
# --------------------------------------------------------------------------------------------

_NUM_DMY = re.compile(
    rf"(?<![\w.,/])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR_NUM})(?!\.\d)"
    r"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)
_NUM_ISO = re.compile(
    rf"(?<![\w.,/{_DASHES}])(?P<y>{_YEAR_NUM})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d{_DASHES}])"
)
_NUM_SLASH = re.compile(rf"(?<![\w.,/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR_NUM})(?!/)")
_NUM_DDMY = re.compile(
    rf"(?<![\w.,/])(?P<d1>0?[1-9]|[12]\d|3[01])(?:\.(?P<m1>0?[1-9]|1[0-2]))?(?!\.\d){_DASH}"
    rf"(?P<d2>0?[1-9]|[12]\d|3[01])\.(?P<m2>0?[1-9]|1[0-2])\.(?P<y>{_YEAR_NUM})(?!\.\d)"
    r"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)


def _num_dmy(m, ctx):
    pt = _point(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return pt and _C(m.start(), m.end(), "date", pt)


def _num_slash(m, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if ctx.lang == "ru" or (a > 12 and b <= 12):
        pt = _point(y, b, a)  # day/month/year
    elif b > 12 and a <= 12 or a == b:
        pt = _point(y, a, b)  # month/day/year
    elif a <= 12 and b <= 12:
        return _C(m.start(), m.end(), "date", vs=None)  # the order of day and month cannot be told
    else:
        return None
    return pt and _C(m.start(), m.end(), "date", pt)


def _num_ddmy(m, ctx):
    y, m2 = int(m.group("y")), int(m.group("m2"))
    m1 = int(m.group("m1")) if m.group("m1") else m2
    a, b = _point(y, m1, int(m.group("d1"))), _point(y, m2, int(m.group("d2")))
    if not a or not b or (m1, a[2]) >= (m2, b[2]):
        return None
    return _C(_range_start(m, ctx), m.end(), "range", a, b)


def _range_start(m: re.Match, ctx: _Ctx) -> int:
    p = ctx.range_start(m.start())
    return m.start() if p is None else p


def _decade(m, ctx):
    y = int(m.group("y"))
    return _C(m.start(), m.end(), "decade", (y, None, None, None), (y + 9, None, None, None))


# --------------------------------------------------------------------------------------------
# Russian rules
# --------------------------------------------------------------------------------------------


def _mnum_ru(s: str) -> int:
    return _RU_MONTHS[_fold(s)]


_RU_CONN = rf"(?P<conn>{_DASH}|\s+(?:{alternation(_RU['range_connectors'])})\s+)"
_RU_DMY = re.compile(rf"{_ru_day('d')}\s+{_g('m', _RU_MON)}{_ru_yearpart()}?")
_RU_DDM = re.compile(rf"{_ru_day('d1')}{_RU_CONN}{_ru_day('d2')}\s+{_g('m', _RU_MON)}{_ru_yearpart()}?")
_RU_MY = re.compile(rf"{_g('m', _RU_MON)}{_ru_yearpart()}")
_RU_MM = re.compile(rf"{_g('m1', _RU_MON)}{_RU_CONN}{_g('m2', _RU_MON)}{_ru_yearpart()}?")
_RU_MONTH_ALONE = re.compile(_g("m", _RU_MON))
_RU_YEAR = re.compile(rf"(?<![\w.,/])(?P<y>{_YEAR_NUM}){_RU_YMARK_REQ}")
_RU_YY = re.compile(
    rf"(?<![\w.,/{_DASHES}])(?P<y1>{_YEAR_NUM})(?P<k1>{_RU_YMARK_OPT}){_RU_CONN}"
    rf"(?P<y2>{_YEAR_NUM})(?![{_DASHES}]\d)(?P<k2>{_RU_YMARK_OPT})"
)
_RU_DECADE = re.compile(
    r"(?<![\w.,/])(?P<y>1[7-9]\d0|20\d0)-?(?:х|е|ых|ые)(?!\w)(?:\s+год(?:ах|ов|ы|ам|ами)(?!\w))?"
)
_RU_PERIOD_UNIT = rf"\s+(?P<unit>{alternation(_RU['quarter_words'] + _RU['half_words'])})(?!\w)"
_RU_PERIOD_YEAR = rf"(?:\s+{_g('y', _YEAR_NUM)}{_RU_YMARK_OPT}|\s+{_g('r', _RU_REL_YEAR)})"
# "во 2-м квартале", "в 1 квартале 2025 г."; a bare "2 квартала" without a year is a count, not a date
_RU_PERIOD_NUM = re.compile(
    rf"(?<![\w.,])[1-4](?P<suf>-?(?:ого|ый|ом|го|й|м))?(?!\w){_RU_PERIOD_UNIT}{_RU_PERIOD_YEAR}?"
)
_RU_PERIOD_WORD = re.compile(
    rf"(?<!\w)(?:iv|i{{1,3}}|(?:{alternation(_RU['ordinal_stems'])})[а-яё]{{0,4}}){_RU_PERIOD_UNIT}{_RU_PERIOD_YEAR}?"
)
_RU_NUMBER_WORDS = ["три", "шесть", "девять", "одиннадцать"]
_RU_MONTHS_OF = re.compile(
    rf"(?<![\w.,])(?:\d{{1,2}}|{alternation(_RU_NUMBER_WORDS)})\s+месяц(?:ев|а)(?!\w){_RU_PERIOD_YEAR}"
)
_RU_SEASON_OF = {_fold(f): k for k, forms in _RU["seasons"].items() for f in forms}
_RU_SEASON = re.compile(rf"(?<!\w)(?P<s>{alternation(_RU_SEASON_OF)})(?!\w){_RU_PERIOD_YEAR}")
_RU_SEASON_WORD = re.compile(rf"(?<!\w)(?P<s>{alternation(_RU_SEASON_OF)})(?!\w)")
_RU_SEASON_ADJ = _Back(rf"\s+(?P<adj>{_ralt(_RU['season_adjectives'])})(?!\w)")
_RU_REL_DAYS = {_fold(k): v for k, v in _RU["relative_days"].items()}
_RU_REL_DAY = re.compile(rf"(?<!\w)(?P<w>{alternation(_RU['relative_days'])})(?!\w)")
_RU_UNIT_OF = {f: u for u, forms in _RU["relative_units"].items() for f in forms}
_RU_UNIT = re.compile(rf"(?<!\w)(?P<unit>{alternation(_RU_UNIT_OF)})(?!\w)")
_RU_UNIT_PRE = _Back(
    rf"(?:\s+(?P<adj>[а-яё]{{0,3}}(?:{_ralt(_RU['relative_adjectives'])}))(?!\w))?"
    rf"(?:\s+(?P<mod>{_ralt(_RU['relative_modifiers'])})(?!\w))?"
    rf"(?:\s+(?P<prep>{_ralt(['в', 'во', 'на', 'за', 'с', 'со', 'до', 'к', 'ко', 'по'])})(?!\w))?"
)
_RU_REL_ABBR = re.compile(rf"(?<!\w)(?P<r>{_RU_YABBR_RE})")
_RU_NAKANUNE_BLOCK = tuple(_RU["nakanune_blockers"])
_RU_START_MODS = {"начале", "начала", "конце", "конца", "середине", "середины", "концу", "началу"}
_RU_MONTH_CONTEXT = _Back(rf"\s+(?:{_ralt(_RU['month_context'])})(?!\w)", 20)


def _ru_dmy(m, ctx):
    y, yoff = _year_of(m)
    pt = _point(y, _mnum_ru(m.group("m")), int(m.group("d")), yoff)
    return pt and _C(m.start(), m.end(), "date", pt)


def _ru_ddm(m, ctx):
    y, yoff = _year_of(m)
    mo = _mnum_ru(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    a, b = _point(y, mo, d1, yoff), _point(y, mo, d2, yoff)
    if not a or not b or d1 >= d2:
        return None
    return _C(_range_start(m, ctx), m.end(), "range", a, b)


def _ru_my(m, ctx):
    y, yoff = _year_of(m)
    return _C(m.start(), m.end(), "month", (y, _mnum_ru(m.group("m")), None, yoff))


def _ru_mm(m, ctx):
    y, yoff = _year_of(m)
    m1, m2 = _mnum_ru(m.group("m1")), _mnum_ru(m.group("m2"))
    pre = ctx.range_start(m.start())
    if m1 == m2 or (y is None and yoff is None and pre is None and ctx.orig[m.start()].isupper()):
        return None  # "Марта-..." without any date context is more likely a name
    if m1 < m2:
        a, b = (y, m1, None, yoff), (y, m2, None, yoff)
    elif y is not None:
        a, b = (y - 1, m1, None, None), (y, m2, None, None)
    elif yoff is not None:
        a, b = (None, m1, None, yoff - 1), (None, m2, None, yoff)
    else:
        a, b = (None, m1, None, 0), (None, m2, None, 1)
    return _C(m.start() if pre is None else pre, m.end(), "range", a, b)


def _ru_month_alone(m, ctx):
    tok = m.group("m")
    if _fold(tok) not in _RU_FULL_FORMS:
        return None
    weak = not (ctx.orig[m.start()].islower() or ctx.before(_RU_MONTH_CONTEXT, m.start()))
    return _C(m.start(), m.end(), "month", (None, _mnum_ru(tok), None, None), weak=weak)


def _year_atom(m, ctx):
    return _C(m.start("y"), m.end(), "year", (int(m.group("y")), None, None, None))


def _ru_yy(m, ctx):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1 or y2 - y1 > 100:
        return None
    pre = ctx.range_start(m.start())
    dash = not m.group("conn").strip().isalpha()
    if not (pre is not None or m.group("k1") or m.group("k2") or dash):
        return None
    return _C(
        m.start() if pre is None else pre, m.end(), "range", (y1, None, None, None), (y2, None, None, None)
    )


def _year_period(kind: str):
    def rule(m, ctx):
        y, yoff = _year_of(m)
        return _C(m.start(), m.end(), kind, (y, None, None, yoff))

    return rule


def _ru_period_num(m, ctx):
    if not (m.group("suf") or m.group("y") or m.group("r")):
        return None
    return _year_period("period")(m, ctx)


def _season_rel(ctx: _Ctx, s: int, e: int, season: str, adj_rx: _Back, offsets: dict) -> _C | None:
    am = ctx.before(adj_rx, s)
    if not am:
        return None
    vs = None
    if season != "winter" and ctx.pub.year is not None:  # a winter straddles two years
        vs = partial_iso(ctx.pub.year + offsets[am.group("adj")])
    return _C(am.start(), e, "season", vs=vs, rel=True)


_RU_SEASON_ADJ_OFF = {k.lower(): v for k, v in _RU["season_adjectives"].items()}


def _ru_season_rel(m, ctx):
    season = _RU_SEASON_OF[_fold(m.group("s"))]
    return _season_rel(ctx, m.start(), m.end(), season, _RU_SEASON_ADJ, _RU_SEASON_ADJ_OFF)


def _ru_rel_day(m, ctx):
    w = _fold(m.group("w"))
    if _in_title(ctx, m.start(), m.end()):
        return None
    if w == "накануне":
        nxt = re.match(r"\s+(\S+)", ctx.text[m.end() : m.end() + 40])
        if nxt:
            tok = nxt.group(1).replace("ё", "е")
            if tok[:1].isdigit() or tok[:1] in '«"' or tok.startswith(_RU_NAKANUNE_BLOCK):
                return None  # "накануне Дня Победы", "накануне 9 мая": the eve of something else
    return _C(m.start(), m.end(), "relative", vs=_day_value(ctx.pub, _RU_REL_DAYS[w]), rel=True)


_RU_WEEKDAY_NO = {_fold(k): v for k, v in _RU["weekday_numbers"].items()}
_RU_WEEKDAY = re.compile(rf"(?P<w>{alternation(list(_RU['weekday_numbers']))})(?!\w)")
_RU_WEEKDAY_PREP = re.compile(r"(?<!\w)во?\s+$")


def _ru_weekday(m, ctx):
    """'в четверг': the last Thursday on or before the publication day (none without a full date)."""
    if ctx.pub.day is None or not _RU_WEEKDAY_PREP.search(ctx.text[max(0, m.start() - 4) : m.start()]):
        return None
    back = (ctx.pub.day.weekday() - _RU_WEEKDAY_NO[_fold(m.group("w"))]) % 7
    return _C(m.start("w"), m.end(), "relative", vs=_day_value(ctx.pub, -back), rel=True)


def _rel_phrase(ctx, s, e, pm, unit, off, since, until, locative):
    """A relative phrase ending in a unit word; `pm` is the match of what precedes it."""
    value = _unit_value(ctx.pub, unit, off)
    prep = (pm.group("prep") or "") if pm else ""
    start = pm.start() if pm else s
    if prep in until:
        return _C(start, e, "until", ve=value, rel=True)
    if prep in since:
        return _C(start, e, "since", vs=value, rel=True)
    if prep and prep not in locative:
        start = pm.end("prep")
        start += len(ctx.text[start:s]) - len(ctx.text[start:s].lstrip())
    return _C(start, e, "relative", vs=value, rel=True)


def _ru_rel_phrase(m, ctx):
    word = m.group("unit")
    unit = _RU_UNIT_OF[word]
    pm = ctx.before(_RU_UNIT_PRE, m.start())
    mod = pm.group("mod") if pm else None
    if pm and pm.group("adj"):
        off = _ru_rel_year_offset(pm.group("adj"))
    elif mod in _RU_START_MODS and unit in ("month", "year"):
        off = 0
    else:
        return None
    until = {"до", "к", "ко"}
    if word in ("год", "месяц", "неделю"):
        until.add("по")  # "по прошлый год" (accusative) is an end; "по прошлому году" is not
    return _rel_phrase(ctx, m.start(), m.end(), pm, unit, off, {"с", "со"}, until, {"в", "во", "на", "за"})


def _ru_rel_abbr(m, ctx):
    off = _RU_YABBR[_fold(m.group("r"))]
    vs = None if ctx.pub.year is None else partial_iso(ctx.pub.year + off)
    return _C(m.start(), m.end(), "relative", vs=vs, rel=True)


# --------------------------------------------------------------------------------------------
# English rules
# --------------------------------------------------------------------------------------------


def _mnum_en(s: str) -> int:
    return _EN_MONTHS[_fold(s)]


_EN_CONN = rf"(?P<conn>{_DASH}|\s+(?P<c>{alternation(_EN['range_connectors'])})\s+)"
_EN_MDY = re.compile(rf"{_g('m', _EN_MON)}\s+{_en_day('d')}{_en_yearpart()}?")
_EN_DMY = re.compile(rf"{_en_day('d')}(?:\s+of)?\s+{_g('m', _EN_MON)}{_en_yearpart()}?")
_EN_DDM = re.compile(
    rf"{_en_day('d1')}{_EN_CONN}{_en_day('d2')}(?:\s+of)?\s+{_g('m', _EN_MON)}{_en_yearpart()}?"
)
_EN_MDD = re.compile(rf"{_g('m', _EN_MON)}\s+{_en_day('d1')}{_EN_CONN}{_en_day('d2')}{_en_yearpart()}?")
_EN_MY = re.compile(rf"{_g('m', _EN_MON)},?\s+(?:of\s+)?{_g('y', _YEAR_NUM)}")
_EN_MONTH_ALONE = re.compile(_g("m", _EN_MON))
_EN_MONTH_REL = re.compile(rf"{_g('m', _EN_MON)}\s+(?:of\s+)?(?P<adj>{alternation(_EN['relative_adjectives'])})\s+year\b")
_EN_MONTH_CONTEXT = _Back(
    rf"\s*(?:{_ralt(_EN['month_context'] + _EN['since'] + _EN['until'] + _EN['range_start'])})(?!\w)", 30
)
_EN_YEAR = re.compile(rf"(?<![\w.,/])(?P<y>(?:19|20)\d\d)(?!\d|[.,]\d|\s*%|[{_DASHES}]\d)")
_EN_YEAR_PREP = _Back(
    rf"\s*(?:{_ralt(_EN['year_prepositions'] + _EN['since'] + _EN['until'] + _EN['range_start'])})(?!\w)", 30
)
_EN_YY = re.compile(
    rf"(?<![\w.,/{_DASHES}])(?P<y1>{_YEAR_NUM}){_EN_CONN}(?P<y2>{_YEAR_NUM})(?![{_DASHES}]\d)"
)
_EN_DECADE = re.compile(r"(?<![\w.,/])(?P<y>(?:1[7-9]|20)\d0)['’]?s(?!\w)")
_EN_PERIOD_TAIL = (
    r"\s+(?P<unit>quarter|half)(?!\w)"
    rf"(?:(?:\s+of)?\s+{_g('y', _YEAR_NUM)}|\s+of\s+(?P<radj>this|last|next|the\s+current)\s+year)?"
)
_EN_PERIOD = re.compile(rf"(?<!\w)(?P<ord>{alternation(_EN['ordinals'])}){_EN_PERIOD_TAIL}")
_EN_PERIOD_Q = re.compile(rf"(?<!\w)(?P<q>q[1-4]|h[12])(?:\s+of\s+|\s*|[-/]){_g('y', _YEAR_NUM)}")
_EN_SEASON_OF = {_fold(f): k for k, forms in _EN["seasons"].items() for f in forms}
_EN_SEASON = re.compile(rf"(?<!\w)(?P<s>{alternation(_EN_SEASON_OF)})(?:\s+of)?\s+{_g('y', _YEAR_NUM)}")
_EN_SEASON_WORD = re.compile(rf"(?<!\w)(?P<s>{alternation(_EN_SEASON_OF)})(?!\w)")
_EN_SEASON_ADJ = _Back(rf"\s+(?P<adj>{_ralt(['this', 'last', 'next'])})(?!\w)")
_EN_REL_DAYS = {k.lower(): v for k, v in _EN["relative_days"].items()}
_EN_REL_DAY = re.compile(r"(?<!\w)(?P<w>yesterday|today|tomorrow)(?!\w)")
_EN_REL_DAY_PRE = _Back(r"\s+(?P<w>erofeb|retfa)\s+yad\s+eht(?!\w)")
_EN_UNIT = re.compile(r"(?<!\w)(?P<unit>week|month|year)(?!\w)")
_EN_UNIT_PRE = _Back(
    rf"\s+(?P<adj>{_ralt(list(_EN['relative_adjectives']) + ['the'])})(?!\w)"
    rf"(?:\s+(?P<mod>{_ralt(_EN['relative_modifiers'])})(?!\w))?"
    rf"(?:\s+(?P<prep>{_ralt(['by', 'until', 'till', 'since', 'from', 'before', 'in', 'during', 'over'])})(?!\w))?"
)


def _en_capitalized(ctx: _Ctx, pos: int) -> bool:
    return ctx.orig[pos : pos + 1].isupper()


def _en_date(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    y = int(m.group("y")) if m.group("y") else None
    pt = _point(y, _mnum_en(m.group("m")), int(m.group("d")))
    return pt and _C(m.start(), m.end(), "date", pt)


def _en_dd(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    pre = ctx.range_start(m.start())
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if m.group("c") == "and" and (pre is None or not ctx.text.startswith("between", pre)) and d2 != d1 + 1:
        return None  # "on 5 and 7 May" are two days; "on 18 and 19 February" is one two-day period
    y = int(m.group("y")) if m.group("y") else None
    mo = _mnum_en(m.group("m"))
    a, b = _point(y, mo, d1), _point(y, mo, d2)
    if not a or not b or d1 >= d2:
        return None
    return _C(m.start() if pre is None else pre, m.end(), "range", a, b)


def _en_my(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    return _C(m.start(), m.end(), "month", (int(m.group("y")), _mnum_en(m.group("m")), None, None))


def _en_month_rel(m, ctx):
    """'October last year', 'March of next year': the month of a year told relative to publication."""
    if not _en_capitalized(ctx, m.start("m")):
        return None
    off = _EN["relative_adjectives"][m.group("adj")]
    return _C(m.start(), m.end(), "month", (None, _mnum_en(m.group("m")), None, off))


def _en_month_alone(m, ctx):
    tok = m.group("m")
    if _fold(tok) not in _EN_FULL_FORMS or not _en_capitalized(ctx, m.start()):
        return None
    weak = not ctx.before(_EN_MONTH_CONTEXT, m.start())
    return _C(m.start(), m.end(), "month", (None, _mnum_en(tok), None, None), weak=weak)


def _en_year(m, ctx):
    if not ctx.before(_EN_YEAR_PREP, m.start()):
        return None  # a bare four-digit number is a year only after "in", "since", "by", ...
    return _year_atom(m, ctx)


def _en_yy(m, ctx):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1 or y2 - y1 > 100:
        return None
    pre = ctx.range_start(m.start())
    if m.group("c") and (pre is None or (m.group("c") == "and") != ctx.text.startswith("between", pre)):
        return None
    return _C(
        m.start() if pre is None else pre, m.end(), "range", (y1, None, None, None), (y2, None, None, None)
    )


def _en_period(m, ctx):
    if m.group("unit") == "half" and not (m.group("y") or m.group("radj")):
        return None  # "the first half of the meeting": a bare half is rarely a date
    if m.group("y"):
        return _C(m.start(), m.end(), "period", (int(m.group("y")), None, None, None))
    off = {"last": -1, "next": 1}.get(m.group("radj") or "this", 0)
    return _C(m.start(), m.end(), "period", (None, None, None, off))


_EN_SEASON_ADJ_OFF = {"this": 0, "last": -1, "next": 1}


def _en_season_rel(m, ctx):
    return _season_rel(
        ctx, m.start(), m.end(), _EN_SEASON_OF[m.group("s")], _EN_SEASON_ADJ, _EN_SEASON_ADJ_OFF
    )


def _en_rel_day(m, ctx):
    if _in_title(ctx, m.start(), m.end()):
        return None
    w = m.group("w")
    s, off = m.start(), _EN_REL_DAYS[w]
    pm = ctx.before(_EN_REL_DAY_PRE, s)
    if pm and w in ("yesterday", "tomorrow"):
        s, off = pm.start(), _EN_REL_DAYS[f"the day {pm.group('w')} {w}"]
    return _C(s, m.end(), "relative", vs=_day_value(ctx.pub, off), rel=True)


def _en_rel_phrase(m, ctx):
    pm = ctx.before(_EN_UNIT_PRE, m.start())
    if not pm:
        return None
    adj, mod = pm.group("adj"), pm.group("mod")
    if adj == "the":
        if not mod or mod in ("earlier", "later", "early", "late"):
            return None
        off = 0
    else:
        off = _EN["relative_adjectives"][adj]
    since, until = {"since", "from"}, {"by", "until", "till", "before"}
    return _rel_phrase(
        ctx, m.start(), m.end(), pm, m.group("unit"), off, since, until, {"in", "during", "over"}
    )


# --------------------------------------------------------------------------------------------
# Triggers: one fast scan for digit runs and one for keywords; each hit runs only the rules
# anchored there. Every rule sees every trigger it is registered for, so no reading is lost to
# another one that happens to match first.
# --------------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")

_NUM_DOT_RULES = ((_NUM_DMY, _num_dmy), (_NUM_DDMY, _num_ddmy))


def _heads(words, n: int = 3) -> str:
    return alternation({w.lower()[:n] for w in words})


# Cheap look-aheads: a run of digits that is not followed by anything date-like skips its rules.
_RU_DAY_NEXT = re.compile(
    rf"\d{{1,2}}(?:-[а-яё]{{1,3}})?(?:\s+(?:{_heads(_ru_full + _ru_abbr + _RU['quarter_words'] + _RU['half_words'])}"
    rf"|месяц)|{_DASH}\d|\s+(?:{alternation(_RU['range_connectors'])})\s+\d)"
)
_RU_YEAR_NEXT = re.compile(rf"\d{{4}}(?:\s*(?:г|[{_DASHES}]|(?:{alternation(_RU['range_connectors'])})\s)|[хе])")
_EN_DAY_NEXT = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:{_heads(_en_full + _en_abbr)})|{_DASH}\d"
    rf"|\s+(?:{alternation(_EN['range_connectors'])})\s+\d|\s+(?:quarter|half))"
)
_RU_DIGIT_RULES = {
    "next2": _RU_DAY_NEXT,
    "next4": _RU_YEAR_NEXT,
    4: ((_NUM_ISO, _num_dmy), (_RU_YEAR, _year_atom), (_RU_YY, _ru_yy), (_RU_DECADE, _decade)),
    ".": _NUM_DOT_RULES,
    "/": ((_NUM_SLASH, _num_slash),),
    2: (
        (_NUM_DDMY, _num_ddmy),
        (_RU_DMY, _ru_dmy),
        (_RU_DDM, _ru_ddm),
        (_RU_PERIOD_NUM, _ru_period_num),
        (_RU_MONTHS_OF, _year_period("period")),
    ),
}
_EN_DIGIT_RULES = {
    "next2": _EN_DAY_NEXT,
    "next4": None,
    4: ((_NUM_ISO, _num_dmy), (_EN_YEAR, _en_year), (_EN_YY, _en_yy), (_EN_DECADE, _decade)),
    ".": _NUM_DOT_RULES,
    "/": ((_NUM_SLASH, _num_slash),),
    2: ((_NUM_DDMY, _num_ddmy), (_EN_DMY, _en_date), (_EN_DDM, _en_dd), (_EN_PERIOD, _en_period)),
}


def _keywords(groups: list[tuple[list[str], list]]) -> tuple[re.Pattern, dict[str, list]]:
    table: dict[str, list] = {}
    for words, rules in groups:
        for w in words:
            table.setdefault("".join(w.lower().split()), []).extend(rules)
    return re.compile(r"\b" + _trie([w for words, _ in groups for w in words])), table


_RU_KW, _RU_KW_RULES = _keywords(
    [
        (_ru_full + _ru_abbr, [(_RU_MM, _ru_mm), (_RU_MY, _ru_my), (_RU_MONTH_ALONE, _ru_month_alone)]),
        (list(_RU["relative_days"]), [(_RU_REL_DAY, _ru_rel_day)]),
        (list(_RU["weekday_numbers"]), [(_RU_WEEKDAY, _ru_weekday)]),
        (list(_RU_UNIT_OF), [(_RU_UNIT, _ru_rel_phrase)]),
        (list(_RU_SEASON_OF), [(_RU_SEASON, _year_period("season")), (_RU_SEASON_WORD, _ru_season_rel)]),
        (list(_RU["ordinal_stems"]) + ["i", "ii", "iii", "iv"], [(_RU_PERIOD_WORD, _year_period("period"))]),
        (_RU_NUMBER_WORDS, [(_RU_MONTHS_OF, _year_period("period"))]),
        (["с.г", "т.г", "п.г", "с. г", "т. г", "п. г"], [(_RU_REL_ABBR, _ru_rel_abbr)]),
    ]
)
_EN_KW, _EN_KW_RULES = _keywords(
    [
        (
            _en_full,
            [(_EN_MDD, _en_dd), (_EN_MDY, _en_date), (_EN_MY, _en_my), (_EN_MONTH_REL, _en_month_rel),
             (_EN_MONTH_ALONE, _en_month_alone)],
        ),
        (_en_abbr, [(_EN_MDD, _en_dd), (_EN_MDY, _en_date), (_EN_MY, _en_my)]),
        (["yesterday", "today", "tomorrow"], [(_EN_REL_DAY, _en_rel_day)]),
        (["week", "month", "year"], [(_EN_UNIT, _en_rel_phrase)]),
        (list(_EN_SEASON_OF), [(_EN_SEASON, _year_period("season")), (_EN_SEASON_WORD, _en_season_rel)]),
        (["first", "second", "third", "fourth"], [(_EN_PERIOD, _en_period)]),
        (["q1", "q2", "q3", "q4", "h1", "h2"], [(_EN_PERIOD_Q, _year_period("period"))]),
    ]
)

_LANG = {
    "ru": (_RU_DIGIT_RULES, _RU_KW, _RU_KW_RULES),
    "en": (_EN_DIGIT_RULES, _EN_KW, _EN_KW_RULES),
}
_RANGE_PRE = {
    "ru": _Back(rf"\s+(?:{_ralt(_RU['range_start'])})(?!\w)"),
    "en": _Back(rf"\s+(?:{_ralt(_EN['range_start'])})(?!\w)"),
}
_SINCE = {
    "ru": _Back(rf"\s+(?P<p>{_ralt(_RU['since'])})(?!\w)"),
    "en": _Back(rf"\s+(?P<p>{_ralt(_EN['since'])})(?!\w)"),
}
_UNTIL = {
    "ru": _Back(rf"\s+(?P<p>{_ralt(_RU['until'])})(?!\w)"),
    "en": _Back(rf"\s+(?P<p>{_ralt(_EN['until'])})(?!\w)"),
}
_GAP = {"ru": re.compile(_RU_CONN), "en": re.compile(_EN_CONN)}
_RU_DATIVE_TAIL = re.compile(r"(?:году|годам|[юу])\.?$")
_SINGLE = ("date", "month", "year")


def _digit_rules(text: str, s: int, e: int, rules: dict) -> tuple:
    """The rules worth trying at a run of digits text[s:e], judged by its length and neighbours."""
    if s and (text[s - 1].isalnum() or text[s - 1] in ".,:/"):
        return ()
    n = e - s
    if n == 4:
        nx = rules["next4"]
        return rules[4] if nx is None or nx.match(text, s) else ()
    if n > 2:
        return ()
    nxt = text[e : e + 1]
    if nxt == ".":
        return rules["."]
    if nxt == "/":
        return rules["/"]
    return rules[2] if rules["next2"].match(text, s) else ()


def _atoms(ctx: _Ctx) -> list[_C]:
    digit_rules, kw_rx, kw_rules = _LANG[ctx.lang]
    text = ctx.text
    out: list[_C] = []
    for t in _DIGITS.finditer(text):
        for rx, fn in _digit_rules(text, t.start(), t.end(), digit_rules):
            m = rx.match(text, t.start())
            if m:
                c = fn(m, ctx)
                if c is not None:
                    out.append(c)
    for t in kw_rx.finditer(text):
        w = t.group()
        for rx, fn in kw_rules.get(w if " " not in w else "".join(w.split()), ()):
            m = rx.match(text, t.start())
            if m:
                c = fn(m, ctx)
                if c is not None:
                    out.append(c)
    return out


def _select(cands: list[_C]) -> list[_C]:
    """A non-overlapping subset, longest first (ties: earlier start, then rule order)."""
    order = sorted(range(len(cands)), key=lambda i: (cands[i].s - cands[i].e, cands[i].s, i))
    starts: list[int] = []
    taken: list[_C] = []
    for i in order:
        c = cands[i]
        k = bisect_right(starts, c.s)
        if (k and taken[k - 1].e > c.s) or (k < len(taken) and taken[k].s < c.e):
            continue
        starts.insert(k, c.s)
        taken.insert(k, c)
    return taken


def _bounds(pt: Point) -> tuple[tuple, tuple]:
    y, m, d, yoff = pt
    key = y if y is not None else (yoff or 0)
    return (key, m or 1, d or 1), (key, m or 12, d or 31)


def _combine(pa: Point, pb: Point) -> tuple[Point, Point] | None:
    """Two single points joined by a range connector; a year written on one end serves both."""
    ya, ma, da, oa = pa
    yb, mb, db, ob = pb
    wrap = ma is not None and mb is not None and (ma, da or 0) > (mb, db or 0)
    if not _has_year(pa) and _has_year(pb):
        if ma is None:
            return None
        shift = -1 if wrap else 0
        ya, oa = (yb + shift, None) if yb is not None else (None, ob + shift)
    elif _has_year(pa) and not _has_year(pb):
        if mb is None:
            return None
        shift = 1 if wrap else 0
        yb, ob = (ya + shift, None) if ya is not None else (None, oa + shift)
    elif not _has_year(pa) and not _has_year(pb):
        oa, ob = 0, 1 if wrap else 0
    pa2, pb2 = _point(ya, ma, da, oa), _point(yb, mb, db, ob)
    if not pa2 or not pb2 or pa2 == pb2:
        return None
    if (ya is None) == (yb is None) and _bounds(pa2)[0] > _bounds(pb2)[1]:
        return None
    return pa2, pb2


def _derived(ctx: _Ctx, atoms: list[_C]) -> list[_C]:
    """Ranges made of two adjacent atoms, and open ranges ("до 20 мая", "since 1993")."""
    text, lang = ctx.text, ctx.lang
    out: list[_C] = []
    for i, a in enumerate(atoms):
        if a.a is None or a.b is not None:
            continue
        if i + 1 < len(atoms) and a.kind in _SINGLE:
            b = atoms[i + 1]
            g = _GAP[lang].fullmatch(text, a.e, b.s) if b.a is not None and b.b is None else None
            if g and b.kind in _SINGLE:
                pre = ctx.range_start(a.s)
                conn = (g.groupdict().get("c") or "") if lang == "en" else ""
                if conn != "and" or (pre is not None and text.startswith("between", pre)):
                    pts = _combine(a.a, b.a)
                    if pts:
                        out.append(_C(a.s if pre is None else pre, b.e, "range", *pts))
        if a.kind not in _SINGLE + ("period", "season"):
            continue
        um = ctx.before(_UNTIL[lang], a.s)
        if um:
            p = " ".join(um.group("p").split())
            if not (p == "по" and _RU_DATIVE_TAIL.search(text[a.s : a.e])):
                out.append(_C(um.start(), a.e, "until", None, a.a))
                continue
        sm = ctx.before(_SINCE[lang], a.s)
        if sm:
            out.append(_C(sm.start(), a.e, "since", a.a, None))
    return out


def find_dates(text: str, published: str | None = None, lang: str = "ru") -> list[DateMention]:
    """All date mentions in `text`, resolved against `published` ("YYYY-MM-DD", or partial ISO)."""
    lang = "ru" if (lang or "ru").lower().startswith("ru") else "en"
    ctx = _Ctx(_lower(text), text, _Pub(published), lang)
    atoms = _select(_atoms(ctx))
    out: list[DateMention] = []
    for c in _select(atoms + _derived(ctx, atoms)):
        if c.weak:
            continue
        vs, ve, rel = c.vs, c.ve, c.rel
        if c.a is not None:
            vs, r = _resolve(c.a, ctx.pub)
            rel = rel or r
        if c.b is not None:
            ve, r = _resolve(c.b, ctx.pub)
            rel = rel or r
        out.append(DateMention(c.s, c.e, text[c.s : c.e], vs, ve, c.kind, rel))
    return out


# --------------------------------------------------------------------------------------------
# Publication date
# --------------------------------------------------------------------------------------------

_HEAD_LINES = 8
_TAIL_LINES = 3
_LINE = re.compile(r"[^\n\r]+")
_LABEL = re.compile(
    rf"^\s*(?:{alternation(_RU['published_labels'] + _EN['published_labels'])})\s*:?\s*", re.IGNORECASE
)
_RESIDUE = re.compile(
    rf"(?:(?<!\w)(?:{alternation(_RU['weekdays'] + _EN['weekdays'])})\.?(?!\w)|t?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?z?"
    r"|(?<!\w)(?:в|at|utc|gmt|мск|msk)(?!\w)|[\s\W_])"
)
_CITY = re.compile(
    r"^\s*(?:г\.\s*)?[A-ZА-ЯЁ][\w.'’\-]*(?:[ \-](?:[A-ZА-ЯЁ(][\w.'’()\-]*|de|del|da|на|upon|am))*\s*,\s*"
)
_AFTER_DATELINE = re.compile(rf"\s*(?:$|[{_DASHES}.:(,/|])")


def _full(m: DateMention) -> bool:
    return m.kind == "date" and not m.relative and m.value_start is not None and len(m.value_start) == 10


def _residue_empty(s: str) -> bool:
    return not _RESIDUE.sub("", s.lower())


def _only_date(line: str, lang: str) -> DateMention | None:
    ms = find_dates(line, None, lang)
    if len(ms) != 1 or not _full(ms[0]):
        return None
    m = ms[0]
    return m if _residue_empty(line[: m.start] + " " + line[m.end :]) else None


def _labeled(line: str, lang: str) -> DateMention | None:
    lm = _LABEL.match(line)
    if not lm:
        return None
    rest = line[lm.end() :]
    ms = find_dates(rest, None, lang)
    if not ms or not _full(ms[0]) or not _residue_empty(rest[: ms[0].start]):
        return None
    m, k = ms[0], lm.end()
    return DateMention(m.start + k, m.end + k, m.text, m.value_start, None, m.kind, False)


def _dateline(line: str, lang: str) -> DateMention | None:
    cm = _CITY.match(line)
    if not cm:
        return None
    for m in find_dates(line, None, lang):
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
    for m in find_dates(line, None, lang):
        if _full(m) and (_CLOCK_AFTER.match(line, m.end) or _CLOCK_BEFORE.search(line[: m.start])):
            return m
    return None


def _closing(line: str, lang: str) -> DateMention | None:
    if len(line) > 200:
        return None
    ms = find_dates(line, None, lang)
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
