"""The Drafts tab's words for a draft: its state's colour, its time, and its details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from creatorctl.i18n import in_language, t

if TYPE_CHECKING:
    from creatorctl.drafts import DraftInfo

STATE_STYLES = {
    "draft": "",
    "scheduled": "cyan",
    "publishing": "yellow",
    "published": "green",
    "failed": "bold red",
    "missed": "bold red",
    "unknown": "bold magenta",
}


def when_text(d: DraftInfo) -> str:
    when = d.published_at if d.state == "published" else d.scheduled_at
    return when.strftime("%m-%d %H:%M") if when else "–"


def detail_text(d: DraftInfo) -> Text:
    """Everything about one draft, exactly as saved, with what to worry about first."""
    text = Text()
    text.append(f"#{d.id} {d.title}\n", style="bold")
    text.append(t(f"state.{d.state}"), style=STATE_STYLES.get(d.state, ""))
    if d.scheduled_at and d.state != "published":
        text.append(f" · {d.scheduled_at:%Y-%m-%d %H:%M}")
    if d.published_at:
        text.append(" · " + t("drafts.published_at", when=f"{d.published_at:%Y-%m-%d %H:%M}"))
    if d.attempts and d.state != "published":
        text.append(" · " + t("drafts.tries", n=d.attempts))
    text.append("\n")
    if d.last_error:
        # No space after the mark: a CJK line then wraps in place instead of leaving it alone.
        text.append(f"✗{in_language(d.last_error)}\n", style="red")
    if d.state != "published":
        for warning in d.warnings():
            text.append(f"⚠{warning}\n", style="yellow")
    for key, value in (
        ("field.tags", " ".join(d.tags)),
        ("field.video_path", d.video_path),
        ("field.cover_path", d.cover_path),
        ("field.description", d.description),
    ):
        if value:
            text.append(f"{t(key)} ", style="dim")
            text.append(f"{value}\n")
    if d.work_id is not None:
        text.append(f"{t('drafts.work')} ", style="dim")
        text.append(f"#{d.work_id}" + (f" (item {d.item_id})" if d.item_id else "") + "\n")
    text.append(f"{t('field.edit_params')}\n", style="dim")
    text.append(d.edit_params or "–", style="cyan")
    return text
