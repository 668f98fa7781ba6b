"""The shared team library: a supervisor publishes a bundle to a shared folder, agents' apps pick up new versions.

The folder holds ``library.csdesk`` and ``version.json`` (version number, published_at, publisher, sha256 of the
bundle). Both are written to a temporary file and renamed, bundle first, so a reader sees either the old pair or the
new one; a bundle whose checksum does not match ``version.json`` (a copy still in progress, a damaged file) is left
alone with a clear message and the library is untouched.

An update replaces the previous team entries of the shops it carries (origin ``team``) and never touches an agent's
own entries (``personal``) or anything else that did not come from the team. A team entry whose shortcut code one of
the agent's own entries already has is imported without the code, and the report's warnings say so (the CLI prints
them, the GUI's notice lists them). A library never imports its own publication back (:func:`own_publication`). Qt-free: the GUI's timer calls
:func:`check_for_update` and :func:`apply_update` from a worker.

It lives above both the core and the formats (it reads and writes bundles), so the core never imports a file format
(``tests/test_architecture.py`` holds that line).
"""

from __future__ import annotations

import hashlib
import json
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csdesk.core import teamguard
from csdesk.core.errors import CsdeskError, Message
from csdesk.core.learning import apply_learned, publish_learned
from csdesk.core.leftovers import clean_team_folder, remember_export_folder, write_atomic
from csdesk.core.models import SHARED_SHOP_NAME

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from csdesk.core.library import Library
    from csdesk.formats.base import ImportReport

BUNDLE_NAME = "library.csdesk"
VERSION_NAME = "version.json"
SETTING_VERSION = "team_version"
SETTING_FOLDER = "team_folder"
SETTING_PUBLISHED = "team_published"
"""``{"folder": resolved path, "version": n}`` of this library's last publication: it never imports that back."""


@dataclass(frozen=True)
class TeamUpdate:
    version: int
    published_at: str
    publisher: str
    entries: int
    note: str = ""
    """The publisher's change note (may be empty)."""

    @property
    def message(self) -> Message:
        return update_message(self.version)


def update_message(version: int) -> Message:
    """The notice of an applied update: Chinese, with its English version (:func:`csdesk.core.errors.localized`)."""
    return Message(f"团队话术库已更新到第 {version} 版", f"The team library was updated to version {version}")


def _folder_error(folder: Path) -> CsdeskError:
    return CsdeskError(
        f"团队话术库文件夹「{folder}」不存在或无法访问,请检查共享盘是否已连接。",
        f"The team library folder '{folder}' does not exist or cannot be reached.",
    )


def _read_version(folder: Path) -> dict[str, Any] | None:
    if not folder.is_dir():
        raise _folder_error(folder)
    path = folder / VERSION_NAME
    if not path.exists():
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise CsdeskError(
            f"团队话术库的版本文件「{path}」已损坏或正在写入,请稍后再试;话术库没有改动。",
            f"The team version file '{path}' is damaged or being written; try again later. Nothing changed.",
        ) from exc
    if not isinstance(info, dict) or not isinstance(info.get("version"), int) or info["version"] < 1:
        raise CsdeskError(
            f"团队话术库的版本文件「{path}」内容不对;话术库没有改动。",
            f"The team version file '{path}' is malformed. Nothing changed.",
        )
    return info


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(lib: Library, folder: Path, *, shops: Sequence[str] | None = None, note: str = "") -> int:
    """Publish the library (or ``shops``) as the next team version with a change ``note`` (what the agents read
    with the update); returns the new version number."""
    from csdesk.formats.base import ExportOptions
    from csdesk.formats.bundle import write_bundle

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_error(folder) from exc
    current = _read_version(folder) if (folder / VERSION_NAME).exists() else None
    version = (current["version"] if current else 0) + 1
    # Written like an export (leftovers.atomic_output: a locked hidden temporary file, fsynced, renamed into place),
    # into a folder remembered like an export's, so that what a publisher killed mid-way leaves is removed here, by
    # the next publish, and by the next open or doctor of this library.
    remember_export_folder(lib.layout, folder)
    clean_team_folder(folder)
    report = write_bundle(
        lib, folder / BUNDLE_NAME, ExportOptions(shops=list(shops) if shops else None, exclude_personal=True)
    )
    digest = _sha256(folder / BUNDLE_NAME)
    publish_learned(lib, folder)
    info = {
        "version": version,
        "published_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publisher": lib.agent or socket.gethostname(),
        "sha256": digest,
        "entries": report.entries,
        "shops": list(shops) if shops else None,
        "supervisor_pin": teamguard.published_pin(lib),  # a salted hash: team entries answer to this PIN
        "note": note.strip(),
    }
    write_atomic(folder / VERSION_NAME, json.dumps(info, ensure_ascii=False, indent=1).encode("utf-8"))
    # The publisher's own library already holds what it published: its updates must not import it back as team
    # entries (duplicates of its own), neither from the folder it follows nor from one named on the command line.
    lib.set_setting(SETTING_PUBLISHED, {"folder": _folder_key(folder), "version": version})
    subscribed = str(lib.setting(SETTING_FOLDER, "") or "").strip()
    if subscribed and _folder_key(Path(subscribed).expanduser()) == _folder_key(folder):
        lib.set_setting(SETTING_VERSION, version)
    return version


def _folder_key(folder: Path) -> str:
    try:
        return str(Path(folder).expanduser().resolve())
    except OSError:
        return str(Path(folder).expanduser().absolute())


