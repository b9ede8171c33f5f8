"""Messages of the Works tab and `works` commands."""

MESSAGES = {
    "works.none": ("还没有作品", "no works yet"),
    "works.none_found": ("没有找到匹配的作品", "no works match"),
    "works.no_history": ("这个作品还没有修改记录", "this work has no edits yet"),
    "works.nothing_to_undo": ("没有可撤销的修改", "nothing to undo"),
    "works.confirm_delete": ("把《{title}》移到回收站?", "move “{title}” to the trash?"),
    "works.deleted": ("已移到回收站:{title}", "moved to the trash: {title}"),
}

MESSAGES.update(
    {
        "works.search_placeholder": (
            "搜索标题、简介、话题(回车确认,Esc 清除)",
            "search titles, descriptions, topics (Enter; Esc clears)",
        ),
        "works.position": ("第 {first}–{last} 条,共 {total} 条", "{first}–{last} of {total}"),
        "works.searching": ("搜索:{q}", "search: {q}"),
        "works.none_hint": (
            "还没有作品:按 i 导入抖音导出文件,或运行 creatorctl demo",
            "no works yet: press i to import a Douyin export, or run creatorctl demo",
        ),
        "works.confirm_delete_titled": (
            "把作品 #{id}《{title}》移到回收站?(可恢复)",
            "move work #{id} “{title}” to the trash? (restorable)",
        ),
        "works.confirm_delete_id": (
            "把作品 #{id} 移到回收站?(可恢复)",
            "move work #{id} to the trash? (restorable)",
        ),
        "works.deleted_hint": (
            "已移到回收站(u 撤销,T 打开回收站)",
            "moved to the trash (u undoes; T opens the trash)",
        ),
        "detail.total": ("累计", "total"),
        "detail.last_day": ("最近一天", "last day"),
        "detail.profile_visits": ("主页访问", "profile visits"),
        "detail.fans_gained": ("涨粉", "fans gained"),
        "detail.completion_5s": ("5秒完播率", "5 s completion"),
        "detail.avg_watch": ("平均播放时长", "avg. watch time"),
        "detail.trend": ("每日播放与点赞", "daily plays and likes"),
        "detail.history": ("修改记录", "edit history"),
        "edit.heading": ("编辑作品(无需重新发布)", "Edit work (no republishing)"),
        "edit.tags_hint": ("话题(空格分隔,# 可省略)", "topics (space-separated, # optional)"),
        "edit.saved": ("已保存 {n} 处修改(u 撤销)", "saved {n} change(s) (u to undo)"),
        "edit.undone": ("已撤销:{fields}", "undone: {fields}"),
    }
)
