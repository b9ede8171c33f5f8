"""Demo data for the Data and Fans tabs: a realistic fan curve, portrait, activity, trending.

The core made the account's days with a fan-loss spike after one controversial work. This
extender reshapes the losses so they follow the fan count (not the day's plays, which would
make every viral day look like a loss spike), adds a 30-day stretch of slow decline (the last
30 days for odd seeds, an earlier month otherwise), and fills the portrait, the weekday × hour
activity and the niche's trending topics.
"""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from creatorctl.demo import DemoContext
from creatorctl.demo.content import NICHES
from creatorctl.store import Unit

DECLINE_DAYS = 30

# Where each niche's fans cluster; the first province dominates for seeds with a regional audience.
HOME_PROVINCE = {"美食": "广东", "穿搭": "浙江", "宠物": "上海", "职场": "北京", "旅行": "四川"}
PROVINCES = ("广东", "江苏", "浙江", "山东", "河南", "四川", "北京", "上海", "湖北", "湖南")
AGES = ("18-23", "24-30", "31-40", "41-50", "50+")
DEVICES = ("iPhone", "华为", "OPPO", "vivo", "小米", "其他")
INTERESTS = ("美食", "旅行", "萌宠", "时尚", "职场", "游戏", "影视", "音乐", "健身", "育儿")
FEMALE_SHARE = {"美食": 0.62, "穿搭": 0.81, "宠物": 0.66, "职场": 0.48, "旅行": 0.57}

# Trending topics the account's works never used: what "not covered yet" looks like.
NEW_TOPICS = {
    "美食": ("#空气炸锅食谱", "#围炉煮茶", "#秋天的第一杯奶茶", "#年夜饭", "#预制菜测评"),
    "穿搭": ("#美拉德穿搭", "#老钱风", "#静奢风", "#羽绒服测评", "#多巴胺穿搭"),
    "宠物": ("#猫咪体检", "#宠物冬季护理", "#狗狗冬天穿衣", "#冻干测评", "#流浪猫救助"),
    "职场": ("#AI办公", "#年终总结", "#考公", "#裸辞", "#35岁职场"),
    "旅行": ("#哈尔滨冰雪大世界", "#citywalk", "#特种兵旅行", "#反向旅游", "#冬季赏雪"),
}
SAMPLE_TITLES = (
    "{t}第{n}期:这次真的绝了",
    "跟着{t}过一个周末",
    "被{t}种草了,说说真实感受",
    "{t}的{n}个小技巧,第{k}个最实用",
    "关于{t},很多人都做错了",
)


def extend(conn: Unit, ctx: DemoContext) -> None:
    _reshape_fans(conn, ctx)
    _portrait(conn, ctx)
    _activity(conn, ctx)
    _trending(conn, ctx)


def decline_window(ctx: DemoContext, first: date) -> tuple[date, date] | None:
    """The 30 days of slow decline: the last 30 for odd seeds (when the spike is not in them)."""
    last = ctx.today
    recent = (last - timedelta(days=DECLINE_DAYS - 1), last)
    if ctx.seed % 2 == 1 and (ctx.fan_loss_day is None or ctx.fan_loss_day < recent[0]):
        window = recent
    else:
        end = last - timedelta(days=100 + ctx.seed % 40)
        window = (end - timedelta(days=DECLINE_DAYS - 1), end)
    if window[0] <= first:
        return None
    return window


