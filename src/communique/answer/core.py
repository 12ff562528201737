"""Answer a question from the store's facts, citing the sentence behind every part."""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..langid import guess_language
from ..link.translit import is_cyrillic
from ..model import Record
from ..nlp import chinese_numeral
from ..nlp import sentences as _sentences
from ..search.expand import expansions
from ..search.hybrid import RRF_K
from ..store import Store
from ..store.fulltext import match_key, query_lemmas

DOCS = 12  # documents read closely for one question
MIN_SCORE = 2.0  # a sentence needs this much support to be cited at all
KEEP = 0.5  # other sentences are kept when this close to the best one
MAX_PARTS = 6
PER_DOC = 3  # sentences of one document at most
MAX_SERIES = 6  # other meetings of a cited series added to a series, where or when answer
SERIES_KINDS = ("series", "where", "when")
NEAR_WEIGHT = 1.5  # what being the document nearest the question in meaning adds to its sentences
NAME_WEIGHT = 1.5  # a name of the question matched across scripts or languages, against a word's 1 (× rarity)
MAX_NAMED = 12  # participants named in one fact line (a signing by seven states names all seven)


split_sentences = lru_cache(maxsize=512)(_sentences)  # a document's sentences, kept for later questions


@dataclass
class Citation:
    document_id: str
    url: str | None
    sentence: str
    start: int
    end: int


@dataclass
class Answer:
    question: str
    answer: str
    kind: str
    mode: str  # "facts", "sentences" (fallback: no fact answers) or "none"
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    phrased_by: str | None = None  # the model that phrased the answer from its citations (answer.generate)

    def to_dict(self) -> dict:
        return {"question": self.question, "answer": self.answer, "kind": self.kind, "mode": self.mode,
                "citations": [asdict(c) for c in self.citations], "facts": self.facts, "phrased_by": self.phrased_by}


