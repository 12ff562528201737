"""Normal forms of Russian names: persons, organization names and job titles in the nominative.

Official texts name people and bodies in whatever case the sentence needs ("визит Министра ...
Павла Ершова"); the knowledge base stores the nominative ("Министр ...", "Павел Ершов").
Only the head of a noun phrase declines — its leading adjectives and the first noun — so the
genitive tail ("... связи и информатизации Республики Беларусь") is kept as written.
"""

from __future__ import annotations

import functools
import re

from .nlp import parses

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_WORD = re.compile(r"^[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*$")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
_INITIALS_GLUED = re.compile(r"^(?:[А-ЯЁA-Z]\.){0,2}[А-ЯЁA-Z]\.?$")
_ADJ = {"ADJF", "PRTF", "NUMR"}
_CAMEL = re.compile(r"(?:^|-)[А-ЯЁ]?[а-яё]+[А-ЯЁ]")


def match_case(source: str, result: str) -> str:
    """Give `result` the capitalization pattern of `source` (and its 'е' where it writes no 'ё')."""
    if "ё" not in source.lower():
        result = result.replace("ё", "е").replace("Ё", "Е")
    if source.isupper() and len(source) > 1:
        return result.upper()
    if source[:1].isupper() or any(p[:1].isupper() for p in source.split("-")[1:]):
        parts = result.split("-")
        src_parts = source.split("-")
        out = []
        for i, p in enumerate(parts):
            sp = src_parts[i] if i < len(src_parts) else src_parts[-1]
            if sp.isupper() and len(sp) > 1 and len(parts) > 1 and p.lower() == sp.lower():
                out.append(sp)  # "ИТ-форума" → "ИТ-форум": the acronym part as written
            else:
                out.append(p[:1].upper() + p[1:] if sp[:1].isupper() else p)
        return "-".join(out)
    return result


def _inflect(parse, grammemes: set[str]) -> str | None:
    return _inflected(parse, frozenset(grammemes))


@functools.lru_cache(maxsize=100_000)
def _inflected(parse, grammemes: frozenset[str]) -> str | None:
    """The word of `parse` inflected to `grammemes`, cached (bounded): pymorphy builds the whole
    lexeme to inflect one form, and a text repeats its names in the same oblique forms ('Сергея
    Лаврова' in one release, 'Сергея Рябкова' in the next). A parse is a tuple of its word, tag,
    normal form, score and analysis path, so equal parses inflect alike."""
    try:
        form = parse.inflect(set(grammemes))
    except (ValueError, KeyError):
        return None
    return form.word if form else None


def nominative_phrase(words: list[str]) -> list[str]:
    """Inflect the head of a noun phrase to the nominative; the dependent tail stays as written.

    >>> nominative_phrase(["Шанхайской", "организации", "сотрудничества"])
    ['Шанхайская', 'организация', 'сотрудничества']
    """
    head = None
    for i, w in enumerate(words):
        if _CAMEL.search(w):
            break  # "БелТА", "МегаФон": a name spelled with capitals inside declines no further than written
        if not _WORD.match(w):
            if i == 0 and re.match(r"^\d+-?[а-я]*$", w):
                continue  # a leading ordinal ("5-е")
            break
        ps = parses(w)
        if any(p.tag.POS == "NOUN" for p in ps) and not all(p.tag.POS in _ADJ for p in ps[:1]):
            head = i
            break
        if not any(p.tag.POS in _ADJ for p in ps):
            break
    if head is None:
        return list(words)
    noun_parses = [p for p in parses(words[head]) if p.tag.POS == "NOUN"]
    # Which case the phrase stands in: the first case the noun and all its adjectives share.
    adj_parses = [[p for p in parses(w) if p.tag.POS in _ADJ] for w in words[:head] if _WORD.match(w)]
    best = None
    for np in noun_parses:
        case = np.tag.case
        agrees = all(any(a.tag.case == case and a.tag.number == np.tag.number for a in ap) for ap in adj_parses)
        # prefer the singular: official bodies and titles are singular far more often
        if agrees and (best is None or (best.tag.number == "plur" and np.tag.number == "sing")):
            best = np
    if best is None:
        best = noun_parses[0]
    number = best.tag.number or "sing"
    if best.tag.case == "nomn":
        return list(words)
    out = list(words)
    noun_form = _inflect(best, {"nomn", number})
    if noun_form:
        out[head] = match_case(words[head], noun_form)
    gender = best.tag.gender
    for i in range(head):
        w = words[i]
        if not _WORD.match(w):
            out[i] = nominative_ordinal(w, gender, number) if i == 0 else w
            continue
        cands = [p for p in parses(w) if p.tag.POS in _ADJ and p.tag.case == best.tag.case]
        if not cands:
            continue
        want = {"nomn", number} | ({gender} if number == "sing" and gender else set())
        form = _inflect(cands[0], want)
        if form:
            out[i] = match_case(w, form)
    return out


