"""The `serve`, `demo` and `token` commands of `communique` (registered by `register(app)`).

    communique serve --db communique.db --port 8000     # the pages and the JSON API
    communique demo                                      # a fresh database of the bundled samples, served
    communique demo --no-serve                           # ... built and summarized, not served
    communique token create --role editor --name anna   # an API token (shown once)
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from ..model import Document

DbOption = Annotated[str | None, typer.Option("--db", help="Database: a SQLite file or postgresql://...; "
                                                 "default $COMMUNIQUE_DB or ./communique.db", show_default=False)]


def build_demo(db: str | Path, extra: Iterable[Document] = ()) -> dict:
    """A database at `db` holding the bundled sample press releases (and `extra` documents)."""
    from ..jobs import ingest_documents
    from ..link import KnowledgeBase
    from ..samples import sample_documents
    from ..store import Store

    with Store.open(str(db)) as store:
        summary = ingest_documents([*sample_documents(), *extra], store, origin="samples")
        counts = {k: store.count(k) for k in ("documents", "entities", "events", "agreements")}
        linked = {"documents": counts["documents"], **KnowledgeBase(store).stats()}  # the ingest linked each
    return {"db": str(db), "ingest": summary.to_dict(), **counts, "knowledge_base": linked}


def _serve(db_url: str, host: str, port: int, *, private: bool, secret_key: str | None, log_level: str,
           secure_cookies: bool = False, forwarded_allow_ips: str | None = None) -> None:
    import uvicorn

    from ..api import create_app

    app = create_app(db_url, private=private, secret_key=secret_key, warm=True, https_only=secure_cookies)
    proxy = {"proxy_headers": True, "forwarded_allow_ips": forwarded_allow_ips} if forwarded_allow_ips else \
        {"proxy_headers": False}
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug", **proxy)


def port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on (in use, not an address here), or None when it can."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError as exc:
        return f"{host} is not an address to listen on: {exc}"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind(address)
        except OSError as exc:
            return f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server there? try --port"
    return None


def read_secret(secret_key: str | None, secret_key_file: Path | None) -> str | None:
    """The session-signing key: --secret-key / $COMMUNIQUE_SECRET_KEY, else the first line of
    --secret-key-file, else None (a key kept in the database)."""
    if secret_key:
        return secret_key
    if secret_key_file is None:
        return None
    try:
        key = secret_key_file.read_text(encoding="utf-8").strip().splitlines()[0].strip()
    except (OSError, UnicodeError, IndexError) as exc:
        raise typer.BadParameter(f"cannot read a key from {secret_key_file}: {exc}") from exc
    if len(key) < 32:
        raise typer.BadParameter(f"the key in {secret_key_file} is shorter than 32 characters")
    return key


def register(app: typer.Typer) -> None:
    """Add `serve`, `demo` and `token` to the `communique` command."""

    @app.command()
    def serve(
        db: DbOption = None,
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        private: Annotated[bool, typer.Option("--private", help="Reading needs a token or a sign-in too "
                                              "(default: anyone may read, only tokens write).")] = False,
        secret_key: Annotated[str | None, typer.Option(
            "--secret-key", envvar="COMMUNIQUE_SECRET_KEY",
            help="Key that signs session cookies; default: one kept in the database.")] = None,
        secret_key_file: Annotated[Path | None, typer.Option(
            "--secret-key-file", envvar="COMMUNIQUE_SECRET_KEY_FILE",
            help="A file whose first line is that key (kept outside the database: read access to the "
                 "database then cannot forge a session). Rotate it by replacing the file and restarting; "
                 "signed-in sessions end.")] = None,
        secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="Send the session cookie only "
                                                     "over HTTPS (behind a TLS proxy).")] = False,
        forwarded_allow_ips: Annotated[str | None, typer.Option(
            "--forwarded-allow-ips", help="Trust X-Forwarded-For/-Proto from these proxy addresses (comma-"
            "separated), so client addresses (rate limits) and the scheme are the real ones.")] = None,
        log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    ) -> None:
        """Serve the pages and the JSON API (OpenAPI at /api/openapi.json) over a database."""
        from ..store import resolve_url
        from .common import open_store

        key = read_secret(secret_key, secret_key_file)
        open_store(db).close()  # one clear line when it is missing or not a database
        problem = port_problem(host, port)
        if problem:
            typer.echo(f"error: {problem}", err=True)
            raise typer.Exit(2)
        typer.echo(f"Communiqué on http://{host}:{port}/  (API: http://{host}:{port}/api/openapi.json)")
        _serve(resolve_url(db), host, port, private=private, secret_key=key, log_level=log_level,
               secure_cookies=secure_cookies, forwarded_allow_ips=forwarded_allow_ips)

    @app.command()
    def demo(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
        no_serve: Annotated[bool, typer.Option("--no-serve", help="Build the demo database, print a "
                                               "summary and exit.")] = False,
        db: Annotated[Path | None, typer.Option("--db", help="Where to build it (a new SQLite file); "
                                                "default: a fresh temporary folder.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ) -> None:
        """Ingest the bundled sample press releases into a fresh database and serve it."""
        import shutil

        if db is not None and db.exists():
            typer.echo(f"error: {db} exists; the demo builds a fresh database", err=True)
            raise typer.Exit(2)
        problem = None if no_serve else port_problem(host, port)
        if problem:  # before minutes of building, not after
            typer.echo(f"error: {problem}", err=True)
            raise typer.Exit(2)
        scratch = None
        if db is None:  # a temporary folder, removed when the demo ends
            scratch = Path(tempfile.mkdtemp(prefix="communique-demo-"))
            db = scratch / "demo.db"
        try:
            _demo(db, host, port, no_serve=no_serve, as_json=as_json, temporary=scratch is not None)
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)

    def _demo(db: Path, host: str, port: int, *, no_serve: bool, as_json: bool, temporary: bool) -> None:
        from ..api.auth import create_token
        from ..store import Store

        if not as_json:
            typer.echo(f"building the demo database {db} from the bundled samples ...", err=True)
        summary = build_demo(db)
        with Store.open(str(db)) as store:
            token = create_token(store, name="demo editor", role="editor", created_by="communique demo")
        summary["editor_token"] = token
        if as_json:
            typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        else:
            c = summary["ingest"]
            typer.echo(f"{summary['documents']} documents ({c['new']} new, {c['duplicate']} duplicate, "
                       f"{c['failed']} failed), {summary['entities']} entities, {summary['events']} events, "
                       f"{summary['agreements']} agreements in {db}"
                       + (" (a temporary folder, removed when the demo ends; --db keeps one)" if temporary else ""))
            typer.echo(f"an editor token, to sign in and correct facts: {token}")
        if no_serve:
            return
        typer.echo(f"open http://{host}:{port}/  (Ctrl+C stops)")
        _serve(str(db), host, port, private=False, secret_key=None, log_level="warning")

    token_app = typer.Typer(help="API tokens: viewer, editor or admin.", no_args_is_help=True)
    app.add_typer(token_app, name="token")

    @token_app.command("create")
    def token_create(
        name: Annotated[str, typer.Option(help="Who holds it (a person or a program).")],
        role: Annotated[str, typer.Option(help="viewer, editor or admin.")] = "viewer",
        db: DbOption = None,
    ) -> None:
        """Make a token; it is printed once and only its hash is kept."""
        from ..api.auth import create_token
        from ..api.tables import ROLES
        from ..store import Store

        if role not in ROLES:
            typer.echo(f"error: --role must be one of {', '.join(ROLES)}", err=True)
            raise typer.Exit(2)
        with Store.open(db) as store:
            typer.echo(create_token(store, name=name, role=role, created_by="command line"))

    @token_app.command("list")
    def token_list(db: DbOption = None) -> None:
        """The tokens (never the tokens themselves): id, prefix, role, name, state."""
        from ..api.auth import list_tokens
        from ..store import Store

        with Store.open(db) as store:
            for t in list_tokens(store):
                state = f"revoked {t['revoked']}" if t["revoked"] else f"last used {t['last_used'] or 'never'}"
                typer.echo(f"{t['id']}\t{t['prefix']}…\t{t['role']}\t{t['name']}\t{state}")

    @token_app.command("revoke")
    def token_revoke(token_id: Annotated[int, typer.Argument(help="The id `token list` shows.")],
                     db: DbOption = None) -> None:
        """Revoke a token at once."""
        from ..api.auth import revoke_token
        from ..store import Store

        with Store.open(db) as store:
            if not revoke_token(store, token_id):
                typer.echo(f"error: no active token {token_id}", err=True)
                raise typer.Exit(1)
        typer.echo(f"revoked {token_id}")
