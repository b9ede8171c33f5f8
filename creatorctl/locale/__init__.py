"""Message catalogs, one module per area; each holds `MESSAGES = {key: (zh, en)}`."""

AREAS = (
    "common",
    "works",
    "accounts",
    "cli",
    "importers",
    "insights",
    "earn",
    "drafts",
    "inbox",
    "publish",
    "security",
    "ui",
    "sources",
    "audit",
)
