"""Agreements: protocols, memoranda, agreements, plans, declarations and roadmaps named in a text.

A document is recognized by the noun that heads its title (resources/agreements_ru.json); the
title runs on to the end of its noun phrase — through a participle clause that describes it
("Протокол, определяющий ...") but not through one that tells how it was signed
("..., подписанной в октябре 2023 г."). Parties and the signing date come from the SIGNING event
of the same sentence, or from "между X и Y" inside the title.
"""

from __future__ import annotations

import re

from ..model import AGREEMENT_KINDS, Agreement, Event, Mention
from .dates import find_dates
from .events import evidence_for
from .nlp import Sentence, fold_yo, lemma, parses
from .normalize import nominative_phrase
from .resources import load_json

_LEX = load_json("agreements_ru.json")
_KINDS = {k: k if k in AGREEMENT_KINDS else _LEX["fallback"].get(k) for k in set(_LEX["heads"].values())}
# a document whose kind the data model cannot hold yet is left out (resources: "fallback")
HEADS = {tuple(fold_yo(k).split()): _KINDS[v] for k, v in _LEX["heads"].items() if _KINDS[v]}
_HEAD_FIRSTS = frozenset(k[0] for k in HEADS if k)  # a word that starts no head is skipped at once
NEEDS_CAPITAL = {fold_yo(w) for w in _LEX["needs_capital"]}
COMPLEMENTS = {fold_yo(w) for w in _LEX["complements"]}
SIGNING = {fold_yo(w) for w in _LEX["signing_lemmas"]}
NOT_IN_TITLE = {fold_yo(w) for w in _LEX["not_in_title"]}
ADOPTING = {fold_yo(w) for w in _LEX["adopting"]}
_LIST_MARKS = {"•", "-", "–", "—", "*", "·"}
_DASHES = {"-", "–", "—"}
_STOP_ADVERBS = {"сегодня", "вчера", "завтра", "также", "накануне", "впервые", "ранее", "уже", "официально"}


def signing_in(events: list[Event], sent: Sentence) -> Event | None:
    """The first signing told in the sentence: the event a document named there was signed at."""
    return next((e for e in events if e.type == "SIGNING" and e.evidence.start >= sent.start
                 and e.evidence.end <= sent.end), None)


def from_signing(signing: Event | None, anyone: bool = False) -> tuple[list[str], str | None, str | None]:
    """What a document takes from its signing: (parties, the day it was signed, the event's id). The
    parties are the participants in the role of a party (`anyone`: else everyone who took part); the
    day only of a signing done. Shared by the Russian and the English step."""
    if signing is None:
        return [], None, None
    parties = [p.entity for p in signing.participants if p.role == "party"]
    if anyone and not parties:
        parties = [p.entity for p in signing.participants]
    return parties, signing.start if signing.status == "occurred" else None, signing.id


