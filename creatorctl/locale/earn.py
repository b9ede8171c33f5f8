"""Messages of the Earn tab and `earn` commands."""

MESSAGES = {
    # eligibility
    "earn.way.xingtu": ("星图商单", "Xingtu brand deals"),
    "earn.way.live_commerce": ("直播带货", "live commerce"),
    "earn.way.tasks": ("全民任务", "platform tasks"),
    "earn.missing_fans": ("还差 {n} 粉丝", "{n} more fans needed"),
    "earn.missing_verified": ("需要实名认证", "real-name verification needed"),
    "earn.eligible": ("已开通", "eligible"),
    "earn.not_eligible": ("未达标", "not yet"),
    "earn.needs_fans": ("{n} 粉丝起", "from {n} fans"),
    "earn.needs_verified": ("需实名", "real name"),
    "earn.needs_nothing": ("无门槛", "no requirements"),
    # states and actions
    "earn.state.open": ("待接单", "open"),
    "earn.state.accepted": ("已接单", "accepted"),
    "earn.state.delivered": ("已交付", "delivered"),
    "earn.state.settled": ("已结算", "settled"),
    "earn.action.accept": ("接单", "accept"),
    "earn.action.deliver": ("交付", "deliver"),
    "earn.action.settle": ("结算", "settle"),
    "earn.source.brand": ("商单", "brand deals"),
    "earn.source.selling": ("带货", "selling"),
    "earn.source.tasks": ("全民任务", "tasks"),
    "earn.task_state.upcoming": ("未开始", "upcoming"),
    "earn.task_state.active": ("进行中", "active"),
    "earn.task_state.ended": ("已结束", "ended"),
    # errors
    "earn.err.no_task": ("没有编号为 {id} 的商单", "no brand task with id {id}"),
    "earn.err.bad_transition": (
        "商单 #{id} 现在是「{state}」,不能{action}(需要「{needed}」)",
        "cannot {action} task #{id}: it is {state} (it must be {needed})",
    ),
    "earn.err.xingtu_threshold": (
        "不能接单:星图商单需要至少 {min} 粉丝,现有 {fans}(还差 {short})",
        "cannot accept: Xingtu deals need at least {min} fans; you have {fans} ({short} short)",
    ),
    "earn.err.task_threshold": (
        "不能接单:商单 #{id} 要求至少 {min} 粉丝,现有 {fans}(还差 {short})",
        "cannot accept: task #{id} needs at least {min} fans; you have {fans} ({short} short)",
    ),
    "earn.err.past_deadline": (
        "商单 #{id} 已过截止日期 {deadline}",
        "task #{id} is past its deadline {deadline}",
    ),
    "earn.err.negative_amount": (
        "结算金额不能为负:{amount}",
        "amount cannot be negative: {amount}",
    ),
    "earn.err.bad_amount": ("金额无效:{value}", "not an amount: {value}"),
    "earn.err.unknown_category": (
        "没有分类 {category},可选:{categories}",
        "no category {category}; choose from {categories}",
    ),
    # results
    "earn.accepted": ("已接单:#{id} {title}", "accepted: #{id} {title}"),
    "earn.delivered": ("已交付:#{id} → 作品 #{work}", "delivered: #{id} → work #{work}"),
    "earn.settled": ("已结算:#{id},入账 ¥{amount}", "settled: #{id}, ¥{amount} recorded"),
    "earn.rewards_recorded": ("新记入 {n} 笔全民任务奖励", "{n} new task reward(s) recorded"),
    "earn.none_tasks": ("没有商单", "no brand tasks"),
    "earn.none_products": ("橱窗里还没有商品", "no products yet"),
    "earn.none_platform": ("没有全民任务", "no platform tasks"),
    "earn.none_earnings": ("还没有收益记录", "no earnings yet"),
    # columns
    "earn.col.brand": ("品牌", "brand"),
    "earn.col.task": ("商单", "task"),
    "earn.col.category": ("分类", "category"),
    "earn.col.commission": ("佣金", "commission"),
    "earn.col.min_fans": ("粉丝门槛", "min fans"),
    "earn.col.deadline": ("截止", "deadline"),
    "earn.col.state": ("状态", "state"),
    "earn.col.work": ("交付作品", "work"),
    "earn.col.product": ("商品", "product"),
    "earn.col.units": ("销量", "units"),
    "earn.col.gmv": ("GMV", "GMV"),
    "earn.col.return_rate": ("退货率", "returns"),
    "earn.col.reasons": ("主要退货原因", "top return reasons"),
    "earn.col.topic": ("话题", "topic"),
    "earn.col.threshold": ("播放门槛", "plays needed"),
    "earn.col.reward": ("奖励", "reward"),
    "earn.col.window": ("时间", "window"),
    "earn.col.qualified": ("达标作品", "qualifying"),
    "earn.col.month": ("月份", "month"),
    "earn.col.total": ("合计", "total"),
    "earn.col.way": ("变现方式", "way"),
    "earn.col.missing": ("还差", "missing"),
    "earn.col.source": ("来源", "source"),
    "earn.col.amount": ("金额", "amount"),
    # summaries
    "earn.brand_totals": (
        "待接 {open} 单 ¥{open_c} · 进行中 {pending} 单 ¥{pending_c} · 已结算 {settled} 单 ¥{settled_c}",
        "open {open} ¥{open_c} · in progress {pending} ¥{pending_c} · settled {settled} ¥{settled_c}",
    ),
    "earn.flag_returns": ("退货率偏高", "high returns"),
    "earn.flag_count": (
        "{n} 个商品退货率 ≥ {limit}",
        "{n} product(s) with returns ≥ {limit}",
    ),
    "earn.total_line": ("近 12 个月合计 ¥{total}", "last 12 months: ¥{total}"),
    "earn.qualified_rewarded": ("已达标,奖励已入账", "qualified, reward recorded"),
    "earn.qualified": ("已达标", "qualified"),
    "earn.not_qualified": ("未达标", "not yet"),
    "earn.more_works": ("…另 {n} 个", "… {n} more"),
}

