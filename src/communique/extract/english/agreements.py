"""English agreements: documents named by their head noun (resources/agreements_en.json), the title
from its noun phrase, parties and the signing date from the SIGNING event of the same sentence or
'between X and Y'."""

from __future__ import annotations

import re

from ...model import Agreement, Event, Mention
from ..agreements import from_signing, signing_in
from ..entities import EntityTable
from ..event_arguments import inside_org
from ..event_triggers import longest_match
from ..events import evidence_for
from ..nlp import Sentence, in_headline
from ..resources import load_json
from .lexicon import DASHES, NOT_NAME, is_acronym, is_capitalized, joiner, known_place, lowered
from .sentences import headline_lines

_A = load_json("agreements_en.json")


AGREEMENT_HEADS = {tuple(k.split()): v for k, v in _A["heads"].items()}
_MAX_HEAD = max(len(k) for k in AGREEMENT_HEADS)
NEEDS_CAPITAL = set(_A["needs_capital"])
NEEDS_JOINT_VERB = set(_A["needs_joint_verb"])
JOINT_VERBS = set(_A["joint_verbs"])
DOC_COMPLEMENTS = set(_A["complements"])
SIGNING_WORDS = set(_A["signing"])
TITLE_STOP = set(_A["title_stop"])
LEFT_STOP = set(_A["determiners"])
PLURALS = _A["plurals"]
BULLETS = set(_A["bullets"])
_MONTHS = {m for names in load_json("dates_en.json")["months"].values() for m in names}
_WEEKDAYS = {w.capitalize() for w in load_json("dates_en.json")["weekdays"] if len(w) > 3}


_YEARS = re.compile(r"(?:19|20)\d\d(?:[-–]\d{2,4})?")  # "2026", "2026-2028": a title's period


def _names_document(toks, low, j: int) -> bool:
    """Whether a capitalized document title starts at j ('the Roadmap for ...', 'a Joint Statement')."""
    if j < len(toks) and low[j] in ("the", "a", "an"):
        j += 1
    k = j
    while k < len(toks) and k - j < 6 and is_capitalized(toks[k].text):
        if any(tuple(low[k:k + n]) in AGREEMENT_HEADS for n in range(_MAX_HEAD, 0, -1)):
            return True
        k += 1
    return False


def _title_enumeration(toks, low, j: int) -> bool:
    """Whether capitalized words from j run on to 'and' and one more capitalized word: the rest of a
    list inside a title ('..., Friendship and Cooperation')."""
    k = j
    while k < len(toks) and k - j < 6 and (is_capitalized(toks[k].text) or toks[k].text == ","):
        k += 1
    return k > j and k + 1 < len(toks) and low[k] == "and" and is_capitalized(toks[k + 1].text) \
        and not any(tuple(low[x:x + m]) in AGREEMENT_HEADS for x in range(j, k + 2) for m in (1, 2)) \
        and not any(known_place(toks[x].text) for x in range(j, k + 2))


