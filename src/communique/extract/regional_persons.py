"""Persons by pattern in the region's other languages, where the pattern is unambiguous.

No NER model ships here for Kazakh, Kyrgyz, Uzbek, Tajik, Belarusian, Serbian or Chinese, so a
person is found only where a job title vouches for the name next to it (resources/
titles_regional.json):

* title, then name — "Сыртқы істер министрі Ерлан Жақсылықов", "tashqi ishlar vaziri Baxtiyor
  Saidov"; in the languages whose title head comes first, the name may also follow the title's
  modifiers when it comes right after a place or a state word: "Міністр замежных спраў Рэспублікі
  Беларусь Максім Рыжанкоў", "министар спољних послова Србије Марко Ђурић", or after the title's
  lower-case complements ("міністр цыфравага развіцця, сувязі і масавых камунікацый Name");
* name, comma, title — "Марко Ђурић, министар спољних послова", "Ерлан Жақсылықов, Сыртқы істер
  министрі";
* Chinese: a title, then a surname and one or two characters ("外交部长王毅"), or such a name
  right before its title ("习近平主席"), with a clear boundary on the other side; a name whose length
  cannot be told (both one and two given-name characters would fit) is left out.

A name is two or three capitalized words in the title's script, none of them a place or
organization of the gazetteer, a state word or a title word, whose last word ends like a surname
of the language ("-ов", "-ұлы", "-ić", "-оў", "-зода") — or, in "Surname Given Patronymic"
order, whose first word does and whose last is a patronymic; in the agglutinative languages a case
ending on the last word is taken off ("Жақсылықовпен" -> "Жақсылықов"). Only nominative title words
count, so in Belarusian and Serbian the name after them is nominative too, and an oblique form
("Ђурићем") fails the surname test. Right after a title (or after the state a head-first title
names) the title vouches for the name, so a name without such an ending (a foreign name, a Tajik
"Given Father's-name") counts too, unless one of its words is a word of a body's name ('body_stems',
the organization heads). The title becomes a Role, with the state named in it.
Precision over recall: a name without a title next to it is not found.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..model import Entity, Evidence, Mention, Role
from . import regional_cases, regional_coref
from .gazetteer import normalize_key
from .regional_persons_zh import HAN, zh_persons
from .regional_sentences import evidence_of, sentences
from .resources import load_json

__all__ = ["LANGUAGES", "find_persons", "supports"]

_LEX = load_json("titles_regional.json")
_ORG_LEX = load_json("organizations_regional.json")
LANGUAGES = tuple(k for k in _LEX if not k.startswith("_"))

WORD_TOKEN = re.compile(r"[^\W\d_][\w'ʻʼ’‘-]*", re.UNICODE)  # a word, with the apostrophes of Uzbek Latin
_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['ʻʼ’‘-](?=[^\W\d_]))*", re.UNICODE)
_ARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|an|ал|аль|әл|ад|ар|ас|ат|ан)-[^\W\d_]", re.UNICODE)  # "ал-Маҷид"
_PATRONYMIC = ("ович", "евич", "овна", "евна", "ovich", "evich", "ovna", "evna", "ұлы", "қызы", "уулу", "кызы",
               "o'g'li", "oʻgʻli", "qizi", "ўғли", "қизи", "віч", "ўна")
# the separate word "son of" / "daughter of" after a father's name (Azerbaijani, Kazakh, Uzbek, Kyrgyz style)
_PARTICLES = frozenset(normalize_key(w) for w in ("оғлы", "оглы", "ұлы", "қызы", "кызы", "уулу", "o'g'li", "oʻgʻli",
                                                  "o‘g‘li", "qizi", "ўғли", "қизи", "oğlu", "qızı"))
MAX_GAP = 8  # words between a title's head and the name, in head-first languages
MAX_BACK = 6  # words a head-final title may reach back from its head


def supports(lang: str | None) -> bool:
    return (lang or "") in LANGUAGES


def _script(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f":
                return "cyr"
            if ch.isascii() or "\u00c0" <= ch <= "\u024f" or ch in "ʻʼ’‘":
                return "lat"
            return "other"
    return "other"


def _evidence(text: str, sents: list[tuple[int, int]], pos: int) -> Evidence:
    for s, e in sents:
        if s <= pos < e:
            return evidence_of(text, s, e)
    return Evidence(pos, pos, "")


class _Lang:
    def __init__(self, code: str, lex: dict) -> None:
        self.code = code
        self.heads = {normalize_key(h) for h in lex["heads"]}
        self.head_first = bool(lex.get("head_first"))
        self.endings = tuple(sorted({e.casefold() for e in lex["surname_endings"]}, key=len, reverse=True))
        self.suffixes = regional_cases.endings(code, "instrumental", "genitive", "dative", "accusative", "ablative",
                                               "locative")
        self.state = {normalize_key(w) for w in lex.get("state_words", [])}
        self.stop = {normalize_key(w) for w in lex.get("stop", [])}
        self.not_name = tuple(e.casefold() for e in lex.get("not_name_endings", []))
        self.joiners = {normalize_key(w) for w in lex.get("joiners", [])}
        self.deputy = {normalize_key(w) for w in lex.get("deputy", [])}
        self.modifiers = {normalize_key(w) for w in lex.get("modifiers", [])}
        self.stop_endings = tuple(normalize_key(w) for w in lex.get("stop_endings", []))
        self.posted = {normalize_key(w) for w in lex.get("posted_in", [])}
        self.under = {normalize_key(w) for w in lex.get("under", [])}
        self.event_nouns = {normalize_key(w) for w in lex.get("event_nouns", [])}
        self.modifier_endings = tuple(lex.get("modifier_endings", []))
        self.adjective_endings = tuple(lex.get("adjective_endings", []))
        self.oblique_modifiers = dict(lex.get("oblique_modifiers", {}))
        self.not_modifier = tuple(lex.get("not_modifier_endings", []))
        self.genitive = regional_cases.endings(code, "genitive")
        self.surname_closes = bool(lex.get("surname_closes_name"))
        self.object_endings = regional_cases.endings(code, "accusative", "dative")
        self.locative = regional_cases.endings(code, "locative", "locative_possessive")
        org_heads = _ORG_LEX.get(code, {}).get("heads", []) if isinstance(_ORG_LEX.get(code), dict) else []
        self.body = tuple({s.casefold() for s in lex.get("body_stems", [])} | {h[0].casefold() for h in org_heads})
        # an oblique title word -> (its nominative, the case of the name after it: "ins", "gen_f", ...)
        self.oblique = {normalize_key(w): (nom, case + ("_f" if "f" in rest else ""))
                        for w, (nom, case, *rest) in (lex.get("oblique_heads") or {}).items()}
        # words that run on a head-first title right after its head ("Сафири Фавқулодда ва Мухтори ...")
        self.runs = [tuple(normalize_key(w) for w in r.split()) for r in lex.get("title_runs", [])]
        self.name_cases = {case: [(a.casefold(), b) for a, b in rules]
                           for case, rules in (lex.get("name_cases") or {}).items()}

    def decline_back(self, word: str, case: str | None) -> str:
        """A name word in `case` back in the nominative ("Бадрам" -> "Бадр"); a word no ending of
        the case fits (a foreign name that does not decline) stays as written."""
        w = word.casefold()
        for ending, nominative in self.name_cases.get(case or "", ()):
            if w.endswith(ending) and len(w) - len(ending) >= 2:
                return word[: len(word) - len(ending)] + nominative
        return word

    def modifier(self, word: str) -> bool:
        """A lower-case adjective that may stand before a head-first title's head ("першы", "prvi")."""
        w = word.casefold()
        if normalize_key(word) in self.modifiers:  # "Першы намеснік" at the head of a sentence
            return True
        return bool(self.modifier_endings) and word[:1].islower() and len(w) >= 4 \
            and w.endswith(self.modifier_endings) and not w.endswith(self.not_modifier)

    def in_genitive(self, word: str) -> bool:
        w = word.casefold()
        return bool(self.genitive) and w.endswith(self.genitive) and len(w) > 5

    def body_word(self, word: str) -> bool:
        """A word of the name of a body or place ("Ұлттық", "Банкі"), never of a person's name."""
        return word.casefold().startswith(self.body)

    def surname_like(self, word: str) -> bool:
        w = word.casefold()
        return any(w.endswith(e) and len(w) > len(e) + 1 for e in self.endings)

    def nominative(self, word: str, vouched: bool = False) -> str:
        """The last word of a name without the case ending an agglutinative language added. A name a
        title vouches for loses an ending of three letters or more ("Батбаярмен") even when no
        surname ending is left; shorter ones ("-да", "-ні") are too often part of a name."""
        if self.surname_like(word):
            return word
        w = word.casefold()
        for suf in self.suffixes:
            if w.endswith(suf) and self.surname_like(word[: -len(suf)]):
                return word[: -len(suf)]
        if vouched:
            for suf in self.suffixes:
                if len(suf) >= 3 and w.endswith(suf) and len(w) - len(suf) >= 3:
                    return word[: -len(suf)]
        return word


