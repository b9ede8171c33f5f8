"""Messages of drafts, publishing, the publish hook and the scheduler."""

MESSAGES = {
    # states
    "state.draft": ("草稿", "draft"),
    "state.scheduled": ("定时", "scheduled"),
    "state.publishing": ("发布中", "publishing"),
    "state.published": ("已发布", "published"),
    "state.failed": ("失败", "failed"),
    "state.missed": ("已错过", "missed"),
    "field.video_path": ("视频", "video"),
    "field.edit_params": ("剪辑参数", "edit parameters"),
    # warnings and errors
    "drafts.warn_no_video": ("还没有视频文件", "no video file yet"),
    "drafts.warn_video_missing": ("视频文件不存在:{path}", "the video file does not exist: {path}"),
    "drafts.warn_cover_missing": ("封面文件不存在:{path}", "the cover file does not exist: {path}"),
    "drafts.err_params_long": (
        "剪辑参数太长(最多 {limit} 个字符)",
        "edit parameters are too long (at most {limit} characters)",
    ),
    "drafts.err_params_json": (
        "剪辑参数不是有效的 JSON:{why}",
        "edit parameters are not valid JSON: {why}",
    ),
    "drafts.err_params_object": (
        '剪辑参数应为 JSON 对象,例如 {{"filter": "清新"}}',
        'edit parameters should be a JSON object, e.g. {{"filter": "vivid"}}',
    ),
    "drafts.err_bad_time": (
        "无法识别时间 {text!r}:请用 YYYY-MM-DD HH:MM[:SS](本地时间)",
        "cannot read the time {text!r}: use YYYY-MM-DD HH:MM[:SS] (local time)",
    ),
    "drafts.err_unknown": (
        "没有编号为 {id} 的草稿(用 creatorctl drafts list 查看)",
        "no draft with id {id} (see: creatorctl drafts list)",
    ),
    "drafts.err_locked": (
        "草稿 #{id} {state},不能修改",
        "draft #{id} is {state} and cannot change",
    ),
    "drafts.err_not_schedulable": (
        "草稿 #{id} {state},不能定时",
        "draft #{id} is {state} and cannot be scheduled",
    ),
    "drafts.err_not_publishable": (
        "草稿 #{id} {state},不能发布",
        "draft #{id} is {state} and cannot be published",
    ),
    "drafts.err_not_cancellable": (
        "草稿 #{id} {state},没有可取消的定时",
        "draft #{id} is {state}: there is no schedule to cancel",
    ),
    "drafts.err_no_video": (
        "草稿 #{id} 还没有视频文件路径,不能发布(在草稿页按 e 编辑,或 drafts edit --video)",
        "draft #{id} has no video path and cannot go out (press e on it in Drafts, or run "
        "drafts edit --video)",
    ),
    "drafts.err_past": (
        "时间 {when} 已经过去(现在是 {now}),请选将来的时间",
        "{when} is in the past (it is now {now}); choose a time to come",
    ),
    # the hook
    "hook.empty_command": ("发布钩子命令为空", "the hook command is empty"),
    "hook.not_found": ("找不到钩子程序:{program}", "hook program not found: {program}"),
    "hook.not_executable": (
        "钩子程序不可执行:{program}",
        "hook program is not executable: {program}",
    ),
    "hook.cannot_run": ("无法运行钩子 {program}:{why}", "cannot run the hook {program}: {why}"),
    "hook.timeout": ("钩子超时({seconds} 秒)", "the hook timed out ({seconds} s)"),
    "hook.exit": ("钩子退出码 {code}:{last}", "the hook exited with {code}: {last}"),
    "hook.garbage": (
        "钩子输出不是 JSON:{text!r}",
        "the hook printed something that is not JSON: {text!r}",
    ),
    # publishing
    "pub.abandoned": ("发布进程中断,已收回:", "the publishing process died; taken back from"),
    "pub.missed": (
        "到点时没有调度器在运行,已超过 {hours} 小时宽限:请重新定时或立即发布",
        "nothing ran when it fell due and it is over {hours} h late: reschedule or publish now",
    ),
    # scheduler
    "sched.published": ("已发布 #{id}《{title}》", "published #{id} “{title}”"),
    "sched.as_work": ("→ 作品 #{work}", "→ work #{work}"),
    "sched.late": ("(晚 {s} 秒)", "({s} s late)"),
    "sched.failed": (
        "发布失败 #{id}《{title}》(第 {n} 次,不再重试):{error}",
        "publishing failed #{id} “{title}” (try {n}, giving up): {error}",
    ),
    "sched.retry": (
        "发布失败 #{id}《{title}》(第 {n} 次):{error};{when} 重试",
        "publishing failed #{id} “{title}” (try {n}): {error}; retrying at {when}",
    ),
    "sched.tick_error": ("调度出错:{error}", "scheduler error: {error}"),
    "sched.started": (
        "调度器已启动 {worker}(每 {poll} 秒检查一次;Ctrl-C 停止)",
        "scheduler started {worker} (checks every {poll} s; Ctrl-C stops)",
    ),
    "sched.warn_claim_timeout": (
        "注意:[publish] claim_timeout 不大于 timeout,慢钩子可能被重复发布",
        "warning: [publish] claim_timeout is not above timeout; a slow hook may be run twice",
    ),
    "sched.stopped": ("调度器已停止", "scheduler stopped"),
    # command line
    "drafts.none": ("还没有草稿", "no drafts yet"),
    "col.state": ("状态", "state"),
    "col.scheduled": ("定时", "scheduled"),
    "col.note": ("备注", "note"),
    "drafts.live_clash": (
        "与直播预告「{topic}」({when})相隔不到 1 小时",
        "within an hour of the live preview “{topic}” at {when}",
    ),
    "drafts.conflict": (
        "30 分钟内还有一条:#{id}《{title}》{when}",
        "another post within 30 minutes: #{id} “{title}” at {when}",
    ),
    "drafts.scheduled": ("已定时 #{id}:{when}", "scheduled #{id} for {when}"),
    "drafts.cancelled": ("已取消定时 #{id},回到草稿", "unscheduled #{id}: back to drafts"),
    "drafts.deleted_app": (
        "已把草稿 #{id} 移到回收站(按 T 打开回收站可恢复)",
        "moved draft #{id} to the trash (T opens the trash to bring it back)",
    ),
    "drafts.deleted": (
        "已把草稿 #{id} 移到回收站(creatorctl trash restore 可恢复)",
        "moved draft #{id} to the trash (creatorctl trash restore brings it back)",
    ),
    "sched.running": (
        "运行中:{worker}({kind},{since} 启动)",
        "running: {worker} ({kind}, since {since})",
    ),
    "sched.none_running": (
        "没有调度器在运行(creatorctl scheduler run,或 scheduler install)",
        "no scheduler is running (creatorctl scheduler run, or scheduler install)",
    ),
    "sched.due_heading": ("接下来要发布:", "due next:"),
    "sched.retry_n": ("第 {n} 次尝试", "try {n}"),
    "sched.claims_heading": ("正在发布:", "being published:"),
    "sched.col_claimed_by": ("进程", "process"),
    "sched.recent_heading": ("最近的发布尝试:", "latest tries:"),
    "sched.unit_written": ("已写入 {path}", "wrote {path}"),
    "sched.password_left_out": (
        "单元文件里没有写入 --db 的密码(密码从不写到磁盘上):把它放进 ~/.pgpass"
        "(一行 主机:端口:数据库:用户:密码,权限 0600;PGPASSFILE 可指定别的文件),"
        "或改用 Unix 套接字的 peer 认证(postgresql:///数据库),见 docs/team.md",
        "the password in --db was left out of the unit (it is never written to disk): put it "
        "in ~/.pgpass (a line host:port:database:user:password, mode 0600; PGPASSFILE names "
        "another file), or use peer authentication over the Unix socket "
        "(postgresql:///DATABASE), see docs/team.md",
    ),
    "sched.enable_with": (
        "启用并在注销后继续运行:",
        "to enable it, and keep it running after you log out:",
    ),
    # the Drafts tab
    "tab.drafts": ("草稿", "Drafts"),
    "help.tab.drafts": (
        "草稿与定时发布:接着剪、定时、取消、立即发布;一周日历;错过和失败的排在最前",
        "drafts and scheduled posts: resume, schedule, cancel, publish now; the week's calendar; "
        "missed and failed first",
    ),
    "drafts.key_new": ("新建", "new"),
    "drafts.key_edit": ("编辑", "edit"),
    "drafts.key_schedule": ("定时", "schedule"),
    "drafts.key_cancel": ("取消定时", "cancel"),
    "drafts.key_publish": ("立即发布", "publish"),
    "drafts.key_filter": ("筛选", "filter"),
    "drafts.key_calendar": ("日历", "calendar"),
    "drafts.key_prev_week": ("上一周", "previous week"),
    "drafts.key_next_week": ("下一周", "next week"),
    "drafts.col_when": ("时间", "when"),
    "drafts.none_hint": ("还没有草稿:按 n 新建", "no drafts yet: press n to make one"),
    "drafts.filtered": ("筛选:{states}(f 切换)", "showing: {states} (f to change)"),
    "drafts.attention": (
        "{n} 条需要处理:s 重新定时,p 立即发布",
        "{n} need you: s to reschedule, p to publish now",
    ),
    "drafts.published_at": ("发布于 {when}", "published {when}"),
    "drafts.tries": ("已尝试 {n} 次", "{n} tries"),
    "drafts.work": ("作品", "work"),
    "drafts.attempts": ("最近的发布尝试", "latest tries"),
    "drafts.saved": ("已保存草稿 #{id}", "saved draft #{id}"),
    "drafts.publishing": ("正在发布 #{id}…", "publishing #{id}…"),
    "drafts.confirm_publish": ("现在发布 #{id}《{title}》?", "publish #{id} “{title}” now?"),
    "drafts.confirm_delete": (
        "把草稿 #{id}《{title}》移到回收站?(可恢复)",
        "move draft #{id} “{title}” to the trash? (restorable)",
    ),
    "draft_edit.new": ("新建草稿", "New draft"),
    "draft_edit.heading": ("草稿 #{id}({state})", "Draft #{id} ({state})"),
    "draft_edit.params_hint": (
        '剪辑参数(JSON,原样保存),例如 {"filter": "清新", "strength": 0.6}',
        'edit parameters (JSON, kept exactly), e.g. {"filter": "vivid", "strength": 0.6}',
    ),
    "schedule.heading": ("定时发布 #{id}《{title}》", "Schedule #{id} “{title}”"),
    "schedule.hint": (
        "{zone} YYYY-MM-DD HH:MM · ↑↓ ±15 分钟 · PgUp/PgDn ±1 天",
        "{zone} YYYY-MM-DD HH:MM · ↑↓ ±15 min · PgUp/PgDn ±1 day",
    ),
    "schedule.ok": ("定时", "schedule"),
    "schedule.in": ("将于 {when} 发布({h} 小时 {m} 分钟后)", "goes out {when} (in {h} h {m} min)"),
    "schedule.later": ("推后 15 分钟", "15 min later"),
    "schedule.earlier": ("提前 15 分钟", "15 min earlier"),
    "schedule.next_day": ("后一天", "a day later"),
    "schedule.prev_day": ("前一天", "a day earlier"),
    "calendar.more": ("还有 {n} 条", "+{n} more"),
    "calendar.weekday.0": ("周一", "Mon"),
    "calendar.weekday.1": ("周二", "Tue"),
    "calendar.weekday.2": ("周三", "Wed"),
    "calendar.weekday.3": ("周四", "Thu"),
    "calendar.weekday.4": ("周五", "Fri"),
    "calendar.weekday.5": ("周六", "Sat"),
    "calendar.weekday.6": ("周日", "Sun"),
}

