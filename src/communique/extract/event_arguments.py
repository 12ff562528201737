"""Event arguments (Russian): place, participants and name of an event.

``ArgumentReading`` is a mixin of ``events.EventStep``. ``inside_any``, ``inside_org``, ``period_told``
(an event's start and end from the date told with it) and ``series_key`` (the key numbered events of
one series share, from their name) are shared with the English step.
"""

from __future__ import annotations

import bisect
import re

from ..model import Mention, Participant, date_bounds
from .dates import DateMention
from .entities import GENERIC_HEADS, EntityTable
from .event_triggers import ORDINAL, ORDINAL_WORDS, REPORTING
from .nlp import lemma, parses, roman_numeral
from .normalize import nominative_phrase
from .roles import HEADS, body_head

_QUOTED = re.compile(r"«([^«»]{3,200})»|\"([^\"]{3,200})\"|“([^“”]{3,200})”")
_ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})$")  # I to LXXXIX: the numbers events take


_MAX_PLACE_DISTANCE = 30
_WORKS = {"строительство", "создание", "открытие", "размещение", "возведение", "реконструкция",
          "модернизация", "прокладка", "поставка", "производство"}
_PERSONS_ONLY = {"SPEECH", "SESSION"}
_MONTH_WORD = re.compile(r"(?i)^(?:январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр)")


# "представители государств — членов ЕАЭС", "главы правительств государств Союза": the body is named for
# its member states, who are the ones there
_MEMBERS_OF = re.compile(r"(?i)(?:государств|стран)\w*\s*(?:[—–-]\s*(?:член|участни)\w*\s*)?$")


def members_phrase(text_before: str) -> int | None:
    """Where 'государств — членов' ends a text (the body named next is named for its members)."""
    m = _MEMBERS_OF.search(text_before[-60:])
    return None if m is None else len(text_before) - len(text_before[-60:]) + m.start()


def _is_finite(word: str) -> bool:
    if not word[:1].isalpha():
        return False
    p = parses(word)[0]
    return p.tag.POS in {"VERB", "GRND"} or (p.tag.POS == "PRTS")


def inside_any(m: Mention, spans: list[tuple[int, int]]) -> bool:
    """Whether a mention lies inside one of the spans (a job title, say)."""
    return any(s <= m.start and m.end <= e for s, e in spans)


def inside_org(m: Mention, mentions: list[Mention]) -> bool:
    """Whether a mention is part of a longer organization's name ('Korea' in 'Korea Internet ...')."""
    return any(o is not m and o.type == "ORG" and o.start <= m.start and m.end <= o.end
               and (o.end - o.start) > (m.end - m.start) for o in mentions)


