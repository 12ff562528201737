"""Date atoms: the numeric, Russian and English rules that read one date expression each, and the
trigger tables (digit runs, keywords) that say which rules to try where.

Part of ``communique.extract.dates`` (see its docstring for what is read and what is not).
"""

from __future__ import annotations

import re

from .date_grammar import (
    DASH,
    DASHES,
    EN,
    EN_FULL_FORMS,
    EN_MON,
    EN_MONTHS,
    RU,
    RU_FULL_FORMS,
    RU_MON,
    RU_MONTHS,
    RU_REL_YEAR,
    RU_YABBR,
    RU_YABBR_RE,
    RU_YMARK_OPT,
    RU_YMARK_REQ,
    YEAR_NUM,
    Back,
    C,
    Ctx,
    alternation,
    day_value,
    en_abbr,
    en_day,
    en_full,
    en_yearpart,
    fold,
    in_title,
    named_group,
    partial_iso,
    point,
    ralt,
    ru_abbr,
    ru_day,
    ru_full,
    ru_rel_year_offset,
    ru_yearpart,
    trie,
    unit_value,
    week_bounds,
    year_of,
)

# --------------------------------------------------------------------------------------------
# Shared numeric rules (anchored at a run of digits)
# --------------------------------------------------------------------------------------------

