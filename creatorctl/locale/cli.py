"""Messages of the command line."""

MESSAGES = {
    "cli.no_accounts": ("还没有账号", "no accounts yet"),
    "cli.account_added": (
        "已添加账号 {handle},并设为当前账号",
        "added account {handle} and made it current",
    ),
    "cli.account_used": ("当前账号:{handle}", "current account: {handle}"),
    "cli.nothing_changed": ("没有变化", "nothing changed"),
    "cli.demo_done": (
        "演示数据已生成:账号 {handle},{works} 个作品",
        "demo ready: account {handle} with {works} works",
    ),
}

MESSAGES.update(
    {
        "cli.demo_reuse": (
            "演示账号 {handle} 已存在,直接打开",
            "demo account {handle} exists; opening it",
        ),
    }
)

MESSAGES.update(
    {
        # creatorctl status (creatorctl.status)
        "status.next": ("发布 {left}", "next {left}"),
        "status.next_long": (
            "下一条定时:#{id}《{title}》,{left} 后发布",
            "next post: #{id} “{title}” in {left}",
        ),
        "status.none": ("无定时", "none queued"),
        "status.attention": ("待处理 {n}", "attention {n}"),
        "status.unread": ("私信 {n}", "unread {n}"),
        "status.flagged": ("新标记评论 {n}", "flagged {n}"),
        "status.account": ("账号:{handle}", "account: {handle}"),
        "status.err_no_store": (
            "{path} 还没有数据库(先运行一次 creatorctl)",
            "no store at {path} (run creatorctl once to create it)",
        ),
        "status.err_read": ("无法读取数据库 {path}:{why}", "cannot read the store {path}: {why}"),
    }
)

# Issue 13: a store outside the default location is made only on request.
MESSAGES.update(
    {
        "cli.no_store": (
            "{path} 不存在;要在那里新建数据库,请加 --create",
            "no store at {path}; add --create to make a new one there",
        ),
        "cli.create_store_q": (
            "{path} 不存在。在那里新建一个空数据库吗?",
            "{path} does not exist. Make a new, empty store there?",
        ),
        "cli.shown_of": (
            "显示 {shown} / 共 {total} 条;用 --limit 看更多",
            "{shown} of {total} shown; --limit for more",
        ),
    }
)
