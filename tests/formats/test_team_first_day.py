"""An agent's first day with a team library: the home already holds the demo, then the team update arrives.

Issue: the home held both (212 entries), the team copies lost their codes to the demo copies, ``/bj`` found the stale
demo copy. Now: untouched demo content can be replaced, team entries win codes over untouched entries, a clash with
the agent's own edited entry is shown and decided once, and publishes carry a note and a publisher.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk import team, teamupdate
from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "supervisor", demo=True, agent="王主管")
    yield lib
    lib.close()


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "agent", demo=True, agent="小李")  # started once: the home got the demo
    yield lib
    lib.close()


def _codes(lib: Library) -> dict[tuple[str, str], str]:
    return {(e.shop_name, e.code): e.id for e in lib.entries.all() if e.code}


def test_first_update_replaces_untouched_demo_and_team_keeps_codes(
    supervisor: Library, agent: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    supervisor.update(supervisor.find("bj").id, reply="团队版:价格保护 7 天,差价直接退。")
    team.publish(supervisor, folder, note="价格保护改成 7 天")
    assert teamupdate.demo_question(agent) == len(agent.entries.all())  # all of it untouched: worth asking
    version, report = team.apply_update_report(agent, folder, replace_demo=True)
    assert version == 1 and report is not None
    assert len(agent.entries.all()) == len(supervisor.entries.all())  # no second copy of anything (was 212)
    assert {e.origin for e in agent.entries.all()} == {"team"}
    assert _codes(agent) == _codes(supervisor)  # every team entry keeps its code
    hit = agent.search("/bj")[0].entry
    assert hit.origin == "team" and hit.reply.startswith("团队版")
    assert report.extras["demo_replaced"] == len(supervisor.entries.all())
    assert len(agent.entries.trash()) == len(supervisor.entries.all())  # restorable
    assert teamupdate.demo_question(agent) == 0  # asked once


def test_keeping_the_demo_still_gives_the_codes_to_the_team(
    supervisor: Library, agent: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    team.publish(supervisor, folder)
    _version, report = team.apply_update_report(agent, folder, replace_demo=False)
    assert report is not None
    assert _codes(agent) == {k: v for k, v in _codes(supervisor).items()}
    assert agent.search("/bj")[0].entry.origin == "team"
    assert any("bj" in w.message and "价格保护" in w.message for w in report.warnings)
    assert agent.setting(teamupdate.SETTING_DEMO) is False and teamupdate.demo_question(agent) == 0


def test_an_edited_own_entry_keeps_its_code_until_the_agent_chooses(
    supervisor: Library, agent: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    mine = agent.find("hy")
    agent.update(mine.id, reply="我自己改过的欢迎语")  # edited: not demo content any more
    never_edited = agent.create(EntryDraft(reply="个人存的", title="个人", code="zz1", origin="personal"))
    team_th = supervisor.create(EntryDraft(reply="团队的退货说明", title="团队退货", code="zz1"))
    team.publish(supervisor, folder)
    _version, report = team.apply_update_report(agent, folder, replace_demo=False)
    assert report is not None
    team_hy = supervisor.find("hy").id
    assert (
        agent.get(mine.id).code == "hy" and agent.get(team_hy).code == ""
    )  # the agent's edited entry keeps it
    assert (
        agent.get(team_th.id).code == "zz1" and agent.get(never_edited.id).code == ""
    )  # never edited: team wins
    (pending,) = teamupdate.clashes(agent, pending_only=True)
    assert pending["code"] == "hy" and pending["mine"] == mine.id and pending["team"] == team_hy
    with pytest.raises(CsdeskError, match="mine 或 team"):
        teamupdate.choose(agent, "hy", "both")
    teamupdate.choose(agent, "hy", "team")
    assert agent.get(team_hy).code == "hy" and agent.get(mine.id).code == ""
    assert agent.get(mine.id).reply == "我自己改过的欢迎语"  # the text stays
    assert teamupdate.clashes(agent, pending_only=True) == []
    # remembered: the next update does not ask again, the team entry keeps the code
    supervisor.update(team_hy, reply="团队欢迎语 v2")
    team.publish(supervisor, folder)
    _version, report = team.apply_update_report(agent, folder)
    assert agent.get(team_hy).code == "hy" and agent.get(mine.id).code == ""
    assert teamupdate.clashes(agent, pending_only=True) == []


def test_publish_carries_note_and_publisher_and_agents_see_what_changed(
    supervisor: Library, agent: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "share"
    team.publish(supervisor, folder, note="第一版")
    team.apply_update_report(agent, folder, replace_demo=True)
    gone = supervisor.find("bj")
    changed = supervisor.find("hy")
    supervisor.delete(gone.id)
    supervisor.update(changed.id, reply="新的欢迎语")
    supervisor.create(EntryDraft(reply="双十一活动规则……", title="双十一活动", code="sy"))
    team.publish(supervisor, folder, note="双十一前更新")
    waiting = team.check_for_update(agent, folder)
    assert waiting is not None and waiting.note == "双十一前更新" and waiting.publisher == "王主管"
    _version, report = team.apply_update_report(agent, folder)
    assert report is not None
    lines = teamupdate.change_lines(report)
    assert lines == ["新增 1 条:「双十一活动」", "修改 1 条:「欢迎语」", "删除 1 条:「价格保护」"]
    english = teamupdate.change_lines(report, language="en")
    assert english == ["Added (1): '双十一活动'", "Changed (1): '欢迎语'", "Removed (1): '价格保护'"]
