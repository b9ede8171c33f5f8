"""Messages shared by every area: errors, fields, columns."""

MESSAGES = {
    # Douyin's clock (timeutil.zone_label)
    "time.beijing": ("北京时间", "Beijing time"),
    "time.local": ("本机时间", "this machine's time"),
    "err.bad_timezone": (
        "时区 {zone!r} 无效,应为如 Asia/Shanghai 的时区名,或 local(本机时区)",
        "invalid time zone {zone!r}: use a zone name such as Asia/Shanghai, or local",
    ),
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
    "field.timezone": ("时区", "time zone"),
    "col.duration": ("作品时长", "duration"),
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

MESSAGES.update(
    {
        "app.no_account": ("未选择账号", "no account"),
        "app.verified": ("已实名", "verified"),
        "app.loading": ("加载中…", "loading…"),
        "app.error": ("出错了", "error"),
        "app.making_demo": ("正在生成演示数据…", "making demo data…"),
        "tab.works": ("作品", "Works"),
        "key.help": ("帮助", "help"),
        "key.accounts": ("切换账号", "accounts"),
        "key.profile": ("账号信息", "profile"),
        "key.palette": ("命令", "menu"),
        "key.quit": ("退出", "quit"),
        "key.search": ("搜索", "search"),
        "key.sort": ("排序", "sort"),
        "key.reverse": ("倒序", "reverse"),
        "key.open": ("详情", "open"),
        "key.edit": ("编辑", "edit"),
        "key.undo": ("撤销", "undo"),
        "key.delete": ("删除", "delete"),
        "key.clear": ("清除", "clear"),
        "key.back": ("返回", "back"),
        "key.save": ("保存", "save"),
        "key.cancel": ("取消", "cancel"),
        "palette.open_work": ("打开作品 #{id}", "open work #{id}"),
        "palette.go_tab": ("切换到这个标签页", "go to this tab"),
        "palette.accounts": ("切换或添加账号", "switch or add an account"),
        "palette.profile": ("编辑当前账号的资料", "edit the current account's profile"),
        "palette.help": ("查看按键说明", "show the keys"),
        "help.title": ("按键", "Keys"),
        "help.tabs": ("标签页", "Tabs"),
        "help.footer": (
            "Ctrl+P 打开命令面板,可输入作品标题直接跳转。Esc 关闭。",
            "Ctrl+P opens the command palette: type a work's title to jump to it. Esc closes.",
        ),
        "help.tab.works": (
            "所有已发布作品:搜索、排序、查看每日数据、修改标题/简介/话题/封面(可撤销)",
            "all published works: search, sort, daily numbers, edit title/description/topics/cover (undoable)",
        ),
        "welcome.title": ("欢迎使用 creatorctl", "Welcome to creatorctl"),
        "welcome.body": (
            "抖音创作者中心的终端版。数据只保存在本机。先选一种开始方式:",
            "The Douyin Creator Center in your terminal. Your data stays on this machine. Start with:",
        ),
        "welcome.demo": ("生成演示数据", "Demo data"),
        "welcome.import": ("导入抖音导出文件", "Import a Douyin export"),
        "welcome.account": ("新建账号", "New account"),
        "switch.heading": ("切换账号", "Switch account"),
        "switch.add_hint": ("或输入新账号名后回车添加:", "or type a new handle and press Enter:"),
        "switch.add_placeholder": ("账号名,如 ayou_kitchen", "handle, e.g. ayou_kitchen"),
        "account.saved": ("资料已保存", "profile saved"),
        "account.undone": ("已撤销上一次修改", "last change undone"),
    }
)

MESSAGES.update(
    {
        "col.published_short": ("日期", "date"),
        "detail.metric": ("指标", "metric"),
    }
)

# Textual's own palette entries, in the UI language (screens/palette.py).
MESSAGES.update(
    {
        "palette.theme": ("主题", "Theme"),
        "palette.theme_help": ("切换界面配色", "change the colour theme"),
        "palette.quit_help": ("立即退出应用", "quit the app now"),
        "palette.keys": ("按键面板", "Keys"),
        "palette.keys_show": (
            "显示当前控件的帮助和可用按键",
            "show help for the focused widget and its keys",
        ),
        "palette.keys_hide": ("隐藏按键面板", "hide the keys panel"),
        "palette.maximize": ("最大化", "Maximize"),
        "palette.maximize_help": (
            "把当前控件放大到整个屏幕",
            "fill the screen with the focused widget",
        ),
        "palette.minimize": ("还原", "Minimize"),
        "palette.minimize_help": ("把放大的控件还原", "restore the maximized widget"),
        "palette.screenshot": ("截图", "Screenshot"),
        "palette.screenshot_help": (
            "把当前屏幕存成 SVG(存在数据目录的 screenshots 里)",
            "save the screen as an SVG (in the data folder's screenshots/)",
        ),
        "palette.screenshot_saved": ("截图已保存:{path}", "screenshot saved: {path}"),
        "palette.screenshot_failed": (
            "截图没能保存:{error}",
            "could not save the screenshot: {error}",
        ),
    }
)
