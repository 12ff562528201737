"""Alembic migrations of the store; run in code by `communique.store.repository.migrate`."""
