"""Chinese persons for regional_persons: a title from titles_regional.json's 'zh' entry ("外交部长"), then
a name of a surname and one or two characters ("王毅"), a foreign name with its dot ("伊万·彼得罗夫") or
of transliteration's characters only ("普京"); or the name before the title ("托卡耶夫总统"). Where the
title begins: back over its body, its state and an office held with it (`zh_title_start`)."""

from __future__ import annotations

import re

from ..model import Entity, Mention
from .resources import load_json

__all__ = ["HAN", "zh_persons"]


_ZH = load_json("titles_regional.json")["zh"]
_ZH_TITLES = re.compile("|".join(re.escape(t) for t in sorted(_ZH["titles"], key=len, reverse=True)))
_ZH_SURNAMES = sorted(_ZH["surnames"], key=len, reverse=True)
_ZH_AFTER = tuple(_ZH["after"])
_ZH_BEFORE = tuple(_ZH["before"])
_ZH_TRANSLIT = tuple(_ZH.get("translit_endings", []))
HAN = re.compile(r"[\u4e00-\u9fff]+")
# function characters that end no two-character given name: after one, the name is the shorter
_ZH_FUNCTION = frozenset("将在于也还就对向与等的赴同和及")


_ZH_SOUNDS = frozenset(_ZH.get("translit_chars", ""))
_ZH_LEADING = frozenset("应由据经")
_ZH_QUALIFIER = 6  # characters of a field between a body and its title: "欧亚经济委员会" "贸易" "委员"


def zh_title_start(text: str, ts: int, titles, mentions: list[Mention], bodies) -> int:
    """Where a Chinese title begins: back over the body it names ("外交部发言人"), a field written
    between the body and the title ("欧亚经济委员会贸易委员"), the state ("白俄罗斯外长") or an
    international body ("上合组织秘书长"), "驻" and the sending state ("中国驻哈萨克斯坦大使"), and
    an office held together with it ("副总理兼外长")."""
    ends = {b: a for a, b in bodies}
    ends.update({m.end: m.start for m in mentions if m.type in ("LOC", "ORG")})
    k = ts
    if k - 1 > 0 and text[k - 1] == "兼":
        prev = next(((a, b) for a, b in titles if b == k - 1), None)
        if prev is not None:
            return zh_title_start(text, prev[0], titles, mentions, bodies)
    if k not in ends:  # a field between a body and its title, of no function character
        for q in range(1, _ZH_QUALIFIER + 1):
            if k - q in ends and HAN.fullmatch(text[k - q:k]) and not any(c in _ZH_FUNCTION for c in text[k - q:k]) \
                    and not any(a < k and b > k - q for a, b in titles):
                k -= q
                break
    for _ in range(2):  # the body, then the state or body before it: "中国外交部发言人"
        if k not in ends or ends[k] >= k:
            break
        k = ends[k]
        if k >= 1 and text[k - 1] == "驻":  # "驻白俄罗斯大使", "中国驻白俄罗斯大使"
            k = ends[k - 1] if ends.get(k - 1, k) < k - 1 else k - 1
    while k < ts and text[k] in _ZH_LEADING:  # "应...总统...邀请": the invitation's word is no title's
        k += 1
    return k


_ZH_FOREIGN = re.compile(r"[\u4e00-\u9fff]{1,8}·")  # the given name of "伊万·彼得罗夫"


def zh_persons(text: str, mentions: list[Mention], entities: list[Entity], bodies=()):
    gaz = [(m.start, m.end) for m in mentions]
    titles = [(m.start(), m.end()) for m in _ZH_TITLES.finditer(text)
              if not text.startswith("会", m.end())]  # "委员会" is a committee, not a member

    def free(s: int, e: int) -> bool:
        return HAN.fullmatch(text[s:e]) is not None and all(e <= a or s >= b for a, b in gaz) \
            and all(e <= a or s >= b for a, b in titles)

    def ends_clear(e: int) -> bool:
        # a day number may follow ("王毅18日在北京"): a name never holds a digit
        return e >= len(text) or text.startswith(_ZH_AFTER, e) or any(a == e for a, _ in titles) \
            or text[e].isdigit()

    def starts_clear(s: int) -> bool:
        return s == 0 or text[:s].endswith(_ZH_BEFORE)

    out = []
    taken: list[tuple[int, int]] = []
    for ts, te in titles:
        # title, then the name
        fits = []
        for sur in _ZH_SURNAMES:
            if text.startswith(sur, te):
                for g in (1, 2):
                    e = te + len(sur) + g
                    if e <= len(text) and free(te, e) and ends_clear(e) \
                            and not (g == 2 and text[e - 1] in _ZH_FUNCTION):  # "李强将于": 将 is no name
                        fits.append((te, e))
        ts = zh_title_start(text, ts, titles, mentions, bodies)
        foreign = _ZH_FOREIGN.match(text, te)
        if not fits and foreign:
            e = next((foreign.end() + n for n in range(1, 11) if HAN.fullmatch(text[foreign.end():foreign.end() + n])
                      and ends_clear(foreign.end() + n)), None)
            if e is not None:
                fits = [(te, e)]
        if not fits and _ZH_TRANSLIT:  # "外长雷仁科夫": a transliterated surname without the dot
            fits = [(te, te + n) for n in range(3, 9) if free(te, te + n) and text[te] not in _ZH_FUNCTION and text[te:te + n].endswith(_ZH_TRANSLIT)
                    and ends_clear(te + n)][:1]
        if not fits:  # "总统普京": a short foreign name, every character one of transliteration
            fits = [(te, te + n) for n in range(2, 7) if free(te, te + n) and all(c in _ZH_SOUNDS for c in text[te:te + n])
                    and ends_clear(te + n)][:1]
        if len(set(fits)) == 1:
            out.append((fits[0][0], fits[0][1], text[fits[0][0]:fits[0][1]], (ts, te)))
            taken.append(fits[0])
            # titles listed before it with "、" are the same person's: "中共中央政治局委员、外交部长王毅"
            k = ts
            while k > 0 and text[k - 1] == "、":
                prev = next(((a, b) for a, b in titles if b == k - 1), None)
                if prev is None or "各" in text[max(0, prev[0] - 6):prev[1]]:
                    break  # "各成员国数字部长、秘书长X": the ministers of each member, a group
                a = next((x for x, y in bodies if x < prev[0] < y <= prev[1]), None)  # "中共中央政治局" + "委员"
                a = zh_title_start(text, prev[0], titles, mentions, bodies) if a is None else a  # "政治局常委"
                out.append((fits[0][0], fits[0][1], text[fits[0][0]:fits[0][1]], (a, prev[1])))
                k = a
            continue
        # the name, then the title
        fits = []
        for size in (2, 3, 4):
            s = ts - size
            if s < 0 or not free(s, ts) or not starts_clear(s):
                continue
            for sur in _ZH_SURNAMES:
                if text.startswith(sur, s) and 1 <= size - len(sur) <= 2 and text[ts - 1] not in _ZH_FUNCTION:
                    fits.append((s, ts))
        if not fits:  # "托卡耶夫总统": a foreign name of transliteration's characters only
            fits = [(s, ts) for s in range(max(0, ts - 6), ts - 1) if free(s, ts) and starts_clear(s)
                    and all(c in _ZH_SOUNDS for c in text[s:ts])]
        if len(set(fits)) == 1 and all(fits[0][1] <= a or fits[0][0] >= b for a, b in taken):
            out.append((fits[0][0], fits[0][1], text[fits[0][0]:fits[0][1]], (ts, te)))
            taken.append(fits[0])
    return out
