"""The Earn tab's brand-deal actions: accept (`j`), deliver (`d`) and settle (`s`) a task.

A part of `EarnTab`, kept apart so the tab's module stays about showing the numbers. Each action
runs in a worker that posts `TaskChanged`; the tab handles it with `@on`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from creatorctl.i18n import fmt_amount, t

if TYPE_CHECKING:
    from creatorctl.config import Config
    from creatorctl.earn import BrandTask
    from creatorctl.screens.base import TabView
    from creatorctl.screens.earn.tab import EarnSummary
    from creatorctl.widgets.paged_table import PagedTable

    _Base = TabView
else:
    _Base = object


class BrandTaskActions(_Base):
    """Accept, deliver and settle the selected brand task, each after a confirmation."""

    config: Config | None
    summary: EarnSummary | None
    tasks: dict[int, BrandTask]

    if TYPE_CHECKING:

        @property
        def brand_table(self) -> PagedTable: ...

    def _selected_task(self) -> BrandTask | None:
        key = self.brand_table.selected_key
        return self.tasks.get(int(key)) if key is not None else None

    def _task_for(self, action: str) -> BrandTask | None:
        """The selected task if `action` may start from its state; else say why, None."""
        from creatorctl.earn import transition_error

        task = self._selected_task()
        if task is None:
            self.notify(t("earn.no_selection"), severity="warning")
            return None
        error = transition_error(task, action)
        if error:
            self.notify(error, severity="error")
            return None
        return task

    def action_accept(self) -> None:
        from creatorctl.config import Config
        from creatorctl.earn import accept_refusal
        from creatorctl.screens.confirm import ConfirmScreen

        task = self._task_for("accept")
        if task is None or self.summary is None or self.account is None:
            return
        fans = self.summary.eligibility["xingtu"].fans
        refusal = accept_refusal(task, fans, self.account.verified, self.config or Config())
        if refusal:
            self.notify(refusal, severity="error", timeout=8)
            return
        question = t(
            "earn.confirm_accept",
            id=task.id,
            brand=task.brand,
            title=task.title,
            commission=fmt_amount(task.commission),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._accept(task.id)

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_deliver(self) -> None:
        from creatorctl.screens.confirm import ConfirmScreen
        from creatorctl.screens.works.picker import WorkPickerScreen

        task = self._task_for("deliver")
        if task is None or self.store is None or self.account is None:
            return

        def picked(work_id: int | None) -> None:
            if work_id is None:
                return

            def answered(yes: bool | None) -> None:
                if yes:
                    self._deliver(task.id, work_id)

            question = t(
                "earn.confirm_deliver",
                id=task.id,
                brand=task.brand,
                title=task.title,
                work=work_id,
                work_title=picker.picked_title,
            )
            self.app.push_screen(ConfirmScreen(question), answered)

        prompt = t("earn.pick_work", id=task.id)
        picker = WorkPickerScreen(self.store, self.account.id, prompt)
        self.app.push_screen(picker, picked)

    def action_settle(self) -> None:
        from creatorctl.screens.earn.settle import SettleScreen

        task = self._task_for("settle")
        if task is None:
            return
        question = t("earn.settle_question", id=task.id, brand=task.brand)

        def answered(amount: float | None) -> None:
            if amount is not None:
                self._settle(task.id, amount)

        self.app.push_screen(SettleScreen(question, task.commission), answered)

    @dataclass
    class TaskChanged(Message):
        """A brand task was accepted, delivered or settled; `line` says which."""

        line: str
        """What the user reads."""

    @work(thread=True, group="earn-change", exit_on_error=False)
    def _accept(self, task_id: int) -> None:
        from creatorctl.earn import accept_brand_task

        store, account = self.store, self.account
        assert store is not None and account is not None
        task = accept_brand_task(store, account.id, task_id, self.config)
        self.post_message(self.TaskChanged(t("earn.accepted", id=task.id, title=task.title)))

    @work(thread=True, group="earn-change", exit_on_error=False)
    def _deliver(self, task_id: int, work_id: int) -> None:
        from creatorctl.earn import deliver_brand_task

        store, account = self.store, self.account
        assert store is not None and account is not None
        task = deliver_brand_task(store, account.id, task_id, work_id)
        self.post_message(self.TaskChanged(t("earn.delivered", id=task.id, work=work_id)))

    @work(thread=True, group="earn-change", exit_on_error=False)
    def _settle(self, task_id: int, amount: float) -> None:
        from creatorctl.earn import settle_brand_task

        store, account = self.store, self.account
        assert store is not None and account is not None
        task = settle_brand_task(store, account.id, task_id, amount)
        settled = fmt_amount(task.settled_amount or 0)
        self.post_message(self.TaskChanged(t("earn.settled", id=task.id, amount=settled)))
