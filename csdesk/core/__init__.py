"""The Qt-free core: storage, search, rendering, rule checks. Nothing here may import PySide6 (a test enforces it)."""