@functools.cache
def _lang(code: str) -> _Lang:
    return _Lang(code, _LEX[code])


class _Tok:
    __slots__ = ("s", "e", "text", "key", "covered")

    def __init__(self, s: int, e: int, text: str, covered: Mention | None) -> None:
        self.s, self.e, self.text, self.key, self.covered = s, e, text, normalize_key(text), covered


def find_persons(text: str, lang: str, mentions: list[Mention], entities: list[Entity],
                 place_like: Callable[[str], bool] = lambda w: False,
                 blocked: list[tuple[int, int]] = (),
                 bodies: list[tuple[int, int]] = ()) -> tuple[list[Mention], list[Entity]]:
    """Person mentions and entities found by title patterns in `text`.

    `mentions`/`entities` are what the gazetteer found (a name never overlaps them; a state named
    inside a title goes into its Role); `place_like(word)` says whether an inflected word is a
    place the gazetteer could not match exactly ("Расіі" of "Расія"); `blocked` spans (dates) end a title."""
    if not supports(lang):
        return [], []
    sents = sentences(text)
    if lang == "zh":
        found = zh_persons(text, mentions, entities, bodies)
        # a foreign surname alone ("副部长萨伊多夫" in a headline) is the person of the full name with the dot
        full = {f[2].rsplit("·", 1)[1]: f[2] for f in found if "·" in f[2]}
        found = [(s, e, full.get(name, name), *rest) for s, e, name, *rest in found]
    else:
        found = _Finder(text, _lang(lang), mentions, entities, place_like, blocked, bodies).run()
    return _record(text, sents, found, mentions, entities)


