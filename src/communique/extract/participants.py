"""Who takes part in an event: the last pass over the participants every language's step has chosen.

The steps take the names of an event's sentence; this pass drops the names that are there for another
reason, in any language:

* an organization named only inside a person's title ("Secretary-General of the United Nations
  António Guterres", "Котиби генералии Созмони Милали Муттаҳид ..."): his employer, not a party;
* an organization whose name lies inside the name of another participant ("Совет министров иностранных
  дел СНГ" with "СНГ", "Council of the ITU" with "ITU"): the body meets, its parent is only named;
* in a visit, who invites or receives the visitor ("X invited Y to visit", "at the invitation of X",
  "Y, который находится в России с визитом"): only the visitor travels.
"""

from __future__ import annotations

import re

from ..model import Agreement, Entity, Event, Mention, Participant

_TOKEN = re.compile(r"\w+", re.UNICODE)
# the stem of a word of inviting, in the languages the pipelines read
_INVITE = re.compile(r"(?i)\b(?:пригла|приглаш|invit|pozva|poziv|позва|позив|запрос|запраш|запрош|шақыр|чақыр|"
                     r"чакыр|taklif|даъват|davet|dəvət)\w*|邀请|邀請")
# "at the invitation of X", "по приглашению X": the inviter follows the word
_INVITE_OF = re.compile(r"(?i)(?:\b(?:по|at|on|upon|на|po|у)\s+(?:the\s+)?)$")
# "Y, который находится ... с визитом": the visitor is the one the relative clause is about
_WHO = re.compile(r"(?i)^\s*[,–—-]?\s*(?:который|которая|которые|які|якая|якія|який|яка|који|која|koji|koja|who)\b")
_TITLE_GAP = 4  # characters between a title and the name it goes with (", ", " – ")
_BETWEEN = re.compile(r"(?i)\b(?:между|с|со|with|between|паміж|між|ўртасида|арасында|ортосунда|байни|između|између)\b")
# "...,” said X", "..., паведаміў сёння журналістам X": who tells of the event after it is told
_SAID = re.compile(r"(?i)[,\"”»]\s*(?:said|says|told|noted|stressed|reported|announced|added|explained|"
                   r"сказал|сообщил|заявил|отметил|подчеркнул|рассказал|пояснил|добавил|"
                   r"паведаміў|паведаміла|сказаў|заявіў|адзначыў|падкрэсліў|расказаў|"
                   r"повідомив|сказав|заявив|зазначив|наголосив|"
                   r"rekao|izjavio|naveo|istakao|saopštio|рекао|изјавио|навео|истакао|саопштио)\w{0,2}\b")
_WITH_BEFORE = re.compile(r"(?i)(?:^|\s)(?:с|со|with|sa|са|з|із|бо)\s+$")
_WITH_AFTER = re.compile(r"(?i)\s*(?:менен|мен|бен|пен|билан|bilan)\b")
_BRACKETED_END = re.compile(r"\s*\([^()]{1,20}\)[\s,]*$")
_BRACKETED = re.compile(r"\s*\([^()]{1,20}\)")
_GAP = " ,–—-、\u00a0"
# the head word of a council of a body's members ("Совет министров иностранных дел СНГ", "Council of
# Heads of State of the SCO", "ТМД ... кеңесі"): when it meets, the body it belongs to is only named
_COUNCIL = re.compile(r"(?i)^(?:совет|council|кеңес|кеңеш|савет|savet|кенгаш|kengash|шўро|шӯро|шура|рада|"
                      r"кеңесі|кеңеши)")
_GATHERING = {"MEETING", "SESSION", "FORUM", "CALL"}


def _stem_equal(a: str, b: str) -> bool:
    if a == b:
        return True
    k = 0
    n = min(len(a), len(b))
    while k < n and a[k] == b[k]:
        k += 1
    return k >= 4 and k >= n - 3  # "союза" / "союз", "организации" / "организация"


def _words(name: str) -> list[str]:
    return [w.casefold() for w in _TOKEN.findall(name)]


def _contains(long_: str, short: str) -> bool:
    """Whether the words of `short` run inside `long_`, allowing for case endings."""
    lw, sw = _words(long_), _words(short)
    if not sw or len(sw) >= len(lw):
        return False
    return any(all(_stem_equal(a, b) for a, b in zip(sw, lw[i:i + len(sw)], strict=True)) for i in range(len(lw) - len(sw) + 1))