class ArgumentReading:
    """An event's place, participants and name, and the people a sentence adds to an event."""

    def _location(self, sent, toks, lemmas, trig, s_mentions, table, role_spans) -> str | None:
        best, best_dist = None, 10 ** 6
        for m in s_mentions:
            if m.type != "LOC" or not m.entity or inside_any(m, role_spans) or inside_org(m, s_mentions):
                continue
            idx = next((i for i, t in enumerate(toks) if t.start <= m.start < t.end), None)
            if idx is None or idx == 0:
                continue
            if any(lemmas[k] == "что" for k in range(trig.end, idx)):
                continue  # "напомнил, что на саммите в Астане ...": the place of what is told, not of the telling
            if any(lemmas[k] in _WORKS for k in range(trig.end, idx)):
                continue  # "подписали соглашение о строительстве в Экибастузе центра": where the work will be
            if any(t is not trig and t.type != trig.type and trig.end <= t.start < idx and toks[t.start - 1].text == ","
                   for t in getattr(self, "_sentence_triggers", [])):
                continue  # "функционирует на основании Договора, подписанного в Астане": the signing's place
            after = next((i for i, t in enumerate(toks) if t.start >= m.end), len(toks))
            between = any(o.type == "LOC" and toks[after].start < o.start < toks[trig.start].start
                          for o in s_mentions) if after < trig.start else True
            if after + 1 < trig.start and toks[after].text == "," and lemmas[after + 1] == "где" \
                    and not between:
                return m.entity  # "посетит Женеву, где проведет переговоры": the place the clause is about
            j = idx - 1
            while j > 0 and toks[j].text.casefold() in {".", "г", "г.", "город", "городе", "столице", "столица"}:
                j -= 1
            if j > 1 and toks[j].text in {"-", "–", "—"} and lemmas[j - 1] == "столица":
                j -= 2  # "в белорусской столице - Минске"
                while j > 0 and parses(toks[j].text)[0].tag.POS == "ADJF":
                    j -= 1
            prep = toks[j].text.casefold()
            visited = trig.type == "VISIT" and lemmas[j] in {"посетить", "посещать", "посещение"}
            if prep not in {"в", "во", "на"} and not visited:
                continue  # ("посетит Ереван", "посещение Ташкента": the place visited, no preposition)
            dist = abs(idx - trig.start)
            if dist > _MAX_PLACE_DISTANCE:
                continue
            if trig.type == "VISIT" and prep in {"в", "во"} and idx > trig.end and all(
                    t.text[:1].isalpha() and parses(t.text)[0].tag.POS in {"ADJF", "NOUN"}
                    for t in toks[trig.end:j]):
                dist = -1  # "визита российской делегации в Казахстан": where the visit goes
            ent = table.entity(m.entity)
            if ent is not None and ent.kind == "city":
                dist -= 0.5
            if dist < best_dist:
                best, best_dist = m.entity, dist
        return best

    def _participants(self, trig, s_mentions, table, role_spans, location) -> list[Participant]:
        out: list[Participant] = []
        seen = set()
        toks = self._tokens
        told = self._told_at(trig)
        lo, hi = self._coordinated(trig)
        if trig.start > 0 and toks[trig.start - 1].text == "," and parses(toks[trig.start].text)[0].tag.POS == "PRTF":
            # "ЕАЭС функционирует на основании Договора, подписанного ...": the participle's event is the
            # document's, not the subject's before the comma
            lo = max(lo, toks[trig.start].start)
        for m in s_mentions:
            if not m.entity or m.entity in seen or m.entity == location:
                continue
            if not lo <= m.start < hi:
                continue  # "..., а также подготовку к саммиту ОТГ": the other event's part of the sentence
            if told is not None and m.end <= toks[told].start:
                continue  # "X напомнил, что Лаос получил статус ...": X tells of it, takes no part
            ent = table.entity(m.entity)
            if ent is None:
                continue
            if m.type == "PER":
                if self._arranges(trig, m):
                    continue  # "Петров и Иванов условились провести консультации": they agree, not attend
                role = "participant"
            elif m.type == "ORG" and (head := self._head_of(m, table)) is not None:
                if head not in seen:
                    seen.add(head)  # "глава Минцифры России выступил": the minister the text names
                    out.append(Participant(head, "participant"))
                continue
            elif trig.type in _PERSONS_ONLY and not (trig.type == "SESSION" and m.type == "ORG" and re.search(
                    r"с\s+участием(?:\s+[а-яё]+){0,2}\s+$", self._text[max(0, m.start - 40):m.start])):
                continue  # (a session "с участием экспертов Совета Европы" has the body among its participants)
            elif m.type == "ORG":
                if inside_any(m, role_spans) or inside_org(m, s_mentions) or self._source(m):
                    continue
                if self._members_apart(trig, m):
                    continue
                if _TOPIC.search(self._text, max(0, m.start - 120), m.start):
                    continue  # "выступил с докладом о ходе выполнения решений Совета": what he spoke of
                if trig.type in {"MEETING", "VISIT", "CALL", "SPEECH"} and _VENUE.search(self._text, 0, m.start):
                    continue  # "Сегодня в Секретариате ОДКБ провёл встречу", "для консультаций в МИД": where
                role = "party" if trig.type == "SIGNING" else "participant"
            else:
                if ent.kind != "country" or inside_any(m, role_spans) or inside_org(m, s_mentions):
                    continue
                if self._place_phrase(m):
                    continue  # "находится в России с визитом", "визит в Казахстан": where, not who
                if trig.type == "FORUM" and self._names_the_forum(trig, m):
                    continue  # "IT-форум Беларуси и Узбекистана": the forum's name, open to many
                role = "party" if trig.type == "SIGNING" else "participant"
            seen.add(m.entity)
            out.append(Participant(m.entity, role))
        he = self._pronoun_subject(trig)
        if he is not None and he not in seen and not any(
                m.type == "PER" and m.end <= trig.char_start for m in s_mentions):
            out.insert(0, Participant(he, "participant"))
        return out

    def _pronoun_subject(self, trig) -> str | None:
        """'В понедельник он провел переговоры с X': 'он' before the event is the person the sentence
        before opens with."""
        toks = self._tokens
        if not any(t.text in {"он", "она", "Он", "Она"} for t in toks[:trig.start]) or self._told_at(trig) is not None:
            return None  # ("Он отметил, что ... участвует": the event is what he tells of)
        before = [m for m in getattr(self, "_mentions", []) if m.type == "PER" and m.entity and m.end <= toks[0].start]
        if not before:
            return None
        last = before[-1]
        # the sentence the last person is named in, and the first person named there
        start = max(self._text.rfind(". ", 0, last.start), self._text.rfind("\n", 0, last.start)) + 1
        return next(m.entity for m in before if m.start >= start)

    @staticmethod
    def _generic_body(toks, trig, s_mentions, table) -> str | None:
        """'заседание комиссии', 'сессия совета': the body of that kind named in full before."""
        if trig.type not in {"MEETING", "SESSION"} or trig.end >= len(toks):
            return None
        nxt = toks[trig.end]
        if not nxt.text[:1].islower() or any(m.start == nxt.start for m in s_mentions):
            return None
        head = lemma(nxt.text)
        if head not in GENERIC_HEADS or "gent" not in parses(nxt.text)[0].tag:
            return None
        ent = next((e for e in reversed(table.entities) if e.type == "ORG"
                    and head in {lemma(w) for w in re.findall(r"[\w-]+", e.name)[:3]}), None)
        return ent.id if ent is not None else None

    def _members_apart(self, trig, m: Mention) -> bool:
        """'провел консультации с представителями государств — участников СНГ': the body named for its
        member states, apart from the event's own phrase, is not a party ('Форум цифровой экономики
        государств — членов ШОС' names the forum by it and keeps it)."""
        toks = self._tokens
        text = self._text
        at = members_phrase(text[max(0, m.start - 200):m.start])
        if at is None:
            return False
        at += max(0, m.start - 200)
        between = [t for t in toks[trig.end:] if t.end <= at]  # none when the body comes first
        return any(t.text in {",", "(", ")"} or parses(t.text)[0].tag.POS == "PREP" for t in between)

    @staticmethod
    def _delegations(toks, table, participants) -> list[Participant]:
        """'белорусская делегация посетила ...', 'визит армянской правительственной делегации': the state whose
        delegation travels, when the text names that state."""
        have = {p.entity for p in participants}
        out = []
        for k, t in enumerate(toks):
            if lemma(t.text) != "делегация":
                continue
            j = k - 1
            while j >= 0 and j >= k - 3 and parses(toks[j].text)[0].tag.POS == "ADJF":
                entry = table.gaz.country_of_adjective(lemma(toks[j].text))
                ent = table.get("LOC", f"iso:{entry['iso2']}") if entry else None
                if ent is not None and ent.id not in have:
                    have.add(ent.id)
                    out.append(Participant(ent.id, "participant"))
                j -= 1
        return out

    @staticmethod
    def _bilateral(toks, trig, table, participants) -> list[Participant]:
        """'белорусско-оманских межмидовских консультаций': the states of the compound adjective before a
        meeting's noun are its sides, when the text names them."""
        have = {p.entity for p in participants}
        out = []
        j = trig.start - 1
        while j >= 0 and j >= trig.start - 3 and parses(toks[j].text)[0].tag.POS == "ADJF":
            if "-" in toks[j].text:
                ents = [table.get("LOC", f"iso:{c['iso2']}") for c in table.gaz.countries_of_adjective(toks[j].text)]
                if len(ents) >= 2 and all(e is not None for e in ents):
                    out += [Participant(e.id, "participant") for e in ents if e.id not in have]
                    break
            j -= 1
        return out

    def _coordinated(self, trig) -> tuple[int, int]:
        """The stretch of the sentence that is the trigger's own when ', а также' joins two events:
        'обсудили ход визита X в Казахстан, а также подготовку к саммиту Y'."""
        toks = self._tokens
        lo, hi = 0, 10 ** 9
        others = [t for t in getattr(self, "_sentence_triggers", []) if t is not trig]
        for k in range(len(toks) - 2):
            if toks[k].text != "," or toks[k + 1].text.casefold() != "а":
                continue
            if k >= trig.end and any(t.start > k for t in others):
                hi = min(hi, toks[k].start)  # "выступил на форуме, а в среду проведет переговоры с X"
            elif toks[k + 2].text.casefold() != "также":
                continue
            elif k < trig.start and any(t.end <= k for t in others) \
                    and parses(toks[trig.start].text)[0].tag.POS == "NOUN":
                lo = max(lo, toks[k].start)  # a verb after 'а также' shares the subject before it
        return lo, hi

    def _names_the_forum(self, trig, m: Mention) -> bool:
        """A state in the genitive right after a forum's noun, with only its name's words between."""
        toks = self._tokens
        between = [t for t in toks[trig.end:] if t.end <= m.start]
        if len(between) > 3 or not toks[trig.end:] or toks[trig.end].start > m.start:
            return False
        return all(t.text.casefold() in {"и", ","} or parses(t.text)[0].tag.POS in {"NOUN", "ADJF"}
                   and t.text[:1].isupper() for t in between) and any("gent" in p.tag for p in parses(m.text.split()[0]))

    def _head_of(self, m: Mention, table) -> str | None:
        """'глава Минцифры России', 'руководитель ведомства': the one person whose title the text gives
        in that body (its minister, its chairman)."""
        toks = self._tokens
        i = next((k for k, t in enumerate(toks) if t.start >= m.start), None)
        if i is None or i == 0 or lemma(toks[i - 1].text) != "глава":
            return None
        after = self._text[m.end:m.end + 3]
        if after[:1] == " " and after[1:2].isupper():
            return None  # "глава Минцифры Казахстана Ерлан Сапаров": the name follows, and is the participant
        head = body_head(m.entity, table)
        return head.id if head is not None else None

    def _arranges(self, trig, m: Mention) -> bool:
        """A person who agrees to hold ('условились провести', 'договорились о проведении') or discusses the
        preparation of an event named after him: the event is ahead, and he only arranges it."""
        between = [lemma(t.text) for t in self._tokens[:trig.start] if t.start >= m.end and t.text[:1].isalpha()]
        return len(between) <= 12 and ({"условиться", "договориться"} & set(between)
                                      or {"обсудить", "подготовка"} <= set(between))

    def _told_at(self, trig) -> int | None:
        """The ', что' before a trigger: the event is what someone tells, and who tells takes no part."""
        toks = self._tokens
        if getattr(self, "_that_at", None) is None or self._that_at[0] is not toks:
            # found once per sentence: a sentence of n triggers then costs n log n, not n squared
            self._that_at = (toks, [k for k in range(1, len(toks)) if toks[k - 1].text == ","
                                    and lemma(toks[k].text) == "что"])
        at = self._that_at[1]
        i = bisect.bisect_left(at, min(trig.start, len(toks)))
        return at[i - 1] if i else None

    def _place_phrase(self, m: Mention) -> bool:
        """A country after 'в', 'во', 'на', 'из': a place the sentence tells of, not a party."""
        toks = self._tokens
        i = next((k for k, t in enumerate(toks) if t.start >= m.start), None)
        return i is not None and i > 0 and toks[i - 1].text.casefold() in {"в", "во", "на", "из"}

    def _source(self, m: Mention) -> bool:
        """'сообщает ИА «Вести»', 'сообщили Trend', 'со ссылкой на агентство': who reports, not who takes part."""
        toks = self._tokens
        i = next((k for k, t in enumerate(toks) if t.start >= m.start), None)
        if i is None:
            return False
        return any(lemma(t.text) in REPORTING for t in toks[max(0, i - 4):i])

    def _title_references(self, toks, lemmas: list[str], table: EntityTable) -> list[Participant]:
        """"Министр ... примет участие": a title alone, in the singular, names the one person who holds it
        (read once per sentence: the same for each of its triggers)."""
        cached = getattr(self, "_titled", None)
        if cached is None or cached[0] != toks or cached[1] is not table:
            self._titled = cached = (toks, table, self._title_holders(toks, lemmas, table))
        return [Participant(p.entity, p.role) for p in cached[2]]

    @staticmethod
    def _title_holders(toks, lemmas: list[str], table: EntityTable) -> list[Participant]:

        holders: dict[str, Participant] = {}
        told: dict[str, int] = {}  # where each holder's title was first told
        own = False  # "13 ноября Министр выступил": a capital mid-sentence is the release's own minister
        for i, lem in enumerate(lemmas):
            own = own or (lem in HEADS and i > 0 and toks[i].text[:1].isupper() and toks[i - 1].text not in {".", "«"})
            if lem in {"замминистра", "замминистр"}:
                # "Замминистра выступил": the one deputy minister the text names (any title that has it)
                deputies = [e for e in table.entities if e.type == "PER" and any(
                    "заместитель министр" in " ".join(lemma(w) for w in re.findall(r"[\w-]+", r.title))
                    for r in e.roles)]
                holders.update({e.id: Participant(e.id, "participant") for e in deputies})
                continue
            if lem not in HEADS or parses(toks[i].text)[0].tag.number != "sing":
                continue
            state = table.gaz.country_of_adjective(lemmas[i - 1]) if i > 0 else None
            for ent in table.entities:
                if ent.type != "PER":
                    continue
                for role in ent.roles:
                    if state is not None and role.country and role.country != state["iso2"]:
                        continue  # "белорусский министр": not the minister of the other state
                    words = [lemma(w) for w in re.findall(r"[\w-]+", role.title)]
                    if words and words[0] == lem and all(
                            i + k >= len(lemmas) or not toks[i + k].text[:1].isalpha() or lemmas[i + k] == w
                            or lemmas[i + k] not in words for k, w in enumerate(words[:4])):
                        holders[ent.id] = Participant(ent.id, "participant")
                        told[ent.id] = min(told.get(ent.id, 10 ** 9), role.evidence.start if role.evidence else 10 ** 9)
        if len(holders) > 1 and not own and toks:
            # "На полях министр провёл встречу" after one minister was named: not one the text names later
            before = [h for eid, h in holders.items() if told.get(eid, 10 ** 9) < toks[0].start]
            return before if len(before) == 1 else []
        return list(holders.values())[:1] if len(holders) == 1 or own else []

    def _name(self, text, sent, toks, lemmas, trig) -> tuple[str | None, int | None]:
        ordinal = None
        i0 = trig.start
        k = i0 - 1  # "Десятой неформальной встрече", "Первый молодежный IT-форум": adjectives between
        while k > 0 and k >= trig.start - 3 and lemmas[k] not in ORDINAL_WORDS and \
                parses(toks[k].text)[0].tag.POS == "ADJF" and toks[k].text[:1].isalpha():
            k -= 1
        prev = toks[k].text if k >= 0 else ""
        m = ORDINAL.match(prev)
        if k >= 0 and m:
            ordinal, i0 = int(m.group(1)), k
        elif k >= 0 and lemmas[k] in ORDINAL_WORDS:
            ordinal, i0 = ORDINAL_WORDS[lemmas[k]], k
        elif k >= 0 and roman_numeral(prev, _ROMAN):
            ordinal, i0 = roman_numeral(prev, _ROMAN), k
        # a quoted title right after the trigger (or after the trigger's own complement)
        after = text[trig.char_end:sent.end]
        q = _QUOTED.search(after[:160])
        if q and trig.type in {"FORUM", "SESSION", "MEETING"}:
            between = after[:q.start()]
            if len(between.split()) <= 6 and not re.search(r"[.;:]", between):
                return next(g for g in q.groups() if g), ordinal
        head_tok = toks[trig.start]
        proper = head_tok.text[:1].isupper() and trig.start > 0 and toks[trig.start - 1].text not in {".", "«"}
        if ordinal is None and not proper:
            return None, None
        if trig.type in {"SPEECH", "SIGNING", "CALL", "VISIT", "FOUNDING", "ACCESSION"}:
            return None, ordinal
        end = trig.end
        stop_words = {"в", "во", "с", "со", "на", "под", "при"} if ordinal is None else {"с", "со", "под"}
        j = trig.end
        while j < len(toks):
            t = toks[j]
            if t.text in {".", ";", ":", "(", "«", "»", "!", "?"}:
                break
            if t.text == "," and (j + 1 >= len(toks) or lemmas[j + 1] in {"который", "где", "а", "и"}
                                  or _is_finite(toks[j + 1].text)):
                break
            if lemmas[j] in stop_words or _is_finite(t.text):
                break
            if t.text.isdigit() and j + 1 < len(toks) and _MONTH_WORD.match(toks[j + 1].text):
                break  # "42-го Совета 19 октября 2012 года": the date is not the name
            end = j + 1
            j += 1
        words = [t.text for t in toks[i0:end]]
        while words and words[-1] in {",", "—", "–", "-"}:
            words.pop()
        if len(words) < 2 and ordinal is None:
            return None, None
        if words and roman_numeral(words[0], _ROMAN):
            name = " ".join([words[0], *nominative_phrase(words[1:])])  # "III Съезда ..." → "III Съезд ..."
        else:
            name = " ".join(nominative_phrase(words))
        name = re.sub(r"\s+([,.;:)])", r"\1", name).replace("( ", "(")
        return name, ordinal

    # -- structure ---------------------------------------------------------------------------------
    def _participation(self, sent, lemmas, mentions, events, table, role_spans) -> None:
        """'В работе Совета приняли участие ...': a sentence that lists who took part in the event
        just told adds them to it."""
        chaired = any(a == "под" and b == "председательство"  # "Мероприятие прошло под председательством X"
                      for a, b in zip(lemmas, lemmas[1:], strict=False))
        if not events or not ({"участие", "участвовать", "возглавить"} & set(lemmas) or chaired):
            return
        target = next((e for e in reversed(events) if e.type in {"MEETING", "FORUM", "VISIT", "SESSION"}), None)
        if target is None:
            return
        self._add_people(sent, mentions, target, table, role_spans)

    @staticmethod
    def _add_people(sent, mentions, target, table, role_spans) -> None:
        have = {p.entity for p in target.participants}
        for m in mentions:
            if not (sent.start <= m.start < sent.end) or not m.entity or m.entity in have:
                continue
            ent = table.entity(m.entity)
            if ent is None or inside_any(m, role_spans):
                continue
            if m.type == "LOC" and ent.kind != "country":
                continue
            if m.type == "ORG" and members_phrase(sent.text[:m.start - sent.start]) is not None:
                continue  # "вице-премьеры государств — членов ЕАЭС": the states take part
            if m.entity == target.location:
                continue
            have.add(m.entity)
            target.participants.append(Participant(m.entity, "participant"))