MESSAGES.update(
    {
        # platform limits (creatorctl.platform_limits)
        "limit.title": (
            "标题 {n} 字,抖音最多 {max} 字",
            "title has {n} characters; Douyin allows {max}",
        ),
        "limit.caption": (
            "简介 {n} 字,抖音最多 {max} 字",
            "description has {n} characters; Douyin allows {max}",
        ),
        "limit.topics": ("{n} 个话题,抖音最多 {max} 个", "{n} topics; Douyin allows {max}"),
        "limit.video_size": (
            "视频 {mb} MB,超过 {max} MB",
            "video is {mb} MB; the limit is {max} MB",
        ),
        "limit.video_length": (
            "视频 {s} 秒,超过 {max} 秒",
            "video is {s} s long; the limit is {max} s",
        ),
        "limit.cover": (
            "封面 {w}×{h} 的比例不是 {aspects}",
            "cover {w}×{h} is not {aspects}",
        ),
        "limit.schedule_far": (
            "定时在 {days} 天后,抖音最多提前 {max} 天",
            "scheduled {days} days ahead; Douyin allows {max}",
        ),
        "limit.refused": (
            "草稿 {id} 超出抖音限制,不能定时:{reasons}",
            "draft {id} breaks Douyin's limits and cannot be scheduled: {reasons}",
        ),
        "limit.not_published": (
            "超出抖音限制,未调用发布钩子:{reasons}",
            "breaks Douyin's limits; the publish hook was not run: {reasons}",
        ),
        "limit.ok": ("草稿 {id} 符合抖音发布限制", "draft {id} is within Douyin's limits"),
        "limit.hard": ("超限", "over limit"),
        "limit.soft": ("提醒", "warning"),
    }
)

