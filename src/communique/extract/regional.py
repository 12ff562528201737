"""The region's other languages (Kazakh, Uzbek in both scripts, Kyrgyz, Tajik, Belarusian, Serbian,
Chinese): no NER model of their own ships here, so only what is reliable runs — the publication
date where a dateline gives it, and places and international organizations from the multilingual
gazetteers, matched by surface form with the case suffixes agglutinative languages add
("Toshkentda", "Астанада", "Қазақстанның"). The Record lists the steps that ran and those skipped.
"""

from __future__ import annotations

import functools
import re

from ..model import Document, Entity, Mention, Record
from .gazetteer import Gazetteer, normalize_key

STEPS = ["language", "published", "gazetteer-places", "gazetteer-organizations"]
SKIPPED = ["ner", "roles", "dates", "events", "agreements", "topics"]
MAX_SUFFIX = 6  # letters a case ending may add to a name in Turkic languages
_TOKEN = re.compile(r"[^\W\d_][\w'ʻʼ’‘-]*", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _index(lang: str) -> dict[str, list[tuple[list[str], str, dict]]]:
    """First word of every gazetteer name in `lang` → (all its words, kind, entry), longest first."""
    gaz = Gazetteer.load()
    out: dict[str, list[tuple[list[str], str, dict]]] = {}
    keys = [(k, kind, e) for k, kind, e in gaz.iter_place_keys(lang)]
    keys += [(k, "organization", e) for k, _, e in gaz.iter_organization_keys(lang)]
    keys += [(a, "organization", e) for e in gaz.organizations for a in (e.get("acronyms", {}).get("en") or [])]
    for surface, kind, entry in keys:
        words = [normalize_key(w) for w in _TOKEN.findall(surface)]
        if words:
            out.setdefault(words[0][:4], []).append((words, kind, entry))
    for cands in out.values():
        cands.sort(key=lambda c: -sum(len(w) for w in c[0]))
    return out


def _word_matches(token: str, word: str, last: bool, agglutinative: bool) -> bool:
    if token == word:
        return True
    return last and agglutinative and len(word) >= 4 and token.startswith(word) and len(token) - len(word) <= MAX_SUFFIX


class RegionalPipeline:
    def __init__(self, language: str):
        self.language = language
        self.agglutinative = language in {"kk", "uz", "ky", "tg", "tk", "az"}

    def __call__(self, doc: Document) -> Record:
        from .pipeline import _extractor, _published_from_text, _with

        published = doc.published or _published_from_text(doc.text, "ru")
        mentions, entities = self._gazetteer(doc.text)
        return Record(document=_with(doc, published=published, language=self.language),
                      extractor=_extractor(self.language, STEPS, SKIPPED), mentions=mentions, entities=entities)

    def _gazetteer(self, text: str) -> tuple[list[Mention], list[Entity]]:
        gaz = Gazetteer.load()
        index = _index(self.language)
        tokens = [(m.start(), m.end(), normalize_key(m.group())) for m in _TOKEN.finditer(text)]
        mentions: list[Mention] = []
        entities: dict[str, Entity] = {}
        i = 0
        while i < len(tokens):
            start, _, tok = tokens[i]
            hit = None
            if text[start].isupper():
                for words, kind, entry in index.get(tok[:4], []):
                    n = len(words)
                    if i + n <= len(tokens) and all(
                            _word_matches(tokens[i + k][2], w, k == n - 1, self.agglutinative)
                            for k, w in enumerate(words)):
                        hit = (n, kind, entry)
                        break
            if hit is None:
                i += 1
                continue
            n, kind, entry = hit
            end = tokens[i + n - 1][1]
            if kind == "organization":
                names = entry.get("name", {})
                name = names.get(self.language) or names.get("en") or next(iter(names.values()))
                key, type_, iso = f"org:{entry.get('id')}", "ORG", None
            else:
                name = gaz.place_name(entry, self.language)
                iso = entry.get("iso2") if kind == "country" else entry.get("country")
                key, type_ = f"{kind}:{name}", "LOC"
            ent = entities.get(key)
            if ent is None:
                prefix = "o" if type_ == "ORG" else "l"
                ent = Entity(id=f"{prefix}{len(entities) + 1}", type=type_, name=name, kind=kind, iso=iso,
                             gazetteer_id=entry.get("id"))
                entities[key] = ent
            mentions.append(Mention(start, end, type_, text[start:end], ent.id))
            i += n
        return mentions, list(entities.values())
