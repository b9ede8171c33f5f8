"""Messages of the audit log (`audit list`, the account screen) and `migrate-store`."""

MESSAGES = {
    "audit.title": ("操作记录", "Audit log"),
    "audit.none": ("还没有操作记录", "No changes recorded yet"),
    "audit.col_at": ("时间", "When"),
    "audit.col_who": ("操作人", "Who"),
    "audit.col_account": ("账号", "Account"),
    "audit.col_object": ("对象", "Object"),
    "audit.col_action": ("操作", "Action"),
    "audit.col_change": ("改动", "Change"),
    "field.label": ("内容", "label"),
    "audit.bad_since": (
        "--since {value}:日期格式应为 YYYY-MM-DD",
        "--since {value}: give a date as YYYY-MM-DD",
    ),
    # actions
    "audit.action.create": ("新建", "create"),
    "audit.action.edit": ("修改", "edit"),
    "audit.action.undo": ("撤销", "undo"),
    "audit.action.delete": ("删除", "delete"),
    "audit.action.restore": ("恢复", "restore"),
    "audit.action.schedule": ("定时", "schedule"),
    "audit.action.cancel": ("取消定时", "unschedule"),
    "audit.action.claim": ("开始发布", "claim"),
    "audit.action.publish": ("发布结果", "publish"),
    "audit.action.resolve": ("处理未知结果", "resolve"),
    "audit.action.reply": ("回复", "reply"),
    "audit.action.import": ("导入", "import"),
    # kinds of object
    "audit.kind.account": ("账号", "account"),
    "audit.kind.work": ("作品", "work"),
    "audit.kind.draft": ("草稿", "draft"),
    "audit.kind.comment": ("评论", "comment"),
    "audit.kind.rule": ("自动回复规则", "auto-reply rule"),
    "audit.kind.conversation": ("私信", "conversation"),
    "audit.kind.group": ("粉丝群", "fan group"),
    "audit.kind.live_preview": ("直播预告", "live preview"),
    "audit.kind.earning": ("收入", "earning"),
    "audit.kind.brand_task": ("品牌任务", "brand task"),
    "audit.kind.import": ("导入", "import"),
    "audit.kind.slots": ("发布时段", "posting slots"),
    "store.denied": (
        "{where}:你的数据库角色无权做这项修改(permission denied);请团队库的所有者授予编辑权限",
        "{where}: your database role may not make this change (permission denied); "
        "ask the team store's owner for editor rights",
    ),
    "store.upgrade_by_owner": (
        "{where} 需要升级到本版本的结构({rev}),只有该库的所有者能升级:请所有者先运行一次 creatorctl",
        "{where} needs this release's schema ({rev}), which only the store's owner may make: "
        "ask the owner to run creatorctl once",
    ),
    # migrate-store
    "migrate.url_needed": (
        "--to 须为 PostgreSQL 地址,例如 postgresql:///team",
        "--to must be a PostgreSQL URL, such as postgresql:///team",
    ),
    "migrate.target_not_empty": (
        "目标库 {target} 已有数据({table} 有 {n} 行);确认覆盖请加 --replace",
        "the target {target} is not empty ({table} has {n} rows); add --replace to overwrite it",
    ),
    "migrate.would_copy": ("将复制(演练,未写入):", "Would copy (dry run, nothing written):"),
    "migrate.copied": ("已复制,行数核对一致:", "Copied; row counts match:"),
    "migrate.mismatch": (
        "行数不一致:{table} 源 {src} 行,目标 {dst} 行",
        "row counts differ: {table} has {src} rows in the source, {dst} in the target",
    ),
    "migrate.publishing": (
        "草稿 {ids} 正在发布,结果尚未写入本库;请先停止调度器(scheduler),稍后再迁移",
        "draft {ids} is being published and its result is not in this store yet; stop the "
        "scheduler and try again in a moment",
    ),
    "migrate.col_table": ("表", "Table"),
    "migrate.col_rows": ("行数", "Rows"),
    "migrate.col_target": ("目标行数", "In target"),
    "migrate.same_store": ("--to 与 --db 是同一个库", "--to names the store --db already opens"),
    "migrate.target_new": (
        "目标库 {target} 尚不存在,将新建",
        "The target {target} does not exist yet: it will be made",
    ),
    "migrate.target_ok": (
        "目标库 {target} 可用,且没有数据",
        "The target {target} is reachable and holds no rows",
    ),
    "migrate.source_not_sqlite": (
        "源库须为 SQLite 文件(--db 指向 {source})",
        "the source must be an SQLite store (--db names {source})",
    ),
}
