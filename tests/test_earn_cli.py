"""`creatorctl earn …`: output, JSON, and every error as one line with exit 1."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from creatorctl.cli import main
from tests.earn_support import (
    add_brand_task,
    add_platform_task,
    add_work,
    ledger,
    make_store,
    set_fans,
)


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CREATORCTL_FAKE_NOW", "2026-11-26 10:00")
    monkeypatch.delenv("CREATORCTL_DB", raising=False)


@pytest.fixture
def _run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(db: str, *args: str, lang: str = "zh") -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main(["--db", db, "--lang", lang, *args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def _demo_db(demo_db) -> str:  # type: ignore[no-untyped-def]
    return str(demo_db)


@pytest.fixture
def _small(tmp_path):  # type: ignore[no-untyped-def]
    store, acc = make_store(tmp_path)
    set_fans(store, acc, 12_000)
    yield store, acc, str(tmp_path / "earn.db")
    store.close()


def _one_line_error(code: int, out: str, err: str, text: str) -> None:
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("creatorctl: ")
    assert text in err
    assert "Traceback" not in err


def test_status_table_and_json(_run, _small) -> None:
    store, acc, db = _small
    code, out, _ = _run(db, "earn", "status")
    assert code == 0 and "星图商单" in out and "需要实名认证" not in out
    code, out, _ = _run(db, "earn", "status", "--json")
    assert json.loads(out)["xingtu"] == {"eligible": True, "missing": []}
    set_fans(store, acc, 7_655, day=datetime(2026, 11, 26).date())
    code, out, _ = _run(db, "earn", "status", "--json", lang="en")
    assert json.loads(out)["xingtu"]["missing"] == ["2,345 more fans needed"]


def test_tasks_list_filters(_run, _demo_db) -> None:
    code, out, _ = _run(_demo_db, "earn", "tasks", "--json")
    every = json.loads(out)
    assert code == 0 and len(every) > 10
    code, out, _ = _run(_demo_db, "earn", "tasks", "--eligible", "--json")
    mine = json.loads(out)
    assert 0 < len(mine) < len(every)
    fans = json.loads(_run(_demo_db, "accounts", "list", "--json")[1])[0]["fans"]
    assert all(t["min_fans"] <= fans and t["state"] == "open" for t in mine)
    category = every[0]["category"]
    code, out, _ = _run(_demo_db, "earn", "tasks", "--category", category, "--json")
    assert {t["category"] for t in json.loads(out)} == {category}
    code, out, _ = _run(_demo_db, "earn", "tasks")
    assert "待接 " in out and "已结算" in out


def test_unknown_category(_run, _demo_db) -> None:
    _one_line_error(*_run(_demo_db, "earn", "tasks", "--category", "汽车"), "没有分类 汽车")


def test_lifecycle_through_the_cli(_run, _small) -> None:
    store, acc, db = _small
    task = add_brand_task(store, acc, commission=2000)
    work = add_work(store, acc, tags="#猫咪", published=datetime(2026, 11, 2), plays=5)
    code, out, _ = _run(db, "earn", "accept", str(task))
    assert code == 0 and f"已接单:#{task}" in out
    code, out, _ = _run(db, "earn", "deliver", str(task), "--work", str(work))
    assert code == 0 and f"→ 作品 #{work}" in out
    code, out, _ = _run(db, "earn", "settle", str(task), "--amount", "¥1,800.50")
    assert code == 0 and "¥1,800.50" in out
    assert ledger(store, acc) == [("brand", 1800.5, f"brandtask:{task}")]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("accept", "999"), "没有编号为 999 的商单"),
        (("deliver", "{task}", "--work", "{work}"), "不能交付"),
        (("settle", "{task}"), "不能结算"),
        (("settle", "{task}", "--amount", "abc"), "金额无效:abc"),
    ],
)
def test_errors_are_one_line(_run, _small, args: tuple[str, ...], text: str) -> None:
    store, acc, db = _small
    task = add_brand_task(store, acc)
    work = add_work(store, acc, tags="", published=datetime(2026, 11, 2), plays=5)
    argv = [a.format(task=task, work=work) for a in args]
    _one_line_error(*_run(db, "earn", *argv), text)


def test_accept_refused_names_the_threshold(_run, _small) -> None:
    store, acc, db = _small
    task = add_brand_task(store, acc, min_fans=50_000)
    _one_line_error(*_run(db, "earn", "accept", str(task)), "要求至少 50,000 粉丝")
    set_fans(store, acc, 9_999, day=datetime(2026, 11, 26).date())
    _one_line_error(*_run(db, "earn", "accept", str(task)), "星图商单需要至少 10,000 粉丝")


def test_deliver_unknown_work_and_negative_amount(_run, _small) -> None:
    store, acc, db = _small
    task = add_brand_task(store, acc)
    _run(db, "earn", "accept", str(task))
    _one_line_error(*_run(db, "earn", "deliver", str(task), "--work", "4242"), "4242")
    work = add_work(store, acc, tags="", published=datetime(2026, 11, 2), plays=5)
    _run(db, "earn", "deliver", str(task), "--work", str(work))
    _one_line_error(*_run(db, "earn", "settle", str(task), "--amount", "-5"), "不能为负")


def test_usage_errors_exit_2(_run, _small) -> None:
    _, _, db = _small
    assert _run(db, "earn", "deliver", "1")[0] == 2  # --work is required
    assert _run(db, "earn", "accept", "x")[0] == 2
    assert _run(db, "earn", "earnings", "--by", "week")[0] == 2


def test_no_account(_run, tmp_path) -> None:
    db = str(tmp_path / "empty.db")
    for cmd in ("status", "tasks", "products", "platform-tasks", "earnings"):
        _one_line_error(*_run(db, "--create", "earn", cmd), "还没有账号")


def test_products_flag(_run, _demo_db) -> None:
    code, out, _ = _run(_demo_db, "earn", "products", "--json")
    rows = json.loads(out)
    flagged = [r for r in rows if r["flagged"]]
    assert len(flagged) == 1
    assert flagged[0]["return_rate"] >= 0.10
    assert flagged[0]["top_reasons"][0]["reason"] == "包装破损"
    code, out, _ = _run(_demo_db, "earn", "products")
    assert "⚠" in out and "包装破损" in out


def test_platform_tasks_records_rewards_once(_run, _small) -> None:
    store, acc, db = _small
    add_platform_task(
        store,
        acc,
        topic="#春日好时光",
        starts=datetime(2026, 11, 1),
        ends=datetime(2026, 11, 30),
        threshold=1000,
        reward=300,
    )
    add_work(store, acc, tags="#春日好时光", published=datetime(2026, 11, 2), plays=1000)
    add_work(store, acc, tags="#春日好时光", published=datetime(2026, 11, 3), plays=250)
    code, out, err = _run(db, "earn", "platform-tasks")
    assert code == 0 and "新记入 1 笔" in err
    assert "✓" in out and "(25.0%)" in out
    code, out, err = _run(db, "earn", "platform-tasks", "--json")
    (task,) = json.loads(out)
    assert err == "" and task["rewarded"] and task["n_qualifying"] == 1
    assert task["in_progress"][0]["progress"] == 0.25
    assert [e[0] for e in ledger(store, acc)] == ["tasks"]


def test_earnings_by_month_and_source(_run, _demo_db) -> None:
    code, out, _ = _run(_demo_db, "earn", "earnings", "--json")
    data = json.loads(out)
    assert len(data["months"]) == 12 and data["months"][-1]["month"] == "2026-11"
    assert data["total"] == pytest.approx(sum(data["totals"].values()))
    assert all(data["totals"][s] > 0 for s in ("brand", "selling", "tasks"))
    code, out, _ = _run(_demo_db, "earn", "earnings", "--by", "source", "--json")
    assert set(json.loads(out)["totals"]) == {"brand", "selling", "tasks"}
    code, out, _ = _run(_demo_db, "earn", "earnings", "--by", "source")
    assert "带货" in out and "合计" in out
    code, out, _ = _run(_demo_db, "earn", "earnings")
    assert "2026-11" in out


def test_empty_lists(_run, _small) -> None:
    _, _, db = _small
    assert "没有商单" in _run(db, "earn", "tasks")[1]
    assert "橱窗里还没有商品" in _run(db, "earn", "products")[1]
    assert "没有全民任务" in _run(db, "earn", "platform-tasks")[1]
