"""Alembic environment: creatorctl runs migrations on a connection it already holds."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached from the alembic command line
    raise SystemExit("run migrations through creatorctl (creatorctl.store.migrate)")

context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
