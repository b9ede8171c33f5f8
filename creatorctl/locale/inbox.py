"""Messages of the Inbox tab 互动管理 and the comments/messages/groups/live commands."""

MESSAGES = {
    "inbox.demo_comments": ("生成评论", "making comments"),
    # fields
    "inbox.field_reply": ("回复内容", "reply"),
    "inbox.field_message": ("消息", "message"),
    "inbox.field_announcement": ("群公告", "announcement"),
    "inbox.field_topic": ("直播主题", "live topic"),
    "inbox.field_keyword": ("关键词(用 | 分隔多个)", "keywords (separate with |)"),
    "inbox.field_priority": ("优先级(大的先匹配)", "priority (higher first)"),
    "inbox.field_enabled": ("启用", "enabled"),
    "inbox.field_welcome": ("首条消息欢迎语", "welcome reply to a first message"),
    # errors
    "inbox.err_unknown_comment": ("没有编号为 {id} 的评论", "no comment with id {id}"),
    "inbox.err_rule_keyword": (
        "关键词回复需要至少一个关键词(欢迎语除外)",
        "a keyword rule needs at least one keyword (welcome rules excepted)",
    ),
    "inbox.err_unknown_rule": ("没有编号为 {id} 的自动回复规则", "no auto-reply rule with id {id}"),
    "inbox.err_unknown_conversation": ("没有编号为 {id} 的会话", "no conversation with id {id}"),
    "inbox.err_unknown_group": ("没有编号为 {id} 的粉丝群", "no fan group with id {id}"),
    "inbox.err_bad_role": (
        "角色 {role} 无效:可选 admin、member",
        "invalid role {role}: choose admin or member",
    ),
    "inbox.err_unknown_member": ("群里没有成员 {user}", "no member {user} in the group"),
    "inbox.err_drop_ratio": (
        "掉线比例 {value} 无效:应在 0 和 1 之间",
        "drop ratio {value} is invalid: it must be between 0 and 1",
    ),
    "inbox.err_sample_missing": ("缺少列 {col}", "missing column {col}"),
    "inbox.err_sample_file": ("读不了 {path}:{error}", "cannot read {path}: {error}"),
    "inbox.err_sample_not_object": ("这一行不是 JSON 对象", "the line is not a JSON object"),
    "inbox.err_preview_past": (
        "开播时间 {at} 已经过去,请选择将来的时间",
        "the start {at} is in the past; choose a time to come",
    ),
    "inbox.err_unknown_preview": ("没有编号为 {id} 的直播预告", "no live preview with id {id}"),
    "inbox.err_no_samples": ("文件里没有直播数据", "the file holds no live samples"),
    "inbox.err_unknown_session": ("没有编号为 {id} 的直播场次", "no live session with id {id}"),
    "inbox.err_bad_time": (
        "时间 {value!r} 无效:请用 YYYY-MM-DD HH:MM",
        "invalid time {value!r}: use YYYY-MM-DD HH:MM",
    ),
    "inbox.err_reply_hook": ("回复发送失败:{error}", "sending the reply failed: {error}"),
    "inbox.err_need_yes": (
        "将删除 {n} 条被标记的评论;确认请加 --yes",
        "this deletes {n} flagged comments; add --yes to confirm",
    ),
    # flags
    "inbox.flag.link": ("链接", "link"),
    "inbox.flag.phone": ("手机号", "phone"),
    "inbox.flag.wechat": ("微信引流", "WeChat"),
    "inbox.flag.word": ("敏感词", "word"),
    # columns
    "inbox.col_time": ("时间", "time"),
    "inbox.col_user": ("用户", "user"),
    "inbox.col_content": ("内容", "content"),
    "inbox.col_likes": ("赞", "likes"),
    "inbox.col_flags": ("标记", "flags"),
    "inbox.col_fan": ("粉丝", "fan"),
    "inbox.col_last": ("最后消息", "last message"),
    "inbox.col_unread": ("未读", "unread"),
    "inbox.col_keyword": ("关键词", "keywords"),
    "inbox.col_reply": ("回复", "reply"),
    "inbox.col_priority": ("优先级", "priority"),
    "inbox.col_state": ("状态", "state"),
    "inbox.col_role": ("角色", "role"),
    "inbox.col_last_active": ("最近活跃", "last active"),
    "inbox.col_messages": ("发言", "messages"),
    "inbox.col_topic": ("主题", "topic"),
    "inbox.col_start": ("开播时间", "starts"),
    # values
    "inbox.pinned": ("置顶", "pinned"),
    "inbox.mine": ("作者", "me"),
    "inbox.replied": ("已回复:{text}", "replied: {text}"),
    "inbox.auto": ("自动回复", "auto reply"),
    "inbox.on": ("启用", "on"),
    "inbox.off": ("停用", "off"),
    "inbox.welcome": ("欢迎语", "welcome"),
    "inbox.role.owner": ("群主", "owner"),
    "inbox.role.admin": ("管理员", "admin"),
    "inbox.role.member": ("成员", "member"),
    "inbox.never": ("从未", "never"),
    "inbox.more": ("{n}+", "{n}+"),
    # CLI results
    "inbox.none_comments": ("没有评论", "no comments"),
    "inbox.pinned_done": ("已置顶评论 {id}", "pinned comment {id}"),
    "inbox.pinned_replaced": (
        "已置顶评论 {id}(取消了原置顶 {old})",
        "pinned comment {id} (unpinned {old})",
    ),
    "inbox.unpinned_done": ("已取消置顶 {id}", "unpinned comment {id}"),
    "inbox.deleted_done": (
        "已把 {n} 条评论移到回收站(可恢复)",
        "moved {n} comments to the trash (restorable)",
    ),
    "inbox.restored_done": ("已恢复 {n} 条评论", "restored {n} comments"),
    "inbox.replied_done": ("已回复评论 {id}({status})", "replied to comment {id} ({status})"),
    "inbox.status.sent": ("已发送", "sent"),
    "inbox.status.local": (
        "仅保存在本地,未配置 [reply] command",
        "stored locally; no [reply] command set",
    ),
    "inbox.status.failed": ("发送失败", "failed"),
    "inbox.purge_none": ("没有被标记的评论", "no flagged comments"),
    "inbox.purged_done": (
        "已把 {n} 条被标记的评论移到回收站",
        "moved {n} flagged comments to the trash",
    ),
    "inbox.confirm_purge": (
        "把 {n} 条被标记的评论(广告、引流、辱骂)移到回收站?",
        "move {n} flagged comments (ads, spam, abuse) to the trash?",
    ),
    "inbox.none_conversations": ("没有私信", "no messages"),
    "inbox.none_rules": ("还没有自动回复规则", "no auto-reply rules yet"),
    "inbox.rule_saved": ("已保存规则 #{id}「{keyword}」", "saved rule #{id} “{keyword}”"),
    "inbox.rule_deleted": ("已删除规则 #{id}「{keyword}」", "deleted rule #{id} “{keyword}”"),
    "inbox.test_match": (
        "规则#{id}「{keyword}」会回复:{reply}",
        "rule #{id} “{keyword}” would reply: {reply}",
    ),
    "inbox.test_none": ("没有规则会回复这条消息", "no rule would answer this message"),
    "inbox.sent": ("已发送", "sent"),
    "inbox.none_groups": ("还没有粉丝群", "no fan groups yet"),
    "inbox.announcement_saved": ("公告已更新", "announcement updated"),
    "inbox.announcement_same": ("公告没有变化", "the announcement is unchanged"),
    "inbox.role_saved": ("已把 {user} 设为{role}", "{user} is now {role}"),
    "inbox.none_previews": ("没有即将开始的直播预告", "no upcoming live previews"),
    "inbox.preview_added": ("已添加直播预告 {id}", "added live preview {id}"),
    "inbox.preview_deleted": ("已删除直播预告 {id}", "deleted live preview {id}"),
    "inbox.none_sessions": ("还没有直播记录", "no past lives yet"),
    "inbox.alert": (
        "{at} 在线人数 {peak} → {online}(-{drop},{secs} 秒内)",
        "{at} viewers {peak} → {online} (-{drop} in {secs} s)",
    ),
    "inbox.bad_line": ("{path} 第 {line} 行被跳过:{error}", "{path} line {line} skipped: {error}"),
    "inbox.summary": (
        "直播小结:时长 {duration},峰值 {peak} 人({peak_at}),平均 {average} 人,礼物 {gifts},"
        "点赞 {likes},新增粉丝 {fans},掉线提醒 {alerts} 次",
        "live summary: {duration}, peak {peak} viewers ({peak_at}), average {average}, "
        "gifts {gifts}, likes {likes}, new fans {fans}, {alerts} drop alerts",
    ),
    "inbox.watching": (
        "正在跟踪 {path}(Ctrl+C 结束并显示小结)",
        "following {path} (Ctrl+C ends and prints the summary)",
    ),
}

