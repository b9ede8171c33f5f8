"""Messages of the importers for files from other tools and Open Platform data (keys src.*)."""

MESSAGES = {
    "imp.opt.parent": (
        "所回复的评论(评论 ID 或编号;开放平台回复列表需要)",
        "The comment replied to (comment id or store id; for the Open Platform reply list)",
    ),
    "src.work_data_needs_work": (
        "{file}:开放平台作品数据不含作品编号,请用 --work 指定作品(编号、item_id 或 aweme_id)",
        "{file}: Open Platform work data does not name its work; give it with --work "
        "(store id, item_id or aweme id)",
    ),
    "src.unsupported_shape": (
        "{file}:这看起来是{what},creatorctl 还不能读取",
        "{file}: this looks like {what}, which creatorctl does not read yet",
    ),
    "src.unknown_parent": ("没有编号为 {id} 的评论", "no comment with id {id}"),
    "src.im_bad_content": (
        "content 应为 JSON 对象(或其文本)",
        "content should be a JSON object (or its text)",
    ),
    "src.im_bad_event": (
        "不是私信事件(应为 im_receive_msg 或 im_send_msg)",
        "not a private-message event (expected im_receive_msg or im_send_msg)",
    ),
    "src.im_no_time": ("content 中缺少 create_time", "content has no create_time"),
    "src.im_no_fan": ("发出的私信没有 to_user_id", "a sent message without to_user_id"),
}