def series_key(name: str, normal, is_ordinal) -> str:
    """The key the numbered events of one series share: '5-е совещание руководителей ...' and '4-е
    совещание руководителей ...', 'the 5th Ministerial Meeting' and 'the Fourth Ministerial Meeting'
    — the name's words but its ordinal (`is_ordinal`), each as `normal` writes it (a lemma in
    Russian, casefolded in English). Shared by the Russian and the English step."""
    return " ".join(normal(w) for w in re.findall(r"[\w-]+", name) if not is_ordinal(w))


def is_ordinal(word: str) -> bool:
    """A Russian ordinal: '5-е', 'пятого'."""
    return bool(ORDINAL.match(word)) or lemma(word) in ORDINAL_WORDS


def period_told(date: DateMention, ending: bool) -> tuple[str | None, str | None]:
    """An event's (start, end) from the date told with it: a date 'until' which it runs, or one with
    only an end, gives its end; so does a day told with a verb of ending (`ending`: "20 мая
    завершилось совещание", "the session ended on 3 May")."""
    start, end = date.value_start, date.value_end
    if date.kind == "until" or (start is None and end is not None):
        return None, end
    if end is None and ending:
        return None, start
    return start, end


_TOPIC = re.compile(r"(?i)(?<!\w)(?:с\s+)?доклад\w*\s+(?:о|об)\s+[^,.;:]*$")
_VENUE = re.compile(r"(?<![\w-])[Вв]о?\s+$")  # an organization after "в" is where the event is held

