"""Date expressions in official press releases: find every mention and resolve it to partial ISO.

Two public functions, this one and its neighbour:

* ``find_dates(text, published=None, lang="ru")`` -> list of ``DateMention``, sorted by start and
  non-overlapping (where candidate readings overlap, the longest wins).
* ``published.find_published(text, lang="ru")`` -> ``(iso_day, start, end)`` of the publication date stated
  by the text itself (a date line at the top, a "Published:" label, a dateline with a full date, or
  a closing date line), or None.

Values are partial ISO strings ("2026", "2026-04", "2026-04-27") and never claim more precision
than the text gives: a quarter, a half-year, a season or "9 months of 2025" widen to the year;
"last week" gives the month only when that whole Monday-Sunday week lies in one month (English);
Russian "на прошлой неделе" gives the Monday-Sunday range itself.

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

Modules: ``date_grammar`` (lexicons, regex building blocks, points and their resolution),
``date_atoms`` (the rules reading one expression each, and their trigger tables), this module
(combining atoms into ranges and open ranges, choosing among overlaps) and ``published``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .date_atoms import DIGITS, EN_CONN, LANG, RU_CONN
from .date_grammar import EN, RU, Back, C, Ctx, Point, Pub, has_year, lower, point, ralt, resolve

__all__ = ["DateMention", "find_dates"]


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
# Combining atoms: ranges and open ranges; the non-overlapping selection.
# --------------------------------------------------------------------------------------------

_SINCE = {
    "ru": Back(rf"\s+(?P<p>{ralt(RU['since'])})(?!\w)"),
    "en": Back(rf"\s+(?P<p>{ralt(EN['since'])})(?!\w)"),
}
_UNTIL = {
    "ru": Back(rf"\s+(?P<p>{ralt(RU['until'])})(?!\w)"),
    "en": Back(rf"\s+(?P<p>{ralt(EN['until'])})(?!\w)"),
}
_GAP = {"ru": re.compile(RU_CONN), "en": re.compile(EN_CONN)}
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


def _atoms(ctx: Ctx) -> list[C]:
    digit_rules, kw_rx, kw_rules = LANG[ctx.lang]
    text = ctx.text
    out: list[C] = []
    for t in DIGITS.finditer(text):
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


def _select(cands: list[C]) -> list[C]:
    """A non-overlapping subset, longest first (ties: earlier start, then rule order)."""
    order = sorted(range(len(cands)), key=lambda i: (cands[i].s - cands[i].e, cands[i].s, i))
    starts: list[int] = []
    taken: list[C] = []
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
    if not has_year(pa) and has_year(pb):
        if ma is None:
            return None
        shift = -1 if wrap else 0
        ya, oa = (yb + shift, None) if yb is not None else (None, ob + shift)
    elif has_year(pa) and not has_year(pb):
        if mb is None:
            return None
        shift = 1 if wrap else 0
        yb, ob = (ya + shift, None) if ya is not None else (None, oa + shift)
    elif not has_year(pa) and not has_year(pb):
        oa, ob = 0, 1 if wrap else 0
    pa2, pb2 = point(ya, ma, da, oa), point(yb, mb, db, ob)
    if not pa2 or not pb2 or pa2 == pb2:
        return None
    if (ya is None) == (yb is None) and _bounds(pa2)[0] > _bounds(pb2)[1]:
        return None
    return pa2, pb2


def _derived(ctx: Ctx, atoms: list[C]) -> list[C]:
    """Ranges made of two adjacent atoms, and open ranges ("до 20 мая", "since 1993")."""
    text, lang = ctx.text, ctx.lang
    out: list[C] = []
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
                        out.append(C(a.s if pre is None else pre, b.e, "range", *pts))
        if a.kind not in _SINGLE + ("period", "season"):
            continue
        um = ctx.before(_UNTIL[lang], a.s)
        if um:
            p = " ".join(um.group("p").split())
            if not (p == "по" and _RU_DATIVE_TAIL.search(text[a.s : a.e])):
                out.append(C(um.start(), a.e, "until", None, a.a))
                continue
        sm = ctx.before(_SINCE[lang], a.s)
        if sm:
            out.append(C(sm.start(), a.e, "since", a.a, None))
    return out


def find_dates(text: str, published: str | None = None, lang: str = "ru") -> list[DateMention]:
    """All date mentions in `text`, resolved against `published` ("YYYY-MM-DD", or partial ISO)."""
    lang = "ru" if (lang or "ru").lower().startswith("ru") else "en"
    ctx = Ctx(lower(text), text, Pub(published), lang)
    atoms = _select(_atoms(ctx))
    out: list[DateMention] = []
    for c in _select(atoms + _derived(ctx, atoms)):
        if c.weak:
            continue
        vs, ve, rel = c.vs, c.ve, c.rel
        if c.a is not None:
            vs, r = resolve(c.a, ctx.pub)
            rel = rel or r
        if c.b is not None:
            ve, r = resolve(c.b, ctx.pub)
            rel = rel or r
        out.append(DateMention(c.s, c.e, text[c.s : c.e], vs, ve, c.kind, rel))
    return out