def genitive_text(name: str) -> str | None:
    """A name in the nominative put in the genitive: its leading adjectives and head noun decline, the
    tail stays ('Международный союз электросвязи' → 'Международного союза электросвязи'). None when
    the head is not a noun in the nominative the dictionary can decline."""
    words = name.split()
    head = next((i for i, w in enumerate(words) if _WORD.match(w)
                 and any(p.tag.POS == "NOUN" for p in parses(w))
                 and not all(p.tag.POS in _ADJ for p in parses(w)[:1])), None)
    if head is None or not all(_WORD.match(w) for w in words[:head]):
        return None
    noun = next((p for p in parses(words[head]) if p.tag.POS == "NOUN" and p.tag.case == "nomn"), None)
    if noun is None:
        return None
    number = noun.tag.number or "sing"
    form = _inflect(noun, {"gent", number})
    if not form:
        return None
    out = list(words)
    out[head] = match_case(words[head], form)
    for i in range(head):
        adj = next((p for p in parses(words[i]) if p.tag.POS in _ADJ and p.tag.case == "nomn"), None)
        want = {"gent", number} | ({noun.tag.gender} if number == "sing" and noun.tag.gender else set())
        form = _inflect(adj, want) if adj else None
        if not form:
            return None
        out[i] = match_case(words[i], form)
    return " ".join(out)


_ORDINAL_ENDINGS = {"masc": "й", "femn": "я", "neut": "е", "plur": "е"}


def nominative_ordinal(word: str, gender: str | None, number: str = "sing") -> str:
    """'5-м' before a neuter noun → '5-е'; before a masculine one → '5-й'."""
    m = re.match(r"^(\d+)-?[а-я]*$", word)
    if not m:
        return word
    key = "plur" if number == "plur" else (gender or "masc")
    return f"{m.group(1)}-{_ORDINAL_ENDINGS.get(key, 'й')}"


@functools.lru_cache(maxsize=50_000)
def nominative_text(text: str) -> str:
    """nominative_phrase over a string, keeping its spacing and punctuation."""
    parts = re.split(r"(\s+)", text.strip())
    words = parts[::2]
    inflected = nominative_phrase(words)
    parts[::2] = inflected
    return "".join(parts)


# --- persons -------------------------------------------------------------------------------------

_NAME_TAGS = ("Name", "Surn", "Patr")
_TITLE_WORDS = {"министр", "замминистр", "вице-министр", "посол", "президент", "председатель", "глава",
                "директор", "ректор", "профессор", "генсек", "премьер-министр", "господин", "госпожа", "г-н", "г-жа"}


def split_initials(token: str) -> list[str]:
    """'О.Н.' → ['О.', 'Н.']"""
    if _INITIALS_GLUED.match(token):
        return [c + "." for c in token.replace(".", "")]
    return [token]


