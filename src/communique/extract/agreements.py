"""Agreements: protocols, memoranda, agreements, plans, declarations and roadmaps named in a text.

A document is recognized by the noun that heads its title (resources/agreements_ru.json); the
title runs on to the end of its noun phrase — through a participle clause that describes it
("Протокол, определяющий ...") but not through one that tells how it was signed
("..., подписанной в октябре 2023 г."). Parties and the signing date come from the SIGNING event
of the same sentence, or from "между X и Y" inside the title.
"""

from __future__ import annotations

import re

from ..model import Agreement, Event, Mention
from .events import evidence_for
from .nlp import Sentence, fold_yo, lemma, parses
from .normalize import nominative_phrase
from .resources import load_json

_LEX = load_json("agreements_ru.json")
HEADS = {tuple(fold_yo(k).split()): v for k, v in _LEX["heads"].items()}
NEEDS_CAPITAL = {fold_yo(w) for w in _LEX["needs_capital"]}
COMPLEMENTS = {fold_yo(w) for w in _LEX["complements"]}
SIGNING = {fold_yo(w) for w in _LEX["signing_lemmas"]}
_STOP_ADVERBS = {"сегодня", "вчера", "завтра", "также", "накануне", "впервые", "ранее", "уже", "официально"}


class AgreementStep:
    name = "agreements"

    def __call__(self, text: str, sents: list[Sentence], mentions: list[Mention], events: list[Event]) -> list[Agreement]:
        out: list[Agreement] = []
        for sent in sents:
            toks = sent.tokens
            lemmas = [lemma(t.text) for t in toks]
            signing = next((e for e in events if e.type == "SIGNING" and e.evidence.start >= sent.start
                            and e.evidence.end <= sent.end), None)
            i = 0
            while i < len(toks):
                hit = None
                for n in (2, 1):
                    key = tuple(lemmas[i:i + n])
                    if len(key) == n and key in HEADS:
                        hit = (n, HEADS[key], key)
                        break
                if not hit:
                    i += 1
                    continue
                n, kind, key = hit
                if not self._is_document(toks, lemmas, i, n, key, signing):
                    i += n
                    continue
                start = self._left(toks, i)
                end = self._right(toks, lemmas, i + n)
                words = [t.text for t in toks[start:end]]
                title = _join(nominative_phrase(words))
                if self._known(out, kind, title):
                    i += n
                    continue
                parties, signed, event_id = [], None, None
                if signing is not None:
                    parties = [p.entity for p in signing.participants if p.role == "party"] or \
                              [p.entity for p in signing.participants]
                    signed = signing.start if signing.status == "occurred" else None
                    event_id = signing.id
                between = self._between(toks, lemmas, start, end, mentions)
                if between:
                    parties = between
                out.append(Agreement(id=f"a{len(out) + 1}", kind=kind, title=title,
                                     evidence=evidence_for(sent),
                                     parties=parties, signed=signed, event=event_id))
                i = end if end > i + n else i + n
        return out

    @staticmethod
    def _is_document(toks, lemmas, i, n, key, signing) -> bool:
        word = toks[i].text
        p = parses(word)[0]
        if p.tag.number == "plur" and not word[:1].isupper():
            return False
        capital = word[:1].isupper() and i > 0
        nxt = lemmas[i + n] if i + n < len(lemmas) else ""
        near_signing = any(lem in SIGNING for lem in lemmas[max(0, i - 4):i + n + 2])
        if key[0] in NEEDS_CAPITAL:
            return capital and (nxt in COMPLEMENTS or near_signing or lemmas[i + n:i + n + 1] != [])
        if i > 0 and lemmas[i - 1] in {"по", "согласно"} and not capital:
            return False  # "по договоренности", "согласно протоколу" — a reference, not a document
        return capital or nxt in COMPLEMENTS or near_signing or (signing is not None and nxt not in {",", "."})

    @staticmethod
    def _left(toks, i) -> int:
        """Take in the adjectives before the head: 'Совместную декларацию', 'Межправительственное соглашение'."""
        while i > 0:
            p = parses(toks[i - 1].text)[0]
            if p.tag.POS == "ADJF" and toks[i - 1].text[:1].isalpha():
                i -= 1
            else:
                break
        return i

    @staticmethod
    def _right(toks, lemmas, j) -> int:
        end = j
        while j < len(toks):
            t = toks[j]
            if t.text in {".", ";", ":", "(", "!", "?", "—"} or lemmas[j] in _STOP_ADVERBS:
                break
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
        for a in out:
            if a.kind == kind and (a.title.casefold() == key or (len(title.split()) <= 2 and
                                                                 a.title.casefold().startswith(key.split()[0][:5]))):
                return True
        return False


def _join(words: list[str]) -> str:
    s = " ".join(words)
    s = re.sub(r"\s+([,.;:)»])", r"\1", s)
    return re.sub(r"([«(])\s+", r"\1", s)