# --------------------------------------------------------------------------------------------
# Alphabetic languages
# --------------------------------------------------------------------------------------------

class _Finder:
    def __init__(self, text, lx: _Lang, mentions, entities, place_like, blocked, bodies=()) -> None:
        self.text, self.lx = text, lx
        self.body_end = {a: b for a, b in bodies}  # the bodies named by a head noun: start -> end
        self.by_id = {e.id: e for e in entities}
        self.place_like = place_like
        self.blocked = list(blocked)
        self.names: set[int] = set()  # tokens of the names found so far
        self.name_keys: set[str] = set()  # their words
        spans = sorted(mentions, key=lambda m: m.start)
        self.toks: list[_Tok] = []
        k = 0
        for m in WORD_TOKEN.finditer(text):
            while k < len(spans) and spans[k].end <= m.start():
                k += 1
            cov = spans[k] if k < len(spans) and spans[k].start < m.end() else None
            self.toks.append(_Tok(m.start(), m.end(), m.group(), cov))

    # -- token tests ------------------------------------------------------------------------------
    def joined(self, a: int, b: int) -> bool:
        """Only spaces between tokens a and b (adjacent)."""
        gap = self.text[self.toks[a].e:self.toks[b].s]
        return not gap.strip() and "\n" not in gap

    def name_word(self, t: _Tok) -> bool:
        w = t.text
        return (t.covered is None and _NAME_WORD.fullmatch(w) is not None
                and (w[0].isupper() or (_ARTICLE.match(w) is not None and w.split("-", 1)[1][:1].isupper()))
                and len(w) >= 2 and not w.isupper() and t.key not in self.lx.heads
                and t.key not in self.lx.state and not self.place_like(w)
                and not (self.lx.not_name and w.casefold().endswith(self.lx.not_name))
                and not any(s <= t.s < e for s, e in self.blocked))

    def anchor(self, t: _Tok) -> bool:
        """A word a name may follow inside a head-first title: a place, an organization, a state word,
        an acronym."""
        return t.covered is not None or t.key in self.lx.state or (t.text[:1].isupper() and self.place_like(t.text)) \
            or (len(t.text) >= 2 and t.text.isupper())

    def closed_by_surname(self, j: int) -> bool:
        """Tokens j, j+1, j+2 are capitalized, and the second is a surname that closes the name: the third,
        neither a surname nor a patronymic, begins what follows ("Асан Бакиров Санариптик кызматташтык
        уюмунун ...", "Тоқаев Ақордада ..."). Only in a language whose lexicon says a surname ends a name."""
        if not self.lx.surname_closes:
            return False
        second, third = self.toks[j + 1].text, self.toks[j + 2].text
        return self.lx.surname_like(second) and not self.lx.surname_like(self.lx.nominative(third, True)) \
            and not third.casefold().endswith(_PATRONYMIC) and self.toks[j + 2].key not in _PARTICLES

    def paren_link(self, k: int) -> bool:
        """Tokens k and k+1 are joined across the acronym in brackets after a body's name in the genitive,
        inside a head-final title: "уюмунун (DCO) Башкы катчысы" (k the genitive word, or the acronym)."""
        if k + 1 >= len(self.toks) or not self.in_parens(k, k + 1):
            return False
        acr, word = (k + 1, k) if self.toks[k + 1].text.isupper() else (k, k - 1)
        return word >= 0 and self.toks[acr].text.isupper() and 2 <= len(self.toks[acr].text) <= 8 \
            and (word == k or self.in_parens(word, acr)) and self.lx.in_genitive(self.toks[word].text)

    def in_parens(self, a: int, b: int) -> bool:
        """Tokens a and b (adjacent) around a bracket of an acronym: "савета ... (CCPIT) Џангом"."""
        gap = self.text[self.toks[a].e:self.toks[b].s].strip()
        return (gap == "(" and self.toks[b].text.isupper()) or (gap == ")" and self.toks[a].text.isupper())

    def run_at(self, j: int, vouched: bool = False, case: str | None = None) -> int:
        """How many name words start at token j (0 when they are not 2 or 3; 4 with a separate
        patronymic word: "Әли Самед оғлы Гасанов").

        `vouched`: a title stands right before the name, so a name without a surname ending of the
        language (a foreign name, a Tajik "Given Father's-name") counts too, if no word of it is a
        word of a body's name."""
        k = j
        while k < len(self.toks) and k - j < 4 and self.name_word(self.toks[k]) and (k == j or self.joined(k - 1, k)):
            k += 1
        n = k - j
        if n == 2 and k + 1 < len(self.toks) and self.toks[k].key in _PARTICLES and self.joined(k - 1, k) \
                and self.joined(k, k + 1) and self.name_word(self.toks[k + 1]) \
                and not (k + 2 < len(self.toks) and self.joined(k + 1, k + 2) and self.name_word(self.toks[k + 2])) \
                and _script(self.toks[k + 1].text) == _script(self.toks[j].text):
            return 4  # "Әли Самед оғлы Гасанов": Given, Father's name, the word "son of", Surname
        trimmed = n == 3 and k < len(self.toks) and self.joined(k - 1, k) and self.toks[k].key in self.lx.state
        if n >= 3 and not trimmed and self.closed_by_surname(j):
            k, n, trimmed = j + 3, 3, True
        if trimmed:
            k, n = k - 1, 2  # "Ерлан Жақсылықов Моңғолия Республикасының ...": the third word is a state
        if n not in (2, 3):
            return 0
        if not trimmed and k < len(self.toks) and self.joined(k - 1, k) and self.toks[k].text[:1].isupper() \
                and self.toks[k].covered is None and self.toks[k].key not in self.lx.state \
                and not (self.lx.surname_closes and self.toks[k].key in self.lx.heads):
            return 0  # more capitalized words follow: not clearly where the name ends (a title word
            # after it ends it: "Эмомалӣ Раҳмон Вазири корҳои хориҷии ...")
        words = [t.text for t in self.toks[j:k]]
        if n == 3 and self.lx.head_first and self.lx.body_word(words[0]) \
                and not words[1].casefold().endswith(_PATRONYMIC):
            return 0  # "Старшыня Савета Ігар ...": the body the title names, then the name
        script = _script(words[0])
        if any(_script(w) != script for w in words):
            return 0
        words = [self.lx.decline_back(w, case) for w in words]
        words[-1] = self.lx.nominative(words[-1], vouched)
        # "Given Surname", "Given Patronymic Surname", or "Surname Given Patronymic"
        shaped = self.lx.surname_like(words[-1]) \
            or (n == 3 and self.lx.surname_like(words[0]) and words[-1].casefold().endswith(_PATRONYMIC))
        if not shaped and (not vouched or any(self.lx.body_word(w) for w in words)
                           or any(w.casefold().endswith(self.lx.adjective_endings) for w in words[1:]
                                  if self.lx.adjective_endings)):
            return 0  # "правінцыі Цзянсу Камуністычнай партыі": a body's adjective, no surname
        return n

    # -- patterns ----------------------------------------------------------------------------------
    def run(self) -> list[tuple[int, int, str, tuple[int, int]]]:
        """(start, end, name, (title start, title end)) for every person found."""
        out = []
        used = self.names
        for i, t in enumerate(self.toks):
            if (t.key not in self.lx.heads and t.key not in self.lx.oblique) or i in used:
                continue
            if i and self.toks[i - 1].key in self.lx.under and self.joined(i - 1, i):
                continue  # "Агентии омори назди Президенти ...": the body's owner, no title of the name after it
            hit = self.after_head(i)
            if hit and hit[0] not in used:
                j, n, title = hit
                out.append(self.person(j, n, title))
                if listed := self.listed_title(title[0]):
                    out.append(self.person(j, n, listed))
                used.update(range(j, j + n))
                self.name_keys.update(t.key for t in self.toks[j:j + n])
        out += self.after_event_noun(used)
        for j in range(len(self.toks)):
            if j in used or (j and self.name_word(self.toks[j - 1]) and self.joined(j - 1, j)):
                continue
            n = self.run_at(j)
            if not n:
                continue
            title = self.title_after_name(j, n)
            if title:
                out.append(self.person(j, n, title))
                used.update(range(j, j + n))
        return out

    def after_event_noun(self, used: set[int]) -> list:
        """Persons whose meeting a noun names, in the genitive and without a title: "сустрэча Аляксандра
        Петрачэнкі і Івана Сідарэнкі" (the meeting of ...). Given name and surname only, the surname
        with a surname ending of the language once back in the nominative; no role."""
        out = []
        for i, t in enumerate(self.toks):
            if t.key not in self.lx.event_nouns:
                continue
            j = i + 1
            while j < len(self.toks) and self.joined(j - 1, j) and j not in used:
                if self.run_at(j, case="gen") != 2 or any(
                        self.lx.decline_back(w.text, "gen") == w.text for w in self.toks[j:j + 2]):
                    break  # both words in the genitive
                out.append(self.person(j, 2, (t.s, t.s, (t.s, t.s, "", "gen"))))
                used.update((j, j + 1))
                k = j + 2
                if not (k + 1 < len(self.toks) and self.toks[k].key in self.lx.joiners
                        and self.joined(k - 1, k) and self.joined(k, k + 1)):
                    break
                j = k + 1
        return out

    def person(self, j: int, n: int, title: tuple):
        toks = self.toks[j:j + n]
        case = title[2][3] if len(title) > 2 else None
        words = [self.lx.decline_back(t.text, case) for t in toks]
        words[-1] = self.lx.nominative(words[-1], vouched=True)
        if self.lx.surname_closes:
            words[-1] = regional_coref.bare_elsewhere(self.text, words)
        return toks[0].s, toks[-1].e, " ".join(words), title

    def after_head(self, i: int):
        """(first name token, name words, title) for the name a title word at token i vouches
        for. After an oblique title word ("з Міністрам ...", "sa ministrom ...") the name is in the
        same case; the title is then (start, end, (head start, head end, its nominative, the
        case)), so that the name and the Role are written in the nominative."""
        t = self.toks[i]
        if not t.text[:1].isalpha() or _script(t.text) == "other":
            return None
        oblique = self.lx.oblique.get(t.key) if t.key not in self.lx.heads else None
        if oblique and not self.lx.head_first:
            return None
        case = oblique[1] if oblique else None
        nominative = oblique[0][:1].upper() + oblique[0][1:] if oblique and t.text[:1].isupper() else oblique and oblique[0]
        mod = self.toks[i - 1] if oblique and i and self.joined(i - 1, i) and t.text[:1].islower() else None
        end = next((x for x in self.lx.oblique_modifiers if mod and mod.text.endswith(x) and len(mod.text) > len(x) + 3), None)
        if end is not None:  # "sa generalnim sekretarom" -> "generalni sekretar"
            nominative = mod.text[:-len(end)] + self.lx.oblique_modifiers[end] + " " + nominative
        mark = ((mod.s if end else t.s, t.e, nominative, case),) if oblique else ()
        j = i + 1
        aside = None if self.lx.head_first else _ASIDE.match(self.text, t.e)
        if aside:  # "мүчөсү (министр) Варос Симонян": an aside in brackets between the title and the name
            j = next((q for q in range(j, len(self.toks)) if self.toks[q].s >= aside.end()), len(self.toks))
        if j >= len(self.toks) or not (aside or self.joined(i, j)):
            return None
        run = next((r for r in self.lx.runs if tuple(x.key for x in self.toks[j:j + len(r)]) == r
                    and all(self.joined(q - 1, q) for q in range(j, j + len(r)))), ())
        j += len(run)  # the formula is the title's; its state and place follow
        if run and j >= len(self.toks):
            return None
        n = self.run_at(j, vouched=True, case=case) if _script(self.toks[j].text) == _script(t.text) else 0
        if n:
            return j, n, (mark[0][0] if mark else self.title_start(i), t.e, *mark)
        if not self.lx.head_first:
            return None
        # head-first: the title's modifiers, then the name right after a place or state word
        k, limit = j, MAX_GAP + len(run)
        while k < len(self.toks) and k - i <= limit and (self.joined(k - 1, k) or self.in_parens(k - 1, k)
                                                           or self.listed_complement(j, k)):
            tok = self.toks[k]
            end = self.body_end.get(tok.s) if tok.text[:1].isupper() and not self.anchor(tok) else None
            if end is not None:  # "са потпредседником Кинеског савета за ... трговине Џангом Шаоганом"
                start_k = k
                while k < len(self.toks) and self.toks[k].e <= end:
                    k += 1
                limit += k - start_k
                continue
            joins = (tok.key in self.lx.joiners and k + 1 < len(self.toks) and self.joined(k, k + 1)
                     and not self.toks[k + 1].text[:1].isupper() and not self.toks[k - 1].text[:1].isupper())
            if tok.key in self.lx.posted and k + 1 < len(self.toks) and self.joined(k, k + 1) \
                    and self.anchor(self.toks[k + 1]) and self.toks[k + 1].text[:1].isupper() and k > j:
                k += 1  # "амбасадор Египта у Србији Амир Хасан": where the office is held
                continue
            if (tok.key in self.lx.stop and not joins) or tok.key in self.lx.heads:
                return None  # "информисања и телекомуникација": 'and' inside the title joins, elsewhere it ends it
            if tok.key in self.lx.oblique and k == j:
                k += 1  # "намеснік Міністра сувязі ...": the title word of the office one is deputy of
                continue
            if tok.text[:1].isupper() and not self.anchor(tok) and k + 1 < len(self.toks) \
                    and self.joined(k, k + 1) and self.toks[k + 1].key in self.lx.state:
                k += 1  # "Сацыялістычнай Рэспублікі В'етнам": an adjective of a state's official name
                continue
            if tok.text[:1].isupper() and not self.anchor(tok):
                prev = self.toks[k - 1]
                # after a place or state word ("... Srbije Marko Jovanović"), or after the title's own
                # lower-case complements ("ministar prosvete Petar Nikolić")
                if (self.anchor(prev) or (k > j and not prev.text[:1].isupper())) \
                        and _script(tok.text) == _script(t.text):
                    n = self.run_at(k, vouched=True, case=case)
                    if n:
                        return k, n, (mark[0][0] if mark else self.title_start(i), self.toks[k - 1].e, *mark)
                if not self.place_of_body(k):
                    return None
            k += 1
        return None

    def title_start(self, i: int) -> int:
        """Where a title whose head is token i begins: back over its modifiers ("Oʻzbekiston tashqi
        ishlar vaziri"), stopping at punctuation, a stop word, a date, a person, a place in the
        locative. A capitalized word that is no place or state word starts the name of the body
        ("Сыртқы істер министрі"): before it only places and state words still belong to the title
        ("Қазақстан Республикасының Сыртқы істер министрі"), so "Кездесу Сыртқы істер министрі"
        stops at "Сыртқы"."""
        if self.lx.head_first:
            return self.toks[self.head_first_start(i)].s
        start = self.toks[i].s
        anchors_only = passed_anchor = joined_list = False
        k, reach = i - 1, i - MAX_BACK  # the farthest token back; an office across a dash, a list, reach on
        while k >= 0 and (k >= reach or anchors_only) and (self.joined(k, k + 1) or self.dash(k, k + 1)
                                                                 or (joined_list and self.comma(k, k + 1))
                                                                 or self.paren_link(k)):
            tok = self.toks[k]
            if self.paren_link(k) and tok.text.isupper():
                k, reach = k - 1, reach - 1  # the acronym in brackets: the body's name goes on before it
                continue
            if self.comma(k, k + 1):  # "инвестициялар, саноат ва савдо вазири": a list the joiner ends
                if tok.key in self.lx.stop or tok.covered is not None or not tok.text[:1].isalpha():
                    break
                joined_list, reach = False, reach - 2
            elif not self.joined(k, k + 1) and not self.paren_link(k):
                if tok.key not in self.lx.heads:
                    break
                # "Премьер-министрінің орынбасары – Қаржы министрі": one title of two offices
                anchors_only, start, k, reach = False, tok.s, k - 1, k - MAX_BACK
                continue
            of_body = tok.key in self.lx.heads and self.lx.in_genitive(self.toks[k + 1].text) and k + 1 != i
            if (tok.key in self.lx.heads and self.toks[k + 1].key not in self.lx.deputy and not of_body) \
                    or k in self.names or tok.key in self.name_keys:
                break  # another title's head: "X vaziri va Y vaziri"; a name of a person found before
            if tok.key in self.lx.joiners and k > 0 and self.joined(k - 1, k) and self.toks[k - 1].key not in self.lx.heads \
                    and (not self.toks[k + 1].text[:1].isupper() or self.toks[k + 1].text.isupper()):  # "фан ва АКТ вазири"
                joined_list, reach = True, reach - 2
                k -= 1  # "iqtisodiyot va moliya vaziri": two words of one title joined
                continue
            if tok.key in self.lx.stop or any(s < tok.e and tok.s < e for s, e in self.blocked):
                break
            if tok.text[:1].islower() and len(tok.key) >= 6 and self.lx.stop_endings and tok.covered is None \
                    and tok.key.endswith(self.lx.stop_endings):
                break  # "delegatsiyasiga …", "doirasida …": a word in the dative or locative is no title's
            if tok.covered is not None and (tok.covered.type == "PER" or
                                            (tok.covered.type == "LOC" and self.in_locative(tok))):
                break  # "Астанада ... министрі": where it happened, not part of the title
            is_anchor = self.anchor(tok) or of_body  # "Президент Әкімшілігінің": the body's owner
            if anchors_only and not is_anchor and not self.body_before_anchor(k, start):
                break
            if passed_anchor and not is_anchor and tok.text[:1].isupper() and self.sentence_start(tok):
                break  # "Жиынға Моңғолия вице-премьері": the sentence's first word, not a body before a state
            if not is_anchor and self.sentence_start(tok) and len(tok.key) >= 5 and self.lx.object_endings \
                    and tok.key.endswith(self.lx.object_endings) and tok.covered is None:
                break  # "Ҳужжатни рақамли технологиялар вазири": the sentence's object, before the title
            passed_anchor = passed_anchor or is_anchor
            if tok.text[:1].isupper() and not is_anchor and tok.key not in self.lx.modifiers:
                anchors_only = True  # a title's own capital ("Башкы катчысы") opens no body's name
            start = tok.s
            k -= 1
        return start

    def head_first_start(self, i: int) -> int:
        """The first token of a head-first title whose head is token i: back over the adjectives before
        the head ("першы намеснік") and over a dash to the office written before it, one title of two
        offices ("старшыня Выканаўчага камітэта - выканаўчы сакратар")."""
        k = i
        while k > 0 and self.joined(k - 1, k) and k - 1 not in self.names and self.lx.modifier(self.toks[k - 1].text):
            k -= 1
        if k > 0 and self.joined(k - 1, k) and k - 1 not in self.names and self.toks[k - 1].key in self.lx.deputy:
            k -= 1  # "Муовини Вазири ...": the deputy of the office
        if k > 1 and self.dash(k - 1, k):
            h = k - 1
            while h >= 0 and k - 1 - h <= MAX_GAP and self.title_word(h):
                if self.toks[h].key in self.lx.heads and (h == 0 or not self.joined(h - 1, h)
                                                          or self.toks[h - 1].key not in self.lx.heads):
                    return self.head_first_start(h)
                if h == 0 or not self.joined(h - 1, h):
                    break
                h -= 1
        return k

    def title_word(self, h: int) -> bool:
        """Token h may be a word of a title: no stop word, date or person."""
        tok = self.toks[h]
        return tok.key not in self.lx.stop and h not in self.names and not (tok.covered and tok.covered.type == "PER") \
            and not any(s < tok.e and tok.s < e for s, e in self.blocked)

    def listed_title(self, start: int):
        """A head-first title written before another one with a comma, both the same person's ("Ноиби
        Сарвазир, Вазири корҳои хориҷии ... Name"): (start, end) of the first, or None."""
        if not self.lx.head_first:
            return None
        k = next((q for q, t in enumerate(self.toks) if t.s == start), None)
        if not k or self.text[self.toks[k - 1].e:self.toks[k].s].strip() != ",":
            return None
        first = None
        h = k - 1
        while h >= 0 and k - 1 - h < 3 and self.title_word(h):
            tok = self.toks[h]
            if tok.key in self.lx.heads:
                first = h
            elif tok.text[:1].isupper() and not self.anchor(tok):
                break
            if h == 0 or not self.joined(h - 1, h):
                break
            h -= 1
        return (self.toks[first].s, self.toks[k - 1].e) if first is not None else None

    def dash(self, a: int, b: int) -> bool:
        """A dash with spaces between tokens a and b (adjacent)."""
        return self.text[self.toks[a].e:self.toks[b].s].strip() in ("–", "—", "-")

    def place_of_body(self, k: int) -> bool:
        """Token k is a capitalized word inside a head-first title that reads on to a body and its
        state: "сакратар парткома правінцыі Цзянсу Камуністычнай партыі Кітая Name" — a capital the
        gazetteer does not know, followed within the title by a lower-case word and then a place."""
        q = k + 1
        while q < len(self.toks) and q - k <= 3 and self.joined(q - 1, q):
            if self.anchor(self.toks[q]):
                return q > k + 1 and any(self.toks[r].text[:1].islower() for r in range(k + 1, q))
            if self.toks[q].key in self.lx.stop or self.toks[q].key in self.lx.heads:
                return False
            q += 1
        return False

    def listed_complement(self, j: int, k: int) -> bool:
        """A comma between two lower-case words of a head-first title's complement: "міністр
        цыфравага развіцця, сувязі і масавых камунікацый ..."."""
        return k > j and self.comma(k - 1, k) and self.toks[k - 1].text[:1].islower() \
            and self.toks[k].text[:1].islower() and self.toks[k].key not in self.lx.stop

    def comma(self, a: int, b: int) -> bool:
        return self.text[self.toks[a].e:self.toks[b].s].strip() == ","

    def body_before_anchor(self, k: int, start: int) -> bool:
        """Token k is a capitalized word of a body's name that started at `start` and runs back to
        a place or state word ("Кыргыз Республикасынын Министрлер Кабинетинин Төрагасы")."""
        if not self.toks[k].text[:1].isupper() or self.toks[k + 1].s != start or not self.toks[k + 1].text[:1].isupper():
            return False
        m = k
        while m >= 0 and self.toks[m].text[:1].isupper() and not self.anchor(self.toks[m]) and self.joined(m, m + 1):
            if m in self.names or self.toks[m].key in self.lx.heads:
                return False  # a person's name or a title word ("Президенті Қасым-Жомарт Тоқаев Ақордада ...")
            m -= 1
        return m >= 0 and self.joined(m, m + 1) and self.anchor(self.toks[m]) and not self.sentence_start(self.toks[m + 1])

    def sentence_start(self, tok: _Tok) -> bool:
        before = self.text[:tok.s].rstrip(" \t")
        return not before or before[-1] in ".!?\n:;»\"“”"

    def in_locative(self, tok: _Tok) -> bool:
        ent = self.by_id.get(tok.covered.entity) if tok.covered.entity else None
        base = normalize_key(ent.name) if ent else ""
        return tok.key != base and bool(self.lx.locative) and tok.key.endswith(self.lx.locative)

    def title_after_name(self, j: int, n: int):
        """'Name, title': the title that follows a comma after the name."""
        end = j + n - 1
        nxt = end + 1
        if nxt >= len(self.toks):
            return None
        gap = self.text[self.toks[end].e:self.toks[nxt].s]
        if gap.strip() != ",":
            return None
        if self.lx.head_first:
            for k in range(nxt, min(nxt + 2, len(self.toks))):
                if k > nxt and not self.joined(k - 1, k):
                    return None
                if self.toks[k].key in self.lx.heads:
                    last = k
                    while last + 1 < len(self.toks) and last + 1 - k < 8 and self.joined(last, last + 1) \
                            and self.toks[last + 1].key not in self.lx.stop \
                            and not (self.toks[last + 1].text[:1].isupper() and self.run_at(last + 1)):
                        last += 1
                    return self.toks[nxt].s, self.toks[last].e
            return None
        for k in range(nxt, min(nxt + MAX_BACK + 1, len(self.toks))):
            if k > nxt and not self.joined(k - 1, k):
                return None
            if self.toks[k].key in self.lx.stop:
                return None
            if self.toks[k].key in self.lx.heads:
                return self.toks[nxt].s, self.toks[k].e
        return None


