"""The ``csdesk`` command with a probe in its QApplication, as the script of a child process (tests/gui/test_startup.py
and tests/benchmarks/bench_startup.py).

The probe is installed once ``csdesk.gui.app`` has created the application, so the child imports in the command's own
order (the core first, then PySide6) and nothing of the probe's runs before the app's own start-up.
"""

from __future__ import annotations

_RUN = r"""
import importlib.abc, importlib.machinery, sys

class _Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "csdesk.gui.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            make = module._application

            def application(argv):
                app = make(argv)
                install(app)
                return app

            module._application = application

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _Hook())
from csdesk.cli import main
sys.exit(main(["--home", sys.argv[1]]))
"""


def csdesk_script(probe: str) -> str:
    """A ``python -c`` script that runs ``csdesk --home HOME`` (HOME: its first argument). ``probe`` defines
    ``install(app)``, called with the QApplication the app creates; it imports PySide6 inside ``install`` and keeps
    what it installs alive (on ``app``)."""
    return probe + "\n" + _RUN
