"""The wheel carries everything it needs at run time (schema, demo library, rules, icons, translations).

Builds the wheel, installs it (without dependencies) into a fresh virtual environment that borrows the test
environment's third-party packages, and runs ``csdesk --help`` and a search from a folder outside the checkout.
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


def test_installed_wheel_runs(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(purelib)
    # Third-party packages come from the test environment, appended after the new environment's own folder.
    borrowed = [p for p in {*site.getsitepackages(), sysconfig.get_paths()["purelib"]} if Path(p).is_dir()]
    (purelib / "zz_borrowed.pth").write_text("\n".join(borrowed) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CSDESK_HOME")}
    env["CSDESK_CONFIG_DIR"] = str(tmp_path / "config")
    env["CSDESK_LANG"] = "zh_CN"
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()

    def csdesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-c", "import sys; from csdesk.cli import main; sys.exit(main())", *args],
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
    assert helped.returncode == 0 and "search" in helped.stdout
    found = csdesk("--home", str(tmp_path / "home"), "search", "尺码", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout), "the demo library shipped in the wheel is searchable"
