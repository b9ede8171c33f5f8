"""Every folder and file creatorctl makes goes through here: private, whatever the umask.

On a shared box the other users are not trusted. So a folder creatorctl creates (its parents
included) is 0700, a file it writes is 0600, and it writes only into a folder that no one else
can swap files in: owned by the user (or root) and not writable by group or others unless the
sticky bit is set (as on /tmp). A symlink is followed only if its target passes the same checks.
Folders that already exist keep their mode: they are the user's, not ours to change.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from creatorctl.errors import StoreError


def _trusted_owner(uid: int) -> bool:
    """The user, or root (who can read everything anyway)."""
    return uid in (os.getuid(), 0)


def _problem(path: Path, *, is_dir: bool) -> str | None:
    """Why another user could change or swap `path` (a clause with the fix), or None."""
    from creatorctl.i18n import t

    try:
        st = path.stat()  # follows a symlink: its target is what holds the data
    except FileNotFoundError:
        return None
    except OSError as exc:
        return t("fs.unchecked", reason=exc.strerror)
    if not (_trusted_owner(st.st_uid) if is_dir else st.st_uid == os.getuid()):
        return t("fs.other_owner", uid=st.st_uid)
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o022 and not (is_dir and mode & stat.S_ISVTX):
        return t("fs.others_write", mode=f"{mode:o}", path=path)
    return None


def folder_problem(folder: Path) -> str | None:
    """Why another user could swap files in `folder`, or None. Owned by the user or root, and
    not writable by group or others unless sticky (like /tmp)."""
    return _problem(folder, is_dir=True)


def check_folder(folder: Path, *, what: str) -> None:
    """Refuse to keep `what` in `folder` (or where a symlinked folder points) if others could
    swap files there. One line, naming the folder and the fix."""
    from creatorctl.i18n import t

    try:
        real = folder.resolve()  # a symlinked folder: its target is where the files live
    except OSError:
        real = folder
    problem = folder_problem(real)
    if problem:
        raise StoreError(t("fs.refuse_folder", what=what, folder=real, problem=problem))


def check_file(path: Path, *, what: str) -> None:
    """Refuse an existing file (or a symlink's target) another user owns or may write to, or
    one in a folder others could swap it in. A missing file only has its folder checked."""
    from creatorctl.i18n import t

    check_folder(path.parent, what=what)
    if path.is_symlink():
        path = path.resolve()
        check_folder(path.parent, what=what)
    problem = _problem(path, is_dir=False)
    if problem:
        raise StoreError(t("fs.refuse_file", what=what, path=path, problem=problem))


def make_private_dir(path: Path, *, what: str) -> Path:
    """Create `path` and any missing parents, each 0700 whatever the umask; check the result.

    Existing folders keep their mode; the last one must pass `folder_problem`'s rules.
    """
    from creatorctl.i18n import t

    missing: list[Path] = []
    cur = path
    while not cur.exists() and not cur.is_symlink() and cur != cur.parent:
        missing.append(cur)
        cur = cur.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: checked below like any other
        except OSError as exc:
            raise StoreError(t("fs.cant_create", path=folder, reason=exc.strerror)) from None
        os.chmod(folder, 0o700)  # the umask may have taken bits away (umask 777 …)
    if not path.is_dir():
        raise StoreError(t("fs.not_folder", path=path))
    check_folder(path, what=what)
    return path


@contextmanager
def private_writer(
    path: Path, *, what: str, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """Write `path` as a 0600 file, atomically: into a temporary file beside it, renamed over
    it when the block ends without error (a failure leaves no half file). The folder is
    checked first, and made (0700) if missing. An existing file there is replaced, not
    written through (a symlink in its place is replaced by the file)."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        make_private_dir(folder, what=what)
    check_folder(folder, what=what)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_private(path: Path, text: str, *, what: str) -> Path:
    """Write `text` to `path` as a 0600 file (see `private_writer`)."""
    with private_writer(path, what=what) as fh:
        fh.write(text)
    return path


def private_runtime_dir() -> Path:
    """A private folder for files that live as long as a process (the serve URL file).

    The user's runtime folder ($XDG_RUNTIME_DIR, /run/user/UID) when it exists and is safe;
    else creatorctl's data folder (never a shared /tmp).
    """
    from platformdirs import user_runtime_path

    from creatorctl.i18n import t
    from creatorctl.paths import data_dir

    base = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}")
    if base.is_dir() and folder_problem(base) is None:
        try:
            candidate = user_runtime_path("creatorctl", appauthor=False)
        except OSError:
            candidate = base / "creatorctl"
        if candidate.is_relative_to(base):
            return make_private_dir(candidate, what=t("fs.what.runtime"))
    return make_private_dir(data_dir() / "run", what=t("fs.what.runtime"))
