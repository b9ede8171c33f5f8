"""Messages of the shared-box protections (issue 10): unusable stores, unsafe folders, serve."""

MESSAGES = {
    # a store that cannot be used (errors.store_error)
    "store.full": (
        "存储 {where} 已满(磁盘没有空间,或达到大小上限):请腾出空间后重试",
        "the store {where} is full (no room on its disk, or its size limit): "
        "free some space, then try again",
    ),
    "store.read_only": (
        "存储 {where} 是只读的:请让该文件及其文件夹可由你写入,或改用一份副本",
        "the store {where} is read-only: make the file and its folder writable by you, "
        "or work on a copy",
    ),
    "store.damaged": (
        "存储 {where} 已损坏:请从备份恢复,或把它移走以新建存储",
        "the store {where} is damaged: restore it from a backup, or move it away to start "
        "a new store",
    ),
    "store.busy": (
        "存储 {where} 正忙(另一个 creatorctl 正在写入):请等它结束后重试",
        "the store {where} is busy (another creatorctl is writing to it): try again when "
        "that has finished",
    ),
    "store.cant_open": (
        "无法打开存储 {where}:请确认它的文件夹存在且属于你",
        "the store {where} cannot be opened: check that its folder exists and is yours",
    ),
    "store.io": (
        "读写存储 {where} 时出现磁盘错误:请检查磁盘后重试",
        "the store {where} could not be read or written (a disk error): check the disk, "
        "then try again",
    ),
    "store.other": (
        "存储 {where} 无法使用({reason}):请重新运行;若仍失败请报告此问题",
        "the store {where} cannot be used ({reason}): run creatorctl again; if it keeps "
        "failing, report it",
    ),
    "store.not_sqlite": (
        "{path} 不是 creatorctl 的存储(不是 SQLite 数据库):请给出正确的 --db,或把该文件移走以新建存储",
        "{path} is not a creatorctl store (not an SQLite database): give the right --db, "
        "or move the file away to start a new store",
    ),
    # folders and files (safe_fs)
    "fs.other_owner": (
        "属于另一个用户(uid {uid});请改用你自己的文件夹(例如家目录下)",
        "belongs to another user (uid {uid}); use a folder of your own, e.g. under your home",
    ),
    "fs.others_write": (
        "可被其他用户写入(权限 {mode});请运行:chmod go-w {path}",
        "can be written by others (mode {mode}); run: chmod go-w {path}",
    ),
    "fs.unchecked": ("无法检查({reason})", "cannot be checked ({reason})"),
    "fs.refuse_folder": (
        "拒绝把{what}放在文件夹 {folder} 中:该文件夹{problem}",
        "refusing the {what} in the folder {folder}: it {problem}",
    ),
    "fs.refuse_file": (
        "拒绝使用{what} {path}:它{problem}",
        "refusing the {what} {path}: it {problem}",
    ),
    "fs.cant_create": (
        "无法创建文件夹 {path}:{reason}",
        "cannot create the folder {path}: {reason}",
    ),
    "fs.not_folder": ("{path} 不是文件夹", "{path} is not a folder"),
    "fs.what.store": ("存储", "store"),
    "fs.what.config": ("配置文件", "config file"),
    "fs.what.data": ("数据文件夹", "data folder"),
    "fs.what.unit": ("systemd 单元", "systemd unit"),
    "fs.what.export": ("导出文件", "export"),
    "fs.what.url_file": ("网址文件", "URL file"),
    "fs.what.socket": ("套接字", "socket"),
    "fs.what.runtime": ("运行时文件夹", "runtime folder"),
    "fs.what.page": ("网页模板", "page template"),
    "fs.what.demo_media": ("示例草稿文件", "demo draft files"),
    # scheduler install
    "sched.control_char": (
        "无法为 {arg} 写 systemd 单元:其中有控制字符 {char};请把存储(或该变量的值)改成不含它的名字",
        "cannot write a systemd unit for {arg}: it holds the control character {char}; "
        "rename the store (or the variable's value) without it",
    ),
    # serve
    "serve.open": (
        "在浏览器打开(此网址含一次性令牌,勿分享):{url}",
        "open in a browser (the address holds a one-time token; do not share it): {url}",
    ),
    "serve.url_file": (
        "网址也已写入 {path}(仅你可读)",
        "the address is also in {path} (yours only)",
    ),
    "serve.tunnel": (
        "仅本机可访问;远程请用 ssh -L {port}:127.0.0.1:{port}",
        "this machine only; from elsewhere: ssh -L {port}:127.0.0.1:{port}",
    ),
    "serve.socket": (
        "在 Unix 套接字 {path} 上提供服务;请先转发到本机端口 {port}(例如 ssh -L {port}:{path}),再打开上面的网址",
        "serving on the Unix socket {path}; forward local port {port} to it "
        "(e.g. ssh -L {port}:{path}), then open the address above",
    ),
    "serve.socket_folder": (
        "套接字所在的文件夹 {folder} 必须只有你能访问(权限 {mode});请运行:chmod 700 {folder}",
        "the socket's folder {folder} must be yours alone (mode {mode}); run: chmod 700 {folder}",
    ),
    "serve.socket_taken": (
        "{path} 已存在且不是你的套接字;请换一个路径",
        "{path} exists and is not a socket of yours; choose another path",
    ),
    "serve.forbidden": (
        "403:缺少或错误的令牌。请打开 creatorctl serve 打印的网址。",
        "403: missing or wrong token. Open the address creatorctl serve printed.",
    ),
    "serve.bad_origin": ("403:来源不被允许", "403: this origin is not allowed"),
}
