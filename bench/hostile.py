"""Time the hostile inputs of issue 14 that used to take minutes or gigabytes, each on its own:

    PYTHONPATH=src python bench/hostile.py

Prints seconds per input; the tests check what comes out (tests/test_fuzz.py), this says how long it
takes.
"""

from __future__ import annotations

import io
import time
import zipfile


def docx_of_paragraphs(n: int) -> bytes:
    import docx

    d = docx.Document()
    for i in range(n):
        d.add_paragraph(f"p{i}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * unpacked + "</w:document>")
    return buf.getvalue()


def main() -> None:
    import communique.extract as extract
    from communique.ingest.formats import FormatError, document_from_bytes, markdown_to_text

    extract("Министр.")
    cases = [
        ('extract("\\n" * 4000 + "а")', lambda: extract("\n" * 4000 + "а")),
        ('extract(" \\n" * 20000 + "а")', lambda: extract(" \n" * 20000 + "а")),
        ('markdown_to_text("**a " * 25600)', lambda: markdown_to_text("**a " * 25600)),
        ('markdown_to_text("[a](" * 30000)', lambda: markdown_to_text("[a](" * 30000)),
    ]
    docx20k = docx_of_paragraphs(20_000)
    cases.append((f"DOCX of 20,000 paragraphs ({len(docx20k) // 1024} KB)",
                  lambda: document_from_bytes(docx20k, "many.docx")))
    bomb = zip_bomb(200 * 1024 * 1024)
    cases.append((f"DOCX of {len(bomb) // 1024} KB unpacking to 200 MB (refused)", lambda: document_from_bytes(bomb, "b.docx")))
    big = ("Министр иностранных дел провёл переговоры. " * 240_000).encode()  # under the 20 MB byte cap
    cases.append((f"a {len(big) // 2**20} MB text (refused)", lambda: document_from_bytes(big, "big.txt")))
    for name, call in cases:
        s = time.perf_counter()
        try:
            call()
            outcome = "ok"
        except FormatError as exc:
            outcome = "refused: " + str(exc).split(": ", 1)[1][:100]
        seconds = time.perf_counter() - s
        print(f"{seconds:7.2f} s  {name}  [{outcome}]", flush=True)


if __name__ == "__main__":
    main()
