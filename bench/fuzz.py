"""A longer fuzz run than the test suite's: random texts through `extract` and random bytes through the
format parsers (text, Markdown, HTML, PDF, DOCX); prints the crashes (any exception other than a
FormatError from a parser), the inputs that ran over a time budget per 10 KB (each stopped there by a
timer, so one slow input does not stall the run) and the slowest input per 10 KB.

    PYTHONPATH=src python bench/fuzz.py --n 5000 --seed 1

The inputs are generated here from a fixed seed: random code points (surrogates and unnamed letters
included), made-up words of official prose, markup fragments, and the magic numbers of the formats.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import signal
import time
import traceback
import zipfile

WORDS = ["Министр", "иностранных", "дел", "Республики", "Северия", "встретился", "с", "послом", "в", "Москве",
         "12", "марта", "2026", "года", "подписали", "соглашение", "о", "сотрудничестве", "The", "Minister",
         "met", "the", "Ambassador", "of", "Ruritania", "on", "5", "May", "signed", "a", "memorandum", "ООН",
         "«", "»", ".", ",", "—", "\n", "\n\n", "**", "#", "-", "12.03.2026", "г.", "Алматы", "Қазақстан",
         "визит", "переговоры", "Президент", "Premier", "Ministry", "Foreign", "Affairs", "(", ")", ":"]
MARKUP = ["<html>", "<body>", "</body>", "<p>", "</p>", "<?", "?>", "<svg>", "<o/>", "<!--", "-->", "<script>",
          "<title>", "</title>", "<meta charset='koi8-r'>", "&amp;", "&#0;", "<![CDATA[", "**", "[a](", "\n", "# ",
          "<table><tr><td>", "<time datetime='2026-03-01'>", "<rss>", "<urlset>", "\ufeff", "<div>", "</div>"]
PREFIXES = [b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>", b"", b"", b""]
NAMES = ["f.txt", "f.md", "f.html", "f.pdf", "f.docx"]


def random_char(rnd: random.Random) -> str:
    pick = rnd.random()
    if pick < 0.5:
        return chr(rnd.choice([rnd.randint(0x20, 0x7e), rnd.randint(0x410, 0x44f), 0x451, 0x4d9, 0x49b]))
    if pick < 0.6:
        return chr(rnd.randint(0xd800, 0xdfff))  # lone surrogates
    if pick < 0.7:
        return chr(rnd.choice([0x187e4, 0x2fffe, 0xe000, 0xfffd, 0x200b, 0x2028, 0x0]))
    return chr(rnd.randint(0, 0x10ffff))


def random_text(rnd: random.Random) -> str:
    kind = rnd.random()
    n = rnd.choice([5, 30, 200, 1000, 5000])
    if kind < 0.3:
        return "".join(random_char(rnd) for _ in range(n))
    if kind < 0.9:
        return " ".join(rnd.choice(WORDS) if rnd.random() < 0.9 else random_char(rnd) * rnd.randint(1, 50)
                        for _ in range(n // 4 + 1))
    # runs of one character or one pattern: the inputs that find backtracking
    return rnd.choice(["\n", " \n", "**a ", "*", "[", "[a](", "12.03.2026 визит, ", "а", "-", "«"]) * n


def random_docx(rnd: random.Random) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", rnd.choice(["<Types/>", "", random_text(rnd)]).encode("utf-8", "replace"))
        body = "".join(rnd.choice(["<w:p><w:r><w:t>", "</w:t></w:r></w:p>", random_text(rnd)[:200]])
                       for _ in range(rnd.randint(0, 30)))
        z.writestr("word/document.xml", body.encode("utf-8", "surrogatepass"))
    return buf.getvalue()


def random_bytes(rnd: random.Random) -> bytes:
    kind = rnd.random()
    if kind < 0.25:
        return rnd.choice(PREFIXES) + rnd.randbytes(rnd.choice([10, 100, 2000]))
    if kind < 0.35:
        return random_docx(rnd)
    if kind < 0.8:
        parts = [rnd.choice(MARKUP) if rnd.random() < 0.6 else random_text(rnd)[:80] for _ in range(rnd.randint(1, 80))]
        return "".join(parts).encode("utf-8", "surrogatepass")
    return random_text(rnd).encode("utf-8", "surrogatepass")


class _OverBudget(Exception):
    pass


def _alarm(signum, frame):
    raise _OverBudget()


def timed(call, size: int, budget_per_10k: float):
    """Run `call` under a wall-clock budget of `budget_per_10k` seconds per 10 KB (at least one 10 KB
    share); returns (seconds, error or None, over budget?)."""
    budget = budget_per_10k * max(size, 10_000) / 10_000
    signal.setitimer(signal.ITIMER_REAL, budget)
    s = time.perf_counter()
    try:
        call()
        error = None
    except _OverBudget:
        return time.perf_counter() - s, None, True
    except Exception:
        error = traceback.format_exc(limit=-2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - s, error, False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="inputs for extract, and as many for the parsers")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=2.0, help="seconds per 10 KB before an input counts as slow")
    args = ap.parse_args()

    import communique.extract as extract
    from communique.ingest.formats import FormatError, document_from_bytes

    signal.signal(signal.SIGALRM, _alarm)
    rnd = random.Random(args.seed)
    extract("Министр.")
    crashes: list[str] = []
    slow: list[str] = []
    worst = (0.0, "")
    t0 = time.perf_counter()

    def note(what, size, seconds, error, over, worst):
        """Record one input's outcome; returns the slowest rate (seconds per 10 KB) within budget so far."""
        if error:
            crashes.append(f"{what}: {error}")
        if over:
            slow.append(what)
            return worst
        return max(worst, (seconds / max(size, 10_000) * 10_000, what))

    for i in range(args.n):
        text = random_text(rnd)
        language = rnd.choice([None, None, "ru", "en", "kk"])
        size = len(text.encode("utf-8", "surrogatepass"))
        seconds, error, over = timed(lambda t=text, lang=language: extract(t, language=lang), size, args.budget)
        worst = note(f"extract #{i} ({len(text)} chars: {text[:40]!r})", size, seconds, error, over, worst)

        data = random_bytes(rnd)
        name = rnd.choice(NAMES)

        def parse(d=data, n=name):
            with contextlib.suppress(FormatError):
                document_from_bytes(d, n)

        seconds, error, over = timed(parse, len(data), args.budget)
        worst = note(f"{name} #{i} ({len(data)} bytes: {data[:40]!r})", len(data), seconds, error, over, worst)
    for c in crashes[:10]:
        print(c)
    for s in slow[:20]:
        print("over budget:", s)
    print(f"inputs: {args.n} texts through extract + {args.n} byte strings through the parsers, seed {args.seed}")
    print(f"crashes: {len(crashes)}")
    print(f"over {args.budget:g} s per 10 KB: {len(slow)} (stopped at the budget)")
    print(f"slowest within budget: {worst[0]:.2f} s per 10 KB of UTF-8 ({worst[1]})")
    print(f"total: {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
