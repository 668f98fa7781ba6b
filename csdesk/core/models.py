"""Domain objects of a csdesk library.

Plain, immutable dataclasses: the façade (`csdesk.core.library.Library`) hands them out and takes them back, the
GUI wraps them in Qt models, the formats serialise them. None of them touches the database on its own, so they are
safe to pass between threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

SHARED_SHOP_NAME = "通用"
"""The shared scope: its entries are searched together with every shop."""

Severity = Literal["block", "warn"]
RuleKind = Literal["word", "regex"]
ExampleKind = Literal["good", "bad"]
Origin = Literal["personal", "team", "import", "demo", "library"]
"""Where an entry came from: written here by a supervisor (`library`), an agent's own (`personal`), the shared team
library (`team`), a file import (`import`) or the demo content (`demo`)."""

PLATFORMS = ("淘宝", "天猫", "京东", "拼多多", "抖店", "其他")


@dataclass(frozen=True)
class Shop:
    id: int
    name: str
    platform: str = ""
    is_shared: bool = False
    sort_order: int = 0


@dataclass(frozen=True)
class Category:
    id: int
    shop_id: int
    parent_id: int | None
    name: str
    sort_order: int = 0
    path: str = ""
    """Full path from the root, joined with ``/`` (``售前/尺码``)."""


@dataclass(frozen=True)
class Variant:
    """Another wording of an entry: for an A/B test (``ab_group``) or for customers with a tag (``target_tag``)."""

    id: str
    entry_id: str
    label: str
    reply: str
    target_tag: str = ""
    ab_group: str = ""
    enabled: bool = True
    sort_order: int = 0


@dataclass(frozen=True)
class Example:
    """A good or bad dialogue attached to an entry, used to train agents."""

    id: int
    entry_id: str
    kind: ExampleKind
    dialogue: str
    comment: str = ""


@dataclass(frozen=True)
class Entry:
    """The unit an agent finds and copies. A quick phrase is an entry without a question."""

    id: str
    shop_id: int
    category_id: int | None
    title: str
    reply: str
    code: str = ""
    question: str = ""
    similar: tuple[str, ...] = ()
    scenario: str = ""
    guidance: str = ""
    basis: str = ""
    tags: tuple[str, ...] = ()
    enabled: bool = True
    sort_order: int = 0
    origin: Origin = "library"
    origin_ref: str = ""
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""
    updated_by: str = ""
    deleted_at: str | None = None
    # Denormalised for display; filled by the library when it reads an entry.
    shop_name: str = ""
    category_path: str = ""
    variants: tuple[Variant, ...] = ()
    asset_ids: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()

    def with_changes(self, **changes: object) -> Entry:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class EntryDraft:
    """What a caller supplies to create an entry; the library assigns id, timestamps and author."""

    reply: str
    title: str = ""
    shop: str | int | None = None
    """Shop name or id; None means the shared scope 通用."""
    category: str | int | None = None
    """Category path (``售前/尺码``, created when missing) or id."""
    code: str = ""
    question: str = ""
    similar: tuple[str, ...] = ()
    scenario: str = ""
    guidance: str = ""
    basis: str = ""
    tags: tuple[str, ...] = ()
    enabled: bool = True
    sort_order: int = 0
    origin: Origin = "library"
    origin_ref: str = ""
    id: str | None = None


@dataclass(frozen=True)
class EntryVersion:
    """One saved state of an entry, for history and restore."""

    id: int
    entry_id: str
    version: int
    action: str
    changed_at: str
    changed_by: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Asset:
    """A file stored content-addressed under the library home (``assets/ab/abcdef….ext``)."""

    id: str
    sha256: str
    folder: str
    title: str
    filename: str
    mime: str
    size: int
    created_at: str = ""
    deleted_at: str | None = None
    folders: tuple[str, ...] = ()
    """Every folder the asset is in (``folder`` is the first of them): one file added to two folders is one asset."""

    @property
    def kind(self) -> Literal["image", "video", "pdf", "file"]:
        if self.mime.startswith("image/"):
            return "image"
        if self.mime.startswith("video/"):
            return "video"
        if self.mime == "application/pdf":
            return "pdf"
        return "file"


@dataclass(frozen=True)
class TagGroup:
    id: int
    name: str
    color: str = ""
    sort_order: int = 0


@dataclass(frozen=True)
class Tag:
    id: int
    group_id: int
    name: str
    color: str = ""
    description: str = ""


@dataclass(frozen=True)
class Customer:
    id: int
    nickname: str
    shop_id: int | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    birthday: str = ""
    after_sale: str = ""
    """Past after-sale marks (退过货, 投诉过 …), free text."""
    updated_at: str = ""


@dataclass(frozen=True)
class Rule:
    """A red line: a forbidden word or pattern."""

    id: int | None
    pattern: str
    severity: Severity = "warn"
    kind: RuleKind = "word"
    reason: str = ""
    suggestion: str = ""
    exceptions: tuple[str, ...] = ()
    """Longer words that contain the pattern but are fine (最 flags 最好, not 最近)."""
    source: str = "shop"
    """Where the rule comes from: ``adlaw`` (广告法), ``platform`` (平台规则) or ``shop`` (店铺)."""
    shop_id: int | None = None
    """None: applies everywhere."""
    enabled: bool = True
    builtin: bool = False


@dataclass(frozen=True)
class RuleHit:
    start: int
    """Code-point offset of the first character of the hit."""
    end: int
    """Code-point offset after the last character (exclusive)."""
    text: str
    severity: Severity
    reason: str
    suggestion: str
    rule_id: int | None = None
    source: str = ""


@dataclass(frozen=True)
class SopStep:
    id: int
    sop_id: int
    position: int
    instruction: str
    entry_id: str | None = None


@dataclass(frozen=True)
class Sop:
    id: int
    name: str
    shop_id: int | None = None
    description: str = ""
    steps: tuple[SopStep, ...] = ()
    sort_order: int = 0


@dataclass(frozen=True)
class PlaceholderDef:
    name: str
    description: str = ""
    builtin: bool = False


@dataclass(frozen=True)
class SearchHit:
    """One search result: the entry, its score (higher is better) and where the query matched."""

    entry_id: str
    score: float
    entry: Entry
    highlights: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    """Field name (``title``, ``reply``, ``question`` …) → spans (start, end exclusive) in that field's text."""
    variant_id: str | None = None
    """The variant aimed at the customer's tags, if one matched."""
    confidence: float | None = None
    """How sure the match is (0–1, calibrated, :mod:`csdesk.core.answers`); None when the meaning layer did not
    rank the query."""

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def code(self) -> str:
        return self.entry.code


@dataclass(frozen=True)
class RenderResult:
    text: str
    missing: tuple[str, ...]
    """Placeholder names that had no value, in order of first appearance."""
    spans: tuple[tuple[int, int, str, bool], ...] = ()
    """(start, end, name, filled) in ``text`` for every placeholder, filled or not — for marking them in the UI."""
