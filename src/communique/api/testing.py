"""Helpers for testing and benchmarking the application: a demo database built once per process and
copied for each user, a document carrying script-injection payloads, and a server in a thread.

    >>> db = demo_database(tmp_path, xss=True)     # the bundled samples (+ the hostile document)
    >>> with running(create_app(db)) as base_url:   # uvicorn on 127.0.0.1, a free port
    ...     httpx.get(base_url + "/api/v1/health")
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..model import Document

XSS_MARK = "window.__xss"
XSS_TITLE = 'Визит <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>'
XSS_TEXT = (
    "Москва, 1 апреля 2026 г.\n"
    "Визит <img src=x onerror=\"window.__xss=3\"> в Казахстан\n"
    "1 апреля 2026 г. в Москве состоялась встреча Министра цифрового развития Российской Федерации "
    "Олега Карпенко <script>window.__xss=4</script> с Министром цифрового развития Республики Казахстан "
    "Ерланом Жумабековым.\n"
    "Стороны подписали Меморандум о сотрудничестве <svg onload=\"window.__xss=5\"></svg> в сфере "
    "кибербезопасности.\n"
    "Примечание: <a href=\"javascript:window.__xss=6\">ссылка</a> и <iframe src=\"javascript:window.__xss=7\">"
    "</iframe> — это текст, а не разметка.\n"
)


def xss_document() -> Document:
    """A press release whose title, text and URL carry script-injection payloads: every page must show
    them as text and never run them."""
    return Document(id="xss-probe", text=XSS_TEXT, title=XSS_TITLE, url="javascript:window.__xss=8",
                    published="2026-04-01", language="ru", source="<script>window.__xss=9</script>")


@functools.cache
def _template(xss: bool) -> Path:
    from ..cli.serve import build_demo

    folder = Path(tempfile.mkdtemp(prefix="communique-template-"))
    build_demo(folder / "demo.db", extra=[xss_document()] if xss else [])
    return folder


def demo_database(dest: str | Path, *, xss: bool = False) -> str:
    """A fresh copy, in folder `dest`, of the demo database (built on the first call of the process);
    returns the path of the SQLite file. The vector index beside it is copied too."""
    src = _template(xss)
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and not f.name.endswith(("-wal", "-shm")):
            shutil.copy2(f, dest / f.name)
    return str(dest / "demo.db")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(app, *, host: str = "127.0.0.1", port: int | None = None, timeout: float = 30.0) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread; yields its base URL and stops it after."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="communique-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
