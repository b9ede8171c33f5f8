"""Accounts: add, switch, profile edits with history and undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from creatorctl.accounts import (
    add_account,
    current_account,
    get_account,
    history,
    list_accounts,
    undo_last,
    update_profile,
    use_account,
)
from creatorctl.errors import UserError


def test_first_account_becomes_current_and_switching_works(store) -> None:  # type: ignore[no-untyped-def]
    assert current_account(store) is None
    add_account(store, "first")
    add_account(store, "second", make_current=False)
    assert current_account(store).handle == "first"
    use_account(store, "second")
    assert current_account(store).handle == "second"
    assert current_account(store, "first").handle == "first"
    assert [a.handle for a in list_accounts(store)] == ["first", "second"]


@pytest.mark.parametrize("handle", ["", "has space", "x" * 33, "bad/slash"])
def test_bad_handles_are_refused(store, handle: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError):
        add_account(store, handle)
    assert list_accounts(store) == []


def test_duplicate_and_unknown_accounts(store) -> None:  # type: ignore[no-untyped-def]
    add_account(store, "dup")
    with pytest.raises(UserError, match="已存在"):
        add_account(store, "dup")
    with pytest.raises(UserError, match="nobody"):
        use_account(store, "nobody")


def test_profile_edit_history_and_undo(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    acc = add_account(store, "chef", nickname="阿柚")
    avatar = tmp_path / "a.png"
    avatar.write_bytes(b"png")
    changes = update_profile(
        store,
        acc.id,
        bio="从日常vlog改成职场干货",
        niche="职场",
        avatar_path=str(avatar),
        verified=True,
    )
    assert set(changes) == {"bio", "niche", "avatar_path", "verified"}
    assert get_account(store, "chef").verified
    assert history(store, "account", acc.id)[0].new in {
        "从日常vlog改成职场干货",
        "职场",
        str(avatar),
        "1",
    }
    assert update_profile(store, acc.id, bio="从日常vlog改成职场干货") == {}
    restored = undo_last(store, "account", acc.id)
    assert restored is not None and restored["bio"] == ""
    after = get_account(store, "chef")
    assert after.bio == "" and after.niche == "" and not after.verified
    assert undo_last(store, "account", acc.id) is None


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"nickname": ""}, "不能为空"),
        ({"nickname": "名" * 21}, "太长"),
        ({"bio": "字" * 251}, "太长"),
        ({"avatar_path": "/no/such/avatar.png"}, "文件不存在"),
    ],
)
def test_bad_profile_values_change_nothing(store, values: dict, words: str) -> None:  # type: ignore[no-untyped-def]
    acc = add_account(store, "p", nickname="原名")
    with pytest.raises(UserError, match=words):
        update_profile(store, acc.id, **values)
    assert get_account(store, "p").nickname == "原名"
    assert history(store, "account", acc.id) == []
