"""Earn 变现服务: brand deals, selling, platform tasks and what they paid (no textual here).

Eligibility lives in `creatorctl.eligibility` (shared with `insights --json`).
"""

from creatorctl.earn.brand import (
    BrandTask,
    BrandTotals,
    accept_brand_task,
    accept_refusal,
    brand_categories,
    brand_totals,
    count_brand_tasks,
    deliver_brand_task,
    get_brand_task,
    list_brand_tasks,
    settle_brand_task,
    transition_error,
)
from creatorctl.earn.ledger import EarningsSummary, earnings, record_earning
from creatorctl.earn.platform import (
    PlatformTaskStatus,
    TaskWork,
    platform_tasks,
    record_task_rewards,
)
from creatorctl.earn.products import ProductStats, is_flagged, product_stats, return_rate

__all__ = [
    "BrandTask",
    "BrandTotals",
    "EarningsSummary",
    "PlatformTaskStatus",
    "ProductStats",
    "TaskWork",
    "accept_brand_task",
    "accept_refusal",
    "brand_categories",
    "brand_totals",
    "count_brand_tasks",
    "deliver_brand_task",
    "earnings",
    "get_brand_task",
    "is_flagged",
    "list_brand_tasks",
    "platform_tasks",
    "product_stats",
    "record_earning",
    "record_task_rewards",
    "return_rate",
    "settle_brand_task",
    "transition_error",
]
