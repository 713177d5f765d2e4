"""Alembic environment: migrates the database named by the config or DATABASE_URL."""

from alembic import context

from db import session as db_session
from db.models import Base

config = context.config


def _forward_only(ctx, step, heads, run_args) -> None:
    """Called after each step, inside its transaction: a step down is undone and refused
    (db/migrate.py says why the migrations go forward only)."""
    if not step.is_upgrade:
        from db.migrate import DowngradeRefused

        raise DowngradeRefused()


url = config.get_main_option("sqlalchemy.url") or db_session.database_url()


def run_migrations_offline() -> None:
    context.configure(
        url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=url.startswith("sqlite")
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with db_session.engine(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            on_version_apply=_forward_only,
        )
        with context.begin_transaction():
            context.run_migrations()


# `alembic downgrade` and command.downgrade hand Alembic a step function named "downgrade":
# refused before any step runs (the check after each step stays for any other way in).
if getattr(context._proxy.context_opts.get("fn"), "__name__", "") == "downgrade":
    from db.migrate import DowngradeRefused

    raise DowngradeRefused()

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
