"""Date expressions in the region's other languages: Kazakh, Kyrgyz, Uzbek (Latin and Cyrillic),
Tajik, Belarusian, Serbian (Cyrillic and Latin) and Chinese.

Same output as ``dates.find_dates`` — a sorted, non-overlapping list of ``dates.DateMention`` whose
values are partial ISO strings that never claim more precision than the text gives — from small
per-language patterns over a month-name lexicon (resources/dates_regional.json), because that is
what measured reliable: dateparser's ``search_dates`` (tried first) finds none of "2026-yil
27-aprel", "2026-жылдын 27-апрелинде", "27. априла 2026.", "2026 жылғы 27 сәуірде", and where it
does answer it often fills the day and month it could not read from today's date (a Kazakh or
Serbian full date comes back as a year with today's month and day). Here a day is emitted only when
a day number stands next to a month name (or in a numeric date), a month only next to a year, and
a year only with a year word ("2026 жылы", "2026-yilda", "у 2026 годзе", "2026. године",
"соли 2026", "2026年") or inside a date: a bare number never becomes a date.

Shapes, in every language that has a lexicon ("Y" a year, "D" a day, "M" a month name with the
case ending the language adds: "сәуірде", "aprelda", "апрелинде", "апрели"):

* ``date``      D M Y ("27 сәуір 2026", "27. априла 2026.", "27 апрели соли 2026"),
                Y D M ("2026 жылғы 27 сәуірде", "2026-yil 27-aprel", "2026-жылдын 27-апрелинде"),
                D M without a year ("27-aprelda": takes the publication year, ``relative``),
                DD.MM.YYYY and YYYY-MM-DD, and in Chinese 2026年4月27日 / 4月27日.
* ``range``     D–D M, D M – D M, with the year before or after ("27–28 сәуір 2026",
                "27.–28. априла 2026.", "2026年4月27日至28日"); Y–Y with a year word
                ("2024–2026 жылдарға").
* ``month``     M Y or Y M ("у красавіку 2026 года", "2026 жылғы сәуірде", "2026年4月").
* ``year``      Y with a year word.
* ``relative``  "yesterday" ("кеше", "учора", "јуче", "昨天", ...), only for the languages where the
                word means nothing else (Uzbek "kecha" is also "night": left out), "today" and
                "tomorrow" as whole words ("бүгін", "danas", "明天"; not the adjectives "бүгінгі",
                "današnji", which are as often "present-day"); each resolves against a publication
                date given to the day, else to None.

* ``month``     a month standing alone only after a preposition or a time word, or before a month
                word, that make it one ("у кастрычніку", "u oktobru", "početkom novembra", "қазан
                айында"): the publication year's.
* ``relative``  "the day before" ("напярэдадні", "uoči") where no noun follows it (then it is the
                eve of that event); a weekday after its preposition ("у пятніцу", "u petak"): that
                day in the week around the publication day, three days before it to three after; last,
                this and next year ("мінулага года", "prošle godine", "өткен жылы", "明年"); with a
                month right before ("у марту следеће године") or a Chinese month after ("明年3月"),
                that month of that year.

Not handled, knowingly: weekdays without a preposition, counted
offsets, month names standing alone without such a word (Kazakh "қазан" is October, a cauldron and
the city of Kazan; "наурыз" is March and a holiday), Chinese numerals (二〇二六年), Kyrgyz and Tajik traditional month
names, and enumerations of days ("27 и 29") other than two days running ("27 и 28", a period).

Standard library only; every pattern is compiled once per language.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from .date_grammar import alternation, day_value, month_shift, partial_iso, valid_day, week_bounds
from .dates import DateMention
from .resources import load_json

__all__ = ["LANGUAGES", "find_dates", "find_published", "supports"]

_LEX = load_json("dates_regional.json")
LANGUAGES = tuple(k for k in _LEX if not k.startswith("_"))

_DASH = r"\s*[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*"
_YEAR = r"(?:1[7-9]\d\d|2[01]\d\d)"
_AND = r"(?:i|и|і|va|ва|және|жана|ва)"  # 'and' between two day numbers
_FROM, _TO = r"(?:аз|od|од|з|са)", r"(?:то|do|до|па)"  # 'from' ... 'to' around two day numbers


def supports(lang: str | None) -> bool:
    return (lang or "") in LANGUAGES


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------

class _Pub:
    __slots__ = ("year", "day")

    def __init__(self, published: str | None) -> None:
        self.year: int | None = None
        self.day: date | None = None
        if not published:
            return
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
        if not m:
            raise ValueError(f"published is not an ISO date: {published!r}")
        self.year = int(m.group(1))
        if m.group(3):
            self.day = date(self.year, int(m.group(2)), int(m.group(3)))


class _Cand:
    """A candidate: span, kind, values; `rel` when the value needed the publication date."""

    __slots__ = ("s", "e", "kind", "vs", "ve", "rel")

    def __init__(self, s: int, e: int, kind: str, vs: str | None, ve: str | None = None, rel: bool = False):
        self.s, self.e, self.kind, self.vs, self.ve, self.rel = s, e, kind, vs, ve, rel


# --------------------------------------------------------------------------------------------
# Patterns per language
# --------------------------------------------------------------------------------------------

class _Lang:
    """The compiled patterns of one language (built from its lexicon entry)."""

    def __init__(self, code: str, lex: dict) -> None:
        self.code = code
        self.month_of: dict[str, int] = {}
        for num, forms in lex.get("months", {}).items():
            for f in forms:
                self.month_of[f.lower()] = int(num)
        self.needs_year = {w.lower() for w in lex.get("needs_year", [])}
        self.relative = [(_whole_words([w.lower() for w in words]), days)
                         for key, days in (("yesterday", -1), ("today", 0), ("tomorrow", 1)) if (words := lex.get(key))]
        self.eve = _whole_words([w.lower() for w in lex["eve"]]) if lex.get("eve") else None
        # last, this and next year ("мінулага года", "следеће године", "明年"): a year counted from the publication's
        self.rel_years = [(_whole_words([w.lower() for w in words]), int(n))
                          for n, words in (lex.get("relative_years") or {}).items() if words]
        # last and next week ("наредне недеље", "мінулым тыдні"): Monday to Sunday of that week
        self.rel_weeks = [(_whole_words([w.lower() for w in words]), int(n))
                          for n, words in (lex.get("relative_weeks") or {}).items() if words]
        # "Kecha ...": yesterday only where a sentence or a clause starts ("adabiy kecha" is an evening)
        starts = [w.lower() for w in lex.get("yesterday_at_start") or []]
        self.yesterday_start = re.compile(rf"(?:^|(?<=[.!?\n,])\s*|(?<=[.!?\n,]))({alternation(starts)})(?![\w-])",
                                          re.MULTILINE) if starts else None
        self.rel_months = [(_whole_words([w.lower() for w in words]), int(n))  # "kelgusi oyda", "下个月"
                           for n, words in (lex.get("relative_months") or {}).items() if words]
        days = lex.get("weekdays") or []
        self.weekday = {w.lower(): n for n, forms in enumerate(days) for w in forms}
        self.weekday_rx = (re.compile(rf"(?<!\w)(?:{lex['weekday_before']})({alternation(self.weekday)})(?!\w)")
                           if self.weekday else None)
        self.patterns: list[tuple[str, re.Pattern]] = []
        self._month_before = None
        if self.month_of:
            self._build(lex)
            self._month_before = re.compile(rf"(?<!\w)(?P<m1>{alternation(self.month_of)}){lex.get('month_suffix') or ''}\s+$")

    def _build(self, lex: dict) -> None:
        suffix = lex.get("month_suffix") or ""
        tail = lex.get("month_tail")
        tail_rx = rf"(?:\s+(?:{tail})(?!\w))?" if tail else ""
        stems = alternation(self.month_of)

        def month(n: str) -> str:
            return rf"(?<!\w)(?P<{n}>{stems}){suffix}(?!\w)"

        def day(n: str) -> str:
            return rf"(?<![\w.,:/])(?P<{n}>0?[1-9]|[12]\d|3[01])(?!\d)"

        dot = r"\.?" if lex.get("day_dot") else ""
        dsep = rf"{dot}(?:\s*[\-\u2010\u2011]\s*|\s+)" if not lex.get("day_dot") else r"\.?\s*"
        year_after = lex.get("year_after")
        year_before = lex.get("year_before")

        def year(n: str) -> str:
            return rf"(?<![\w.,:/])(?P<{n}>{_YEAR})(?![\d]|[.,]\d)"

        # the year before the day, with its year word ("2026 жылғы", "2026-yil", "2026-жылдын")
        ypre = rf"{year('yp')}(?:{year_after})\s*,?\s*" if year_after else None
        # the year after the month: a year word is optional there ("27 сәуір 2026", "априла 2026.")
        ya = rf"(?:{year_after})" if year_after else ""
        yb = rf"(?:{year_before})?" if year_before else ""
        if not lex.get("year_after_month_bare") and year_after:
            ya = rf"(?:{year_after})"
        elif year_after:
            ya += "?"
        ypost = rf"(?:\s*,\s*|\s+){yb}{year('ys')}{ya}"

        cores = {
            "dm": rf"{day('d1')}{dsep}{month('m1')}",
            "ddm": rf"{day('d1')}{dot}{_DASH}{day('d2')}{dsep}{month('m2')}",
            # "15. i 16. oktobra", "27 и 28 красавіка": two days running, a period
            "dadm": rf"{day('d1')}{dot}\s+{_AND}\s+{day('d2')}{dsep}{month('m2')}",
            # "аз 17 то 28 ноябри", "od 17. do 28. novembra", "з 17 па 28 лістапада": from one day to another
            "fdm": rf"(?<!\w){_FROM}\s+{day('d1')}{dot}\s+{_TO}\s+{day('d2')}{dsep}{month('m2')}",
            "dmdm": rf"{day('d1')}{dsep}{month('m1')}{_DASH}{day('d2')}{dsep}{month('m2')}",
        }
        for name, core in cores.items():
            self.patterns.append((name, re.compile(rf"{core}{tail_rx}(?:{ypost})?")))
            if ypre:
                self.patterns.append((name, re.compile(rf"{ypre}{core}{tail_rx}")))
        # a month alone after a word that makes it a time ("početkom novembra", "у децембру"): that month
        # of the publication's year
        if lex.get("month_alone_after"):
            self.patterns.append(("mo", re.compile(
                rf"(?<!\w)(?:{alternation([w.lower() for w in lex['month_alone_after']])})\s+{month('m1')}")))
        # a month standing alone where a preposition or a month word says it is one ("у кастрычніку",
        # "u oktobru", "қазан айында"): the publication year's
        if before := lex.get("month_alone_before"):
            self.patterns.append(("mo", re.compile(rf"(?<!\w)(?:{before}){month('m1')}")))
        if tail and lex.get("month_alone_with_tail"):
            self.patterns.append(("mo", re.compile(rf"{month('m1')}\s+(?:{tail})(?!\w)")))
        # month and year
        self.patterns.append(("my", re.compile(rf"{month('m1')}{tail_rx}{ypost}")))
        if ypre:
            self.patterns.append(("my", re.compile(rf"{ypre}{month('m1')}{tail_rx}")))
        # a year, or a range of years, with its year word
        if year_after:
            self.patterns.append(("y", re.compile(rf"{year('ys')}(?:{year_after})")))
            self.patterns.append(("yy", re.compile(rf"{year('yp')}{_DASH}{year('ys')}(?:{year_after})")))
        if year_before:
            self.patterns.append(("y", re.compile(rf"(?<!\w)(?:{year_before}){year('ys')}")))
            self.patterns.append(("yy", re.compile(rf"(?<!\w)(?:{year_before}){year('yp')}{_DASH}{year('ys')}")))

    # -- candidates ------------------------------------------------------------------------------
    def candidates(self, low: str, pub: _Pub, text: str = "") -> list[_Cand]:
        out: list[_Cand] = []
        if self.eve is not None:  # "Напярэдадні Андрэй ... правёў": the day before; "напярэдадні сустрэчы" is not
            for m in self.eve.finditer(low):
                nxt = re.match(r"\s+(\w)", (text or low)[m.end():])
                if not (nxt and nxt.group(1).islower()):
                    vs = day_value(pub, -1)
                    out.append(_Cand(m.start(), m.end(), "relative", vs, rel=True))
        for name, rx in self.patterns:
            for m in rx.finditer(low):
                c = self._read(name, m, pub)
                if c is not None:
                    out.append(c)
        if self.weekday_rx is not None:  # "у пятніцу": that weekday in the week around the publication day
            for m in self.weekday_rx.finditer(low):
                vs = None
                if pub.day:
                    shift = (self.weekday[m.group(1)] - pub.day.weekday()) % 7
                    vs = partial_iso(*_ymd(pub.day + timedelta(days=shift if shift <= 3 else shift - 7)))
                out.append(_Cand(m.start(1), m.end(1), "relative", vs, rel=True))
        for rx, days in self.relative:
            for m in rx.finditer(low):
                vs = day_value(pub, days)
                out.append(_Cand(m.start(), m.end(), "relative", vs, rel=True))
        for rx, delta in self.rel_years:
            for m in rx.finditer(low):
                out.append(self._relative_year(low, m, pub.year + delta if pub.year else None))
        if self.yesterday_start is not None:
            for m in self.yesterday_start.finditer(low):
                vs = day_value(pub, -1)
                out.append(_Cand(m.start(1), m.end(1), "relative", vs, rel=True))
        for rx, delta in self.rel_months:
            for m in rx.finditer(low):
                vs = partial_iso(*month_shift(pub.day.year, pub.day.month, delta)) if pub.day else None
                out.append(_Cand(m.start(), m.end(), "month", vs, rel=True))
        for rx, delta in self.rel_weeks:
            for m in rx.finditer(low):
                week = week_bounds(pub.day, delta) if pub.day else None
                out.append(_Cand(m.start(), m.end(), "range", partial_iso(*_ymd(week[0])) if week else None,
                                 partial_iso(*_ymd(week[1])) if week else None, rel=True))
        return out

    def _relative_year(self, low: str, m: re.Match, year: int | None) -> _Cand:
        """"следеће године" as a year; with a month right before it ("у марту следеће године") or a
        Chinese month right after it ("明年3月"), that month of the year."""
        before = self._month_before.search(low, max(0, m.start() - 20), m.start()) if self._month_before else None
        after = _ZH_MONTH_AFTER.match(low, m.end())
        if before is not None:
            mo, s, e = self.month_of[before.group("m1")], before.start(), m.end()
        elif after is not None:
            mo, s, e = int(after.group(1)), m.start(), after.end()
        else:
            return _Cand(m.start(), m.end(), "year", partial_iso(year) if year else None, rel=True)
        return _Cand(s, e, "month", partial_iso(year, mo) if year else None, rel=True)

    def _read(self, name: str, m: re.Match, pub: _Pub) -> _Cand | None:
        gd = m.groupdict()
        y = gd.get("yp") or gd.get("ys")
        year = int(y) if y else None
        if name == "y":
            return _Cand(m.start(), m.end(), "year", partial_iso(year))
        if name == "yy":
            a, b = int(gd["yp"]), int(gd["ys"])
            return _Cand(m.start(), m.end(), "range", partial_iso(a), partial_iso(b)) if a < b else None
        m1 = self.month_of[gd["m1"]] if gd.get("m1") else None
        if name == "mo":
            return _Cand(m.start("m1"), m.end(), "month", partial_iso(pub.year, m1) if pub.year else None, rel=True)
        if name == "my":
            return _Cand(m.start(), m.end(), "month", partial_iso(year, m1))
        words = {gd.get("m1"), gd.get("m2")} - {None}
        if year is None and words & self.needs_year:
            return None  # "20 май" may be twenty of something else: only with a year
        rel = year is None
        if rel:
            if pub.year is None:
                return _Cand(m.start(), m.end(), "date" if name == "dm" else "range", None, None, rel=True)
            year = pub.year
        d1 = int(gd["d1"])
        if name == "dm":
            return _Cand(m.start(), m.end(), "date", partial_iso(year, m1, d1), rel=rel) if valid_day(year, m1, d1) else None
        d2 = int(gd["d2"])
        m2 = self.month_of[gd["m2"]]
        if name in ("ddm", "dadm", "fdm"):
            if not (d1 < d2 and valid_day(year, m2, d1) and valid_day(year, m2, d2)) or (name == "dadm" and d2 != d1 + 1):
                return None
            return _Cand(m.start(), m.end(), "range", partial_iso(year, m2, d1), partial_iso(year, m2, d2), rel=rel)
        # dmdm: "30 сәуір – 2 мамыр 2026"; across a new year the written year is the later one's
        # when it comes after, the earlier one's when it comes before
        y1 = y2 = year
        if m1 > m2:
            if gd.get("ys") or rel:
                y1 = year - 1
            else:
                y2 = year + 1
        if (y1, m1, d1) >= (y2, m2, d2) or not (valid_day(y1, m1, d1) and valid_day(y2, m2, d2)):
            return None
        return _Cand(m.start(), m.end(), "range", partial_iso(y1, m1, d1), partial_iso(y2, m2, d2), rel=rel)


_ZH_MONTH_AFTER = re.compile(r"\s*(1[0-2]|0?[1-9])\s*月(?!\s*[0-9０-９])")


def _whole_words(words: list[str]) -> re.Pattern:
    """The words, not inside longer ones; Chinese has no spaces to tell words apart: as written."""
    if all("\u4e00" <= w[0] <= "\u9fff" for w in words):
        return re.compile(alternation(words))
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)")


def _ymd(d: date) -> tuple[int, int, int]:
    return d.year, d.month, d.day


# Numeric dates, the same in every language: 27.04.2026 (a Serbian "27. 4. 2026." too), 2026-04-27
_NUM_DMY = re.compile(rf"(?<![\w.,:/])(?P<d>0?[1-9]|[12]\d|3[01])\.\s?(?P<m>0?[1-9]|1[0-2])\.\s?(?P<y>{_YEAR})(?![\d]|[.,]\d)")
_NUM_ISO = re.compile(rf"(?<![\w.,:/\-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w\-])")


def _numeric(low: str) -> list[_Cand]:
    out = []
    for rx in (_NUM_DMY, _NUM_ISO):
        for m in rx.finditer(low):
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if valid_day(y, mo, d):
                out.append(_Cand(m.start(), m.end(), "date", partial_iso(y, mo, d)))
    return out


# Chinese: digits with 年 月 日 (号); a range goes on with 至/到/— after the first day
_ZH_NUM = r"[0-9０-９]"
_ZH_FULL = re.compile(
    rf"(?<![0-9０-９])(?P<first>(?:(?P<y>{_YEAR})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*[日号])"
    rf"(?:\s*(?:至|到|[\-\u2013\u2014~～])\s*(?:(?P<m2>1[0-2]|0?[1-9])\s*月\s*)?(?P<d2>3[01]|[12]\d|0?[1-9])\s*[日号])?"
)
_ZH_MONTH = re.compile(rf"(?<![0-9０-９])(?P<y>{_YEAR})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月(?!\s*{_ZH_NUM})")
_ZH_YEAR = re.compile(rf"(?<![0-9０-９])(?P<y>{_YEAR})\s*年(?!\s*{_ZH_NUM}+\s*月)")
_ZH_YY = re.compile(rf"(?<![0-9０-９])(?P<a>{_YEAR})\s*(?:年\s*)?(?:至|到|[\-\u2013\u2014~～])\s*(?P<b>{_YEAR})\s*年")


def _zh(text: str, pub: _Pub) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _ZH_FULL.finditer(text):
        y = int(m.group("y")) if m.group("y") else None
        rel = y is None
        if rel:
            if pub.year is None:
                out.append(_Cand(m.start(), m.end(), "range" if m.group("d2") else "date", None, rel=True))
                continue
            y = pub.year
        mo, d = int(m.group("m")), int(m.group("d"))
        if not valid_day(y, mo, d):
            continue
        if m.group("d2"):
            mo2 = int(m.group("m2")) if m.group("m2") else mo
            d2 = int(m.group("d2"))
            if valid_day(y, mo2, d2) and (mo, d) < (mo2, d2):
                out.append(_Cand(m.start(), m.end(), "range", partial_iso(y, mo, d), partial_iso(y, mo2, d2), rel=rel))
                continue
            # not a range after all: the first day alone
            out.append(_Cand(m.start(), m.end("first"), "date", partial_iso(y, mo, d), rel=rel))
            continue
        out.append(_Cand(m.start(), m.end(), "date", partial_iso(y, mo, d), rel=rel))
    for m in _ZH_MONTH.finditer(text):
        out.append(_Cand(m.start(), m.end(), "month", partial_iso(int(m.group("y")), int(m.group("m")))))
    for m in _ZH_YEAR.finditer(text):
        out.append(_Cand(m.start(), m.end(), "year", partial_iso(int(m.group("y")))))
    for m in _ZH_YY.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        if a < b:
            out.append(_Cand(m.start(), m.end(), "range", partial_iso(a), partial_iso(b)))
    return out


@functools.cache
def _lang(code: str) -> _Lang:
    return _Lang(code, _LEX[code])


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping, the longest first (then the earliest), sorted by start."""
    taken: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.e - c.s), c.s)):
        if all(c.e <= t.s or c.s >= t.e for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.s)


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------

