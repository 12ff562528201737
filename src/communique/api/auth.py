"""Who may do what: API tokens with roles, sessions for the pages, CSRF tokens for their forms.

- Reading is open to anyone by default (`private=True` makes it need a viewer token or a sign-in).
- Writing needs a role: `editor` corrects facts (and withdraws their own corrections), `admin` also
  makes and revokes tokens and withdraws anyone's corrections. `viewer` only reads.
- Programs send `Authorization: Bearer <token>`. People sign in to the pages with a token once; the
  session (a signed, HttpOnly, SameSite=Lax cookie) then names the token, which is checked again on
  every request, so a revoked token ends its sessions.
- Every form (and any write made with the session cookie instead of a bearer token) carries the
  session's CSRF token, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import HTTPException, Request
from sqlalchemy import insert, select, update

from .limits import client_of
from .tables import ROLES, SecretRow, TokenRow

T = TokenRow.__table__
RANK = {None: 0, "viewer": 1, "editor": 2, "admin": 3}
TOKEN_PREFIX = "cq_"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is asking: a token's holder (via a bearer header or a session), or nobody."""

    role: str | None = None
    name: str | None = None
    token_id: int | None = None
    via: str | None = None  # "token" | "session" | None

    @property
    def authenticated(self) -> bool:
        return self.role is not None

    def can(self, role: str) -> bool:
        return RANK.get(self.role, 0) >= RANK[role]

    @property
    def label(self) -> str:
        return self.name or "anonymous"


ANONYMOUS = Principal()


# -- tokens -------------------------------------------------------------------------------------

