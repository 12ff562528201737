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

Not handled, knowingly: weekdays ("в понедельник", "on Monday"), counted offsets ("через две недели",
"три дня назад", "two weeks ago"), two-digit years ("12.03.25", "'25", "2024/25"), times of day,
centuries, enumerations of days ("13 и 14 марта" yields only "14 марта"), and fiscal years.

Lexicons live in resources/dates_ru.json and resources/dates_en.json. Standard library only.
"""

from __future__ import annotations

import calendar
import json
import re
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
# Lexicons
# --------------------------------------------------------------------------------------------

_RES = Path(__file__).parent / "resources"


def _load(name: str) -> dict:
    with open(_RES / name, encoding="utf-8") as fh:
        return json.load(fh)


_RU = _load("dates_ru.json")
_EN = _load("dates_en.json")


def _fold(s: str) -> str:
    return re.sub(r"\s+", "", s.lower().replace("ё", "е")).rstrip(".")


def _alt(words, spaces: str = r"\s+") -> str:
    """Regex alternation of `words`, longest first; a space in a phrase matches any run of spaces."""
    uniq = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", spaces) for w in uniq)


def _month_table(lex: dict, *, upper_variants: bool) -> tuple[dict[str, int], set[str], list[str], list[str]]:
    table: dict[str, int] = {}
    full: list[str] = []
    abbr: list[str] = []
    for key, forms in lex["months"].items():
        for f in forms:
            table[_fold(f)] = int(key)
            full.append(f)
            if upper_variants:
                full.append(f.upper())
    for key, forms in lex["month_abbrev"].items():
        for f in forms:
            table[_fold(f)] = int(key)
            abbr.append(f)
            if upper_variants:
                abbr.append(f.upper())
    return table, {_fold(f) for f in full}, full, abbr


_RU_MONTHS, _RU_FULL_FORMS, _ru_full, _ru_abbr = _month_table(_RU, upper_variants=False)
_EN_MONTHS, _EN_FULL_FORMS, _en_full, _en_abbr = _month_table(_EN, upper_variants=True)

# Russian month words match case-insensitively; English ones only Capitalized or UPPER ("may" is a verb).
_RU_MON = rf"(?<!\w)(?:{_alt(_ru_full)}|(?:{_alt(_ru_abbr)})\.?)(?!\w)"
_EN_MON = rf"(?<!\w)(?-i:{_alt(_en_full)}|(?:{_alt(_en_abbr)})\.?)(?!\w)"

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH = rf"\s*[{_DASHES}]{{1,2}}\s*"
_YEAR_NUM = r"(?:1[7-9]\d\d|2[01]\d\d)(?!\d|[.,]\d)"

# Russian year markers: "г.", "гг.", "года", "году", "-го", "-м" ...
_RU_YSUF = r"-(?:го|м|й)(?!\w)"
_RU_YWORD = r"\s*(?:г\.\s?г\.|гг?\.|гг?(?!\w)|год(?:ами|ам|ах|ов|ом|а|у|е|ы)?(?!\w))"
_RU_YMARK_OPT = rf"(?:{_RU_YSUF})?(?:{_RU_YWORD})?"
_RU_YMARK_REQ = rf"(?:{_RU_YSUF}(?:{_RU_YWORD})?|{_RU_YWORD})"

_RU_ADJ = _RU["relative_adjectives"]
_RU_ADJ_RE = rf"(?<!\w)(?:{_alt(_RU_ADJ)})[а-яё]{{0,3}}"
_RU_YABBR = {_fold(k): v for k, v in _RU["year_abbrev_offsets"].items()}
_RU_YABBR_RE = "|".join(
    r"\s?".join(re.escape(p + ".") for p in k.rstrip(".").split(".")) for k in _RU["year_abbrev_offsets"]
)
_RU_REL_YEAR = rf"(?:(?<!\w)(?:{_RU_YABBR_RE})|{_RU_ADJ_RE}\s+(?:года|году)(?!\w))"


def _ru_day(n: str) -> str:
    return rf"(?<![\w.,:/])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:-(?:ого|го|ое|е|м|му)(?!\w))?"


def _en_day(n: str) -> str:
    return rf"(?<![\w.,:/$£€])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)(?:st|nd|rd|th)?(?!\w)(?![.,:]\d)"


def _g(name: str, body: str) -> str:
    return rf"(?P<{name}>{body})"


def _ru_yearpart(y: str, r: str) -> str:
    """Optional year after a day/month: "2025 г.", "2025 года", "с.г.", "текущего года"."""
    return rf"(?:\s+{_g(y, _YEAR_NUM)}{_RU_YMARK_OPT}|\s*,?\s*{_g(r, _RU_REL_YEAR)})"


def _en_yearpart(y: str) -> str:
    return rf"(?:,?\s+{_g(y, _YEAR_NUM)})"


_FLAGS = re.IGNORECASE


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern, _FLAGS)


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------

# A point is (year, month, day, year_offset): year is an int when written; when it is None,
# year_offset is the offset from the publication year (None = no year given, treated as 0).
Point = tuple


class _Pub:
    __slots__ = ("year", "month", "day")

    def __init__(self, published: str | None) -> None:
        self.year = self.month = self.day = None
        if not published:
            return
        s = published.strip()
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
        if not m:
            raise ValueError(f"published is not an ISO date: {published!r}")
        self.year = int(m.group(1))
        if m.group(2):
            self.month = int(m.group(2))
            if not 1 <= self.month <= 12:
                raise ValueError(f"published is not an ISO date: {published!r}")
        if m.group(3):
            self.day = date(self.year, self.month, int(m.group(3)))


class _C:
    """A candidate mention: either points a/b (resolved later) or precomputed values."""

    __slots__ = ("s", "e", "kind", "a", "b", "vs", "ve", "rel", "weak")

    def __init__(self, s, e, kind, a=None, b=None, vs=None, ve=None, rel=False, weak=False):
        self.s, self.e, self.kind = s, e, kind
        self.a, self.b = a, b
        self.vs, self.ve, self.rel, self.weak = vs, ve, rel, weak


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day_ok(y: int | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12:
        return False
    last = calendar.monthrange(y, m)[1] if y is not None else (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return 1 <= d <= last


def _resolve(pt: Point, pub: _Pub) -> tuple[str | None, bool]:
    y, m, d, yoff = pt
    rel = False
    if y is None:
        rel = True
        if pub.year is None:
            return None, True
        y = pub.year + (yoff or 0)
    if d is not None and not _day_ok(y, m, d):
        return None, rel
    return _fmt(y, m, d), rel


def _point(y, m=None, d=None, yoff=None) -> Point | None:
    """A validated point, or None when the day cannot exist."""
    if d is not None and not _day_ok(y, m, d):
        return None
    return (y, m, d, yoff)


def _has_year(pt: Point) -> bool:
    return pt[0] is not None or pt[3] is not None


def _ru_rel_year_offset(s: str) -> int:
    f = _fold(s)
    if f in _RU_YABBR:
        return _RU_YABBR[f]
    word = f[: len(f) - 4] if f.endswith(("года", "году")) else f
    for stem in sorted(_RU_ADJ, key=len, reverse=True):
        if word.startswith(stem.replace("ё", "е")):
            return _RU_ADJ[stem]
    return 0


def _year_from(m: re.Match, y: str, r: str | None = None) -> tuple[int | None, int | None]:
    """(year, year_offset) from groups y (written year) and r (relative year phrase)."""
    if m.group(y):
        return int(m.group(y)), None
    if r and m.group(r):
        return None, _ru_rel_year_offset(m.group(r))
    return None, None


def _week_value(pub: _Pub, weeks: int) -> str | None:
    if pub.day is None:
        return None
    monday = pub.day - timedelta(days=pub.day.weekday()) + timedelta(weeks=weeks)
    sunday = monday + timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return _fmt(monday.year, monday.month)
    if monday.year == sunday.year:
        return _fmt(monday.year)
    return None


def _month_value(pub: _Pub, months: int) -> str | None:
    if pub.month is None:
        return None
    idx = pub.year * 12 + (pub.month - 1) + months
    return _fmt(idx // 12, idx % 12 + 1)


def _day_value(pub: _Pub, days: int) -> str | None:
    if pub.day is None:
        return None
    d = pub.day + timedelta(days=days)
    return _fmt(d.year, d.month, d.day)


def _year_value(pub: _Pub, years: int) -> str | None:
    return None if pub.year is None else _fmt(pub.year + years)


def _unit_value(pub: _Pub, unit: str, off: int) -> str | None:
    if unit == "week":
        return _week_value(pub, off)
    if unit == "month":
        return _month_value(pub, off)
    if unit == "day":
        return _day_value(pub, off)
    return _year_value(pub, off)


# --------------------------------------------------------------------------------------------
# Russian rules
# --------------------------------------------------------------------------------------------


def _ru_mon(n: str) -> str:
    return _g(n, _RU_MON)


def _mnum_ru(s: str) -> int:
    return _RU_MONTHS[_fold(s)]


_RU_RANGE_START = rf"(?<!\w)(?:{_alt(_RU['range_start'])})"
_RU_RANGE_CONN = rf"(?:{_DASH}|\s+(?:{_alt(_RU['range_connectors'])})\s+)"

_RU_DMY = _c(rf"{_ru_day('d')}\s+{_ru_mon('m')}{_ru_yearpart('y', 'r')}?")
_RU_DDM = _c(
    rf"(?:(?P<pre>{_RU_RANGE_START})\s+)?{_ru_day('d1')}{_RU_RANGE_CONN}{_ru_day('d2')}\s+{_ru_mon('m')}"
    rf"{_ru_yearpart('y', 'r')}?"
)
_RU_MY = _c(rf"{_ru_mon('m')}{_ru_yearpart('y', 'r')}")
_RU_MM = _c(
    rf"(?:(?P<pre>{_RU_RANGE_START})\s+)?{_ru_mon('m1')}{_RU_RANGE_CONN}{_ru_mon('m2')}"
    rf"{_ru_yearpart('y', 'r')}?"
)
_RU_MONTH_ALONE = _c(_ru_mon("m"))
_RU_YEAR = _c(rf"(?<![\w.,/])(?P<y>{_YEAR_NUM}){_RU_YMARK_REQ}")
_RU_YY = _c(
    rf"(?:(?P<pre>{_RU_RANGE_START})\s+)?(?<![\w.,/{_DASHES}])(?P<y1>{_YEAR_NUM})(?P<k1>{_RU_YMARK_OPT})"
    rf"(?P<conn>{_RU_RANGE_CONN})(?P<y2>{_YEAR_NUM})(?![{_DASHES}]\d)(?P<k2>{_RU_YMARK_OPT})"
)
_RU_DECADE = _c(
    rf"(?<![\w.,/])(?P<y>1[7-9]\d0|20\d0)-?(?:х|е|ых|ые)(?!\w)(?:\s+год(?:ах|ов|ы|ам|ами)(?!\w))?"
)
_RU_ORD = (
    r"(?<!\w)(?P<ord>IV|I{1,3}|[1-4](?:-?(?:ого|ый|ом|го|й|м))?|"
    rf"(?:{_alt(_RU['ordinal_stems'])})[а-яё]{{0,4}})"
)
_RU_PERIOD = _c(
    rf"{_RU_ORD}\s+(?P<unit>{_alt(_RU['quarter_words'] + _RU['half_words'])})(?!\w)"
    rf"(?:\s+{_g('y', _YEAR_NUM)}{_RU_YMARK_OPT}|\s+{_g('r', _RU_REL_YEAR)})?"
)
_RU_MONTHS_OF = _c(
    r"(?<![\w.,])(?:\d{1,2}|три|шесть|девять|одиннадцать)\s+месяц(?:ев|а)"
    rf"(?:\s+{_g('y', _YEAR_NUM)}{_RU_YMARK_OPT}|\s+{_g('r', _RU_REL_YEAR)})"
)
_RU_SEASON_OF = {_fold(f): k for k, forms in _RU["seasons"].items() for f in forms}
_RU_SEASON = _c(
    rf"(?<!\w)(?P<s>{_alt(_RU_SEASON_OF)})(?:\s+{_g('y', _YEAR_NUM)}{_RU_YMARK_OPT}|\s+{_g('r', _RU_REL_YEAR)})"
)
_RU_SEASON_REL = _c(rf"(?<!\w)(?P<adj>{_alt(_RU['season_adjectives'])})\s+(?P<s>{_alt(_RU_SEASON_OF)})(?!\w)")
_RU_REL_DAY = _c(rf"(?<!\w)(?P<w>{_alt(_RU['relative_days'])})(?!\w)")
_RU_UNIT_OF = {f: u for u, forms in _RU["relative_units"].items() for f in forms}
_RU_REL_PHRASE = _c(
    r"(?<!\w)(?:(?P<prep>в|во|на|за|с|со|до|к|ко|по)\s+)?"
    rf"(?P<body>(?:(?P<mod>{_alt(_RU['relative_modifiers'])})\s+)?"
    rf"(?:(?P<adj>{_RU_ADJ_RE})\s+)?(?P<unit>{_alt(_RU_UNIT_OF)}))(?!\w)"
)
_RU_REL_ABBR = _c(rf"(?<!\w)(?P<r>{_RU_YABBR_RE})")
_RU_NAKANUNE_BLOCK = tuple(_RU["nakanune_blockers"])

_RU_SINCE = _c(rf"(?<!\w)(?P<p>{_alt(_RU['since'])})\s+$")
_RU_UNTIL = _c(rf"(?<!\w)(?P<p>{_alt(_RU['until'])})\s+$")
_RU_COMBO_GAP = _c(rf"{_RU_RANGE_CONN}")
_RU_COMBO_PRE = _c(rf"(?P<p>{_RU_RANGE_START})\s+$")


def _ru_dmy(m, pub):
    y, yoff = _year_from(m, "y", "r")
    pt = _point(y, _mnum_ru(m.group("m")), int(m.group("d")), yoff)
    return pt and _C(m.start(), m.end(), "date", pt)


def _ru_ddm(m, pub):
    y, yoff = _year_from(m, "y", "r")
    mo = _mnum_ru(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    a, b = _point(y, mo, d1, yoff), _point(y, mo, d2, yoff)
    if not a or not b or d1 >= d2:
        return None
    return _C(m.start(), m.end(), "range", a, b)


def _ru_my(m, pub):
    y, yoff = _year_from(m, "y", "r")
    return _C(m.start(), m.end(), "month", (y, _mnum_ru(m.group("m")), None, yoff))


def _ru_mm(m, pub):
    y, yoff = _year_from(m, "y", "r")
    m1, m2 = _mnum_ru(m.group("m1")), _mnum_ru(m.group("m2"))
    if m1 == m2:
        return None
    if y is None and yoff is None and not m.group("pre") and m.group("m1")[:1].isupper():
        return None  # "Марта-..." without any date context: more likely a name
    if m1 < m2:
        a, b = (y, m1, None, yoff), (y, m2, None, yoff)
    elif y is not None:
        a, b = (y - 1, m1, None, None), (y, m2, None, None)
    else:
        base = yoff or 0
        a, b = (None, m1, None, base - 1 if yoff is not None else base), (None, m2, None, base + (yoff is None))
    return _C(m.start(), m.end(), "range", a, b)


_RU_MONTH_CONTEXT = _c(
    r"(?<!\w)(?:в|во|с|со|до|по|к|ко|на|за|от|начале|конце|середине|начала|конца|середины|течение|"
    r"половине|месяц|месяце|месяца)\s+$"
)


def _ru_month_alone(m, pub):
    tok = m.group("m")
    if _fold(tok) not in _RU_FULL_FORMS:
        return None
    before = m.string[max(0, m.start() - 20) : m.start()]
    weak = not (tok[:1].islower() or _RU_MONTH_CONTEXT.search(before))
    return _C(m.start(), m.end(), "month", (None, _mnum_ru(tok), None, None), weak=weak)


def _ru_year(m, pub):
    return _C(m.start(), m.end(), "year", (int(m.group("y")), None, None, None))


def _ru_yy(m, pub):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1 or y2 - y1 > 100:
        return None
    dash = bool(re.fullmatch(_DASH, m.group("conn")))
    if not (m.group("pre") or m.group("k1") or m.group("k2") or dash):
        return None
    return _C(m.start(), m.end(), "range", (y1, None, None, None), (y2, None, None, None))


def _decade(m, pub):
    y = int(m.group("y"))
    return _C(m.start(), m.end(), "decade", (y, None, None, None), (y + 9, None, None, None))


def _ru_period(m, pub):
    y, yoff = _year_from(m, "y", "r")
    return _C(m.start(), m.end(), "period", (y, None, None, yoff))


def _ru_months_of(m, pub):
    y, yoff = _year_from(m, "y", "r")
    return _C(m.start(), m.end(), "period", (y, None, None, yoff))


def _ru_season(m, pub):
    y, yoff = _year_from(m, "y", "r")
    return _C(m.start(), m.end(), "season", (y, None, None, yoff))


def _season_rel(m, pub, offsets: dict, season_of: dict):
    season = season_of[_fold(m.group("s"))]
    off = offsets[m.group("adj").lower()]
    vs = None if season == "winter" else _year_value(pub, off)
    return _C(m.start(), m.end(), "season", vs=vs, rel=True)


def _ru_season_rel(m, pub):
    return _season_rel(m, pub, _RU["season_adjectives"], _RU_SEASON_OF)


def _capital_mid_sentence(m: re.Match) -> bool:
    """A Capitalized word that does not start a sentence (a title: "USA Today")."""
    w = m.group(0)
    if not w[:1].isupper() or w.isupper():
        return False
    before = m.string[: m.start()].rstrip(" \t\u00a0\"'«“")
    return bool(before) and before[-1] not in ".!?\n:;—–-"


def _quoted_title(m: re.Match) -> bool:
    return m.string[m.end() : m.end() + 1] in ("»", "”", '"')


def _ru_rel_day(m, pub):
    w = m.group("w").lower()
    if _capital_mid_sentence(m) or _quoted_title(m):
        return None
    if w == "накануне":
        nxt = re.match(r"\s+(\S+)", m.string[m.end() : m.end() + 40])
        if nxt:
            tok = nxt.group(1).lower().replace("ё", "е")
            if tok[:1].isdigit() or tok[:1] in "«\"" or tok.startswith(_RU_NAKANUNE_BLOCK):
                return None
    return _C(m.start(), m.end(), "relative", vs=_day_value(pub, _RU["relative_days"][w]), rel=True)


_RU_START_MODS = {"начале", "начала", "конце", "конца", "середине", "середины", "концу", "началу"}


def _rel_phrase(m, unit: str, off: int, prep: str | None, pub, since, until, locative):
    """Shared tail of the Russian and English relative-phrase rules."""
    value = _unit_value(pub, unit, off)
    if prep in until:
        return _C(m.start(), m.end(), "until", vs=None, ve=value, rel=True)
    if prep in since:
        return _C(m.start(), m.end(), "since", vs=value, rel=True)
    s = m.start() if (prep is None or prep in locative) else m.start("body")
    return _C(s, m.end(), "relative", vs=value, rel=True)


def _ru_rel_phrase(m, pub):
    unit = _RU_UNIT_OF[m.group("unit").lower()]
    mod = (m.group("mod") or "").lower() or None
    prep = (m.group("prep") or "").lower() or None
    if m.group("adj"):
        off = _ru_rel_year_offset(m.group("adj"))
    elif mod in _RU_START_MODS and unit in ("month", "year"):
        off = 0
    else:
        return None
    until = {"до", "к", "ко"}
    if m.group("unit").lower() in ("год", "месяц", "неделю"):
        until.add("по")  # "по прошлый год" (accusative) is an end; "по прошлому году" is not
    return _rel_phrase(m, unit, off, prep, pub, {"с", "со"}, until, {"в", "во", "на", "за"})


def _ru_rel_abbr(m, pub):
    return _C(m.start(), m.end(), "relative", vs=_year_value(pub, _RU_YABBR[_fold(m.group("r"))]), rel=True)


# --------------------------------------------------------------------------------------------
# Shared numeric rules
# --------------------------------------------------------------------------------------------

_NUM_DMY = _c(
    rf"(?<![\w.,/])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR_NUM})(?!\.\d)"
    rf"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)
_NUM_ISO = _c(
    rf"(?<![\w.,/{_DASHES}])(?P<y>{_YEAR_NUM})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d{_DASHES}])"
)
_NUM_SLASH = _c(rf"(?<![\w.,/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR_NUM})(?!/)")
_NUM_DDMY = _c(
    rf"(?<![\w.,/])(?P<d1>0?[1-9]|[12]\d|3[01])(?:\.(?P<m1>0?[1-9]|1[0-2]))?(?!\.\d){_DASH}"
    rf"(?P<d2>0?[1-9]|[12]\d|3[01])\.(?P<m2>0?[1-9]|1[0-2])\.(?P<y>{_YEAR_NUM})(?!\.\d)"
    rf"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)


def _num_dmy(m, pub):
    pt = _point(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return pt and _C(m.start(), m.end(), "date", pt)


def _num_slash_ru(m, pub):
    pt = _point(int(m.group("y")), int(m.group("b")), int(m.group("a")))
    return pt and _C(m.start(), m.end(), "date", pt)


def _num_slash_en(m, pub):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a > 12 and b <= 12:
        pt = _point(y, b, a)
    elif b > 12 and a <= 12:
        pt = _point(y, a, b)
    elif a == b and a <= 12:
        pt = _point(y, a, b)
    elif a <= 12 and b <= 12:
        return _C(m.start(), m.end(), "date", vs=None)  # day/month order cannot be told
    else:
        return None
    return pt and _C(m.start(), m.end(), "date", pt)


def _num_ddmy(m, pub):
    y = int(m.group("y"))
    m2 = int(m.group("m2"))
    m1 = int(m.group("m1")) if m.group("m1") else m2
    a, b = _point(y, m1, int(m.group("d1"))), _point(y, m2, int(m.group("d2")))
    if not a or not b or (m1, a[2]) >= (m2, b[2]):
        return None
    return _C(m.start(), m.end(), "range", a, b)


# --------------------------------------------------------------------------------------------
# English rules
# --------------------------------------------------------------------------------------------


def _en_mon(n: str) -> str:
    return _g(n, _EN_MON)


def _mnum_en(s: str) -> int:
    return _EN_MONTHS[_fold(s)]


_EN_RANGE_START = rf"(?<!\w)(?:{_alt(_EN['range_start'])})"
_EN_RANGE_CONN = rf"(?:{_DASH}|\s+(?P<c>{_alt(_EN['range_connectors'])})\s+)"

_EN_MDY = _c(rf"{_en_mon('m')}\s+{_en_day('d')}{_en_yearpart('y')}?")
_EN_DMY = _c(rf"{_en_day('d')}(?:\s+of)?\s+{_en_mon('m')}{_en_yearpart('y')}?")
_EN_DDM = _c(
    rf"(?:(?P<pre>{_EN_RANGE_START})\s+)?{_en_day('d1')}{_EN_RANGE_CONN}{_en_day('d2')}(?:\s+of)?\s+"
    rf"{_en_mon('m')}{_en_yearpart('y')}?"
)
_EN_MDD = _c(
    rf"(?:(?P<pre>{_EN_RANGE_START})\s+)?{_en_mon('m')}\s+{_en_day('d1')}{_EN_RANGE_CONN}{_en_day('d2')}"
    rf"{_en_yearpart('y')}?"
)
_EN_MY = _c(rf"{_en_mon('m')},?\s+(?:of\s+)?{_g('y', _YEAR_NUM)}")
_EN_MONTH_ALONE = _c(_en_mon("m"))
_EN_MONTH_CONTEXT = _c(
    rf"(?<!\w)(?:in|during|throughout|early|late|mid-?|of|{_alt(_EN['since'] + _EN['until'])}|"
    rf"{_alt(_EN['range_start'])})\s*$"
)
_EN_YEAR_PREP = _alt(_EN["year_prepositions"] + _EN["since"] + _EN["until"] + _EN["range_start"])
_EN_YEAR = _c(rf"(?<!\w)(?:{_EN_YEAR_PREP})\s*(?P<y>(?:19|20)\d\d)(?!\d|[.,]\d|\s*%|[{_DASHES}]\d)")
_EN_YY = _c(
    rf"(?:(?P<pre>{_EN_RANGE_START})\s+)?(?<![\w.,/{_DASHES}])(?P<y1>{_YEAR_NUM})"
    rf"(?P<conn>{_EN_RANGE_CONN})(?P<y2>{_YEAR_NUM})(?![{_DASHES}]\d)"
)
_EN_DECADE = _c(r"(?<![\w.,/])(?P<y>(?:1[7-9]|20)\d0)['’]?s(?!\w)")
_EN_PERIOD = _c(
    rf"(?<!\w)(?P<ord>{_alt(_EN['ordinals'])})\s+(?P<unit>quarter|half)(?!\w)"
    rf"(?:(?:\s+of)?\s+{_g('y', _YEAR_NUM)}|\s+of\s+(?P<radj>this|last|next|the\s+current)\s+year)?"
)
_EN_PERIOD_Q = _c(rf"(?<!\w)(?P<q>Q[1-4]|H[12])(?:\s+of\s+|\s*|[-/]){_g('y', _YEAR_NUM)}")
_EN_SEASON_OF = {_fold(f): k for k, forms in _EN["seasons"].items() for f in forms}
_EN_SEASON = _c(rf"(?<!\w)(?P<s>{_alt(_EN_SEASON_OF)})(?:\s+of)?\s+{_g('y', _YEAR_NUM)}")
_EN_SEASON_REL = _c(rf"(?<!\w)(?P<adj>this|last|next)\s+(?P<s>{_alt(_EN_SEASON_OF)})(?!\w)")
_EN_REL_DAY = _c(rf"(?<!\w)(?P<w>{_alt(_EN['relative_days'])})(?!\w)")
_EN_REL_PHRASE = _c(
    r"(?<!\w)(?:(?P<prep>by|until|till|since|from|before|in|during|over)\s+)?"
    rf"(?P<body>(?:(?P<mod>{_alt(_EN['relative_modifiers'])})\s+)?"
    rf"(?P<adj>{_alt(_EN['relative_adjectives'])}|the)\s+(?P<unit>week|month|year))(?!\w)"
)
_EN_SINCE = _c(rf"(?<!\w)(?P<p>{_alt(_EN['since'])})\s+$")
_EN_UNTIL = _c(rf"(?<!\w)(?P<p>{_alt(_EN['until'])})\s+$")
_EN_COMBO_GAP = _c(_EN_RANGE_CONN)
_EN_COMBO_PRE = _c(rf"(?P<p>{_EN_RANGE_START})\s+$")


def _en_mdy(m, pub):
    y = int(m.group("y")) if m.group("y") else None
    pt = _point(y, _mnum_en(m.group("m")), int(m.group("d")))
    return pt and _C(m.start(), m.end(), "date", pt)


def _en_dd(m, pub):
    y = int(m.group("y")) if m.group("y") else None
    if m.group("c") and m.group("c").lower() == "and" and not m.group("pre"):
        return None
    mo = _mnum_en(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    a, b = _point(y, mo, d1), _point(y, mo, d2)
    if not a or not b or d1 >= d2:
        return None
    return _C(m.start(), m.end(), "range", a, b)


def _en_my(m, pub):
    return _C(m.start(), m.end(), "month", (int(m.group("y")), _mnum_en(m.group("m")), None, None))


def _en_month_alone(m, pub):
    tok = m.group("m")
    if _fold(tok) not in _EN_FULL_FORMS:
        return None
    weak = not _EN_MONTH_CONTEXT.search(m.string[max(0, m.start() - 30) : m.start()])
    return _C(m.start(), m.end(), "month", (None, _mnum_en(tok), None, None), weak=weak)


def _en_year(m, pub):
    return _C(m.start("y"), m.end(), "year", (int(m.group("y")), None, None, None))


def _en_yy(m, pub):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1 or y2 - y1 > 100:
        return None
    c = (m.group("c") or "").lower()
    if c == "and" and not m.group("pre"):
        return None
    if c and not m.group("pre"):
        return None
    return _C(m.start(), m.end(), "range", (y1, None, None, None), (y2, None, None, None))


def _en_period(m, pub):
    if m.group("y"):
        return _C(m.start(), m.end(), "period", (int(m.group("y")), None, None, None))
    radj = (m.group("radj") or "this").lower()
    off = {"last": -1, "next": 1}.get(radj, 0)
    return _C(m.start(), m.end(), "period", (None, None, None, off))


def _en_period_q(m, pub):
    return _C(m.start(), m.end(), "period", (int(m.group("y")), None, None, None))


def _en_season(m, pub):
    return _C(m.start(), m.end(), "season", (int(m.group("y")), None, None, None))


def _en_season_rel(m, pub):
    return _season_rel(m, pub, {"this": 0, "last": -1, "next": 1}, _EN_SEASON_OF)


def _en_rel_day(m, pub):
    if _capital_mid_sentence(m) or _quoted_title(m):
        return None
    w = re.sub(r"\s+", " ", m.group("w").lower())
    return _C(m.start(), m.end(), "relative", vs=_day_value(pub, _EN["relative_days"][w]), rel=True)


def _en_rel_phrase(m, pub):
    adj = m.group("adj").lower()
    mod = (m.group("mod") or "").lower() or None
    prep = (m.group("prep") or "").lower() or None
    unit = m.group("unit").lower()
    if adj == "the":
        if not mod or mod in ("earlier", "later", "early", "late"):
            return None
        off = 0
    else:
        off = _EN["relative_adjectives"][adj]
    return _rel_phrase(
        m, unit, off, prep, pub, {"since", "from"}, {"by", "until", "till", "before"}, {"in", "during", "over"}
    )


# --------------------------------------------------------------------------------------------
# Rule tables and the driver
# --------------------------------------------------------------------------------------------

_NUMERIC = [(_NUM_DMY, _num_dmy), (_NUM_ISO, _num_dmy), (_NUM_DDMY, _num_ddmy)]

_RULES = {
    "ru": _NUMERIC
    + [
        (_NUM_SLASH, _num_slash_ru),
        (_RU_DMY, _ru_dmy),
        (_RU_DDM, _ru_ddm),
        (_RU_MY, _ru_my),
        (_RU_MM, _ru_mm),
        (_RU_MONTH_ALONE, _ru_month_alone),
        (_RU_YEAR, _ru_year),
        (_RU_YY, _ru_yy),
        (_RU_DECADE, _decade),
        (_RU_PERIOD, _ru_period),
        (_RU_MONTHS_OF, _ru_months_of),
        (_RU_SEASON, _ru_season),
        (_RU_SEASON_REL, _ru_season_rel),
        (_RU_REL_DAY, _ru_rel_day),
        (_RU_REL_PHRASE, _ru_rel_phrase),
        (_RU_REL_ABBR, _ru_rel_abbr),
    ],
    "en": _NUMERIC
    + [
        (_NUM_SLASH, _num_slash_en),
        (_EN_MDY, _en_mdy),
        (_EN_DMY, _en_mdy),
        (_EN_DDM, _en_dd),
        (_EN_MDD, _en_dd),
        (_EN_MY, _en_my),
        (_EN_MONTH_ALONE, _en_month_alone),
        (_EN_YEAR, _en_year),
        (_EN_YY, _en_yy),
        (_EN_DECADE, _decade),
        (_EN_PERIOD, _en_period),
        (_EN_PERIOD_Q, _en_period_q),
        (_EN_SEASON, _en_season),
        (_EN_SEASON_REL, _en_season_rel),
        (_EN_REL_DAY, _en_rel_day),
        (_EN_REL_PHRASE, _en_rel_phrase),
    ],
}

_OPEN = {
    "ru": (_RU_SINCE, _RU_UNTIL, _RU_COMBO_GAP, _RU_COMBO_PRE),
    "en": (_EN_SINCE, _EN_UNTIL, _EN_COMBO_GAP, _EN_COMBO_PRE),
}

_SINGLE = ("date", "month", "year")
_RU_DATIVE_TAIL = re.compile(r"(?:году|годам|[юу])$", re.IGNORECASE)


def _select(cands: list[_C]) -> list[_C]:
    """Non-overlapping subset, longest first (ties: earlier start, then rule order)."""
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].e - cands[i].s), cands[i].s, i))
    taken: list[_C] = []
    for i in order:
        c = cands[i]
        if all(c.e <= t.s or c.s >= t.e for t in taken):
            taken.append(c)
    taken.sort(key=lambda c: c.s)
    return taken


def _bounds(pt: Point) -> tuple[tuple, tuple] | None:
    y, m, d, yoff = pt
    key = y if y is not None else (yoff or 0)
    return (key, m or 1, d or 1), (key, m or 12, d or 31)


def _combine(a: _C, b: _C) -> tuple[Point, Point] | None:
    pa, pb = a.a, b.a
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
    if not pa2 or not pb2:
        return None
    if (ya is None) == (yb is None):
        if _bounds(pa2)[0] > _bounds(pb2)[1] or pa2 == pb2:
            return None
    return pa2, pb2


def _open_ranges(text: str, atoms: list[_C], lang: str) -> list[_C]:
    since_re, until_re, gap_re, pre_re = _OPEN[lang]
    out: list[_C] = []
    for i, a in enumerate(atoms):
        if a.a is None or a.b is not None or a.kind not in _SINGLE + ("period", "season"):
            continue
        window = text[max(0, a.s - 40) : a.s]
        # ranges built of two single atoms: "с 30 ноября по 1 декабря", "June 30 - July 2, 2025"
        if i + 1 < len(atoms) and a.kind in _SINGLE:
            b = atoms[i + 1]
            if b.a is not None and b.b is None and b.kind in _SINGLE and gap_re.fullmatch(text, a.e, b.s):
                g = gap_re.fullmatch(text, a.e, b.s)
                pm = pre_re.search(window)
                conn_and = lang == "en" and (g.group("c") or "").lower() == "and"
                if not conn_and or (pm and pm.group("p").lower() == "between"):
                    pts = _combine(a, b)
                    if pts:
                        out.append(_C(pm.start() + a.s - len(window) if pm else a.s, b.e, "range", *pts))
        um = until_re.search(window)
        if um:
            p = re.sub(r"\s+", " ", um.group("p").lower())
            if not (p == "по" and _RU_DATIVE_TAIL.search(text[a.s : a.e].rstrip("."))):
                out.append(_C(a.s - len(window) + um.start(), a.e, "until", None, a.a))
                continue
        sm = since_re.search(window)
        if sm:
            out.append(_C(a.s - len(window) + sm.start(), a.e, "since", a.a, None))
    return out


def find_dates(text: str, published: str | None = None, lang: str = "ru") -> list[DateMention]:
    """All date mentions in `text`, resolved against `published` (ISO "YYYY-MM-DD", or partial)."""
    pub = _Pub(published)
    lang = "ru" if (lang or "ru").lower().startswith("ru") else "en"
    atoms: list[_C] = []
    for rx, fn in _RULES[lang]:
        for m in rx.finditer(text):
            c = fn(m, pub)
            if c is not None:
                atoms.append(c)
    atoms = _select(atoms)
    chosen = _select(atoms + _open_ranges(text, atoms, lang))
    out: list[DateMention] = []
    for c in chosen:
        if c.weak:
            continue
        vs, ve, rel = c.vs, c.ve, c.rel
        if c.a is not None:
            vs, r = _resolve(c.a, pub)
            rel = rel or r
        if c.b is not None:
            ve, r = _resolve(c.b, pub)
            rel = rel or r
        out.append(DateMention(c.s, c.e, text[c.s : c.e], vs, ve, c.kind, rel))
    return out


# --------------------------------------------------------------------------------------------
# Publication date
# --------------------------------------------------------------------------------------------

_HEAD_LINES = 8
_TAIL_LINES = 3
_LINE = re.compile(r"[^\n\r]+")
_LABEL = {
    "ru": _c(rf"^\s*(?:{_alt(_RU['published_labels'] + _EN['published_labels'])})\s*:?\s*"),
    "en": _c(rf"^\s*(?:{_alt(_EN['published_labels'] + _RU['published_labels'])})\s*:?\s*"),
}
_WEEKDAYS = _alt(_RU["weekdays"] + _EN["weekdays"])
_RESIDUE = _c(
    rf"(?:(?<!\w)(?:{_WEEKDAYS})\.?(?!\w)|T?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?Z?|(?<!\w)(?:в|at|UTC|GMT|МСК|MSK)"
    r"(?!\w)|[\s\W_])"
)
_CITY = re.compile(
    r"^\s*(?:г\.\s*)?[A-ZА-ЯЁ][\w.'’\-]*(?:[ \-](?:[A-ZА-ЯЁ(][\w.'’()\-]*|de|del|da|на|upon|am))*\s*,\s*"
)
_AFTER_DATELINE = re.compile(rf"\s*(?:$|[{_DASHES}.:(,/|])")


def _full(m: DateMention) -> bool:
    return m.kind == "date" and not m.relative and m.value_start is not None and len(m.value_start) == 10


def _only_date(line: str, lang: str) -> DateMention | None:
    ms = find_dates(line, None, lang)
    full = [m for m in ms if _full(m)]
    if len(full) != 1 or len(ms) != 1:
        return None
    m = full[0]
    rest = line[: m.start] + " " + line[m.end :]
    return m if not _RESIDUE.sub("", rest) else None


def _labeled(line: str, lang: str) -> DateMention | None:
    lm = _LABEL[lang].match(line)
    if not lm:
        return None
    rest = line[lm.end() :]
    for m in find_dates(rest, None, lang):
        if not _full(m):
            return None
        if _RESIDUE.sub("", rest[: m.start]):
            return None
        return DateMention(m.start + lm.end(), m.end + lm.end(), m.text, m.value_start, None, m.kind, False)
    return None


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


def find_published(text: str, lang: str = "ru") -> tuple[str, int, int] | None:
    """The publication date the text states about itself: (ISO day, start, end of the date), or None.

    Looked for, in order: in the first lines, a "Published:"/"Дата:"-style label, a line that is
    only a full date, or a dateline "City, <full date> -"; then, in the last lines, a label, a date
    line, or a signature line ending in ", <full date>". A date without a year ("МОСКВА, 5 ноября.")
    never counts. The span returned is that of the date itself.
    """
    lang = "ru" if (lang or "ru").lower().startswith("ru") else "en"
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    head = lines[:_HEAD_LINES]
    tail = lines[_HEAD_LINES:][-_TAIL_LINES:]
    for lm in head:
        line = lm.group()
        for fn in (_labeled, _only_date, _dateline):
            m = fn(line, lang)
            if m:
                return m.value_start, lm.start() + m.start, lm.start() + m.end
    for lm in reversed(tail):
        line = lm.group()
        for fn in (_labeled, _only_date, _closing):
            m = fn(line, lang)
            if m:
                return m.value_start, lm.start() + m.start, lm.start() + m.end
    return None
