"""Alembic migrations: the store's schema history, oldest first."""
