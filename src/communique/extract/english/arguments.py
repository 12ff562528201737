"""English event arguments: the place after 'in/at/to', participants by clause (persons, bodies and
countries, 'the Minister', 'the sides'), those who 'took part in' an event told before, and a
second event of the kind after 'followed by'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Event, Participant
from ..event_arguments import inside_any, inside_org
from .lexicon import (
    AGENCY_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    comma_segments,
    is_capitalized,
    iso_of,
    known_place,
    title_word,
    tok_index,
)
from .triggers import (
    BACKGROUND,
    DELEGATION_NOUNS,
    EMBEDDING,
    MAX_PLACE_DISTANCE,
    PARTICIPATION,
    PREPS_PLACE,
    PRONOUNS,
    REPORTING_VERBS,
    SIDES_ALL,
    SIDES_PERSONS,
    SIDES_STATES,
    TRIGGERS,
    Trigger,
)

_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
               "northwest", "northeast", "southwest", "southeast", "northwestern", "northeastern",
               "southwestern", "southeastern", "the"}


def _compound(text: str, start: int, end: int) -> bool:
    """Whether a name is half of a hyphenated pair ('Latvia-Estonia', 'China–Central Asia')."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] in "-–" and after[1].isalpha()) or \
        (len(before) == 2 and before[1] in "-–" and before[0].isalpha())


@dataclass
class _Item:
    """Something in a sentence that can take part in an event: a person, a body or a country."""

    tok: int
    entity: str
    cls: str  # PER | ORG | COUNTRY
    in_role: bool = False
    named: bool = False  # a country named in the sentence itself, not one of 'the sides'
    paired: bool = False  # half of a hyphenated pair of names ('Latvia-Estonia')
    about: bool = False  # what is talked about ('reviewed the work of X'): only the antecedent of 'which'


