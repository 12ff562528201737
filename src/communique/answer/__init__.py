"""Cited answers to questions over the knowledge base.

A question is read with the extraction steps themselves (its entities, dates, event triggers and job
titles), its kind is told by a lexicon of question words (`kinds.json`), the documents that may hold
the answer are found by the store's hybrid search and by the entities the question shares with them
(gazetteer ids, so "SCO" meets "ШОС"), and the answer is composed from the facts whose evidence lies in
the best sentences — every part citing its sentence, document, URL and character offsets. Where no
fact answers, the best supporting sentences are given, marked as such; where nothing supports an
answer, the answer says so and cites nothing.
"""

from .core import Answer, Citation, answer, question_kind

__all__ = ["Answer", "Citation", "answer", "question_kind"]
