"""English dates: dates.find_dates(lang="en"), plus the parts of the publication day ('this morning'),
bare years after 'in/since/from' and bare months after a preposition."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .. import dates as dates_mod
from ..date_grammar import week_bounds
from ..dates import DateMention
from ..resources import load_json

_E = load_json("events_en.json")


def find_dates_en(text: str, published: str | None) -> list[DateMention]:
    """dates.find_dates(lang="en") plus the parts of the publication day ('this morning')."""
    found = list(dates_mod.find_dates(text, published, lang="en"))
    for phrase in _E["morning_words"]:
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, flags=re.IGNORECASE):
            if any(d.start <= m.start() < d.end for d in found):
                continue
            value = published if published and len(published) == 10 else None
            found.append(DateMention(m.start(), m.end(), m.group(), value, None, "relative", True))
    for m in re.finditer(r"\b(?:in|since|from)\s+(1[7-9]\d\d|2[01]\d\d)\b(?![-–/]\d)", text):
        if not any(d.start <= m.start(1) < d.end for d in found):
            kind = "since" if m.group().startswith("since") else "year"
            found.append(DateMention(m.start(1), m.end(1), m.group(1), m.group(1), None, kind, False))
    if published and len(published) == 10:
        found += _weekdays(text, published, found)
        found = [_week(d, published) for d in found]
    months = load_json("dates_en.json")["months"]
    preps = "|".join(re.escape(p) for p in sorted(_E["month_prepositions"], key=len, reverse=True))
    for num, names in months.items():
        for month in names:
            for m in re.finditer(rf"\b(?:{preps})\s+({month})\b(?!\s*\d)(?!,?\s*\d{{4}})", text):
                if any(d.start <= m.start(1) < d.end for d in found):
                    continue
                value = f"{published[:4]}-{int(num):02d}" if published else None
                found.append(DateMention(m.start(1), m.end(1), m.group(1), value, None, "month", True))
    found.sort(key=lambda d: d.start)
    if not published:
        found = _year_from_before(found)
    return found


def _year_from_before(found: list[DateMention]) -> list[DateMention]:
    """With no publication date, 'On 22 January' after 'On 21-22 January 2026' takes the year the text
    gave last with a full day (a day or month without a year is in the year the text is telling of; a
    bare year, 'established in 2019', is background and sets none)."""
    out, year = [], None
    for d in found:
        if d.relative and d.value_start is None and d.value_end is None and year \
                and d.kind in ("date", "month", "range"):
            again = [x for x in dates_mod.find_dates(d.text, year, lang="en") if x.value_start or x.value_end]
            if len(again) == 1:
                x = again[0]
                d = DateMention(d.start, d.end, d.text, x.value_start, x.value_end, d.kind, True)
        elif d.relative and d.value_start is None and year and re.search(r"\bthis year\b", d.text.casefold()):
            d = DateMention(d.start, d.end, d.text, year, None, d.kind, True)  # "later this year"
        elif not d.relative and d.value_start and len(d.value_start) == 10 and d.kind in ("date", "range"):
            year = d.value_start[:4]
        out.append(d)
    return out


_WEEKDAYS = load_json("dates_en.json")["weekdays"][:7]  # Monday ... Sunday
_FUTURE = {w for w in _E["status"]["planned"] if " " not in w}


def _weekdays(text: str, published: str, found: list[DateMention]) -> list[DateMention]:
    """'On Monday' in a text of a known day: the next such day when its sentence tells of the future
    ('will begin'), else the last one up to the publication day."""
    out = []
    pub = date.fromisoformat(published)
    names = "|".join(_WEEKDAYS)
    for m in re.finditer(rf"\b(?:on|On|last|next|this)\s+({names.title()}|{names})\b", text):
        if any(d.start <= m.start(1) < d.end for d in found):
            continue
        day = _WEEKDAYS.index(m.group(1).casefold())
        lo = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        hi = min(x for x in (text.find(".", m.end()), text.find("\n", m.end()), len(text)) if x >= 0)
        words = set(re.findall(r"[a-z']+", text[lo:hi].casefold()))
        future = bool(words & _FUTURE) or m.group().casefold().startswith("next")
        if future:
            value = pub + timedelta(days=(day - pub.weekday() - 1) % 7 + 1)
        else:
            value = pub - timedelta(days=(pub.weekday() - day) % 7)
        out.append(DateMention(m.start(1), m.end(1), m.group(1), value.isoformat(), None, "relative", True))
    return out


def _week(d: DateMention, published: str) -> DateMention:
    """'last week', 'next week': the Monday-Sunday range of that week (dates.find_dates gives its month)."""
    m = re.fullmatch(r"(?:(last|past|previous)|(next|coming|following)) week", d.text.casefold().strip())
    if not m:
        return d
    monday, sunday = week_bounds(date.fromisoformat(published), -1 if m.group(1) else 1)
    return DateMention(d.start, d.end, d.text, monday.isoformat(), sunday.isoformat(), "range", True)
