"""The outlet that publishes a text is no organization of its story: a step after the entities
(extract/steps.py) drops the bodies that only name the page's own site."""

from __future__ import annotations

import re

from ..model import Mention
from .entities import EntityTable


def without_outlet(table: EntityTable, mentions: list[Mention], url: str | None) -> None:
    """The outlet that publishes the text is no organization of its story: its dateline, byline and
    'сообщили Trend в госструктуре' name the page's own site ('Trend' on trend.az, 'ТАСС' on tass.ru,
    'ИА El.kz' on el.kz). A known body on its own site (OSCE on osce.org) is one of the story."""
    keys = _outlet_keys(url)
    if not keys:
        return
    from ..link.translit import to_latin

    gone = set()
    for e in table.entities:
        if e.type != "ORG" or e.gazetteer_id:
            continue
        words = [w for w in re.findall(r"\w+", e.name) if w.casefold() not in _OUTLET_WORDS]
        if re.sub(r"[^a-z0-9]", "", to_latin("".join(words)).casefold()) in keys:
            gone.add(e.id)
    table.forget(gone, mentions)


def _outlet_keys(url: str | None) -> set[str]:
    """'https://www.trend.az/...' → {'trend', 'trendaz'}: the site's name and its whole host."""
    m = re.match(r"\w+://([^/:?#]+)", url or "")
    if not m:
        return set()
    labels = [lb for lb in m.group(1).casefold().split(".") if lb not in ("www", "m", "amp")]
    if len(labels) < 2:
        return set()
    keys = {re.sub(r"[^a-z0-9]", "", lb) for lb in labels[:-1]} - _HOST_WORDS
    return {k for k in keys if len(k) > 2} | {re.sub(r"[^a-z0-9]", "", "".join(labels))}


# what a name of an outlet may have around the site's name: "ИА El.kz", "Fjordpost News Agency"
_OUTLET_WORDS = frozenset({"иа", "ниат", "информационное", "информационного", "агентство", "информагентство",
                           "новостное", "издание", "газета", "портал", "телеканал", "the", "news", "agency",
                           "newspaper", "daily", "online", "portal"})
_HOST_WORDS = frozenset({"gov", "com", "org", "net", "edu", "int", "news", "www2"})
