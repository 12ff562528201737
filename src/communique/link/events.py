"""Event deduplication: the same meeting reported by a ministry, a news agency and a secretariat is
one kb event with several sources.

A reported event joins a kb event when their types are compatible and, together, their dates,
place, participants, ordinal and series say it is the same occasion (`score_event`). Dates a day or
two apart do not keep two reports apart when the place and the people agree: the disagreement is
kept, each report with its own dates and source, and flagged as a conflict (`summarize`) — nothing
is overwritten. A report of a sub-event (a signing during talks) never joins the event it is part
of, and two events of one document never merge (the extractor told them apart).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

from ..model import date_bounds
from .resolve import Match

THRESHOLD = 0.6
SLACK_DAYS = 3  # reports this many days apart may still be one event (and are flagged)
SERIES_SLACK_DAYS = 45  # one numbered session of one series, dated this far apart by its reports
OPEN_DAYS = 7  # a report without a date may be of an event of its place this many days before it
MAX_SPAN_DAYS = 62  # a candidate's dates span at most this (a month, or a range of days); longer: series only

_COMPATIBLE = {"MEETING": {"MEETING", "SESSION"}, "SESSION": {"SESSION", "MEETING"}}
# occasions held over days on fixed dates: two reports of one kind with the same span of days are one
OCCASIONS = {"FORUM", "CONFERENCE", "SUMMIT", "EXHIBITION", "CONGRESS"}
STATUS_ORDER = {"occurred": 0, "ongoing": 1, "planned": 2}


def compatible_types(event_type: str) -> set[str]:
    return _COMPATIBLE.get(event_type, {event_type})


def precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


def bounds(start: str | None, end: str | None) -> tuple[str, str] | None:
    """The first and last day an event's dates cover (None when undated)."""
    if not start:
        return None
    return date_bounds(start)[0], date_bounds(end or start)[1]


def shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def gap_days(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Days between two periods (0 when they overlap)."""
    if a[1] < b[0]:
        return (dt.date.fromisoformat(b[0]) - dt.date.fromisoformat(a[1])).days
    if b[1] < a[0]:
        return (dt.date.fromisoformat(a[0]) - dt.date.fromisoformat(b[1])).days
    return 0


@dataclass
class EventView:
    """What scoring compares of a reported event or of a kb event (its sources together)."""

    type: str
    starts: list[tuple[str | None, str | None]] = field(default_factory=list)  # (start, end) per source
    locations: set[str] = field(default_factory=set)  # kb entity ids
    persons: set[str] = field(default_factory=set)
    organizations: set[str] = field(default_factory=set)
    ordinals: set[int] = field(default_factory=set)
    series: set[str] = field(default_factory=set)  # series ids (or keys, for a report not yet placed)
    keys: set[str] = field(default_factory=set)  # the series keys its reports give
    sub_event: bool = False
    names: set[str] = field(default_factory=set)  # the names its reports give ("the Tartu Forum")


def score_event(a: EventView, b: EventView, places: dict[str, dict]) -> Match:
    """How likely report `a` and kb event `b` are one event; `places` maps location kb ids to their
    profiles (kind, ISO) so that a city and its country are not a disagreement."""
    m = Match(0.0)
    if b.type not in compatible_types(a.type):
        m.conflicts.append(f"event types differ: {a.type} vs {b.type}")
        return m
    same_series = bool(a.series & b.series)
    if a.ordinals and b.ordinals and a.keys and b.keys and not same_series and not _same_name(a.keys, b.keys):
        m.conflicts.append(f"numbered meetings of different series: {sorted(a.keys)} vs {sorted(b.keys)}")
        return m
    if a.ordinals and b.ordinals:
        if a.ordinals & b.ordinals:
            m.score += 0.2
            m.reasons.append(f"the same ordinal (no. {min(a.ordinals & b.ordinals)})")
            if same_series:
                m.score += 0.3
                m.reasons.append("the same series")
        else:
            m.conflicts.append(f"ordinals differ: {sorted(a.ordinals)} vs {sorted(b.ordinals)}")
            return m
    a_dates = [bounds(s, e) for s, e in a.starts if s]
    b_dates = [bounds(s, e) for s, e in b.starts if s]
    if a_dates and b_dates:
        gap = min(gap_days(x, y) for x in a_dates for y in b_dates)
        if gap == 0:
            # the same day, or the same first day ("on 19 March" of a forum held on 19-20 March)
            exact = any(x == y and x[0] == x[1] for x in a_dates for y in b_dates) or any(
                sa == sb and precision(sa) == "day" for sa, _ in a.starts for sb, _ in b.starts if sa and sb)
            m.score += 0.3 if exact else 0.15
            m.reasons.append("the same day" if exact else "overlapping dates")
            if a.type == b.type and a.type in OCCASIONS and any(
                    x == y and x[0] != x[1] for x in _day_spans(a) for y in _day_spans(b)):
                m.score += 0.3
                m.reasons.append("the same span of days of one kind of occasion")
        elif gap <= SLACK_DAYS:
            why = _other_people(a, b)
            if why:
                m.conflicts.append(f"dates {gap} day(s) apart and {why}")
                return m
            m.score += 0.1
            m.reasons.append(f"dates {gap} day(s) apart (kept as a conflict)")
        elif same_series and a.ordinals & b.ordinals and gap <= SERIES_SLACK_DAYS:
            m.reasons.append(f"dates {gap} days apart (kept as a conflict)")
        else:
            m.conflicts.append(f"dates {gap} days apart")
            return m
    if a.locations and b.locations:
        if a.locations & b.locations:
            m.score += 0.3
            m.reasons.append("the same place")
        elif _nested(a.locations, b.locations, places):
            m.score += 0.1
            m.reasons.append("a city and the country it is in")
        else:
            m.score -= 0.4
            m.reasons.append("different places (kept as a conflict)")
    elif _named_after_place(a, b, places) or _named_after_place(b, a, places):
        m.score += 0.3
        m.reasons.append("named after the other's place")
    shared_persons = a.persons & b.persons
    if shared_persons:
        m.score += 0.3 + (0.1 if len(shared_persons) > 1 else 0.0)
        m.reasons.append(f"{len(shared_persons)} participant(s) in common")
    elif len(a.persons) >= 2 and len(b.persons) >= 2:
        m.score -= 0.2
        m.reasons.append("no participant in common")
    if a.organizations & b.organizations:
        m.score += 0.15
        m.reasons.append("an organization in common")
    if a.sub_event != b.sub_event:
        m.score -= 0.3
        m.reasons.append("one is part of another event, the other is not")
    m.score = max(0.0, min(1.0, m.score))
    if m.score < THRESHOLD:
        m.conflicts.append(f"score {m.score:.2f} below {THRESHOLD}")
    return m


def told_again(a: EventView, b: EventView, part_of_b: bool = False) -> bool:
    """Whether report `a` is the event `b` that its own document reported already, told again less
    precisely ("On 9–10 June the 4th meeting took place in Moscow. ... The meeting was held by A and
    B" — the second sentence dated only by the month; `part_of_b` when the extractor made it a part
    of that event): the same type and place, its people all among the event's, dates within the
    event's period at a coarser precision, and no number or series of its own. Two events of one
    document are otherwise never one."""
    if a.type != b.type or (a.sub_event and not part_of_b) or b.sub_event or a.ordinals \
            or (a.keys and not a.keys & b.keys):
        return False
    if not a.locations or not a.locations <= b.locations or not a.persons or not a.persons <= b.persons:
        return False
    a_dates = [(s, e) for s, e in a.starts if s]
    if len(a_dates) != 1:
        return False
    start, end = a_dates[0]
    outer = bounds(start, end)
    # told again only by a coarser date that holds a more precise date of the event
    return any(len(s) > len(start) and outer[0] <= bounds(s, e)[0] and bounds(s, e)[1] <= outer[1]
               for s, e in b.starts if s)


def _day_spans(v: EventView) -> list[tuple[str, str]]:
    return [(s, e) for s, e in v.starts if precision(s) == "day" and precision(e) == "day"]


def _named_after_place(a: EventView, b: EventView, places: dict[str, dict]) -> bool:
    """Whether a report without a place is named after the place of the other ("the Tartu Forum" and
    a forum held in Tartu): a name of that place, in any language, is a word or words of its name."""
    if a.locations or not a.names or not b.locations:
        return False
    from .resolve import name_key

    names = [f" {name_key(n)} " for n in a.names]
    place_keys = {k for x in b.locations for k in (places.get(x) or {}).get("nk", []) if len(k) >= 3}
    return any(f" {k} " in n for k in place_keys for n in names)


def _same_name(a: set[str], b: set[str]) -> bool:
    """Whether two sets of series keys may name one series: a key in common, keys alike, one a short
    form of the other ("заседание совет" of "заседание совет министр транспорт"), or keys in two
    scripts (which only the series step compares, by their roots)."""
    return bool(a & b) or any(_keys_alike(x, y) for x in a for y in b)


@functools.lru_cache(maxsize=65536)
def _keys_alike(x: str, y: str) -> bool:
    from .series import keys_match, shorter_form
    from .translit import is_cyrillic

    return is_cyrillic(x) != is_cyrillic(y) or keys_match(x, y)[0] or shorter_form(x, y)


def _other_people(a: EventView, b: EventView) -> str | None:
    """Why two reports on different days cannot be one meeting for their participants: none in
    common, or each names someone the other does not (a host who met one guest, then another)."""
    if not a.persons or not b.persons:
        return None if a.persons or b.persons else "no participant named in either"
    if not a.persons & b.persons:
        return "no participant in common"
    if a.persons - b.persons and b.persons - a.persons:
        return "each names a participant the other does not"
    return None


def _nested(a: set[str], b: set[str], places: dict[str, dict]) -> bool:
    for x in a:
        for y in b:
            px, py = places.get(x) or {}, places.get(y) or {}
            kx, ky = "country" in (px.get("kind") or []), "country" in (py.get("kind") or [])
            if kx != ky and set(px.get("iso") or []) & set(py.get("iso") or []):
                return True
    return False


# -- the facts of a kb event from its sources ----------------------------------------------------------

def _most_common(values: list, prefer=None):
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], prefer(v) if prefer else 0))


def summarize(sources: list[dict], places: dict[str, dict]) -> tuple[dict, list[dict]]:
    """The main facts of a kb event and its conflicts, from its sources (dicts with type, status,
    start, end, location, ordinal, name, plover_code, plover_mode, document_id, source, url,
    published). The main date is the one most sources give (then the most precise, then the
    earliest report's); every other value stays in its source and in the conflict."""
    ordered = sorted(sources, key=lambda s: (s.get("published") or "9999", s["document_id"]))
    main: dict = {}
    main["type"] = _most_common([s["type"] for s in ordered])
    main["status"] = min((s["status"] for s in ordered), key=lambda x: STATUS_ORDER.get(x, 9))
    dated = [s for s in ordered if s.get("start")]
    conflicts: list[dict] = []
    if dated:
        values = [(s["start"], s.get("end")) for s in dated]
        counts = Counter(values)
        first_seen = {v: i for i, v in reversed(list(enumerate(values)))}
        periods = {v: bounds(*v) for v in counts}
        # dates that hold one another ("June" and "9-10 June", "19 March" and "19-20 March") support one
        # another, and the most precise of them wins, then the one that tells the whole period
        def nested(p: tuple[str, str], q: tuple[str, str]) -> bool:
            return (p[0] <= q[0] and q[1] <= p[1]) or (q[0] <= p[0] and p[1] <= q[1])

        support = {v: sum(n for w, n in counts.items() if nested(periods[w], periods[v])) for v in counts}
        best = max(counts, key=lambda v: (support[v], len(v[0]), v[1] is not None, -first_seen[v]))
        main["start"], main["end"] = best
        keys = list(periods)  # (start, end) pairs: an open end (None) does not sort against a date
        clash = any(gap_days(periods[x], periods[y]) > 0 for i, x in enumerate(keys) for y in keys[i + 1:])
        if clash:
            conflicts.append({"field": "date", "observed": [
                {"value": _period_text(v), "sources": _cite([s for s in dated if (s["start"], s.get("end")) == v])}
                for v in sorted(counts, key=lambda v: -counts[v])]})
    else:
        main["start"] = main["end"] = None
    locs = [s.get("location") for s in ordered]
    main["location"] = _most_common(locs, prefer=lambda v: 1 if "country" not in
                                    ((places.get(v) or {}).get("kind") or []) else 0)
    distinct = [v for v in dict.fromkeys(x for x in locs if x)]
    clashing = [x for x in distinct if x != main["location"] and not _nested({x}, {main["location"]}, places)]
    if clashing:
        conflicts.append({"field": "location", "observed": [
            {"value": v, "sources": _cite([s for s in ordered if s.get("location") == v])} for v in distinct]})
    ordinals = [s.get("ordinal") for s in ordered]
    main["ordinal"] = _most_common(ordinals)
    if len({o for o in ordinals if o is not None}) > 1:
        conflicts.append({"field": "ordinal", "observed": [
            {"value": o, "sources": _cite([s for s in ordered if s.get("ordinal") == o])}
            for o in dict.fromkeys(x for x in ordinals if x is not None)]})
    names = [s.get("name") for s in ordered if s.get("name")]
    main["name"] = names[0] if names else None
    main["plover_code"] = _most_common([s.get("plover_code") for s in ordered])
    main["plover_mode"] = _most_common([s.get("plover_mode") for s in ordered])
    main["date_from"], main["date_to"] = bounds(main["start"], main["end"]) or (None, None)
    return main, conflicts


def _period_text(value: tuple[str | None, str | None]) -> str:
    start, end = value
    return f"{start}/{end}" if end and end != start else (start or "")


def _cite(sources: list[dict]) -> list[dict]:
    return [{"document_id": s["document_id"], "source": s.get("source"), "url": s.get("url"),
             "published": s.get("published")} for s in sources]
