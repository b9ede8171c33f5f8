"""Rule unit tests: comment flags and auto replies (matching, priority, welcome, on/off)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creatorctl.inbox.flags import comment_flags
from creatorctl.inbox.messages import Incoming, Rule, ingest_messages, match_rule


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("太有用了,收藏了", ""),
        ("加v领取全套资料", "wechat"),
        ("想学的加V:abc123", "wechat"),
        ("➕v 免费送", "wechat"),
        ("需要的加微信 tt123", "wechat"),
        ("薇信同号", "wechat"),
        ("vx:love520", "wechat"),
        ("VX 拉你进群", "wechat"),
        ("wx: abc", "wechat"),
        ("点击 http://t.cn/a8Kd2 领取", "link"),
        ("www.example.top 秒杀", "link"),
        ("免费领资料 zz91p.com", "link"),
        ("电话 13812345678 咨询", "phone"),
        ("打 138-1234-5678", "phone"),
        ("vx同号 15900001111", "phone wechat"),
        ("订单号 2138123456789", ""),  # digits inside a longer number are not a phone
        ("我的 vivo 手机", ""),  # 'v' inside a word is not 'vx'
        ("一共 wxyz", ""),
    ],
)
def test_flags(text: str, flags: str) -> None:
    assert comment_flags(text) == flags


def test_word_list_flags_and_is_case_insensitive() -> None:
    assert comment_flags("这是智商税", ["智商税"]) == "word"
    assert comment_flags("SCAM here", ["scam"]) == "word"
    assert comment_flags("好视频", ["智商税"]) == ""
    assert comment_flags("加v 智商税", ["智商税"]) == "wechat word"


RULES = [
    Rule(1, "", "欢迎!", 0, True, True),
    Rule(2, "价格|多少钱", "看橱窗", 20, True, False),
    Rule(3, "合作,商务", "发邮件", 30, True, False),
    Rule(4, "教程", "进群看", 5, False, False),
    Rule(5, "多少钱", "低优先级", 1, True, False),
]


def test_keyword_rules_by_priority() -> None:
    assert match_rule(RULES, "这个多少钱?", first=False).id == 2  # type: ignore[union-attr]
    # Both 2 and 3 match: the higher priority wins.
    assert match_rule(RULES, "合作的话价格怎么算", first=False).id == 3  # type: ignore[union-attr]
    assert match_rule(RULES, "商务", first=False).id == 3  # type: ignore[union-attr]


def test_disabled_rules_never_answer() -> None:
    assert match_rule(RULES, "教程在哪", first=False) is None


def test_welcome_only_for_a_first_message_without_a_keyword() -> None:
    assert match_rule(RULES, "你好", first=True).id == 1  # type: ignore[union-attr]
    assert match_rule(RULES, "你好", first=False) is None
    assert match_rule(RULES, "你好,多少钱", first=True).id == 2  # type: ignore[union-attr]


def test_keywords_case_insensitive() -> None:
    rules = [Rule(1, "VIP", "会员", 0, True, False)]
    assert match_rule(rules, "怎么开vip", first=False) is not None


def _msg(fan: str, text: str, minute: int, direction: str = "in") -> Incoming:
    return Incoming(fan, f"粉丝{fan}", text, datetime(2026, 11, 20, 10, minute), direction)


def test_ingest_applies_rules_and_marks_auto_replies(store, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from creatorctl.accounts import add_account
    from creatorctl.inbox.messages import (
        conversation_messages,
        list_conversations,
        save_rule,
    )

    acc = add_account(store, "me")
    save_rule(store, acc.id, keyword="", reply="欢迎!", is_welcome=True)
    price = save_rule(store, acc.id, keyword="价格", reply="看橱窗", priority=5)
    with store.write() as conn:
        raw = store.unit(conn)
        result = ingest_messages(
            raw,
            acc.id,
            [
                _msg("a", "你好", 1),
                _msg("a", "价格呢", 2),
                _msg("a", "谢谢", 3),
                _msg("b", "价格", 4),
            ],
            None,
        )
    assert result.added == 4 and result.auto_replies == 3 and result.conversations == 2
    convs = {c.fan_id: c for c in list_conversations(store, acc.id)}
    msgs = conversation_messages(store, acc.id, convs["a"].id)
    assert [(m.direction, m.text, m.auto_reply) for m in msgs] == [
        ("in", "你好", False),
        ("out", "欢迎!", True),
        ("in", "价格呢", False),
        ("out", "看橱窗", True),
        ("in", "谢谢", False),
    ]
    assert msgs[3].rule_id == price.id
    # fan b's first message had a keyword: the keyword rule answers, not the welcome.
    b = conversation_messages(store, acc.id, convs["b"].id)
    assert [m.text for m in b] == ["价格", "看橱窗"]
    assert convs["a"].unread == 3 and convs["b"].unread == 1
    # Ingesting the same messages again adds nothing (and no second auto reply).
    with store.write() as conn:
        again = ingest_messages(store.unit(conn), acc.id, [_msg("a", "你好", 1)], None)
    assert again.added == 0 and again.auto_replies == 0
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM message")).scalar() == 7


def test_rule_validation(store) -> None:  # type: ignore[no-untyped-def]
    from creatorctl.accounts import add_account
    from creatorctl.errors import UserError
    from creatorctl.inbox.messages import delete_rule, list_rules, save_rule, set_rule_enabled

    acc = add_account(store, "me")
    with pytest.raises(UserError):
        save_rule(store, acc.id, keyword="价格", reply="  ")
    with pytest.raises(UserError):
        save_rule(store, acc.id, keyword=" | ", reply="hi")
    with pytest.raises(UserError):
        save_rule(store, acc.id, rule_id=99, keyword="a", reply="b")
    rule = save_rule(store, acc.id, keyword="a", reply="b")
    set_rule_enabled(store, acc.id, rule.id, False)
    assert list_rules(store, acc.id)[0].enabled is False
    delete_rule(store, acc.id, rule.id)
    assert list_rules(store, acc.id) == []
    with pytest.raises(UserError):
        delete_rule(store, acc.id, rule.id)


# The quick pre-check must never change a verdict: compare with the full rules on text made
# of the characters the rules look at (and some that only look like them).
_FLAG_ALPHABET = "加➕+＋ vVwWxXｖＶｗＷｘＸ微薇威信❤扣qQ:：号.:/ht w1356789 -com.cn中文好ａİıſK"


@given(
    st.text(alphabet=_FLAG_ALPHABET, max_size=24),
    st.lists(st.text(alphabet="ab中文XxİI", min_size=0, max_size=3), max_size=2),
)
def test_quick_check_agrees_with_the_full_rules(text: str, words: list[str]) -> None:
    from creatorctl.inbox.flags import _all_flags

    assert comment_flags(text, words) == _all_flags(text, words)


async def test_rules_dialog_at_80x24(demo_db, app_factory) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 7: the rules dialog has a footer with a/e/space/d/t, its on/off column is
    on screen at 80x24, messages name rules by the id the table shows and by keyword, and a
    Tab typed right after `a` is not lost."""
    from textual.widgets import DataTable, Footer, Input, Static
    from textual.widgets._footer import FooterKey

    from creatorctl.screens.inbox.rules import RuleEditScreen, RulesScreen
    from tests.helpers import settle
    from tests.test_app_inbox import open_inbox

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_inbox(pilot, app, view=1)
        await pilot.press("R")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        await pilot.pause(0.3)
        keys = [k.key_display for k in screen.query_one(Footer).query(FooterKey)]
        assert {"a", "e", "space", "d", "t"} <= set(keys), keys
        table = screen.query_one("#rules-table", DataTable)
        columns = [str(c.label) for c in table.columns.values()]
        assert columns[:2] == ["#", "状态"]
        state_right = table.region.x + sum(
            c.get_render_width(table) for c in list(table.columns.values())[:2]
        )
        assert state_right <= 80
        first = screen.rules[0]
        assert str(table.get_row_at(0)[0]) == str(first.id)
        tester = screen.query_one("#rule-test", Input)
        tester.value = first.keyword.split("|")[0] if not first.is_welcome else "x"
        await settle(pilot, app)
        result = str(screen.query_one("#rule-test-result", Static).render())
        if not first.is_welcome:
            assert f"#{first.id}" in result and first.keyword in result
        table.focus()
        await pilot.press("a", "tab", "x")
        await settle(pilot, app)
        assert isinstance(app.screen, RuleEditScreen)
        assert app.screen.query_one("#rule-keyword", Input).value == ""
        assert app.screen.query_one("#rule-reply", Input).value == "x"


async def test_rule_tester_shows_markup_in_a_rule_as_typed(demo_db: str, app_factory) -> None:  # type: ignore[no-untyped-def]
    """A keyword or reply holding Rich markup (`[b]`, a stray `[/]`, `[link=…]`) is shown in the
    tester's result as it was typed: never parsed (a stray `[/]` raised MarkupError, a tag
    swallowed the text)."""
    from dataclasses import replace

    from textual.widgets import Input, Static

    from creatorctl.screens.inbox.rules import RulesScreen
    from tests.helpers import settle
    from tests.test_app_inbox import open_inbox

    app = app_factory(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_inbox(pilot, app, view=1)
        await pilot.press("R")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, RulesScreen)
        keyword_rule = next(r for r in screen.rules if not r.is_welcome)
        screen.rules = [
            replace(keyword_rule, keyword="[b]价格", reply="点[/]这里[link=https://x.example]看")
        ]
        screen.query_one("#rule-test", Input).value = "[b]价格多少"
        await settle(pilot, app)
        result = str(screen.query_one("#rule-test-result", Static).render())
        assert "[b]价格" in result and "点[/]这里[link=https://x.example]看" in result
