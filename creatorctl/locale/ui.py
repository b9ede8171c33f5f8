"""Messages of the app's shared furniture: dialogs, the trash screen, refresh, markers."""

MESSAGES = {
    # the profile dialog
    "ui.verified_box": ("已实名", "verified"),
    "ui.profile_no_history": ("还没有修改记录", "no changes yet"),
    # the import dialog's per-kind options (importers' KindOption names)
    "imp.opt.work": (
        "评论所属作品编号(仅开放平台 JSON 需要)",
        "Work id the comments belong to (Open Platform JSON only)",
    ),
    "imp.opt.title": ("直播标题(默认取文件名)", "Live title (default: the file name)"),
    "imp.ui_done": ("✓ 导入完成", "✓ Imported"),
}
