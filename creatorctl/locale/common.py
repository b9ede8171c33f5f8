"""Messages shared by every area: errors, fields, columns."""

MESSAGES = {
    # errors
    "err.unknown_account": (
        "没有名为 {handle} 的账号(用 creatorctl accounts list 查看)",
        "no account named {handle} (see: creatorctl accounts list)",
    ),
    "err.no_account": (
        "还没有账号:先运行 creatorctl demo 或 creatorctl accounts add 账号名",
        "no account yet: run creatorctl demo or creatorctl accounts add HANDLE",
    ),
    "err.bad_handle": (
        "账号名 {handle!r} 无效:1–32 个字母、数字、汉字、_ . -",
        "invalid handle {handle!r}: 1–32 letters, digits, _ . -",
    ),
    "err.account_exists": ("账号 {handle} 已存在", "account {handle} already exists"),
    "err.unknown_field": ("未知字段 {field}", "unknown field {field}"),
    "err.empty": ("{field}不能为空", "{field} cannot be empty"),
    "err.too_long": (
        "{field}太长:{n} 个字,最多 {limit} 个",
        "{field} is too long: {n} characters, at most {limit}",
    ),
    "err.no_file": ("文件不存在:{path}", "no such file: {path}"),
    "err.unknown_work": ("没有编号为 {id} 的作品", "no work with id {id}"),
    "err.not_in_trash": ("回收站里没有 {id}", "{id} is not in the trash"),
    "err.bad_sort": ("不能按 {col} 排序,可选:{cols}", "cannot sort by {col}; choose from {cols}"),
    "err.tag_empty": ("话题不能为空", "a topic cannot be empty"),
    "err.tag_too_long": (
        "话题 #{tag} 太长(最多 {limit} 个字)",
        "topic #{tag} is too long (at most {limit} characters)",
    ),
    "err.tag_chars": (
        "话题 {tag!r} 只能包含文字、数字和下划线",
        "topic {tag!r} may hold only letters, digits and underscores",
    ),
    "err.too_many_tags": (
        "话题太多:{n} 个,最多 {limit} 个",
        "too many topics: {n}, at most {limit}",
    ),
    "err.tag_not_on_work": ("作品上没有话题 {tag}", "the work has no topic {tag}"),
    "err.bad_size": ("未知规模 {size},可选:{sizes}", "unknown size {size}; choose from {sizes}"),
    "err.demo_exists": (
        "演示账号 {handle} 已存在(换个 --seed 或 --handle)",
        "demo account {handle} already exists (use another --seed or --handle)",
    ),
    # fields
    "field.title": ("标题", "title"),
    "field.description": ("简介", "description"),
    "field.tags": ("话题", "topics"),
    "field.cover_path": ("封面", "cover"),
    "field.nickname": ("昵称", "nickname"),
    "field.avatar_path": ("头像", "avatar"),
    "field.bio": ("简介", "bio"),
    "field.niche": ("领域", "niche"),
    "field.verified": ("实名认证", "real-name verified"),
    # columns
    "col.handle": ("账号", "handle"),
    "col.fans": ("粉丝", "fans"),
    "col.works": ("作品", "works"),
    "col.published": ("发布时间", "published"),
    "col.title": ("标题", "title"),
    "col.tags": ("话题", "topics"),
    "col.plays": ("播放", "plays"),
    "col.likes": ("点赞", "likes"),
    "col.comments": ("评论", "comments"),
    "col.shares": ("分享", "shares"),
    "col.favorites": ("收藏", "favourites"),
    "col.completion": ("完播率", "completion"),
    "col.day": ("日期", "day"),
    "col.when": ("时间", "when"),
    "col.field": ("字段", "field"),
    "col.old": ("原值", "old"),
    "col.new": ("新值", "new"),
    "col.kind": ("类型", "kind"),
    # misc
    "trash.empty": ("回收站是空的", "the trash is empty"),
    "trash.restored": ("已恢复 {n} 项", "restored {n} item(s)"),
    "demo.works": ("生成作品", "making works"),
    "demo.snapshots": ("生成每日快照", "making daily snapshots"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}
