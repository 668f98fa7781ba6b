"""Loads the demo library (``resources/demo/demo.json`` and its asset files) into a new home.

The demo is written for csdesk: two or three shops with their quick phrases, question–scenario–answer rows,
tags, customers, red lines and SOPs, so a newcomer sees a working library at first start.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from csdesk.core.models import EntryDraft, Rule
from csdesk.core.resources import resource_path

if TYPE_CHECKING:
    from csdesk.core.library import Library

DEMO_FORMAT = "csdesk-demo/1"


def load_demo_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("demo/demo.json").read_text(encoding="utf-8"))
    if data.get("format") != DEMO_FORMAT:
        raise ValueError(f"unexpected demo format {data.get('format')!r}")
    return data


def load_demo(lib: Library) -> None:
    """Write the demo content into ``lib`` (expected empty)."""
    data = load_demo_data()
    for shop in data.get("shops", []):
        lib.shops.ensure(shop["name"], shop.get("platform", ""))
    for placeholder in data.get("placeholders", []):
        lib.placeholders.add(placeholder["name"], placeholder.get("description", ""))
    for group in data.get("tag_groups", []):
        created = lib.tags.add_group(group["name"], group.get("color", ""))
        for tag in group.get("tags", []):
            lib.tags.add(
                tag["name"],
                group=created.id,
                color=tag.get("color", ""),
                description=tag.get("description", ""),
            )
    asset_ids = {}
    for asset in data.get("assets", []):
        stored = lib.assets.add(
            resource_path("demo/assets/" + asset["file"]),
            folder=asset.get("folder", ""),
            title=asset.get("title", ""),
        )
        asset_ids[asset["file"]] = stored.id

    raw_entries = data.get("entries", [])
    drafts = [
        EntryDraft(
            reply=item.get("reply", ""),
            title=item.get("title", ""),
            shop=item.get("shop") or None,
            category=item.get("category") or None,
            code=item.get("code", ""),
            question=item.get("question", ""),
            similar=tuple(item.get("similar", ())),
            scenario=item.get("scenario", ""),
            guidance=item.get("guidance", ""),
            basis=item.get("basis", ""),
            tags=tuple(item.get("tags", ())),
            sort_order=position,
            origin="demo",
        )
        for position, item in enumerate(raw_entries)
    ]
    entries = lib.entries.create_many(drafts, action="import")
    for entry, item in zip(entries, raw_entries, strict=True):
        for file in item.get("assets", []):
            lib.assets.link(entry.id, asset_ids[file])
        for variant in item.get("variants", []):
            lib.variants.add(
                entry.id,
                variant["reply"],
                label=variant.get("label", ""),
                target_tag=variant.get("target_tag", ""),
                ab_group=variant.get("ab_group", ""),
            )
        for example in item.get("examples", []):
            lib.examples.add(entry.id, example["kind"], example["dialogue"], example.get("comment", ""))

    for customer in data.get("customers", []):
        lib.customers.save(
            customer["nickname"],
            shop=customer.get("shop") or None,
            tags=customer.get("tags", []),
            notes=customer.get("notes", ""),
            birthday=customer.get("birthday", ""),
            after_sale=customer.get("after_sale", ""),
        )
    rules = []
    for rule in data.get("rules", []):
        shop = rule.get("shop")
        rules.append(
            Rule(
                id=None,
                pattern=rule["pattern"],
                severity=rule.get("severity", "warn"),
                kind=rule.get("kind", "word"),
                reason=rule.get("reason", ""),
                suggestion=rule.get("suggestion", ""),
                exceptions=tuple(rule.get("exceptions", ())),
                source=rule.get("source", "shop"),
                shop_id=lib.shops.get(shop).id if shop else None,
            )
        )
    if rules:
        lib.rules.add_many(rules)
    for sop in data.get("sops", []):
        steps = []
        for step in sop.get("steps", []):
            ref = step.get("entry")
            entry_id = lib.find(ref["code"], shop=ref.get("shop") or None).id if ref else None
            steps.append((step["instruction"], entry_id))
        lib.sops.save(
            sop["name"], steps, shop=sop.get("shop") or None, description=sop.get("description", "")
        )