class EventArguments:
    """EnglishEvents' steps that fill an event's place and participants."""

    def _locations(self, sent, toks, low, live: list[Trigger], s_mentions, clauses) -> None:
        for m in s_mentions:
            if m.type != "LOC" or not m.entity or inside_any(m, self.role_spans) or inside_org(m, s_mentions):
                continue
            k = tok_index(toks, m.start)
            if k is None or k == 0:
                continue
            j = k - 1
            while j > 0 and low[j] in ("the", "city", "of", "capital"):
                j -= 1
            owner = next((o for o in s_mentions
                          if o.type == "LOC" and j > 1 and o.end == toks[j - 1].end), None)
            if owner is not None and low[j] in ("'s", "’s"):
                # "held in north China's Tianjin": the country that places the city is no preposition
                j = (tok_index(toks, owner.start) or 1) - 1
                while j > 0 and low[j] in _DIRECTIONS:
                    j -= 1
            prep = low[j]
            if prep == "," and j > 1:
                # "at Bharat Hall, New Delhi": the city of a venue named before it
                v = j - 1
                while v > 0 and v >= j - 4 and is_capitalized(toks[v].text) \
                        and not any(o.type == "LOC" and o.start <= toks[v].start < o.end for o in s_mentions):
                    v -= 1
                if v < j - 1 and low[v] in PREPS_PLACE:
                    prep = low[v]
            cands = [t for t in live if clauses[t.start] == clauses[k]]
            if not cands:
                continue
            left = [t for t in cands if t.start < k]
            target = max(left, key=lambda t: t.start) if left else cands[0]
            if (
                j > 0
                and target.type != "FOUNDING"
                and any(o.type == "ORG" and o.end == toks[j - 1].end for o in s_mentions)
            ):
                continue  # "a Support Centre in Astana": where the body is, not where the event is
            if prep in ("visit", "visits", "visiting", "visited") and target.type == "VISIT":
                prep = "to"  # "He is also expected to visit Xi'an": the place visited
            if prep == "to" and target.type != "VISIT":
                continue
            if prep not in PREPS_PLACE and prep != "to" and not self._hosts(toks, low, m, target):
                continue
            if abs(k - target.start) > MAX_PLACE_DISTANCE or target.type == "CALL":
                continue
            ev = target.event
            ent = self.table.entity(m.entity)
            current = self.table.entity(ev.location)
            if ev.location is None or (
                ent is not None
                and ent.kind == "city"
                and current is not None
                and current.kind != "city"
                and prep != "to"
            ):
                ev.location = m.entity
        self._where_clauses(toks, low, live, s_mentions)
        for t in live:
            ev = t.event
            if (
                ev.location is None
                and sent.start == self.lead
                and self.dateline
                and ev.status != "planned"
                and ev.type != "CALL"
            ):
                ev.location = self.dateline

    def _where_clauses(self, toks, low, live: list[Trigger], s_mentions) -> None:
        """'His tour starts in Ruritania, where a conference will be held': the first event of a 'where'
        clause, placed nowhere else, is at the place the clause hangs on."""
        self._where_placed = set()  # the host country of a 'where' clause stays, though a participant's home
        for m in s_mentions:
            if m.type != "LOC" or not m.entity or inside_any(m, self.role_spans):
                continue
            k = next((i for i, t in enumerate(toks) if t.start >= m.end), len(toks))
            if k + 1 >= len(toks) or toks[k].text != "," or low[k + 1] != "where":
                continue
            b = tok_index(toks, m.start)
            if b is not None and b > 1 and low[b - 1] in (",", "and") and any(
                    o.type == "LOC" and o.end == toks[b - 2].end for o in s_mentions):
                continue  # "on to Kazakhstan and Tajikistan, where he is to meet ...": several places
            target = min((t for t in live if t.start > k + 1), key=lambda t: t.start, default=None)
            if target is None or target.type == "CALL" or target.event.location is not None:
                continue
            if any(o.type == "LOC" and toks[k].start < o.start < toks[target.start].start
                   and not inside_org(o, s_mentions) for o in s_mentions):
                continue
            target.event.location = m.entity
            self._where_placed.add(id(target.event))

    def _address(self, toks, k: int, s_mentions) -> bool:
        """A country that qualifies a place before it: 'Tsukuba, Japan', 'Nukus (Karakalpakstan, Uzbekistan)';
        not one that opens a clause ('in Tallinn, Mongolia signed ...')."""
        if k + 1 < len(toks) and toks[k + 1].text not in (",", ".", ")", ";", ":", "and"):
            return False
        j = k - 1
        while j >= 0 and (toks[j].text == "," or (is_capitalized(toks[j].text) and j >= k - 3) or toks[j].text == "("):
            if toks[j].text == "(" or toks[j].text == ",":
                prev = toks[j - 1] if j > 0 else None
                place = next(
                    (m for m in s_mentions if m.type == "LOC" and m.entity and prev and m.start <= prev.start < m.end),
                    None,
                )
                ent = self.table.entity(place.entity) if place is not None else None
                if ent is not None and ent.kind != "country":
                    return True
            j -= 1
        return False

    @staticmethod
    def _hosts(toks, low, m, target: Trigger) -> bool:
        """'the city of Nukus (Karakalpakstan, Uzbekistan) hosted the talks': the place is the host."""
        k = next((i for i, t in enumerate(toks) if t.start >= m.end), None)
        if k is not None and toks[k].text == "(":
            while k < len(toks) and toks[k].text != ")":
                k += 1
            k += 1
        return k is not None and k < target.start and k < len(low) and low[k] in ("hosted", "hosts", "host")

    def _items(self, sent, toks, low, s_mentions) -> list[_Item]:
        items: list[_Item] = []
        for m in s_mentions:
            if not m.entity or (self.dateline_end and sent.start <= m.start < self.dateline_end):
                continue
            k = tok_index(toks, m.start)
            if k is None:
                continue
            ent = self.table.entity(m.entity)
            if ent is None:
                continue
            in_role = inside_any(m, self.role_spans)
            if m.type == "PER":
                items.append(_Item(k, m.entity, "PER"))
            elif m.type == "ORG":
                if inside_org(m, s_mentions):
                    continue
                if any(o.type == "ORG" and o.entity != m.entity and self.text[o.end:m.start].strip() == "("
                       for o in s_mentions):
                    continue  # "the Council of ... of the X Organization (XO)": the acronym of a name inside
                after = next((j for j in range(k, len(toks)) if toks[j].start >= m.end), None)
                if after is not None and low[after] in AGENCY_VERBS:
                    continue  # "TASS reports", "the press service of the Ministry reports": who tells of it
                j = k - 1 if k > 0 and low[k - 1] == "the" else k
                if j >= 2 and low[j - 1] == "by" and low[j - 2] in ("prepared", "developed", "drafted", "proposed"):
                    continue  # "the Roadmap, prepared by the BRICS Institute": who wrote the document, not a party
                if j >= 2 and low[j - 1] == "of" and low[j - 2] == "service":
                    continue  # "learnt from the press service of the MFA": who tells of it
                # "discussing the work of the ... commission": what is talked about, not who
                about = j >= 2 and low[j - 1] == "of" and low[j - 2] in ("work", "activities", "activity")
                items.append(_Item(k, m.entity, "ORG", in_role, about=about))
            elif m.type == "LOC":
                if ent.kind != "country" or inside_org(m, s_mentions):
                    continue
                if self._address(toks, k, s_mentions):
                    continue  # "in Tsukuba, Japan", "Nukus (Karakalpakstan, Uzbekistan)": where, not who
                after = next((x for x in range(k, len(toks)) if toks[x].start >= m.end), len(toks))
                if after + 1 < len(toks) and low[after] in ("'s", "’s") and any(
                        o.type == "LOC" and o.start == toks[after + 1].start for o in s_mentions):
                    continue  # "in north China's Tianjin": the city's country, not a party
                items.append(_Item(k, m.entity, "COUNTRY", in_role, named=True,
                                   paired=_compound(sent.text, m.start - sent.start, m.end - sent.start)))
            elif m.type == "NORP":
                nxt = low[k + 1 : k + 3]
                if any(w in DELEGATION_NOUNS for w in nxt):
                    items.append(_Item(k, m.entity, "COUNTRY", named=True))
        # "the Minister": the one person who holds that title; "the ministers": all who hold one
        for k in range(1, len(toks)):
            if (
                low[k - 1] != "the"
                and not (
                    low[k - 1] in ("two", "three", "both") and k > 1 and low[k - 2] in ("the", "both", "all")
                )
                and low[k - 1] != "both"
            ):
                continue
            j = k
            while j < len(toks) and title_word(toks[j].text) and j - k < 4:
                j += 1
            if j == k or (j < len(toks) and (low[j] in ("of", "for") or is_capitalized(toks[j].text))):
                continue
            phrase = [title_word(t.text) for t in toks[k:j]]
            if toks[j - 1].text.endswith("s") and toks[j - 1].text not in TITLE_HEADS:
                holders = self._holders(phrase, anywhere=True)
                # "the ministers signed": those named so far (when two are), not one the text names later
                told = [h for h in holders if h in getattr(self, "_told", {h})]
                holders = told if len(told) >= 2 else holders
                if len(holders) < 2:
                    continue  # "the Ministers" are more than the one minister the text names: not him alone
                for h in holders:
                    items.append(_Item(k, h, "PER"))
            elif phrase[-1] in TITLE_HEADS:
                named = {m.entity for m in s_mentions if m.type == "PER"}
                holders = [h for h in self._holders(phrase) if h not in named]
                if not holders and len(phrase) == 1:
                    # "the Minister" of "Bulgaria's Foreign Minister": the one whose title has that head at all
                    holders = [h for h in self._holders(phrase, anywhere=True) if h not in named]
                if len(holders) == 1:
                    items.append(_Item(k, holders[0], "PER"))
        # "the Hungarian Minister": the one holder of that title from that country
        for m in s_mentions:
            k = tok_index(toks, m.start)
            if m.type != "NORP" or not m.entity or k is None or k == 0 or low[k - 1] != "the":
                continue
            state = self.table.entity(m.entity)
            j = next((x for x in range(k, len(toks)) if toks[x].start >= m.end), len(toks))
            e = j
            while e < len(toks) and title_word(toks[e].text) and e - j < 3:
                e += 1
            if state is None or not state.iso or e == j or (e < len(toks) and low[e] in ("of", "for")):
                continue
            phrase = [title_word(t.text) for t in toks[j:e]]
            named = {x.entity for x in s_mentions if x.type == "PER"}
            holders = [h for h in self._holders(phrase) if h not in named
                       and any(r.country == state.iso for r in self.table.entity(h).roles)]
            if phrase[-1] in TITLE_HEADS and len(holders) == 1:
                items.append(_Item(k, holders[0], "PER"))
        # "the heads of state signed ...": the presidents the text names, when there are two or more
        for k in range(1, len(toks) - 2):
            if low[k - 1] in ("the", "both") and tuple(low[k : k + 3]) == ("heads", "of", "state"):
                holders = self._holders(["President"], anywhere=True)
                if len(holders) >= 2:
                    items += [_Item(k, h, "PER") for h in holders]
        # "the sides", "both countries": the parties of the event the text is about
        for k in range(len(toks)):
            for phrases, kind in ((SIDES_ALL, "all"), (SIDES_STATES, "states"), (SIDES_PERSONS, "persons")):
                for ph in phrases:
                    if tuple(low[k : k + len(ph)]) == ph:
                        for ent_id, cls in self._sides(kind):
                            items.append(_Item(k, ent_id, cls))
        items.sort(key=lambda x: x.tok)
        return items

    def _holders(self, phrase: list[str], anywhere: bool = False) -> list[str]:
        """Persons whose title is the phrase ('Minister' holds 'Minister of ...', not 'First Vice
        Minister of ...'); with `anywhere`, whose title has the phrase's head at all ('the ministers')."""
        out = []
        for ent in self.table.entities:
            if ent.type != "PER":
                continue
            for r in ent.roles:
                words = r.title.split()
                if anywhere:
                    if phrase[-1] in words:
                        out.append(ent.id)
                        break
                    continue
                while words and not (words[0] in TITLE_HEADS or words[0] in TITLE_MODIFIERS):
                    words = words[1:]  # "ITU Secretary-General", "Armenian Minister of ..."
                lead = []
                for w in words:
                    lead.append(w)
                    if w in TITLE_HEADS:
                        break
                if lead == phrase:
                    out.append(ent.id)
                    break
        return out

    def _sides(self, kind: str) -> list[tuple[str, str]]:
        """The parties of the event the text is about: its states and international bodies; failing those,
        the states its people and bodies stand for ('states'), with the people themselves ('all');
        'persons': its people only ('the two officials')."""
        main = self._main()
        if main is None:
            return []
        if kind == "persons":
            return [(p.entity, "PER") for p in main.participants if self.table.entity(p.entity).type == "PER"]
        states_only = kind == "states"
        parties = []
        persons = []
        for p in main.participants:
            ent = self.table.entity(p.entity)
            if ent is None:
                continue
            if ent.type == "LOC" or (ent.type == "ORG" and ent.gazetteer_id):
                parties.append((ent.id, "COUNTRY" if ent.type == "LOC" else "ORG"))
            elif ent.type == "PER":
                persons.append(ent)
        if parties:
            return parties
        out = []
        for p in main.participants:
            ent = self.table.entity(p.entity)
            m = (
                re.search(r"\bof (?:the )?([A-Z][\w' -]+)$", ent.name)
                if ent is not None and ent.type == "ORG"
                else None
            )
            if m and known_place(m.group(1)):
                country = self.table.get("LOC", m.group(1)) or self.table.get(
                    "LOC", f"iso:{iso_of(m.group(1))}"
                )
                if country is not None and country.kind == "country" and (country.id, "COUNTRY") not in out:
                    out.append((country.id, "COUNTRY"))
        for person in persons:
            for r in person.roles:
                if r.country:
                    country = self.table.get("LOC", f"iso:{r.country}")
                    if country is not None and (country.id, "COUNTRY") not in out:
                        out.append((country.id, "COUNTRY"))
        if not states_only:
            out += [(p.id, "PER") for p in persons]
        return out

    def _participants(
        self, sent, toks, low, live: list[Trigger], items: list[_Item], clauses, relatives, last_person
    ) -> None:
        by_clause: dict[int, list[Trigger]] = {}
        for t in live:
            by_clause.setdefault(clauses[t.start], []).append(t)
        assigned: dict[int, list[_Item]] = {id(t): [] for t in live}
        antecedent = _antecedents(items, clauses, relatives)
        # "X reminded that the ministries signed ...": X reports the events after "that"
        report = next(
            (k for k in range(1, len(low)) if low[k - 1] in REPORTING_VERBS and (
                low[k] == "that" or low[k] in ("the", "he", "she", "they")
                and any(w in _MODALS for w in low[k + 1:k + 7]))), None
        )  # "Liu said the two heads of state would hold talks": the same without "that"
        told_by = _trailing_report(toks, low)
        segment = comma_segments(toks)
        for it in items:
            cid = clauses[it.tok] if it.tok < len(clauses) else 0
            homes = [(cid, it.tok)] + [(c, -1) for c, a in antecedent.items() if a is it]
            for c, pos in homes:
                if it.about and pos >= 0:
                    continue  # "reviewed the work of X, which was set up in 2018": X only founds
                ts = by_clause.get(c, [])
                if pos >= 0:
                    # "Since the founding of X in 2023, China has signed ...": China signs
                    ts = [t for t in ts if segment[t.start] == segment[pos]] or ts
                if not ts:
                    continue
                own = [t for t in ts if any(x.name0 <= pos < x.name1 for x in [t, *t.extra])]
                if own:
                    targets = own
                elif pos < min(t.start for t in ts):
                    targets = [t for t in ts if not self._embedded(t, ts, low)] or ts[:1]
                else:
                    left = [t for t in ts if t.start <= pos]
                    targets = [max(left, key=lambda t: t.start)]
                for t in targets:
                    if report is not None and it.tok < report < t.start:
                        continue
                    if it.tok < t.name0 and not t.verb and any(
                            w in _ABOUT for w in low[max(it.tok, t.name0 - 4):t.name0]):
                        continue  # "the ministers discussed the results of the visit of the delegation"
                    if told_by is not None and t.start < told_by <= it.tok:
                        continue  # "... will be held in Astana, the two sides said": who tells of it
                    if it.cls == "PER" and t.event.status == "planned" and it.tok < t.start \
                            and any(w in _ARRANGING for w in low[it.tok:t.start]):
                        continue  # "the sides agreed to hold the next round": the states, not their envoys
                    assigned[id(t)].append(it)
        for t in live:
            ev = t.event
            chosen = assigned[id(t)]
            if t.type in ("SPEECH", "SESSION") and not any(i.cls == "PER" for i in chosen):
                same = [i for i in items if i.cls == "PER" and clauses[i.tok] == clauses[t.start]]
                if same:
                    chosen = [*chosen, min(same, key=lambda i: abs(i.tok - t.start))]
                else:
                    pron = self._pronoun(toks, low, t, clauses, items, last_person)
                    if pron:
                        chosen = [*chosen, _Item(t.start, pron, "PER")]
            if t.type not in ("SPEECH", "SESSION") and not any(i.cls == "PER" for i in chosen):
                near = low[max(0, t.start - 6) : t.start]
                if (near and near[-1] in ("his", "her")) or any(w in ("he", "she") for w in near):
                    pron = self._pronoun(toks, low, t, clauses, items, last_person)
                    if pron:  # "He will also visit ...", "his visit": the person told of before
                        chosen = [*chosen, _Item(t.start, pron, "PER")]
            first = min(x.start for x in live)
            subject = [i for i in items if i.tok < first and i.cls in ("PER", "ORG", "COUNTRY") and not i.about]
            if (t.verb and t.start > first and low[t.start - 1] == "and" and subject
                    and not any(i.tok < t.start and clauses[i.tok] == clauses[t.start] for i in chosen)
                    and all(i.entity != subject[0].entity for i in chosen)):
                chosen = [subject[0], *chosen]  # "X was received by Y, and met with Z": X meets Z too
            if t.type == "SIGNING" and any(i.cls == "PER" for i in chosen):
                # "the ministers signed a Memorandum ... between the Ministry of X and the Ministry of Y":
                # the persons sign; the bodies the title names are the document's parties
                chosen = [i for i in chosen if i.cls == "PER" or i.tok < t.start
                          or "between" not in low[t.start:i.tok]]
            home = set()
            for it in chosen:
                if it.cls == "PER":
                    home |= {r.country for r in (self.table.entity(it.entity).roles or []) if r.country}
            home_ids = {e.id for e in self.table.entities if e.type == "LOC" and e.iso and e.iso in home}
            seen = set()
            for it in chosen:
                if it.entity in seen or it.entity == ev.location:
                    continue
                if it.cls != "PER" and (it.in_role or t.type == "SPEECH"):
                    continue
                if it.cls == "COUNTRY" and (t.type == "SESSION" and not _sent_from(toks, low, it.tok)
                                            or (t.type == "FORUM" and it.paired)):
                    continue  # "the Latvia-Estonia business forum" is open to many: the pair names it
                if it.cls == "COUNTRY" and it.named and it.entity in home_ids:
                    continue  # "the Uzbek side" when its minister takes part: the minister is the party
                seen.add(it.entity)
                role = "party" if t.type == "SIGNING" and it.cls != "PER" else "participant"
                ev.participants.append(Participant(it.entity, role))
            place = self.table.entity(ev.location)
            if place is not None and place.kind == "country" and place.iso in home and t.type != "VISIT" \
                    and id(ev) not in getattr(self, "_where_placed", ()):
                ev.location = None

    def _embedded(self, t: Trigger, ts: list[Trigger], low, words=EMBEDDING) -> bool:
        """'the preparations for the EU–Central Asia Ministerial Meeting': a noun inside another event's
        phrase does not share that event's subject."""
        if t.verb or t is ts[0]:
            return False
        before = low[max(0, t.name0 - 3) : t.name0]
        return any(w in words for w in before)

    def _pronoun(self, toks, low, t, clauses, items, last_person) -> str | None:
        cid = clauses[t.start]
        if not any(low[k] in PRONOUNS for k in range(len(toks)) if clauses[k] == cid):
            return None
        before = [i for i in items if i.cls == "PER" and i.tok < t.start]
        if before:
            return before[-1].entity
        return last_person

    def _participation(self, sent, toks, low, items: list[_Item], ref: Trigger | None) -> None:
        """'Representatives of ... took part in the talks', 'The meeting was chaired by X': those named
        join the event told before."""
        words = tuple(low)
        cue = any(
            words[k : k + len(p)] == p and not self._other_object(low, k + len(p))
            for p in PARTICIPATION
            for k in range(len(words))
        )
        if ref is not None and not cue and "by" not in low[ref.end : ref.end + 8]:
            return
        if ref is None and not cue:
            return
        target = (
            ref.ref
            if ref is not None
            else next(
                (e for e in reversed(self.events) if e.type in ("MEETING", "FORUM", "VISIT", "SESSION")), None
            )
        )
        if target is None:
            return
        have = {p.entity for p in target.participants}
        for it in items:
            if it.entity in have or it.entity == target.location or it.about:
                continue
            if it.cls == "COUNTRY" and it.in_role:
                continue
            if it.cls == "ORG" and it.in_role:
                continue
            have.add(it.entity)
            role = "party" if target.type == "SIGNING" and it.cls != "PER" else "participant"
            target.participants.append(Participant(it.entity, role))

    @staticmethod
    def _other_object(low, j: int) -> bool:
        """'participate in the ICT activities of ...': taking part in something that is no event."""
        if j >= len(low) or low[j] != "in":
            return False
        nxt = low[j + 1 : j + 7]
        return not any((w,) in TRIGGERS or w in ("it", "them", "this", "event", "events") for w in nxt)

    def _followed_by(self, sent, toks, low, live, items, s_dates, made: list[Event]) -> None:
        """'X became members in January 2024, followed by Y in January 2025': a second event of the kind."""
        for t in live:
            if t.type not in BACKGROUND:
                continue
            for k in range(t.end, len(toks) - 2):
                if low[k] == "followed" and low[k + 1] == "by":
                    later = [i for i in items if i.tok > k + 1 and i.cls in ("COUNTRY", "ORG") and not i.about]
                    stop = next((d for d in s_dates if d.start > toks[k].end), None)
                    if stop is not None:
                        later = [i for i in later if toks[i.tok].start < stop.start]
                    if not later:
                        return
                    ev = t.event
                    moved = {i.entity for i in later}
                    ev.participants = [p for p in ev.participants if p.entity not in moved]
                    self._n += 1
                    parts = [Participant(i.entity, "participant") for i in later]
                    parts += [p for p in ev.participants if self.table.entity(p.entity).type == "ORG"]
                    clone = Event(
                        id=f"e{self._n}",
                        type=ev.type,
                        status=ev.status,
                        evidence=ev.evidence,
                        start=stop.value_start if stop else None,
                        end=None,
                        participants=parts,
                        trigger=ev.trigger,
                    )
                    self._own[clone.id] = (stop is not None, False)
                    t.extra = []
                    made.insert(made.index(ev) + 1, clone)
                    return


