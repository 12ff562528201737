"""Event triggers (Russian): the events lexicon (resources/events_ru.json) and the reading of triggers.

The trigger scan (``phrase_table``, ``longest_match``) is shared with the English step. ``TriggerReading``
is a mixin of ``events.EventStep``: the triggers of a sentence and which of them name an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .nlp import fold_yo, lemma, parses
from .resources import load_json
from .roles import HEADS

_LEX = load_json("events_ru.json")


class PhraseTable(dict):
    """{words of a phrase: type}, with the set of the phrases' first words: a scan skips at once a word
    that starts none (most words of a text). Built once; not to be changed after."""

    firsts: frozenset[str] = frozenset()


def phrase_table(groups: dict[str, list[str]], normalize=lambda phrase: phrase) -> dict[tuple[str, ...], str]:
    """A lexicon {type: [phrase, ...]} as {words of a normalized phrase: type}; a phrase listed under two
    types keeps the first. Shared by the Russian and the English trigger (and document head) scans."""
    table = PhraseTable()
    for type_, phrases in groups.items():
        for ph in phrases:
            table.setdefault(tuple(normalize(ph).split()), type_)
    table.firsts = frozenset(k[0] for k in table if k)
    return table


def longest_match(words: list[str], i: int, table: dict[tuple[str, ...], str], longest: int):
    """The longest phrase of `table` (at most `longest` words) that starts at words[i], as
    (number of words, type, phrase), or None."""
    if isinstance(table, PhraseTable) and (i >= len(words) or words[i] not in table.firsts):
        return None
    for n in range(min(longest, len(words) - i), 0, -1):
        key = tuple(words[i:i + n])
        if key in table:
            return n, table[key], key
    return None


TRIGGERS = phrase_table({t: ps for t, ps in _LEX["triggers"].items() if not t.startswith("_")},
                        fold_yo)
WEAK = {(t, tuple(fold_yo(p).split())) for t, ps in _LEX["weak"].items() if not t.startswith("_") for p in ps}
_MAX_TRIGGER = max(len(k) for k in TRIGGERS)
CONTEXT_FRAMES = {tuple(fold_yo(f).split()) for f in _LEX["context_frames"]}
PLANNED_CUES = {fold_yo(w) for w in _LEX["status"]["planned"] if " " not in w}
PLANNED_PHRASES = [tuple(fold_yo(w).split()) for w in _LEX["status"]["planned"] if " " in w]
ONGOING_PHRASES = [tuple(fold_yo(w).split()) for w in _LEX["status"].get("ongoing", [])]
PARTICIPATION = {fold_yo(w) for w in _LEX["participation"]}
SPEECH_COMPLEMENTS = {fold_yo(w) for w in _LEX["speech_complements"]}
ADOPTING = {fold_yo(w) for w in _LEX["adopting"]}
ADOPTED_DOCUMENTS = {fold_yo(w) for w in _LEX["adopted_documents"]}
COMPOUND_TYPES = {"FORUM", "MEETING", "SESSION", "VISIT"}
HELD = {fold_yo(w) for w in _LEX["held"]}
REPORTING = {fold_yo(w) for w in _LEX["reporting"]}
BARE_DOCUMENTS = {fold_yo(w) for w in _LEX["bare_documents"]}
GENERIC_EVENTS = {fold_yo(w) for w in _LEX["generic_events"]}
_BECOME = {"стать", "становиться", "вступить", "вступать", "принять", "войти", "получить", "приобрести",
           "кандидатура"}
ORDINAL = re.compile(r"^(\d{1,3})-?(?:[а-я]{1,3})?$")
ORDINAL_WORDS = {"первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
                  "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12,
                  "тринадцатый": 13, "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16,
                  "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19, "двадцатый": 20}


@dataclass
class Trigger:
    type: str
    start: int  # token index
    end: int
    lemmas: tuple[str, ...]
    char_start: int
    char_end: int
    weak: bool = False


_ACTING_AS = {"модератор", "организатор", "соорганизатор", "партнер", "спонсор", "оператор", "инициатор",
              "гарант", "посредник", "ведущий", "председатель"}
_DOCUMENT_NOUNS = {"протокол", "соглашение", "меморандум", "договор", "документ", "программа", "план",
                   "декларация", "заявление", "решение", "концепция", "положение", "устав", "резолюция"}
# a body's sitting held by video conference is a meeting, not a call
_SITTINGS = {"заседание", "совещание", "сессия", "коллегия", "пленум", "саммит"}
_BODY_NOUNS = {"центр", "комиссия", "группа", "совет", "комитет", "организация", "агентство", "фонд", "альянс",
               "институт", "университет", "академия", "лаборатория", "консорциум", "платформа", "секретариат",
               "ассоциация", "сеть", "офис", "служба", "банк", "министерство", "ведомство", "орган", "форум",
               "сообщество", "партнерство", "коалиция", "объединение", "клуб", "компания", "предприятие", "представительство", "хаб", "технопарк", "парк", "союз", "содружество"}


def _compound_head(word: str, lem: str) -> str:
    """The lemma of a hyphenated word's last part ('IT-форум' → 'форум'), else the word's lemma."""
    if "-" not in word.strip("-"):
        return lem
    return lemma(word.rsplit("-", 1)[1])


def _instrumental_noun(word: str) -> bool:
    if not word[:1].isalpha():
        return False
    p = parses(word)[0]
    return p.tag.POS == "NOUN" and p.tag.case == "ablt"


class TriggerReading:
    """The triggers of a sentence: lexicon phrases, numbered bodies, and the checks that keep or drop one."""

    def _triggers(self, toks, lemmas) -> list[Trigger]:
        self._tokens = toks
        found: list[Trigger] = []
        scan = [_compound_head(t.text, lem) for t, lem in zip(toks, lemmas, strict=True)]
        i = 0
        while i < len(toks):
            hit = longest_match(lemmas, i, TRIGGERS, _MAX_TRIGGER)
            if hit and hit[2] == ("принять", "в") and self._receives(toks, lemmas, i):
                hit = None  # "принял в резиденции делегацию": a reception, not an admission
            if hit is None and scan[i] != lemmas[i]:
                hit = longest_match(scan, i, TRIGGERS, 1)
                if hit and hit[1] not in COMPOUND_TYPES:
                    hit = None  # "государств-членов" is no membership; "IT-форум" is a forum
            if hit:
                n, type_, key = hit
                found.append(Trigger(type_, i, i + n, key, toks[i].start, toks[i + n - 1].end, (type_, key) in WEAK))
                i += n
            elif lemmas[i] in {"принять", "принимать"} and self._receives(toks, lemmas, i):
                found.append(Trigger("MEETING", i, i + 1, (lemmas[i],), toks[i].start, toks[i].end))
                i += 1
            elif lemmas[i] in ADOPTING and self._adopts(toks, lemmas, i):
                found.append(Trigger("SIGNING", i, i + 1, (lemmas[i],), toks[i].start, toks[i].end))
                i += 1
            else:
                i += 1
        return [t for t in found if self._accept(t, lemmas, found)]

    @staticmethod
    def _numbered_bodies(toks, lemmas, s_mentions, triggers) -> list[Trigger]:
        """'состоялся 12-й Транспортный совет Содружества', 'о проведении 13-го Совета': a numbered
        body that is held is its meeting."""
        if not (HELD & set(lemmas)):
            return triggers
        out = list(triggers)
        for m in s_mentions:
            if m.type != "ORG":
                continue
            i = next((k for k, t in enumerate(toks) if t.start == m.start), None)
            if i is None or i == 0 or not (ORDINAL.match(toks[i - 1].text) or lemmas[i - 1] in ORDINAL_WORDS):
                continue
            j = next((k for k, t in enumerate(toks) if t.end == m.end), None)
            if j is None or any(t.char_start < m.end and m.start < t.char_end for t in out):
                continue
            out.append(Trigger("MEETING", i, j + 1, (lemmas[i],), m.start, m.end))
        return sorted(out, key=lambda t: t.start)

    @staticmethod
    def _receives(toks, lemmas, i) -> bool:
        """'Президент принял министра иностранных дел ...', 'принял в своей резиденции делегацию': a
        reception, when a person's title or a delegation is the object."""

        for j in range(i + 1, min(len(toks), i + 9)):
            if toks[j].text in {".", ";", ":", ","}:
                return False
            if lemmas[j] in HEADS or lemmas[j] == "делегация":
                return any(p.tag.case == "accs" for p in parses(toks[j].text)[:2])
            if lemmas[j] in {"участие", "решение", "меры", "мера", "документ"}:
                return False
        return False

    @staticmethod
    def _adopts(toks, lemmas, i) -> bool:
        """'приняты следующие документы', 'одобрили 15 документов': adopting a document is a signing."""
        for j in range(i + 1, min(len(toks), i + 4)):
            if lemmas[j] in ADOPTED_DOCUMENTS and (not toks[j].text[:1].isupper() or lemmas[:2] == ["по", "итог"]):
                return True  # (a titled one too when the sentence tells a meeting's outcome: "По итогам ... утвердили План")
            if not (toks[j].text.isdigit() or parses(toks[j].text)[0].tag.POS in {"ADJF", "PRTF", "NUMR"}):
                return False
        return False

    @staticmethod
    def _free(trig: Trigger, toks, lemmas, s_mentions) -> bool:
        """A trigger word inside a name is no event: 'Группа по подготовке к конференции ...' (an
        organization), 'Протокол 26-го заседания' (a document)."""
        for m in s_mentions:
            if m.type == "ORG" and m.start < trig.char_start < m.end:
                return False
        k = trig.start - 1
        while k >= 0 and (ORDINAL.match(toks[k].text) or parses(toks[k].text)[0].tag.POS == "ADJF"):
            k -= 1
        in_title = k >= 0 and lemmas[k] in _DOCUMENT_NOUNS
        return not (in_title and trig.type in {"MEETING", "SESSION", "FORUM", "FOUNDING"})

    def _accept(self, trig: Trigger, lemmas: list[str], found: list[Trigger]) -> bool:
        window = set(lemmas[max(0, trig.start - 6): trig.end + 8])
        if trig.type == "ACCESSION" and trig.lemmas == ("принять", "в") and trig.end < len(self._tokens):
            tags = [q.tag for q in parses(self._tokens[trig.end].text)[:3]]
            if all(t.POS == "NOUN" and "accs" not in t for t in tags):
                return False  # "принял в резиденции делегацию": where he received it, not an admission
        if trig.type == "ACCESSION" and trig.weak:
            # "стала полноправным членом", "является членом ... с 1993 года"; not "государств-членов"
            near = set(lemmas[max(0, trig.start - 3):trig.end + 1])
            if "участие" in near:
                near -= {"принять"}  # "приняли участие члены Совета": taking part, not being admitted
            wide = set(lemmas[max(0, trig.start - 4):trig.start])  # "входит в число её членов с 1948 года"
            return bool(near & _BECOME) or (("являться" in near or "входить" in wide)
                                            and "с" in lemmas[trig.end:trig.end + 8])
        if trig.type == "FOUNDING" and self._not_a_body(trig):
            return False
        if trig.type == "FOUNDING" and trig.weak:
            # "создание центра / комиссии / рабочей группы", "Ассоциация была создана": a body nearby
            near = lemmas[max(0, trig.start - 4):trig.end + 6]
            before = lemmas[max(0, trig.start - 2):trig.start]
            if any(w in _DOCUMENT_NOUNS or w in {"важность", "участие", "необходимость", "вопрос"} for w in before):
                return False  # "соглашение о создании", "участие в создании": not a founding told as done
            bodies = any(w in _BODY_NOUNS or any(q.normal_form in _BODY_NOUNS for q in parses(w)[1:3]) for w in near)
            named = any(m.type == "ORG" and 0 <= trig.char_start - m.end <= 2 for m in self._s_mentions)
            return bodies or named or "объявить" in window or any(
                t.isupper() and len(t) >= 2 for t in (x.text for x in self._tokens[max(0, trig.start - 3):trig.start]))
        if trig.type == "MEETING" and trig.weak:
            # discussing is what happens at a meeting, not a meeting of its own; "партнер по диалогу" a status
            return trig.lemmas != ("обсудить",) and lemmas[max(0, trig.start - 2):trig.start] != ["партнер", "по"]
        if trig.type == "SPEECH" and trig.lemmas[0] == "обратиться":
            # "обратился к участникам с приветственным словом"; not "обратится к руководству с предложением"
            return bool(set(lemmas[max(0, trig.start - 8):trig.end + 8]) & SPEECH_COMPLEMENTS)
        if trig.type == "SPEECH" and trig.lemmas[0] in {"выступить", "выступать"} and trig.end < len(lemmas) \
                and _instrumental_noun(self._tokens[trig.end].text) \
                and not set(lemmas[trig.end:trig.end + 4]) & SPEECH_COMPLEMENTS:
            return False  # "выступит катализатором": acting as, not addressing
        if trig.type == "SPEECH" and trig.lemmas[0] in {"выступить", "выступать"}:
            # "модератором выступила", "организатором выступает": acting as, not addressing
            near = lemmas[max(0, trig.start - 2):trig.end + 2]
            if any(w in _ACTING_AS for w in near) and not any(w in {"доклад", "речь", "слово", "приветствие",
                                                                     "презентация", "сообщение", "лекция"}
                                                              for w in lemmas[trig.start:trig.end + 4]):
                return False
        if trig.type == "FORUM" and trig.lemmas in {("неделя",), ("школа",), ("ассамблея",)}:
            return self._tokens[trig.start].text[:1].isupper() and trig.start > 0 \
                and self._tokens[trig.start - 1].text in {"«", '"'}
        if trig.type == "FORUM" and parses(self._tokens[trig.start].text)[0].tag.number == "plur":
            # "к конференциям и ассамблеям": events in general; "провести молодежные форумы": ones planned
            return any(w in {"провести", "проводить", "организовать"} for w in lemmas[max(0, trig.start - 4):trig.start])
        if trig.type == "SPEECH" and trig.lemmas == ("доклад",):
            return any(w in {"выступить", "выступать", "представить", "сделать", "с"} for w in window)
        if trig.type == "SPEECH" and trig.weak:
            return any(w in {"выступить", "выступать", "представить", "сделать", "провести", "с"} for w in window)
        if trig.type == "CALL" and (trig.lemmas[0] in {"режим", "формат"} or lemmas[trig.start - 1:trig.start]
                                    in (["режим"], ["формат"])) \
                and _SITTINGS & set(lemmas[max(0, trig.start - 12):trig.start]):
            return False  # "заседание Комитета, проходившее в режиме видеоконференции": the session's mode
        if trig.type == "VISIT" and trig.lemmas == ("прибыть",):
            return "визит" not in lemmas
        return True

    def _not_a_body(self, trig) -> bool:
        """A founding noun that founds no body: 'является учреждением' (an institution), 'создание
        информационной системы' (a thing made, not a body), 'занимается созданием платформы'."""
        toks = self._tokens
        head = parses(toks[trig.start].text)[0]
        if head.tag.POS != "NOUN" or len(trig.lemmas) > 1:
            return False
        if head.tag.case == "ablt":
            return True
        for j in range(trig.end, min(len(toks), trig.end + 5)):
            t = toks[j].text
            if t[:1] in {"«", '"'} or (t.isupper() and len(t) >= 2) or t[:1].isupper():
                return False  # a named body: "создание ЕАЭС", "учреждение «Фонда ...»"
            p = parses(t)[0]
            if p.tag.POS == "NOUN":
                return not any(q.normal_form in _BODY_NOUNS for q in parses(t) if q.tag.POS == "NOUN")
            if p.tag.POS not in {"ADJF", "PRTF", "ADVB"} and t not in {"-", ","}:
                return False
        return False
