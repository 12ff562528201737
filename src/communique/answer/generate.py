"""An optional phrasing of a composed answer by an OpenAI-compatible model, from its cited facts only.

Off unless `COMMUNIQUE_LLM_URL` is set (the API's base URL, e.g. `http://127.0.0.1:8000/v1`), with
`COMMUNIQUE_LLM_MODEL` (the model's name) and, where the server wants one, `COMMUNIQUE_LLM_KEY` (sent
as a Bearer token); `COMMUNIQUE_LLM_TIMEOUT` bounds the request (seconds, 20 by default). Nothing is
sent anywhere otherwise.

The model is given the question and the numbered cited sentences with the facts drawn from each, and
told to answer from them only, ending every sentence with its [n]. A sentence it returns is kept only
if every [n] it carries names a citation and at least half of its content words (lower-cased lemmas
cut to their stems, stop words left out: `core.content_words`) stand in the sentences and facts it
cites; the rest are dropped. If nothing is kept, or the request fails, times out, or answers with
something that is not a chat completion, the composed answer stands unchanged.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import replace

import httpx

from ..nlp import sentences
from .core import Answer, content_words

log = logging.getLogger(__name__)

URL, MODEL, KEY, TIMEOUT = "COMMUNIQUE_LLM_URL", "COMMUNIQUE_LLM_MODEL", "COMMUNIQUE_LLM_KEY", "COMMUNIQUE_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 20.0
MAX_RESPONSE = 1 << 20  # bytes read from the server at most
MIN_OVERLAP = 0.5  # share of a sentence's content words that must stand in what it cites

INSTRUCTIONS = (
    "You answer a question using ONLY the numbered sources given: sentences from official releases and "
    "the facts extracted from them. Do not add anything that is not stated in the sources. Write a short "
    "answer in the language of the question. End every sentence with the number of the source it comes "
    "from in square brackets, like [1] or [1][2]. If the sources do not answer the question, say so in "
    "one sentence citing the closest source.")

_CLAIM = re.compile(r"(.*?)((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)([.!?…]*)", re.S)


def configured() -> bool:
    """Whether a model endpoint is configured (the only case in which anything is sent)."""
    return bool(os.environ.get(URL, "").strip())


def sources(result: Answer) -> list[str]:
    """What each citation gives the model: its sentence, then the facts drawn from it, one per line."""
    out = []
    for n, c in enumerate(result.citations, 1):
        facts = [json.dumps({k: v for k, v in f.items() if k != "citation"}, ensure_ascii=False)
                 for f in result.facts if f.get("citation") == n]
        out.append("\n".join([c.sentence.strip(), *facts]))
    return out


def request_body(result: Answer, model: str) -> dict:
    numbered = "\n\n".join(f"[{n}] {text}" for n, text in enumerate(sources(result), 1))
    return {"model": model, "temperature": 0, "messages": [
        {"role": "system", "content": INSTRUCTIONS},
        {"role": "user", "content": f"Question: {result.question}\n\nSources:\n\n{numbered}"}]}


def complete(body: dict) -> str:
    """The text of the model's first choice; raises on any failure (status, size, shape)."""
    base = os.environ[URL].strip().rstrip("/")
    headers = {"Authorization": f"Bearer {key}"} if (key := os.environ.get(KEY, "").strip()) else {}
    timeout = float(os.environ.get(TIMEOUT) or DEFAULT_TIMEOUT)
    with httpx.Client(timeout=timeout) as client, \
            client.stream("POST", base + "/chat/completions", json=body, headers=headers) as response:
        response.raise_for_status()
        data = b""
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > MAX_RESPONSE:
                raise ValueError(f"a response over {MAX_RESPONSE} bytes")
    text = json.loads(data)["choices"][0]["message"]["content"]
    if not isinstance(text, str):
        raise ValueError("the completion holds no text")
    return text


def supported(text: str, result: Answer) -> list[str]:
    """The sentences of the model's `text` that carry valid [n] markers and whose content words stand,
    at least MIN_OVERLAP of them, in the sources they cite; each ends with its markers."""
    cited = sources(result)
    kept = []
    for m in _CLAIM.finditer(text):
        spans = sentences(m.group(1).strip())
        if not spans:
            continue
        claim = spans[-1].text.strip()  # the sentences before it in the chunk carry no marker
        numbers = [int(n) for n in re.findall(r"\d+", m.group(2))]
        if not numbers or any(not 1 <= n <= len(cited) for n in numbers):
            continue
        words = content_words(claim)
        found = content_words(" ".join(cited[n - 1] for n in numbers))
        if words and len(words & found) >= MIN_OVERLAP * len(words):
            marks = "".join(f"[{n}]" for n in dict.fromkeys(numbers))
            kept.append(f"{claim.rstrip('.!?… ')} {marks}{m.group(3) or '.'}")
    return kept


def phrase(result: Answer) -> Answer:
    """`result` phrased by the configured model from its citations, or unchanged (not configured,
    nothing cited, a failure, or no sentence of the model's supported)."""
    if not configured() or not result.citations:
        return result
    model = os.environ.get(MODEL, "").strip()
    try:
        kept = supported(complete(request_body(result, model)), result)
    except Exception as e:  # a failing model leaves the composed answer
        log.warning("the answer model failed (%s: %s); the composed answer stands", type(e).__name__, e)
        return result
    if not kept:
        return result
    return replace(result, answer=" ".join(kept), phrased_by=model or os.environ[URL].strip())
