"""The wheel carries everything it needs at run time (schema, demo library, rules, icons, translations).

Builds the wheel, ``pip install --no-deps`` it into a fresh virtual environment that borrows the test environment's
third-party packages (through a .pth file), and runs the installed ``csdesk`` console script: ``--help`` and a
search, from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels = list(out.glob("csdesk-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_runtime_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "csdesk/_data/db/migrations/0001_initial.sql",
        "csdesk/_data/resources/demo/demo.json",
        "csdesk/_data/resources/rules/adlaw.json",
    ):
        assert required in names
    assert any(n.startswith("csdesk/_data/resources/demo/assets/") for n in names)
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)


def test_wheel_leaves_out_screenshots_and_scripts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if "screenshots" in n]
    assert not [n for n in names if n.startswith("csdesk/_data/") and n.endswith(".py")]
    assert (ROOT / "resources" / "screenshots").is_dir()


def test_top_level_layout() -> None:
    """The checkout's top level is exactly the issue's list (tracked files: caches and the venv do not count)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    top = {name.split("/", 1)[0] for name in listed.stdout.split("\0") if name}
    top -= {".gitignore", ".gitattributes"}  # version-control bookkeeping, not part of the layout
    assert top == {"pyproject.toml", "csdesk", "resources", "db", "tests", "README.md", ".ci"}


def test_installed_wheel_runs(wheel: Path, tmp_path: Path) -> None:
    """pip installs the wheel into a clean venv; its console script answers --help and a search."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "CSDESK_HOME", "PIP_REQUIRE_VIRTUALENV")
    }
    env["CSDESK_CONFIG_DIR"] = str(tmp_path / "config")
    env["CSDESK_LANG"] = "zh_CN"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    purelib = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    # The dependencies come from the test environment (which .ci/run fills with pip install '.[test]'), appended
    # after the new environment's own site-packages, so the installed csdesk is the one found first.
    borrowed = [p for p in {*site.getsitepackages(), sysconfig.get_paths()["purelib"]} if Path(p).is_dir()]
    (purelib / "zz_borrowed.pth").write_text("\n".join(borrowed) + "\n")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    script = bindir / ("csdesk.exe" if os.name == "nt" else "csdesk")
    assert script.exists(), "pip installed the console script"

    def csdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args],
            capture_output=True, text=True, encoding="utf-8", cwd=workdir, env=env, timeout=300,
        )  # fmt: skip

    where = subprocess.run(
        [str(python), "-c", "import csdesk; print(csdesk.__file__)"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=env,
    )
    assert str(purelib) in where.stdout, where.stdout + where.stderr
    helped = csdesk("--help")
    assert helped.returncode == 0, helped.stderr
    assert "search" in helped.stdout and "csdesk" in helped.stdout
    found = csdesk("--home", str(tmp_path / "home"), "search", "尺码", "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits, "the demo library shipped in the wheel is searchable"
    assert all({"id", "shop", "title", "reply", "score"} <= set(h) for h in hits)
    assert any("尺码" in h["title"] + h["question"] + h["reply"] for h in hits)