class AgreementStep:
    name = "agreements"

    def __call__(self, text: str, sents: list[Sentence], mentions: list[Mention], events: list[Event]) -> list[Agreement]:
        out: list[Agreement] = []
        for sent in sents:
            toks = sent.tokens
            lemmas = [lemma(t.text) for t in toks]
            signing = signing_in(events, sent)
            item = _list_item(toks)
            i, last_end = 0, None
            while i < len(toks):
                hit = None
                if lemmas[i] not in _HEAD_FIRSTS:
                    i += 1
                    continue
                for n in (2, 1):
                    key = tuple(lemmas[i:i + n])
                    if len(key) == n and key in HEADS:
                        hit = (n, HEADS[key], key)
                        break
                if not hit:
                    i += 1
                    continue
                n, kind, key = hit
                listed = item is not None and item <= i <= item + 3
                if _inside_org_name(toks[i], mentions):
                    i += n  # "Организация Договора о коллективной безопасности": a body's name, not a document
                    continue
                coordinated = bool(out) and last_end is not None and \
                    all(lemmas[k] in _COORDINATORS for k in range(last_end, i)) and i > last_end
                if not (listed or coordinated or self._is_document(toks, lemmas, i, n, key, signing)):
                    i += n
                    continue
                start = self._left(toks, lemmas, i)
                end = self._right(toks, lemmas, i + n)
                words = [t.text for t in toks[start:end]]
                title = _join(nominative_phrase(words))
                if start == i and end == i + n and out and not listed:
                    # "Соглашение подписали ...": the bare noun names the document told before
                    if signing is not None and not out[-1].parties:
                        out[-1].parties = from_signing(signing, anyone=True)[0]
                    i += n
                    continue
                if self._known(out, kind, title):
                    i += n
                    continue
                parties, signed, event_id = from_signing(signing, anyone=True)
                signed = _dated(text, toks, end) or signed
                between = self._between(toks, lemmas, start, end, mentions)
                if between:
                    parties = between
                out.append(Agreement(id=f"a{len(out) + 1}", kind=kind, title=title,
                                     evidence=evidence_for(sent),
                                     parties=parties, signed=signed, event=event_id))
                for nk, nstart, nend in self._adopted(toks, lemmas, i + n, end):
                    ntitle = _join(nominative_phrase([t.text for t in toks[nstart:nend]]))
                    if not self._known(out, nk, ntitle):
                        out.append(Agreement(id=f"a{len(out) + 1}", kind=nk, title=ntitle,
                                             evidence=evidence_for(sent), parties=list(parties),
                                             signed=signed, event=event_id))
                i = end if end > i + n else i + n
                last_end = i
        return out

    @staticmethod
    def _is_document(toks, lemmas, i, n, key, signing) -> bool:
        word = toks[i].text
        p = parses(word)[0]
        if p.tag.number == "plur" and not word[:1].isupper():
            # "подписал меморандумы о сотрудничестве с X и Y": documents the signing verb just before made
            return any(lem in SIGNING for lem in lemmas[max(0, i - 2):i]) and lemmas[i + n:i + n + 1] in (["о"], ["об"])
        k = i - 1
        while k > 0 and parses(toks[k].text)[0].tag.POS == "ADJF":
            k -= 1
        if k >= 0 and lemmas[k] in {"применение", "действие"} and not word[:1].isupper():
            return False  # "обсуждалось применение временного соглашения о ...": one in force, only referred to
        capital = word[:1].isupper() and i > 0
        nxt = lemmas[i + n] if i + n < len(lemmas) else ""
        near_signing = any(lem in SIGNING for lem in lemmas[max(0, i - 4):i + n + 2])
        if key[0] in NEEDS_CAPITAL:
            if any(lem in SIGNING for lem in lemmas[max(0, i - 2):i]) and nxt not in {",", "."}:
                return True  # "подписали план действий ...": the signing verb makes the word a document
            return capital and (nxt in COMPLEMENTS or near_signing or lemmas[i + n:i + n + 1] != [])
        if i > 0 and lemmas[i - 1] in {"по", "согласно"} and not capital:
            return False  # "по договоренности", "согласно протоколу" — a reference, not a document
        return capital or nxt in COMPLEMENTS or near_signing or (signing is not None and nxt not in {",", "."})

    def _adopted(self, toks, lemmas, lo, hi) -> list[tuple[str, int, int]]:
        """Documents adopted inside a title: 'Решение о принятии Устава ...' names the charter too."""
        found = []
        for k in range(lo, hi):
            if lemmas[k] not in ADOPTING:
                continue
            j = k + 1
            while j < hi and parses(toks[j].text)[0].tag.POS == "ADJF" and toks[j].text[:1].isalpha():
                j += 1
            for n in (2, 1):
                key = tuple(lemmas[j:j + n])
                if j + n <= hi and key in HEADS and toks[k + 1].text[:1].isupper():
                    found.append((HEADS[key], k + 1, min(hi, self._right(toks, lemmas, j + n))))
                    break
        return found

    @staticmethod
    def _left(toks, lemmas, i) -> int:
        """Take in the adjectives before the head: 'Совместную декларацию', 'Межправительственное соглашение';
        not the writer's praise ('важный меморандум')."""
        while i > 0:
            p = parses(toks[i - 1].text)[0]
            if p.tag.POS == "ADJF" and toks[i - 1].text[:1].isalpha() and lemmas[i - 1] not in NOT_IN_TITLE:
                i -= 1
            else:
                break
        return i

    @staticmethod
    def _right(toks, lemmas, j) -> int:
        end = first = j
        while j < len(toks):
            t = toks[j]
            if t.text in {".", ";", ":", "(", "!", "?"} or t.text in _DASHES or lemmas[j] in _STOP_ADVERBS:
                break
            if t.text == "от" and j + 1 < len(toks) and toks[j + 1].text[:1].isdigit():
                break  # "Договор ... от 15 мая 1992 года": the date it was signed closes the title
            if (t.text == "," or lemmas[j] == "и") and _next_document(toks, lemmas, j + 1):
                break  # "подписаны Протокол ..., Дорожная карта ... и Меморандум ...": a list of documents
            if lemmas[j] == "и" and j + 1 < len(toks) and _other_case(toks[first:j], toks[j + 1].text):
                break  # "... Соглашения о транзите и подготовку заседания": the next clause's object
            if lemmas[j] == "и" and j >= 2 and lemmas[j - 1] in {"год", "гг", "гг."} \
                    and any(c.isdigit() for c in toks[j - 2].text):
                break  # "Программы ... на 2025–2027 годы и подготовку ...": the years close the title
            if t.text == ",":
                nxt = toks[j + 1].text if j + 1 < len(toks) else ""
                np = parses(nxt)[0] if nxt[:1].isalpha() else None
                if np is None or lemma(nxt) in {"который", "где", "что", "а", "и"} or lemma(nxt) in SIGNING \
                        or np.tag.POS not in {"PRTF", "ADJF"}:
                    break
            elif t.text[:1].isalpha():
                p = parses(t.text)[0]
                if p.tag.POS in {"VERB", "GRND", "PRTS", "INFN"}:
                    break
                if p.tag.POS == "PRTF" and lemmas[j] in SIGNING:
                    break
            end = j + 1
            j += 1
        while end > 0 and toks[end - 1].text in {",", "—", "-"}:
            end -= 1
        if end >= 2 and toks[end - 2].text == "," and parses(toks[end - 1].text)[0].tag.POS == "PRTF":
            end -= 2  # "меморандум, призванный дать ...": a participle whose clause the title does not hold
        return end

    @staticmethod
    def _between(toks, lemmas, start, end, mentions) -> list[str]:
        for k in range(start, end):
            if lemmas[k] == "между":
                lo = toks[k].end
                hi = toks[end - 1].end
                found = [m for m in mentions if lo <= m.start and m.end <= hi and m.entity and m.type in ("ORG", "LOC")]
                outer = [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end
                                                     and o.type == "ORG" for o in found)]
                ids = []
                for m in outer:
                    if m.entity not in ids:
                        ids.append(m.entity)
                return ids if len(ids) >= 2 else []
        return []

    @staticmethod
    def _known(out: list[Agreement], kind: str, title: str) -> bool:
        key = title.casefold()
        words = _content(title)
        for a in out:
            other = _content(a.title)
            if a.kind == kind and words and other and (words <= other or other <= words):
                if len(words) > len(other):
                    a.title = title  # the headline's short form, told in full later
                return True
            if a.kind == kind and (a.title.casefold() == key or (len(title.split()) <= 2 and
                                                                 a.title.casefold().startswith(key.split()[0][:5]))):
                return True
        return False


