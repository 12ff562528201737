"""No exception escapes `extract` or a format parser, on any input: the crashes fuzzing found, kept as
regressions, and a short property run with a fixed seed (bench/fuzz.py runs the long one).

Inputs that took minutes before (a regular expression rescanning the rest of the text from each
position) are here too: their tests check what comes out, and would not finish in any useful time
with the old patterns."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

import communique.extract as extract
from communique.ingest import formats
from communique.ingest.formats import FormatError, document_from_bytes, markdown_to_text
from communique.model import Document, Record
from communique.nlp import paragraph_blocks, without_surrogates

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- regressions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "\U000187e4ё",  # a letter without a Unicode name: pymorphy3 raised ValueError "no such name"
    "\ud800",  # a lone surrogate: uuid5 (and every UTF-8 encoder) raised UnicodeEncodeError
    "Посол \udc80 встретился с министром \U000187e4ё в городе Северск 3 мая 2026 года.",
    "",
    "\x00\x01\x02",
])
def test_extract_survives_odd_characters(text):
    record = extract(text)
    assert isinstance(record, Record)
    # a surrogate becomes U+FFFD, one character for one, so every offset into the text still holds
    assert len(record.document.text) == len(text)
    assert not re.search("[\ud800-\udfff]", record.document.text)


def test_without_surrogates_keeps_length_and_other_text():
    assert without_surrogates("a\ud800b\udfffв") == "a\ufffdb\ufffdв"
    assert without_surrogates("plain ascii") == "plain ascii"


def test_html_that_trips_lxml_is_read_or_refused_cleanly():
    # lxml's drop_tree raised AssertionError inside htmldate on this markup
    try:
        doc = document_from_bytes(b"<?><svg><o/><d><body>x</body>", "odd.html")
    except FormatError as exc:
        assert str(exc).startswith("odd.html:")
    else:
        assert isinstance(doc, Document)


def test_blank_lines_then_a_letter_are_one_block_not_minutes_of_backtracking():
    text = "\n" * 4000 + "а"
    assert list(paragraph_blocks(text)) == [(0, text)]  # the text goes on in lower case: one block
    assert len(extract(text).document.text) == 4001


def test_blank_lines_of_spaces_split_paragraphs_linearly():
    text = "Первый абзац.\n" + " \n" * 20000 + "Второй абзац."
    blocks = list(paragraph_blocks(text))
    assert [b for _, b in blocks] == ["Первый абзац.", "Второй абзац."]
    from communique.langid import paragraph_languages

    assert [text[s:e].strip() for s, e, _ in paragraph_languages(text)] == ["Первый абзац.", "Второй абзац."]


def test_thousands_of_dated_triggers_in_one_sentence_are_one_visit():
    """bench/fuzz.py's slowest shape: one sentence of 5,000 triggers and dates (90,000 characters).
    Each trigger used to rescan the whole sentence (its dates, ', что', titles, the lemmas) and each date
    of the first line the text before it: minutes; now linear."""
    record = extract("12.03.2026 визит, " * 5000)
    assert [(e.type, e.start, e.status) for e in record.events] == [("VISIT", "2026-03-12", "occurred")]


@FUZZ
@seed(14)
@given(st.lists(st.sampled_from(["12:30", "7:05", ":", "1", " ", "  ", "\t", "-", "\u2014", "|", ",", "x"]),
                max_size=10).map("".join), st.integers(0, 40))
def test_clock_before_a_date_is_found_as_by_searching_the_whole_prefix(line, end):
    """The bounded search for "17:37 —" before a date answers as the search over all the text before it."""
    from communique.extract.published import _CLOCK_BEFORE, _clock_before

    end = min(end, len(line))
    assert _clock_before(line, end) == (_CLOCK_BEFORE.search(line[:end]) is not None)


_OLD_BLOCK_SPLIT = re.compile(r"\n\s*\n(?!\s*[a-zа-яё])|\n(?=\s*(?:[-*#>]|\d|[А-ЯЁA-Z«\"]))")


def _old_blocks(text):
    pos = 0
    for m in _OLD_BLOCK_SPLIT.finditer(text):
        if m.start() > pos:
            yield pos, text[pos:m.start()]
        pos = m.end()
    if pos < len(text):
        yield pos, text[pos:]


@FUZZ
@seed(14)
@given(st.text(alphabet=st.sampled_from(list("\n\n \t\r\x0caбAБ1-«\".x")), max_size=30))
def test_paragraph_blocks_split_as_the_old_pattern_did(text):
    """The linear splitter gives the blocks the old (quadratic) pattern gave, on short texts."""
    assert list(paragraph_blocks(text)) == list(_old_blocks(text))


@pytest.mark.parametrize("md, words", [
    ("**a " * 25600, "**a"),  # strong emphasis never closed: each ** rescanned the line (117 s)
    ("*a " * 30000, "*a"),
    ("[" * 50000 + "x", "[[["),
    ("[a](" * 30000, "[a]("),
    ("# " + " " * 50000 + "Title ##", "Title"),
])
def test_markdown_pathological_lines_come_back_whole(md, words):
    text = markdown_to_text(md)
    assert words in text


def test_unclosed_tags_in_a_head_do_not_hide_the_declared_language():
    from communique.ingest.formats import declared_charset, html_language

    # each unclosed "<html"/"<meta" used to rescan the rest of the 20 KB head (seconds a page)
    assert html_language("<html " * 3000 + '<html lang="kk-KZ"><head>') == "kk"
    assert html_language("<meta " * 3000 + '<meta name="language" content="uz">') == "uz"
    assert html_language("<html " * 3000) is None
    assert declared_charset(b"<meta " * 600 + b'<meta charset="koi8-r">') == "koi8-r"


def test_markdown_markup_still_goes():
    md = ("# Talks on trade #\n\n***Both*** sides and **the *new* plan** signed [the text](http://x.org/a_(b)), "
          "![seal](s.png) and ~~draft~~ _notes_ on snake_case_name.\n")
    assert markdown_to_text(md) == ("Talks on trade\n\nBoth sides and the new plan signed the text, seal and draft "
                                    "notes on snake_case_name.\n")


def _docx_with_part(size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * size + "</w:document>")
    return buf.getvalue()


def test_docx_that_unpacks_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(formats, "MAX_UNPACKED_BYTES", 1_000_000)
    data = _docx_with_part(2_000_000)
    assert len(data) < 20_000
    with pytest.raises(FormatError, match="unpacks to .* over the limit"):
        document_from_bytes(data, "bomb.docx")


def test_docx_of_many_paragraphs_reads_every_one():
    import docx

    d = docx.Document()
    d.add_heading("Заголовок документа", level=1)
    for i in range(3000):
        d.add_paragraph(f"Абзац {i}.")
    buf = io.BytesIO()
    d.save(buf)
    doc = document_from_bytes(buf.getvalue(), "many.docx")
    assert doc.title == "Заголовок документа"
    assert doc.text.count("Абзац") == 3000


def test_text_over_the_length_limit_is_refused_up_front(monkeypatch):
    monkeypatch.setattr(formats, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(FormatError, match=r"long\.txt: a text of 1200 characters, over the limit of 1000"):
        document_from_bytes(b"word " * 240, "long.txt")
    assert document_from_bytes(b"word " * 100, "short.txt").text.startswith("word")


# -- properties -----------------------------------------------------------------------------------

_WORDS = ["Министр", "иностранных", "дел", "Республики", "Северия", "встретился", "с", "послом", "в", "Москве",
          "12", "марта", "2026", "года", "подписали", "соглашение", "о", "сотрудничестве", "The", "Minister",
          "met", "the", "Ambassador", "of", "Ruritania", "on", "5", "May", "signed", "a", "memorandum", "ООН",
          "«", "»", ".", ",", "—", "\n", "\n\n", "**", "#", "-", "12.03.2026", "г.", "Алматы", "Қазақстан"]
_texts = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=()), max_size=200),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=3)), max_size=80).map(" ".join),
)


@FUZZ
@seed(20261207)
@given(_texts, st.sampled_from([None, "ru", "en", "kk", "xx"]), st.sampled_from([None, "2026-03-12", "2026"]))
def test_extract_never_raises(text, language, published):
    record = extract(text, language=language, published=published)
    assert isinstance(record, Record)
    for m in record.mentions:
        assert 0 <= m.start <= m.end <= len(text)


_markup = st.lists(st.one_of(
    st.sampled_from(["<html>", "<body>", "</body>", "<p>", "</p>", "<?", "?>", "<svg>", "<o/>", "<!--", "-->",
                     "<script>", "<title>", "<meta charset='koi8-r'>", "&amp;", "&#0;", "<![CDATA[", "**", "[a](",
                     "\n", "# ", "Текст новости.", "A statement.", "<rss>", "<urlset>", "\ufeff"]),
    st.text(max_size=5)), max_size=40).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
_bytes = st.one_of(
    st.binary(max_size=300),
    _markup,
    st.tuples(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>"]),
              st.binary(max_size=300)).map(b"".join),
)


@FUZZ
@seed(20261208)
@given(_bytes, st.sampled_from(["f.html", "f.md", "f.txt", "f.pdf", "f.docx", "f"]))
def test_format_parsers_return_a_document_or_a_format_error(data, name):
    try:
        doc = document_from_bytes(data, name)
    except FormatError as exc:
        assert str(exc).startswith(f"{name}:")
    else:
        assert isinstance(doc, Document) and doc.text.strip()
