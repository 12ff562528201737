"""Shared language resources, loaded once per process and reused across documents.

natasha's models and pymorphy3's dictionaries take about a second to load; every step that needs
them asks here instead of loading its own copy.
"""

from __future__ import annotations

import functools
import gc
import re
from dataclasses import dataclass


def frozen(model):
    """`model`, just loaded for the rest of the process, moved out of the cyclic garbage collector's
    sight (gc.freeze): a full collection would otherwise walk every object of every model each
    time (navec's three 250,000-word lists alone), about 0.1 s, once every few dozen documents.
    What is loaded is never freed, so nothing is lost."""
    gc.freeze()
    return model


@functools.cache
def segmenter():
    from natasha import Segmenter

    return frozen(Segmenter())


@functools.cache
def news_embedding():
    from natasha import NewsEmbedding

    return frozen(NewsEmbedding())


@functools.cache
def ner_tagger():
    """natasha's NewsNERTagger (slovnet), the base Russian NER model."""
    from natasha import NewsNERTagger

    return frozen(NewsNERTagger(news_embedding()))


@functools.cache
def morph():
    """pymorphy3's Russian analyzer (lemmas, grammemes, inflection)."""
    import pymorphy3
    import pymorphy3.shapes

    # pymorphy3 asks unicodedata.name() of every letter, which raises ValueError for letters the
    # Unicode database gives no name (Tangut ideographs, for one): such a letter is simply not Latin.
    pymorphy3.shapes.is_latin_char = _is_latin_char
    return frozen(pymorphy3.MorphAnalyzer(lang="ru"))


@functools.lru_cache(maxsize=4096)
def _is_latin_char(ch: str) -> bool:
    import unicodedata

    return "LATIN" in unicodedata.name(ch, "")


@functools.lru_cache(maxsize=200_000)
def parses(word: str):
    """pymorphy3 parses of one word, cached: official texts repeat their vocabulary."""
    return tuple(morph().parse(word))