@lru_cache(maxsize=1)
def _kinds() -> dict:
    return json.loads((Path(__file__).with_name("kinds.json")).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    data = json.loads((Path(__file__).with_name("stopwords.json")).read_text(encoding="utf-8"))
    return frozenset(w for lang in ("ru", "en") for w in data[lang])


def question_kind(question: str) -> str:
    """The kind of a question (who, when, where, signed, count, ...) by its question words."""
    text = " " + re.sub(r"\s+", " ", question.lower().replace("ё", "е")) + " "
    kinds = _kinds()
    for kind in kinds["order"]:
        for cue in kinds[kind]:
            pattern = cue[3:] if cue.startswith("re:") else r"(?<![\w])" + re.escape(cue.replace("ё", "е"))
            if re.search(pattern, text):
                return kind
    return "what"


def _stem(lemma: str) -> str:
    return lemma[:6] if len(lemma) > 6 else lemma


def content_words(text: str) -> set[str]:
    """The stems of a text's content words (lemmas cut to 6 letters, stop words and numbers other
    than years left out): what a question and a sentence are matched by."""
    stop = _stopwords()
    return {_stem(w) for w in query_lemmas(text) if len(w) > 1 and w not in stop and not w.isdigit() or
            (w.isdigit() and len(w) == 4)}


def _read_question(question: str, language: str | None) -> tuple[str, Record | None]:
    from .. import extract

    lang = language or guess_language(question)
    try:
        return lang, extract(question, language=lang)
    except Exception:  # a question the steps cannot read is still searched by its words
        return lang, None


def _link_key(e) -> str | None:
    """What names one entity in every language: its gazetteer id, or a country's ISO code."""
    if e.gazetteer_id:
        return e.gazetteer_id
    if e.type == "LOC" and e.kind == "country" and e.iso:
        return "iso:" + e.iso
    return None


def _gazetteer_ids(record: Record | None) -> set[str]:
    """The link keys of what the question names; a city the question's reading left unlinked is looked
    up in the gazetteer by its name ("Moscow" in a question matches "莫斯科" linked in a release)."""
    out = set()
    for e in record.entities if record else []:
        k = _link_key(e)
        if k is None and e.type == "LOC":
            from ..extract.gazetteer import Gazetteer

            city = Gazetteer.load().city(e.name)
            k = city["id"] if city else None
        if k:
            out.add(k)
    return out


_NAME = re.compile(r"\b[A-ZА-ЯЁ][\w‘’ʻʼ'`-]{3,}")  # "Bo‘ronov": Uzbek Latin letters o‘ and g‘ inside


def _name_keys(text: str) -> set[str]:
    """Script-free skeletons of the capitalised words: "Tashkent" and "Ташкенте" share one."""
    from ..link.translit import key

    return {key(m.group())[:5] for m in _NAME.finditer(text)} - {""}


def _gazetteer_documents(store: Store, record: Record | None, limit: int) -> list[str]:
    """Documents naming an organization or a country of the question, by gazetteer id or ISO code
    (so an English question reaches a Russian-only release)."""
    found: list[str] = []
    for e in record.entities if record else []:
        if e.type == "ORG" and e.gazetteer_id:
            filters = {"organization": [e.gazetteer_id]}
        elif e.type == "LOC" and e.kind == "country" and e.iso:
            filters = {"country": [e.iso]}
        else:
            continue
        found += [d for d, _ in store.rank_text("", limit=limit, filters=filters)]
    return list(dict.fromkeys(found))


def _any_word_scores(store: Store, question: str, words: set[str], scores: dict[str, float]) -> dict[str, float]:
    """The search's scores plus, for every content word of the question on its own, the full-text
    rank of each document holding it (a question's words rarely all stand in one release)."""
    stop = _stopwords()
    for word in dict.fromkeys(w for w in query_lemmas(question) if w not in stop and len(w) > 2):
        if _stem(word) not in words:
            continue
        for rank, (doc_id, _) in enumerate(store.rank_text(word, limit=DOCS * 2)):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (RRF_K + rank + 1)
    return scores


def _nearest(searcher, question: str) -> list[str]:
    """The documents nearest the question in meaning (the multilingual vectors), best first."""
    from ..search import semantic

    if not len(searcher.index):
        return []
    return [d for d, _ in searcher.index.search(semantic.query_vector(question), DOCS)]


def _entity_names(record: Record) -> dict[str, str]:
    return {e.id: e.name for e in record.entities}


def _overlaps(ev_start: int, ev_end: int, start: int, end: int) -> bool:
    return ev_start < end and start < ev_end


def _event_fact(ev, names: dict[str, str]) -> dict:
    return {"fact": "event", "type": ev.type, "name": ev.name, "status": ev.status, "start": ev.start,
            "end": ev.end, "location": names.get(ev.location or "", ev.location), "series": ev.series,
            "ordinal": ev.ordinal,
            "participants": [{"name": names.get(p.entity, p.entity), "role": p.role} for p in ev.participants]}


def _event_line(f: dict) -> str:
    when = f["start"] or f["end"] or ""
    if f["start"] and f["end"] and f["end"] != f["start"]:
        when = f"{f['start']}–{f['end']}"
    label = f["type"].lower() + (f" «{f['name']}»" if f.get("name") else "")
    who = ", ".join(p["name"] for p in f["participants"][:MAX_NAMED])
    return " · ".join(x for x in (label, when, f.get("location") or "", who) if x)


def _agreement_fact(ag, names: dict[str, str]) -> dict:
    return {"fact": "agreement", "kind": ag.kind, "title": ag.title, "signed": ag.signed,
            "parties": [names.get(p, p) for p in ag.parties]}


def _agreement_line(f: dict) -> str:
    return " · ".join(x for x in (f"{f['kind'].lower()} «{f['title']}»", f.get("signed") or "",
                                  ", ".join(f["parties"])) if x)


def _person_facts(record: Record, start: int, end: int) -> list[dict]:
    inside = {m.entity for m in record.mentions if m.entity and _overlaps(m.start, m.end, start, end)}
    out = []
    for e in record.entities:
        if e.id in inside and e.type == "PER":
            out.append({"fact": "person", "name": e.name, "roles": [r.title for r in e.roles]})
    return out


def _person_line(f: dict) -> str:
    return f["name"] + (f" ({'; '.join(f['roles'])})" if f["roles"] else "")


_COUNTED = re.compile(r"\b(?:сколько|how many|number of)\s+(\w+)", re.I)
_NUMBER_NEAR = 3  # words between a number and what it counts


def counted_word(question: str) -> str | None:
    """What a how-many question counts, as a stem ("Сколько студентов…" → "студен")."""
    m = _COUNTED.search(question)
    return _word_key(m.group(1)) if m else None


def _word_key(word: str) -> str:
    """One word's stem, the same for its forms in either language ("students" ~ "student")."""
    lemmas = query_lemmas(word)
    return _stem(match_key(lemmas[0]) if lemmas else word.casefold())


def _counts(sentence: str, counted: str) -> bool:
    """Whether the sentence gives a number within a few words of what the question counts."""
    words = re.findall(r"\w+", sentence)
    numbers = [i for i, w in enumerate(words) if w.isdigit()]
    return any(abs(i - j) <= _NUMBER_NEAR for j, w in enumerate(words) if not w.isdigit() and
               _word_key(w) == counted for i in numbers)


def _kind_bonus(kind: str, sentence: str, mentions: list, events: list, agreements: list,
                counted: str | None = None) -> float:
    """What a sentence stating the facts a question of this kind asks for adds to its score."""
    types = {m.type for m in mentions}
    if kind == "when":
        return 1.0 if any(ev.start for ev in events) else 0.0
    if kind == "where":
        return 1.0 if "LOC" in types else 0.0
    if kind == "who":  # asks for a person: a sentence naming none cannot answer
        return 2.0 if "PER" in types else 0.0
    if kind == "events-of-person":
        return 1.0 if "PER" in types else 0.0
    if kind == "signed":
        return 3.0 if agreements else 0.0
    if kind == "count":
        if counted and re.search(r"\d", sentence) and _counts(sentence, counted):
            return 3.0
        return 1.0 if re.search(r"\d", sentence) else 0.0
    if kind == "bodies":
        return 1.0 if "ORG" in types else 0.0
    return 0.0


def per_sentence(spans: list, items: list, span_of) -> list[list]:
    """The items (mentions, events, agreements) whose span overlaps each sentence, one list per
    sentence: each item is placed by binary search, so a document costs O((sentences + items) log
    sentences), not sentences × items."""
    starts = [s.start for s in spans]
    out: list[list] = [[] for _ in spans]
    for item in items:
        a, b = span_of(item)
        i = max(bisect_right(starts, a) - 1, 0)
        while i < len(spans) and spans[i].start < b:
            if _overlaps(a, b, spans[i].start, spans[i].end):
                out[i].append(item)
            i += 1
    return out


def _scored_sentences(record: Record, words: set[str], gaz: set[str], kind: str, doc_bonus: float,
                      names: tuple[bool, set[str]], counted: str | None = None, event_types: frozenset = frozenset(),
                      lang: str | None = None, ordinal: int | None = None):
    """(score less the question's words, the question's words it holds, start, end, text) of every
    sentence of the record that shares a word, an entity or a name with the question."""
    text = record.document.text
    cyrillic, keys = names
    # a release in another language than the question's spells its names its own way, in either script
    # ("Buronov" ~ "Bo‘ronov" in an Uzbek release): its names are matched by their skeletons
    foreign = bool(lang and record.document.language and record.document.language != lang)
    by_entity = {e.id: k for e in record.entities if (k := _link_key(e))}
    spans = split_sentences(text)
    mentions = per_sentence(spans, record.mentions, lambda m: (m.start, m.end))
    events = per_sentence(spans, record.events, lambda ev: (ev.evidence.start, ev.evidence.end))
    # a release that states the numbered meeting the question names: each of its sentences may tell
    # what happened there ("on the sidelines of the session", "the sides signed ...")
    numbered = ordinal is not None and any(_states_ordinal(s.text, events[i], ordinal) for i, s in enumerate(spans))
    agreements = per_sentence(spans, record.agreements, lambda ag: (ag.evidence.start, ag.evidence.end))
    for i, s in enumerate(spans):
        if len(s.text.strip()) < 20:
            continue
        shared = words & content_words(s.text)
        linked = {by_entity.get(m.entity or "") for m in mentions[i]} & gaz
        crossed = keys & _name_keys(s.text) if foreign or is_cyrillic(s.text) != cyrillic else set()
        # the question's entities among the parties and participants of the facts the sentence states
        # ("the sides signed a memorandum" names no party, its agreement does)
        stated = {p for ag in agreements[i] for p in ag.parties} | {p.entity for ev in events[i] for p in ev.participants}
        linked_facts = {by_entity[e] for e in stated if e in by_entity} & gaz - linked
        if not shared and not linked and not crossed and not numbered and not any(ev.type in event_types
                                                                                  for ev in events[i]):
            continue
        score = doc_bonus + _kind_bonus(kind, s.text, mentions[i], events[i], agreements[i], counted)
        # the question's entities count like its words (weighed by how many sentences name them), more
        asked = {EVENT + ev.type for ev in events[i] if ev.type in event_types} | ({ORDINAL} if numbered else set())
        yield score, {*shared, *(ENTITY + k for k in linked), *(STATED + k for k in linked_facts), *asked,
                      *(NAME + k for k in crossed)}, s.start, s.end, s.text


# a question's entity named in a sentence; among the parties of a fact it states; an event of a type the
# question speaks of ("signed" → SIGNING), stated in the sentence in any language
# a name of the question spelt in another script or language ("Tashkent" ~ "Ташкенте", "Buronov" ~ "Bo‘ronov")
ENTITY, STATED, EVENT, ORDINAL, NAME = "entity:", "stated:", "event:", "ordinal:", "name:"
_MARK_WEIGHT = {ENTITY: 3.0, STATED: 1.5, EVENT: 1.0, ORDINAL: 2.0, NAME: NAME_WEIGHT}

# the number of a meeting the question asks about: "18th meeting", "35-е заседание", "41-м совете"
_ASKED_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3})(?:st|nd|rd|th|-?(?:й|я|е|го|му|м|ом|ый|ая|ое|ой|ую))\b", re.I)
_ZH_ORDINAL = re.compile(r"第([零一二两三四五六七八九十百]+)")


