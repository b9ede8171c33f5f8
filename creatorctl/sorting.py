"""The sort orders a list offers, written once per list.

A `SortKeys` names a list's sort keys in the order the tab's `s` key cycles through them (the
default first) and which way each one runs unless reversed. The tab (`s`, a header click), the
command line (`--sort`'s choices and default) and the domain function that checks the key all
read the same `SortKeys`, defined below (in a module the command line loads cheaply).
"""

from __future__ import annotations

from dataclasses import dataclass

from creatorctl.errors import UserError
from creatorctl.i18n import t


@dataclass(frozen=True)
class SortKeys:
    keys: tuple[str, ...]
    """In the order `s` cycles through them; the first is the default."""
    ascending: frozenset[str] = frozenset()
    """Keys that run ascending unless reversed (text: A→Z); the others run most/newest first."""

    @property
    def default(self) -> str:
        return self.keys[0]

    def after(self, key: str) -> str:
        """The key `s` goes to from `key` (the default from a key it does not know)."""
        if key not in self.keys:
            return self.default
        return self.keys[(self.keys.index(key) + 1) % len(self.keys)]

    def descending(self, key: str) -> bool:
        """Which way `key` runs unless reversed."""
        return key not in self.ascending

    def check(self, key: str) -> str:
        """`key`, or a UserError naming the keys there are."""
        if key not in self.keys:
            raise UserError(t("err.bad_sort", col=key, cols=", ".join(self.keys)))
        return key


WORK_SORTS = SortKeys(
    ("published_at", "title", "plays", "likes", "comments", "shares", "completion_rate"),
    ascending=frozenset({"title"}),
)
"""The Works list (each key a column of `work`, indexed): the tab's `s` and header clicks,
`works list --sort`, `works.list_works`."""
COMMENT_SORTS = SortKeys(("new", "likes"))
"""Comments: newest or most liked first (the Comments pane's `s`, `comments list --sort`)."""
MEMBER_SORTS = SortKeys(("active", "messages"))
"""A fan group's members: most recently active or most messages first (`s`, `--sort`)."""