MESSAGES.update(
    {
        "tab.inbox": ("互动", "Inbox"),
        "help.tab.inbox": (
            "评论(置顶、删除、回复、清理广告)、私信与自动回复、粉丝群、直播预告与直播监控;[ ] 切换子页",
            "comments (pin, delete, reply, purge spam), messages and auto replies, fan groups, "
            "live previews and monitor; [ ] switch views",
        ),
        "inbox.view_comments": ("评论", "Comments"),
        "inbox.view_messages": ("私信", "Messages"),
        "inbox.view_groups": ("粉丝群", "Groups"),
        "inbox.view_live": ("直播", "Live"),
        # keys
        "inbox.key_prev_view": ("上一子页", "prev view"),
        "inbox.key_next_view": ("下一子页", "next view"),
        "inbox.key_sort": ("排序", "sort"),
        "inbox.key_flagged": ("标记", "flagged"),
        "inbox.key_all_works": ("全部作品", "all works"),
        "inbox.key_pin": ("置顶", "pin"),
        "inbox.key_reply": ("回复", "reply"),
        "inbox.key_restore": ("恢复", "restore"),
        "inbox.key_purge": ("清理标记", "purge flagged"),
        "inbox.key_write": ("回复", "write"),
        "inbox.key_unread": ("只看未读", "unread"),
        "inbox.key_rules": ("自动回复", "auto replies"),
        "inbox.key_add": ("新增", "add"),
        "inbox.key_toggle": ("启用/停用", "on/off"),
        "inbox.key_test": ("测试", "test"),
        "inbox.key_next_group": ("下一个群", "group"),
        "inbox.key_member_sort": ("排序", "sort"),
        "inbox.key_inactive": ("不活跃", "inactive"),
        "inbox.key_announce": ("公告", "notice"),
        "inbox.key_history": ("公告历史", "history"),
        "inbox.key_admin": ("管理员", "admin"),
        "inbox.key_follow": ("监控文件", "follow"),
        "inbox.key_stop": ("停止", "stop"),
        "inbox.key_add_preview": ("新增预告", "preview"),
        "inbox.key_delete_preview": ("删除预告", "delete preview"),
        "inbox.key_replay": ("回看", "replay"),
        # comments
        "inbox.search_placeholder": (
            "搜索评论内容或昵称(回车确认,Esc 清除)",
            "search comments or nicknames (Enter; Esc clears)",
        ),
        "inbox.reply_placeholder": (
            "回复这条评论(回车发送,Esc 取消)",
            "reply (Enter sends; Esc cancels)",
        ),
        "inbox.scope_all": ("全部作品", "all works"),
        "inbox.scope_work": ("作品《{title}》", "work “{title}”"),
        "inbox.sorted_new": ("最新", "newest"),
        "inbox.sorted_likes": ("最多赞", "most liked"),
        "inbox.only_flagged": ("只看被标记的", "flagged only"),
        "inbox.deleted_undo": (
            "已把 {n} 条评论移到回收站(按 u 恢复)",
            "moved {n} comments to the trash (u restores)",
        ),
        # messages
        "inbox.messages_status": (
            "{n} 个会话 · {unread} 条未读",
            "{n} conversations · {unread} unread",
        ),
        "inbox.only_unread": ("只看未读", "unread only"),
        "inbox.pick_conversation": ("回车打开一个会话", "Enter opens a conversation"),
        "inbox.message_placeholder": (
            "写消息(回车发送,Esc 取消)",
            "message (Enter sends; Esc cancels)",
        ),
        "inbox.rules_title": (
            "自动回复规则(按优先级从高到低匹配)",
            "auto-reply rules (tried from the highest priority)",
        ),
        "inbox.rule_add_title": ("新增自动回复", "new auto reply"),
        "inbox.rule_edit_title": ("修改自动回复", "edit auto reply"),
        "inbox.confirm_delete_rule": (
            "删除规则 #{id}「{keyword}」?",
            "delete rule #{id} “{keyword}”?",
        ),
        "inbox.err_priority": ("优先级必须是整数", "the priority must be a whole number"),
        "inbox.test_placeholder": (
            "输入一条粉丝消息,看哪条规则会回复",
            "type a fan's message to see which rule answers",
        ),
        "inbox.test_first": ("首条消息", "first message"),
        # groups
        "inbox.group_counts": (
            "{members} 人 · {admins} 位管理 · {inactive} 人 30 天未活跃",
            "{members} members · {admins} admins · {inactive} silent for 30 days",
        ),
        "inbox.admins": ("管理员", "admins"),
        "inbox.members_by_active": ("按最近活跃", "by last activity"),
        "inbox.members_by_messages": ("按发言数", "by messages"),
        "inbox.only_inactive": ("只看 {days} 天未活跃", "silent for {days} days"),
        "inbox.history_title": ("{name} · 公告历史", "{name} · announcement history"),
        # live
        "inbox.col_past_live": ("往期直播", "past lives"),
        "inbox.field_start": ("开播时间(YYYY-MM-DD HH:MM)", "start (YYYY-MM-DD HH:MM)"),
        "inbox.live_hint": (
            "o 监控直播数据文件 · 回车回看往期直播 · n 新增预告",
            "o follows a live's sample file · Enter replays a past live · n adds a preview",
        ),
        "inbox.follow_prompt": (
            "直播数据文件(JSON lines 或 CSV:ts, online, gifts, likes, new_fans)",
            "sample file (JSON lines or CSV: ts, online, gifts, likes, new_fans)",
        ),
        "inbox.following": ("正在监控 {path}(x 停止)", "following {path} (x stops)"),
        "inbox.stopped": ("监控已停止", "stopped"),
        "inbox.viewers": ("在线人数", "viewers"),
        "inbox.drop_alert": ("在线人数骤降", "viewers dropping"),
    }
)

MESSAGES.update(
    {
        "inbox.err_sample_time": ("不是时间:{value}", "not a time: {value}"),
        "inbox.imp_no_work": (
            "不知道是哪个作品的评论:加 --work 编号,或在文件里加 作品ID 列",
            "which work? give --work ID or a 作品ID (Work ID) column",
        ),
        "inbox.imp_unknown_work": ("没有这个作品:{ref}", "no such work: {ref}"),
        "inbox.imp_bad_direction": (
            "方向应为 收到/发出(in/out)",
            "direction must be in or out (收到/发出)",
        ),
        "inbox.imp_bad_role": (
            "角色应为 群主/管理员/成员(owner/admin/member)",
            "role must be owner, admin or member (群主/管理员/成员)",
        ),
    }
)

MESSAGES.update(
    {
        "inbox.reflagged": ("{n} 条评论的标记有变化", "flags changed on {n} comments"),
        "inbox.received": ("已收到;自动回复 {replies} 条", "received; {replies} auto replies"),
    }
)