def asked_ordinal(question: str) -> int | None:
    """The ordinal number of the meeting a question names, if it names one by a number."""
    m = _ASKED_ORDINAL.search(question)
    return int(m.group(1)) if m else None


def _states_ordinal(sentence: str, events: list, n: int) -> bool:
    """Whether a sentence states the n-th meeting: an event of that number, or the number written as an
    ordinal in any language ("11-жыйыны", "18th", "第十八次")."""
    if any(ev.ordinal == n for ev in events):
        return True
    if re.search(rf"(?<![\w.,]){n}(?:st|nd|rd|th|[-‑][^\W\d])", sentence, re.I):
        return True
    return any(chinese_numeral(m.group(1)) == n for m in _ZH_ORDINAL.finditer(sentence))


def word_weights(shared_sets: list[set[str]]) -> dict[str, float]:
    """How much each question word counts in a sentence: more the fewer of the candidate sentences
    hold it (0.5 + a scaled inverse sentence frequency: from about 0.6 for a word in every sentence
    to 1.5 for a word in one), so the words that tell the answer from its context weigh most."""
    df = Counter(w for shared in shared_sets for w in shared)
    n = len(shared_sets)
    weights = {w: 0.5 + math.log1p(n / k) / math.log1p(n) for w, k in df.items()} if n > 1 else {w: 1.0 for w in df}
    for w in weights:
        mark = w[:w.find(":") + 1]
        weights[w] *= _MARK_WEIGHT.get(mark, 1.0)
    return weights


