"""What a SOP step without a script points to: the SOPs and entries its instruction names.

"按质量问题流程给出方案" has no reply to copy, but it names another SOP (客户反映质量问题); "发 /az 安装图解" names an
entry by its code, "用「七天无理由退货」回复" by its title. The SOP view shows these as links under the instruction.
No Qt here: plain functions over the Library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from csdesk.core.errors import CsdeskError
from csdesk.core.library import Library
from csdesk.core.models import Entry, Sop

_FLOW = re.compile(r"(?:按|参照|参考|走|转)?「?([^,,。;;「」\s]{2,12}?)」?(?:流程|SOP)")
_LEAD = re.compile(r"^.*(?:按|参照|参考|走|转)")
_CODE = re.compile(r"/([A-Za-z0-9_-]{1,20})")
_QUOTED = re.compile(r"「([^」]{2,40})」")


@dataclass(frozen=True)
class StepLinks:
    sops: tuple[Sop, ...] = ()
    entries: tuple[Entry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sops or self.entries)


def step_links(lib: Library, instruction: str, *, shop: str | None, current: int | None = None) -> StepLinks:
    """SOPs (other than ``current``) and entries named in ``instruction``: a ``…流程`` phrase found in a SOP's name
    or description, a ``/code``, a 「title」."""
    try:
        sops = lib.sops.all(shop=shop)
    except CsdeskError:  # an unknown shop: every SOP
        sops = lib.sops.all()
    named_sops: list[Sop] = []
    for match in _FLOW.finditer(instruction):
        phrase = _LEAD.sub("", match.group(1))  # 再按质量问题 → 质量问题
        if len(phrase) < 2:
            continue
        for sop in sops:
            if (
                sop.id != current
                and sop not in named_sops
                and (phrase in sop.name or phrase in sop.description)
            ):
                named_sops.append(sop)
    for sop in sops:  # a SOP named outright
        if sop.id != current and sop not in named_sops and sop.name in instruction:
            named_sops.append(sop)
    entries: list[Entry] = []
    for code in _CODE.findall(instruction):
        try:
            entry = lib.find(code, shop=shop)
        except CsdeskError:
            continue
        if entry is not None and entry not in entries:
            entries.append(entry)
    for title in _QUOTED.findall(instruction):
        for hit in lib.search(title, shop=shop, limit=3):
            if hit.entry.title == title and hit.entry not in entries:
                entries.append(hit.entry)
    return StepLinks(tuple(named_sops), tuple(entries))
