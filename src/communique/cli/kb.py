"""The knowledge-base commands of `communique`: entity, timeline, series, graph, relink, merge, split,
why-merged, export. Thin: they parse arguments and call the service layer (`communique.service`),
the same functions the pages and the API call (`entity` → `Service.entity`, `timeline` →
`Service.timeline`, `series` → `Service.series`, `graph` → `Service.graph`), so `--json` prints what
the API returns; the knowledge base (`communique.link`) decides which names, reports and meetings are
one, and which entity or series a name typed here denotes.

`register(app)` adds them to the top-level Typer app (cli.py calls it once).
"""


import json
from pathlib import Path
from typing import Annotated

import typer


def _dump(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _event_line(ev: dict) -> str:
    """One event of the service layer (`Service.event_summary`) on one line."""
    when = ev["start"] or "????"
    if ev["end"] and ev["end"] != ev["start"]:
        when += f"..{ev['end']}"
    people = ", ".join(p["name"] for p in ev["participants"] if p.get("type") in ("PER", "ORG"))
    where = f" @ {ev['location']['name']}" if ev["location"] else ""
    name = f" «{ev['name']}»" if ev["name"] else ""
    flag = " [conflict: " + ", ".join(c["field"] for c in ev["conflicts"]) + "]" if ev["conflicts"] else ""
    return f"{when}  {ev['type']}{name}{where} — {people} ({len(ev['sources'])} source(s)){flag}"


ALL = 10 ** 9  # "no limit" for the service's paged views


def register(app: typer.Typer) -> None:
    """Add the knowledge-base commands to `app`."""
    from .common import DbOption, open_store

    def with_service(db, action, code: int = 1):
        """Run one query or decision through the service layer; a refusal (an unknown name, a bad
        period, a merge without a reason: a ValueError or NotFound) is a clear error with exit code `code`."""
        from ..service import NotFound, Service

        svc = Service(open_store(db))
        try:
            return action(svc)
        except (ValueError, NotFound) as exc:
            _fail(str(exc), code)
        finally:
            svc.store.close()

    @app.command("entity")
    def entity_cmd(
        name: Annotated[str, typer.Argument(help="A name in any spelling or script, or an entity key.")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
    ) -> None:
        """An entity's profile: names, roles over time, events, co-participants, documents (the profile
        the entity page and GET /api/v1/entities/KEY show)."""
        profile = with_service(db, lambda svc: svc.entity(svc.entity_named(name), events_limit=0,
                                                          documents_limit=ALL))
        if as_json:
            _dump(profile)
            return
        typer.echo(f"{profile['name']}  [{profile['type']} {profile['key']}]" + (f"  {profile['iso']}" if profile["iso"] else ""))
        for lang, n in sorted(profile["names_by_language"].items()):
            typer.echo(f"  {lang}: {n}")
        if profile["aliases"]:
            typer.echo("  also: " + "; ".join(profile["aliases"]))
        if profile["roles"]:
            typer.echo("roles:")
            for r in profile["roles"]:
                org = f" ({r['organization']['name']})" if r["organization"] else ""
                typer.echo(f"  {r['first'] or '?'} .. {r['last'] or '?'}  {r['title']}{org}")
        if profile["events"]:
            typer.echo("events:")
            for ev in profile["events"]:
                typer.echo("  " + _event_line(ev))
        if profile["co_participants"]:
            typer.echo("met with: " + ", ".join(f"{c['name']} ({c['events']})" for c in profile["co_participants"][:15]))
        typer.echo(f"sources: {profile['documents_total']} document(s)")

    @app.command("timeline")
    def timeline_cmd(
        db: DbOption = None,
        person: Annotated[str | None, typer.Option(help="A person taking part.")] = None,
        organization: Annotated[str | None, typer.Option("--org", help="An organization taking part.")] = None,
        country: Annotated[str | None, typer.Option(help="ISO 3166 code or name: the place or a participant's.")] = None,
        series: Annotated[str | None, typer.Option(help="A series (key, name or part of its name).")] = None,
        event_type: Annotated[list[str] | None, typer.Option("--type", help="MEETING, VISIT, SIGNING, ...")] = None,
        topic: Annotated[list[str] | None, typer.Option(help="A topic (id or label) of the reporting documents.")] = None,
        period: Annotated[str | None, typer.Option(help="2025, 2025-05 or 2024-01..2025-06.")] = None,
        limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the timeline as JSON.")] = False,
    ) -> None:
        """Dated events in date order, each once with its sources and any conflict between them (the
        timeline page's and GET /api/v1/timeline's events)."""
        from ..store import period_bounds

        def run(svc):
            lo, hi = period_bounds(period) if period else (None, None)
            filters = svc.filters_named(person=person, organization=organization, country=country, series=series)
            return svc.timeline(from_=lo, to=hi, type=",".join(event_type) if event_type else None,
                                topic=topic, limit=limit or ALL, **filters)

        data = with_service(db, run, code=2)
        if as_json:
            _dump(data)
            return
        for ev in data["events"]:
            typer.echo(_event_line(ev))
        if not data["events"]:
            typer.echo("no events")

    @app.command("series")
    def series_cmd(
        name: Annotated[str | None, typer.Argument(help="A series (key, name or part of it); all when absent.")] = None,
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """Recurring events (numbered meetings, sessions) grouped into series, in order (the series
        pages' and GET /api/v1/series/KEY's)."""
        from ..service import NotFound

        def run(svc):
            if name:
                keys = svc.series_named(name)
                if not keys:
                    raise NotFound(f"no series is named {name!r}")
                return svc.series(keys[0])
            return [svc.series(s["key"]) for s in svc.series_list(limit=ALL)[0]]

        data = with_service(db, run)
        if as_json:
            _dump(data)
            return
        for s in [data] if isinstance(data, dict) else data:
            typer.echo(f"{s['name']}  [{s['key']}]" + ("" if s["consistent"] else f"  (! {s['order']})"))
            for ev in s["events"]:
                no = f"no. {ev['ordinal']}" if ev["ordinal"] is not None else "no. ?"
                where = ev["location"]["name"] if ev["location"] else "?"
                typer.echo(f"  {no:<8} {ev['start'] or '?':<10}  {where}  ({len(ev['sources'])} source(s))")

    @app.command("graph")
    def graph_cmd(
        db: DbOption = None,
        types: Annotated[list[str] | None, typer.Option("--type", help="Node types: PER, ORG, LOC (default PER and ORG).")] = None,
        min_weight: Annotated[int, typer.Option(help="Only pairs that met at least this many times.")] = 1,
        as_json: Annotated[bool, typer.Option("--json", help="Print nodes and edges as JSON.")] = False,
    ) -> None:
        """Who met whom and how often: co-participation in events and agreements, weighted (the graph
        page's and GET /api/v1/graph's edges)."""
        g = with_service(db, lambda svc: svc.graph(
            types=",".join(t.upper() for t in types) if types else "PER,ORG", min_weight=min_weight, limit=ALL))
        if as_json:
            _dump(g)
            return
        names = {n["id"]: n["name"] for n in g["nodes"]}
        for e in g["edges"]:
            typer.echo(f"{e['weight']:>4}  {names.get(e['source'], e['source'])} — {names.get(e['target'], e['target'])}")

    @app.command("relink")
    def relink_cmd(
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ) -> None:
        """Link every stored document again from scratch; manual merges and splits are replayed."""
        summary = with_service(db, lambda svc: svc.relink())
        if as_json:
            _dump(summary)
            return
        typer.echo(f"relinked {summary['documents']} document(s): {summary['entities']} entities "
                   f"({summary['persons']} persons, {summary['organizations']} organizations, {summary['places']} places), "
                   f"{summary['events']} events, {summary['conflicts']} conflict(s), {summary['series']} series; "
                   f"{summary['replayed']} manual decision(s) replayed")

    @app.command("merge")
    def merge_cmd(
        a: Annotated[str, typer.Argument(help="An entity (name or kb id).")],
        b: Annotated[str, typer.Argument(help="Another entity of the same type.")],
        who: Annotated[str, typer.Option(help="Who decides (kept in the audit log).")],
        why: Annotated[str, typer.Option(help="Why (kept in the audit log).")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        """Merge two entities by hand; recorded in the audit log and replayed after every relink."""
        result = with_service(db, lambda svc: svc.merge_entities(a, b, who=who, why=why))
        if as_json:
            _dump(result)
            return
        typer.echo(f"merged {result['merged'][0]} and {result['merged'][1]} into {result['entity']} (audit #{result['audit']})")

    @app.command("split")
    def split_cmd(
        entity: Annotated[str, typer.Argument(help="The entity to split (name or kb id).")],
        aliases: Annotated[list[str], typer.Argument(help="The names that belong to someone else.")],
        who: Annotated[str, typer.Option(help="Who decides (kept in the audit log).")],
        why: Annotated[str, typer.Option(help="Why (kept in the audit log).")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        """Split names off an entity into one of their own, kept apart from now on (audit log)."""
        result = with_service(db, lambda svc: svc.split_entity(entity, aliases, who=who, why=why))
        if as_json:
            _dump(result)
            return
        typer.echo(f"split {result['moved']} mention(s) off {result['entity']} into {result['new']} (audit #{result['audit']})")

    @app.command("why-merged")
    def why_merged_cmd(
        a: Annotated[str, typer.Argument(help="A name as a text wrote it.")],
        b: Annotated[str, typer.Argument(help="Another name.")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
    ) -> None:
        """Why two names are one entity (the chain of evidence), or why they are kept apart."""
        why = with_service(db, lambda svc: svc.why_merged(a, b))
        if as_json:
            _dump(why)
            return
        if not why["merged"]:
            typer.echo(f"not merged: {why['a']['entity_name']} [{why['a']['entity']}] and "
                       f"{why['b']['entity_name']} [{why['b']['entity']}]")
            for c in why["conflicts"]:
                typer.echo(f"  against: {c}")
            for r in why["reasons"]:
                typer.echo(f"  for: {r}")
            if why["kept_apart_by"]:
                k = why["kept_apart_by"]
                typer.echo(f"  kept apart by a manual {k['action']} by {k['who']}: {k['why']} (audit #{k['audit']})")
            return
        typer.echo(f"merged into {why['entity_name']} [{why['entity']}]")
        for step in why["path"]:
            extra = f" — {step['audit']['who']}: {step['audit']['why']}" if step.get("audit") else ""
            typer.echo(f"  {step['from']['name']} ({step['from']['document_id']}) → {step['to']['name']} "
                       f"({step['to']['document_id']}): {step['rule']} {step['score']}{extra}")
            for r in step["reasons"]:
                typer.echo(f"      {r}")
        if not why["path"]:
            typer.echo("  the same mention carries both names" if why["complete"] else
                       "  no recorded chain; directly: " + "; ".join(why["direct"]["reasons"]))

    @app.command("export")
    def export_cmd(
        fmt: Annotated[str, typer.Argument(help="jsonld, plover, csv, parquet, ics or graphml.")],
        out: Annotated[Path | None, typer.Option("--out", "-o", help="File (a folder for csv and parquet).")] = None,
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the paths written as JSON.")] = False,
    ) -> None:
        """Export the knowledge base: JSON-LD (schema.org), PLOVER JSON, CSV, Parquet, iCalendar, GraphML."""
        from ..export import FORMATS, SUFFIX

        fmt = fmt.lower()
        if fmt not in FORMATS:
            _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", 2)
        target = out or Path(f"communique-{fmt}{SUFFIX[fmt]}")
        paths = with_service(db, lambda svc: svc.export_files(fmt, target))
        if as_json:
            _dump({"format": fmt, "paths": [str(p) for p in paths]})
            return
        for p in paths:
            typer.echo(str(p))