ONLINE = re.compile(r"(?i)видеоконференц|видеосвяз|онлайн|дистанционн")  # an event held so is held nowhere


def pass_dates_on(trig, triggers: list, owned_by: dict) -> bool:
    """'Участники заседания приветствовали принятое в декабре решение о предоставлении статуса ...': the
    session told before is only the frame; the dates nearest its noun go to the next event of the
    sentence. False when no event follows."""
    after = [t for t in triggers if t is not trig and t.start >= trig.end]
    if not after:
        return False
    owned_by.setdefault(id(after[0]), []).extend(owned_by.pop(id(trig)))
    owned_by[id(after[0])].sort(key=lambda d: d.start)
    return True


def containing(events: list, ev) -> object | None:
    """'22 мая делегация примет участие в круглом столе' during a forum or session told before that runs
    over days: the latest such gathering whose period holds the event's date (None when none does)."""
    if not ev.start:
        return None
    lo, hi = date_bounds(ev.start)
    return next((e for e in reversed(events) if e.type in {"FORUM", "MEETING", "SESSION"} and e.start and e.end
                 and e.end != e.start and date_bounds(e.start)[0] <= lo and hi <= date_bounds(e.end)[1]), None)


def latest_of(events: list, type_: str):
    return next((e for e in reversed(events) if e.type == type_), None)