def answer(store: Store, question: str, language: str | None = None, searcher=None) -> Answer:
    """A cited answer to `question` from what `store` holds."""
    from ..search import Searcher

    question = (question or "").strip()
    kind = question_kind(question)
    lang, qrec = _read_question(question, language)
    ru = lang != "en"
    if not question:
        return Answer(question, _say_nothing(ru), kind, "none")
    # the question's words and the other-language names and terms of what it names (search.expand)
    words = content_words(question) | content_words(" ".join(expansions(question)))
    gaz = _gazetteer_ids(qrec)
    searcher = searcher or Searcher(store)
    ranking = searcher.rank(question, depth=DOCS * 2)  # the search expands names across languages itself
    scores = _any_word_scores(store, question, words, dict(ranking.scores))
    order = sorted(scores, key=lambda d: -scores[d])[:DOCS]
    near = _nearest(searcher, question)
    # each document once: one both near in meaning and naming a country of the question was read twice
    order = list(dict.fromkeys([*order, *near, *_gazetteer_documents(store, qrec, DOCS)]))
    top = max(scores.values(), default=1.0)
    names = (is_cyrillic(question), _name_keys(question))
    best: list[tuple[float, str, int, int, str]] = []
    found: list[tuple[float, set[str], str, int, int, str]] = []
    records: dict[str, Record] = {}
    counted = counted_word(question) if kind == "count" else None
    event_types = frozenset(ev.type for ev in (qrec.events if qrec else []))
    ordinal = asked_ordinal(question)
    for doc_id in order:
        record = store.get_record(doc_id)
        if record is None:
            continue
        records[doc_id] = record
        # how well the searches ranked the document: by words (0..1) and by meaning, in any language
        doc_bonus = scores.get(doc_id, 0.0) / top + (NEAR_WEIGHT * (1 - near.index(doc_id) / DOCS)
                                                      if doc_id in near else 0.0)
        for score, shared, start, end, text in _scored_sentences(record, words, gaz, kind, doc_bonus, names, counted,
                                                                   event_types, lang, ordinal):
            found.append((score, shared, doc_id, start, end, text))
    weights = word_weights([f[1] for f in found])
    best = [(score + sum(weights[w] for w in shared), *rest) for score, shared, *rest in found]
    best.sort(key=lambda x: -x[0])
    if not best or best[0][0] < MIN_SCORE + 1.0:
        return Answer(question, _say_nothing(ru), kind, "none")
    chosen: list = []
    for item in best:  # the best sentences close enough to the best one, a few per document
        if item[0] < max(MIN_SCORE, KEEP * best[0][0]) or len(chosen) >= MAX_PARTS:
            break
        if sum(c[1] == item[1] for c in chosen) >= PER_DOC or any(c[1:3] == item[1:3] for c in chosen):
            continue
        chosen.append(item)
    if kind in SERIES_KINDS:
        chosen += _series_sentences(chosen, records)
    return _compose(question, kind, ru, chosen, records)