_NUM_DMY = re.compile(
    rf"(?<![\w.,/])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{YEAR_NUM})(?!\.\d)"
    r"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)
_NUM_ISO = re.compile(
    rf"(?<![\w.,/{DASHES}])(?P<y>{YEAR_NUM})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d{DASHES}])"
)
_NUM_SLASH = re.compile(rf"(?<![\w.,/])(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{YEAR_NUM})(?!/)")
_NUM_DDMY = re.compile(
    rf"(?<![\w.,/])(?P<d1>0?[1-9]|[12]\d|3[01])(?:\.(?P<m1>0?[1-9]|1[0-2]))?(?!\.\d){DASH}"
    rf"(?P<d2>0?[1-9]|[12]\d|3[01])\.(?P<m2>0?[1-9]|1[0-2])\.(?P<y>{YEAR_NUM})(?!\.\d)"
    r"(?:\s*(?:гг?\.|гг?(?!\w)|год(?:а|у)(?!\w)))?"
)


def _num_dmy(m, ctx):
    pt = point(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return pt and C(m.start(), m.end(), "date", pt)


def _num_slash(m, ctx):
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if ctx.lang == "ru" or (a > 12 and b <= 12):
        pt = point(y, b, a)  # day/month/year
    elif b > 12 and a <= 12 or a == b:
        pt = point(y, a, b)  # month/day/year
    elif a <= 12 and b <= 12:
        return C(m.start(), m.end(), "date", vs=None)  # the order of day and month cannot be told
    else:
        return None
    return pt and C(m.start(), m.end(), "date", pt)


def _num_ddmy(m, ctx):
    y, m2 = int(m.group("y")), int(m.group("m2"))
    m1 = int(m.group("m1")) if m.group("m1") else m2
    a, b = point(y, m1, int(m.group("d1"))), point(y, m2, int(m.group("d2")))
    if not a or not b or (m1, a[2]) >= (m2, b[2]):
        return None
    return C(_range_start(m, ctx), m.end(), "range", a, b)


def _range_start(m: re.Match, ctx: Ctx) -> int:
    p = ctx.range_start(m.start())
    return m.start() if p is None else p


def _decade(m, ctx):
    y = int(m.group("y"))
    return C(m.start(), m.end(), "decade", (y, None, None, None), (y + 9, None, None, None))


# --------------------------------------------------------------------------------------------
# Russian rules
# --------------------------------------------------------------------------------------------


def _mnum_ru(s: str) -> int:
    return RU_MONTHS[fold(s)]


RU_CONN = rf"(?P<conn>{DASH}|\s+(?:{alternation(RU['range_connectors'])})\s+)"
_RU_DMY = re.compile(rf"{ru_day('d')}\s+{named_group('m', RU_MON)}{ru_yearpart()}?")
_RU_DDM = re.compile(rf"{ru_day('d1')}{RU_CONN}{ru_day('d2')}\s+{named_group('m', RU_MON)}{ru_yearpart()}?")
_RU_MY = re.compile(rf"{named_group('m', RU_MON)}{ru_yearpart()}")
_RU_MM = re.compile(rf"{named_group('m1', RU_MON)}{RU_CONN}{named_group('m2', RU_MON)}{ru_yearpart()}?")
_RU_MONTH_ALONE = re.compile(named_group("m", RU_MON))
_RU_YEAR = re.compile(rf"(?<![\w.,/])(?P<y>{YEAR_NUM}){RU_YMARK_REQ}")
_RU_YY = re.compile(
    rf"(?<![\w.,/{DASHES}])(?P<y1>{YEAR_NUM})(?P<k1>{RU_YMARK_OPT}){RU_CONN}"
    rf"(?P<y2>{YEAR_NUM})(?![{DASHES}]\d)(?P<k2>{RU_YMARK_OPT})"
)
_RU_DECADE = re.compile(
    r"(?<![\w.,/])(?P<y>1[7-9]\d0|20\d0)-?(?:х|е|ых|ые)(?!\w)(?:\s+год(?:ах|ов|ы|ам|ами)(?!\w))?"
)
_RU_PERIOD_UNIT = rf"\s+(?P<unit>{alternation(RU['quarter_words'] + RU['half_words'])})(?!\w)"
_RU_PERIOD_YEAR = rf"(?:\s+{named_group('y', YEAR_NUM)}{RU_YMARK_OPT}|\s+{named_group('r', RU_REL_YEAR)})"
# "во 2-м квартале", "в 1 квартале 2025 г."; a bare "2 квартала" without a year is a count, not a date
_RU_PERIOD_NUM = re.compile(
    rf"(?<![\w.,])[1-4](?P<suf>-?(?:ого|ый|ом|го|й|м))?(?!\w){_RU_PERIOD_UNIT}{_RU_PERIOD_YEAR}?"
)
_RU_PERIOD_WORD = re.compile(
    rf"(?<!\w)(?:iv|i{{1,3}}|(?:{alternation(RU['ordinal_stems'])})[а-яё]{{0,4}}){_RU_PERIOD_UNIT}{_RU_PERIOD_YEAR}?"
)
_RU_NUMBER_WORDS = ["три", "шесть", "девять", "одиннадцать"]
_RU_MONTHS_OF = re.compile(
    rf"(?<![\w.,])(?:\d{{1,2}}|{alternation(_RU_NUMBER_WORDS)})\s+месяц(?:ев|а)(?!\w){_RU_PERIOD_YEAR}"
)
_RU_SEASON_OF = {fold(f): k for k, forms in RU["seasons"].items() for f in forms}
_RU_SEASON = re.compile(rf"(?<!\w)(?P<s>{alternation(_RU_SEASON_OF)})(?!\w){_RU_PERIOD_YEAR}")
_RU_SEASON_WORD = re.compile(rf"(?<!\w)(?P<s>{alternation(_RU_SEASON_OF)})(?!\w)")
_RU_SEASON_ADJ = Back(rf"\s+(?P<adj>{ralt(RU['season_adjectives'])})(?!\w)")
_RU_REL_DAYS = {fold(k): v for k, v in RU["relative_days"].items()}
_RU_REL_DAY = re.compile(rf"(?<!\w)(?P<w>{alternation(RU['relative_days'])})(?!\w)")
_RU_UNIT_OF = {f: u for u, forms in RU["relative_units"].items() for f in forms}
_RU_UNIT = re.compile(rf"(?<!\w)(?P<unit>{alternation(_RU_UNIT_OF)})(?!\w)")
_RU_UNIT_PRE = Back(
    rf"(?:\s+(?P<adj>[а-яё]{{0,3}}(?:{ralt(RU['relative_adjectives'])}))(?!\w))?"
    rf"(?:\s+(?P<mod>{ralt(RU['relative_modifiers'])})(?!\w))?"
    rf"(?:\s+(?P<prep>{ralt(['в', 'во', 'на', 'за', 'с', 'со', 'до', 'к', 'ко', 'по'])})(?!\w))?"
)
_RU_REL_ABBR = re.compile(rf"(?<!\w)(?P<r>{RU_YABBR_RE})")
_RU_NAKANUNE_BLOCK = tuple(RU["nakanune_blockers"])
_RU_START_MODS = {"начале", "начала", "конце", "конца", "середине", "середины", "концу", "началу"}
_RU_MONTH_CONTEXT = Back(rf"\s+(?:{ralt(RU['month_context'])})(?!\w)", 20)


def _ru_dmy(m, ctx):
    y, yoff = year_of(m)
    pt = point(y, _mnum_ru(m.group("m")), int(m.group("d")), yoff)
    return pt and C(m.start(), m.end(), "date", pt)


def _ru_ddm(m, ctx):
    y, yoff = year_of(m)
    mo = _mnum_ru(m.group("m"))
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    a, b = point(y, mo, d1, yoff), point(y, mo, d2, yoff)
    if not a or not b or d1 >= d2:
        return None
    return C(_range_start(m, ctx), m.end(), "range", a, b)


def _ru_my(m, ctx):
    y, yoff = year_of(m)
    return C(m.start(), m.end(), "month", (y, _mnum_ru(m.group("m")), None, yoff))


def _ru_mm(m, ctx):
    y, yoff = year_of(m)
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
    return C(m.start() if pre is None else pre, m.end(), "range", a, b)


def _ru_month_alone(m, ctx):
    tok = m.group("m")
    if fold(tok) not in RU_FULL_FORMS:
        return None
    weak = not (ctx.orig[m.start()].islower() or ctx.before(_RU_MONTH_CONTEXT, m.start()))
    return C(m.start(), m.end(), "month", (None, _mnum_ru(tok), None, None), weak=weak)


def _year_atom(m, ctx):
    return C(m.start("y"), m.end(), "year", (int(m.group("y")), None, None, None))


def _ru_yy(m, ctx):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1 or y2 - y1 > 100:
        return None
    pre = ctx.range_start(m.start())
    dash = not m.group("conn").strip().isalpha()
    if not (pre is not None or m.group("k1") or m.group("k2") or dash):
        return None
    return C(
        m.start() if pre is None else pre, m.end(), "range", (y1, None, None, None), (y2, None, None, None)
    )


def _year_period(kind: str):
    def rule(m, ctx):
        y, yoff = year_of(m)
        return C(m.start(), m.end(), kind, (y, None, None, yoff))

    return rule


def _ru_period_num(m, ctx):
    if not (m.group("suf") or m.group("y") or m.group("r")):
        return None
    return _year_period("period")(m, ctx)


def _season_rel(ctx: Ctx, s: int, e: int, season: str, adj_rx: Back, offsets: dict) -> C | None:
    am = ctx.before(adj_rx, s)
    if not am:
        return None
    vs = None
    if season != "winter" and ctx.pub.year is not None:  # a winter straddles two years
        vs = partial_iso(ctx.pub.year + offsets[am.group("adj")])
    return C(am.start(), e, "season", vs=vs, rel=True)


_RU_SEASON_ADJ_OFF = {k.lower(): v for k, v in RU["season_adjectives"].items()}


def _ru_season_rel(m, ctx):
    season = _RU_SEASON_OF[fold(m.group("s"))]
    return _season_rel(ctx, m.start(), m.end(), season, _RU_SEASON_ADJ, _RU_SEASON_ADJ_OFF)


def _ru_rel_day(m, ctx):
    w = fold(m.group("w"))
    if in_title(ctx, m.start(), m.end()):
        return None
    if w == "накануне":
        nxt = re.match(r"\s+(\S+)", ctx.text[m.end() : m.end() + 40])
        if nxt:
            tok = nxt.group(1).replace("ё", "е")
            if tok[:1].isdigit() or tok[:1] in '«"' or tok.startswith(_RU_NAKANUNE_BLOCK):
                return None  # "накануне Дня Победы", "накануне 9 мая": the eve of something else
    return C(m.start(), m.end(), "relative", vs=day_value(ctx.pub, _RU_REL_DAYS[w]), rel=True)


_RU_WEEKDAY_NO = {fold(k): v for k, v in RU["weekday_numbers"].items()}
_RU_WEEKDAY = re.compile(rf"(?P<w>{alternation(list(RU['weekday_numbers']))})(?!\w)")
_RU_WEEKDAY_PREP = re.compile(r"(?<!\w)во?\s+$")


def _ru_weekday(m, ctx):
    """'в четверг': the last Thursday on or before the publication day (none without a full date)."""
    if ctx.pub.day is None or not _RU_WEEKDAY_PREP.search(ctx.text[max(0, m.start() - 4) : m.start()]):
        return None
    back = (ctx.pub.day.weekday() - _RU_WEEKDAY_NO[fold(m.group("w"))]) % 7
    return C(m.start("w"), m.end(), "relative", vs=day_value(ctx.pub, -back), rel=True)


def _rel_phrase(ctx, s, e, pm, unit, off, since, until, locative):
    """A relative phrase ending in a unit word; `pm` is the match of what precedes it."""
    value = unit_value(ctx.pub, unit, off)
    prep = (pm.group("prep") or "") if pm else ""
    start = pm.start() if pm else s
    if prep in until:
        return C(start, e, "until", ve=value, rel=True)
    if prep in since:
        return C(start, e, "since", vs=value, rel=True)
    if prep and prep not in locative:
        start = pm.end("prep")
        start += len(ctx.text[start:s]) - len(ctx.text[start:s].lstrip())
    return C(start, e, "relative", vs=value, rel=True)


def _ru_rel_phrase(m, ctx):
    word = m.group("unit")
    unit = _RU_UNIT_OF[word]
    pm = ctx.before(_RU_UNIT_PRE, m.start())
    mod = pm.group("mod") if pm else None
    if pm and pm.group("adj"):
        off = ru_rel_year_offset(pm.group("adj"))
    elif mod in _RU_START_MODS and unit in ("month", "year"):
        off = 0
    else:
        return None
    until = {"до", "к", "ко"}
    if word in ("год", "месяц", "неделю"):
        until.add("по")  # "по прошлый год" (accusative) is an end; "по прошлому году" is not
    c = _rel_phrase(ctx, m.start(), m.end(), pm, unit, off, {"с", "со"}, until, {"в", "во", "на", "за"})
    if unit == "week" and c.kind == "relative" and ctx.pub.day is not None:
        # "на следующей неделе": the Monday-Sunday range of that week, not only its month
        monday, sunday = week_bounds(ctx.pub.day, off)
        c.kind, c.vs, c.ve = "range", monday.isoformat(), sunday.isoformat()
    return c


def _ru_rel_abbr(m, ctx):
    off = RU_YABBR[fold(m.group("r"))]
    vs = None if ctx.pub.year is None else partial_iso(ctx.pub.year + off)
    return C(m.start(), m.end(), "relative", vs=vs, rel=True)


# --------------------------------------------------------------------------------------------
# English rules
# --------------------------------------------------------------------------------------------


def _mnum_en(s: str) -> int:
    return EN_MONTHS[fold(s)]


EN_CONN = rf"(?P<conn>{DASH}|\s+(?P<c>{alternation(EN['range_connectors'])})\s+)"
_EN_MDY = re.compile(rf"{named_group('m', EN_MON)}\s+{en_day('d')}{en_yearpart()}?")
_EN_DMY = re.compile(rf"{en_day('d')}(?:\s+of)?\s+{named_group('m', EN_MON)}{en_yearpart()}?")
_EN_DDM = re.compile(
    rf"{en_day('d1')}{EN_CONN}{en_day('d2')}(?:\s+of)?\s+{named_group('m', EN_MON)}{en_yearpart()}?"
)
_EN_MDD = re.compile(rf"{named_group('m', EN_MON)}\s+{en_day('d1')}{EN_CONN}{en_day('d2')}{en_yearpart()}?")
_EN_MY = re.compile(rf"{named_group('m', EN_MON)},?\s+(?:of\s+)?{named_group('y', YEAR_NUM)}")
_EN_MONTH_ALONE = re.compile(named_group("m", EN_MON))
_EN_MONTH_REL = re.compile(rf"{named_group('m', EN_MON)}\s+(?:of\s+)?(?P<adj>{alternation(EN['relative_adjectives'])})\s+year\b")
_EN_MONTH_CONTEXT = Back(
    rf"\s*(?:{ralt(EN['month_context'] + EN['since'] + EN['until'] + EN['range_start'])})(?!\w)", 30
)
_EN_YEAR = re.compile(rf"(?<![\w.,/])(?P<y>(?:19|20)\d\d)(?!\d|[.,]\d|\s*%|[{DASHES}]\d)")
_EN_YEAR_PREP = Back(
    rf"\s*(?:{ralt(EN['year_prepositions'] + EN['since'] + EN['until'] + EN['range_start'])})(?!\w)", 30
)
_EN_YY = re.compile(
    rf"(?<![\w.,/{DASHES}])(?P<y1>{YEAR_NUM}){EN_CONN}(?P<y2>{YEAR_NUM})(?![{DASHES}]\d)"
)
_EN_DECADE = re.compile(r"(?<![\w.,/])(?P<y>(?:1[7-9]|20)\d0)['’]?s(?!\w)")
_EN_PERIOD_TAIL = (
    r"\s+(?P<unit>quarter|half)(?!\w)"
    rf"(?:(?:\s+of)?\s+{named_group('y', YEAR_NUM)}|\s+of\s+(?P<radj>this|last|next|the\s+current)\s+year)?"
)
_EN_PERIOD = re.compile(rf"(?<!\w)(?P<ord>{alternation(EN['ordinals'])}){_EN_PERIOD_TAIL}")
_EN_PERIOD_Q = re.compile(rf"(?<!\w)(?P<q>q[1-4]|h[12])(?:\s+of\s+|\s*|[-/]){named_group('y', YEAR_NUM)}")
_EN_SEASON_OF = {fold(f): k for k, forms in EN["seasons"].items() for f in forms}
_EN_SEASON = re.compile(rf"(?<!\w)(?P<s>{alternation(_EN_SEASON_OF)})(?:\s+of)?\s+{named_group('y', YEAR_NUM)}")
_EN_SEASON_WORD = re.compile(rf"(?<!\w)(?P<s>{alternation(_EN_SEASON_OF)})(?!\w)")
_EN_SEASON_ADJ = Back(rf"\s+(?P<adj>{ralt(['this', 'last', 'next'])})(?!\w)")
_EN_REL_DAYS = {k.lower(): v for k, v in EN["relative_days"].items()}
_EN_REL_DAY = re.compile(r"(?<!\w)(?P<w>yesterday|today|tomorrow)(?!\w)")
_EN_REL_DAY_PRE = Back(r"\s+(?P<w>erofeb|retfa)\s+yad\s+eht(?!\w)")
_EN_UNIT = re.compile(r"(?<!\w)(?P<unit>week|month|year)(?!\w)")
_EN_UNIT_PRE = Back(
    rf"\s+(?P<adj>{ralt(list(EN['relative_adjectives']) + ['the'])})(?!\w)"
    rf"(?:\s+(?P<mod>{ralt(EN['relative_modifiers'])})(?!\w))?"
    rf"(?:\s+(?P<prep>{ralt(['by', 'until', 'till', 'since', 'from', 'before', 'in', 'during', 'over'])})(?!\w))?"
)


def _en_capitalized(ctx: Ctx, pos: int) -> bool:
    return ctx.orig[pos : pos + 1].isupper()


def _en_date(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    y = int(m.group("y")) if m.group("y") else None
    pt = point(y, _mnum_en(m.group("m")), int(m.group("d")))
    return pt and C(m.start(), m.end(), "date", pt)


def _en_dd(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    pre = ctx.range_start(m.start())
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if m.group("c") == "and" and (pre is None or not ctx.text.startswith("between", pre)) and d2 != d1 + 1:
        return None  # "on 5 and 7 May" are two days; "on 18 and 19 February" is one two-day period
    y = int(m.group("y")) if m.group("y") else None
    mo = _mnum_en(m.group("m"))
    a, b = point(y, mo, d1), point(y, mo, d2)
    if not a or not b or d1 >= d2:
        return None
    return C(m.start() if pre is None else pre, m.end(), "range", a, b)


def _en_my(m, ctx):
    if not _en_capitalized(ctx, m.start("m")):
        return None
    return C(m.start(), m.end(), "month", (int(m.group("y")), _mnum_en(m.group("m")), None, None))


def _en_month_rel(m, ctx):
    """'October last year', 'March of next year': the month of a year told relative to publication."""
    if not _en_capitalized(ctx, m.start("m")):
        return None
    off = EN["relative_adjectives"][m.group("adj")]
    return C(m.start(), m.end(), "month", (None, _mnum_en(m.group("m")), None, off))


def _en_month_alone(m, ctx):
    tok = m.group("m")
    if fold(tok) not in EN_FULL_FORMS or not _en_capitalized(ctx, m.start()):
        return None
    weak = not ctx.before(_EN_MONTH_CONTEXT, m.start())
    return C(m.start(), m.end(), "month", (None, _mnum_en(tok), None, None), weak=weak)


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
    return C(
        m.start() if pre is None else pre, m.end(), "range", (y1, None, None, None), (y2, None, None, None)
    )


def _en_period(m, ctx):
    if m.group("unit") == "half" and not (m.group("y") or m.group("radj")):
        return None  # "the first half of the meeting": a bare half is rarely a date
    if m.group("y"):
        return C(m.start(), m.end(), "period", (int(m.group("y")), None, None, None))
    off = {"last": -1, "next": 1}.get(m.group("radj") or "this", 0)
    return C(m.start(), m.end(), "period", (None, None, None, off))


_EN_SEASON_ADJ_OFF = {"this": 0, "last": -1, "next": 1}


def _en_season_rel(m, ctx):
    return _season_rel(
        ctx, m.start(), m.end(), _EN_SEASON_OF[m.group("s")], _EN_SEASON_ADJ, _EN_SEASON_ADJ_OFF
    )


def _en_rel_day(m, ctx):
    if in_title(ctx, m.start(), m.end()):
        return None
    w = m.group("w")
    s, off = m.start(), _EN_REL_DAYS[w]
    pm = ctx.before(_EN_REL_DAY_PRE, s)
    if pm and w in ("yesterday", "tomorrow"):
        s, off = pm.start(), _EN_REL_DAYS[f"the day {pm.group('w')} {w}"]
    return C(s, m.end(), "relative", vs=day_value(ctx.pub, off), rel=True)


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
        off = EN["relative_adjectives"][adj]
    since, until = {"since", "from"}, {"by", "until", "till", "before"}
    return _rel_phrase(
        ctx, m.start(), m.end(), pm, m.group("unit"), off, since, until, {"in", "during", "over"}
    )


# --------------------------------------------------------------------------------------------
# Triggers: one fast scan for digit runs and one for keywords; each hit runs only the rules
# anchored there. Every rule sees every trigger it is registered for, so no reading is lost to
# another one that happens to match first.
# --------------------------------------------------------------------------------------------

DIGITS = re.compile(r"\d+")

_NUM_DOT_RULES = ((_NUM_DMY, _num_dmy), (_NUM_DDMY, _num_ddmy))


def _heads(words, n: int = 3) -> str:
    return alternation({w.lower()[:n] for w in words})


# Cheap look-aheads: a run of digits that is not followed by anything date-like skips its rules.
_RU_DAY_NEXT = re.compile(
    rf"\d{{1,2}}(?:-[а-яё]{{1,3}})?(?:\s+(?:{_heads(ru_full + ru_abbr + RU['quarter_words'] + RU['half_words'])}"
    rf"|месяц)|{DASH}\d|\s+(?:{alternation(RU['range_connectors'])})\s+\d)"
)
_RU_YEAR_NEXT = re.compile(rf"\d{{4}}(?:\s*(?:г|[{DASHES}]|(?:{alternation(RU['range_connectors'])})\s)|[хе])")
_EN_DAY_NEXT = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?:{_heads(en_full + en_abbr)})|{DASH}\d"
    rf"|\s+(?:{alternation(EN['range_connectors'])})\s+\d|\s+(?:quarter|half))"
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
    return re.compile(r"\b" + trie([w for words, _ in groups for w in words])), table


_RU_KW, _RU_KW_RULES = _keywords(
    [
        (ru_full + ru_abbr, [(_RU_MM, _ru_mm), (_RU_MY, _ru_my), (_RU_MONTH_ALONE, _ru_month_alone)]),
        (list(RU["relative_days"]), [(_RU_REL_DAY, _ru_rel_day)]),
        (list(RU["weekday_numbers"]), [(_RU_WEEKDAY, _ru_weekday)]),
        (list(_RU_UNIT_OF), [(_RU_UNIT, _ru_rel_phrase)]),
        (list(_RU_SEASON_OF), [(_RU_SEASON, _year_period("season")), (_RU_SEASON_WORD, _ru_season_rel)]),
        (list(RU["ordinal_stems"]) + ["i", "ii", "iii", "iv"], [(_RU_PERIOD_WORD, _year_period("period"))]),
        (_RU_NUMBER_WORDS, [(_RU_MONTHS_OF, _year_period("period"))]),
        (["с.г", "т.г", "п.г", "с. г", "т. г", "п. г"], [(_RU_REL_ABBR, _ru_rel_abbr)]),
    ]
)
_EN_KW, _EN_KW_RULES = _keywords(
    [
        (
            en_full,
            [(_EN_MDD, _en_dd), (_EN_MDY, _en_date), (_EN_MY, _en_my), (_EN_MONTH_REL, _en_month_rel),
             (_EN_MONTH_ALONE, _en_month_alone)],
        ),
        (en_abbr, [(_EN_MDD, _en_dd), (_EN_MDY, _en_date), (_EN_MY, _en_my)]),
        (["yesterday", "today", "tomorrow"], [(_EN_REL_DAY, _en_rel_day)]),
        (["week", "month", "year"], [(_EN_UNIT, _en_rel_phrase)]),
        (list(_EN_SEASON_OF), [(_EN_SEASON, _year_period("season")), (_EN_SEASON_WORD, _en_season_rel)]),
        (["first", "second", "third", "fourth"], [(_EN_PERIOD, _en_period)]),
        (["q1", "q2", "q3", "q4", "h1", "h2"], [(_EN_PERIOD_Q, _year_period("period"))]),
    ]
)

LANG = {
    "ru": (_RU_DIGIT_RULES, _RU_KW, _RU_KW_RULES),
    "en": (_EN_DIGIT_RULES, _EN_KW, _EN_KW_RULES),
}