MESSAGES.update(
    {
        # the posting queue (creatorctl.posting_queue)
        "queue.err_slot": (
            "无法识别发布时段 {text!r}:请写成 周三 20:00、wed 20:00 或 fri 20:00 #系列话题",
            "cannot read the slot {text!r}: write it as wed 20:00, 周三 20:00 or fri 20:00 #series",
        ),
        "queue.err_no_slots": (
            "没有可用的发布时段(所有时段都留给了系列)",
            "no slot this draft may take (every slot is kept for a series)",
        ),
        "queue.err_full": (
            "未来 {weeks} 周的发布时段都已排满",
            "every slot in the next {weeks} weeks is taken",
        ),
        "queue.skipped_live": (
            "跳过了 {slot}:与直播预告「{topic}」({when})相隔不到 1 小时",
            "skipped {slot}: within an hour of the live preview “{topic}” at {when}",
        ),
        "queue.queued": (
            "草稿 {id} 已排入队列:{when}(时段 {slot})",
            "draft {id} queued for {when} (slot {slot})",
        ),
        "queue.source.account": ("本账号设置", "this account's own"),
        "queue.source.config": ("配置文件 [queue] slots", "config [queue] slots"),
        "queue.source.fans": ("粉丝最活跃的三个时段", "the fans' three best active hours"),
        "queue.source.default": (
            "每天 20:00(还没有粉丝活跃数据)",
            "every day 20:00 (no fan activity yet)",
        ),
        "queue.slots_head": ("发布时段(来自{source}):", "posting slots ({source}):"),
    }
)