MESSAGES.update(
    {
        "tab.earn": ("变现", "Earn"),
        "help.tab.earn": (
            "变现资格、星图商单(接单/交付/结算)、橱窗带货、全民任务和收益图表",
            "eligibility, Xingtu brand deals (accept/deliver/settle), selling, platform tasks, "
            "earnings chart",
        ),
        "earn.section.brand": ("商单", "Brand deals"),
        "earn.section.products": ("橱窗", "Products"),
        "earn.section.platform": ("全民任务", "Platform tasks"),
        "earn.section.earnings": ("收益", "Earnings"),
        "earn.key.brand": ("商单", "brand deals"),
        "earn.key.products": ("橱窗", "products"),
        "earn.key.platform": ("全民任务", "platform tasks"),
        "earn.key.earnings": ("收益", "earnings"),
        "earn.key.category": ("分类", "category"),
        "earn.key.qualify": ("我能接", "I qualify"),
        "earn.key.accept": ("接单", "accept"),
        "earn.key.deliver": ("交付", "deliver"),
        "earn.key.settle": ("结算", "settle"),
        "earn.filter_all": ("全部分类", "all categories"),
        "earn.filter_qualify": ("只看我能接", "only ones I qualify for"),
        "earn.confirm_accept": (
            "接下商单 #{id}「{brand}:{title}」?佣金 ¥{commission}",
            "accept task #{id} “{brand}: {title}”? commission ¥{commission}",
        ),
        "earn.pick_work": (
            "选择交付商单 #{id} 的作品(回车选择,Esc 取消)",
            "choose the work that delivers task #{id} (Enter picks, Esc cancels)",
        ),
        "earn.confirm_deliver": (
            "用作品 #{work}「{work_title}」交付商单 #{id}「{brand}:{title}」?",
            "deliver task #{id} “{brand}: {title}” with work #{work} “{work_title}”?",
        ),
        "earn.settle_question": (
            "结算商单 #{id}「{brand}」:实际到账金额(元)",
            "settle task #{id} ({brand}): amount received (yuan)",
        ),
        "earn.settle_hint": ("回车确认,Esc 取消", "Enter confirms, Esc cancels"),
        "earn.no_selection": ("先选中一个商单", "select a task first"),
        "earn.requirements": ("要求:{text}", "requirements: {text}"),
        "earn.products_hint": (
            "退货率 ≥ {limit} 标红;原因按次数排序",
            "return rate ≥ {limit} in red; reasons by count",
        ),
    }
)

MESSAGES.update(
    {
        "earn.imp.expected_reasons": (
            "应为退货原因,如 包装破损:3;发货太慢:1",
            "expected return reasons such as 包装破损:3;发货太慢:1",
        ),
        "earn.imp.returns_over_units": ("退货件数超过销量", "more returns than units sold"),
        "earn.imp.reasons_over_returns": (
            "退货原因的件数之和超过退货件数",
            "the reasons count more returns than the row has",
        ),
        "earn.imp.bad_topic": ("话题无效:{topic}", "not a topic: {topic}"),
        "earn.imp.window_order": ("结束时间早于开始时间", "the window ends before it starts"),
        "earn.imp.bad_source": (
            "收入来源应为 商单/带货/全民任务",
            "the source should be brand, selling or tasks (商单/带货/全民任务)",
        ),
    }
)
