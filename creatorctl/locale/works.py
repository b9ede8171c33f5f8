"""Messages of the Works tab and `works` commands."""

MESSAGES = {
    "works.none": ("还没有作品", "no works yet"),
    "works.none_found": ("没有找到匹配的作品", "no works match"),
    "works.no_history": ("这个作品还没有修改记录", "this work has no edits yet"),
    "works.nothing_to_undo": ("没有可撤销的修改", "nothing to undo"),
    "works.confirm_delete": ("把《{title}》移到回收站?", "move “{title}” to the trash?"),
    "works.deleted": ("已移到回收站:{title}", "moved to the trash: {title}"),
}
