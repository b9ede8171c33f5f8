"""Messages of the Data and Fans tabs, `insights`, `report` and eligibility."""

MESSAGES = {
    "tab.data": ("数据", "Data"),
    "tab.fans": ("粉丝", "Fans"),
    "help.tab.data": (
        "数据中心:周期指标与环比、每日播放点赞、完播率分布、热门作品、作品诊断与建议、热门话题",
        "data centre: period KPIs vs the previous period, daily plays and likes, completion "
        "spread, top works, diagnostics with advice, trending topics",
    ),
    "help.tab.fans": (
        "粉丝:总数与涨掉粉曲线、掉粉诊断(回车打开作品)、粉丝画像、活跃时段热力图与最佳发布时间",
        "fans: total and gained/lost curve, fan-loss diagnosis (Enter opens the work), "
        "portrait, active-hours heatmap and the best posting times",
    ),
    # errors
    "ins.err_period": ("周期必须至少 1 天(收到 {days})", "a period is at least 1 day (got {days})"),
    "ins.err_range": (
        "结束日期 {end} 早于开始日期 {start}",
        "the end date {end} is before the start date {start}",
    ),
    "ins.err_range_format": (
        "日期范围 {text!r} 无法识别:请写成 2026-10-01..2026-10-31",
        "cannot read the date range {text!r}: write it as 2026-10-01..2026-10-31",
    ),
    # KPIs
    "kpi.plays": ("播放", "plays"),
    "kpi.likes": ("点赞", "likes"),
    "kpi.comments": ("评论", "comments"),
    "kpi.shares": ("分享", "shares"),
    "kpi.favorites": ("收藏", "favourites"),
    "kpi.profile_visits": ("主页访问", "profile visits"),
    "kpi.net_fans": ("净增粉丝", "net fans"),
    "kpi.new": ("新", "new"),
    # flags and advice (SPEC "3. Data")
    "ins.flag.low_completion": ("完播率低", "low completion"),
    "ins.flag.low_discussion": ("互动少", "low discussion"),
    "ins.flag.low_share": ("分享少", "low sharing"),
    "ins.flag.region_concentrated": ("粉丝地域集中", "fans concentrated in one region"),
    "ins.advice.low_completion": (
        "前 3 秒设置钩子:抛出冲突或提问",
        "hook in the first 3 s: a conflict or a question",
    ),
    "ins.advice.low_discussion": (
        "结尾向观众提一个问题,引导评论",
        "end with a question to the audience",
    ),
    "ins.advice.low_share": (
        "加一句“转给需要的人”的引导",
        "add a “send this to someone who needs it” prompt",
    ),
    "ins.advice.region": (
        "{share} 的粉丝在{province}:加入本地话题,例如 {topic}",
        "{share} of fans are in {province}: add local topics, e.g. {topic}",
    ),
    "ins.local": ("本地", "本地"),
    # fans
    "fans.gender.male": ("男", "male"),
    "fans.gender.female": ("女", "female"),
    "fans.gender.unknown": ("未知", "unknown"),
    "fans.dim.gender": ("性别", "gender"),
    "fans.dim.age": ("年龄", "age"),
    "fans.dim.province": ("地域", "province"),
    "fans.dim.device": ("设备", "device"),
    "fans.dim.interest": ("兴趣", "interests"),
    "fans.decline_advice": (
        "近 30 天粉丝缓慢流失:试试“回归初心”合集,重温早期爆款 {works}",
        "fans have slowly declined over 30 days: try a “回归初心” (back to the roots) "
        "compilation of the early hits {works}",
    ),
    "fans.decline_advice_plain": (
        "近 30 天粉丝缓慢流失:试试“回归初心”合集,回到账号最初受欢迎的内容",
        "fans have slowly declined over 30 days: try a “回归初心” (back to the roots) "
        "compilation of what first made the account popular",
    ),
    "fans.spike_work": ("《{title}》", "“{title}”"),
    "fans.spike_no_work": ("(前 3 天没有发布作品)", "(no work published in the 3 days before)"),
    "weekday.0": ("周一", "Mon"),
    "weekday.1": ("周二", "Tue"),
    "weekday.2": ("周三", "Wed"),
    "weekday.3": ("周四", "Thu"),
    "weekday.4": ("周五", "Fri"),
    "weekday.5": ("周六", "Sat"),
    "weekday.6": ("周日", "Sun"),
    "fans.slot": ("{weekday} {hour:02d}:00", "{weekday} {hour:02d}:00"),
    # eligibility
    "elig.xingtu": ("星图商单", "Xingtu brand deals"),
    "elig.live_commerce": ("直播带货", "live commerce"),
    "elig.tasks": ("全民任务", "platform tasks"),
    # report and insights (CLI)
    "rep.title": ("{nickname}(@{handle})数据报告", "Report for {nickname} (@{handle})"),
    "rep.period": (
        "周期 {period}({days} 天),对比前一周期 {previous}",
        "period {period} ({days} days), against the previous {previous}",
    ),
    "rep.kpis": ("核心指标", "Key numbers"),
    "rep.this_period": ("本期", "this period"),
    "rep.previous": ("上期", "previous"),
    "rep.change": ("环比", "change"),
    "rep.chart_plays": ("每日播放与点赞", "daily plays and likes"),
    "rep.chart_fans": ("每日涨粉与掉粉", "daily fans gained and lost"),
    "rep.series.plays": ("播放", "plays"),
    "rep.series.likes": ("点赞", "likes"),
    "rep.series.fans_gained": ("涨粉", "gained"),
    "rep.series.fans_lost": ("掉粉", "lost"),
    "rep.no_days": ("这个周期没有账号数据", "no account numbers in this period"),
    "rep.completion": (
        "完播率分布(本期发布的作品)",
        "Completion rates (works published in the period)",
    ),
    "rep.no_works": ("这个周期没有发布作品", "no works published in this period"),
    "rep.fans": ("粉丝变化", "Fans"),
    "rep.fans_line": (
        "粉丝总数 {total},本期净增 {net}(涨 {gained},掉 {lost})",
        "{total} fans; net {net} this period ({gained} gained, {lost} lost)",
    ),
    "rep.spike": (
        "{date} 掉粉 {lost}:可能与 {work} 有关,去看看评论",
        "{date}: {lost} fans lost, probably after {work}; read its comments",
    ),
    "rep.no_fan_loss": ("没有异常掉粉", "no unusual fan loss"),
    "rep.gradual": (
        "近 30 天粉丝缓慢流失:试试“回归初心”合集",
        "fans slowly declined over the last 30 days: try a “回归初心” compilation",
    ),
    "rep.flagged": ("需要改进的作品:{n} 个", "Works to improve: {n}"),
    "rep.flagged_period": ("本期需要改进的作品:{n} 个", "Works to improve in this period: {n}"),
    "rep.flags": ("问题", "flags"),
    "rep.advice": ("建议", "advice"),
    "rep.no_flags": ("没有需要改进的作品", "no works flagged"),
    "rep.more_works": (
        "……还有 {n} 个(creatorctl insights --json 查看全部)",
        "… and {n} more (creatorctl insights --json lists all)",
    ),
    "rep.region": ("粉丝地域", "Where fans are"),
    "rep.no_portrait": ("还没有粉丝画像数据", "no fan portrait yet"),
    "rep.top_province": ("最多的省份:{province}({share})", "top province: {province} ({share})"),
    "rep.fan_loss": ("掉粉诊断", "Fan loss"),
    "rep.best_times": ("最佳发布时间", "Best posting times"),
    "rep.no_activity": ("还没有粉丝活跃数据", "no fan activity data yet"),
    "rep.eligibility": ("变现资格", "Earning eligibility"),
    "rep.eligible": ("已满足", "eligible"),
    # Data tab
    "data.key.period": ("切换周期", "period"),
    "data.key.custom": ("自定义周期", "custom period"),
    "data.period": ("周期", "Period"),
    "data.days": ("{n}天", "{n}d"),
    "data.custom": ("自定义", "custom"),
    "data.custom_placeholder": (
        "自定义周期,如 2026-10-01..2026-10-31(回车确认,Esc 取消)",
        "custom period, e.g. 2026-10-01..2026-10-31 (Enter; Esc cancels)",
    ),
    "data.chart_completion": ("完播率分布(%)", "completion rate spread (%)"),
    "data.works_count": ("作品数", "works"),
    "data.chart_top": ("本期热门作品对比", "top works of the period"),
    "data.flags_heading": ("作品诊断", "Diagnostics"),
    "data.flags_heading_n": (
        "作品诊断:{n} 个作品需要改进(回车查看)",
        "Diagnostics: {n} works to improve (Enter opens)",
    ),
    "data.no_flags": (
        "作品诊断:这个周期没有需要改进的作品",
        "Diagnostics: no works to improve in this period",
    ),
    "data.trending_heading": ("热门话题追踪", "Trending topics"),
    "data.col.topic": ("话题", "topic"),
    "data.col.heat": ("热度", "heat"),
    "data.col.covered": ("覆盖", "covered"),
    "data.col.samples": ("示例标题", "sample titles"),
    "data.covered": ("已覆盖", "covered"),
    "data.not_covered": ("未覆盖", "not yet"),
    "data.no_trending": (
        "还没有热门话题数据(导入热门话题 CSV)",
        "no trending topics yet (import a trending CSV)",
    ),
    # Fans tab
    "fans.total": ("粉丝总数", "fans"),
    "fans.net_30": ("近30天净增", "net, last 30 days"),
    "fans.gained_lost_90": ("近90天 涨 {gained} · 掉 {lost}", "last 90 days: +{gained} / -{lost}"),
    "fans.loss_heading": ("掉粉诊断(回车打开作品)", "Fan loss (Enter opens the work)"),
    "fans.works_heading": (
        "近 30 天各作品带来的粉丝(作品的粉丝增量:涨 / 掉)",
        "Fans by work, last 30 days (each work's own count: gained / lost)",
    ),
    "fans.works_none": ("作品数据里没有逐条的粉丝增量", "no per-work fan counts in the works data"),
    "fans.col.date": ("日期", "date"),
    "fans.col.lost": ("掉粉", "lost"),
    "fans.col.usual": ("平时", "usual"),
    "fans.col.work": ("可能的原因", "likely cause"),
    "fans.portrait_heading": ("粉丝画像(%)", "Fan portrait (%)"),
    "fans.activity_heading": ("粉丝活跃时段", "When fans are online"),
    "fans.best_slots": ("最佳发布时间:", "Best posting times:"),
    # work detail
    "detail.diagnosis": ("诊断", "Diagnosis"),
    "detail.no_flags": ("没有发现问题", "nothing to fix"),
    # importers
    "fans.imp_bad_dimension": (
        "应为 性别/年龄/地域/设备/兴趣 之一",
        "expected one of gender/age/province/device/interest",
    ),
    "fans.imp_need_share": ("缺少占比", "the share is missing"),
    "fans.imp_need_count": ("缺少粉丝总数", "the fan count is missing"),
    "fans.imp_bad_weekday": (
        "星期应为 0(周一)到 6(周日)",
        "weekday should be 0 (Monday) to 6 (Sunday)",
    ),
    "fans.imp_bad_hour": ("小时应为 0 到 23", "hour should be 0 to 23"),
}

