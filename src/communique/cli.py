"""The `communique` command. Thin: it parses arguments and calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Communiqué: facts from official government communications.")


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
    from .extract.pipeline import extract as run

    if fmt not in ("record", "facts"):
        raise UsageError(f"--format must be 'record' or 'facts', not {fmt!r}")
    if jsonl is not None:
        if path is not None:
            raise UsageError("give either PATH or --jsonl, not both")
        _extract_jsonl(jsonl, fmt)
        return
    if path is None:
        raise UsageError("give a PATH (or - for standard input) or --jsonl IN")
    from .ingest.formats import FormatError, read_document

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


def _extract_jsonl(path: Path, fmt: str) -> None:
    from .extract.pipeline import extract as run

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
                record = run(text, published=item.get("published"), url=item.get("url"),
                             language=item.get("language"), id=str(doc_id) if doc_id is not None else f"line{n}")
                result = _render(record, fmt)
                if doc_id is not None:
                    result["id"] = doc_id
            except Exception as exc:  # one bad line must not stop the batch
                result = {"id": doc_id if doc_id is not None else f"line{n}", "error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()


@app.command()
def demo(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or facts")] = "table",
) -> None:
    """Extract the bundled sample press releases and show what was found."""
    from rich.console import Console
    from rich.table import Table

    from .extract.pipeline import extract as run
    from .samples import sample_documents

    console = Console()
    docs = sample_documents()
    for doc in docs:
        record = run(doc.text, published=doc.published, url=doc.url, language=doc.language, id=doc.id)
        if fmt == "facts":
            console.print_json(json.dumps(record.to_facts(), ensure_ascii=False))
            continue
        facts = record.to_facts()
        console.rule(f"[bold]{doc.id}[/] · {facts['language']} · published {facts['published'] or '—'}")
        t = Table(show_header=True, header_style="bold", expand=True)
        t.add_column("event")
        t.add_column("status")
        t.add_column("when")
        t.add_column("where")
        t.add_column("who")
        for ev in facts["events"]:
            when = ev["start"] or ""
            if ev["end"]:
                when += f" – {ev['end']}"
            t.add_row(ev["type"] + (f": {ev['name']}" if ev["name"] else ""), ev["status"], when,
                      ev["location"] or "", ", ".join(ev["participants"]))
        console.print(t)
        for p in facts["persons"]:
            console.print(f"  [cyan]{p['name']}[/] — {'; '.join(p['roles']) or 'no title stated'}")
        for a in facts["agreements"]:
            console.print(f"  [green]{a['kind']}[/]: {a['title']} (signed {a['signed'] or '—'})")
        if facts["topics"]:
            console.print("  topics: " + ", ".join(t["label"] for t in facts["topics"]))


if __name__ == "__main__":
    app()
