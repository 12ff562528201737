"""Agreements in the region's other languages (resources/agreements_regional.json): memoranda,
protocols, agreements, treaties, declarations, plans and roadmaps, with kind, title, parties,
signing date and their SIGNING event.

A document word ("меморандумини", "Sporazuma", "备忘录") found in any case heads a title: in the
head-final languages the words before it ("савдо соҳасида ҳамкорлик тўғрисидаги битим"), in the
head-first ones the words after it ("Меморандум о разумевању", the ezafe chain of Tajik), in Chinese
the characters before it. The head takes its nominative form. A weak word ("plan", "agreement
reached") counts only in a sentence with a signing or when capitalized. The parties are the bodies of
the sentence (or the places it pairs, for twin cities); the date is the signing event's.

`candidates` runs before the events step, which needs to know which sentences name a new document
(a signing of another document is another signing); `assemble` runs after it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import Agreement, Entity, Event, Mention, Participant
from .gazetteer import normalize_key
from .regional_events import Cue
from .regional_persons import WORD_TOKEN
from .regional_sentences import evidence_of, sentences
from .resources import load_json

_LEX = load_json("agreements_regional.json")
LANGUAGES = tuple(k for k in _LEX if not k.startswith("_"))
MAX_WORDS = 7  # words of a title besides its head


def supports(lang: str | None) -> bool:
    return lang in LANGUAGES


@dataclass
class Candidate:
    kind: str
    title: str
    start: int  # the span of the title in the text
    end: int
    head: int  # where the document word starts
    sentence: tuple[int, int]
    weak: bool
    capital: bool


class _Lang:
    def __init__(self, lex: dict) -> None:
        self.order = lex.get("order", "head_first")
        self.heads = sorted(((Cue(stem), stem, kind, nom) for stem, kind, nom in lex["heads"]),
                            key=lambda h: (-len(h[0].words), -len(h[1])))
        self.weak = set(lex.get("weak", []))
        self.keep = {normalize_key(w) for w in lex.get("keep", [])}
        self.stop = {normalize_key(w) for w in lex.get("stop", [])}
        self.ezafe = tuple(lex.get("ezafe", []))
        self.breaks = set(lex.get("breaks", ""))
        self.verbs = tuple(lex.get("verbs", []))
        self.not_before = tuple(lex.get("not_before", []))
        self.draft = tuple(normalize_key(w) for w in lex.get("draft", []))
        self.signing_nouns = tuple(normalize_key(w) for w in lex.get("signing_nouns", []))
        self.joiners = {normalize_key(w) for w in lex.get("joiners", [])}
        self.max_words = lex.get("max_words", MAX_WORDS)
        self.trail = {normalize_key(w) for w in lex.get("trail", [])}

    def drafted(self, text: str, head: int) -> bool:
        """A draft word beside the document word at `head` ("праект плана", "декларациясының жобасын")."""
        near = normalize_key(text[max(0, head - 20):head + 40])
        return bool(self.draft) and any(w in near for w in self.draft)


@functools.cache
def _lang(code: str) -> _Lang:
    return _Lang(_LEX[code])


def candidates(text: str, lang: str, mentions: list[Mention]) -> list[Candidate]:
    """Every document word of the text with its title, one per title."""
    if not supports(lang):
        return []
    lx = _lang(lang)
    blocked = [m for m in mentions if m.type in {"ORG", "PER", "DATE"}]
    out: list[Candidate] = []
    for s, e in sentences(text):
        if lx.order == "chinese":
            out += _zh(text, s, e, lx)
            continue
        toks = [(m.start() + s, m.end() + s, m.group(), normalize_key(m.group())) for m in WORD_TOKEN.finditer(text[s:e])]
        keys = [t[3] for t in toks]
        i = 0
        while i < len(toks):
            hit = next((h for h in lx.heads if h[0].match(keys, i)), None)
            if hit is None:
                i += 1
                continue
            cue, stem, kind, nom = hit
            n = len(cue.words)
            if lx.order == "head_final":
                cand = _before(text, toks, i, n, lx, nom, blocked, [m for m in mentions if m.type == "LOC"])
            else:
                # a body named after the document word is its complement: "Қатъномаи Ассамблеяи Генералии СММ"
                cand = _after(text, toks, i, n, lx, nom, [m for m in blocked if m.type != "ORG"])
            start, end, title = cand
            if lx.signing_nouns and any(w.startswith(lx.signing_nouns) for w in normalize_key(title).split()[:-1]):
                i += n  # "bitimni imzolash rejasi": the plan to sign a document, no document itself
                continue
            weak = stem in lx.weak and not lx.drafted(text, toks[i][0])
            out.append(Candidate(kind, " ".join(title.split()), start, end, toks[i][0], (s, e), weak,
                                 toks[i][2][0].isupper() and i > 0))
            i += n
    return out


def _gap(text, toks, k) -> str:
    return text[toks[k - 1][1]:toks[k][0]]


def _before(text, toks, i, n, lx: _Lang, nom, blocked, places=()):
    j = i
    while j > 0 and i - j < MAX_WORDS:
        gap = _gap(text, toks, j)
        prev = toks[j - 1]
        if "\n" in gap or re.search(r"[,.;:!?()«»\"“”–—]", gap) or prev[3] in lx.stop or prev[2][0].isdigit():
            break
        if any(m.start <= prev[0] < m.end for m in blocked):
            break
        if prev[3] not in lx.keep and len(prev[3]) >= 6 and prev[3].endswith(
                ("да", "де", "та", "те", "nda", "da", "dan", "дан", "ден", "тан", "тен", "нда", "нде", "ндо")):
            break  # a word in a local case ("between the cities", "in Tashkent") is no part of a title
        j -= 1
    if j == 0 and j < i and toks[0][2][0].isupper() and not any(m.start <= toks[0][0] < m.end for m in places):
        j += 1  # a capitalized first word of the sentence is its subject, not a title's
    head_end = toks[i + n - 1][1]
    if j == i:  # the document word alone ("«йўл харитаси»"), all its words
        return toks[i][0], head_end, nom or text[toks[i][0]:head_end]
    if not nom:
        return toks[j][0], head_end, text[toks[j][0]:head_end]
    return toks[j][0], head_end, text[toks[j][0]:toks[i][0]] + nom


def _after(text, toks, i, n, lx: _Lang, nom, blocked):
    j = i + n
    while j < len(toks) and j - i - n < lx.max_words:
        gap = _gap(text, toks, j)
        if toks[j][3] in lx.joiners and j > i + n and not gap.strip() and j + 1 < len(toks) \
                and toks[j + 1][2][:1].isupper() and not _gap(text, toks, j + 1).strip():
            j += 1  # "... паміж Міністэрствам сувязі і Міністэрствам навукі": the second party
            continue
        if toks[j][3] in lx.joiners and j > i + n and j + 1 < len(toks) and toks[j + 1][3] not in lx.stop \
                and toks[j - 1][3][-1:] == toks[j + 1][3][-1:] and toks[j + 1][2][:1].islower() \
                and not gap.strip() and not _gap(text, toks, j + 1).strip():
            j += 1  # "сувязі і інфарматызацыі": two fields in the same case
            continue
        if gap.strip() or "\n" in gap or toks[j][3] in lx.stop or any(m.start <= toks[j][0] < m.end for m in blocked):
            break
        if lx.ezafe and not toks[j - 1][3].endswith(lx.ezafe):
            break
        j += 1
    while j - 1 >= i + n and toks[j - 1][3] in lx.trail:
        j -= 1  # "... на | 2026-2028 гады", "... potpisan u ...": no word of the title
    start, end = toks[i][0], toks[j - 1][1]
    if not nom:
        return start, end, text[start:end]
    rest = text[toks[i + n - 1][1]:end]
    return start, end, nom + rest


def _zh(text: str, s: int, e: int, lx: _Lang) -> list[Candidate]:
    out = []
    i = s
    while i < e:
        hit = next((h for h in lx.heads if text.startswith(h[1], i)), None)
        if hit is None:
            i += 1
            continue
        _, stem, kind, _ = hit
        j = i
        while j > s and i - j < 25 and text[j - 1] not in lx.breaks:
            j -= 1
        for v in lx.verbs:
            k = text.rfind(v, j, i)
            if k >= 0:
                j = k + len(v)
        end = i + len(stem)
        opened, closed = text.rfind("《", s, i), text.find("》", end, e)
        quoted = opened >= 0 and closed >= 0 and "》" not in text[opened:i] and "《" not in text[end:closed]
        if not quoted and text.startswith(lx.not_before, end) \
                and not (stem not in lx.weak and text.startswith(("于", "在"), end)):
            i = end  # "战略对话", "计划于": the word is part of another, no document ("协定于……签署" is one)
            continue
        if quoted:
            j, end = opened + 1, closed  # the whole title between the book-title marks
            last = next((h for h in lx.heads if text[j:end].endswith(h[1])), None)
            if last is not None:  # the head that ends the title names its kind: "…战略伙伴关系的联合声明"
                _, stem, kind, _ = last
        out.append(Candidate(kind, text[j:end], j, end, i, (s, e), stem in lx.weak, False))
        i = end
    return out


def first_heads(cands: list[Candidate]) -> set[int]:
    """Where each title is first named: a signing there is the signing of a new document."""
    seen: set[tuple[str, str]] = set()
    out: set[int] = set()
    for c in cands:
        key = (c.kind, normalize_key(c.title))
        if key not in seen and not (_bare(c.title) and any(k[0] == c.kind for k in seen)):
            out.add(c.head)
        seen.add(key)
    return out


def assemble(text: str, cands: list[Candidate], events: list[Event], mentions: list[Mention],
             entities: list[Entity]) -> list[Agreement]:
    """Agreements from the candidates that count, one per title, tied to the signing of their sentence."""
    by_id = {e.id: e for e in entities}
    out: list[Agreement] = []
    seen: dict[tuple[str, str], Agreement] = {}
    for c in cands:
        signing = next((ev for ev in events if ev.type == "SIGNING"
                        and ev.evidence.start <= c.head < ev.evidence.end), None)
        if c.weak and signing is None and not c.capital:
            continue
        key = (c.kind, normalize_key(c.title))
        bare = _bare(c.title)
        if key in seen or (bare and out):
            continue  # a bare "the agreement" after a document is named speaks of that one
        told = next((a for a in out if a.kind == c.kind and _same_title(a.title, c.title)), None)
        if told is not None and (told.event is not None or signing is None):
            continue  # the document named before, told again
        s, e = c.sentence
        s_mentions = [m for m in mentions if s <= m.start and m.end <= e and not (c.start <= m.start < c.end)]
        parties = _unique(m.entity for m in s_mentions if m.type == "ORG" and m.entity)
        if not parties:
            places = _unique(m.entity for m in s_mentions if m.type == "LOC" and m.entity and m.end <= c.start)
            if len(places) == 2:
                parties = places
        if told is not None:  # "Споразум о слободној трговини ... потписан је": the document named before, signed
            told.title = max(told.title, c.title, key=len)
            told.parties = told.parties or parties
            _tie(told, signing, parties, by_id)
            continue
        ag = Agreement(id=f"a{len(out) + 1}", kind=c.kind, title=c.title, evidence=evidence_of(text, s, e),
                       parties=parties)
        if signing is not None:
            _tie(ag, signing, parties, by_id)
        seen[key] = ag
        out.append(ag)
    # a document of the headline is the one of its kind the body tells ("... жол картасын бекітті" over
    # "... 2026-2028 жылдарға арналған жол картасына қол қойды"), with its date and title
    heads = [a for a in out if _title_line(text, a.evidence.start, a.evidence.end)]
    out = [a for a in out if a not in heads or not any(b.kind == a.kind and b not in heads for b in out)]
    for k, a in enumerate(out):
        a.id = f"a{k + 1}"
    return out


def _title_line(text: str, s: int, e: int) -> bool:
    """A headline: a line of its own, ending with no full stop, before any line of the body that does."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:s].strip() or text[e:line_end].strip() or text[s:e].rstrip().endswith(_FULL_STOPS):
        return False
    return not any(ln.rstrip().endswith(_FULL_STOPS) for ln in text[:line_start].splitlines())