_COORDINATORS = {",", "и", "а", "также"}


def _inside_org_name(tok, mentions) -> bool:
    """Whether a word stands inside (not at the head of) an organization's name."""
    return any(m.type == "ORG" and m.start < tok.start and tok.end <= m.end for m in mentions)


def _next_document(toks, lemmas, j) -> bool:
    """Whether a capitalized document noun (after its adjectives) starts at j: the next item of a list."""
    if j >= len(toks) or not toks[j].text[:1].isupper():
        return False
    while j < len(toks) and toks[j].text[:1].isalpha():
        if any(tuple(lemmas[j:j + n]) in HEADS for n in (2, 1)):
            return True
        if parses(toks[j].text)[0].tag.POS != "ADJF":
            return False
        j += 1
    return False


def _dated(text: str, toks, end: int) -> str | None:
    """The date of 'от 15 мая 1992 года' right after a title: the day the document was signed."""
    if end + 1 < len(toks) and toks[end].text == "от" and toks[end + 1].text[:1].isdigit():
        found = find_dates(text[toks[end].end:toks[min(end + 4, len(toks) - 1)].end], None, "ru")
        if found and found[0].start <= 2 and found[0].value_start and not found[0].value_end:
            return found[0].value_start
    return None


def _list_item(toks) -> int | None:
    """The index of the first word of a list item ('2. Решение о ...', '• Меморандум ...'), or None."""
    if len(toks) > 2 and toks[0].text.isdigit() and toks[1].text in {".", ")"}:
        return 2
    if len(toks) > 1 and toks[0].text in _LIST_MARKS:
        return 1
    return None


def _content(title: str) -> set[str]:
    """The lemmas of a title's words other than its kind noun and short function words."""
    return {lemma(w) for w in re.findall(r"[\w-]+", title)[1:] if len(w) > 3}


def _cases(word: str) -> set[str]:
    return {p.tag.case for p in parses(word) if p.tag.case and p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}}


def _other_case(before, after: str) -> bool:
    """Whether the word after 'и' can share a case with no word of the title's complement before it (so
    it starts another phrase: "... о транзите и подготовку заседания")."""
    if not after[:1].isalpha():
        return False
    a = set().union(*(_cases(t.text) for t in before if t.text[:1].isalpha() and len(t.text) > 2))
    b = _cases(after)
    return bool(a and b) and not (a & b)


def _join(words: list[str]) -> str:
    s = " ".join(words)
    s = re.sub(r"\s+([,.;:)»])", r"\1", s)
    return re.sub(r"([«(])\s+", r"\1", s)