@functools.lru_cache(maxsize=50_000)
def person_nominative(text: str) -> str:
    """A person's name in the nominative, as First [Patronymic] Last; initials kept, moved before
    the surname when written after it ('Ершов П.С.' → 'П.С. Ершов')."""
    raw = [t for t in re.split(r"[\s\u00a0]+", text.strip().strip(",;:")) if t]
    glued = len(raw) == 1 and _GLUED_NAME.match(raw[0])  # "Б.А.Саидовым": initials and surname as one word
    if glued:
        raw = [glued.group(1), glued.group(2)]
    tokens: list[str] = []
    for t in raw:
        tokens.extend(split_initials(t))
    from .nlp import lemma

    while len(tokens) > 1 and _WORD.match(tokens[0]) and lemma(tokens[0]) in _TITLE_WORDS:
        tokens = tokens[1:]  # "Министр Ершов": the title is not part of the name
    initials = [t for t in tokens if _INITIAL.match(t)]
    words = [t for t in tokens if not _INITIAL.match(t)]
    words = _inflect_name_words(words)
    if initials:
        return "".join(initials) + ("" if glued else " ") + " ".join(words) if words else "".join(initials)
    return " ".join(words)


_GLUED_NAME = re.compile(r"^((?:[А-ЯЁA-Z]\.){1,2})([А-ЯЁA-Z][а-яёa-z-]{2,})$")


# Endings of a-declension names the dictionary does not know ('Рахимзоды' → 'Рахимзода'), by case:
# the last word of a foreign name is often such a word, and its oblique form has no reading at all.
# Only the genitive and instrumental endings: a dative or prepositional '-е' ends indeclinable names
# too ('Турсунзоде').
_A_DECLENSION = {"gent": (("ы", "а"), ("и", "я")), "ablt": (("ой", "а"), ("ей", "я"))}


def _name_reading_bonus(p) -> float:
    """How much a reading of a name word counts: a name reading more, a dictionary word's more than
    the guesser's for an unknown word."""
    value = 1.0 + (0.5 if any(t in p.tag for t in _NAME_TAGS) else 0.0) + 0.05 * p.score
    return value if _known(p.word) else value * 0.6


@functools.lru_cache(maxsize=100_000)
def _known(word: str) -> bool:
    from .nlp import morph

    return morph().word_is_known(word.lower())


@functools.lru_cache(maxsize=100_000)
def _name_readings(word: str) -> tuple:
    """The word's singular readings in a case, as a noun or a name (the readings a name word is read by)."""
    return tuple(p for p in parses(word) if p.tag.case in CASES and p.tag.number != "plur"
                 and (p.tag.POS == "NOUN" or any(t in p.tag for t in _NAME_TAGS)))


@functools.lru_cache(maxsize=100_000)
def _case_values(word: str) -> tuple[tuple[str, float], ...]:
    """(case, the value of the word's best reading in it), in the order the cases first appear."""
    best: dict[str, float] = {}
    for p in _name_readings(word):
        best[p.tag.case] = max(best.get(p.tag.case, 0.0), _name_reading_bonus(p))
    return tuple(best.items())


