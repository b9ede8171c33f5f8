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