def fold_yo(text: str) -> str:
    """'ё' written as 'е', as lemmas are: lexicon entries pass through it to match them."""
    return text.replace("ё", "е").replace("Ё", "Е")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The most likely normal form of a word, lower-cased, ё → е."""
    if not _CYRILLIC.search(word):
        return word.casefold()
    return parses(word)[0].normal_form.replace("ё", "е")


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate (which no UTF-8 encoder, dictionary or database takes)
    replaced by U+FFFD: the length and so every offset stays the same."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lemma(self) -> str:
        return lemma(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def headline_spans(text: str, lines_with_text: bool = False) -> list[tuple[int, int]]:
    """Lines at the top of a text that are a headline or a dateline, not sentences of the story:
    short, without a closing full stop, followed by more text; among the first six lines, or with
    `lines_with_text` the first six that hold text (blank lines between a site's header, its dateline
    and its headline do not count)."""
    out = []
    pos = 0
    lines = text.split("\n")
    seen = 0
    for n, line in enumerate(lines):
        stripped = line.strip().strip("*#_ ")
        seen += bool(stripped) if lines_with_text else 1
        if seen > 6:
            break
        dateline = len(stripped) <= 60 and re.search(r"\d{4}\s*(?:г\.|года?)?\.?$", stripped)
        if stripped and n < len(lines) - 1 and len(stripped) <= 220 and (
                dateline or not stripped.endswith((".", "!", "?", "»", ":"))):
            out.append((pos, pos + len(line)))
        elif stripped:
            break
        pos += len(line) + 1
    return out


_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_numeral(word: str) -> int | None:
    """A number written in Arabic digits or in Chinese numerals below a thousand ("三", "十二", "二十一",
    "一百零五"), else None."""
    if word.isdigit():
        return int(word)
    total, digit = 0, None
    for ch in word:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch in "十百":
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            return None
    total += digit or 0
    return total or None


def in_headline(sent: Sentence, headlines: list[tuple[int, int]]) -> bool:
    """Whether a sentence lies inside one of the headline_spans (its line break included)."""
    return any(s <= sent.start and sent.end <= e + 1 for s, e in headlines)


def sentences(text: str) -> list[Sentence]:
    """Sentences with their tokens, offsets into `text` (razdel through natasha's Segmenter)."""
    from razdel import sentenize

    out = []
    for block_start, block in paragraph_blocks(text):
        for s in sentenize(block):
            start = block_start + s.start
            toks = tuple(Token(start + a, start + b, t) for a, b, t in razdel_tokens(s.text))
            out.append(Sentence(start, start + len(s.text), s.text, toks))
    return out



def razdel_tokens(text: str) -> list[tuple[int, int, str]]:
    """razdel.tokenize(text) as (start, stop, text): the same atoms, rules and joins, without the
    objects razdel builds for the split at every space, where no rule can join (its segmenter asks
    the rules only when nothing lies between two atoms); about half its time."""
    from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
    from razdel.segmenters.tokenize import tokenize as segmenter

    atoms = [Atom(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text)]
    if not atoms:
        return []
    out = []
    start, buffer = atoms[0].start, atoms[0].text
    for i in range(1, len(atoms)):
        atom = atoms[i]
        if atoms[i - 1].stop == atom.start:
            split = TokenSplit(atoms[max(0, i - 3):i], "", atoms[i:i + 3])
            split.buffer = buffer
            if segmenter.join(split):
                buffer += atom.text
                continue
        out.append((start, start + len(buffer), buffer))
        start, buffer = atom.start, atom.text
    out.append((start, start + len(buffer), buffer))
    return out

_BLOCK_SPLIT = re.compile(r"\n\s*")  # a run of white space from a line break: one pass, no backtracking
_LOWER = re.compile(r"[a-zа-яё]")
_LINE_MARK = re.compile(r"[-*#>]|\d|[А-ЯЁA-Z«\"]")


def paragraph_blocks(text: str):
    """Paragraph blocks: razdel never splits a sentence across a blank line or a new line that
    starts with a capital letter, so a headline or a dateline stays a sentence of its own.

    A blank line splits unless the text goes on in lower case; a single line break splits before a
    list mark, a digit, a capital or an opening quote. Linear in the text: each run of white space
    is read once."""
    pos = 0
    for m in _BLOCK_SPLIT.finditer(text):
        run = m.group()
        after = text[m.end():m.end() + 1]
        if run.count("\n") >= 2:
            if _LOWER.match(after):
                continue
            cut_start, cut_end = m.start(), m.start() + run.rindex("\n") + 1
        elif _LINE_MARK.match(after):
            cut_start, cut_end = m.start(), m.start() + 1
        else:
            continue
        if cut_start > pos:
            yield pos, text[pos:cut_start]
        pos = cut_end
    if pos < len(text):
        yield pos, text[pos:]


ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_numeral(word: str, pattern: re.Pattern = ROMAN) -> int | None:
    """'III' -> 3, 'XIV' -> 14: the value of a Roman numeral `pattern` accepts (by default any
    well-formed one), else None. Shared by the event name reader and the series keys."""
    if not word or not pattern.match(word):
        return None
    total = 0
    for i, ch in enumerate(word):
        v = _ROMAN_VALUES[ch]
        total += -v if i + 1 < len(word) and _ROMAN_VALUES[word[i + 1]] > v else v
    return total or None


def ner_spans(text: str, sents: list[Sentence]):
    """natasha's NewsNERTagger on `text`, spans with .start, .stop, .type — the same as
    `ner_tagger()(text).spans`, but fed the tokens `sentences(text)` already made instead of
    tokenizing the whole text a second time (razdel's tokenizer is a tenth of the pipeline's time).

    razdel tokenizes a sentence alone as it does inside the whole text, except where one of its
    two-sided rules ('2020.5', 'слово-слово') would join across the white space between two
    sentences: there (and wherever the sentences do not cover every non-space character) the text
    is tokenized whole, as before."""
    from slovnet.span import Span as SlovnetSpan

    tokens = _tokens_as_whole(text, sents)
    if tokens is None:
        return ner_tagger()(text).spans
    if not tokens:
        return []
    tags = _ner_tags([t.text for t in tokens])
    # slovnet.bio.bio_spans on the tokens' offsets: B- opens a span, I- extends the open one (of
    # whatever type), O closes it
    out, kind, start, stop = [], None, 0, 0
    for tok, tag in zip(tokens, tags, strict=True):
        part, _, type_ = tag.partition("-")
        if part == "O":
            if kind:
                out.append(SlovnetSpan(start, stop, kind))
                kind = None
        elif part == "B":
            if kind:
                out.append(SlovnetSpan(start, stop, kind))
            kind, start, stop = type_ or None, tok.start, tok.end
        elif part == "I":
            stop = tok.end
    if kind:
        out.append(SlovnetSpan(start, stop, kind))
    return out


def _ner_tags(words: list[str]) -> list[str]:
    """slovnet's NERInfer on one text's words, step for step (the same arrays, the same float
    operations in the same order, so the same tags), without its per-call overheads: each word's
    vocabulary and shape ids are cached, and the CRF's Viterbi pass works on the one sequence
    instead of a padded batch (slovnet's loop does eight numpy calls a token, a quarter of the
    model's time)."""
    import numpy as np

    infer = ner_tagger().infer
    ids = [_word_shape_ids(w) for w in words]
    word_id = np.array([[w for w, _ in ids]])
    shape_id = np.array([[s for _, s in ids]])
    pad_mask = word_id == infer.encoder.words_vocab.pad_id
    emissions = _emissions(infer.model, word_id, shape_id, pad_mask)[0]  # tokens x tags
    # the step matrix is kept transposed, step[j, i] = (score[i] + transitions[i, j]) + emission[j]:
    # the same sums (float addition commutes), with the score broadcast as a row and the emission
    # as a column (views made once, not per token), and the back pointers gathered as one array at
    # the end; about a seventh less time than the plain loop
    to_from = infer.model.head.crf.transitions.array.T.copy()
    history = []
    score = emissions[0]
    rows = np.arange(emissions.shape[1])
    for em in emissions[1:, :, None]:
        step = score + to_from
        step += em
        best = step.argmax(1)  # the first best, as argmax(0) of the untransposed step
        score = step[rows, best]
        history.append(best)
    best = int(score.argmax())
    path = [best]
    for back in (np.array(history).tolist()[::-1] if history else ()):
        best = back[best]
        path.append(best)
    path.reverse()
    decode = infer.decoder.tags_vocab.decode
    return [decode(k) for k in path]


def _emissions(model, word_id, shape_id, pad_mask):
    """slovnet's NER model (`model(word_id, shape_id, pad_mask)`: embedding, CNN encoder, projection)
    on one sequence, the same arrays bit for bit: each layer's convolution multiplies the same
    window matrix by the same weights (one matmul, the same shapes and layout), only the matrix is
    built from three shifted copies of the token rows instead of np.pad and a gather of 3-float
    runs across channels (a third of the model's time); the padding mask, all False for one
    unpadded sequence, is applied only where a position is masked."""
    import numpy as np

    layers = model.encoder.layers
    if word_id.shape[0] != 1 or any(layer.conv.padding != 1 or layer.conv.weight.shape[2] != 3 for layer in layers):
        return model(word_id, shape_id, pad_mask)
    x = np.swapaxes(_embed(model.emb, word_id, shape_id), 2, 1)  # 1 x channels x tokens, as slovnet's encoder
    mask = np.expand_dims(pad_mask, axis=1)
    masked = bool(pad_mask.any())
    for layer in layers:
        x = _conv3(layer.conv, x)
        x = layer.norm(layer.relu(x))
        if masked:
            x[mask.repeat(x.shape[1], axis=1)] = 0
    return model.head(np.swapaxes(x, 2, 1))


def _embed(emb, word_id, shape_id):
    """slovnet's WordShapeEmbedding on one sequence, the same floats: navec's quantized word vectors
    (each of 100 sub-vectors one of 256 centroids of 3 floats) are read with one take over the
    flattened centroid table instead of a two-array fancy index, a third of the time."""
    import numpy as np

    word = emb.word
    codes = getattr(getattr(word, "codes", None), "array", None)
    if codes is None or codes.ndim != 3:
        return emb(word_id, shape_id)
    parts, centroids, chunk = codes.shape
    n = word_id.shape[1]
    flat = word.indexes.array[word_id[0]] + np.arange(parts) * centroids  # tokens x parts
    vectors = codes.reshape(parts * centroids, chunk).take(flat, axis=0).reshape(1, n, parts * chunk)
    shapes = emb.shape.weight.array[shape_id[0]].reshape(1, n, -1)
    return np.concatenate((vectors, shapes), axis=-1)


def _conv3(conv, x):
    """slovnet's Conv1d (kernel 3, padding 1) on a 1 x channels x tokens input: the window of token w
    is channels x (token w - 1, w, w + 1), zeros past either end."""
    import numpy as np

    _, channels, n = x.shape
    rows = x[0].T  # tokens x channels
    win = np.empty((n, channels, 3), dtype=x.dtype)
    win[:, :, 1] = rows
    win[1:, :, 0] = rows[:-1]
    win[0, :, 0] = 0
    win[:-1, :, 2] = rows[1:]
    win[-1, :, 2] = 0
    filters = conv.weight.shape[0]
    weight = conv.weight.array.reshape(filters, channels * 3)
    out = np.matmul(win.reshape(n, channels * 3), weight.T) + conv.bias.array
    return out.reshape(1, n, filters).swapaxes(2, 1)


@functools.lru_cache(maxsize=200_000)
def _word_shape_ids(word: str) -> tuple[int, int]:
    """slovnet's encoder ids of one word: its lower-cased form in the vocabulary, and its shape."""
    from slovnet.shape import word_shape

    enc = ner_tagger().infer.encoder
    return enc.words_vocab.encode(word.lower()), enc.shapes_vocab.encode(word_shape(word))


def _tokens_as_whole(text: str, sents: list[Sentence]) -> list[Token] | None:
    """The sentences' tokens in order when they are exactly razdel's tokens of the whole text,
    else None."""
    out: list[Token] = []
    pos = 0
    prev = None
    for s in sents:
        if not s.tokens:
            continue
        if s.start < pos or (text[pos:s.start] and not text[pos:s.start].isspace()):
            return None
        if prev is not None and (pos == s.start or _joins_across(text, prev, s)):
            return None
        out.extend(s.tokens)
        pos, prev = s.end, s
    if text[pos:] and not text[pos:].isspace():
        return None
    return out


def _atoms(text: str, start: int, end: int):
    from razdel.segmenters.tokenize import ATOM, Atom

    return [Atom(m.start(), m.end(), m.lastgroup, m.group()) for m in ATOM.finditer(text, start, end)]


def _joins_across(text: str, a: Sentence, b: Sentence) -> bool:
    """Whether razdel, reading both sentences as one text, might join an atom at the end of `a`
    or the start of `b` differently: its two-sided rules look one atom past a delimiter ('-', '_',
    '.', ',', '/'), and that atom lies in the other sentence when the delimiter ends `a` or opens
    `b`."""
    from razdel.segmenters.tokenize import RULES, Rule2112

    rules = [r for r in RULES if isinstance(r, Rule2112)]
    tail = _atoms(text, a.tokens[-2].start if len(a.tokens) > 1 else a.tokens[-1].start, a.end)
    head = _atoms(text, b.start, b.tokens[1].end if len(b.tokens) > 1 else b.tokens[0].end)
    if len(tail) > 1 and tail[-2].stop == tail[-1].start:
        a2, a1 = tail[-2], tail[-1]
        if any(not r.delimiter(a2.text) and r.delimiter(a1.text) and r.rule(a2, head[0]) for r in rules):
            return True
    if len(head) > 1 and head[0].stop == head[1].start:
        b1, b2 = head[0], head[1]
        if any(r.delimiter(b1.text) and r.rule(tail[-1], b2) for r in rules):
            return True
    return False
