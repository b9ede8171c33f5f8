"""星图 brand tasks: list and filter, accept only when eligible, deliver a work, settle.

A task moves open → accepted → delivered → settled, one step at a time; settling records the
payment in the earnings ledger.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

import sqlalchemy as sa

from creatorctl.accounts import get_account_by_id
from creatorctl.config import Config
from creatorctl.earn.ledger import as_date, record_earning
from creatorctl.eligibility import evaluate
from creatorctl.errors import UserError
from creatorctl.i18n import fmt_amount, fmt_int, t
from creatorctl.store import Store, Unit
from creatorctl.timeutil import from_db, today, utc_to_local, utcnow

BRAND_STATES = ("open", "accepted", "delivered", "settled")
"""A brand task moves forward through these, one step at a time."""


@dataclass(frozen=True)
class BrandTask:
    """A brand task as the screens and the CLI see it (times local)."""

    id: int
    platform_id: str | None
    brand: str
    title: str
    category: str
    requirements: str
    commission: float
    min_fans: int
    deadline: date | None
    state: str
    accepted_at: datetime | None
    delivered_work_id: int | None
    delivered_work_title: str | None
    settled_at: datetime | None
    settled_amount: float | None

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        for key in ("deadline", "accepted_at", "settled_at"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        return out


@dataclass(frozen=True)
class BrandTotals:
    """Counts per state and commission sums: offered (open), in progress, settled."""

    counts: dict[str, int]
    open_commission: float
    pending_commission: float
    """Accepted or delivered, not yet paid."""
    settled: float

    def line(self) -> str:
        """One line: open / in progress / settled, each with its money (`earn brand list`
        under its table, the Earn tab's brand status)."""
        return t(
            "earn.brand_totals",
            open=self.counts["open"],
            open_c=fmt_amount(self.open_commission),
            pending=self.counts["accepted"] + self.counts["delivered"],
            pending_c=fmt_amount(self.pending_commission),
            settled=self.counts["settled"],
            settled_c=fmt_amount(self.settled),
        )


_SELECT = """
SELECT b.*, w.title AS work_title FROM brandtask b
LEFT JOIN work w ON w.id = b.delivered_work_id
"""


def _row(r: sa.Row) -> BrandTask:
    return BrandTask(
        id=r.id,
        platform_id=r.platform_id,
        brand=r.brand,
        title=r.title,
        category=r.category,
        requirements=r.requirements,
        commission=r.commission,
        min_fans=r.min_fans,
        deadline=as_date(r.deadline) if r.deadline else None,
        state=r.state,
        accepted_at=utc_to_local(from_db(r.accepted_at)) if r.accepted_at else None,
        delivered_work_id=r.delivered_work_id,
        delivered_work_title=r.work_title,
        settled_at=utc_to_local(from_db(r.settled_at)) if r.settled_at else None,
        settled_amount=r.settled_amount,
    )


def _filters(
    store: Store,
    account_id: int,
    category: str | None,
    qualify_only: bool,
    config: Config | None,
    params: dict[str, object],
) -> str:
    where = "b.account_id = :a"
    params["a"] = account_id
    if category:
        where += " AND b.category = :c"
        params["c"] = category
    if qualify_only:
        acc = get_account_by_id(store, account_id)
        earn = (config or Config()).earn
        if not evaluate(acc.fans, acc.verified, earn)["xingtu"].eligible:
            return where + " AND 1 = 0"
        where += " AND b.min_fans <= :fans AND b.state = 'open'"
        params["fans"] = acc.fans or 0
    return where


def count_brand_tasks(
    store: Store,
    account_id: int,
    *,
    category: str | None = None,
    qualify_only: bool = False,
    config: Config | None = None,
) -> int:
    params: dict[str, object] = {}
    where = _filters(store, account_id, category, qualify_only, config, params)
    with store.read() as conn:
        return int(
            conn.execute(
                sa.text(f"SELECT count(*) FROM brandtask b WHERE {where}"), params
            ).scalar()
            or 0
        )


def list_brand_tasks(
    store: Store,
    account_id: int,
    *,
    category: str | None = None,
    qualify_only: bool = False,
    config: Config | None = None,
    offset: int = 0,
    limit: int = 1000,
) -> list[BrandTask]:
    """Tasks, open ones first, then by deadline. `qualify_only`: open ones the account may take."""
    params: dict[str, object] = {"lim": limit, "off": offset}
    where = _filters(store, account_id, category, qualify_only, config, params)
    order = (
        "CASE b.state WHEN 'open' THEN 0 WHEN 'accepted' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END,"
        " b.deadline IS NULL, b.deadline, b.id"
    )
    with store.read() as conn:
        rows = conn.execute(
            sa.text(f"{_SELECT} WHERE {where} ORDER BY {order} LIMIT :lim OFFSET :off"), params
        )
        return [_row(r) for r in rows]


def brand_categories(store: Store, account_id: int) -> list[str]:
    with store.read() as conn:
        return [
            r[0]
            for r in conn.execute(
                sa.text(
                    "SELECT DISTINCT category FROM brandtask WHERE account_id=:a AND category != ''"
                    " ORDER BY category"
                ),
                {"a": account_id},
            )
        ]


def get_brand_task(store: Store, account_id: int, task_id: int) -> BrandTask:
    with store.read() as conn:
        return _get(conn, account_id, task_id)


def _get(conn: Unit, account_id: int, task_id: int) -> BrandTask:
    r = conn.execute(
        sa.text(f"{_SELECT} WHERE b.id = :i AND b.account_id = :a"), {"i": task_id, "a": account_id}
    ).first()
    if r is None:
        raise UserError(t("earn.err.no_task", id=task_id))
    return _row(r)


NEEDED_STATE = {"accept": "open", "deliver": "accepted", "settle": "delivered"}
"""The state each action starts from."""


def transition_error(task: BrandTask, action: str) -> str | None:
    """Why `action` cannot be done to the task in its current state, or None if it can."""
    needed = NEEDED_STATE[action]
    if task.state == needed:
        return None
    return t(
        "earn.err.bad_transition",
        id=task.id,
        action=t(f"earn.action.{action}"),
        state=t(f"earn.state.{task.state}"),
        needed=t(f"earn.state.{needed}"),
    )


def _require_state(task: BrandTask, action: str) -> None:
    error = transition_error(task, action)
    if error:
        raise UserError(error)


def accept_refusal(task: BrandTask, fans: int | None, verified: bool, config: Config) -> str | None:
    """Why the account may not accept the task (naming the threshold), or None if it may."""
    have = fans or 0
    xingtu = evaluate(fans, verified, config.earn)["xingtu"]
    if not xingtu.eligible:
        return t(
            "earn.err.xingtu_threshold",
            min=fmt_int(xingtu.min_fans),
            fans=fmt_int(have),
            short=fmt_int(xingtu.fans_short),
        )
    if have < task.min_fans:
        return t(
            "earn.err.task_threshold",
            id=task.id,
            min=fmt_int(task.min_fans),
            fans=fmt_int(have),
            short=fmt_int(task.min_fans - have),
        )
    return None


def accept_brand_task(
    store: Store, account_id: int, task_id: int, config: Config | None = None
) -> BrandTask:
    """open → accepted, refused with the threshold named when the account does not qualify."""
    cfg = config or Config()
    acc = get_account_by_id(store, account_id)
    with store.write() as conn:
        task = _get(conn, account_id, task_id)
        _require_state(task, "accept")
        reason = accept_refusal(task, acc.fans, acc.verified, cfg)
        if reason:
            raise UserError(reason)
        if task.deadline is not None and task.deadline < today():
            raise UserError(t("earn.err.past_deadline", id=task.id, deadline=task.deadline))
        conn.execute(
            sa.text("UPDATE brandtask SET state='accepted', accepted_at=:n WHERE id=:i"),
            {"n": utcnow(), "i": task_id},
        )
        _audit(conn, account_id, task, "accepted")
        return _get(conn, account_id, task_id)


def deliver_brand_task(store: Store, account_id: int, task_id: int, work_id: int) -> BrandTask:
    """accepted → delivered, linking the published work that fulfils it."""
    with store.write() as conn:
        task = _get(conn, account_id, task_id)
        _require_state(task, "deliver")
        work = conn.execute(
            sa.text("SELECT 1 FROM work WHERE id=:w AND account_id=:a AND deleted_at IS NULL"),
            {"w": work_id, "a": account_id},
        ).first()
        if work is None:
            raise UserError(t("err.unknown_work", id=work_id))
        conn.execute(
            sa.text(
                "UPDATE brandtask SET state='delivered', delivered_work_id=:w, delivered_at=:n "
                "WHERE id=:i"
            ),
            {"w": work_id, "n": utcnow(), "i": task_id},
        )
        _audit(conn, account_id, task, "delivered", work_id=work_id)
        return _get(conn, account_id, task_id)


def settle_brand_task(
    store: Store, account_id: int, task_id: int, amount: float | None = None
) -> BrandTask:
    """delivered → settled; the amount paid (default: the commission) goes into the ledger."""
    with store.write() as conn:
        task = _get(conn, account_id, task_id)
        _require_state(task, "settle")
        paid = task.commission if amount is None else amount
        if paid < 0:
            raise UserError(t("earn.err.negative_amount", amount=paid))
        now = utcnow()
        conn.execute(
            sa.text(
                "UPDATE brandtask SET state='settled', settled_at=:n, settled_amount=:m WHERE id=:i"
            ),
            {"n": now, "m": round(paid, 2), "i": task_id},
        )
        _audit(conn, account_id, task, "settled", amount=round(paid, 2))
        record_earning(
            conn,
            account_id=account_id,
            day=today(),
            source="brand",
            amount=paid,
            ref=f"brandtask:{task_id}",
            note=f"{task.brand} {task.title}"[:200],
        )
        return _get(conn, account_id, task_id)


def brand_totals(store: Store, account_id: int) -> BrandTotals:
    with store.read() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT state, count(*) AS n, sum(commission) AS c, sum(settled_amount) AS s "
                "FROM brandtask WHERE account_id=:a GROUP BY state"
            ),
            {"a": account_id},
        ).all()
    by = {r.state: r for r in rows}
    counts = {s: (by[s].n if s in by else 0) for s in BRAND_STATES}

    def commission(*states: str) -> float:
        return round(sum(by[s].c or 0.0 for s in states if s in by), 2)

    settled = round(by["settled"].s or 0.0, 2) if "settled" in by else 0.0
    return BrandTotals(
        counts, float(commission("open")), float(commission("accepted", "delivered")), settled
    )


def _audit(conn: Unit, account_id: int, task: BrandTask, state: str, **after: object) -> None:
    """A brand task's step in the audit log (creatorctl.audit)."""
    from creatorctl.audit import record

    was = {"state": task.state}
    record(conn, "edit", "brand_task", task.id, account_id, was, {"state": state, **after})