def _reshape_fans(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    rows = conn.execute(
        sa.text(
            "SELECT id, day, fans_total, fans_gained, fans_lost FROM accountdaily "
            "WHERE account_id=:a ORDER BY day"
        ),
        {"a": ctx.account_id},
    ).all()
    if not rows:
        return
    first = date.fromisoformat(str(rows[0].day))
    window = decline_window(ctx, first)
    total = (rows[0].fans_total or 0) - rows[0].fans_gained + rows[0].fans_lost
    steady = float(total)  # the fan count a month ago, roughly: losses follow it
    updates = []
    for r in rows:
        day = date.fromisoformat(str(r.day))
        # Within ±20% of a steady rate that follows the fan count slowly (a viral week's new
        # fans leave gradually): only the controversial work makes a spike.
        steady += (total - steady) / 30
        lost = int(steady * rng.uniform(0.001, 0.0014)) + rng.randrange(0, 2)
        gained = r.fans_gained
        if window and window[0] <= day <= window[1]:
            # Losing a little more than gaining, every day: no single bad day to blame.
            gained = int(lost * rng.uniform(0.35, 0.8))
        if day == ctx.fan_loss_day:
            lost = max(lost * 8, 60)
        total = max(0, total + gained - lost)
        updates.append((total, gained, lost, r.id))
    ctx.bulk.executemany(
        "UPDATE accountdaily SET fans_total=?, fans_gained=?, fans_lost=? WHERE id=?", updates
    )
    ctx.fans_total = total


def _shares(weights: list[float]) -> list[float]:
    """Weights → shares that sum to exactly 1 at 4 decimals."""
    total = sum(weights)
    shares = [round(w / total, 4) for w in weights]
    shares[0] = round(shares[0] + 1 - sum(shares), 4)
    return shares


def _portrait(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    female = FEMALE_SHARE.get(ctx.niche, 0.55) + rng.uniform(-0.04, 0.04)
    home = HOME_PROVINCE.get(ctx.niche, "广东")
    others = [p for p in PROVINCES if p != home]
    # A regional audience for two seeds in three: the home province holds a third or more.
    home_weight = rng.uniform(0.34, 0.45) if ctx.seed % 3 != 0 else rng.uniform(0.12, 0.2)
    rest = [rng.uniform(0.5, 1.5) for _ in others]
    scale = (1 - home_weight) / (sum(rest) * 1.25)  # a quarter of the rest is 其他
    provinces = [home, *others, "其他"]
    province_weights = [
        home_weight,
        *[w * scale for w in rest],
        1 - home_weight - sum(rest) * scale,
    ]
    niche_interest = {
        "美食": "美食",
        "穿搭": "时尚",
        "宠物": "萌宠",
        "职场": "职场",
        "旅行": "旅行",
    }
    interests = [niche_interest.get(ctx.niche, "美食")] + [
        i for i in INTERESTS if i != niche_interest.get(ctx.niche)
    ]
    dims: dict[str, tuple[list[str], list[float]]] = {
        "gender": (["male", "female"], [1 - female, female]),
        "age": (list(AGES), [0.18, 0.34, 0.27, 0.14, 0.07]),
        "province": (provinces, province_weights),
        "device": (list(DEVICES), [0.31, 0.24, 0.15, 0.14, 0.11, 0.05]),
        "interest": (interests[:8], [0.3, *[rng.uniform(0.04, 0.14) for _ in range(7)]]),
    }
    rows = []
    for dim, (buckets, weights) in dims.items():
        jittered = [
            w * rng.uniform(0.9, 1.1) if dim not in ("gender", "province") else w for w in weights
        ]
        for bucket, share in zip(buckets, _shares(jittered), strict=True):
            rows.append((ctx.account_id, dim, bucket, share, ctx.today.isoformat()))
    ctx.bulk.insert_rows(
        "fanportrait", ("account_id", "dimension", "bucket", "share", "as_of"), rows
    )


# Relative activity by hour: weekdays peak 19–21 h (after work), with small commute and lunch
# bumps; weekends peak late morning and stay busy into the evening.
WEEKDAY_CURVE = (
    0.10, 0.06, 0.04, 0.03, 0.03, 0.05, 0.12, 0.30, 0.38, 0.28, 0.26, 0.30,
    0.45, 0.40, 0.28, 0.26, 0.28, 0.34, 0.52, 0.86, 1.00, 0.92, 0.62, 0.30,
)  # fmt: skip
WEEKEND_CURVE = (
    0.20, 0.14, 0.08, 0.05, 0.04, 0.04, 0.06, 0.12, 0.30, 0.55, 0.78, 0.84,
    0.70, 0.50, 0.45, 0.44, 0.46, 0.50, 0.56, 0.62, 0.66, 0.60, 0.45, 0.30,
)  # fmt: skip


def _activity(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    fans = max(ctx.fans_total, 100)
    rows = []
    for weekday in range(7):
        curve = WEEKEND_CURVE if weekday >= 5 else WEEKDAY_CURVE
        friday = 1.05 if weekday == 4 else 1.0
        for hour in range(24):
            value = curve[hour] * friday * rng.uniform(0.94, 1.04) * fans * 0.08
            rows.append((ctx.account_id, weekday, hour, round(value, 1)))
    ctx.bulk.insert_rows("fanactivity", ("account_id", "weekday", "hour", "value"), rows)


def _trending(conn: Unit, ctx: DemoContext) -> None:
    rng = ctx.rng
    niche = NICHES[ctx.niche]
    covered = rng.sample(niche.topics, min(6, len(niche.topics)))
    topics = covered + list(NEW_TOPICS.get(ctx.niche, ()))
    rows = []
    for topic in topics:
        name = topic.lstrip("#")
        titles = [
            tpl.format(t=name, n=rng.randint(2, 9), k=rng.randint(1, 5))
            for tpl in rng.sample(SAMPLE_TITLES, 3)
        ]
        heat = int(rng.lognormvariate(13, 1.1))
        rows.append((None, ctx.niche, topic, heat, "\n".join(titles), ctx.today.isoformat()))
    ctx.bulk.executemany(
        "INSERT INTO trendingtopic(account_id, niche, topic, heat, sample_titles, day) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
        rows,
    )
