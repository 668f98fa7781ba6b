"""lib.sops — SOPs."""

from __future__ import annotations

import pytest

from csdesk.core.errors import ValidationError
from csdesk.core.library import Library
from csdesk.core.models import EntryDraft


def test_sops(empty_lib: Library) -> None:
    entry = empty_lib.create(EntryDraft(reply="我马上帮您查一下物流", code="wl"))
    sop = empty_lib.sops.save("客户说没收到货", [("查物流", entry.id), ("联系快递", None)])
    assert [s.instruction for s in sop.steps] == ["查物流", "联系快递"]
    assert sop.steps[0].entry_id == entry.id
    with pytest.raises(ValidationError):
        empty_lib.sops.save("坏流程", [("  ", None)])