def create_token(store, *, name: str, role: str, created_by: str | None = None) -> str:
    """Make a token and return it; only its hash is stored."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    name = (name or "").strip()
    if not name:
        raise ValueError("a token needs a name (who holds it)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.writing() as conn:
        conn.execute(insert(T).values(name=name[:200], token_hash=_hash(token), prefix=token[:10], role=role,
                                      created=_now(), created_by=created_by))
    return token


def list_tokens(store) -> list[dict]:
    with store.reading() as conn:
        rows = conn.execute(select(T).order_by(T.c.pk)).all()
    return [{"id": r.pk, "name": r.name, "prefix": r.prefix, "role": r.role, "created": r.created,
             "created_by": r.created_by, "last_used": r.last_used, "revoked": r.revoked} for r in rows]


def revoke_token(store, token_id: int) -> bool:
    with store.writing() as conn:
        done = conn.execute(update(T).where(T.c.pk == token_id, T.c.revoked.is_(None)).values(revoked=_now()))
        return done.rowcount > 0


class TokenCache:
    """Token look-ups for every request, kept a few seconds (a revocation takes effect within `ttl`)."""

    def __init__(self, store, ttl: float = 5.0):
        self.store = store
        self.ttl = ttl
        self._by_hash: dict[str, tuple[float, Principal | None]] = {}
        self._by_id: dict[int, tuple[float, Principal | None]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._by_hash.clear()
            self._by_id.clear()

    def _fetch(self, where) -> Principal | None:
        with self.store.reading() as conn:
            row = conn.execute(select(T.c.pk, T.c.name, T.c.role, T.c.last_used)
                               .where(where, T.c.revoked.is_(None))).first()
        if row is None:
            return None
        if row.last_used is None or row.last_used[:16] != _now()[:16]:  # at most once a minute
            try:
                with self.store.writing() as conn:
                    conn.execute(update(T).where(T.c.pk == row.pk).values(last_used=_now()))
            except Exception:  # a busy database must not refuse a read
                pass
        return Principal(role=row.role, name=row.name, token_id=row.pk, via="token")

    def by_token(self, token: str) -> Principal | None:
        if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        digest = _hash(token)
        now = time.monotonic()
        with self._lock:
            hit = self._by_hash.get(digest)
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        found = self._fetch(T.c.token_hash == digest)
        with self._lock:
            if len(self._by_hash) > 10_000:
                self._by_hash.clear()
            self._by_hash[digest] = (now, found)
        return found

    def by_id(self, token_id: int) -> Principal | None:
        now = time.monotonic()
        with self._lock:
            hit = self._by_id.get(token_id)
        if hit and now - hit[0] < self.ttl:
            return hit[1]
        found = self._fetch(T.c.pk == token_id)
        with self._lock:
            self._by_id[token_id] = (now, found)
        return found


def app_secret(store, name: str = "session-key") -> str:
    """A secret the application made for itself once and keeps in the database."""
    with store.reading() as conn:
        value = conn.execute(select(SecretRow.value).where(SecretRow.name == name)).scalar()
    if value:
        return value
    value = secrets.token_urlsafe(48)
    try:
        with store.writing() as conn:
            conn.execute(insert(SecretRow.__table__).values(name=name, value=value))
    except Exception:  # another process made it first
        with store.reading() as conn:
            value = conn.execute(select(SecretRow.value).where(SecretRow.name == name)).scalar_one()
    return value


# -- requests ------------------------------------------------------------------------------------

def _session(request: Request) -> dict:
    return request.session if "session" in request.scope else {}


def check_pace(request: Request) -> None:
    """429 with Retry-After for a client that failed to authenticate too often just now."""
    limiter = getattr(request.app.state, "failures", None)
    wait = limiter.retry_after(client_of(request)) if limiter is not None else None
    if wait is not None:
        raise HTTPException(429, f"too many failed sign-ins or token checks; try again in {wait} s",
                            headers={"Retry-After": str(wait)})


def failed_attempt(request: Request) -> None:
    limiter = getattr(request.app.state, "failures", None)
    if limiter is not None:
        limiter.failed(client_of(request))


def principal(request: Request) -> Principal:
    """Who sent the request (a FastAPI dependency; cached on the request)."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    tokens: TokenCache = request.app.state.tokens
    found = ANONYMOUS
    header = request.headers.get("authorization", "")
    if header:
        check_pace(request)
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            failed_attempt(request)
            raise HTTPException(401, "use 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": 'Bearer realm="communique"'})
        who = tokens.by_token(value.strip())
        if who is None:
            failed_attempt(request)
            raise HTTPException(401, "unknown or revoked token",
                                headers={"WWW-Authenticate": 'Bearer realm="communique", error="invalid_token"'})
        found = who
    else:
        session = _session(request)
        token_id = session.get("tok")
        if isinstance(token_id, int):
            who = tokens.by_id(token_id)
            if who is None:
                session.pop("tok", None)  # revoked: the session ends
            else:
                found = Principal(role=who.role, name=who.name, token_id=who.token_id, via="session")
    request.state.principal = found
    return found


def require(role: str):
    """A dependency that lets through only principals holding `role` (or a higher one)."""
    if role not in ROLES:
        raise ValueError(role)

    def check(request: Request) -> Principal:
        who = principal(request)
        if not who.authenticated:
            raise HTTPException(401, f"this needs a token with the {role} role",
                                headers={"WWW-Authenticate": 'Bearer realm="communique"'})
        if not who.can(role):
            raise HTTPException(403, f"this needs the {role} role; yours is {who.role}")
        return who

    return check


def reader(request: Request) -> Principal:
    """Reads are open unless the application is private."""
    who = principal(request)
    if request.app.state.private and not who.can("viewer"):
        raise HTTPException(401, "this server is private: sign in or send a token",
                            headers={"WWW-Authenticate": 'Bearer realm="communique"'})
    return who


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    session = _session(request)
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def rotate_csrf(request: Request) -> None:
    _session(request)["csrf"] = secrets.token_urlsafe(32)


def csrf_ok(request: Request, supplied: str | None) -> bool:
    expected = _session(request).get("csrf")
    if not isinstance(expected, str) or not supplied:
        return False
    return hmac.compare_digest(expected.encode(), str(supplied).encode())


def check_api_csrf(request: Request, who: Principal) -> None:
    """A write through the API with the session cookie (not a bearer token) must carry the CSRF header."""
    if who.via == "session" and not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "missing or wrong X-CSRF-Token header (writes made with the session cookie "
                                 "need it; programs should send a bearer token)")
