"""One registry of the GUI's own preferences, behind QSettings.

Every preference is declared once here (key, type, default, label); widgets read and write them through
:class:`Settings`, never through raw QSettings keys. An option marked ``library`` is kept in the library
(``Library.setting``) because the core reads it too (the copy check); ``supervisor`` marks what only supervisor mode
may change (the Settings dialog shows it locked otherwise). The agent name and the team folder are library settings
the dialog handles itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal

from csdesk.core.pin import SettingStore
from csdesk.core.redlines import COPY_CHECK_SETTING


def _tr(text: str) -> str:
    return QCoreApplication.translate("Settings", text)


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any
    label: str
    """Chinese source text; shown through Qt's translation system."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, label) pairs for a choice option."""
    library: bool = False
    """Kept in the library (``Library.setting``), not in QSettings: read with :meth:`Settings.library_get`."""
    supervisor: bool = False
    """Only supervisor mode changes it."""


OPTIONS: tuple[Option, ...] = (
    Option("hotkey", str, "Ctrl+Alt+Space", "呼出快捷键"),
    Option(
        "language",
        str,
        "system",
        "界面语言",
        (("system", "跟随系统"), ("zh_CN", "简体中文"), ("en", "English")),
    ),
    Option("theme", str, "system", "主题", (("system", "跟随系统"), ("light", "浅色"), ("dark", "深色"))),
    Option("font_size", int, 0, "字号(0 = 默认)"),
    Option("start_minimized", bool, False, "启动时最小化到托盘"),
    Option("close_to_tray", bool, True, "关闭窗口时最小化到托盘"),
    Option("always_on_top", bool, False, "窗口置顶(侧边栏模式)"),
    Option("last_shop", str, "", "上次使用的店铺"),
    Option("window_geometry", bytes, b"", "窗口位置"),
    Option("window_state", bytes, b"", "窗口布局"),
    Option("supervisor_idle_minutes", int, 10, "主管模式空闲自动锁定(分钟)", supervisor=True),
    Option("check_before_copy", bool, True, "复制前提示警告级红线词"),
    Option(
        COPY_CHECK_SETTING,
        bool,
        True,
        "复制前检查红线:含禁止级红线词的回复不复制",
        library=True,
        supervisor=True,
    ),
    Option("copy_assets_with_reply", bool, True, "复制回复时一并复制关联的图片和文件"),
)
OPTIONS_BY_KEY = {o.key: o for o in OPTIONS}


class Settings(QObject):
    """Typed access to the registry above. ``changed(key)`` fires after a value is set."""

    changed = Signal(str)

    def __init__(self, qsettings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qs = qsettings if qsettings is not None else QSettings("csdesk", "csdesk")

    def option(self, key: str) -> Option:
        try:
            return OPTIONS_BY_KEY[key]
        except KeyError:
            raise KeyError(f"unknown setting {key!r}: declare it in csdesk/gui/settings.py OPTIONS") from None

    def get(self, key: str) -> Any:
        option = self.option(key)
        if option.library:
            raise KeyError(f"{key!r} is kept in the library: Settings.library_get(lib, {key!r})")
        return _convert(option, self._qs.value(key, None))

    def library_get(self, lib: SettingStore, key: str) -> Any:
        """A ``library`` option's value in ``lib`` (its default when unset or damaged)."""
        return _convert(self.option(key), lib.setting(key, None))

    def library_set(self, lib: SettingStore, key: str, value: Any) -> None:
        """Store a ``library`` option in ``lib``; ``changed(key)`` when it changed."""
        option = self.option(key)
        value = option.type(value)
        if self.library_get(lib, key) == value:
            return
        lib.set_setting(key, value)
        self.changed.emit(key)

    def set(self, key: str, value: Any) -> None:
        option = self.option(key)
        if option.type is not bytes and not isinstance(value, option.type):
            value = option.type(value)
        if option.choices and value not in {c[0] for c in option.choices}:
            raise ValueError(f"{key} must be one of {[c[0] for c in option.choices]}")
        if self.get(key) == value:
            return
        self._qs.setValue(key, value)
        self.changed.emit(key)

    def sync(self) -> None:
        self._qs.sync()

    @staticmethod
    def label(option: Option) -> str:
        return _tr(option.label)


def _convert(option: Option, raw: Any) -> Any:
    """A stored value as the option's type; the default when it is missing or damaged (never stops the app)."""
    if raw is None:
        return option.default
    try:
        if option.type is bool:  # a library value may come from `csdesk config` (on/off, 开/关 …)
            word = str(raw).strip().lower()
            value: Any = (
                raw
                if isinstance(raw, bool)
                else True
                if word in ("1", "true", "yes", "on", "开", "是")
                else False
                if word in ("0", "false", "no", "off", "关", "否", "")
                else option.default
            )
        elif option.type is bytes:
            value = bytes(raw.data()) if hasattr(raw, "data") else bytes(raw)
        else:
            value = option.type(raw)
    except (TypeError, ValueError):
        return option.default  # a damaged value never stops the app
    if option.choices and value not in {c[0] for c in option.choices}:
        return option.default
    return value