# --------------------------------------------------------------------------------------------
# Entities, mentions, roles
# --------------------------------------------------------------------------------------------

_TRAILING_ACRONYM = re.compile(r"\s*\([^()]*\)?$")
_ASIDE = re.compile(r"[ \t]*\([^()\n]{1,30}\)[ \t]+(?=\w)")
_INNER_ACRONYM = re.compile(r"\s*\(([^\W\d_]{2,8})\)(?=\s)")


_JOT = re.compile(r"([иi])[јj](?=\s|$)")  # a Serbian instrumental's "-ијем" taken back leaves a "ј"


def _record(text, sents, found, mentions: list[Mention], entities: list[Entity]):
    by_id = {e.id: e for e in entities}
    persons: dict[str, Entity] = {}
    out: list[Mention] = []
    for s, e, name, (ts, te, *head) in sorted(found):
        key = _JOT.sub(r"\1", normalize_key(name))  # "Ван Шенглијем" -> "Ван Шенглиј" is "Ван Шенгли"
        ent = persons.get(key)
        if ent is None:
            ent = Entity(id=f"p{len(persons) + 1}", type="PER", name=name, kind="person")
            persons[key] = ent
        elif name != ent.name and text[s:e] == name:  # the name as written, in the nominative
            ent.aliases.append(ent.name) if ent.name not in ent.aliases else None
            ent.name = name
        surface = text[s:e]
        if surface != ent.name and surface not in ent.aliases:
            ent.aliases.append(surface)
        if not out or (out[-1].start, out[-1].end) != (s, e):  # one name with two titles: one mention
            out.append(Mention(s, e, "PER", surface, ent.id))
        title = " ".join(text[ts:te].split()).strip(" ,")
        if head and head[0][0] == ts:  # the oblique head written in the nominative
            title = " ".join((head[0][2] + text[head[0][1]:te]).split()).strip(" ,")
        title = _TRAILING_ACRONYM.sub("", title)  # "... трговине (CCPIT" before the name
        title = _INNER_ACRONYM.sub(lambda m: "" if m.group(1).isupper() else m.group(), title)  # "уюмунун (DCO)
        # Башкы катчысы": the body's acronym aside
        low = title.casefold()  # "Ministar spoljnih poslova" of "ministar spoljnih poslova Republike Srbije": one role
        if not title or any(r.title.casefold() == low or r.title.casefold().startswith(low + " ") for r in ent.roles) \
                or HAN.fullmatch(title) and any(r.title.endswith(title) for r in ent.roles):  # "国务院总理", "总理"
            continue
        ent.roles = [r for r in ent.roles if not low.startswith(r.title.casefold() + " ")]
        role = Role(title=title, evidence=_evidence(text, sents, min(s, ts)))
        for m in mentions:  # the state and the organization named inside the title
            g = by_id.get(m.entity) if m.entity else None
            if g is None or not (ts <= m.start and m.end <= te):
                continue
            if g.type == "ORG" and role.organization is None:
                role.organization = g.id
            elif g.type == "LOC" and g.kind == "country" and role.country is None:
                role.country = g.iso
        ent.roles.append(role)
    _repeat_mentions(text, out, persons, mentions)
    return sorted(out, key=lambda m: m.start), list(persons.values())


