"""Duplicates: the same text twice (exact), or the same release republished with a different
header or footer (near).

Exact duplicates share `content_hash`: SHA-256 of the text with whitespace collapsed (case kept, so
a headline in capitals is a different text). Near duplicates are found with MinHash over word
5-shingles and an LSH index (datasketch): two texts whose shingle sets have an estimated Jaccard
similarity of `threshold` (0.8) or more are the same release. The LSH bands are chosen to miss few
such pairs; candidates are then checked against the threshold with their MinHash estimate. The index
holds no text, only signatures: `signature` gives a document's as bytes to keep (the store's
`signatures` table), `add_signature` puts it back, and `from_texts` rebuilds from texts.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.8
DEFAULT_NUM_PERM = 128
SHINGLE_SIZE = 5
LSH_WEIGHTS = (0.1, 0.9)  # (false positive, false negative) weights for choosing the LSH bands

_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_text(text: str) -> str:
    """Whitespace collapsed to single spaces and trimmed; case and punctuation kept."""
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalized text: equal for texts that differ only in whitespace."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The set of word `size`-grams of the lower-cased text (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash signatures of word shingles in an LSH index: `add` texts, `query` for a near twin."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM,
                 shingle_size: int = SHINGLE_SIZE, seed: int = 1) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        # datasketch's default banding catches a pair at the threshold only ~40% of the time; weigh
        # false negatives heavily, then drop the extra candidates by their estimated similarity.
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=LSH_WEIGHTS)
        self._sigs: dict[str, object] = {}
        self._last: tuple[str, object] | None = None

    def minhash(self, text: str):
        """The MinHash of a text's shingles; the last one is kept, as a document is checked, then added."""
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        m = self._empty.copy()  # shares the permutations: none are drawn again
        found = [s.encode("utf-8") for s in shingles(text, self.shingle_size)]
        if found:
            m.update_batch(found)
        self._last = (text, m)
        return m

    def add(self, doc_id: str, text: str) -> None:
        """Index `text` under `doc_id` (adding an id again replaces its text)."""
        self._insert(doc_id, self.minhash(text))

    def _insert(self, doc_id: str, m) -> None:
        if doc_id in self._sigs:
            self.remove(doc_id)
        self._lsh.insert(doc_id, m)
        self._sigs[doc_id] = m

    @functools.cached_property
    def _empty(self):
        """A MinHash of nothing: its permutations, hashing scheme and value type are this index's."""
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, seed=self.seed)

    def signature(self, doc_id: str) -> bytes:
        """The MinHash of an indexed document as bytes to keep: the name of datasketch's hashing scheme,
        a zero byte, the hash values (`add_signature` reads them back)."""
        m = self._sigs[doc_id]
        return getattr(m, "scheme", "legacy").encode("ascii") + b"\0" + m.hashvalues.tobytes()

    def add_signature(self, doc_id: str, signature: bytes) -> bool:
        """Index a kept signature; False (nothing indexed) if it was made another way (another
        num_perm, or another hashing scheme of another datasketch version)."""
        import numpy as np

        kept_scheme, _, values = signature.partition(b"\0")
        dtype = self._empty.hashvalues.dtype
        if kept_scheme.decode("ascii", "replace") != getattr(self._empty, "scheme", "legacy") \
                or len(values) != self.num_perm * dtype.itemsize:
            return False
        m = self._empty.copy()  # shares the permutations: none are drawn again
        m.hashvalues = np.frombuffer(values, dtype=dtype).copy()
        self._insert(doc_id, m)
        return True

    def remove(self, doc_id: str) -> None:
        if doc_id in self._sigs:
            self._lsh.remove(doc_id)
            del self._sigs[doc_id]

    def similar(self, text: str) -> list[tuple[str, float]]:
        """Indexed ids whose estimated Jaccard similarity to `text` is at least the threshold, best first."""
        if not self._sigs or not _WORD.search(text):  # no words, no shingles
            return []
        m = self.minhash(text)
        scored = [(doc_id, float(m.jaccard(self._sigs[doc_id]))) for doc_id in self._lsh.query(m)]
        return sorted((s for s in scored if s[1] >= self.threshold), key=lambda s: (-s[1], s[0]))

    def query(self, text: str) -> str | None:
        """The id of the most similar indexed text at or above the threshold, else None."""
        found = self.similar(text)
        return found[0][0] if found else None

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def __len__(self) -> int:
        return len(self._sigs)

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]], **kwargs) -> NearDuplicateIndex:
        """Rebuild an index from stored (doc_id, text) pairs."""
        index = cls(**kwargs)
        for doc_id, text in items:
            index.add(doc_id, text)
        return index


