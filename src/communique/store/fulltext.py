"""Full-text search with Russian morphology, the same on both backends.

Both backends index a *lemmatized shadow* of each document (`documents.lemmas`: title and text, every
word replaced by its pymorphy3 normal form), and a query is lemmatized the same way, so "визит
министра" finds "визитом Министра" whatever the inflection.

- SQLite: an FTS5 table `documents_fts` over `documents.lemmas` (external content, kept in step by
  triggers; tokenizer `porter unicode61`, so English words are stemmed too); ranked by bm25.
- PostgreSQL: a generated column `documents.tsv` = to_tsvector('russian', lemmas) ||
  to_tsvector('english', lemmas), with a GIN index (migration 0005); the query's lemmas match when
  all of them match under one of the two configurations; ranked by ts_rank.

Snippets are built here, in Python, for both: the sentence with the most query words, the hits
marked [[like this]] — only for the hits shown, as ranking needs no text.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable

from sqlalchemy import Select, column, func, literal, literal_column, table

from ..nlp import lemma  # the normal form of one word (pymorphy3 for Cyrillic; case-folded otherwise)
from .schema import DocumentRow

HIT_OPEN, HIT_CLOSE = "[[", "]]"
SNIPPET_MAX = 320

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_EN_SUFFIXES = ("ies", "ing", "ed", "es", "s")




def lemmatize(*texts: str | None) -> str:
    """Every word of the texts in its normal form, space-separated: the indexed shadow text."""
    return " ".join(lemma(m.group()) for text in texts if text for m in _WORD.finditer(text))


# Shadow texts made elsewhere (a Ray worker lemmatizes the documents it extracts, so that the process
# that stores them need not), by (title, text); taken once, the oldest dropped past KEEP_GIVEN.
KEEP_GIVEN = 1024
_given: collections.OrderedDict[tuple[str | None, str], str] = collections.OrderedDict()


def give_lemmas(title: str | None, text: str, lemmas: str) -> None:
    """Hand in `lemmatize(title, text)` made elsewhere, for `document_lemmas` to take."""
    _given[(title, text)] = lemmas
    while len(_given) > KEEP_GIVEN:
        _given.popitem(last=False)


def document_lemmas(title: str | None, text: str) -> str:
    """The shadow text of a document: the one handed in for this title and text, else made here."""
    given = _given.pop((title, text), None)
    return given if given is not None else lemmatize(title, text)


def query_lemmas(query: str) -> list[str]:
    """The distinct normal forms of the words of a query, in order."""
    seen: dict[str, None] = {}
    for m in _WORD.finditer(query or ""):
        seen.setdefault(lemma(m.group()), None)
    return list(seen)


def match_key(lem: str) -> str:
    """What two lemmas must share to count as the same word when marking hits (a light English stem)."""
    if _CYRILLIC.search(lem):
        return lem
    word = lem.casefold()
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


FTS_TABLE = "documents_fts"
# SQLite's FTS5 table and its shadow tables; PostgreSQL's tsvector column and its index.
FULLTEXT_TABLES = frozenset({FTS_TABLE, *(f"{FTS_TABLE}_{part}" for part in
                                          ("data", "idx", "docsize", "config", "content"))})
TSV_COLUMN, TSV_INDEX = "tsv", "ix_documents_tsv"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For Alembic's comparisons: the full-text objects are made by the migrations, not the models."""
    if type_ == "table" and name in FULLTEXT_TABLES:
        return False
    if type_ == "column" and name == TSV_COLUMN and getattr(getattr(obj, "table", None), "name", None) == "documents":
        return False
    return not (type_ == "index" and name == TSV_INDEX)


# -- query building ----------------------------------------------------------------------------


def fts5_expression(lemmas: Iterable[str]) -> str:
    """An FTS5 MATCH expression that needs every lemma (each quoted, so no word is an operator)."""
    return " ".join('"' + lem.replace('"', '""') + '"' for lem in lemmas)


def apply_search(stmt: Select, dialect: str, query: str, lemmas: list[str]) -> tuple[Select, object]:
    """Restrict `stmt` (over `documents`) to the documents matching the query; returns the statement
    and a score expression where higher is better."""
    docs = DocumentRow.__table__
    if dialect == "sqlite":
        fts = table(FTS_TABLE, column("rowid"))
        stmt = stmt.join(fts, fts.c.rowid == docs.c.pk).where(
            literal_column(FTS_TABLE).op("MATCH")(literal(fts5_expression(lemmas))))
        return stmt, -func.bm25(literal_column(FTS_TABLE))
    if dialect == "postgresql":
        tsv = literal_column("documents.tsv")
        words = " ".join(lemmas)
        tsq = (func.plainto_tsquery(literal_column("'russian'::regconfig"), words)
               .op("||")(func.plainto_tsquery(literal_column("'english'::regconfig"), words)))
        stmt = stmt.where(tsv.op("@@")(tsq))
        return stmt, func.ts_rank(tsv, tsq)
    raise ValueError(f"full-text search is not implemented for {dialect!r}")


# -- snippets ----------------------------------------------------------------------------------

# Sentences for snippets by a regular expression, not the NLP splitter: a snippet is built for every
# hit shown, on every search: a whole snippet of a 1,700-character text costs ~0.5 ms this way, less
# than the NLP splitter alone takes to split it (~1 ms, measured on NEREL texts).
_SENTENCE = re.compile(r"[^\n.!?…]+(?:[.!?…]+[»\"”)]*|$)", re.M)


def snippet(text: str | None, lemmas: list[str], title: str | None = None) -> str:
    """The sentence of `text` with the most query words, each run of hits marked [[like this]]; the
    first sentence when none has a query word; the title when there is no text."""
    keys = {match_key(lem) for lem in lemmas}
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    best_score = 0
    for m in _SENTENCE.finditer(text or ""):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        if start == end:
            continue
        if best is None:
            best = (start, end, [])
        hits, found = [], set()
        for w in _WORD.finditer(text, start, end):
            key = match_key(lemma(w.group()))
            if key in keys:
                hits.append((w.start(), w.end()))
                found.add(key)
        if len(found) > best_score:
            best, best_score = (start, end, hits), len(found)
    if best is None:
        return title or ""
    return _clip(text, *best).strip()


def _clip(text: str, start: int, end: int, hits: list[tuple[int, int]]) -> str:
    """The sentence with its hits marked; a very long sentence is cut around its first hit."""
    if end - start > SNIPPET_MAX:
        centre = hits[0][0] if hits else start
        new_start = max(start, centre - SNIPPET_MAX // 3)
        new_end = min(end, new_start + SNIPPET_MAX)
        hits = [(a, b) for a, b in hits if a >= new_start and b <= new_end]
        prefix = "…" if new_start > start else ""
        suffix = "…" if new_end < end else ""
        return prefix + _mark(text, new_start, new_end, hits) + suffix
    return _mark(text, start, end, hits)


def _mark(text: str, start: int, end: int, hits: list[tuple[int, int]]) -> str:
    runs: list[list[int]] = []
    for a, b in hits:
        if runs and not text[runs[-1][1]:a].strip():  # only spaces between: one marked run
            runs[-1][1] = b
        else:
            runs.append([a, b])
    out, pos = [], start
    for a, b in runs:
        out.append(text[pos:a])
        out.append(HIT_OPEN + text[a:b] + HIT_CLOSE)
        pos = b
    out.append(text[pos:end])
    return "".join(out)
