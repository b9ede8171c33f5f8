"""Textual's Footer, recomposed only when what it shows changes.

Footer removes and mounts all its keys whenever the screen's bindings may have changed: on a
tab switch that happened twice (focus lands, then moves to the tab's list) and again when a
refresh moved focus, each time restyling every key. The keys a composition would show are
compared first; the same keys keep the widgets they have.
"""

from __future__ import annotations

from textual.widgets import Footer


class QuickFooter(Footer):
    """A Footer that skips recomposing into the keys it already shows."""

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._shown: tuple[object, ...] | None = None

    def _signature(self) -> tuple[object, ...]:
        """Everything Footer.compose reads to decide its children."""
        keys = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.show,
                enabled,
                tooltip,
                binding.tooltip,
                (binding.group.description, binding.group.compact) if binding.group else None,
            )
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )
        return (
            keys,
            self._bindings_ready,
            self.compact,
            self.show_command_palette,
            self.app.ENABLE_COMMAND_PALETTE,
            self.app.COMMAND_PALETTE_BINDING,
        )

    async def recompose(self) -> None:
        if not self.is_attached or self._pruning:
            return
        shown = self._signature()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
