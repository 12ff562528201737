"""English dates: dates.find_dates(lang="en"), plus the parts of the publication day ('this morning'),
bare years after 'in/since/from' and bare months after a preposition."""

from __future__ import annotations

import re

from .. import dates as dates_mod
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
    return found