def _sent_from(toks, low, k: int) -> bool:
    """'ministers from Brazil, Kenya and Malaysia': a country in a list after people 'from' it."""
    j = k - 1
    while j > 0 and (low[j] in (",", "and") or is_capitalized(toks[j].text)):
        j -= 1
    return j > 0 and low[j] == "from" and low[j - 1] in ("ministers", "delegations", "representatives",
                                                         "officials", "experts", "delegates")


_ABOUT = {"results", "outcomes", "outcome", "preparations", "preparation", "progress", "implementation"}
_WHEN = {"on", "today", "yesterday", "earlier", "later", "this", "last", "week", "morning", "evening", "afternoon"}
_MODALS = {"would", "will", "had", "has", "have", "could", "should"}
_ARRANGING = {"agreed", "discussed", "considered", "reviewed"}


def _trailing_report(toks, low) -> int | None:
    """Where a closing ', the two sides said.' starts: a clause of a few words after the last comma
    with a reporting verb and nothing else in it."""
    end = len(low) - (1 if low and low[-1] in (".", "!") else 0)
    k = max((i for i in range(end) if low[i] == ","), default=None)
    if k is None:
        return None
    v = next((i for i in range(k + 1, end) if low[i] in REPORTING_VERBS), None)
    if v is None:
        return None
    if end - k > 7 and not (v - k <= 7 and end - v <= 5 and all(
            w in _WHEN or w.isdigit() or is_capitalized(toks[i].text) for i, w in enumerate(low[v + 1:end], v + 1))):
        return None  # "..., Foreign Ministry spokesperson X announced on Monday."
    return k


def _antecedents(
    items: list[_Item], clauses: list[int], relatives: dict[int, tuple[int, str]]
) -> dict[int, _Item]:
    """The person before ', who' (past the title that follows the name) and the body or country
    right before ', which'."""
    out: dict[int, _Item] = {}
    for cid, (comma, word) in relatives.items():
        before = [it for it in items if it.tok < comma and clauses[it.tok] != cid]
        if word in ("who", "whom", "whose"):
            cands = [it for it in before if it.cls == "PER"]
        elif word == "which":
            cands = [it for it in before if it.cls != "PER" and not it.in_role and comma - it.tok <= 6]
        else:
            cands = []
        if cands:
            out[cid] = cands[-1]
    return out
