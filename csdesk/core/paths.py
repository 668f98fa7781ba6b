"""Which folder is the library home, and what lives inside it.

Precedence: ``--home DIR`` > ``CSDESK_HOME`` > the home saved in the user config file > the platform's per-user data
folder. The user config file (``config.json`` in the platform's config folder) is the small file the core reads for
settings that must be known before a library is open; the GUI saves the chosen home there too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from csdesk.core.errors import HomeError

APP_NAME = "csdesk"
ENV_HOME = "CSDESK_HOME"
ENV_CONFIG = "CSDESK_CONFIG_DIR"
ENV_CACHE = "CSDESK_CACHE_DIR"


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Per-user files csdesk can always make again (a parsed model), outside any library home."""
    override = os.environ.get(ENV_CACHE)
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.json"


def read_user_config() -> dict[str, object]:
    """The user config, or an empty dict when it is missing or unreadable (a broken file never stops the app)."""
    try:
        data = json.loads(config_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_user_config(**changes: object) -> None:
    data = read_user_config()
    data.update(changes)
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def default_home() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library"


def resolve_home(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The home folder to use, by the precedence in the module docstring (not created yet).

    An explicit but empty home (``--home ""``) is an error, not a silent fall-back to the default home.
    """
    if explicit is not None:
        if not str(explicit).strip():
            raise HomeError(
                "话术库目录不能为空:请在 --home 后写上文件夹路径,或去掉 --home 使用默认目录。",
                "The library home cannot be empty: give a folder after --home, or leave --home out.",
            )
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    saved = read_user_config().get("home")
    if isinstance(saved, str) and saved:
        return Path(saved).expanduser()
    return default_home()


@dataclass(frozen=True)
class HomeLayout:
    """The files of one library home."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def prepare(self) -> None:
        """Create the home (and its sub-folders) or explain why it cannot be used."""
        root = self.root
        if root.exists() and not root.is_dir():
            raise HomeError(
                f"话术库目录「{root}」是一个文件,不是文件夹。请换一个文件夹。",
                f"The library home '{root}' is a file, not a folder. Choose another folder.",
            )
        try:
            for folder in (root, self.assets, self.backups):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HomeError(
                f"无法创建话术库目录「{root}」:{exc.strerror or exc}",
                f"Cannot create the library home '{root}': {exc.strerror or exc}",
            ) from exc
        if not os.access(root, os.W_OK | os.X_OK):
            raise HomeError(
                f"话术库目录「{root}」没有写入权限。",
                f"The library home '{root}' is not writable.",
            )