def _names(ent: Entity) -> list[str]:
    return [ent.name, *ent.aliases]


def _title_at(text: str, low: str, title: str, at: int, before: bool) -> tuple[int, int] | None:
    """The title as the text writes it, ending where a name begins (`before`) or beginning where it ends,
    word by word with case endings allowed ("sekretarom Ujedinjenih nacija" for "sekretar ...")."""
    if before:
        i = low.rfind(title, max(0, at - len(title) - _TITLE_GAP - 24), at)
        if i >= 0 and not _BRACKETED.sub("", low[i + len(title):at]).strip(_GAP):
            return i, i + len(title)
    else:
        j = low.find(title, at, at + _TITLE_GAP + len(title))
        if j >= 0 and not low[at:j].strip(_GAP + "("):
            return j, j + len(title)
    words = _words(title)
    if not words:
        return None
    reach = len(title) + 4 * len(words) + _TITLE_GAP
    if before:
        tail = _BRACKETED_END.search(low, max(0, at - 30), at)
        at = tail.start() if tail else at  # "... трговине (CCPIT) Џангом": the title ends before the bracket
        found = list(_TOKEN.finditer(low, max(0, at - reach), at))[-len(words):]
        gap = low[found[-1].end():at] if found else "x"
    else:
        found = list(_TOKEN.finditer(low, at, at + reach))[:len(words)]
        gap = low[at:found[0].start()] if found else "x"
    gap = _BRACKETED.sub("", gap)  # "потпредседником Кинеског савета ... (CCPIT) Џангом"
    if len(found) == len(words) and not gap.strip(_GAP + "(") \
            and all(_stem_equal(w, f.group()) for w, f in zip(words, found, strict=True)):
        return found[0].start(), found[-1].end()
    return None


def _title_spans(text: str, persons: list[Mention], by_id: dict[str, Entity]) -> list[tuple[int, int]]:
    """Where a person's title, as the text writes it, stands right before or after his name; titles in a
    row before one name ("中共中央政治局委员、国务院副总理刘鹤") each count."""
    low = text.casefold()
    spans: list[tuple[int, int]] = []
    for m in persons:
        ent = by_id.get(m.entity)
        titles = [r.title.casefold() for r in (ent.roles if ent is not None else []) if len(r.title) >= 3]
        for title in titles:
            after = _title_at(text, low, title, m.end, before=False)
            if after is not None:
                spans.append(after)
        at, grew = m.start, True
        while grew:
            grew = False
            for title in titles:
                span = _title_at(text, low, title, at, before=True)
                if span is not None and span not in spans:
                    spans.append(span)
                    at, grew = span[0], True
    return spans