def _repeat_mentions(text: str, out: list[Mention], persons: dict[str, Entity], mentions: list[Mention]) -> None:
    """Every other place the same full name, or its surname alone, is written (its case ending
    aside) is the same person."""
    taken = [(m.start, m.end) for m in out + mentions]
    for ent in persons.values():
        words = ent.name.split()
        if len(words) < 2:  # a Chinese name, written again whole ("据悉，雷仁科夫于 ...")
            for m in re.finditer(re.escape(ent.name), text) if HAN.fullmatch(ent.name) else ():
                if all(m.end() <= a or m.start() >= b for a, b in taken):
                    out.append(Mention(m.start(), m.end(), "PER", m.group(), ent.id))
                    taken.append((m.start(), m.end()))
            continue
        head = r"\s+".join(re.escape(w) for w in words[:-1])
        rx = re.compile(rf"(?<!\w){head}\s+{re.escape(words[-1])}\w{{0,6}}(?!\w)")
        for m in rx.finditer(text):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                out.append(Mention(m.start(), m.end(), "PER", m.group(), ent.id))
                taken.append((m.start(), m.end()))
    # the surname alone ("Ministar Perić je ...", "Петровић се састала"), its case ending aside,
    # where no other person found has the same surname
    last = {}
    for ent in persons.values():
        words = ent.name.split()
        if len(words) >= 2 and len(words[-1]) >= 4 and words[-1][:1].isupper():
            last.setdefault(words[-1], []).append(ent)
    for surname, ents in last.items():
        if len(ents) != 1:
            continue
        rx = re.compile(rf"(?<![\w-]){re.escape(surname)}\w{{0,6}}(?![\w-])")
        for m in rx.finditer(text):
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                out.append(Mention(m.start(), m.end(), "PER", m.group(), ents[0].id))
                taken.append((m.start(), m.end()))
