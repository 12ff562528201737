"""English job titles bound to persons: 'X, Vice Minister of ... of Kazakhstan,', 'Minister of ... X',
'the Minister of ..., X,'."""

from __future__ import annotations

import re

from ...model import Evidence, Mention, Role
from ..entities import EntityTable
from ..gazetteer import Gazetteer
from ..nlp import Sentence
from .lexicon import (
    DASHES,
    HONORIFICS,
    ORG_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    is_acronym,
    is_capitalized,
    joiner,
    title_word,
)
from .lower_titles import lower_title_before, members_before


class EnglishRoles:
    """Job titles bound to persons: 'X, Vice Minister of ... of Kazakhstan,', 'Minister of ... X',
    'the Minister of ..., X,'. The body and the state named inside a title stay entities of their own."""

    name = "roles"

    def __call__(
        self, text: str, sents: list[Sentence], mentions: list[Mention], table: EntityTable
    ) -> list[tuple[int, int]]:
        self.text = text
        spans: list[tuple[int, int]] = []
        for sent in sents:
            in_sent = [m for m in mentions if sent.start <= m.start < sent.end]
            short = _short_name(sent, in_sent, mentions, table)
            if short is not None:
                in_sent = sorted([*in_sent, short], key=lambda m: m.start)
            persons = [m for m in in_sent if m.type == "PER" and m.entity]
            for p in persons:
                for finder in (self._after, self._before, self._predicate):
                    found = finder(sent, p, in_sent)
                    if found is None:
                        continue
                    start, end, owner = found
                    spans.append((owner, end))
                    self._attach(sent, start, end, owner, p, in_sent, table)
                    if finder == self._before:
                        spans.extend(self._titles_before(sent, owner, p, in_sent, table))
        for sent in sents:
            self._descriptive(sent, mentions, table)
            self._counterparts(sent, mentions, table)
        _descriptive_titles(text, mentions, table)
        for ent in table.entities:
            if ent.type == "PER" and len(ent.roles) > 1:
                full = [r for r in ent.roles if not _bare_title(r.title)]
                if full:
                    # a bare "Minister" is a short form of "Minister of ..."; a bare "Vice-Chair" is a title
                    # of its own
                    words = {w for r in full for w in r.title.split()}
                    ent.roles[:] = [r for r in ent.roles if r in full or r.title.split()[-1] not in words]
                seen: set[str] = set()
                kept = []
                for r in ent.roles:  # "Bulgarian Foreign Minister" and "Bulgaria's Foreign Minister": one title
                    key = _state_key(r.title)
                    if key not in seen:
                        kept.append(r)
                    seen.add(key)
                ent.roles[:] = kept
        return spans

    def _after(self, sent: Sentence, person: Mention, in_sent):
        toks = sent.tokens
        k = next((i for i, t in enumerate(toks) if t.start >= person.end), None)
        if k is None or k + 1 >= len(toks):
            return None
        if not (toks[k].text in (",", "(") or (toks[k].text in DASHES and not joiner(self.text, toks[k]))):
            return None  # "X, Minister of ...", "X – Chairman of ...", "X (Minister of ...)"
        k += 1
        also = toks[k].text == "also" and k + 1 < len(toks)
        k += also  # "X, also a member of the Political Bureau ...": a second title told after the first
        article = toks[k].text in ("the", "a", "an") and k + 1 < len(toks)
        k += article
        first = k
        if k + 2 < len(toks) and is_capitalized(toks[k].text) and toks[k + 1].text in ("'s", "’s"):
            k += 2  # "X, Kazakhstan's Minister of Energy,": the state's possessive opens the title
        head = None
        while k < len(toks) and k - first < 5:
            word = _upper_first(toks[k].text)  # "deputy director of the Agency" in lower case too
            if word in TITLE_HEADS or (word == "Member" and article and k + 1 < len(toks) and toks[k + 1].text == "of"):
                head = k
            elif word in TITLE_MODIFIERS or (head is None and (is_capitalized(toks[k].text) or is_acronym(toks[k].text))):
                pass  # "United Nations Under-Secretary-General": a body's name before the head
            else:
                break
            k += 1
        if head is None:
            return None
        k = head + 1
        limit = min([m.start for m in in_sent if m.type == "PER" and m.start > person.end], default=sent.end)
        end = self._extend(toks, head + 1, limit)
        end = max(end, toks[k - 1].end)
        nxt = next((t for t in toks if t.start > end and t.text not in HONORIFICS and t.text != "."), None)
        if nxt is not None and nxt.start == limit and not self.text[end:limit].strip(" ,.").replace(".", ""):
            return None  # "..., Ambassador Ruslan Temirov": the title of the next person
        if nxt is not None and nxt.start == limit and self.text[end:limit].strip() in HONORIFICS:
            return None
        return toks[first].start, end, toks[first].start

    def _predicate(self, sent: Sentence, person: Mention, in_sent):
        """'X, Minister of ..., was the Vice-Chair', 'X is the Chairman of ...': a title said of X."""
        toks = sent.tokens
        k = next((i for i, t in enumerate(toks) if t.start >= person.end), None)
        if k is None:
            return None
        if toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].text.casefold() in _COPULAS:
            k += 1  # "the Minister of ..., X, was the ..."
        elif toks[k].text == ",":  # over an apposition: "X, Minister of ..., was"
            k = next((j for j in range(k + 1, min(len(toks), k + 20)) if toks[j].text == ","), None)
            if k is None:
                return None
            k += 1
        if k >= len(toks) or toks[k].text.casefold() not in _COPULAS:
            return None
        k += 1
        if k < len(toks) and toks[k].text in ("the", "a", "an"):
            k += 1
        first = k
        while k < len(toks) and _upper_first(toks[k].text) in TITLE_MODIFIERS and k - first < 4:
            k += 1
        if k >= len(toks) or _upper_first(toks[k].text) not in TITLE_HEADS or not is_capitalized(toks[k].text):
            return None
        limit = min([m.start for m in in_sent if m.type == "PER" and m.start > person.end], default=sent.end)
        end = self._extend(toks, k + 1, limit)
        return toks[first].start, end, toks[first].start

    def _extend(self, toks, j: int, limit: int) -> int:
        end = toks[j - 1].end
        n = len(toks)
        while j < n and toks[j].start < limit:
            w = toks[j].text
            if is_capitalized(w) or is_acronym(w) or joiner(self.text, toks[j]):
                if not w.endswith(("'s", "’s")):
                    end = toks[j].end
                j += 1
                continue
            if w == "of" and j + 4 < n and toks[j + 1].text == "the" and toks[j + 2].text in _BODY_PARTS \
                    and toks[j + 3].text == "of" and (is_capitalized(toks[j + 4].text) or is_acronym(toks[j + 4].text)):
                j += 3  # "chairman of the board of Kazakhtelecom JSC"
                continue
            if w == "of" and j + 1 < n and toks[j + 1].text in _DOMAINS:
                j += 2  # "vice minister of energy", "minister of foreign affairs"
                while j < n and toks[j].text in _DOMAIN_TAILS:
                    j += 1
                end = toks[j - 1].end
                continue
            if w in ("of", "the", "for", "and", "on", "at", "in", "&", "to") and j + 1 < n:
                nxt = toks[j + 1].text
                if w == "and" and (nxt == "the" or not (is_capitalized(nxt) or is_acronym(nxt))):
                    break
                if is_capitalized(nxt) or is_acronym(nxt) or nxt in ("the", "of"):
                    j += 1
                    continue
                break
            if w in DASHES and self._title_dash(toks, j):
                j += 1  # "Deputy Prime Minister – Minister of Foreign Affairs": one compound title
                continue
            if w == "," and j + 1 < n and (is_capitalized(toks[j + 1].text)) and self._enumeration(toks, j + 1, limit):
                j += 1
                continue
            break
        return end

    @staticmethod
    def _title_dash(toks, i: int) -> bool:
        """A dash between two titles of one person: 'Deputy Prime Minister – Minister of ...'."""
        return 0 < i < len(toks) - 1 and toks[i - 1].text in TITLE_HEADS and (
            toks[i + 1].text in TITLE_HEADS or toks[i + 1].text in TITLE_MODIFIERS)

    def _enumeration(self, toks, k: int, limit: int) -> bool:
        for j in range(k, min(len(toks), k + 10)):
            w = toks[j].text
            if toks[j].start >= limit:
                return False
            if w == "and":
                return j + 1 < len(toks) and is_capitalized(toks[j + 1].text)
            if not (is_capitalized(w) or is_acronym(w) or joiner(self.text, toks[j]) or (w == "," and j > k)):
                return False
        return False

    def _before(self, sent: Sentence, person: Mention, in_sent):
        toks = sent.tokens
        k = next((i for i, t in enumerate(toks) if t.end > person.start), None)
        if k is None or k == 0:
            return None
        members = members_before(self.text, person.start, sent.start)
        if members is not None:  # "members of parliament Ilse Brandt and Karl Moser": each is a member
            return members[0], members[1], members[0]
        j = k - 1
        while j > 0 and (
            toks[j].text in HONORIFICS or (toks[j].text in (".", "'", "’") and toks[j - 1].text in HONORIFICS)
        ):
            j -= 1  # "the Ambassador of India, Mr Ravi Kumar"
        if toks[j].text == ",":
            lower = lower_title_before(self.text, toks[j + 1].start, sent.start)
            if lower is not None:  # "the deputy minister of health of Moldova, Ion Rusu"
                return lower[0], lower[1], lower[0]
            j -= 1  # "the Minister of ... of the Republic of Azerbaijan, Rauf Aliyev,"
        if j > 3 and toks[j].text == ")" and is_acronym(toks[j - 1].text) and toks[j - 2].text == "(":
            j -= 3  # "Director-General of the International Labour Organization (ILO) Maria Fenwick"
        floor = max([m.end for m in in_sent if m.type == "PER" and m.end <= toks[j].start] + [sent.start])
        if toks[j].text.islower() and toks[j].end + 1 >= person.start and _upper_first(toks[j].text) in TITLE_HEADS:
            return self._lower_before(toks, j, floor)
        end = toks[j].end
        head = None
        i = j
        while i >= 0 and toks[i].start >= floor and j - i < 24:
            w = toks[i].text
            if w in TITLE_HEADS or (w.islower() and _upper_first(w) in TITLE_HEADS and i > 0 and (
                    toks[i - 1].text in ("'s", "’s", "the") or is_acronym(toks[i - 1].text)
                    or (toks[i - 1].text.islower() and _upper_first(toks[i - 1].text) in TITLE_MODIFIERS)
                    or Gazetteer.load().country_of_adjective(toks[i - 1].text))):
                head = i  # "Uzbekistan's ambassador to China X", "the deputy head of the ... Administration X"
            elif (
                w in ("'s", "’s")
                and i > 0
                and is_capitalized(toks[i - 1].text)
                and i + 1 < len(toks)
                and is_capitalized(toks[i + 1].text)
                and not title_word(toks[i + 1].text)
            ):
                pass  # "People's Republic of China"
            elif (
                w.endswith(("'s", "’s"))
                or w in ("The", "A", "An")
                or (w in DASHES and not joiner(self.text, toks[i]) and not self._title_dash(toks, i))
            ):
                break
            elif (
                is_capitalized(w)
                or is_acronym(w)
                or joiner(self.text, toks[i])
                or (w in DASHES and self._title_dash(toks, i))
                or w in ("of", "the", "for", "and", "on", "at", "in", "&", "to")
                or (w == "charge" and i > 0 and toks[i - 1].text == "in")
                or w == ","
                and i + 1 <= j
                and self._enumeration(toks, i + 1, toks[j].end + 1)
            ):
                pass
            else:
                break
            i -= 1
        if head is None:
            return None
        start = head
        while start > i + 1 and (
            _upper_first(toks[start - 1].text) in TITLE_MODIFIERS
            or toks[start - 1].text in TITLE_HEADS
            or is_acronym(toks[start - 1].text)
            or Gazetteer.load().country_of_adjective(toks[start - 1].text)
        ):
            start -= 1
        if toks[j].text in ("of", "the", "for", "and", "on", "at", "in"):
            return None
        run = j
        while run >= start and (toks[run].text in TITLE_HEADS or toks[run].text in TITLE_MODIFIERS):
            run -= 1
        if start < run < j and (is_capitalized(toks[run].text) or is_acronym(toks[run].text)):
            end = toks[run].end  # "Head of the OSCE Programme Office in Dushanbe Ambassador Anna Kowalska"
        wide = start
        while wide - 1 > i and (
            (is_capitalized(toks[wide - 1].text) and not toks[wide - 1].text.endswith(("'s", "’s")))
            or (toks[wide - 1].text in ("and", "&") and is_capitalized(toks[wide - 2].text))
        ):
            wide -= 1
        if wide < start and (
            toks[wide - 1].text in ("'s", "’s") or Gazetteer.load().country_of_adjective(toks[wide].text)
        ):
            start = wide  # "Ruritania’s Culture and Tourism Minister", "the Kazakh Energy Minister"
        owner = toks[start].start
        if start > 1 and toks[start - 1].text in ("'s", "’s") and is_capitalized(toks[start - 2].text) \
                and toks[start - 2].start >= floor:
            owner = toks[start - 2].start  # "Kazakhstan's Vice Minister": the state belongs with the title
            return owner, end, owner
        return toks[start].start, end, owner

    def _lower_before(self, toks, j: int, floor: int):
        """'Kazakh deputy foreign minister Aidar Bekov': a title in lower case right before the name, with
        the state's adjective or an acronym before it."""
        i = j
        if i > 0 and toks[i - 1].start >= floor and toks[i - 1].text in _DOMAINS:
            i -= 1  # "economy minister"
        while i > 0 and toks[i - 1].start >= floor and toks[i - 1].text.islower() and (
                _upper_first(toks[i - 1].text) in TITLE_MODIFIERS or _upper_first(toks[i - 1].text) in TITLE_HEADS):
            i -= 1
        gaz = Gazetteer.load()
        if i > 0 and toks[i - 1].start >= floor and toks[i - 1].text in ORG_HEADS:
            i -= 1  # "Foreign Ministry spokesperson X": the body's short name before the title
            while i > 0 and toks[i - 1].start >= floor and is_capitalized(toks[i - 1].text) \
                    and toks[i - 1].text not in ("The", "A", "An") and toks[i - 1].text not in TITLE_HEADS:
                i -= 1
        while i > 0 and toks[i - 1].start >= floor and (
                is_acronym(toks[i - 1].text) or gaz.country_of_adjective(toks[i - 1].text)):
            i -= 1
        if i == j and not (i > 0 and toks[i - 1].text in ("the", "a")):
            return None  # a bare "minister" with no article or modifier: not said to be a title
        return toks[i].start, toks[j].end, toks[i].start

    def _titles_before(self, sent: Sentence, at: int, person: Mention, in_sent, table) -> list[tuple[int, int]]:
        """'the Chairman-in-Office of the OSCE, Bulgaria's Foreign Minister, X': one more title before
        the title before the name, set off by a comma."""
        spans = []
        for _ in range(2):
            comma = re.search(r"\S,\s*$", self.text[max(sent.start, at - 3):at])
            if comma is None:
                break
            stop = max(sent.start, at - 3) + comma.start() + 1
            if any(m.type in ("PER", "LOC") and m.start < stop <= m.end for m in in_sent):
                break  # "Minister of ... Ion Rusu, Minister of ... Ivan Orlov": the comma ends a name
            found = self._before(sent, Mention(at, at, "PER", "", person.entity), in_sent)
            if found is None:
                break
            start, end, owner = found
            spans.append((owner, end))
            self._attach(sent, start, end, owner, person, in_sent, table)
            at = owner
        return spans

    def _counterparts(self, sent: Sentence, mentions: list[Mention], table: EntityTable) -> None:
        """'Foreign Minister of Kazakhstan X and his Uzbek counterpart Y': Y holds X's office in his own
        state ('Uzbek foreign minister')."""
        persons = [m for m in mentions if m.type == "PER" and m.entity and sent.start <= m.start < sent.end]
        for m in re.finditer(r"(?<![\w-])(?:his|her|their) ([A-Z][a-z]+) counterparts?,? ", sent.text):
            at = sent.start + m.end()
            adj = Gazetteer.load().country_of_adjective(m.group(1))
            person = next((p for p in persons if p.start == at), None)
            before = [p for p in persons if p.end <= sent.start + m.start()]
            if adj is None or person is None or not before:
                continue
            other, ent = table.entity(before[-1].entity), table.entity(person.entity)
            if other is None or ent is None or ent.roles or not other.roles:
                continue
            office = _office(other.roles[0].title)
            if office:
                ent.roles.append(Role(title=f"{m.group(1)} {office}", country=adj["iso2"],
                                      evidence=Evidence(sent.start, sent.end, sent.text)))

    def _descriptive(self, sent: Sentence, mentions: list[Mention], table: EntityTable) -> None:
        """'The Belarusian head of government pointed out', '..., the EEC Board Chairman said': a title
        without a name, said of a person named before with a title of that office."""
        toks = sent.tokens
        for i, tok in enumerate(toks):
            if tok.text not in ("the", "The"):
                continue
            before = toks[i - 1].text.casefold() if i > 0 else ""
            found = self._descriptor(toks, i + 1)
            if found is None:
                continue
            head, end, office = found
            nxt = next((t for t in toks if t.start >= end), None)
            if before in _SAYS:  # "..., said the Prime Minister of ...": it ends the sentence
                if nxt is not None and nxt.text != ".":
                    continue
            elif before == "," and toks[0].text in _OPENERS and all(x.text != "," for x in toks[1:i - 1]):
                if nxt is None or not nxt.text.islower() or nxt.text in _NOT_VERBS:
                    continue  # "On 22 January, the Kyrgyz Minister delivered a lecture ..."
            elif before == ",":  # "“...”, the EEC Board Chairman said"
                if nxt is None or nxt.text.casefold() not in _SAYS:
                    continue
            elif i > 0 and before not in ("“", '"', "«"):
                continue  # not the subject of the sentence
            elif nxt is None or not nxt.text.islower() or nxt.text in _NOT_VERBS:
                continue  # "The Belarusian head of government pointed out ..."
            title = " ".join(self.text[toks[i + 1].start:end].split())
            if len(title.split()) < 2:
                continue  # a bare "the Minister" says too little
            holder = _holder(title, office, toks[i].start, mentions, table)
            fields = [w for w in title.split() if w in _DOMAINS]
            if holder is not None and fields and not any(
                    all(f in r.title.casefold() for f in fields) for r in holder.roles):
                continue  # "the trade minister": one whose title names trade
            if holder is not None and all(r.title.casefold() != title.casefold() for r in holder.roles):
                holder.roles.append(Role(title=title, evidence=Evidence(sent.start, sent.end, sent.text)))

    def _descriptor(self, toks, k: int):
        """The title words from toks[k]: (the head's index, where the title ends, the office's words)."""
        first, head = k, None
        while k < len(toks) and k - first < 5:
            w = toks[k].text
            if w.casefold() == "head" and k + 2 < len(toks) and toks[k + 1].text == "of":
                j = k + 2 + (toks[k + 2].text in ("our", "the"))
                if j < len(toks) and toks[j].text.casefold() in _OFFICES:  # "the head of state", "the Head of State"
                    return k, toks[j].end, _OFFICES[toks[j].text.casefold()]
            if _upper_first(w) in TITLE_HEADS:
                head = k
            elif not (_upper_first(w) in TITLE_MODIFIERS or is_capitalized(w) or is_acronym(w)
                      or (w in _DOMAINS and k + 1 < len(toks) and toks[k + 1].text == "minister")):
                break  # ("the Estonian energy minister")
            k += 1
        if head is None or head != k - 1:
            return None
        end = self._extend(toks, head + 1, toks[-1].end + 1)
        return head, end, (toks[head].text.casefold(),)

    def _its(self, start: int, in_sent: list[Mention]):
        """The body 'its' before a title stands for: the body named last before it in the sentence."""
        if not re.search(r"(?<![\w-])its\s+$", self.text[max(0, start - 8):start]):
            return None
        return max((m for m in in_sent if m.type == "ORG" and m.entity and m.end <= start),
                   key=lambda m: m.end, default=None)

    def _attach(self, sent, start, end, owner, person, in_sent, table: EntityTable) -> None:
        title = " ".join(self.text[start:end].split()).strip(" ,")
        if title.startswith("members of "):
            title = "member" + title[len("members"):]  # one of "members of parliament X and Y"
        if not title:
            return
        ent = table.entity(person.entity)
        inner = [
            m for m in in_sent if owner <= m.start and m.end <= end and m.type in ("ORG", "LOC") and m.entity
        ]
        org = next((m for m in inner if m.type == "ORG"), None)
        body = self._its(start, in_sent) if org is None else None
        if body is not None:  # "a delegation of the Bank led by its President X": the Bank's President
            org = body
            lead = "the " if self.text[max(0, body.start - 4):body.start].casefold() == "the " else ""
            title = f"{title} of {lead}{' '.join(body.text.split())}"
        country = None
        for m in inner:
            place = table.entity(m.entity)
            if m.type == "LOC" and place is not None and place.kind == "country":
                country = place.iso
                break
        if country is None:
            for word in title.split()[:2]:
                adj = Gazetteer.load().country_of_adjective(word)
                if adj is not None:
                    country = adj["iso2"]  # "Armenian Minister of High-Tech Industry"
                    break
        role = Role(
            title=title,
            organization=org.entity if org else None,
            country=country,
            evidence=Evidence(sent.start, sent.end, sent.text),
        )
        if ent is not None and all(r.title.casefold() != title.casefold() for r in ent.roles):
            ent.roles.append(role)