def _inflect_name_words(words: list[str]) -> list[str]:
    if not words:
        return words
    cyr = [w for w in words if _WORD.match(w)]
    if not cyr:
        return words
    # The case most words of the name can be read in (each word counts once, by its best reading in
    # that case; name readings first): a foreign first name and a Russian-looking surname may read in
    # different genders, but they stand in one case.
    # (an adjective reading counts only as a name: 'Цзиньпином' is not a form of 'цзиньпиный' here)
    readings = {w: _name_readings(w) for w in cyr}
    scores: dict[str, float] = {}
    for w in cyr:
        for case, value in _case_values(w):
            scores[case] = scores.get(case, 0.0) + value
    # ... and one the surname can stand in as a name or a word for a person ('Жоау Перейра Алвис'
    # is nominative: 'Алвис' can be nothing else), unless the dictionary has no such reading of it
    # ('Рахимзоды'; 'Моди' only as a form of the common noun 'модь')
    last = {p.tag.case for p in readings[cyr[-1]]
            if "anim" in p.tag or "Fixd" in p.tag or any(t in p.tag for t in _NAME_TAGS)}
    if last and _known(cyr[-1]):  # a guessed reading of an unknown surname ('Турсунзоде') proves nothing
        scores = {case: value for case, value in scores.items() if case in last}
    if not scores:
        return words
    # the nominative reading wins ties: a name already in the nominative stays as it is
    case = max(scores.items(), key=lambda kv: (round(kv[1], 1), kv[0] == "nomn"))[0]
    if case == "nomn":
        return words
    genders: dict[str | None, float] = {}
    for w in cyr:
        best_g: dict[str | None, float] = {}
        for p in readings[w]:
            if p.tag.case == case and p.tag.gender:
                best_g[p.tag.gender] = max(best_g.get(p.tag.gender, 0.0), _name_reading_bonus(p))
        for g, value in best_g.items():
            genders[g] = genders.get(g, 0.0) + value
    gender = max(genders.items(), key=lambda kv: kv[1])[0] if genders else None
    out = []
    for w in words:
        if not _WORD.match(w):
            out.append(w)
            continue
        in_case = [p for p in readings[w] if p.tag.case == case]
        cands = [p for p in in_case if gender is None or p.tag.gender in (gender, None) or "Ms-f" in p.tag] or in_case
        cands.sort(key=lambda p: (not any(t in p.tag for t in _NAME_TAGS), -p.score))
        form = None
        for p in cands:
            g = gender if gender and p.tag.gender == gender else None
            form = _inflect(p, {"nomn", "sing"} | ({g} if g else set())) or _inflect(p, {"nomn"})
            if form:
                break
        if form is None and not cands:
            form = _a_declension(w, case)
        out.append(match_case(w, form) if form else w)
    return out


def _a_declension(word: str, case: str) -> str | None:
    """The nominative of an unknown capitalized a-declension name in `case` ('Рахимзоды' → 'Рахимзода')."""
    if not word[:1].isupper() or _known(word):
        return None
    for ending, nominative in _A_DECLENSION.get(case, ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return None


_NAME_SHAPES = {2: (("Name", "Surn"),), 3: (("Name", "Patr", "Surn"),)}
_NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")


@functools.lru_cache(maxsize=100_000)
def name_cases(words: tuple[str, ...]) -> frozenset[str]:
    """The cases in which the capitalized Cyrillic words read as a first name and a surname (with a
    patronymic between them for three); empty when they cannot."""
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        return frozenset()
    out: set[str] = set()
    for shape in _NAME_SHAPES.get(len(words), ()):
        cases = None
        for word, mark in zip(words, shape, strict=True):
            here = {p.tag.case for p in parses(word) if mark in p.tag and p.tag.case}
            cases = here if cases is None else cases & here
            if not cases:
                break
        out |= cases or set()
    return frozenset(out)


@functools.lru_cache(maxsize=100_000)
def surname_key(name: str) -> str:
    """The surname of a normalized person name, lower-cased and reduced to its masculine normal form
    ('Ершова' and 'Ершов' meet): the last word that is not an initial."""
    words = [w for w in name.replace(".", ". ").split() if not _INITIAL.match(w)]
    if not words:
        return name.casefold()
    last = words[-1]
    if _WORD.match(last):
        surn = [p for p in parses(last) if "Surn" in p.tag]
        if surn:
            return surn[0].normal_form.replace("ё", "е")
    return last.casefold().replace("ё", "е")


def initials_of(name: str) -> list[str]:
    """The initials a normalized name carries or implies: 'Павел Ершов' → ['П'], 'П.С. Ершов' → ['П', 'С']."""
    tokens = []
    for t in name.split():
        tokens.extend(split_initials(t))
    words = tokens[:-1]
    return [w[0].upper() for w in words]


_LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
_CYRILLIC = re.compile(r"[А-ЯЁа-яё]")


def cyrillic_lookalikes(word: str) -> str:
    """A Cyrillic word typed with Latin capitals that look the same ("СHГ" with a Latin H) in
    Cyrillic only; a word with no Cyrillic letter, or with a Latin letter that has no Cyrillic
    twin, is left as it is."""
    if not _CYRILLIC.search(word) or word.isascii():
        return word
    folded = word.translate(_LATIN_LOOKALIKES)
    return folded if not re.search(r"[A-Za-z]", folded) else word