class EnglishAgreements:
    """Documents named in a text: kind from the head noun, title from its noun phrase, parties and the
    signing date from the SIGNING event of the same sentence or 'between X and Y'."""

    name = "agreements"

    def __call__(
        self,
        text: str,
        sents: list[Sentence],
        mentions: list[Mention],
        events: list[Event],
        table: EntityTable,
    ) -> list[Agreement]:
        self.text = text
        out: list[Agreement] = []
        headlines = headline_lines(text)
        for sent in sents:
            headline = in_headline(sent, headlines)
            toks = sent.tokens
            low = [lowered(t.text) for t in toks]
            heads = [PLURALS.get(w, w) for w in low]  # "memorandums" is looked up as "memorandum"
            signing = signing_in(events, sent)
            i = 0
            while i < len(toks):
                hit = longest_match(heads, i, AGREEMENT_HEADS, _MAX_HEAD)
                if hit is None:
                    i += 1
                    continue
                n, kind, key = hit
                if any(m.type == "ORG" and m.start < toks[i].start and toks[i + n - 1].end <= m.end for m in mentions):
                    i += n  # "the United Nations Development Programme": a body's name, not a document
                    continue
                plural = heads[i : i + n] != low[i : i + n]
                if headline and not self._headline_document(toks, low, i, n):
                    i += n
                    continue
                if plural and not self._signed_plural(low, i, n):
                    i += n
                    continue
                if not plural and not self._is_document(toks, low, i, n, key, signing):
                    i += n
                    continue
                item = self._list_item(toks, i)
                passive = self._passive_complement(toks, low, i + n) if plural else None
                if item is not None:
                    start, end = i, item
                elif passive is not None:
                    start, end = i, passive
                else:
                    start = self._left(toks, low, i)
                    if headline and i > 0 and is_capitalized(toks[i - 1].text):
                        start = min(start, i - 1)  # "Joint Declaration of ..." opening a headline
                    end = self._right(toks, low, i + n, is_capitalized(toks[i].text))
                    if (
                        is_capitalized(toks[i].text)
                        and end + 1 < len(toks)
                        and low[end] in DOC_COMPLEMENTS
                        and low[end] not in ("with", "between", "to")
                        and toks[end + 1].text[:1].islower()
                    ):
                        # a title in sentence case: "Memorandum of Understanding on cooperation in tourism",
                        # "Memorandum of Understanding with Chile on cooperation in ..."
                        end = self._right(toks, low, end, False)
                person = next(
                    (
                        k
                        for k in range(i + n, end)
                        if any(m.type == "PER" and m.start <= toks[k].start < m.end for m in mentions)
                    ),
                    None,
                )
                if person is not None:
                    end = person
                    while end > i + n and low[end - 1] in ("of", "the", "and", "for", "on", "in", "by"):
                        end -= 1
                title = " ".join(text[toks[start].start : toks[end - 1].end].split())
                if passive is not None:  # "Agreements were also signed in trade ..." → "Agreements in trade ..."
                    k = _passive_signing(low, i + n) + 1
                    title = " ".join(f"{toks[i].text} {text[toks[k].start : toks[end - 1].end]}".split())
                if start > 0 and low[start - 1] in ("its", "their") and len(title.split()) <= n + 1:
                    i = max(end, i + n)
                    continue  # "the Framework and its Implementation Plan": a part of another document
                if self._known(out, kind, title, toks, low, i, n):
                    i = max(end, i + n)
                    continue
                parties, signed, event_id = from_signing(signing)
                between = self._between(toks, low, start, min(len(toks), end + 8), mentions, table)
                if between:
                    parties = between
                out.append(
                    Agreement(
                        id=f"a{len(out) + 1}",
                        kind=kind,
                        title=title,
                        evidence=evidence_for(sent),
                        parties=parties,
                        signed=signed,
                        event=event_id,
                    )
                )
                i = max(end, i + n)
        return out

    def _list_item(self, toks, i: int) -> int | None:
        """The end of a list item that the head opens ("– Memorandum on ...;"), or None: the whole
        item is the document's title."""
        if i == 0 or toks[i - 1].text not in BULLETS:
            return None
        line_start = self.text.rfind("\n", 0, toks[i - 1].start) + 1
        if self.text[line_start : toks[i - 1].start].strip():
            return None
        end = i + 1
        while end < len(toks) and toks[end].text not in (";", ".", "!", "?"):
            if "\n" in self.text[toks[end - 1].end : toks[end].start] or end - i >= 40:
                break
            end += 1
        return end

    @staticmethod
    def _headline_document(toks, low, i, n) -> bool:
        """A headline that is a document's own title: "Joint Declaration of the Ministers of ..."."""
        first = next((k for k, t in enumerate(toks) if t.text[:1].isalnum()), None)
        return (
            first is not None
            and i <= first + 1
            and is_capitalized(toks[i].text)
            and i + n < len(toks)
            and low[i + n] in ("of", "on")
            and len(toks) - i >= 4
        )

    @staticmethod
    def _signed_plural(low, i, n) -> bool:
        """A plural head is a document only right after a signing verb and before its complement
        ("signed memorandums of understanding on ..."), or as the subject of a passive signing at the
        start of a clause ("Agreements were also signed in trade ..."); "such agreements" is not."""
        before = low[i - 1] if i > 0 else ""
        nxt = low[i + n] if i + n < len(low) else ""
        if before in SIGNING_WORDS and nxt in DOC_COMPLEMENTS:
            return True
        return _passive_signing(low, i + n) is not None and before in ("", ",", ";", "the", "several", "other")

    def _passive_complement(self, toks, low, j: int) -> int | None:
        """After "Agreements were signed": the end of the complement that says what in ("in trade ...")."""
        k = _passive_signing(low, j)
        if k is None or k + 1 >= len(toks) or low[k + 1] not in ("in", "on", "for"):
            return None
        end = k + 1
        while end < len(toks) and toks[end].text not in (".", ";", "!", "?") and end - k < 25:
            end += 1
        return end

    @staticmethod
    def _is_document(toks, low, i, n, key, signing) -> bool:
        word = toks[i].text
        capital = is_capitalized(word) and i > 0
        if capital and i + n < len(toks) and (is_capitalized(toks[i + n].text) or is_acronym(toks[i + n].text)):
            return False  # "OSCE Programme Office", "Plan Committee": a word inside another name
        if low[i + n - 1].endswith("s") and key[-1] not in ("mou",) and not capital:
            return False  # "agreements", "plans": documents in general
        nxt = low[i + n] if i + n < len(low) else ""
        near_signing = any(w in SIGNING_WORDS for w in low[max(0, i - 5) : i + n + 3])
        if key[0] in NEEDS_JOINT_VERB:
            return near_signing or any(w in JOINT_VERBS for w in low[max(0, i - 8) : i])
        if key[0] in NEEDS_CAPITAL and key not in (("action", "plan"),):
            return capital or (near_signing and nxt in DOC_COMPLEMENTS and nxt != "to")
        if i > 0 and low[i - 1] in ("under", "per", "to") and not capital:
            return False  # "under the memorandum" — a reference, not a document
        return capital or nxt in DOC_COMPLEMENTS or near_signing

    def _left(self, toks, low, i: int) -> int:
        """Take in the words before the head: 'Kazakhstan–EU Enhanced Partnership and Cooperation
        Agreement', 'intergovernmental agreement'."""
        capital = is_capitalized(toks[i].text)
        while i > 0:
            p = toks[i - 1]
            w = p.text
            if capital:
                if (
                    (is_capitalized(w) or is_acronym(w) or joiner(self.text, p))
                    and w not in ("The", "A", "An")
                    and not w.endswith(("'s", "’s"))
                    and not (i - 1 == 0 and w in NOT_NAME)
                ):
                    i -= 1
                    continue
                if w == "and" and i > 1 and is_capitalized(toks[i - 2].text) and is_capitalized(toks[i].text):
                    i -= 1
                    continue
                break
            if (
                w[:1].islower()
                and w.isalpha()
                and lowered(w) not in LEFT_STOP
                and lowered(w) not in TITLE_STOP
                and not w.endswith(("ed", "ing"))
            ):
                i -= 1
                continue
            break
        return i

    def _right(self, toks, low, j: int, capital: bool) -> int:
        end = j
        n = len(toks)
        while j < n and j - end < 25:
            w = toks[j].text
            lw = low[j]
            if capital and w == "," and end == j and _title_enumeration(toks, low, j + 1):
                j += 1  # "Treaty on Good-Neighborliness, Friendship and Cooperation": one title
                continue
            if w in (".", ";", ":", "(", "!", "?", ",", '"', "“", "”") or (
                w in DASHES and not joiner(self.text, toks[j])
            ):
                break
            if (
                w in _MONTHS
                or w in _WEEKDAYS
                or (
                    lw in ("on", "in")
                    and j + 1 < n
                    and (toks[j + 1].text in _MONTHS or toks[j + 1].text in _WEEKDAYS)
                )
            ):
                break
            if lw in ("in", "at") and j + 1 < n and known_place(toks[j + 1].text):
                break  # "... for 2025–2027 in Belgrade", "... in tourism in Tallinn"
            if lw in ("in", "since", "by") and j + 1 < n and _YEARS.fullmatch(toks[j + 1].text):
                break  # "signed a Declaration on Strategic Partnership in 2013": when, not the title

            if capital:
                year = bool(_YEARS.fullmatch(w))
                if (
                    is_capitalized(w)
                    or is_acronym(w)
                    or joiner(self.text, toks[j])
                    or year
                    or (w in ("–", "-") and j + 1 < n and toks[j + 1].text.isdigit())
                ):
                    end = j + 1
                    j += 1
                    continue
                if lw == "and" and _names_document(toks, low, j + 1):
                    break  # "the Action Plan ... and the Roadmap ...": the next document of a list
                if (
                    lw in ("of", "on", "in", "for", "the", "and", "&", "between", "to", "with")
                    and j + 1 < n
                    and (
                        is_capitalized(toks[j + 1].text)
                        or _YEARS.fullmatch(toks[j + 1].text)
                        or is_acronym(toks[j + 1].text)
                        or low[j + 1] in ("the", "of")
                    )
                ):
                    j += 1
                    continue
                break
            if (
                lw in ("in", "on", "of")
                and j + 1 < n
                and (toks[j + 1].text[:1].isdigit() or toks[j + 1].text in _MONTHS)
            ):
                break
            if lw in TITLE_STOP and not (
                lw == "and"
                and j + 1 < n
                and low[j + 1] not in TITLE_STOP
                and not re.match(r".*ed$", low[j + 1])
            ):
                break
            if re.match(r"^[a-z]+ed$", lw) and lw not in ("based", "related", "connected"):
                break
            if lw in ("the", "of", "on", "in", "for", "to", "and", "a", "an"):
                j += 1
                continue
            if w[:1].isalnum():
                end = j + 1
                j += 1
                continue
            break
        return end

    @staticmethod
    def _known(out: list[Agreement], kind: str, title: str, toks, low, i, n) -> bool:
        key = title.casefold()
        for a in out:
            if a.kind != kind:
                continue
            if a.title.casefold() == key:
                return True
            if len(title.split()) <= 3 and i > 0 and low[i - 1] in ("the", "this", "that"):
                return True  # "the memorandum", "the roadmap": the document named before
            if len(title.split()) == n:
                return True  # "the landmark Declaration": the bare head again
        return False

    @staticmethod
    def _between(toks, low, start, end, mentions, table) -> list[str]:
        for k in range(start, min(end, len(toks))):
            if low[k] == "between":
                lo = toks[k].end
                hi = toks[min(end, len(toks)) - 1].end
                found = [
                    m
                    for m in mentions
                    if lo <= m.start and m.end <= hi and m.entity and m.type in ("ORG", "LOC")
                ]
                ids = []
                for m in found:
                    if m.entity not in ids and not inside_org(m, found):
                        ids.append(m.entity)
                return ids if len(ids) >= 2 else []
        return []


def _passive_signing(low: list[str], j: int) -> int | None:
    """The index of the signing verb of a passive right after token j ("were also reached and signed")."""
    if j >= len(low) or low[j] not in ("were", "was", "have", "had", "are"):
        return None
    for k in range(j + 1, min(len(low), j + 6)):
        if low[k] in SIGNING_WORDS:
            return k
        if low[k] not in ("also", "been", "reached", "and", "formally", "officially", "successfully", "duly"):
            return None
    return None
