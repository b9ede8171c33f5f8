"""Demo vocabulary: per niche, titles, topics and descriptions a real creator would write."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Niche:
    slug: str
    nickname: str
    bio: str
    topics: tuple[str, ...]
    templates: tuple[str, ...]
    slots: dict[str, tuple[str, ...]]
    descriptions: tuple[str, ...]


NICHES: dict[str, Niche] = {
    "美食": Niche(
        slug="food",
        nickname="阿柚的小厨房",
        bio="每天一道家常菜|教程材料在主页群公告",
        topics=(
            "#家常菜",
            "#美食教程",
            "#一人食",
            "#快手菜",
            "#下饭菜",
            "#广州早茶攻略",
            "#减脂餐",
            "#烘焙",
            "#早餐",
            "#懒人食谱",
            "#美食探店",
            "#深夜食堂",
        ),
        templates=(
            "花{price}块钱做的{dish}居然这么香?",
            "{dish}的{n}种做法,第{k}种太绝了",
            "十分钟搞定{dish},新手也能一次成功",
            "{city}早茶攻略:这{n}样必点",
            "生抽还是老抽?做{dish}别再放错了",
            "一周{n}天不重样的{meal}",
            "{dish}怎么做才不腥?秘诀在这一步",
            "在{city}吃了{n}家{dish},这家最好吃",
        ),
        slots={
            "dish": (
                "红烧肉",
                "番茄炒蛋",
                "可乐鸡翅",
                "糖醋排骨",
                "酸菜鱼",
                "麻婆豆腐",
                "虾饺",
                "肠粉",
                "蛋挞",
                "凉皮",
                "葱油拌面",
                "鱼香肉丝",
            ),
            "city": ("广州", "成都", "西安", "长沙", "北京", "上海", "杭州"),
            "meal": ("早餐", "减脂餐", "便当", "宵夜"),
        },
        descriptions=(
            "材料和步骤都在视频里啦,有问题评论区问我~",
            "收藏起来周末做!",
            "你们试过这种做法吗?评论区聊聊",
            "详细配方见置顶评论",
        ),
    ),
    "穿搭": Niche(
        slug="fashion",
        nickname="通勤穿搭小林",
        bio="155小个子|百元通勤穿搭|每周三更新",
        topics=(
            "#通勤穿搭",
            "#小个子穿搭",
            "#平价好物",
            "#秋冬穿搭",
            "#职场穿搭",
            "#显瘦",
            "#一衣多穿",
            "#学生党穿搭",
            "#配色",
            "#胶囊衣橱",
        ),
        templates=(
            "百元搞定一周通勤装,第{k}套最显瘦",
            "{n}件基础款穿出{m}套look",
            "小个子穿{item}的{n}个技巧",
            "{season}必备的{item},这样搭不踩雷",
            "一件{item}的{n}种穿法",
            "梨形身材怎么选{item}?看这条就够了",
        ),
        slots={
            "item": (
                "西装外套",
                "针织开衫",
                "阔腿裤",
                "半身裙",
                "风衣",
                "衬衫",
                "牛仔裤",
                "羽绒服",
            ),
            "season": ("春季", "夏天", "秋冬", "换季"),
        },
        descriptions=("链接在橱窗~", "你们喜欢第几套?评论区告诉我", "身高155体重90斤参考"),
    ),
    "宠物": Niche(
        slug="pets",
        nickname="橘座和二哈",
        bio="一猫一狗的鸡飞狗跳日常",
        topics=(
            "#猫咪",
            "#狗狗",
            "#萌宠",
            "#猫咪拆家名场面",
            "#狗狗学指令",
            "#养猫日常",
            "#宠物用品",
            "#铲屎官",
            "#新手养猫",
            "#柯基",
        ),
        templates=(
            "{pet}拆家名场面第{k}集",
            "教{pet}学会{skill}只用了{n}天",
            "{pet}第一次见到{thing}的反应",
            "新手养{pet}一定要知道的{n}件事",
            "给{pet}买了个{thing},它居然……",
        ),
        slots={
            "pet": ("橘猫", "二哈", "柯基", "布偶猫", "金毛", "小奶猫"),
            "skill": ("握手", "坐下", "定点上厕所", "等一等", "转圈"),
            "thing": ("黄瓜", "吸尘器", "镜子", "猫爬架", "小鱼干", "雪"),
        },
        descriptions=("今天也是被气到的一天", "你家毛孩子也这样吗?", "同款用品在橱窗"),
    ),
    "职场": Niche(
        slug="career",
        nickname="职场干货老周",
        bio="十年HR|面试、简历、升职加薪",
        topics=(
            "#职场干货",
            "#面试技巧",
            "#简历",
            "#升职加薪",
            "#职场沟通",
            "#Excel技巧",
            "#打工人",
            "#副业",
            "#时间管理",
            "#职场新人",
        ),
        templates=(
            "面试被问{question},这样答HR眼前一亮",
            "{n}个Excel技巧,让你准时下班",
            "工作{n}年才明白的{m}个道理",
            "简历写了这{n}句话,直接被刷",
            "领导说{phrase},其实是在暗示你",
        ),
        slots={
            "question": ("离职原因", "期望薪资", "你的缺点", "职业规划"),
            "phrase": ("辛苦了", "再想想", "你看着办", "下次注意"),
        },
        descriptions=("关注我,少走职场弯路", "收藏备用!", "你遇到过吗?评论区聊聊"),
    ),
    "旅行": Niche(
        slug="travel",
        nickname="背包去远方",
        bio="去过{n}个城市|人均千元旅行攻略",
        topics=(
            "#旅行攻略",
            "#小众旅行地",
            "#周末去哪儿",
            "#穷游",
            "#自驾游",
            "#露营",
            "#春日好时光",
            "#城市漫步",
            "#美食探店",
            "#旅行vlog",
        ),
        templates=(
            "人均{price}玩转{city}{n}天",
            "{city}本地人才知道的{n}个地方",
            "{season}去{city},这份攻略请收好",
            "第一次去{city}千万别踩这{n}个坑",
            "在{city}露营是一种什么体验",
        ),
        slots={
            "city": ("大理", "厦门", "重庆", "青岛", "西安", "成都", "桂林", "哈尔滨"),
            "season": ("春天", "五一", "国庆", "冬天"),
        },
        descriptions=("攻略已整理好放在评论区", "你最想去哪个城市?", "收藏=去过"),
    ),
}


def make_title(rng: random.Random, niche: str, index: int) -> tuple[str, tuple[str, ...]]:
    """A title and 1–4 topics for the `index`-th work of a `niche` account."""
    n = NICHES[niche]
    template = rng.choice(n.templates)
    values = {key: rng.choice(options) for key, options in n.slots.items()}
    values.update(
        n=str(rng.randint(3, 9)),
        m=str(rng.randint(5, 21)),
        k=str(rng.randint(1, 9)),
        price=str(rng.choice((10, 20, 50, 99, 199, 500, 1000))),
    )
    title = template.format(**values)
    if rng.random() < 0.3:
        title += f"({index % 97 + 1})"
    tags = tuple(dict.fromkeys(rng.sample(n.topics, rng.randint(1, 4))))
    return title, tags
