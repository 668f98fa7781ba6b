"""Every message the formats give the user exists in Chinese and English, and the command line picks one by
CSDESK_LANG (Chinese by default)."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from csdesk.cli import main
from csdesk.core.errors import ImportRejected, Problem
from csdesk.core.library import Library
from csdesk.formats import import_file

PACKAGE = Path(__file__).resolve().parents[2] / "csdesk"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
"""Chinese characters and CJK / full-width punctuation (「」、。，)."""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    monkeypatch.setenv("CSDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("CSDESK_HOME", raising=False)
    home = tmp_path / "home"
    Library.open(home, demo=False).close()
    return home


def _bad_rows_csv(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        "id,title,code,reply,enabled\n"
        "not-a-uuid,Greeting,hi,Hello!,yes\n"  # a bad id
        ",Size,hi there,,maybe\n"  # a code with a space, nothing to say and a bad 'enabled'
        ",Late,late,Sorry for the wait,no,extra\n",  # a cell with no header
        encoding="utf-8",
    )
    return path


def _hostile_bundle(tmp_path: Path) -> Path:
    path = tmp_path / "evil.csdesk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr("data.json", "{}")
        archive.writestr("../../outside.txt", "escape")
    return path


def _gbk_undecodable(tmp_path: Path) -> Path:
    path = tmp_path / "big5.csv"
    path.write_bytes("標題,回覆\n尺碼,親愛的顧客您好,請參考尺碼表\n".encode("big5"))
    return path


def _mistyped_bundle(tmp_path: Path) -> Path:
    """A well-formed bundle whose data.json has wrong types everywhere (what a hand-edited or hostile file has)."""
    data = json.dumps({"entries": [{"reply": ["a list"], "enabled": "yes"}, 5], "rules": "none"}).encode()
    manifest = {
        "format": "csdesk-bundle",
        "format_version": 2,
        "members": {"data.json": hashlib.sha256(data).hexdigest()},
    }
    path = tmp_path / "typed.csdesk"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("data.json", data)
    return path


def _message_parts(err: str) -> list[str]:
    """The messages of an error report: after 'csdesk: ' or after the location of each listed problem."""
    parts = []
    for line in err.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("csdesk: "):
            parts.append(line[len("csdesk: ") :])
        elif ": " in line:
            parts.append(line.split(": ", 1)[1])
        else:
            parts.append(line)
    return parts


def _message_without_data(text: str) -> str:
    """A message less the file's own words it quotes ('…'): what is left must be English."""
    return re.sub(r"'[^']*'", "''", text)


