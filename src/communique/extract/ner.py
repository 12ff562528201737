"""Russian named entities: natasha's NewsNERTagger, corrected and completed by general rules.

The model finds most persons and places but cuts organization names short ("Министерство
иностранных дел" without "России"), merges a name with its acronym in parentheses, calls
intergovernmental bodies places ("ЕС") and misses bodies named by a head word and a country
("правительство Грузии", "посольства США"). The rules below fix those cases from morphology
(pymorphy3 cases and its Geox/Orgn marks), a small lexicon of head words and the gazetteer;
none of them knows a particular text.

Conventions (those of both NER corpora we measure on, and what the knowledge base wants):
an organization named by a body and a country is one ORG with the country nested as a LOC
("МИД России"); a quoted name is the text inside the quotes, without its descriptor ("ОАО
«Газпром»" -> "Газпром"); an acronym in parentheses is a mention of its own; adjectives
("российский") are not places. Output spans are sorted by start; nesting is allowed, partial
crossing is not.

Modules: ner_words (lexicons, cached morphology, the gazetteer index; clear_caches), ner_spans (the
working span, document and coverage records), this module (the model and the rule passes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import nlp
from .ner_spans import Coverage, Doc, S, absorb, starts
from .ner_words import (
    ACRONYM,
    ACRONYM_COMPOUND,
    ADJ_HEADS,
    CAP,
    CLOSE_QUOTES,
    COMPLEMENT_HEADS,
    LOC,
    MEMBER_COUNCILS,
    MEMBER_WORDS,
    MISSION_HEADS,
    NOT_BODIES,
    OPEN_QUOTES,
    ORG,
    PER,
    PLACE_ADJ,
    PLURAL_HEADS,
    PO_HEADS,
    PREPOSITIONS,
    PRI_HOSTS,
    QUOTE_DESCRIPTORS,
    SPLIT_TOKENS,
    TERRITORY_WORDS,
    WORD,
    GazIndex,
    agree_forms,
    capitalized,
    dative_word,
    gaz_index,
    gazetteer,
    gen_modifier,
    genitive,
    genitive_word,
    head_forms,
    is_adjective,
    marks,
    person_noun,
    plain_word,
)
from .nlp import Sentence
from .normalize import cyrillic_lookalikes, name_cases

__all__ = ["RULES", "Span", "RussianNER"]


@dataclass(frozen=True, slots=True)
class Span:
    """A name in the text: character offsets, type and the component that found it."""

    start: int
    end: int
    type: str  # "PER" | "ORG" | "LOC"
    source: str  # "model" | "rule" | "gazetteer"


# The rules, in the order they run; each can be switched off to measure what it brings.
RULES = ("clean", "titled", "retype", "gazetteer", "acronyms", "quoted", "heads", "extend")


def _joined_names(doc: Doc, spans: list[S]) -> list[S]:
    """'Виктором Евгеньевичем | Мальцевым': a first name and patronymic the model parts from the surname
    after it are one person when the three words read as a name in one case."""
    per = {s.i: s for s in spans if s.type == PER and s.j - s.i == 1}
    for s in [s for s in spans if s.type == PER and s.j - s.i == 2 and s.j in per and doc.adjacent(s.j - 1, s.j)]:
        if name_cases(tuple(doc.words[s.i:s.j + 1])):
            spans = [x for x in spans if x is not per[s.j]]
            s.j += 1
    return spans


class RussianNER:
    """natasha's NER with rules for organization boundaries, acronyms, quotes and gazetteers."""

    def __init__(self, disable=()):
        unknown = set(disable) - set(RULES)
        if unknown:
            raise ValueError(f"unknown rules: {sorted(unknown)}")
        self.disabled = frozenset(disable)

    def __call__(self, text: str, sents: list[Sentence] | None = None) -> list[Span]:
        if not text.strip():
            return []
        if sents is None:
            sents = nlp.sentences(text)
        doc = Doc(text, sents)
        spans = self._model(doc, sents)
        for rule in RULES:
            if rule not in self.disabled:
                spans = getattr(self, "_" + rule)(doc, spans)
        return self._finish(doc, spans)

    # -- the model ---------------------------------------------------------------------------
    @staticmethod
    def _model(doc: Doc, sents: list[Sentence]) -> list[S]:
        out = []
        for s in nlp.ner_spans(doc.text, sents):
            r = doc.tok_range(s.start, s.stop)
            if r:
                out.append(S(r[0], r[1], s.type, "model"))
        return out

    # -- clean: split at line breaks, bullets and parentheses; trim punctuation; quoted names --
    def _clean(self, doc: Doc, spans: list[S]) -> list[S]:
        out = []
        for s in spans:
            for p in self._split(doc, s):
                if p.type == ORG:
                    self._trim_person_noun(doc, p)
                    while p.j - p.i > 1 and doc.words[p.j - 1].islower() and nlp.parses(doc.words[p.j - 1])[0].tag.POS == "VERB":
                        p.j -= 1  # "Члены Совета заслушали": the verb after the body is not its name
                    if p.j == p.i or self._common_word(doc, p) or (
                            p.j - p.i == 1 and person_noun(doc.words[p.i]) and not self._quoted_span(doc, p)):
                        continue
                elif p.type == LOC and p.j - p.i > 2:
                    # "Узбекистана имени Мирзо Улугбека": what is named after someone is not the place
                    cut = next((k for k in range(p.i + 1, p.j) if doc.words[k].lower() in ("имени", "им")), None)
                    if cut is not None:
                        p.j = cut
                elif p.type == LOC and p.j - p.i == 1 and is_adjective(doc.words[p.i]) \
                        and not marks(doc.words[p.i]) & {"Geox"}:
                    continue  # "Кипрское правительство": an adjective is not a place
                if p.j - p.i == 1 and ACRONYM_COMPOUND.match(doc.words[p.i]):
                    continue  # "ИТ-компаний", "ИКТ-сфере": a common noun with an acronym in front
                out.append(p)
        return out

    # -- titled: a person the model missed right after a noun for people ---------------------
    def _titled(self, doc: Doc, spans: list[S]) -> list[S]:
        """'с Министром Станиславом Ершовым': after a noun for people, two or three capitalized
        words that the dictionary reads as a first name then a surname (or first name, patronymic,
        surname) in one case, standing in no span, are a person."""
        cov = Coverage(spans)
        new: list[S] = []
        k = 0
        n = len(doc.words)
        while k < n - 2:
            # the cheap test first: a name (a capitalized Cyrillic word) must follow the noun for people
            if not ("А" <= doc.words[k + 1][:1] <= "Я" or doc.words[k + 1][:1] == "Ё") \
                    or not person_noun(doc.words[k]) or not doc.adjacent(k, k + 1):
                k += 1
                continue
            found = None
            for size in (3, 2):
                j = k + 1 + size
                if j > n or not all(doc.adjacent(x - 1, x) for x in range(k + 2, j)):
                    continue
                if cov.relation(k + 1, j) != "free" or (j < n and doc.adjacent(j - 1, j) and capitalized(doc.words[j])):
                    continue
                if name_cases(tuple(doc.words[k + 1:j])):
                    found = S(k + 1, j, PER, "titled")
                    break
            if found is None:
                k += 1
                continue
            new.append(found)
            k = found.j
        return _joined_names(doc, spans + new if new else spans)

    @staticmethod
    def _trim_person_noun(doc: Doc, p: S) -> None:
        """An organization's name does not start with a person: 'Замглавы Федеральной службы',
        'Исследователи Брукхейвенской лаборатории' -> the body alone."""
        w = doc.words[p.i]
        if p.j - p.i >= 2 and person_noun(w) and CAP.match(doc.words[p.i + 1]):
            p.i += 1

    @staticmethod
    def _common_word(doc: Doc, p: S) -> bool:
        """A one-word 'name' that is a plain word: an abbreviation of a common noun ('СМИ') or
        a capitalized common noun opening a sentence ('Почта ...')."""
        if p.j - p.i != 1:
            return False
        w = doc.words[p.i]
        ps = nlp.parses(w)
        if not ps or marks(w) & {"Geox", "Orgn"}:
            return False
        tag = ps[0].tag
        if w.isupper() and len(w) > 1:
            return "Abbr" in tag and ps[0].score > 0.2 and not any("Orgn" in q.tag for q in ps)
        first = p.i == 0 or doc.sent_of[p.i - 1] != doc.sent_of[p.i]
        return (first and tag.POS in ("NOUN", "ADJF", "PRTF") and not {"Name", "Surn", "Patr"} & tag.grammemes
                and "Fixd" not in tag and nlp.morph().word_is_known(w.lower()))

    def _split(self, doc: Doc, s: S) -> list[S]:
        w = doc.words
        pieces, a = [], s.i
        for k in range(s.i + 1, s.j):
            if not doc.adjacent(k - 1, k) and (doc.sent_of[k - 1] != doc.sent_of[k]
                                              or "\n" in doc.text[doc.toks[k - 1].end:doc.toks[k].start]):
                pieces.append((a, k))
                a = k
            elif w[k] in SPLIT_TOKENS:
                pieces.append((a, k))
                a = k + 1
        pieces.append((a, s.j))
        parts = []
        for i, j in pieces:
            k = next((k for k in range(i, j) if w[k] == "("), None)
            if k is None:
                parts.append(S(i, j, s.type, s.source))
                continue
            # a parenthesis splits a name from its acronym or translation: "Комитет (КЗЖ)"
            close = next((m for m in range(k + 1, j) if w[m] == ")"), j)
            parts.append(S(i, k, s.type, s.source))
            inner = S(k + 1, close, s.type, s.source)
            if close == k + 2 and ACRONYM.match(w[k + 1]) and "Geox" not in marks(w[k + 1]) and s.type != PER:
                inner.type = ORG
            parts.append(inner)
        res = []
        for p in parts:
            self._trim(doc, p)
            if p.j > p.i and p.type == ORG:
                self._inner_quote(doc, p)
                self._trim(doc, p)
            if p.j > p.i:
                res.append(p)
        return res

    @staticmethod
    def _trim(doc: Doc, p: S) -> None:
        w = doc.words
        while p.i < p.j and not any(c.isalnum() for c in w[p.i]):
            p.i += 1
        while p.j > p.i and not any(c.isalnum() for c in w[p.j - 1]):
            p.j -= 1

    @staticmethod
    def _inner_quote(doc: Doc, p: S) -> None:
        """'ОАО «Газпром»' -> 'Газпром': the quoted part is the name."""
        w = doc.words
        for k in range(p.i + 1, p.j - 1):
            if w[k] in OPEN_QUOTES and (CAP.match(w[k + 1]) or w[k + 1][:1].isdigit()):
                close = next((m for m in range(k + 1, p.j) if w[m] in CLOSE_QUOTES), p.j)
                if close > k + 1:
                    p.i, p.j = k + 1, close
                return

    # -- retype: the gazetteer or pymorphy knows what a name is ("ЕС" is a body) ---------------
    def _retype(self, doc: Doc, spans: list[S]) -> list[S]:
        gi = gaz_index()
        for s in spans:
            t, key = None, ()
            if s.j - s.i <= gi.longest and doc.lemma(s.i) in gi.first:
                key = tuple(doc.lemma(k) for k in range(s.i, s.j))
                t = gi.keys.get(key)
                if s.type == PER:
                    if key in gi.countries and not marks(doc.words[s.i]) & {"Name", "Surn"}:
                        s.type = LOC  # "Кыргызстан" is no one's name
                    continue
            if s.type == PER:
                continue
            if t == ORG and s.type == LOC:
                s.type = ORG
            elif t == LOC and s.type == ORG and s.j - s.i <= 3 and not self._quoted_span(doc, s) \
                    and self._place_not_acronym(doc, s, key, gi):
                s.type = LOC  # but «Барселона» in quotes is the club
            elif t is None and s.type == LOC and s.j - s.i == 1 and ACRONYM.match(doc.words[s.i]):
                m = marks(doc.words[s.i])
                if "Orgn" in m and "Geox" not in m:
                    s.type = ORG
        return spans

    @staticmethod
    def _place_not_acronym(doc: Doc, s: S, key: tuple[str, ...], gi: GazIndex) -> bool:
        """A name in capitals is a place when the gazetteer writes it so ("ОАЭ"), when it is a
        country, or when it opens a dateline ("БИШКЕК, 5 августа"); "САНА" (an agency) is not Сана."""
        if s.j - s.i > 1 or not doc.words[s.i].isupper() or key in gi.upper or key in gi.countries:
            return True
        first = s.i == 0 or doc.sent_of[s.i - 1] != doc.sent_of[s.i] or "\n" in doc.text[
            doc.toks[s.i - 1].end:doc.toks[s.i].start]
        return first and s.j < len(doc.words) and doc.words[s.j] == ","

    @staticmethod
    def _quoted_span(doc: Doc, s: S) -> bool:
        return s.i > 0 and s.j < len(doc.words) and doc.words[s.i - 1] in OPEN_QUOTES \
            and doc.words[s.j] in CLOSE_QUOTES

    # -- gazetteer: countries, cities and bodies the model missed ---------------------------
    def _gazetteer(self, doc: Doc, spans: list[S]) -> list[S]:
        gi = gaz_index()
        if not gi.keys:
            return spans
        w = doc.words
        n = len(w)
        cov = Coverage(spans)
        added: list[S] = []
        inner_orgs: list[S] = []
        i = 0
        while i < n:
            # cheap filters first: a capital letter, then the first letters of some key's first word
            if not CAP.match(w[i]) or w[i][:3].lower().replace("ё", "е") not in gi.heads3 \
                    or doc.lemma(i) not in gi.first:
                i += 1
                continue
            hit = None
            b = i + 1
            while True:  # walk on while the lemmas so far begin some key
                key = tuple(doc.lemma(k) for k in range(i, b))
                t = gi.keys.get(key)
                if t is not None:
                    hit = (b, t)
                if b >= n or not doc.adjacent(b - 1, b) or key not in gi.prefixes:
                    break
                b += 1
            if hit is None or not self._gaz_ok(doc, i, hit[0], hit[1], gi):
                i += 1
                continue
            b, t = hit
            rel = cov.relation(i, b)
            if rel == "inside" and t == ORG:
                inner_orgs.append(S(i, b, ORG, "gazetteer"))
            elif rel == "free" or (rel == "inside" and t == LOC and all(
                    o.type == ORG for o in cov.spans if o.i <= i and b <= o.j)):
                added.append(S(i, b, t, "gazetteer"))  # a country inside a body's name stays a place
            elif rel == "covers" and t == ORG and all(s.type != PER for s in cov.inside(i, b)):
                # the gazetteer knows the longer name: "Шанхайской организации" + "сотрудничества";
                # the model's shorter name goes, the bodies and places inside it stay nested
                spans = absorb(spans, [S(i, b, ORG, "gazetteer")])
                cov = Coverage(spans)
            elif rel == "same" and t == ORG:
                for s in cov.inside(i, b):
                    s.type = ORG
            i = b
        if inner_orgs:
            spans = self._split_joined(doc, spans, inner_orgs)
        return spans + added

    @staticmethod
    def _split_joined(doc: Doc, spans: list[S], inner: list[S]) -> list[S]:
        """Model spans that run past known bodies: two bodies joined by 'и' become two spans
        ('Содружества Независимых Государств и Евразийской экономической комиссии'); a body
        followed by a lowercase prepositional phrase loses the phrase ('Шанхайской организации
        сотрудничества в сфере информационных технологий')."""
        out = []
        for s in spans:
            parts = [o for o in inner if s.i <= o.i and o.j <= s.j]
            if s.type == ORG and len(parts) >= 2:
                covered = {k for o in parts for k in range(o.i, o.j)}
                rest = {doc.words[k] for k in range(s.i, s.j) if k not in covered}
                if rest <= {"и", ",", "а", "также"}:
                    out.extend(parts)
                    continue
            if s.type == ORG and parts:
                first = max((o for o in parts if o.i == s.i), key=lambda o: o.j, default=None)
                if first is not None and doc.words[first.j] in PREPOSITIONS:
                    s.j, s.source = first.j, "gazetteer"
            out.append(s)
        return out

    @staticmethod
    def _gaz_ok(doc: Doc, a: int, b: int, t: str, gi: GazIndex) -> bool:
        key = tuple(doc.lemma(k) for k in range(a, b))
        if key in gi.upper and not all(doc.words[k].isupper() for k in range(a, b)):
            return False
        if key in gi.ambiguous or RussianNER._quoted_span(doc, S(a, b, t, "")):
            return False  # «Колумбия» in quotes is a ship or a film
        if b - a > 1:
            return True
        w = doc.words[a]
        if is_adjective(w) and not ACRONYM.match(w):
            return False  # "российский" is not a place
        # a sentence-initial common word that happens to be a town's name is not taken
        first = a == 0 or doc.sent_of[a - 1] != doc.sent_of[a]
        return not (first and t == LOC and "Geox" not in marks(w))

    # -- acronyms: "Региональное содружество в области связи (РСС)", then "РСС" -------------
    def _acronyms(self, doc: Doc, spans: list[S]) -> list[S]:
        w = doc.words
        n = len(w)
        known: set[str] = set()
        ends: dict[int, list[S]] = {}
        for s in spans:
            ends.setdefault(s.j, []).append(s)
        for k in range(1, n - 2):
            if w[k] != "(":
                continue
            close = next((m for m in range(k + 2, min(n, k + 5)) if w[m] == ")"), None)
            if close is not None and close > k + 2 and all(ACRONYM.match(x) for x in w[k + 1:close]) \
                    and any(s.type in (ORG, LOC) for s in ends.get(k, [])) and "Geox" not in marks(w[k + 1]) \
                    and (doc.lemma(k + 1),) not in gaz_index().keys:
                # "Министерством ... Республики Казахстан (МЦРИАП РК)": a body's acronym with its country
                spans = [o for o in spans if (o.i, o.j) != (k + 1, close)] + [S(k + 1, close, ORG, "rule")]
                continue
            if w[k + 2] != ")" or not ACRONYM.match(w[k + 1]):
                continue
            acr = w[k + 1]
            if sum(c.isupper() for c in acr) < 2 or "Geox" in marks(acr):
                continue
            if any(s.type == ORG for s in ends.get(k, [])):
                known.add(acr)
                continue
            start = self._long_form(doc, k, acr)
            if start is not None and doc.lemma(start) not in NOT_BODIES \
                    and Coverage(spans).relation(start, k) in ("free", "covers"):
                known.add(acr)
                spans = absorb(spans, [S(start, k, ORG, "rule")])
        gi = gaz_index()
        spans = self._mixed_script_acronyms(doc, spans, gi)
        if not known and not gi.intl:
            return spans
        cov = Coverage(spans)
        for k in range(n):
            if w[k] not in known and w[k] not in gi.intl:
                continue
            rel = cov.relation(k, k + 1)
            if rel == "free":
                spans.append(S(k, k + 1, ORG, "rule"))
            elif rel == "same":
                for s in cov.inside(k, k + 1):
                    if s.type != PER:
                        s.type = ORG
        return spans

    @staticmethod
    def _mixed_script_acronyms(doc: Doc, spans: list[S], gi: GazIndex) -> list[S]:
        """'СHГ' typed with a Latin H comes as three tokens ('С', 'H', 'Г'): joined and read in
        Cyrillic, a known body's acronym is one organization."""
        w = doc.words
        done = -1
        for c, x in enumerate(w):
            if c <= done or len(x) > 3 or not (x.isascii() and x.isalpha() and x.isupper()):
                continue  # only around a Latin capital standing in a run of capitals
            k = c
            while k > 0 and w[k - 1].isalpha() and w[k - 1].isupper() and doc.adjacent(k - 1, k):
                k -= 1
            m = c + 1
            while m < len(w) and w[m].isalpha() and w[m].isupper() and doc.adjacent(m - 1, m):
                m += 1
            done = m - 1
            joined = "".join(w[k:m])
            if m - k >= 2 and len(joined) <= 8 and not joined.isascii() \
                    and cyrillic_lookalikes(joined) in gi.intl and Coverage(spans).relation(k, m) == "free":
                spans = spans + [S(k, m, ORG, "rule")]
        return spans

    @staticmethod
    def _long_form(doc: Doc, k: int, acr: str) -> int | None:
        """Start of the words before '(' whose initials spell the acronym (Schwartz–Hearst-like:
        the letters are found right to left among word initials, the first at the first word)."""
        w = doc.words
        letters = acr.upper()
        pos = len(letters) - 1
        i = k - 1
        while i >= 0 and doc.adjacent(i, i + 1) and k - i <= len(letters) + 4:
            if not WORD.match(w[i]):
                return None
            for ch in reversed([part[:1].upper() for part in w[i].split("-") if part]):
                if pos >= 0 and ch == letters[pos]:
                    pos -= 1
            if pos < 0:
                ok = CAP.match(w[i]) and w[i][0].upper() == letters[0] and k - i >= 2
                return i if ok else None
            i -= 1
        return None

    # -- quoted names after a descriptor: ООО «Ромашка», компания «Ромашка» ------------------
    def _quoted(self, doc: Doc, spans: list[S]) -> list[S]:
        w = doc.words
        n = len(w)
        for k in range(1, n - 2):
            if w[k] not in OPEN_QUOTES or not (CAP.match(w[k + 1]) or w[k + 1][:1].isdigit()):
                continue
            d = w[k - 1]
            if not d[:1].isalpha() or (d.lower() not in QUOTE_DESCRIPTORS
                                       and doc.lemma(k - 1) not in QUOTE_DESCRIPTORS):
                continue
            close = next((m for m in range(k + 2, min(n, k + 12)) if w[m] in CLOSE_QUOTES), None)
            if close is None or doc.sent_of[close] != doc.sent_of[k]:
                continue
            cov = Coverage(spans)
            rel = cov.relation(k + 1, close)
            if rel == "free":
                spans.append(S(k + 1, close, ORG, "rule"))
            elif rel == "covers" and all(s.type == ORG for s in cov.inside(k + 1, close)):
                spans = absorb(spans, [S(k + 1, close, ORG, "rule")])
            elif rel == "same":
                for s in cov.inside(k + 1, close):
                    if s.i == k + 1 and s.j == close and s.type == LOC:
                        s.type = ORG
        return spans

    # -- head words: "правительство Грузии", "пресс-служба МВД", "японского МИДа" ----------
    def _heads(self, doc: Doc, spans: list[S]) -> list[S]:
        w = doc.words
        heads = head_forms()
        by_start = starts(spans)
        spans = list(spans)
        # right to left, so that "пресс-служба" finds "полиции РА" already built
        for h in range(len(w) - 1, -1, -1):
            lem = heads.get(w[h].lower().replace("ё", "е"))
            if lem is None:
                continue
            rel = Coverage(spans).relation(h, h + 1)
            if rel == "same" and lem in ADJ_HEADS and all(o.type == ORG for o in Coverage(spans).inside(h, h + 1)):
                pass  # "японского [МИДа]": the model found the head alone
            elif rel != "free":
                continue
            if lem not in PLURAL_HEADS and "sing" not in {n for _, n in agree_forms(w[h])}:
                continue  # "лучших университетов Китая" is no one body
            j = h + 1
            if lem in COMPLEMENT_HEADS:  # "министерство иностранных дел", "связи и информатизации"
                j = self._gen_complement(doc, j)
            target = self._genitive_name(doc, j, by_start)
            if target is None and self._host_title(doc, j):
                target = self._genitive_name(doc, j + 1, by_start)  # "Администрации Президента Армении"
            start = self._left_adjectives(doc, h)
            if target is not None:
                end = target.j
            elif lem in ADJ_HEADS and start < h and self._place_adjective(doc, start, h):
                end = self._gen_complement(doc, h + 1) if lem in COMPLEMENT_HEADS else h + 1
            elif self._titled_head(doc, h, lem):
                end = h + 1  # "Председатель Службы по регулированию ...": the complement comes below
            else:
                continue
            end = self._mission_place(doc, end, lem, by_start)
            end = self._po_complement(doc, end, lem, by_start)
            if (start, end) != (h, h + 1) and Coverage(spans).relation(start, end) in ("free", "covers"):
                s = S(start, end, ORG, "rule")
                spans = absorb([o for o in spans if not (o.i == h and o.j == h + 1)], [s])
                by_start.setdefault(start, []).append(s)
        return spans

    def _po_run_on(self, doc: Doc, s: S, j: int, by_start: dict[int, list[S]]) -> int:
        """A name the model cut inside what the body is in charge of runs on over its lower-case words
        and the places they govern: 'Комиссии по подготовке регулярных' + 'встреч глав правительств
        России и Китая'."""
        w = doc.words
        if not any(w[k] == "по" for k in range(s.i + 1, s.j - 1)):
            return j
        start = j
        while plain_word(w[start - 1]) and j - start < 6 and doc.adjacent(j - 1, j) and plain_word(w[j]) \
                and genitive_word(w[j]):
            j += 1
        end = self._genitive_chain(doc, j, by_start)
        places_end = {o.j for ss in by_start.values() for o in ss if o.type == LOC}
        while end in places_end and doc.adjacent(end - 1, end) and w[end] == "и" and doc.adjacent(end, end + 1):
            more = [o for o in by_start.get(end + 1, []) if o.type == LOC and genitive(w[o.i])]
            if not more:
                break
            end = max(o.j for o in more)
        return end

    @staticmethod
    def _host_title(doc: Doc, j: int) -> bool:
        """A capitalized office in the genitive between a head and its state: 'Администрации
        Президента ...', 'Аппарата Правительства ...'."""
        w = doc.words
        return (j + 1 < len(w) and doc.adjacent(j - 1, j) and w[j].istitle() and doc.lemma(j) in PRI_HOSTS
                and genitive_word(w[j].lower()))

    @staticmethod
    def _titled_head(doc: Doc, h: int, lem: str) -> bool:
        """A head word written with a capital inside a sentence and followed by what the body is in
        charge of ('Службы по регулированию ...', 'Совета по сотрудничеству ...'): the start of a name."""
        w = doc.words
        return (lem in PO_HEADS and w[h][:1].isupper() and not w[h].isupper() and doc.adjacent(h - 1, h)
                and w[h - 1][:1].isalpha() and doc.adjacent(h, h + 1) and w[h + 1] == "по"
                and doc.adjacent(h + 1, h + 2) and dative_word(w[h + 2]))

    @staticmethod
    def _gen_complement(doc: Doc, j: int) -> int:
        """End of lowercase genitive words after a head: 'иностранных дел', 'связи и информатизации'."""
        w = doc.words
        while doc.adjacent(j - 1, j) and (gen_modifier(w[j]) or (
                w[j] in (",", "и") and doc.adjacent(j, j + 1) and gen_modifier(w[j + 1]))):
            j += 1
        return j

    @staticmethod
    def _genitive_name(doc: Doc, j: int, by_start: dict[int, list[S]]) -> S | None:
        """The longest place or body starting at token j that stands in the genitive.
        A Latin name after a head is an apposition ("агентство Reuters"), not a genitive."""
        if not doc.adjacent(j - 1, j):
            return None
        best = None
        for s in by_start.get(j, []):
            if s.type in (LOC, ORG) and genitive(doc.words[s.i]) and (best is None or s.j > best.j):
                best = s
        return best

    @staticmethod
    def _po_complement(doc: Doc, j: int, head: str | None, by_start: dict[int, list[S]]) -> int:
        """'по' and what a body is in charge of: 'ГУ МВД по городу Москве', 'комитет Совета
        Федерации по экономической политике'. A place after 'по' extends any body; a lowercase
        complement only a committee-like head."""
        w = doc.words
        if not (doc.adjacent(j - 1, j) and w[j] == "по" and doc.adjacent(j, j + 1)):
            return j
        k = j + 1
        if doc.lemma(k) in TERRITORY_WORDS and w[k].islower() and doc.adjacent(k, k + 1):
            k += 1
        places = [s for s in by_start.get(k, []) if s.type == LOC]
        if places:
            end = max(s.j for s in places)
            while doc.adjacent(end - 1, end) and w[end] == "и" and doc.adjacent(end, end + 1):
                more = [s for s in by_start.get(end + 1, []) if s.type == LOC]
                if not more:
                    break
                end = max(s.j for s in more)
            return end
        if head not in PO_HEADS or not dative_word(w[k]):
            return j
        if head == "суд" and doc.lemma(k) == "дело":
            return j  # "суд по делу ..." is a case, not the court's name
        end = k + 1
        while end - j < 8 and doc.adjacent(end - 1, end):
            if plain_word(w[end]):
                end += 1
            elif w[end] in ("и", ",") and doc.adjacent(end, end + 1) and plain_word(w[end + 1]) \
                    and w[end + 1] != "и":
                end += 2
            else:
                break
        return end

    @staticmethod
    def _left_adjectives(doc: Doc, h: int) -> int:
        """Agreeing adjectives before a head: 'Верховный суд', 'антимонопольной комиссии'."""
        w = doc.words
        forms = agree_forms(w[h])
        start = h
        while h - start < 3 and doc.adjacent(start - 1, start) and is_adjective(w[start - 1]) \
                and (w[start - 1].islower() or w[start - 1].istitle()) \
                and agree_forms(w[start - 1]) & forms:
            start -= 1
        return start

    @staticmethod
    def _place_adjective(doc: Doc, a: int, h: int) -> bool:
        """One of the adjectives is derived from a country: 'японский' from 'Япония'."""
        gaz = gazetteer()
        if gaz is None:
            return False
        return any(PLACE_ADJ.match(doc.words[k].lower()) and gaz.countries_of_adjective(doc.words[k])
                   for k in range(a, h))

    # -- extend: an organization followed by a place or a body in the genitive -----------------
    def _extend(self, doc: Doc, spans: list[S]) -> list[S]:
        w = doc.words
        intl = gaz_index().intl
        by_start = starts(spans)
        new: list[S] = []
        for s in sorted(spans, key=lambda s: (s.i, -s.j)):
            if s.type != ORG or (s.j - s.i == 1 and w[s.i] in intl):
                continue  # "ЕС", "ООН": an intergovernmental body's name is complete
            outer = any(o is not s and o.type == ORG and o.i <= s.i and s.j <= o.j and (o.i, o.j) != (s.i, s.j)
                        for o in spans) or any(o.i < s.i < o.j for o in new)
            j = self._genitive_chain(doc, self._members(doc, s) if not outer else s.j, by_start)
            if not outer:
                j = self._po_run_on(doc, s, j, by_start)
            if not outer:  # a body nested in a longer name does not take the longer name's "по ..."
                head = self._head_of(doc, s)
                j = self._mission_place(doc, j, head, by_start)
                while True:  # "при Кабинете министров Кыргызской Республики"
                    k = self._pri_complement(doc, j, by_start)
                    if k == j:
                        break
                    j = self._genitive_chain(doc, k, by_start)
                j = self._po_complement(doc, j, head, by_start)
                j = self._named_after(doc, j, by_start)
            if j > s.j:
                new.append(S(s.i, j, ORG, "rule"))
        return absorb(spans, new) if new else spans

    @staticmethod
    def _members(doc: Doc, s: S) -> int:
        """A council named by its members runs on over their lower-case genitive words and a
        bracketed gloss: 'Совет глав' + 'почтовых ведомств', 'Совет глав правительств'
        + '(премьер-министров) государств-членов' (then the body they belong to)."""
        w = doc.words
        if doc.lemma(s.i) not in MEMBER_COUNCILS or not any(doc.lemma(k) in MEMBER_WORDS
                                                             for k in range(s.i + 1, s.j)):
            return s.j
        k = s.j
        while k < len(w) and doc.adjacent(k - 1, k):
            if w[k] == "(":
                close = next((m for m in range(k + 2, min(len(w), k + 5)) if w[m] == ")"), None)
                if close is None or not all(x.islower() and genitive(x) for x in w[k + 1:close]):
                    break
                k = close + 1
            elif w[k].islower() and re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", w[k]) \
                    and w[k] not in PREPOSITIONS and genitive_word(w[k]):
                k += 1
            elif ACRONYM_COMPOUND.match(w[k]) and genitive_word(w[k].split("-", 1)[1]):
                k += 1  # "Совет руководителей" + "ИТ-парков"
            else:
                break
        while k > s.j and w[k - 1] == ")":
            k -= 1  # never ends on a gloss alone
        return k if k > s.j and w[k - 1] != "(" else s.j

    @staticmethod
    def _mission_place(doc: Doc, j: int, head: str | None, by_start: dict[int, list[S]]) -> int:
        """Where an embassy or a mission sits: 'Посольство России в Казахстане'."""
        w = doc.words
        if head not in MISSION_HEADS or not (doc.adjacent(j - 1, j) and w[j] in ("в", "во")
                                             and doc.adjacent(j, j + 1)):
            return j
        places = [s for s in by_start.get(j + 1, []) if s.type == LOC]
        return max(s.j for s in places) if places else j

    @staticmethod
    def _pri_complement(doc: Doc, j: int, by_start: dict[int, list[S]]) -> int:
        """'при' and the body it is attached to: 'Совет при Президенте Российской Федерации',
        'Следственный комитет при прокуратуре РФ'."""
        w = doc.words
        if not (doc.adjacent(j - 1, j) and w[j] == "при" and doc.adjacent(j, j + 1)):
            return j
        k = j + 1
        bodies = [s for s in by_start.get(k, []) if s.type == ORG]
        if bodies:
            return max(s.j for s in bodies)
        if doc.lemma(k) in PRI_HOSTS and (w[k].istitle() or w[k].islower()):
            places = [s for s in by_start.get(k + 1, []) if s.type == LOC and doc.adjacent(k, k + 1)
                      and genitive(w[s.i])]
            if places:
                return max(s.j for s in places)
            if w[k].istitle():
                return k + 1
        return j

    def _genitive_chain(self, doc: Doc, j: int, by_start: dict[int, list[S]]) -> int:
        """The end of the places and bodies in the genitive that follow token j - 1."""
        while True:
            nxt = self._genitive_name(doc, j, by_start)
            if nxt is None:
                return j
            j = nxt.j

    @staticmethod
    def _head_of(doc: Doc, s: S) -> str | None:
        """The head word of a body's name: the first word that is not an adjective."""
        for k in range(s.i, min(s.j, s.i + 4)):
            if not is_adjective(doc.words[k]):
                return doc.lemma(k)
        return None

    @staticmethod
    def _named_after(doc: Doc, j: int, by_start: dict[int, list[S]]) -> int:
        """'имени М. В. Ломоносова', 'им. Габдуллы Тукая' after a body's name."""
        w = doc.words
        if not doc.adjacent(j - 1, j) or w[j].lower() not in ("имени", "им"):
            return j
        k = j + 1
        if w[j].lower() == "им" and k < len(w) and w[k] == ".":
            k += 1
        persons = [s for s in by_start.get(k, []) if s.type == PER]
        return max(s.j for s in persons) if persons else j

    # -- finish: no partial crossing, no duplicates, sorted -----------------------------------
    @staticmethod
    def _finish(doc: Doc, spans: list[S]) -> list[Span]:
        prio = {"rule": 0, "model": 1, "gazetteer": 2}
        accepted: list[S] = []
        seen: set[tuple[int, int]] = set()
        for s in sorted(spans, key=lambda s: (-(s.j - s.i), prio.get(s.source, 3), s.i)):
            if s.j <= s.i or (s.i, s.j) in seen:
                continue
            if any(o.i < s.i < o.j < s.j or s.i < o.i < s.j < o.j for o in accepted):
                continue
            seen.add((s.i, s.j))
            accepted.append(s)
        toks = doc.toks
        out = [Span(toks[s.i].start, toks[s.j - 1].end, s.type, s.source) for s in accepted]
        out.sort(key=lambda x: (x.start, -x.end))
        return out