_OPENERS = frozenset({"On", "In", "During", "At", "Later", "Earlier", "After", "Following", "Yesterday", "Today",
                      "Then", "Afterwards", "Subsequently", "Meanwhile"})
_COPULAS = ("was", "is", "became", "remains")
_DOMAIN_TAILS = frozenset({"affairs", "development", "technologies", "technology", "policy", "resources", "protection"})
# a ministry's field in lower case before its minister: 'the Latvian economy minister'
_DOMAINS = frozenset({"economy", "energy", "foreign", "finance", "trade", "defence", "defense", "health", "education",
                      "culture", "transport", "agriculture", "justice", "interior", "labour", "labor", "digital",
                      "communications", "information", "industry", "investment", "environment", "tourism",
                      "science", "emergency", "telecom", "telecommunications"})
# a body's organ named in lower case inside a title: 'chairman of the board of ...'
_BODY_PARTS = frozenset({"board", "council", "committee", "commission", "secretariat", "presidium", "government",
                         "cabinet", "office", "department", "administration", "directorate"})
_SAYS = frozenset({"said", "added", "noted", "stressed", "emphasized", "emphasised", "stated", "explained",
                   "according"})
_NOT_VERBS = frozenset({"of", "and", "or", "for", "in", "on", "at", "to", "with", "from"})
# the head of state holds a presidency or a crown, the head of government a premiership
_OFFICES = {"state": ("president", "king", "emir", "sultan", "emperor"),
            "government": ("prime minister", "premier", "chancellor", "chairman of the government")}