# -- the command line -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [_bad_rows_csv, _hostile_bundle, _gbk_undecodable, _mistyped_bundle])
def test_import_errors_in_english(
    make: Any, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert main(["--home", str(home), "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "othing was imported" in err, err
    parts = _message_parts(err)
    assert parts
    for part in parts:
        assert not CJK.search(_message_without_data(part)), part
    assert "Traceback" not in err


def test_import_errors_in_chinese_by_default(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CSDESK_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    expected = {
        _bad_rows_csv: ("第 2 行", "不是有效的条目编号", "既没有回复也没有问题", "应填 是 或 否", "没有表头"),
        _hostile_bundle: ("不安全或已损坏", "指向压缩包之外", "没有导入任何内容"),
        _gbk_undecodable: ("无法识别", "文字编码", "没有导入任何内容"),
        _mistyped_bundle: ("应是文字,却是列表", "应是对象的列表,却是文字", "未导入任何内容"),
    }
    for make, words in expected.items():
        assert main(["--home", str(home), "import", str(make(tmp_path))]) == 2
        err = capsys.readouterr().err
        for word in words:
            assert word in err, (word, err)
        assert "row " not in err and "Nothing was imported" not in err


def test_bad_rows_name_every_problem_in_english(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert main(["--home", str(home), "import", str(_bad_rows_csv(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "The file has errors; nothing was imported:" in err
    assert "bad.csv row 2 column '编号': 'not-a-uuid' is not a valid entry id (a UUID)" in err
    assert "The code 'hi there' must have no spaces" in err
    assert "row 3 column '启用': enabled must be yes or no, not 'maybe'." in err
    assert "neither a reply nor a question" in err
    assert "row 4 column 'F': column F has no header, yet this row has 'extra' there" in err


def test_warnings_and_outcomes_in_english(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "ok.csv"
    table.write_text("title,code,reply,colour\nGreeting,hi,Hello!,red\n", encoding="utf-8")
    monkeypatch.setenv("CSDESK_LANG", "en")
    assert main(["--home", str(home), "import", str(table)]) == 0
    captured = capsys.readouterr()
    assert "warning: ok.csv row 1 column 'colour': unknown column 'colour', ignored." in captured.err
    assert "[add] ok.csv row 2 'Greeting'" in captured.out
    assert main(["--home", str(home), "import", str(table), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert not CJK.search(out.replace("通用", "")), out
    table.write_text("title,code,reply\nGreeting,hi,Hello again!\n", encoding="utf-8")
    assert main(["--home", str(home), "import", str(table)]) == 0
    out = capsys.readouterr().out
    assert "[update] ok.csv row 2 'Greeting' (通用): matched by code; updates reply" in out, out
    monkeypatch.setenv("CSDESK_LANG", "zh_CN")
    table.write_text("title,code,reply\nGreeting,hi,Hello once more!\n", encoding="utf-8")
    assert main(["--home", str(home), "import", str(table)]) == 0
    assert "[更新] ok.csv 第 2 行 「Greeting」(通用): 按快捷编码匹配,更新:回复" in capsys.readouterr().out


# -- the API ----------------------------------------------------------------------------------------------------
def test_rejected_problems_carry_both_languages(
    lib: Library, tmp_path: Path, _every_problem_has_english: list[Problem]
) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_file(lib, _bad_rows_csv(tmp_path))
    assert len(caught.value.errors) == 5
    for problem in caught.value.errors:
        assert CJK.search(problem.text("zh")) and not CJK.search(_message_without_data(problem.text("en")))
        assert problem.localized("en").startswith("bad.csv row ")
        assert str(problem).startswith("bad.csv 第 ")
    assert "nothing was imported" in caught.value.localized("en")
    seen = {id(p) for p in _every_problem_has_english}
    assert all(id(p) in seen for p in caught.value.errors)  # the conftest scan sees what the formats make


def _user_error(name: str) -> bool:
    """A call that makes a :class:`CsdeskError` (or a subclass): a message for the user."""
    return (name.endswith("Error") and name not in ("ValueError", "TypeError")) or name == "BundleTooNew"


def test_every_problem_in_the_formats_is_built_with_english() -> None:
    """Statically: no Problem, ParsedFile.error/warn/problem or CsdeskError in csdesk/formats (and the team library)
    is built from a Chinese text alone — also on paths no test runs."""
    files = [*(PACKAGE / "formats").glob("*.py"), PACKAGE / "team.py"]
    lacking = []
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            keywords = {k.arg for k in node.keywords}
            if name == "Problem" and "english" not in keywords:
                lacking.append(f"{file.name}:{node.lineno} Problem(…) without english")
            elif name in ("error", "warn", "problem", "_problem") and isinstance(func, ast.Attribute):
                owner = func.value
                if isinstance(owner, ast.Name) and owner.id in ("log", "logging", "warnings"):
                    continue
                texts = [a for a in node.args if not isinstance(a, ast.Constant) or isinstance(a.value, str)]
                if len(texts) < 2:
                    lacking.append(f"{file.name}:{node.lineno} {name}(…) with one text")
            elif _user_error(name) and len(node.args) + ("english" in keywords) < 2:
                lacking.append(f"{file.name}:{node.lineno} {name}(…) without english")
    assert not lacking, "\n".join(lacking)


def test_row_outcome_details_and_locations_in_both_languages(lib: Library, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("title,code,reply\nA,a1,one\n", encoding="utf-8")
    import_file(lib, table)
    report = import_file(lib, table, dry_run=True)
    (outcome,) = report.unchanged
    assert outcome.location() == "第 2 行" and outcome.location("en") == "row 2"
    assert outcome.localized_detail() == "按快捷编码匹配,内容相同"
    assert outcome.localized_detail("en") == "matched by code; no changes"
