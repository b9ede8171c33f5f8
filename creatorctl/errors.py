"""Errors a user can act on: the CLI prints them as one line and exits 1."""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in one line."""


class StoreError(UserError):
    """The store cannot be opened or used safely (location, permissions, URL)."""


class ConfigError(UserError):
    """The config file is unreadable, unsafe or holds a bad value."""
