"""The analysts' decisions: corrections of one document's facts (stored with who and why, the
document linked again so the knowledge base follows) and manual merges and splits of entities (the
knowledge base's audit log, replayed after every relink)."""

from __future__ import annotations

import json
import logging

from ..corrections import Correction, CorrectionConflict, CorrectionError, CorrectionNotFound
from .base import NotFound
from .documents import Documents

log = logging.getLogger("communique.service")


class Decisions(Documents):
    """Corrections, merges and splits."""

    def add_correction(self, doc_id: str, op: str, fact_id: str, value: dict | None, *, author: str,
                       reason: str) -> Correction:
        record = self.corrected(doc_id).record
        try:
            c = self.corrections.add(record, op, fact_id, value, author=author, reason=reason)
        finally:
            self.invalidate()
        self._relink(doc_id)
        return c

    def revert_correction(self, correction_id: int, *, by: str) -> Correction:
        c = self.corrections.revert(correction_id, by=by)
        self.invalidate()
        if c is None:
            raise NotFound(f"no correction {correction_id}")
        self._relink(c.document_id)
        return c

    def _relink(self, doc_id: str) -> None:
        """Link the document into the knowledge base again, so that what it derives (and exports) can
        follow the correction."""
        from ..link.kb import link_document

        try:
            link_document(self.store, doc_id)  # the linker reads the corrected Record
        except Exception:  # the correction is stored whatever linking does
            log.exception("re-linking %s after a correction failed", doc_id)
        self.invalidate()

    def correction(self, correction_id: int) -> Correction:
        c = self.corrections.get(correction_id)
        if c is None:
            raise NotFound(f"no correction {correction_id}")
        return c

    def list_corrections(self, **kw) -> tuple[list[Correction], int]:
        return self.corrections.list(**kw)

    # -- merges and splits (the knowledge base) ---------------------------------------------------------
    def _kb_call(self, fn):
        from ..link.queries import KbConflict, KbError, UnknownEntity

        try:
            return fn()
        except UnknownEntity as exc:
            raise CorrectionNotFound(str(exc)) from exc
        except KbConflict as exc:
            raise CorrectionConflict(str(exc)) from exc
        except KbError as exc:
            raise CorrectionError(str(exc)) from exc
        finally:
            self.invalidate()

    def relink(self) -> dict:
        """Link every stored document again from scratch; manual merges and splits are replayed."""
        try:
            return self.knowledge_base().relink()
        finally:
            self.invalidate()

    def merge_entities(self, a: str, b: str, *, who: str, why: str) -> dict:
        """Two entities are one (a missed merge): recorded with who and why in the knowledge base's audit
        log, replayed after every relink and re-extraction."""
        if not (why or "").strip():
            raise CorrectionError("say why: a merge needs a reason")
        kb = self.knowledge_base()
        return self._kb_call(lambda: kb.merge(a, b, who=who, why=why.strip()))

    def split_entity(self, key: str, aliases: list[str], *, who: str, why: str) -> dict:
        """A wrong merge: the mentions named `aliases` are someone else. Recorded like a merge."""
        if not (why or "").strip():
            raise CorrectionError("say why: a split needs a reason")
        kb = self.knowledge_base()
        return self._kb_call(lambda: kb.split(key, aliases, who=who, why=why.strip()))

    def entity_audit(self) -> list[dict]:
        """The manual merges and splits, newest first."""
        try:
            kb = self.knowledge_base()
            rows = kb.audit_log()
        except Exception:
            return []
        out = []
        for r in reversed(rows):
            payload = r.get("payload") or {}
            if isinstance(payload, str):
                payload = json.loads(payload)
            out.append({"id": r["pk"], "at": r["at"], "action": r["action"], "who": r["who"], "why": r["why"],
                        "payload": payload})
        return out

