"""`creatorctl messages …` (direct messages and auto-reply rules) and `creatorctl groups …`."""

from __future__ import annotations

import click

from creatorctl.cli import Ctx, pass_ctx
from creatorctl.cli.common import echo_json, echo_table
from creatorctl.sorting import MEMBER_SORTS


@click.group("messages")
def messages() -> None:
    """Direct messages 私信: conversations, auto-reply rules, a rule tester."""


@messages.command("list")
@click.option("--unread", is_flag=True, help="Only conversations with unread messages.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def list_cmd(ctx: Ctx, unread: bool, limit: int, as_json: bool) -> None:
    """Conversations, most recent first, with unread counts."""
    from dataclasses import asdict

    from creatorctl.i18n import t
    from creatorctl.inbox.messages import list_conversations

    acc = ctx.require_account()
    rows = list_conversations(ctx.store, acc.id, unread_only=unread, limit=limit)
    if as_json:
        echo_json([asdict(r) for r in rows])
        return
    if not rows:
        click.echo(t("inbox.none_conversations"))
        return
    echo_table(
        ["ID", t("inbox.col_fan"), t("inbox.col_time"), t("inbox.col_last"), t("inbox.col_unread")],
        [
            [r.id, r.fan_nickname, f"{r.last_at:%Y-%m-%d %H:%M}", r.last_text[:40], r.unread or ""]
            for r in rows
        ],
    )


@messages.command("show")
@click.argument("conversation_id", type=int)
@click.option("--read", "mark", is_flag=True, help="Also mark the conversation read.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_cmd(ctx: Ctx, conversation_id: int, mark: bool, as_json: bool) -> None:
    """A conversation's messages, oldest first (auto replies marked)."""
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import conversation_messages, get_conversation, mark_read

    acc = ctx.require_account()
    conv = get_conversation(ctx.store, acc.id, conversation_id)
    rows = conversation_messages(ctx.store, acc.id, conversation_id)
    if mark:
        mark_read(ctx.store, acc.id, conversation_id)
    if as_json:
        echo_json([m.as_json() for m in rows])
        return
    click.echo(f"{conv.fan_nickname} ({conv.fan_id})")
    for m in rows:
        who = conv.fan_nickname if m.direction == "in" else t("inbox.mine")
        auto = f" [{t('inbox.auto')}]" if m.auto_reply else ""
        click.echo(f"{m.created_at:%Y-%m-%d %H:%M}  {who}{auto}: {m.text}")


@messages.command("receive")
@click.argument("fan_id")
@click.argument("text")
@click.option("--nickname", default="", help="The fan's nickname.")
@pass_ctx
def receive_cmd(ctx: Ctx, fan_id: str, text: str, nickname: str) -> None:
    """Record a message from a fan as it arrives; the auto-reply rules answer it."""
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import Incoming, receive_message
    from creatorctl.timeutil import utcnow

    acc = ctx.require_account()
    result = receive_message(
        ctx.store, acc.id, Incoming(fan_id, nickname or fan_id, text.strip(), utcnow())
    )
    click.echo(t("inbox.received", replies=result.auto_replies))


@messages.command("send")
@click.argument("conversation_id", type=int)
@click.argument("text")
@pass_ctx
def send_cmd(ctx: Ctx, conversation_id: int, text: str) -> None:
    """Answer a fan."""
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import send_message

    acc = ctx.require_account()
    send_message(ctx.store, acc.id, conversation_id, text)
    click.echo(t("inbox.sent"))


@messages.command("rules")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def rules_cmd(ctx: Ctx, as_json: bool) -> None:
    """Auto-reply rules in the order they are tried."""
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import list_rules

    acc = ctx.require_account()
    rules = list_rules(ctx.store, acc.id)
    if as_json:
        echo_json([r.as_json() for r in rules])
        return
    if not rules:
        click.echo(t("inbox.none_rules"))
        return
    echo_table(
        [
            "ID",
            t("inbox.col_keyword"),
            t("inbox.col_reply"),
            t("inbox.col_priority"),
            t("inbox.col_state"),
        ],
        [
            [
                r.id,
                t("inbox.welcome") if r.is_welcome else r.keyword,
                r.reply,
                r.priority,
                t("inbox.on") if r.enabled else t("inbox.off"),
            ]
            for r in rules
        ],
    )


@messages.command("rule")
@click.argument("rule_id", type=int, required=False)
@click.option("--keyword", default=None, help="Keywords, separated by |.")
@click.option("--reply", default=None, help="The reply text.")
@click.option("--priority", type=int, default=None, help="Higher is tried first.")
@click.option("--welcome/--no-welcome", default=None, help="Answer a fan's first message.")
@click.option("--on/--off", "enabled", default=None, help="Switch the rule on or off.")
@click.option("--delete", is_flag=True, help="Delete the rule.")
@pass_ctx
def rule_cmd(
    ctx: Ctx,
    rule_id: int | None,
    keyword: str | None,
    reply: str | None,
    priority: int | None,
    welcome: bool | None,
    enabled: bool | None,
    delete: bool,
) -> None:
    """Add a rule (no RULE_ID), or change or delete one."""
    from creatorctl.errors import UserError
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import delete_rule, list_rules, rule_name, save_rule

    acc = ctx.require_account()
    if delete and rule_id is None:
        raise click.UsageError("--delete needs RULE_ID")
    current = None
    if rule_id is not None:
        current = next((r for r in list_rules(ctx.store, acc.id) if r.id == rule_id), None)
        if current is None:
            raise UserError(t("inbox.err_unknown_rule", id=rule_id))
    if delete and current is not None:
        delete_rule(ctx.store, acc.id, current.id)
        click.echo(t("inbox.rule_deleted", id=current.id, keyword=rule_name(current)))
        return
    rule = save_rule(
        ctx.store,
        acc.id,
        rule_id=rule_id,
        keyword=keyword if keyword is not None else (current.keyword if current else ""),
        reply=reply if reply is not None else (current.reply if current else ""),
        priority=priority if priority is not None else (current.priority if current else 0),
        enabled=enabled if enabled is not None else (current.enabled if current else True),
        is_welcome=welcome if welcome is not None else (current.is_welcome if current else False),
    )
    click.echo(t("inbox.rule_saved", id=rule.id, keyword=rule_name(rule)))


@messages.command("test-rule")
@click.argument("text")
@click.option("--first", is_flag=True, help="As a fan's first message (welcome rules apply).")
@pass_ctx
def test_rule_cmd(ctx: Ctx, text: str, first: bool) -> None:
    """Which rule would answer TEXT, and with what."""
    from creatorctl.i18n import t
    from creatorctl.inbox.messages import rule_name, test_rules

    acc = ctx.require_account()
    rule = test_rules(ctx.store, acc.id, text, first=first)
    click.echo(
        t("inbox.test_match", id=rule.id, keyword=rule_name(rule), reply=rule.reply)
        if rule
        else t("inbox.test_none")
    )


@click.group("groups")
def groups() -> None:
    """Fan groups 粉丝群: announcement and history, admins, members, inactive members."""


@groups.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def groups_list(ctx: Ctx, as_json: bool) -> None:
    """Fan groups with member, admin and inactive counts."""
    from dataclasses import asdict

    from creatorctl.i18n import t
    from creatorctl.inbox.groups import list_groups

    acc = ctx.require_account()
    rows = list_groups(ctx.store, acc.id)
    if as_json:
        echo_json([asdict(g) for g in rows])
        return
    if not rows:
        click.echo(t("inbox.none_groups"))
        return
    for g in rows:
        click.echo(f"#{g.id} {g.name}  {g.members} / {g.admins} / {g.inactive}")
        click.echo(f"   {g.announcement}")


@groups.command("members")
@click.argument("group_id", type=int)
@click.option(
    "--sort", type=click.Choice(MEMBER_SORTS.keys), default=MEMBER_SORTS.default, show_default=True
)
@click.option(
    "--inactive",
    "inactive_days",
    type=click.IntRange(1),
    metavar="DAYS",
    help="Only members silent this many days.",
)
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def groups_members(
    ctx: Ctx, group_id: int, sort: str, inactive_days: int | None, limit: int, as_json: bool
) -> None:
    """Members by last activity or message count."""
    from creatorctl.i18n import t
    from creatorctl.inbox.groups import list_members

    acc = ctx.require_account()
    rows = list_members(
        ctx.store, acc.id, group_id, sort=sort, inactive_days=inactive_days, limit=limit
    )
    if as_json:
        echo_json([m.as_json() for m in rows])
        return
    echo_table(
        [
            t("inbox.col_user"),
            t("inbox.col_role"),
            t("inbox.col_last_active"),
            t("inbox.col_messages"),
        ],
        [
            [
                m.nickname,
                t(f"inbox.role.{m.role}"),
                f"{m.last_active_at:%Y-%m-%d %H:%M}" if m.last_active_at else t("inbox.never"),
                m.message_count,
            ]
            for m in rows
        ],
    )


@groups.command("announce")
@click.argument("group_id", type=int)
@click.argument("text", required=False)
@click.option("--history", is_flag=True, help="Show past announcements instead.")
@pass_ctx
def groups_announce(ctx: Ctx, group_id: int, text: str | None, history: bool) -> None:
    """Set the announcement (kept in its history), or show the history."""
    from creatorctl.i18n import t
    from creatorctl.inbox.groups import announcement_history, set_announcement

    acc = ctx.require_account()
    if history or text is None:
        for a in announcement_history(ctx.store, acc.id, group_id):
            click.echo(f"{a.changed_at:%Y-%m-%d %H:%M}  {a.text}")
        return
    changed = set_announcement(ctx.store, acc.id, group_id, text)
    click.echo(t("inbox.announcement_saved") if changed else t("inbox.announcement_same"))


@groups.command("role")
@click.argument("group_id", type=int)
@click.argument("user_id")
@click.argument("role", type=click.Choice(["admin", "member"]))
@pass_ctx
def groups_role(ctx: Ctx, group_id: int, user_id: str, role: str) -> None:
    """Make a member an admin, or an admin a member."""
    from creatorctl.i18n import t
    from creatorctl.inbox.groups import set_role

    acc = ctx.require_account()
    set_role(ctx.store, acc.id, group_id, user_id, role)
    click.echo(t("inbox.role_saved", user=user_id, role=t(f"inbox.role.{role}")))


COMMANDS = [messages, groups]
