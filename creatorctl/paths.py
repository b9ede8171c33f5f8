"""Where creatorctl keeps its data and config, and the checks that keep them private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from creatorctl.errors import StoreError

APP_NAME = "creatorctl"


def data_dir() -> Path:
    """The per-user data folder (platformdirs), not created."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The per-user config folder (platformdirs), not created."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "creatorctl.db"


def missing_store(db: str | None) -> Path | None:
    """The store file `db` names when it is not the default location and does not exist yet.

    A typo in `--db /typo/x.db` must not silently make folders and an empty store: the CLI
    creates such a file only with `--create` or after asking. Cheap (no SQLAlchemy): the
    command line calls it before the app's first frame.
    """
    if not db:
        return None
    if db.startswith("sqlite:"):
        rest = db.removeprefix("sqlite:").split("?", 1)[0]
        if not rest.startswith("///") or rest in ("///", "///:memory:"):
            return None
        db = rest[3:]
    elif "://" in db:
        return None
    path = Path(db).expanduser()
    if path.exists() or path == default_db_path():
        return None
    return path


def config_path() -> Path:
    """`CREATORCTL_CONFIG` if set, else `config.toml` in the user config folder."""
    env = os.environ.get("CREATORCTL_CONFIG")
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents, each 0700 whatever the umask); refuse an unsafe one.

    Only creatorctl's own data folder is tightened to 0700 when it exists and is looser; an
    existing folder that someone else owns or that others may write to is refused, since
    another user could swap our files.
    """
    from creatorctl.i18n import t
    from creatorctl.safe_fs import make_private_dir

    make_private_dir(path, what=t("fs.what.data"))
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        try:
            path.chmod(0o700)
        except OSError as exc:
            raise StoreError(f"cannot make {path} private (0700): {exc.strerror}") from None
