"""Every item model of the workspace passes Qt's model tester, empty and filled with demo data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from csdesk.core.library import Library
from csdesk.gui.workspace.delegate import snippet_for
from csdesk.gui.workspace.models import (
    AssetListModel,
    CategoryTreeModel,
    CustomerListModel,
    KeyRole,
    ResultListModel,
    ShopListModel,
    SopListModel,
    SopStepModel,
)

SHOP = "栖木女装旗舰店"


def test_shop_model(qtmodeltester: Any, demo_lib: Library) -> None:
    model = ShopListModel()
    qtmodeltester.check(model)
    model.set_shops(demo_lib.shops.all())
    qtmodeltester.check(model)
    assert model.rowCount() == len(demo_lib.shops.all())
    assert model.shop(model.row_of(SHOP)).name == SHOP  # type: ignore[union-attr]


def test_category_tree_model(qtmodeltester: Any, demo_lib: Library) -> None:
    model = CategoryTreeModel()
    qtmodeltester.check(model)
    own = demo_lib.categories.all(SHOP)
    model.set_categories(own, demo_lib.categories.all(demo_lib.shops.shared.id))
    qtmodeltester.check(model)
    assert model.category_id(model.index(0, 0)) is None  # "all"
    child = next(c for c in own if c.parent_id is not None)
    index = model.index_of(child.id)
    assert index.isValid() and model.category_id(index) == child.id
    assert model.parent(index).isValid()
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == child.path


def test_result_model(qtmodeltester: Any, demo_lib: Library) -> None:
    model = ResultListModel()
    qtmodeltester.check(model)
    hits = demo_lib.search("尺码", shop=SHOP, limit=12)
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data(KeyRole) for r in range(model.rowCount())][:10] == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        0,
    ][: model.rowCount()]
    assert model.data(QModelIndex()) is None


def test_snippet_bolds_the_match(demo_lib: Library) -> None:
    hit = next(h for h in demo_lib.search("运费险", shop=SHOP) if "reply" in h.highlights)
    text, spans = snippet_for(hit)
    assert spans and all(text[a:b] for a, b in spans)
    assert "运费险" in "".join(text[a:b] for a, b in spans)


def test_sop_models(qtmodeltester: Any, demo_lib: Library) -> None:
    sops = SopListModel()
    qtmodeltester.check(sops)
    sops.set_sops(demo_lib.sops.all(shop=SHOP))
    qtmodeltester.check(sops)
    steps = SopStepModel()
    qtmodeltester.check(steps)
    sop = demo_lib.sops.all(shop=SHOP)[0]
    steps.set_steps([(s, demo_lib.get(s.entry_id) if s.entry_id else None) for s in sop.steps])
    qtmodeltester.check(steps)


def test_asset_and_customer_models(qtmodeltester: Any, demo_lib: Library) -> None:
    assets = AssetListModel()
    qtmodeltester.check(assets)
    assets.set_assets(demo_lib.assets.all())
    qtmodeltester.check(assets)
    customers = CustomerListModel()
    customers.set_customers(demo_lib.customers.all())
    qtmodeltester.check(customers)
