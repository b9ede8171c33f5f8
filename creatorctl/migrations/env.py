"""Alembic environment: creatorctl runs migrations on a connection it already holds.

The SQLModel tables (creatorctl.models) are the schema; `target_metadata` is theirs, so
`alembic check` and autogenerate compare a store with them (tests/test_schema.py).
"""

from alembic import context

from creatorctl.models import include_object, metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached from the alembic command line
    raise SystemExit("run migrations through creatorctl (creatorctl.store.migrate)")

context.configure(
    connection=connection,
    target_metadata=metadata(),
    include_object=include_object,
    compare_type=True,
    compare_server_default=True,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
