"""Publishing you can trust: lost outcomes (`unknown`), resolving them, notifications, waits."""

MESSAGES = {
    "state.unknown": ("待确认", "unknown"),
    "pub.unknown_lost": (
        "结果未知:进程 {pid}({host})在钩子运行中退出;钩子 pid {hook_pid},{when} 开始。"
        "请到抖音确认后用 drafts resolve 处理",
        "outcome unknown: process {pid} on {host} died while its hook ran (hook pid "
        "{hook_pid}, started {when}); check Douyin, then drafts resolve",
    ),
    "pub.unknown_said": (
        "钩子报告了 item_id {item} 却以失败退出({error});请到抖音确认后用 drafts resolve 处理",
        "the hook reported item_id {item} but failed ({error}); check Douyin, then drafts resolve",
    ),
    "drafts.err_not_unknown": (
        "草稿 #{id} {state},不是待确认状态,无需处理",
        "draft #{id} is {state}, not unknown: there is nothing to resolve",
    ),
    "drafts.err_item_id": ("item_id 太长(最多 256 个字符)", "item_id is too long (at most 256)"),
    "drafts.err_resolve_how": (
        "请给出 --published 或 --retry 之一",
        "give exactly one of --published or --retry",
    ),
    "drafts.resolved_published": (
        "#{id} 已记为已发布{work}",
        "#{id} recorded as published{work}",
    ),
    "drafts.resolved_retry": (
        "#{id} 将立即重试(幂等键不变:{idem})",
        "#{id} will be tried again now (same idempotency key: {idem})",
    ),
    "drafts.resolved_retry_app": ("#{id} 将立即重试", "#{id} will be tried again now"),
    "drafts.key_resolve": ("确认结果", "resolve"),
    "drafts.resolve_title": ("待确认 #{id}《{title}》", "Unknown #{id} “{title}”"),
    "drafts.resolve_body": (
        "钩子可能已经发布。请先到抖音查看,再选择:",
        "The hook may have posted it. Check Douyin first, then choose:",
    ),
    "drafts.resolve_published": ("已发布", "It went out"),
    "drafts.resolve_retry": ("重新发布", "Publish again"),
    "drafts.resolve_item": ("item_id(可选)", "item_id (optional)"),
    "drafts.resolve_only_unknown": (
        "只有待确认的草稿需要处理",
        "only an unknown post needs resolving",
    ),
}
MESSAGES.update(
    {
        "notify.publish_failed": (
            "发布失败 #{id}《{title}》:{error}",
            "publishing failed for good #{id} “{title}”: {error}",
        ),
        "notify.publish_missed": (
            "错过发布 #{id}《{title}》:到点时没有调度器在运行,请重新定时或立即发布",
            "missed #{id} “{title}”: nothing ran when it fell due; reschedule or publish now",
        ),
        "notify.publish_unknown": (
            "待确认 #{id}《{title}》:钩子可能已发布,请到抖音确认后 drafts resolve",
            "unknown #{id} “{title}”: the hook may have posted it; check Douyin, then "
            "drafts resolve",
        ),
        "notify.scheduler_error": ("调度器出错:{error}", "scheduler error: {error}"),
        "notify.digest": (
            "@{account} {day} 日报:发布 {published} · 失败 {failed} · 错过 {missed} · "
            "新标记评论 {flagged} · 粉丝 {fans}",
            "@{account} digest for {day}: published {published} · failed {failed} · "
            "missed {missed} · new flagged comments {flagged} · fans {fans}",
        ),
        "notify.test": (
            "creatorctl 测试通知:如果你看到这条,通知已接通",
            "creatorctl test notification: if you read this, notifications work",
        ),
        "notify.no_command": (
            "没有设置 [notify] command(在 {path} 中)",
            "no [notify] command is set (in {path})",
        ),
        "notify.sent": ("已发送 {event} 事件", "sent a {event} event"),
        "notify.failed": ("通知命令失败:{error}", "the notify command failed: {error}"),
    }
)
MESSAGES.update(
    {
        "store.wait_import": (
            "正在等待进程 {pid} 中的导入完成…",
            "waiting for an import in process {pid}…",
        ),
        "store.wait_for": (
            "正在等待进程 {pid}({what})完成…",
            "waiting for the {what} in process {pid}…",
        ),
        "store.wait_other": (
            "存储正被另一个进程写入,正在等待…",
            "the store is being written by another process; waiting…",
        ),
        "store.gave_up": (
            "存储 {store} 等了 {s} 秒仍被占用({holder}):请等它完成后重试",
            "the store {store} is still locked after {s} s ({holder}): try again when it is done",
        ),
    }
)
MESSAGES.update(
    {
        "sched.ledger": (
            "发布账本:{running} 条正在发布、{pending} 条结果等待写入存储",
            "publishing ledger: {running} being published, {pending} results waiting for the store",
        ),
    }
)
