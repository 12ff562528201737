"""Finding documents: full text with Russian morphology (in the store), multilingual semantic
vectors (a usearch index beside the database), and a hybrid of both with filters and cited hits."""

from .hybrid import Hit, Searcher

__all__ = ["Hit", "Searcher"]