def own_publication(lib: Library, folder: Path, version: int) -> bool:
    """Whether ``version`` in ``folder`` is (or is older than) what this library itself published there."""
    record = lib.setting(SETTING_PUBLISHED)
    return (
        isinstance(record, dict)
        and record.get("folder") == _folder_key(folder)
        and isinstance(record.get("version"), int)
        and record["version"] >= version
    )


def check_for_update(lib: Library, folder: Path) -> TeamUpdate | None:
    """The newer version waiting in ``folder``, or None (nothing published, or already applied)."""
    info = _read_version(Path(folder))
    if info is None or info["version"] <= int(lib.setting(SETTING_VERSION, 0) or 0):
        return None
    if own_publication(lib, Path(folder), info["version"]):
        return None
    return TeamUpdate(
        info["version"],
        str(info.get("published_at", "")),
        str(info.get("publisher", "")),
        int(info.get("entries") or 0),
        str(info.get("note") or ""),
    )


def apply_update(
    lib: Library, folder: Path, *, progress: Callable[[int, int], bool] | None = None, force: bool = False
) -> int:
    """Import the team version in ``folder`` (all or nothing) and return its number (the current one when there
    was nothing new).

    Raises CsdeskError, with the library untouched, when the bundle is half-copied or damaged. ``force`` re-applies
    a version already applied (repair).
    """
    version, _report = apply_update_report(lib, folder, progress=progress, force=force)
    return version


def apply_update_report(
    lib: Library,
    folder: Path,
    *,
    progress: Callable[[int, int], bool] | None = None,
    force: bool = False,
    replace_demo: bool | None = None,
) -> tuple[int, ImportReport | None]:
    """Like :func:`apply_update`, also returning the import report (None when there was nothing new).

    ``replace_demo``: at the first update, move the untouched demo content to the trash (True) or keep it (False);
    None follows the answer remembered earlier (keep when never asked). See :mod:`csdesk.teamupdate`.
    """
    from csdesk import teamupdate
    from csdesk.formats.apply import run_import
    from csdesk.formats.base import problem
    from csdesk.formats.bundle import BundleTooNew, read_bundle
    from csdesk.formats.hostile import guarded_read

    folder = Path(folder)
    info = _read_version(folder)
    if info is None:
        raise CsdeskError(
            f"团队话术库文件夹「{folder}」里还没有发布过话术库。",
            f"Nothing has been published to '{folder}' yet.",
        )
    version = int(info["version"])
    if not force and version <= int(lib.setting(SETTING_VERSION, 0) or 0):
        return int(lib.setting(SETTING_VERSION, 0) or 0), None
    if own_publication(lib, folder, version):
        # never re-import one's own publication (not even with force): mark it applied, change nothing else
        lib.set_setting(SETTING_VERSION, version)
        return version, None
    bundle = folder / BUNDLE_NAME
    half = CsdeskError(
        f"团队话术库第 {version} 版的文件还没有复制完整或已损坏,稍后会再试;话术库没有改动。",
        f"Team library version {version} is incomplete or damaged; will retry later. Nothing changed.",
    )
    if not bundle.is_file():
        raise half
    if info.get("sha256") and _sha256(bundle) != info["sha256"]:
        raise half
    try:
        parsed = guarded_read(read_bundle, bundle)
    except BundleTooNew as exc:
        raise CsdeskError(
            f"团队话术库第 {version} 版由更新版本的 csdesk 发布,这个 csdesk 读不了,请先升级 csdesk;话术库没有改动。"
            f"\n{exc.message}",
            f"Team library version {version} was published by a newer csdesk; upgrade csdesk to read it. "
            f"Nothing changed.\n{exc.english}",
        ) from exc
    except CsdeskError as exc:
        raise CsdeskError(f"{half.message}\n{exc.message}", f"{half.english}\n{exc.english}") from exc
    named = info.get("shops")
    if named and isinstance(named, list):
        # some shops were published: only their team entries are replaced (通用 entries a SOP of theirs links to
        # travel along, but do not empty the team's 通用 scope)
        scope = {str(n).strip() or SHARED_SHOP_NAME for n in named}
    else:
        scope = set(parsed.shops) | {
            str(r.fields.get("shop") or "").strip() or SHARED_SHOP_NAME for r in parsed.rows
        }
        scope.add(SHARED_SHOP_NAME)
    parsed.replace_scope = scope
    lib.health.backup("team")
    if replace_demo is None:
        replace_demo = bool(lib.setting(teamupdate.SETTING_DEMO, False))
    with lib.database.transaction():  # the demo and code steps and the import: all or nothing
        prepared = teamupdate.prepare(lib, parsed, replace_demo=replace_demo)
        report = run_import(
            lib, parsed, mode="replace", origin="team", origin_ref=f"团队第 {version} 版", progress=progress,
            match_filter=lambda entry: entry.origin == "team", yield_codes=True,
        )  # fmt: skip
        teamupdate.record_clashes(lib, parsed, report)
        lib.set_setting(SETTING_VERSION, version)
    apply_learned(lib, folder)
    teamguard.remember_team_pin(lib, info.get("supervisor_pin"))
    if prepared.replaced_demo:
        report.extras["demo_replaced"] = prepared.replaced_demo
    report.warnings.extend(
        problem(str(m), m.english, file=BUNDLE_NAME) for m in teamupdate.freed_message(prepared)
    )
    return version, report