_FULL_STOPS = (".", "!", "?", "…", "。", "！", "？")


def _bare(title: str) -> bool:
    """A document word alone ("the agreement", "协议"): one word, or in Chinese, which has no spaces,
    a few characters."""
    if re.search(r"[\u4e00-\u9fff]", title):
        return len(title) <= 4
    return len(title.split()) == 1


def _tie(ag: Agreement, signing: Event, parties: list[str], by_id: dict) -> None:
    """An agreement tied to its signing: the event, the date of a signing done, the parties."""
    ag.event = signing.id
    if signing.status == "occurred":
        ag.signed = signing.start
    if not signing.participants and parties:
        signing.participants = [Participant(p, "party") for p in parties if p in by_id]


def _same_title(a: str, b: str) -> bool:
    """One title begins the other, word by word, and holds more than the document word."""
    wa, wb = normalize_key(a).split(), normalize_key(b).split()
    short, long_ = sorted((wa, wb), key=len)
    if len(short) >= 2 and long_[:len(short)] == short:
        return True
    # "Декларација о стратешком партнерству" of "Декларација о успостављању стратешког партнерства
    # између ...": every word of the shorter title is a form of one of the longer's (a headline's short name)
    content = [w for w in short[1:] if len(w) >= 4]
    return len(content) >= 2 and len(short) < len(long_) and short[0][:4] == long_[0][:4] \
        and all(any(_stem_len(w, u) >= max(3, min(len(w), len(u)) - 3) for u in long_[1:]) for w in content)


def _stem_len(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))