def _short_name(sent: Sentence, in_sent: list[Mention], mentions: list[Mention], table: EntityTable):
    """'Wang, also a member of ...': one word of a person's name named before, as the subject of a
    sentence with a title after a comma, is a mention of that person (for his titles only)."""
    toks = sent.tokens
    if len(toks) < 3 or toks[1].text != "," or not is_capitalized(toks[0].text) or title_word(toks[0].text):
        return None
    if any(m.start == toks[0].start for m in in_sent):
        return None
    named = {m.entity for m in mentions if m.type == "PER" and m.entity and m.end <= sent.start}
    owners = [e for e in named if (ent := table.entity(e)) is not None and len(ent.name.split()) > 1
              and toks[0].text in ent.name.split()]
    if len(owners) != 1:
        return None
    return Mention(toks[0].start, toks[0].end, "PER", toks[0].text, owners[0])


def _holder(title: str, office: tuple[str, ...], at: int, mentions: list[Mention], table: EntityTable):
    """The person named before `at` with a title of the office; a country the descriptor names
    ('Belarusian', 'of Belarus') must be his; of several, the one named last ('our state': the first)."""
    gaz = Gazetteer.load()
    iso = None
    for word in title.replace("’s", "").replace("'s", "").split():
        adj = gaz.country_of_adjective(word) or (gaz.country(word) if is_capitalized(word) else None)
        if adj is not None:  # "Belarusian", "of Belarus"
            iso = adj["iso2"]
            break
    last: dict[str, int] = {}
    for m in mentions:
        if m.type == "PER" and m.entity and m.end <= at:
            last.setdefault(m.entity, m.start)
            if "our" not in title.split():
                last[m.entity] = m.start
    held = []
    for eid, pos in last.items():
        ent = table.entity(eid)
        if ent is None:
            continue
        roles = [r for r in ent.roles if any(_holds(r.title.casefold(), o) for o in office)]
        if iso is not None:
            roles = [r for r in roles if r.country == iso]
        if roles:
            held.append((pos, ent))
    if not held:
        return None
    pick = min if "our" in title.split() else max
    return pick(held, key=lambda x: x[0])[1]


