"""The `communique` command. Thin: it parses arguments and calls the library."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from .common import DbOption, fail, open_store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Communiqué: facts from official government communications.")


PROGRESS_EVERY = 25  # off a terminal, `ingest` logs a line every this many sources


class UsageError(typer.BadParameter):
    pass


def _render(record, fmt: str) -> dict:
    return record.to_facts() if fmt == "facts" else record.to_dict()


@app.command()
def extract(
    path: Annotated[str | None, typer.Argument(help="A text, Markdown or HTML file, or - for standard input.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="record (the whole Record) or facts (the flat view).")] = "record",
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Batch: one JSON object per line "
                                               "({id, text, url?, published?, language?}); one output line each.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) to resolve relative dates.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code; guessed from the text when absent.")] = None,
    url: Annotated[str | None, typer.Option(help="Source URL recorded with the document.")] = None,
    indent: Annotated[int | None, typer.Option(help="Indent the JSON of a single document.")] = 1,
) -> None:
    """Extract the facts of one document (or a JSONL batch) and print them as JSON."""
    from ..extract.pipeline import extract as run

    if fmt not in ("record", "facts"):
        raise UsageError(f"--format must be 'record' or 'facts', not {fmt!r}")
    if jsonl is not None:
        if path is not None:
            raise UsageError("give either PATH or --jsonl, not both")
        extract_jsonl(jsonl, fmt)
        return
    if path is None:
        raise UsageError("give a PATH (or - for standard input) or --jsonl IN")
    from ..ingest.formats import FormatError, read_document

    try:
        doc = read_document(path)
    except (FormatError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    try:
        record = run(doc.text, published=published or doc.published, url=url or doc.url,
                     language=language or doc.language, id=doc.id)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(_render(record, fmt), ensure_ascii=False, indent=indent))


def extract_jsonl(path: Path, fmt: str) -> None:
    from ..extract.pipeline import extract as run
    from ..ingest.formats import MAX_TEXT_CHARS

    stream = sys.stdin if str(path) == "-" else None
    try:
        handle = stream or path.open(encoding="utf-8")
    except OSError as exc:
        typer.echo(f"error: cannot read {path}: {exc}", err=True)
        raise typer.Exit(2) from exc
    out = sys.stdout
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            doc_id = None
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("a line must hold a JSON object")
                doc_id = item.get("id")
                text = item.get("text")
                if not isinstance(text, str):
                    raise ValueError("missing or non-string 'text'")
                if len(text) > MAX_TEXT_CHARS:
                    raise ValueError(f"a text of {len(text)} characters, over the limit of {MAX_TEXT_CHARS} "
                                     "for one document; split it into parts")
                record = run(text, published=item.get("published"), url=item.get("url"),
                             language=item.get("language"), id=str(doc_id) if doc_id is not None else f"line{n}")
                result = _render(record, fmt)
                if doc_id is not None:
                    result["id"] = doc_id
            except Exception as exc:  # one bad line must not stop the batch
                result = {"id": doc_id if doc_id is not None else f"line{n}", "error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()


WorkersOption = Annotated[int, typer.Option("--workers", min=1, help="Extract on this many Ray workers "
                                           "(needs the scale extra); 1 runs in this process, without Ray.")]
RayAddressOption = Annotated[str | None, typer.Option("--ray-address", help="Join this Ray cluster "
                                                      "(default $RAY_ADDRESS) instead of starting a local one.",
                                                      show_default=False)]


@app.command()
def ingest(
    specs: Annotated[list[str] | None, typer.Argument(help="Files, folders, globs, URLs of pages, RSS/Atom feeds or sitemaps.")] = None,
    db: DbOption = None,
    glob: Annotated[str | None, typer.Option(help="Only files matching this pattern inside folders, e.g. '*.html'.")] = None,
    follow: Annotated[bool, typer.Option("--follow", help="Follow links from a page (a site's news section).")] = False,
    depth: Annotated[int, typer.Option(help="How many links deep --follow goes.")] = 1,
    any_host: Annotated[bool, typer.Option("--any-host", help="Let --follow leave the starting host.")] = False,
    max_pages: Annotated[int, typer.Option(help="At most this many pages per source.")] = 500,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents larger than this many bytes.")] = 20 * 1024 * 1024,
    rate: Annotated[float, typer.Option(help="Seconds between two requests to the same host.")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a server.")] = 20.0,
    doc_timeout: Annotated[float, typer.Option(
        "--doc-timeout", min=0, help="Seconds one document's extraction may take (in a worker process) before it "
        "is abandoned, recorded as failed and the job goes on; 0 extracts in this process with no limit.")] = 60.0,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Try again every source that failed before.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    workers: WorkersOption = 1,
    ray_address: RayAddressOption = None,
) -> None:
    """Read sources, extract their facts and store both; a re-run fetches only what changed."""
    from rich.console import Console

    if not specs and not retry_failed:
        raise UsageError("give at least one source, or --retry-failed")
    # Ray starts now, while this process imports and opens the store
    with _workers(workers, ray_address, doc_timeout=doc_timeout or None) as started:
        from .. import jobs

        options = jobs.IngestOptions(glob=glob, follow=follow, depth=depth, same_host=not any_host,
                                     max_pages=max_pages, max_bytes=max_bytes, rate=rate, timeout=timeout,
                                     doc_timeout=doc_timeout or None)
        summary = _ingest(specs, db, options, retry_failed, as_json, started)
    c = summary.counts
    status = _ingest_status(c)
    if as_json:
        typer.echo(json.dumps({**summary.to_dict(), "status": status}, ensure_ascii=False, indent=1))
        if status != "ok":
            raise typer.Exit(1)
        return
    console = Console()
    console.print(f"ingested [bold green]{c['new'] + c['upgraded']}[/] ({c['new']} new, {c['upgraded']} upgraded), "
                  f"[bold]{c['duplicate']}[/] duplicate, [bold]{c['unchanged']}[/] unchanged, "
                  f"[bold]{c['skipped']}[/] skipped, [bold red]{c['failed']}[/] failed")
    for line in summary.lines():
        console.print(f"  {line}", markup=False, highlight=False)
    for location, reason in summary.failures:
        console.print(f"  [red]failed[/] {location}: {reason}")
    if summary.failures:
        console.print("  retry with: communique ingest --retry-failed")
    if status == "nothing":
        console.print("  nothing was read: no source held a document")
    if status != "ok":
        raise typer.Exit(1)


def _ingest(specs, db, options, retry_failed: bool, as_json: bool, started):
    """The body of `ingest`: the store opened, the sources read into it; `started()` gives the Ray
    workers (None for one worker)."""
    from rich.console import Console

    from .. import jobs

    store = open_store(db, create=True)
    console = Console(stderr=True)
    try:
        total = None if retry_failed else source_total(specs or [], glob=options.glob)
        with _progress("ingest", console, as_json, total) as (bar, task):
            pool = started()
            quiet_log = not as_json and not console.is_terminal  # a log file or a pipe: a line per N sources
            started, done = time.monotonic(), [0]

            def tick(source, outcome):
                bar.update(task, advance=1, description=f"{outcome}: {source.location[-60:]}")
                done[0] += 1
                if quiet_log and done[0] % PROGRESS_EVERY == 0:
                    rate = done[0] / max(time.monotonic() - started, 1e-6)
                    typer.echo(f"ingest: {done[0]} sources read ({rate:.1f}/s), last {outcome}: {source.location}",
                               err=True)

            scaled = {} if pool is None else {"searcher": pool.searcher(store), "extract_with": pool.extract}
            if retry_failed and pool is None:
                summary = jobs.retry_failed(store, options, tick)
            else:
                sources = [f["source"] for f in store.failures()] if retry_failed else specs or []
                summary = jobs.ingest(sources, store, options, tick, **scaled)
    finally:
        store.close()
    return summary


def _ingest_status(counts: dict) -> str:
    """"ok"; "failed" when some source failed (exit status 1); "nothing" when no document was read
    at all, every source empty or skipped (exit status 1). Unchanged and duplicate ones count as read."""
    if counts.get("failed", 0):
        return "failed"
    if not any(counts.get(k, 0) for k in ("new", "upgraded", "unchanged", "duplicate")):
        return "nothing"
    return "ok"


def source_total(specs: list[str], glob: str | None) -> int | None:
    """How many sources a job of local files and folders reads (None where that is not known before:
    URLs, feeds, patterns), for the progress bar's total and time left."""
    from ..ingest.sources import walk_files

    total = 0
    for spec in specs:
        path = Path(spec)
        if path.is_file():
            total += 1
        elif path.is_dir():
            total += max(1, len(walk_files(path, glob)))  # an empty folder is reported once, as failed
        else:
            return None
    return total