def _series_sentences(chosen: list, records: dict[str, Record]) -> list:
    """The other meetings of the series a cited event belongs to (numbered sessions of one body), and
    the numbered meetings a cited release mentions, each by the sentence that states it, among the
    documents read for the question."""
    keys = set()
    for _, doc_id, start, end, _ in chosen:
        keys |= {ev.series for ev in records[doc_id].events
                 if ev.series and _overlaps(ev.evidence.start, ev.evidence.end, start, end)}
    docs = {c[1] for c in chosen if c[0] > 0}
    cited = {(c[1], c[2]) for c in chosen}
    extra = []
    for doc_id, record in records.items():
        spans = None
        for ev in record.events:
            # same series key anywhere; or, in a cited release, another numbered meeting
            if not ((ev.series and ev.series in keys) or (ev.ordinal and doc_id in docs)):
                continue
            spans = spans or split_sentences(record.document.text)
            s = next((s for s in spans if s.start <= ev.evidence.start < s.end), None)
            if s and (doc_id, s.start) not in cited:
                cited.add((doc_id, s.start))
                extra.append((0.0, doc_id, s.start, s.end, s.text))
    return extra[:MAX_SERIES]


def _compose(question: str, kind: str, ru: bool, chosen: list, records: dict[str, Record]) -> Answer:
    citations, facts, parts = [], [], []
    for _, doc_id, start, end, text in chosen:
        record = records[doc_id]
        names = _entity_names(record)
        n = len(citations) + 1
        citations.append(Citation(doc_id, record.document.url, text, start, end))
        lines = []
        for ev in record.events:
            if _overlaps(ev.evidence.start, ev.evidence.end, start, end):  # sub-events too: what the sentence states
                f = _event_fact(ev, names)
                facts.append({**f, "citation": n})
                lines.append(_event_line(f))
        for ag in record.agreements:
            if _overlaps(ag.evidence.start, ag.evidence.end, start, end):
                f = _agreement_fact(ag, names)
                facts.append({**f, "citation": n})
                lines.append(_agreement_line(f))
        if kind in ("who", "events-of-person", "what"):
            for f in _person_facts(record, start, end):
                facts.append({**f, "citation": n})
                lines.append(_person_line(f))
        lead = "; ".join(dict.fromkeys(lines))
        parts.append((f"{lead}: " if lead else "") + f"«{text.strip()}» [{n}]")
    mode = "facts" if facts else "sentences"
    head = ""
    if kind == "count":
        events = [f for f in facts if f["fact"] == "event"]
        head = (f"Найдено событий: {len(events)}. " if ru else f"{len(events)} events found. ") if events else ""
    if mode == "sentences":
        head = ("Извлечённые факты не отвечают прямо; ближайшие предложения: " if ru else
                "No extracted fact answers this directly; the closest sentences: ")
    return Answer(question, head + " ".join(parts), kind, mode, citations, facts)


def _say_nothing(ru: bool) -> str:
    return ("В базе знаний нет сведений, отвечающих на этот вопрос." if ru else
            "Nothing in the knowledge base supports an answer to this question.")