MESSAGES.update(
    {
        "queue.slots_prompt": (
            "每周发布时段,用逗号分隔,例如:周三 20:00, 周五 19:30 #周五探店(回车保存,清空恢复默认)",
            "weekly slots, comma-separated, e.g. wed 20:00, fri 19:30 #series (Enter saves; "
            "empty goes back to the default)",
        ),
        "queue.slots_saved": ("发布时段已保存", "posting slots saved"),
        "drafts.key_queue": ("排队", "queue"),
        "drafts.key_slots": ("时段", "slots"),
    }
)

MESSAGES.update(
    {
        # bulk drafts import (importers/kinds/drafts_bulk.py)
        "drafts.imp.bad": ("草稿无效:{why}", "not a valid draft: {why}"),
        "drafts.imp.past": ("发布时间 {when} 已过", "the time {when} has passed"),
        "drafts.imp.limits": (
            "超出抖音限制,不能定时:{why}",
            "breaks Douyin's limits, cannot be scheduled: {why}",
        ),
        "drafts.imp.dup_file": ("文件里已有同名草稿", "repeats an earlier row's title"),
        "drafts.imp.dup_draft": ("已有同名草稿 #{id}", "already a draft (#{id})"),
        "drafts.imp.dup_work": ("已发布为作品 #{id}", "already published (work #{id})"),
    }
)