MESSAGES.update(
    {
        # relative diagnosis (creatorctl.diagnosis)
        "ins.flag.below_recent": ("低于近期", "below recent"),
        "ins.flag.above_recent": ("好于近期", "above recent"),
        "ins.flag.high_bounce": ("2秒跳出高", "high 2s bounce"),
        "ins.flag.weak_hook": ("开头钩子弱", "weak hook"),
        "ins.flag.slow_middle": ("中段拖沓", "slow middle"),
        "diag.m.completion_rate": ("完播率", "completion"),
        "diag.m.completion_5s": ("5秒完播率", "5s completion"),
        "diag.m.bounce_2s": ("2秒跳出率", "2s bounce"),
        "diag.m.watch_ratio": ("平均观看/时长", "avg watch / length"),
        "diag.m.likes_per_play": ("点赞/播放", "likes per play"),
        "diag.m.comments_per_play": ("评论/播放", "comments per play"),
        "diag.m.shares_per_play": ("分享/播放", "shares per play"),
        "diag.m.favorites_per_play": ("收藏/播放", "favourites per play"),
        "diag.m.fans_per_1k_plays": ("每千次播放涨粉", "fans per 1,000 plays"),
        "diag.m.profile_visits_per_play": ("主页访问/播放", "profile visits per play"),
        "diag.rel": (
            "{metric} {value},近 {n} 个作品中位数 {median}({ratio} 倍,高于 {pct}% 的作品)",
            "{metric} {value} vs a median of {median} over the last {n} works "
            "({ratio}×, above {pct}% of them)",
        ),
        "diag.vs_recent": ("近期中位数 {median}", "recent median {median}"),
        "diag.vs_fixed": ("参考线 {limit}", "threshold {limit}"),
        "diag.advice.below_recent": (
            "比近期作品明显差:{what}。对比近期好作品的选题和开头",
            "clearly worse than recent works: {what}. Compare topic and opening with recent "
            "good ones",
        ),
        "diag.advice.above_recent": (
            "比近期作品明显好:{what}。这条做对了什么?复用它的选题、开头和时长",
            "clearly better than recent works: {what}. What worked here? Reuse its topic, "
            "opening and length",
        ),
        "diag.advice.high_bounce": (
            "2秒跳出率 {value}({base}):封面或第一帧留不住人,换开头镜头",
            "2s bounce {value} ({base}): the cover or first frame loses people; change the "
            "opening shot",
        ),
        "diag.advice.weak_hook": (
            "5秒完播率 {value}({base}):开头钩子太弱,前 5 秒先给结果、冲突或提问",
            "5s completion {value} ({base}): the hook is weak; open with the result, a "
            "conflict or a question",
        ),
        "diag.advice.slow_middle": (
            "5秒完播率 {c5} 不错,但完播率只有 {value}({base}):中段拖沓,剪短中间",
            "5s completion {c5} is fine but completion is {value} ({base}): the middle "
            "drags; cut it",
        ),
        "diag.no_completion.picture": (
            "图文作品没有完播率,不做完播诊断",
            "a picture post has no completion rate, so no completion diagnosis",
        ),
        "diag.no_completion.few_plays": (
            "播放 {plays} 次,不足 {min} 次,暂不诊断完播和互动比例",
            "{plays} plays, under {min}: too few to judge completion and rates",
        ),
        "diag.relative_head": ("对比近期作品", "against recent works"),
        "diag.col.median": ("近期中位数", "recent median"),
        "diag.col.ratio": ("倍数", "ratio"),
        "diag.col.pct": ("百分位", "percentile"),
        "diag.col.same_length": ("同时长", "same length"),
    }
)

MESSAGES.update(
    {
        # per-work fan effect (issue 16 §3)
        "fans.work_lost": ("该作品掉粉 {n}", "the work lost {n}"),
        "detail.fan_effect": (
            "这条作品带来的粉丝变化:涨粉 {gained},掉粉 {lost}(按作品的粉丝增量逐日计算)",
            "fans from this work: {gained} gained, {lost} lost (its own fan count, day by day)",
        ),
    }
)