def _written(text: str, title: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a document's title stands in its sentence; its first words may be put in the nominative
    ("Дорожная карта" for "Дорожную карту"), so its tail is looked for too."""
    low = text.casefold()
    words = title.casefold().split()
    for k in range(min(3, len(words) - 1) + 1):
        tail = " ".join(words[k:])
        i = low.find(tail, start, end)
        if i >= 0 and (k == 0 or len(words) - k >= 2):
            return i, i + len(tail)
    return None


def prune_participants(text: str, mentions: list[Mention], entities: list[Entity], events: list[Event],
                       role_spans: list[tuple[int, int]] = (), agreements: list[Agreement] = ()) -> None:
    """`agreements`: the documents found; a body named only inside a document's title ("Заявление СМИД
    СНГ о ...", "Договор о Евразийском экономическом союзе") is what the document is about, and who
    signs it the sentence names elsewhere; the bodies after 'между' are its parties and stay. (The Russian
    step passes them; on the English and regional sets the same pass lost more than it won.)"""
    by_id = {e.id: e for e in entities}
    named = [m for m in mentions if m.entity]
    titles = [*role_spans, *_title_spans(text, [m for m in named if m.type == "PER"], by_id)]
    # "Премьера Государственного Совета КНР Ли Кэцяна": a body right before a name, with nothing between,
    # ends the title the name carries
    starts = {m.start for m in named if m.type == "PER"}
    titles += [(m.start, m.end) for m in named if m.type == "ORG"
               and any(0 < p - m.end <= 2 and not text[m.end:p].strip() for p in starts)]
    documents = []
    for a in agreements:
        span = _written(text, a.title or "", a.evidence.start, a.evidence.end)
        if span is not None:
            # the bodies it is between are its parties: "Меморандум ... между Министерством A и B"
            between = _BETWEEN.search(text, span[0], span[1])
            if between:
                documents.append((span[0], between.start()))
            else:  # with the acronym in brackets after its last words: "... союза (ЕАЭС)"
                acronym = _BRACKETED.match(text, span[1])
                documents.append((span[0], acronym.end() if acronym else span[1]))
    for ev in events:
        s, e = ev.evidence.start, ev.evidence.end
        ms = [m for m in named if s <= m.start < e]
        persons = [m for m in ms if m.type == "PER"]
        drop: set[str] = set()
        bare = _bare_titles(text, ev, named, titles, entities) if ev.type not in ("FOUNDING", "ACCESSION") else []
        orgs = [p.entity for p in ev.participants if (by_id.get(p.entity) or Entity("", "", "")).type == "ORG"]
        for o in orgs:
            # its mentions in the event's sentence, or in the text when another sentence added it; a title
            # may hold part of a name ("Президент Әкімшілігінің басшысы" of "Президент Әкімшілігі")
            own = [m for m in ms if m.entity == o] or [m for m in named if m.entity == o]
            if own and all(any(a < m.end and m.start < b for a, b in [*titles, *bare])
                           or any(a <= m.start and m.end <= b for a, b in documents) for m in own):
                drop.add(o)  # named only inside a person's title (his employer) or a document's
        if ev.type in _GATHERING:
            for o in orgs:
                if any(o2 != o and o2 not in drop and any(_COUNCIL.match(w) for w in _words(by_id[o2].name))
                       and (any(_contains(big, small) for big in _names(by_id[o2]) for small in _names(by_id[o]))
                            or _follows(text, ms, o2, o))
                       for o2 in orgs):
                    drop.add(o)  # "Совет министров иностранных дел СНГ" meets; "СНГ" is only its parent
        drop |= _bodies_of_others(text, ev, events, ms, set(orgs))
        if ev.type == "VISIT":
            drop |= _hosts(text, ev, persons, titles)
        drop |= _tellers(text, ev, persons)
        if drop:
            ev.participants = [p for p in ev.participants if p.entity not in drop]


def _trigger_at(text: str, ev: Event) -> tuple[int, int] | None:
    i = text.find(ev.trigger, ev.evidence.start, ev.evidence.end) if ev.trigger else -1
    return (i, i + len(ev.trigger)) if i >= 0 else None


def _attached(text: str, m: Mention, span: tuple[int, int]) -> bool:
    """A body's name right before an event's noun ('... Кеңешинин 11-жыйынына') or right after it
    ('заседание Совета ...'): that event's own body."""
    a, b = span
    if 0 <= a - m.end <= 12 and re.fullmatch(r"[\w-]*\s+(?:\d+-?\w*\s+)?", text[m.end:a]):
        return True
    return 0 <= m.start - b <= 2


def _bodies_of_others(text: str, ev: Event, events: list[Event], ms: list[Mention], orgs: set[str]) -> set[str]:
    """With two events in one sentence, a body named as the other event's own is not this one's."""
    mine = _trigger_at(text, ev)
    others = [_trigger_at(text, o) for o in events if o is not ev and o.evidence.start == ev.evidence.start]
    others = [t for t in others if t is not None and t != mine]
    if mine is None or not others:
        return set()
    out = set()
    for o in orgs:
        own = [m for m in ms if m.entity == o]
        if own and all(any(_attached(text, m, t) for t in others) and not _attached(text, m, mine) for m in own):
            out.add(o)
    return out


def _follows(text: str, ms: list[Mention], body: str, parent: str) -> bool:
    """'Электроэнергетический совет (ЭЭС) СНГ': the parent named right after the body's own name."""
    ends = [m.end for m in ms if m.entity == body]
    return any(m.entity == parent and any(0 <= m.start - e <= 30 and not low_gap(text, e, m.start) for e in ends)
               for m in ms)


def low_gap(text: str, a: int, b: int) -> bool:
    """Whether more than gap characters stand between a and b."""
    return bool(_BRACKETED.sub("", text[a:b]).strip(_GAP))


def _hosts(text: str, ev: Event, persons: list[Mention], titles: list[tuple[int, int]]) -> set[str]:
    """Who invites or receives the visitor, named in the visit's own sentence."""
    taking = {p.entity for p in ev.participants}
    persons = [m for m in persons if m.entity in taking]
    if not persons:
        return set()
    s, e = ev.evidence.start, ev.evidence.end
    trig = text.find(ev.trigger, s, e) if ev.trigger else -1
    if trig >= 0:
        # "Y, который находится в России с визитом": the visitor is the name the clause hangs on
        for m in persons:
            if m.end <= trig and _WHO.match(text[m.end:trig]) and not any(
                    o.end <= trig and o.start > m.end for o in persons):
                return {o.entity for o in persons if o.entity != m.entity}
    # "X ... Y менен жолугушту", "X met with Y": whom the visitor meets receives him
    met = set()
    for m in persons:
        lead = min((a for a, b in titles if b <= m.start and not low_gap(text, b, m.start)), default=m.start)
        if _WITH_BEFORE.search(text[max(s, lead - 6):lead]) or _WITH_AFTER.match(text, m.end):
            met.add(m.entity)
    if met and {m.entity for m in persons} - met:
        return met
    inv = _INVITE.search(text, s, e)
    if inv is None:
        return set()
    if _INVITE_OF.search(text[max(s, inv.start() - 12):inv.start()]):
        after = [m for m in persons if m.start >= inv.end()]
        return {after[0].entity} if after else set()  # "at the invitation of President X"
    before = [m for m in persons if m.end <= inv.start()]
    # "X invited Y to visit", "X пригласил Y посетить", "X подтвердил приглашение посетить": X stays at home
    return {before[0].entity} if before else set()


def _tellers(text: str, ev: Event, persons: list[Mention]) -> set[str]:
    """'"We will sign a protocol," said X': X tells of the event told before him (and takes part only
    where another sentence says so)."""
    s, e = ev.evidence.start, ev.evidence.end
    trig = text.find(ev.trigger, s, e) if ev.trigger else -1
    if trig < 0:
        return set()
    said = _SAID.search(text, trig + len(ev.trigger), e)
    if said is None:
        return set()
    after = {m.entity for m in persons if m.start >= said.end()}
    before = {m.entity for m in persons if m.start < said.start()}
    return after - before


def _bare_titles(text: str, ev: Event, named: list[Mention], titles: list[tuple[int, int]],
                 entities: list[Entity]) -> list[tuple[int, int]]:
    """'Генеральный секретарь ШОС провел встречу ...', 'Вазири корҳои хориҷии Покистон ... бо сафари расмӣ':
    a title with no name by it names the person the text gives that title to: the one whose title starts
    with its first two words, or of several such, the one whose title's other words follow best. Returns
    the spans of the titles so read, with the body named right after their head ('... секретарь ШОС')."""
    spans = []
    s, e = ev.evidence.start, ev.evidence.end
    low = text.casefold()
    words = [(w.start(), w.end(), w.group()) for w in _TOKEN.finditer(low, s, e)]
    taken = {p.entity for p in ev.participants}
    busy = [(m.start, m.end) for m in named if s <= m.start < e] + titles
    heads: dict[tuple[str, str], dict[str, list[str]]] = {}
    for ent in entities:
        if ent.type != "PER":
            continue
        for role in ent.roles:
            tw = _words(role.title)
            if len(tw) >= 2 and len(tw[0]) > 2 and len(tw[1]) > 2:
                heads.setdefault((tw[0], tw[1]), {}).setdefault(ent.id, []).extend(tw[2:])
    for k in range(len(words) - 1):
        at, end = words[k][0], words[k + 1][1]
        if any(x < end and at < y for x, y in busy):
            continue  # the title of a name next to it, words of a name or of a place
        for (a, b), holders in heads.items():
            if not (_stem_equal(a, words[k][2]) and _stem_equal(b, words[k + 1][2])):
                continue
            nxt = [w for _, _, w in words[k + 2:k + 6]]
            score = {who: sum(any(_stem_equal(t, w) for w in nxt) for t in set(rest)) for who, rest in holders.items()}
            best = max(score.values())
            top = [who for who, v in score.items() if v == best]
            if len(top) == 1 and top[0] not in taken:
                ev.participants.append(Participant(top[0]))
                taken.add(top[0])
                body = next((m for m in named if m.type == "ORG" and 0 <= m.start - end <= 2), None)
                close = body.end if body is not None else end
                acronym = _BRACKETED.match(text, close)  # "... сотрудничества (ШОС)"
                spans.append((at, acronym.end() if acronym else close))
    return spans
