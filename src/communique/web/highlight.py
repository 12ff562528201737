"""A document's text as HTML with every fact marked at its evidence and linked to its entity or
event page (the document page's left column). Every piece of text is escaped here (markupsafe)."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from markupsafe import Markup, escape

from ..corrections import CorrectedRecord
from ..model import Record
from .i18n import translate


def highlight(rec: Record, key_of: dict[str, str | None], fixed: CorrectedRecord | None = None,
              lang: str = "en", cited: list[tuple[int, int]] | tuple = ()) -> Markup:
    """The document text as HTML, every fact marked at its evidence and linked to its entity or event,
    and each `cited` span (a sentence an answer cites) marked as such.

    Every piece of text is escaped here (markupsafe): the document's own markup is shown, never run."""
    text = rec.document.text or ""
    doc_id = rec.document.id
    facts: list[dict] = []
    for ev in rec.events:
        corrected = bool(fixed and fixed.corrections_of("event", ev.id))
        facts.append({"start": ev.evidence.start, "end": ev.evidence.end, "kind": "event", "id": ev.id,
                      "label": translate(lang, f"type.{ev.type}"), "href": f"/events/{quote(doc_id, safe='')}/{quote(ev.id, safe='')}",
                      "corrected": corrected})
    for a in rec.agreements:
        corrected = bool(fixed and fixed.corrections_of("agreement", a.id))
        facts.append({"start": a.evidence.start, "end": a.evidence.end, "kind": "agreement", "id": a.id,
                      "label": translate(lang, f"kind.{a.kind}") if a.kind else "", "href": f"#agreement-{a.id}", "corrected": corrected})
    for e in rec.entities:
        for n, r in enumerate(e.roles):
            if r.evidence is not None:
                facts.append({"start": r.evidence.start, "end": r.evidence.end, "kind": "role",
                              "id": f"{e.id}-r{n}", "label": r.title, "chip": translate(lang, "chip.role"), "href": _entity_href(key_of.get(e.id)),
                              "corrected": False})
    facts += [{"start": a, "end": b, "kind": "cited", "id": str(n), "chip": None, "corrected": False}
              for n, (a, b) in enumerate(cited)]
    facts = [f for f in facts if 0 <= f["start"] < f["end"] <= len(text)]
    mentions = [m for m in rec.mentions if 0 <= m.start < m.end <= len(text)]
    corrected_entities = {e for (kind, e) in (fixed.marks if fixed else {}) if kind == "entity"}

    bounds = {0, len(text)}
    for f in facts:
        bounds.update((f["start"], f["end"]))
    for m in mentions:
        bounds.update((m.start, m.end))
    points = sorted(bounds)
    ends_at: dict[int, list[dict]] = defaultdict(list)
    for f in facts:
        ends_at[f["end"]].append(f)

    out: list[str] = []
    open_facts: tuple = ()
    open_mention = None
    open_tag = ""
    for a, b in zip(points, points[1:], strict=False):
        covering = tuple(sorted((f["kind"], f["id"]) for f in facts if f["start"] <= a and f["end"] >= b))
        inside = [m for m in mentions if m.start <= a and m.end >= b]
        mention = max(inside, key=lambda m: (m.end - m.start, -m.start)) if inside else None
        if covering != open_facts:
            if open_mention is not None:
                out.append(open_tag)
                open_mention = None
            if open_facts:
                out.append("</mark>")
            _chips(out, ends_at.get(a, []))
            if covering:
                kinds = " ".join(sorted({k for k, _ in covering}))
                ids = " ".join(f"{k}-{i}" for k, i in covering)
                first = next((f"{k}-{i}" for k, i in covering if k == "event"), f"{covering[0][0]}-{covering[0][1]}")
                out.append(str(Markup('<mark class="fact {}" id="fact-{}" data-facts="{}">').format(
                    kinds, first, ids)))
            open_facts = covering
        elif open_facts:
            _chips(out, [f for f in ends_at.get(a, []) if (f["kind"], f["id"]) not in open_facts])
        if mention is not open_mention:
            if open_mention is not None:
                out.append(open_tag)
            if mention is not None:
                key = key_of.get(mention.entity) if mention.entity else None
                cls = f"mention {mention.type}" + (" corrected" if mention.entity in corrected_entities else "")
                if key:
                    out.append(str(Markup('<a class="{}" href="{}" data-entity="{}">').format(
                        cls, _entity_href(key), mention.entity)))
                    open_tag = "</a>"
                else:
                    out.append(str(Markup('<span class="{}">').format(cls)))
                    open_tag = "</span>"
            open_mention = mention
        out.append(str(escape(text[a:b])))
    if open_mention is not None:
        out.append(open_tag)
    if open_facts:
        out.append("</mark>")
    _chips(out, ends_at.get(len(text), []))
    return Markup("".join(out))


def _entity_href(key: str | None) -> str:
    return "/entities/" + quote(key, safe="") if key else "#"


def _chips(out: list[str], ending: list[dict]) -> None:
    """The chips of the facts that end here (after their marked text)."""
    for f in ending:
        if f["kind"] == "cited":  # a cited sentence has no chip
            continue
        cls = f"chip {f['kind']}" + (" corrected" if f["corrected"] else "")
        out.append(str(Markup('<a class="{}" href="{}" title="{}">{}{}</a>').format(
            cls, f["href"], f["label"], f.get("chip") or f["label"],
            " ✎" if f["corrected"] else "")))

