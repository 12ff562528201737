"""English references back to events told before: 'the meeting', 'the event', 'the memorandum was
signed by ...' point at an event already made, and the event the text is about."""

from __future__ import annotations

from ...model import Event, date_bounds
from ..events import nearest_trigger
from .lexicon import is_capitalized
from .triggers import BACKGROUND, DOC_REFERENCES, PARENT_FRAMES, Trigger


class EventReferences:
    """EnglishEvents' steps that resolve a trigger to an event told before."""

    def _references(self, triggers: list[Trigger], toks, low, s_dates) -> None:
        for t in triggers:
            ref = self._reference(t, triggers, toks, low, s_dates)
            if ref is None:
                continue
            t.ref = ref
            before = tuple(low[max(0, t.start - 6) : t.start])
            t.frame = any(before[-len(f) :] == f for f in PARENT_FRAMES if len(f) <= len(before))

    def _reference(self, t: Trigger, triggers, toks, low, s_dates) -> Event | None:
        if t.type in ("SPEECH", "FOUNDING", "ACCESSION"):
            return None
        if t.type == "SIGNING":
            return self._signing_reference(t, triggers, toks, low, s_dates)
        if t.type == "_REF":  # "the event": the event the text is about
            if t.start == 0 or low[t.start - 1] not in ("the", "this", "that") or low[t.start].endswith("s"):
                return None
            return self._main() or next((e for e in reversed(self.events) if e.status != "planned"), None)
        if (
            is_capitalized(toks[t.start].text)
            and t.start > 0
            and low[t.start - 1] == "the"
            and t.name0 == t.start
            and not t.verb
            and not (t.end < len(low) and low[t.end] == "of")
        ):
            word = toks[t.start].text  # "the Assembly" after "the WIPO General Assembly"
            return next(
                (
                    e
                    for e in reversed(self.events)
                    if e.type == t.type and e.name and e.name.split()[-1] == word
                ),
                None,
            )
        if t.verb or (is_capitalized(toks[t.start].text) and t.start > 0) or t.name0 < t.start:
            return None
        possessive = t.type == "VISIT" and t.start > 0 and low[t.start - 1] in ("his", "her", "their")
        if t.start == 0 or (low[t.start - 1] not in ("the", "this", "that") and not possessive):
            return None  # "his visit": the visit of a person told before
        if _plural(low[t.start]) and t.words[-1] not in ("talks", "negotiations", "consultations"):
            return None
        ref = self._referent(t.type)
        if ref is None:
            return None
        main = self._main()
        if len(t.words) > 1 and main is not None and main.type == t.type and main.status == ref.status:
            ref = main  # "took part in the ministerial meeting": the meeting the text is about, not a side one
        for d in s_dates:
            if nearest_trigger(d, triggers) is t:
                value = d.value_start or d.value_end
                if value and not _overlaps(value, d.value_end or value, ref.start or ref.end, ref.end):
                    return None
        if (
            t.end + 2 < len(toks)
            and low[t.end] == "of"
            and (is_capitalized(toks[t.end + 1].text) or (low[t.end + 1] == "the" and is_capitalized(toks[t.end + 2].text)))
        ):
            return None  # "the meeting of the SCO Council": another body's meeting
        return ref

    def _referent(self, type_: str) -> Event | None:
        """The event a definite noun points back at: the latest of its type that is not a plan and
        belongs to the time the text is about."""
        main = self._main()
        cands = [e for e in self.events if e.type == type_]
        if not cands:
            return None
        current = [
            e
            for e in cands
            if e.status != "planned" and (main is None or e is main or self._same_time(e, main))
        ]
        return (current or [e for e in cands if e.status != "planned"] or cands)[-1]

    def _same_time(self, ev: Event, main: Event) -> bool:
        if not (ev.start or ev.end):
            return True
        if not (main.start or main.end):
            return False
        return _overlaps(ev.start or ev.end, ev.end, main.start or main.end, main.end)

    def _main(self) -> Event | None:
        return self._main_of(self.events)

    def _main_of(self, events: list[Event], containers: bool = False) -> Event | None:
        """The event the text is about: the first (not a background fact) with a date or a place of its
        own, and, when the publication date is known, not one far from it. With `containers`, only an
        event other events can happen inside (a visit, a meeting, a forum, a session). A text that
        announces an event weeks ahead is about that event all the same (the first planned one)."""
        ahead = None
        for e in events:
            if e.type in BACKGROUND or not any(self._own.get(e.id, (False, False))):
                continue
            if containers and e.type not in ("VISIT", "MEETING", "FORUM", "SESSION"):
                continue
            if self.published and len(self.published) == 10 and (e.start or e.end):
                from datetime import date, timedelta

                pub = date.fromisoformat(self.published)
                lo, hi = (pub - timedelta(days=10)).isoformat(), (pub + timedelta(days=10)).isoformat()
                if not _overlaps(e.start or e.end, e.end, lo, hi):
                    if ahead is None and e.status == "planned" and (e.start or e.end) > hi:
                        ahead = e
                    continue
            if ahead is not None and not (e.start or e.end):
                return ahead  # an undated event told after the one announced is no better a subject
            return e
        return ahead

    def _signing_reference(self, t, triggers, toks, low, s_dates) -> Event | None:
        """'The memorandum was signed by ...', 'The document was signed ...': the signing told before."""
        latest = next((e for e in reversed(self.events) if e.type == "SIGNING"), None)
        if latest is None:
            return None
        k = t.end
        if (
            t.weak
            and k + 1 < len(low)
            and low[k] in ("the", "this", "that")
            and low[k + 1] in DOC_REFERENCES
            and not (k + 2 < len(low) and (is_capitalized(toks[k + 2].text) or low[k + 2] in ("of", "on")))
        ):
            return latest  # "Endorsing the Declaration, the ministers ...": the document adopted before
        if t.start < 1:
            return None
        if t.words[0] == "signing" and low[t.start - 1] in ("the", "this"):
            return latest  # "The signing took place in Geneva"
        if t.start < 3:
            return None
        if low[t.start - 1] not in ("was", "were", "been") and not (
            t.start >= 2 and low[t.start - 2] in ("was", "were")
        ):
            return None
        k = t.start - 1
        while k >= 0 and low[k] in ("was", "were", "has", "have", "been", "also", "formally", "officially"):
            k -= 1
        if k < 1 or low[k] not in DOC_REFERENCES or low[k - 1] not in ("the", "this", "that"):
            return None
        for d in s_dates:
            if nearest_trigger(d, triggers) is t:
                return None
        return latest


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _overlaps(a_start: str, a_end: str | None, b_start: str | None, b_end: str | None) -> bool:
    if not a_start or not b_start:
        return True
    lo1, hi1 = date_bounds(a_start)[0], date_bounds(a_end or a_start)[1]
    lo2, hi2 = date_bounds(b_start)[0], date_bounds(b_end or b_start)[1]
    return lo1 <= hi2 and lo2 <= hi1
