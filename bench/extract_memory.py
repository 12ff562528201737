"""Peak memory of one extraction against the document's length.

    python bench/extract_memory.py [10000 100000 1000000]

Joins the NEREL dev texts (repeated as needed) into one text of each length, and prints the peak
memory tracemalloc sees during one `communique.extract(text, language="ru")` (Python and numpy
allocations, the models loaded before), per character, and the CPU seconds it took. Issue 15 asks
that memory per document be linear in its length.
"""

from __future__ import annotations

import sys
import time
import tracemalloc

from extract_speed import SHARED, load_texts


def main(argv: list[str]) -> int:
    import communique

    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    texts = load_texts(SHARED / "data/ner/nerel.dev.jsonl", None)
    big = "\n\n".join(texts)
    while len(big) < max(sizes):
        big = big + "\n\n" + big
    communique.extract(texts[0], language="ru")  # models load outside the measure, the language model too
    communique.extract("Министр провёл встречу в Москве.\n\nThe minister met the delegation in London on Monday.")
    for n in sizes:
        text = big[:n]
        tracemalloc.start()
        t0 = time.process_time()
        communique.extract(text, language="ru")
        cpu = time.process_time() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{n:>9} chars: peak {peak / 2**20:8.1f} MiB ({peak / n:5.0f} B/char), CPU {cpu:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
