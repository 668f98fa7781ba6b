"""Wording A/B tests: statistics against known values, sticky balanced assignment, the copy path, outcomes, ending."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from csdesk.core import abstats, abtest
from csdesk.core.errors import CsdeskError, ValidationError
from csdesk.core.library import Library
from csdesk.core.models import Entry, EntryDraft

# -- statistics ---------------------------------------------------------------------------------------------


def test_wilson_bounds_match_known_values() -> None:
    # textbook values of the 95 % Wilson score interval
    assert abstats.wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert abstats.wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert abstats.wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=1e-4)
    assert abstats.wilson(0, 0) == (0.0, 0.0)


def test_two_proportion_test_matches_known_values() -> None:
    # R: prop.test(c(100, 130), c(1000, 1000), correct = FALSE) → X-squared 4.4214, p-value 0.03549
    z = abstats.two_proportion_z(100, 1000, 130, 1000)
    assert z * z == pytest.approx(4.4214, abs=1e-3)
    assert abstats.two_proportion_p(100, 1000, 130, 1000) == pytest.approx(0.03549, abs=1e-4)
    assert abstats.two_proportion_p(10, 100, 10, 100) == pytest.approx(1.0)
    assert abstats.two_proportion_p(0, 0, 1, 1) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("s_a", "n_a", "s_b", "n_b"), [(100, 1000, 130, 1000), (10, 50, 15, 50), (3, 20, 2, 20)]
)
def test_bayesian_probability_agrees_with_simulation(s_a: int, n_a: int, s_b: int, n_b: int) -> None:
    exact = abstats.prob_b_beats_a(s_a, n_a, s_b, n_b)
    rng = random.Random(16)
    draws = 100_000
    wins = sum(
        rng.betavariate(1 + s_b, 1 + n_b - s_b) > rng.betavariate(1 + s_a, 1 + n_a - s_a)
        for _ in range(draws)
    )
    assert exact == pytest.approx(wins / draws, abs=0.006)


def test_bayesian_probability_is_symmetric_and_large_samples_use_the_normal_form() -> None:
    assert abstats.prob_b_beats_a(10, 50, 15, 50) + abstats.prob_b_beats_a(15, 50, 10, 50) == pytest.approx(
        1.0
    )
    assert abstats.prob_b_beats_a(6000, 60000, 6000, 60000) == pytest.approx(0.5, abs=1e-6)


def test_sample_size_matches_the_standard_formula() -> None:
    assert abstats.sample_size(0.10, 0.13) == 1774  # G*Power / Fleiss without continuity correction ≈ 1774
    assert abstats.sample_size(0.2, 0.2) is None


# -- assignment ---------------------------------------------------------------------------------------------


def _test(weights: tuple[int, ...] = (1, 1)) -> abtest.AbTest:
    arms = tuple(abtest.Arm(chr(65 + i), None if i == 0 else f"v{i}", "", w) for i, w in enumerate(weights))
    return abtest.AbTest(1, "uid-16", "e", "t", arms)


@pytest.mark.parametrize("weights", [(1, 1), (70, 30), (1, 1, 1)])
def test_assignment_is_balanced_and_sticky_over_ten_thousand_copies(weights: tuple[int, ...]) -> None:
    test = _test(weights)
    rng = random.Random(7)
    customers = [f"顾客{i:05d}" for i in range(3000)]
    seen: dict[str, str] = {}
    per_customer: Counter[str] = Counter()
    for _ in range(10_000):
        nick = rng.choice(customers)
        arm = abtest.arm_for(test, nick).key
        assert seen.setdefault(nick, arm) == arm  # sticky: one customer, one wording
    per_customer.update(seen.values())
    total = sum(weights)
    for index, weight in enumerate(weights):
        share = per_customer[chr(65 + index)] / len(seen)
        assert share == pytest.approx(weight / total, abs=0.03)


def test_anonymous_copies_take_turns_by_the_split() -> None:
    test = _test((70, 30))
    counts: Counter[str] = Counter()
    for _ in range(10_000):
        counts[abtest.arm_for(test, "", dict(counts)).key] += 1
    assert counts["A"] == 7000 and counts["B"] == 3000


def test_another_test_shuffles_customers_independently() -> None:
    one, two = _test(), abtest.AbTest(2, "another", "e", "t", _test().arms)
    same = sum(abtest.arm_for(one, f"c{i}").key == abtest.arm_for(two, f"c{i}").key for i in range(2000))
    assert 850 < same < 1150


# -- in a library -------------------------------------------------------------------------------------------


@pytest.fixture
def entry(empty_lib: Library) -> Entry:
    lib = empty_lib
    lib.shops.add("旗舰店")
    made = lib.create(EntryDraft(reply="亲,48 小时内发货哦", title="发货时间", shop="旗舰店", code="fh"))
    lib.variants.add(made.id, "亲,今天下单,明天就能发~", label="快发", ab_group="发货")
    return lib.get(made.id)


def test_start_refuses_bad_settings_and_changes_nothing(empty_lib: Library, entry: Entry) -> None:
    lone = empty_lib.create(EntryDraft(reply="只有一种说法"))
    bad = [
        lambda: abtest.start_test(empty_lib, lone.id),
        lambda: abtest.start_test(empty_lib, entry.id, goal="赚钱"),
        lambda: abtest.start_test(empty_lib, entry.id, split="50/40/10"),
        lambda: abtest.start_test(empty_lib, entry.id, split="abc"),
        lambda: abtest.start_test(empty_lib, entry.id, end_date="2020-01-01"),
        lambda: abtest.start_test(empty_lib, entry.id, end_date="明天"),
        lambda: abtest.start_test(empty_lib, entry.id, end_sample=-1),
    ]
    for call in bad:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.message and info.value.english != info.value.message
    assert abtest.tests(empty_lib) == []
    abtest.start_test(empty_lib, entry.id)
    with pytest.raises(ValidationError):
        abtest.start_test(empty_lib, entry.id)  # one running test per entry
    assert len(abtest.tests(empty_lib)) == 1


def test_copies_follow_the_test_and_stay_sticky(empty_lib: Library, entry: Entry) -> None:
    lib = empty_lib
    test = abtest.start_test(lib, entry.id, split="50/50", goal="deal")
    texts = {}
    for i in range(40):
        nick = f"买家{i}"
        shown = lib.render(entry, {"客户昵称": nick}, shop="旗舰店").text
        lib.log_copy(entry.id, shop="旗舰店", customer=nick)
        again = lib.render(entry, {"客户昵称": nick}, shop="旗舰店").text
        assert shown == again
        texts[nick] = shown
    assert set(texts.values()) == {entry.reply, entry.variants[0].reply}
    rows = lib.database.all("SELECT customer, arm FROM ab_copies WHERE test_id = ?", (test.id,))
    assert len(rows) == 40
    for row in rows:  # the logged arm is the wording shown
        expected = entry.reply if row["arm"] == "A" else entry.variants[0].reply
        assert texts[row["customer"]] == expected
    usage = lib.database.all("SELECT variant_id FROM usage_log WHERE entry_id = ?", (entry.id,))
    assert {r[0] for r in usage} == {None, entry.variants[0].id}


def test_test_respects_shops_and_customer_tag(empty_lib: Library, entry: Entry) -> None:
    lib = empty_lib
    lib.shops.add("二店")
    lib.customers.save("老王", shop="旗舰店", tags=["老客"])
    abtest.start_test(lib, entry.id, shops=["旗舰店"], customer_tag="老客")
    assert abtest.copy_arm(lib, entry, "二店", "老王", None) is None
    assert abtest.copy_arm(lib, entry, "旗舰店", "路人", None) is None
    assert abtest.copy_arm(lib, entry, "旗舰店", "老王", None) is not None
    # a wording picked outside the test (here: none outside; the own reply is an arm) keeps the test
    assert abtest.copy_arm(lib, entry, "旗舰店", "老王", "not-an-arm") is None


def test_sample_size_end_stops_assigning(empty_lib: Library, entry: Entry) -> None:
    abtest.start_test(empty_lib, entry.id, end_sample=3)
    for nick in ("a", "b", "c"):
        empty_lib.log_copy(entry.id, customer=nick)
    assert abtest.copy_arm(empty_lib, entry, None, "d", None) is None
    assert empty_lib.render(entry, {"客户昵称": "d"}).text == entry.reply


def _fill(lib: Library, entry: Entry, test: abtest.AbTest, rates: dict[str, float], chats: int) -> None:
    rng = random.Random(3)
    for i in range(chats):
        nick = f"客{i}"
        lib.log_copy(entry.id, customer=nick)
        pending = abtest.last_copy(lib, entry.id)
        assert pending is not None and pending.customer == nick
        abtest.mark_outcome(lib, pending.copy_id, rng.random() < rates[pending.arm])


def test_results_end_and_promote_the_winner(empty_lib: Library, entry: Entry) -> None:
    lib = empty_lib
    test = abtest.start_test(lib, entry.id, name="发货说法")
    _fill(lib, entry, test, {"A": 0.1, "B": 0.4}, 200)
    result = abtest.results(lib, test)
    a, b = result.arms
    assert a.marked + b.marked == 200 and b.rate > a.rate
    assert a.low <= a.rate <= a.high
    assert b.p_better is not None and b.p_better > 0.99 and b.p_value is not None and b.p_value < 0.05
    assert "B 比 A 更好的把握" in result.verdict and "差异显著" in result.verdict
    assert result.best == "B"
    ended = abtest.end_test(lib, test.id, promote="B")
    assert ended.status == "ended" and ended.winner == "B" and ended.result["best"] == "B"
    promoted = lib.get(entry.id)
    assert promoted.reply == entry.variants[0].reply
    assert any(v.reply == entry.reply and not v.enabled for v in promoted.variants)
    history = lib.entries.history(entry.id)
    assert "abtest" in {v.action for v in history}
    # copies after the end are plain copies again
    lib.log_copy(entry.id, customer="新客")
    assert lib.database.scalar("SELECT COUNT(*) FROM ab_copies WHERE customer = '新客'") == 0
    with pytest.raises(ValidationError):
        abtest.end_test(lib, test.id)


def test_outcomes_from_an_orders_csv(empty_lib: Library, entry: Entry, tmp_path: Path) -> None:
    lib = empty_lib
    test = abtest.start_test(lib, entry.id)
    for nick in ("小美", "阿强", "路过"):
        lib.log_copy(entry.id, customer=nick)
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "客户昵称,时间,是否下单\n小美,2099-01-01 10:00,是\n阿强,2099-01-01 11:00,否\n陌生人,2099-01-01,是\n",
        "utf-8",
    )
    lib.database.execute("UPDATE ab_copies SET ts = '2098-12-31T09:00:00+00:00'")
    report = abtest.import_orders_csv(lib, orders)
    assert report.rows == 3 and report.matched == 2 and report.unmatched == ["陌生人"]
    counts = abtest.local_counts(lib, test)
    assert sum(c["marked"] for c in counts.values()) == 2
    assert sum(c["successes"] for c in counts.values()) == 1


@pytest.mark.parametrize(
    "content",
    [
        "名字,日子\n小美,2024-01-01\n",  # columns missing
        "客户昵称,时间,是否下单\n小美,昨天,是\n",  # bad time
        "客户昵称,时间,是否下单\n小美,2024-01-01,也许\n",  # bad flag
    ],
)
def test_bad_orders_csv_is_refused_and_changes_nothing(
    empty_lib: Library, entry: Entry, tmp_path: Path, content: str
) -> None:
    abtest.start_test(empty_lib, entry.id)
    empty_lib.log_copy(entry.id, customer="小美")
    path = tmp_path / "bad.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(CsdeskError) as info:
        abtest.import_orders_csv(empty_lib, path)
    assert info.value.english != info.value.message
    assert empty_lib.database.scalar("SELECT COUNT(*) FROM ab_copies WHERE outcome IS NOT NULL") == 0
    with pytest.raises(CsdeskError):
        abtest.import_orders_csv(empty_lib, tmp_path / "missing.csv")


def test_team_results_add_up_and_reading_twice_counts_once(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    supervisor = Library.open(tmp_path / "sup", demo=False, agent="主管")
    agent = Library.open(tmp_path / "agent", demo=False, agent="小李")
    try:
        entry = supervisor.create(EntryDraft(reply="原话", id="11111111-1111-1111-1111-111111111111"))
        supervisor.variants.add(entry.id, "新话", label="B")
        test = abtest.start_test(supervisor, entry.id)
        # the agent's library has the same entry and the same test (uid) — as a team library would carry
        agent.create(EntryDraft(reply="原话", id=entry.id))
        row = dict(supervisor.database.one("SELECT * FROM ab_tests WHERE id = ?", (test.id,)))
        agent.database.execute(
            "INSERT INTO ab_tests(uid, entry_id, name, arms, shops, started_at) VALUES (?, ?, ?, ?, ?, ?)",
            (row["uid"], row["entry_id"], row["name"], row["arms"], row["shops"], row["started_at"]),
        )
        agent_test = abtest.get_test(agent, row["uid"])
        for i in range(10):
            agent.database.execute(
                "INSERT INTO ab_copies(test_id, arm, ts, customer, agent, outcome) VALUES (?, ?, ?, ?, ?, ?)",
                (agent_test.id, "AB"[i % 2], "2026-01-01", f"c{i}", "小李", i % 3 == 0),
            )
        supervisor.log_copy(entry.id, customer="主管的客户")
        abtest.write_team(agent, folder)
        abtest.write_team(agent, folder)  # written twice, still one file
        abtest.write_team(supervisor, folder)
        combined = abtest.results(supervisor, test, team_folder=folder)
        assert sum(a.chats for a in combined.arms) == 11
        again = abtest.results(supervisor, test, team_folder=folder)
        assert sum(a.chats for a in again.arms) == 11
        assert combined.agents == ["主管", "小李"]
        assert json.loads((folder / "abtests" / "小李.json").read_text("utf-8"))["agent"] == "小李"
        summary = abtest.summary(supervisor, team_folder=folder)
        assert summary[0]["id"] == test.id and len(summary[0]["arms"]) == 2
    finally:
        supervisor.close()
        agent.close()


def test_a_failing_test_lookup_never_stops_a_render_or_a_copy(
    empty_lib: Library, entry: Entry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    abtest.start_test(empty_lib, entry.id)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(abtest, "copy_arm", broken)
    assert empty_lib.render(entry, {"客户昵称": "某人"}).text == entry.reply
    empty_lib.log_copy(entry.id, customer="某人")
    assert empty_lib.database.scalar("SELECT COUNT(*) FROM usage_log") == 1
    assert empty_lib.database.scalar("SELECT COUNT(*) FROM ab_copies") == 0


def test_agents_join_the_supervisors_test_through_the_team_folder(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    supervisor = Library.open(tmp_path / "sup", demo=False, agent="主管")
    agent = Library.open(tmp_path / "agent", demo=False, agent="小王")
    try:
        for lib in (
            supervisor,
            agent,
        ):  # the same entry and wording in both, as the team library carries them
            lib.shops.add("旗舰店")
            made = lib.create(
                EntryDraft(reply="原话", shop="旗舰店", id="22222222-2222-2222-2222-222222222222")
            )
            lib.variants.add(made.id, "新话", label="B", variant_id="33333333-3333-3333-3333-333333333333")
        test = abtest.start_test(supervisor, made.id, shops=["旗舰店"], goal="praise")
        assert abtest.sync_team(supervisor, folder) == (0, 0)
        assert abtest.sync_team(agent, folder) == (1, 0)
        joined = abtest.get_test(agent, test.uid)
        assert joined.goal == "praise" and [a.variant_id for a in joined.arms] == [
            a.variant_id for a in test.arms
        ]
        assert joined.shops == (agent.shops.get("旗舰店").id,)
        for i in range(6):
            agent.log_copy(made.id, shop="旗舰店", customer=f"客{i}")
        assert abtest.sync_team(agent, folder) == (0, 0)  # nothing new to join; the file is rewritten
        combined = abtest.results(supervisor, test, team_folder=folder)
        assert sum(a.chats for a in combined.arms) == 6 and combined.agents == ["小王"]
        abtest.end_test(supervisor, test.id)
        abtest.sync_team(supervisor, folder)
        assert abtest.sync_team(agent, folder) == (0, 1)
        assert abtest.get_test(agent, test.uid).status == "ended"
        # a damaged file in the folder is skipped
        (folder / "abtests" / "坏.json").write_text("{not json", "utf-8")
        assert abtest.sync_team(agent, folder) == (0, 0)
    finally:
        supervisor.close()
        agent.close()