_TOKEN = re.compile(r"\w+(?:[.,:/-]\w+)*", re.UNICODE)


def fact_differences(original: str, text: str) -> list[str]:
    """The words that carry facts (numbers and dates, names of persons and places: a digit or a
    capital letter) and that one text has where the other has something else, in the body of the
    texts: a header or a footer added, removed or changed (a republished release's byline, date line
    or "follow us") is not a difference of facts. Two releases from one template, a meeting on one
    day and another on another day, differ in facts; a release and its republication do not."""
    import difflib

    (a, a_head, a_foot), (b, b_head, b_foot) = _lines(original), _lines(text)
    found: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if (i1 == 0 and j1 == 0) or (i2 <= a_head and j2 <= b_head):  # a header, or the first line
            continue
        if (i2 == len(a) and j2 == len(b)) or (i1 >= a_foot and j1 >= b_foot):  # a footer, or the last line
            continue
        for word in (*a[i1:i2], *b[j1:j2]):
            if (any(ch.isdigit() for ch in word) or word[:1].isupper()) and word not in found:
                found.append(word)
    return found


def _lines(text: str) -> tuple[list[str], int, int]:
    """The words of a text, the number of words of its first line and where its last line starts."""
    text = text.strip()
    first, last = text.find("\n"), text.rfind("\n")
    words, head, foot = [], 0, None
    for m in _TOKEN.finditer(text):
        if first < 0 or m.start() < first:
            head += 1
        if foot is None and last >= 0 and m.start() > last:
            foot = len(words)
        words.append(m.group())
    if first < 0:  # one line: no header or footer of its own
        head = 0
    return words, head, len(words) if foot is None else foot


@dataclass
class Duplicate:
    """`kind` is "exact" or "near"; `of` is the id of the document already seen."""

    kind: str
    of: str
    similarity: float = 1.0

    @property
    def original(self) -> str:
        """The id of the document already seen (the same as `of`)."""
        return self.of


class Deduplicator:
    """Exact (content hash) and near (MinHash) duplicate detection over a stream of documents."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = DEFAULT_NUM_PERM) -> None:
        self.hashes: dict[str, str] = {}  # normalized-text hash → the first id seen with it
        self.text_hashes: dict[str, str] = {}  # id → its normalized-text hash
        self._last: tuple[str, str] | None = None
        self.near = NearDuplicateIndex(threshold=threshold, num_perm=num_perm)

    def _digest(self, text: str) -> str:
        """content_hash, kept for the last text (a document is checked, then added)."""
        if self._last is None or self._last[0] is not text:
            self._last = (text, content_hash(text))
        return self._last[1]

    def check(self, text: str) -> Duplicate | None:
        """The document `text` duplicates, without recording it."""
        original = self.hashes.get(self._digest(text))
        if original is not None:
            return Duplicate("exact", original)
        found = self.near.similar(text)
        if found:
            return Duplicate("near", found[0][0], found[0][1])
        return None

    def add(self, doc_id: str, text: str) -> None:
        digest = self._digest(text)
        self.hashes.setdefault(digest, doc_id)
        self.text_hashes[doc_id] = digest
        self.near.add(doc_id, text)

    def signature(self, doc_id: str) -> tuple[str, bytes]:
        """What to keep of an added document: (hash of its normalized text, MinHash bytes)."""
        return self.text_hashes[doc_id], self.near.signature(doc_id)

    def add_signature(self, doc_id: str, text_hash: str, minhash: bytes) -> bool:
        """Add a document by what was kept of it; False (nothing added) if the MinHash does not fit."""
        if not self.near.add_signature(doc_id, minhash):
            return False
        self.hashes.setdefault(text_hash, doc_id)
        self.text_hashes[doc_id] = text_hash
        return True

    def see(self, doc_id: str, text: str) -> Duplicate | None:
        """Check `text`; record it under `doc_id` only if it is new. Returns the duplicate found, if any."""
        dup = self.check(text)
        if dup is None:
            self.add(doc_id, text)
        return dup

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]], **kwargs) -> Deduplicator:
        dedup = cls(**kwargs)
        for doc_id, text in items:
            dedup.add(doc_id, text)
        return dedup