def find_dates(text: str, published: str | None = None, lang: str = "kk") -> list[DateMention]:
    """All date mentions of a text in `lang` (one of LANGUAGES), resolved against `published`.

    A language without a lexicon here gets an empty list: nothing is read with another
    language's words."""
    if not supports(lang):
        return []
    pub = _Pub(published)
    low = _lower(text)
    cands = _numeric(low)
    if lang == "zh":
        cands += _zh(text, pub)
    cands += _lang(lang).candidates(low, pub, text)
    chosen = _same_year(text, _select(cands))
    return [DateMention(c.s, c.e, text[c.s:c.e], c.vs, c.ve, c.kind, c.rel) for c in chosen]


_SENTENCE_END = re.compile(r"[.!?。！？](?:\s+|$)(?=\S)|\n")


def _same_year(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A day without a year after a date with one in the same sentence is of that year ("8 снежня
    1991 года …, а 21 снежня …"), not of the publication's."""
    last: _Cand | None = None
    for c in cands:
        if c.rel and c.kind in ("date", "range") and last is not None and c.vs \
                and not _SENTENCE_END.search(text, last.e, c.s):
            year = last.vs[:4]
            c.vs, c.ve = year + c.vs[4:], (year + c.ve[4:]) if c.ve else None
        if not c.rel and c.vs and c.kind in ("date", "range", "month"):
            last = c
        elif _SENTENCE_END.search(text, last.e if last else 0, c.s):
            last = None
    return cands


_LINE = re.compile(r"[^\n\r]+")
_CITY = re.compile(r"^\s*[^\W\d_][\w.'’ʻʼ\-]*(?:[ \-][^\W\d_][\w.'’ʻʼ()\-]*){0,3}\s*[,.]\s*")
_AFTER = re.compile(r"\s*(?:$|[\-\u2013\u2014.:(,/|，。])")
_HEAD_LINES = 5  # a site's header and headline may come first: "Навіны / Навіны", a title, then "4 снежня 2026 г."
_TIME = re.compile(r"\s*\d{1,2}:\d\d")  # the time after a header's date: "12.11.2026 13:27", "2026年08月28日07:12"
_SHORT_YEAR = re.compile(r"(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>\d\d)\.?\s*/")


def find_published(text: str, lang: str) -> tuple[str, int, int] | None:
    """The publication date of a dateline: (ISO day, start, end) of a full date (day, month and a
    written year) that opens one of the first lines, alone or after "City,", and is followed by
    the end of the line or punctuation ("Toshkent, 2026-yil 5-mart.", "2026年4月27日，..."). Else None."""
    if not supports(lang):
        return None
    lines = [m for m in _LINE.finditer(text) if m.group().strip()][:_HEAD_LINES]
    labels = _LEX[lang].get("date_labels") or []
    labelled: set[int] = set()
    for lm in lines:
        line = lm.group()
        cm = _CITY.match(line)
        starts = {len(line) - len(line.lstrip())}
        if cm:
            starts.add(cm.end())
            short = _SHORT_YEAR.match(line, cm.end())
            if short and valid_day(2000 + int(short["y"]), int(short["m"]), int(short["d"])):
                # an agency's dateline with a two-digit year: "Бишкек, 02.10.20. /Кабар/."
                value = partial_iso(2000 + int(short["y"]), int(short["m"]), int(short["d"]))
                return value, lm.start() + short.start(), lm.start() + short.end()
        for label in labels:  # a date header: "时间: 2026-04-27 10:00", "Datum: 27.04.2026."
            for hm in re.finditer(rf"(?<!\w){re.escape(label)}\s*[:：]\s*", line):
                starts.add(hm.end())
                labelled.add(hm.end())
        for dm in find_dates(line, None, lang):
            if dm.start not in starts:
                continue
            if dm.kind == "date" and not dm.relative and dm.value_start and len(dm.value_start) == 10 \
                    and (_AFTER.match(line, dm.end) or dm.start in labelled or _TIME.match(line, dm.end)
                         or line[dm.end - 1:dm.end] == "."):  # "Гродна, 26 чэрвеня 2026 г. Сёння ..."
                return dm.value_start, lm.start() + dm.start, lm.start() + dm.end
    return None
