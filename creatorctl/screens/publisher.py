"""The in-app scheduler's side of the UI: it runs `creatorctl.scheduler` while the app is open
and turns its thread callbacks into messages the App handles with `@on`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

    from creatorctl.config import NotifyConfig, PublishConfig
    from creatorctl.publishing import PublishOutcome
    from creatorctl.scheduler import InAppScheduler
    from creatorctl.store import Store


class InAppPublisher:
    """Publishes due posts while the app is open; its jobs only post messages to the app.

    The Drafts tab posts `PostPublished` too, after `p` (publish now) ran its try."""

    @dataclass
    class PostPublished(Message):
        """A scheduler job finished a try; the app shows it and refreshes the lists."""

        outcome: PublishOutcome
        """How the try ended."""

    @dataclass
    class SchedulerTrouble(Message):
        """The in-app scheduler could not run a tick (shown once per distinct error)."""

        text: str
        """One line for the user."""

    @classmethod
    def start(
        cls,
        app: App[Any],
        store: Store,
        config: PublishConfig,
        notify: NotifyConfig | None = None,
    ) -> InAppScheduler:
        """Start the scheduler; its outcomes and troubles reach `app` as messages."""
        from creatorctl.scheduler import InAppScheduler

        scheduler = InAppScheduler(
            store,
            config,
            on_outcome=lambda outcome: app.post_message(cls.PostPublished(outcome)),
            on_error=lambda text: app.post_message(cls.SchedulerTrouble(text)),
            notify=notify,
        )
        scheduler.start()
        return scheduler
