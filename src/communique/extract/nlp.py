"""`communique.extract.nlp` is `communique.nlp`: the shared language layer (tokens, sentences,
lemmas, models loaded once), which the store's full-text index uses too. This alias keeps the
extraction steps' imports short."""

import sys

from .. import nlp as _nlp

sys.modules[__name__] = _nlp