@contextlib.contextmanager
def _progress(name: str, console, quiet: bool, total: int | None = None):
    """One bar for the whole job, whatever the worker count: done of total (when known), documents a
    second, time elapsed and time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f}/s" if task.speed else "", style="progress.data.speed")

    with Progress(SpinnerColumn(), TextColumn(f"[bold]{name}[/]"), BarColumn(), MofNCompleteColumn(), Rate(),
                  TimeElapsedColumn(), TimeRemainingColumn(), TextColumn("{task.description}"),
                  console=console, transient=True, disable=quiet or not console.is_terminal) as progress:
        yield progress, progress.add_task("", total=total)


@contextlib.contextmanager
def _workers(n: int, address: str | None, embed: bool = True, doc_timeout: float | None = None):
    """A function that gives the pool of Ray workers (None for one worker: no Ray at all). Ray starts
    at once, in a thread of its own, while the caller opens the store and reads its sources; the
    function waits for it (call it before anything opens the vector index). Each document within
    `doc_timeout` seconds, when given. Closed after."""
    if n <= 1 and not address:
        yield lambda: None
        return
    from ..scale import ScaleError, Starting

    try:
        starting = Starting(n, address, embed=embed, doc_timeout=doc_timeout)
    except ScaleError as exc:
        fail(str(exc))

    def pool():
        try:
            return starting.result()
        except ScaleError as exc:
            fail(str(exc))

    try:
        yield pool
    finally:
        starting.close()


@app.command()
def reextract(
    db: DbOption = None,
    workers: WorkersOption = 1,
    ray_address: RayAddressOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Extract again every stored document whose facts came from an older extractor, then relink."""
    from rich.console import Console

    from ..scale import reextract as run
    from ..scale import stale_ids

    store = open_store(db)
    console = Console(stderr=True)
    try:
        ids = stale_ids(store)
        with _progress("reextract", console, as_json, len(ids)) as (bar, task), \
                _workers(workers, ray_address, embed=False) as started:
            summary = run(store, started(), lambda doc_id, outcome: bar.update(task, advance=1, description=outcome),
                          ids=ids)
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    typer.echo(f"re-extracted {summary['upgraded']} document(s), {summary['failed']} failed"
               + (f"; relinked {summary['relinked']['documents']} document(s)" if summary["relinked"] else ""))
    for failure in summary["failures"]:
        typer.echo(f"  failed {failure['document']}: {failure['reason']}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find; Russian and English, any inflection.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many hits.")] = 10,
    mode: Annotated[str, typer.Option(help="hybrid, text or semantic.")] = "hybrid",
    period: Annotated[str | None, typer.Option(help="2026, 2026-04, or 2026-01..2026-03.")] = None,
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Event type: MEETING, VISIT, ...")] = None,
    person: Annotated[list[str] | None, typer.Option(help="A person named in the document.")] = None,
    organization: Annotated[list[str] | None, typer.Option("--org", help="An organization (name or acronym).")] = None,
    country: Annotated[list[str] | None, typer.Option(help="ISO 3166 code or name.")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Topic id: ai, cybersecurity, ...")] = None,
    language: Annotated[list[str] | None, typer.Option(help="Document language: ru, en, ...")] = None,
    source: Annotated[list[str] | None, typer.Option(help="The source the document came from.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print hits as JSON.")] = False,
) -> None:
    """Search stored documents: full text with morphology plus multilingual meaning."""
    from rich.console import Console

    from ..service import Service

    filters = {k: v for k, v in {"period": period, "event_type": event_type, "person": person,
                                 "organization": organization, "country": country, "topic": topic,
                                 "language": language, "source": source}.items() if v}
    store = open_store(db)
    try:
        hits = Service(store).find(query, limit=limit, filters=filters, mode=mode)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=1))
        return
    console = Console()
    if not hits:
        console.print("no documents found")
    for n, h in enumerate(hits, 1):
        console.print(f"[bold]{n}. {h.title or h.id}[/]  [dim]{h.published or ''} {h.url or ''} "
                      f"score {h.score:.3f} via {'+'.join(h.via)}[/]")
        console.print("   " + _marked(h.snippet))
        for fact in h.facts:
            console.print(f"   [cyan]•[/] {fact}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in Russian or English.")],
    db: DbOption = None,
    language: Annotated[str | None, typer.Option(help="The question's language (ru, en); guessed if left out.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print question, answer, citations and facts as JSON.")] = False,
) -> None:
    """Answer a question from the knowledge base; every part cites its sentence and document.

    Off by default, an OpenAI-compatible model may phrase the answer from the cited sentences only: \
set COMMUNIQUE_LLM_URL (base URL, e.g. http://127.0.0.1:8000/v1), COMMUNIQUE_LLM_MODEL and, if needed, \
COMMUNIQUE_LLM_KEY. Its sentences that do not match what they cite are dropped; on any failure or \
after 20 s (COMMUNIQUE_LLM_TIMEOUT) the composed answer is printed. Nothing is sent anywhere unless \
COMMUNIQUE_LLM_URL is set."""
    from ..service import Service

    store = open_store(db)
    try:
        result = Service(store).ask(question, language=language)
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    typer.echo(result["answer"])
    for n, c in enumerate(result["citations"], 1):
        typer.echo(f"  [{n}] {c['document_id']} {c.get('url') or ''} [{c['start']}:{c['end']}]")


def _marked(snippet: str) -> str:
    """Rich markup for a snippet whose hits are marked [[like this]]; the text itself is escaped."""
    import re

    from rich.markup import escape

    parts = re.split(r"\[\[|\]\]", snippet)
    return "".join(escape(p) if i % 2 == 0 else f"[reverse]{escape(p)}[/reverse]" for i, p in enumerate(parts))


def _register_commands() -> None:
    """The knowledge-base commands (entity, timeline, series, graph, relink, merge, split, why-merged,
    export) and the application's (serve, demo, token) live beside the layers they drive."""
    from .kb import register as register_kb
    from .serve import register as register_serve

    register_kb(app)
    register_serve(app)


_register_commands()


if __name__ == "__main__":
    app()