def _office(title: str) -> str | None:
    """An office without its state: 'Minister of Foreign Affairs of Kazakhstan' → 'foreign minister',
    'Kazakh Minister of Energy' → 'Minister of Energy'."""
    words = title.split()
    gaz = Gazetteer.load()
    if words and (gaz.country_of_adjective(words[0]) or words[0].endswith(("'s", "’s"))):
        words = words[1:]
    text = " ".join(words)
    cut = re.search(r"\s+of\s+(?:the\s+)?(?:(?:Kyrgyz\s+)?Republic\s+of\s+)?([A-Z][\w-]+)$", text)
    if cut and gaz.country(cut.group(1)) is not None:
        text = text[: cut.start()]
    if re.fullmatch(r"(?:Minister of Foreign Affairs|Foreign Minister)", text):
        return "foreign minister"
    return text if any(w in TITLE_HEADS for w in text.split()) else None


def _state_key(title: str) -> str:
    """The title with a leading state ('Bulgaria's', 'Bulgarian') as its ISO code."""
    first, _, rest = title.partition(" ")
    gaz = Gazetteer.load()
    name = first[:-2] if first.endswith(("'s", "’s")) else None
    place = gaz.country(name) if name else gaz.country_of_adjective(first)
    return f"{place['iso2']} {rest}".casefold() if place and rest else title.casefold()


