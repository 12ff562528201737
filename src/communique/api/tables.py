"""The tables of the application: API tokens (hashed, with a role) and its own secrets.

They share the store's metadata (one schema, one migration history; revision 0003 makes them,
together with `corrections` of communique.corrections).
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..store.schema import Base

ROLES = ("viewer", "editor", "admin")


class TokenRow(Base):
    """An API token: only its SHA-256 is kept; the token itself is shown once, when made."""

    __tablename__ = "api_tokens"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)  # who holds it: a person or a program
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    role: Mapped[str] = mapped_column(String(16))  # viewer | editor | admin
    created: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str | None] = mapped_column(Text)
    last_used: Mapped[str | None] = mapped_column(String(40))
    revoked: Mapped[str | None] = mapped_column(String(40))


class SecretRow(Base):
    """Secrets the application makes for itself once (the key that signs session cookies)."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
