"""Messages of the app's shared furniture: dialogs, the trash screen, refresh, markers."""

MESSAGES = {
    # the profile dialog
    "ui.verified_box": ("已实名", "verified"),
    "ui.profile_no_history": ("还没有修改记录", "no changes yet"),
    # the import dialog's per-kind options (importers' KindOption names)
    "imp.opt.work": (
        "所属作品(编号、item_id 或 aweme_id;文件未写明作品时)",
        "The work (id, item_id or aweme id) when the file names none",
    ),
    "imp.opt.title": ("直播标题(默认取文件名)", "Live title (default: the file name)"),
    "imp.ui_done": ("✓ 导入完成", "✓ Imported"),
}

MESSAGES.update(
    {
        # the trash screen
        "trash.title": ("回收站", "Trash"),
        "trash.key": ("回收站", "trash"),
        "trash.palette": (
            "已删除的作品、评论和草稿,可恢复",
            "deleted works, comments and drafts, restorable",
        ),
        "trash.key_restore": ("恢复", "restore"),
        "trash.col_deleted": ("删除时间", "deleted"),
        "trash.col_what": ("内容", "what"),
        "trash.hint": ("回车或 r 恢复选中的一项", "Enter or r restores the selected item"),
        "trash.kind.work": ("作品", "work"),
        "trash.kind.comment": ("评论", "comment"),
        "trash.kind.draft": ("草稿", "draft"),
        "trash.restored_one": ("已恢复{kind}:{label}", "restored {kind}: {label}"),
        "works.delete_undone": (
            "已撤销删除:作品 #{id} 已恢复",
            "delete undone: work #{id} is back",
        ),
        # refresh
        "ui.key_refresh": ("刷新", "refresh"),
        "ui.refreshed": ("已刷新", "refreshed"),
        "ui.palette_refresh": ("重新读取所有数据", "read everything again"),
    }
)