def _holds(title: str, office: str) -> bool:
    words = title.replace("-", " ").split()
    want = office.split()
    if office == "president":
        return any(w == "president" for w in words) and "vice" not in words
    return any(words[k:k + len(want)] == want for k in range(len(words)))


def _upper_first(word: str) -> str:
    return word[:1].upper() + word[1:]


def _bare_title(title: str) -> bool:
    words = title.split()
    return len(words) <= 3 and all(w in TITLE_HEADS or w in TITLE_MODIFIERS for w in words)


# "The head of our state noted ...", "The Belarusian head of government pointed out ...": a descriptive
# title with no name is a title of the one person whose title is that office (the first told, of several)
_DESCRIPTIVE_AT = re.compile(
    r"\b[Tt]he\s+((?:([A-Z][a-z]+)\s+)?head\s+of\s+(?:our\s+|the\s+(?=[A-Z][a-z]+\s+government))?"
    r"(?:(?<=the )([A-Z][a-z]+)\s+)?(state|government))\b(?!\s*,?\s*[A-Z])"
)  # "the Belarusian head of state", "the head of the Mongolian government"
_OFFICE = {"state": ("President",), "government": ("Prime Minister", "Premier", "Chairman of the Government")}


def _descriptive_titles(text: str, mentions: list[Mention], table: EntityTable) -> None:
    for m in _DESCRIPTIVE_AT.finditer(text):
        adj = Gazetteer.load().country_of_adjective(m.group(2) or m.group(3)) if m.group(2) or m.group(3) else None
        holders = [e for e in table.entities if e.type == "PER" and any(
            r.title.startswith(_OFFICE[m.group(4)]) and (adj is None or r.country == adj["iso2"]) for r in e.roles)]
        first = {e.id: min((p.start for p in mentions if p.entity == e.id), default=len(text)) for e in holders}
        holder = min(holders, key=lambda e: first[e.id], default=None)
        title = " ".join(m.group(1).split())
        if holder is not None and first[holder.id] < m.start() and all(
                r.title.casefold() != title.casefold() for r in holder.roles):
            holder.roles.append(Role(title=title, country=adj["iso2"] if adj else None))
