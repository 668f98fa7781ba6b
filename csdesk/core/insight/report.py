"""The supervisor's weekly report (XLSX and printable HTML) and the per-shop cheat sheet (HTML, printed to PDF by Qt).

A report is a list of :class:`Section`\\ s, each a titled table with an optional chart hint. The sections come from
the builders in :data:`SECTION_BUILDERS`, in order; another area adds its own with :func:`register_section` (a
builder returning None leaves its section out), and every writer shows whatever sections it is given. PDF printing
lives in ``csdesk.gui.insight.printing`` (QTextDocument and QPrinter; the core does not import Qt).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from csdesk.core.errors import CsdeskError, Message
from csdesk.core.insight.gaps import find_gaps
from csdesk.core.insight.period import BEIJING, Period
from csdesk.core.insight.usage import UsageStats
from csdesk.core.library import Library

__all__ = [
    "SECTION_BUILDERS",
    "Report",
    "ReportContext",
    "Section",
    "build_report",
    "cheatsheet_html",
    "register_section",
    "report_html",
    "write_report_xlsx",
]

Chart = Literal["", "line", "bar"]


def _m(zh: str, en: str) -> Message:
    return Message(zh, en)


def _say(text: str, language: str) -> str:
    return text.english if language.startswith("en") and isinstance(text, Message) else str(text)


@dataclass
class Section:
    """One titled table of the report. ``chart``: "line" (column 0 the x axis, column 1 the value) or "bar"."""

    key: str
    title: Message
    columns: list[Message]
    rows: list[list[Any]]
    note: Message | None = None
    chart: Chart = ""


@dataclass
class Report:
    title: Message
    period: Period
    shop: str
    generated_at: str
    sections: list[Section] = field(default_factory=list)


@dataclass
class ReportContext:
    """What a section builder gets: the library, the period, the shop filter and the period's statistics."""

    lib: Library
    period: Period
    shop: str | None
    stats: UsageStats
    limit: int = 15


SectionBuilder = Callable[[ReportContext], Section | None]


def _summary(ctx: ReportContext) -> Section:
    totals = ctx.stats.totals()
    before = UsageStats(ctx.lib, ctx.period.previous(), shop=ctx.shop).totals()

    def row(zh: str, en: str, now: int, then: int) -> list[Any]:
        return [_m(zh, en), now, then, now - then]

    return Section(
        "summary",
        _m("概览", "Summary"),
        [
            _m("指标", "Figure"),
            _m("本期", "This period"),
            _m("上期", "Previous period"),
            _m("变化", "Change"),
        ],
        [
            row("复制次数", "Copies", totals.copies, before.copies),
            row("红线强行复制", "Red lines overridden", totals.overrides, before.overrides),
            row("红线提醒后复制", "Copied after a warning", totals.warned, before.warned),
            row(
                "没找到的搜索", "Searches that found nothing", totals.searches_failed, before.searches_failed
            ),
            row(
                "找到但没复制的搜索",
                "Searches with nothing copied",
                totals.searches_not_copied,
                before.searches_not_copied,
            ),
            row("用过的话术", "Entries used", totals.entries_used, before.entries_used),
            row("没用过的话术", "Entries never used", totals.entries_never_used, before.entries_never_used),
            row("客服人数", "Agents", totals.agents, before.agents),
        ],
    )


def _over_time(ctx: ReportContext) -> Section:
    return Section(
        "over_time",
        _m("每日复制次数", "Copies per day"),
        [_m("日期", "Day"), _m("复制", "Copies")],
        [[day, n] for day, n in ctx.stats.over_time()],
        chart="line",
    )


def _entry_rows(uses: list[Any], *, overrides: bool = False) -> list[list[Any]]:
    rows = []
    for e in uses:
        row = [e.code, e.title, e.shop, e.category, e.copies]
        if overrides:
            row += [e.overrides, f"{e.override_share:.0%}"]
        rows.append(row)
    return rows


_ENTRY_COLUMNS = [
    _m("编码", "Code"),
    _m("标题", "Title"),
    _m("店铺", "Shop"),
    _m("分类", "Category"),
    _m("复制", "Copies"),
]


def _top(ctx: ReportContext) -> Section:
    return Section(
        "top",
        _m("最常用的话术", "Most used entries"),
        _ENTRY_COLUMNS,
        _entry_rows(ctx.stats.top_entries(ctx.limit)),
        chart="bar",
    )


def _idle(ctx: ReportContext) -> Section:
    never = ctx.stats.never_used(ctx.limit)
    total = ctx.stats.count_never_used()
    return Section(
        "idle",
        _m("本期没用过的话术(可考虑精简)", "Entries not used in the period (to prune or retire)"),
        _ENTRY_COLUMNS,
        _entry_rows(never),
        note=_m(
            f"共 {total} 条,列出最早更新的 {len(never)} 条。",
            f"{total} in all; the {len(never)} least recently updated are listed.",
        ),
    )


def _overridden(ctx: ReportContext) -> Section:
    return Section(
        "overridden",
        _m("复制后强行越过红线的话术", "Entries copied over a red line"),
        [*_ENTRY_COLUMNS, _m("越过红线", "Overridden"), _m("占比", "Share")],
        _entry_rows(ctx.stats.overridden(ctx.limit), overrides=True),
    )


def _gaps(ctx: ReportContext) -> Section:
    gaps = find_gaps(ctx.lib, ctx.period, shop=ctx.shop, limit=ctx.limit, suggest=ctx.limit)
    rows = []
    for gap in gaps:
        answer = ""
        if gap.suggestion is not None:
            answer = f"{gap.suggestion.title}({gap.suggestion.sureness:.0%})"
        others = "、".join(t for t, _ in gap.wordings[1:6])
        rows.append([gap.label, gap.count, gap.failed, others, answer])
    return Section(
        "gaps",
        _m("高频新问题(搜索了却没找到或没复制)", "Top knowledge gaps (searched, nothing found or copied)"),
        [
            _m("问题", "Question"),
            _m("次数", "Times"),
            _m("没找到", "Found nothing"),
            _m("其他问法", "Other wordings"),
            _m("最接近的话术(把握)", "Closest entry (sureness)"),
        ],
        rows,
    )


def _agents(ctx: ReportContext) -> Section:
    return Section(
        "agents",
        _m("客服", "Agents"),
        [
            _m("客服", "Agent"),
            _m("复制", "Copies"),
            _m("越过红线", "Overridden"),
            _m("没找到的搜索", "Found nothing"),
            _m("没复制的搜索", "Nothing copied"),
        ],
        [
            [a.agent or "—", a.copies, a.overrides, a.searches_failed, a.searches_not_copied]
            for a in ctx.stats.per_agent()
        ],
        chart="bar",
    )


def _shops(ctx: ReportContext) -> Section:
    return Section(
        "shops",
        _m("店铺与分类", "Shops and categories"),
        [_m("店铺 / 分类", "Shop / category"), _m("复制", "Copies"), _m("越过红线", "Overridden")],
        [[s.name or "—", s.copies, s.overrides] for s in ctx.stats.per_shop()]
        + [[f"  {c.name or '—'}", c.copies, c.overrides] for c in ctx.stats.per_category()[: ctx.limit]],
    )


def _abtests(ctx: ReportContext) -> Section | None:
    from csdesk.core.coaching import abtest_section  # A/B wording tests (issue 16), their own module

    return abtest_section(ctx)


def _quizzes(ctx: ReportContext) -> Section | None:
    from csdesk.core.coaching import quiz_section  # training quizzes (issue 16)

    return quiz_section(ctx)


SECTION_BUILDERS: list[SectionBuilder] = [
    _summary,
    _over_time,
    _top,
    _gaps,
    _overridden,
    _idle,
    _agents,
    _shops,
    _abtests,
    _quizzes,
]
"""The report's sections in order; add with :func:`register_section`."""


def register_section(builder: SectionBuilder, *, after: str | None = None) -> None:
    """Add a section builder (another area's figures: A/B wording tests, training …), at the end or after the
    builder whose function name is ``after``."""
    if builder in SECTION_BUILDERS:
        return
    names = [b.__name__ for b in SECTION_BUILDERS]
    if after is not None and after in names:
        SECTION_BUILDERS.insert(names.index(after) + 1, builder)
    else:
        SECTION_BUILDERS.append(builder)


def build_report(
    lib: Library, period: Period, *, shop: str | None = None, builders: list[SectionBuilder] | None = None
) -> Report:
    stats = UsageStats(lib, period, shop=shop)
    ctx = ReportContext(lib, period, shop or None, stats)
    sections = [s for s in (b(ctx) for b in (builders or SECTION_BUILDERS)) if s is not None]
    generated = (datetime.now(UTC) + BEIJING).strftime("%Y-%m-%d %H:%M")
    return Report(_m("客服话术周报", "Weekly service report"), period, shop or "", generated, sections)


# -- writers ---------------------------------------------------------------------------------------------------
def _subtitle(report: Report, language: str) -> str:
    en = language.startswith("en")
    shop = report.shop or ("all shops" if en else "全部店铺")
    period = f"{report.period.first_day} – {report.period.last_day}"
    return f"{period} · {shop} · " + (
        f"made {report.generated_at}" if en else f"生成于 {report.generated_at}"
    )


def write_report_xlsx(report: Report, path: Path, language: str = "zh") -> Path:
    """The report as a workbook: a summary sheet with every section, one below the other, bold titles."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _say(_m("周报", "Report"), language)
    sheet.append([_say(report.title, language)])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.append([_subtitle(report, language)])
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for section in report.sections:
        sheet.append([])
        sheet.append([_say(section.title, language)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        if section.note is not None:
            sheet.append([_say(section.note, language)])
        sheet.append([_say(c, language) for c in section.columns])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = head_fill
        for row in section.rows:
            sheet.append([_say(v, language) if isinstance(v, Message) else v for v in row])
        if section.chart and section.rows:
            values_col = 2 if section.chart == "line" else 5 if section.key == "top" else 2
            chart: LineChart | BarChart = LineChart() if section.chart == "line" else BarChart()
            chart.title = _say(section.title, language)
            chart.legend = None
            chart.height, chart.width = 6, 16
            first, last = header_row + 1, header_row + len(section.rows)
            label_col = 2 if section.key == "top" else 1
            chart.add_data(
                Reference(sheet, min_col=values_col, min_row=header_row, max_row=last), titles_from_data=True
            )
            chart.set_categories(Reference(sheet, min_col=label_col, min_row=first, max_row=last))
            sheet.add_chart(chart, f"H{header_row}")
    for column, width in zip("ABCDEFG", (22, 28, 14, 18, 10, 12, 10), strict=True):
        sheet.column_dimensions[column].width = width
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        book.save(path)
    except OSError as exc:
        raise CsdeskError(f"无法写入「{path}」:{exc}", f"Cannot write '{path}': {exc}") from exc
    return path


_CSS = """
body { font-family: 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 16px; margin-bottom: 4px; color: #1f4e79; }
p.sub { color: #666; margin-top: 0; }
p.note { color: #666; font-size: 9pt; }
table.t { border-collapse: collapse; width: 100%; }
table.t th { background: #ddebf7; text-align: left; padding: 3px 6px; border: 1px solid #b4c6e7; }
table.t td { padding: 3px 6px; border: 1px solid #d9d9d9; vertical-align: top; }
td.n { text-align: right; }
td.bar { padding: 0; }
"""


def _cell(value: Any, language: str) -> str:
    text = _say(value, language) if isinstance(value, Message) else ("" if value is None else str(value))
    return html.escape(text).replace("\n", "<br>")


BAR_BLOCKS = 40
"""Blocks of the longest bar in the printable page's charts."""


def _bars(section: Section, language: str) -> str:
    """A bar chart drawn with block characters (QTextDocument prints text and tables, not scripts or SVG)."""
    value_index = 1 if section.chart == "line" or section.key != "top" else 4
    label_index = 1 if section.key == "top" else 0
    values = [int(r[value_index] or 0) for r in section.rows]
    top = max(values, default=0)
    if not top:
        return ""
    rows = []
    for row, value in zip(section.rows, values, strict=True):
        blocks = "█" * max(1, round(value / top * BAR_BLOCKS)) if value else ""
        rows.append(
            f"<tr><td width='26%'>{_cell(row[label_index], language)}</td>"
            f"<td><font color='#5b9bd5'>{blocks}</font> {value}</td></tr>"
        )
    return "<table width='100%' cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"


def report_html(report: Report, language: str = "zh") -> str:
    """The printable page: every section as a table, charts as bars (what QTextDocument can print)."""
    parts = [
        f"<html><head><meta charset='utf-8'><title>{_cell(report.title, language)}</title>"
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_cell(report.title, language)}</h1><p class='sub'>{html.escape(_subtitle(report, language))}</p>",
    ]
    for section in report.sections:
        parts.append(f"<h2>{_cell(section.title, language)}</h2>")
        if section.note is not None:
            parts.append(f"<p class='note'>{_cell(section.note, language)}</p>")
        if not section.rows:
            parts.append(
                f"<p class='note'>{html.escape(_say(_m('(本期没有)', '(none in this period)'), language))}</p>"
            )
            continue
        if section.chart:
            parts.append(_bars(section, language))
            if section.chart == "line":
                continue  # a day per row: the bars are the table
        head = "".join(f"<th>{_cell(c, language)}</th>" for c in section.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td class='n'>{_cell(v, language)}</td>"
                if isinstance(v, int)
                else f"<td>{_cell(v, language)}</td>"
                for v in row
            )
            + "</tr>"
            for row in section.rows
        )
        parts.append(f"<table class='t' cellspacing='0'><tr>{head}</tr>{body}</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_html(text: str, path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CsdeskError(f"无法写入「{path}」:{exc}", f"Cannot write '{path}': {exc}") from exc
    return path


# -- cheat sheet -----------------------------------------------------------------------------------------------
def cheatsheet_html(lib: Library, shop: str | None = None, language: str = "zh") -> str:
    """A printable page for a new agent's desk: the shop's (and 通用's) enabled entries by category — code, title,
    reply."""
    en = language.startswith("en")
    target = lib.shops.get(shop) if shop else None
    scopes = [target, lib.shops.shared] if target is not None and not target.is_shared else [None]
    entries = []
    for scope in scopes:
        entries += lib.entries.all(shop="*" if scope is None else scope.id, include_disabled=False)
    by_category: dict[str, list[Any]] = {}
    for entry in entries:
        key = (
            (entry.shop_name if target is None or entry.shop_id != target.id else "")
            + (" / " if target is None or entry.shop_id != target.id else "")
            + (entry.category_path or ("Uncategorised" if en else "未分类"))
        )
        by_category.setdefault(key, []).append(entry)
    title = ("Cheat sheet" if en else "话术速查表") + (f" · {target.name}" if target is not None else "")
    parts = [
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{_CSS}"
        "td.code { font-family: monospace; font-weight: bold; white-space: nowrap; }</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='sub'>{len(entries)} {'entries' if en else '条话术'} · "
        f"{(datetime.now(UTC) + BEIJING).strftime('%Y-%m-%d')}</p>",
    ]
    head = "".join(f"<th>{h}</th>" for h in (("Code", "Title", "Reply") if en else ("编码", "标题", "回复")))
    for category in sorted(by_category):
        parts.append(f"<h2>{html.escape(category)}</h2><table class='t' cellspacing='0'><tr>{head}</tr>")
        for entry in sorted(by_category[category], key=lambda e: (e.sort_order, e.code, e.title)):
            parts.append(
                f"<tr><td class='code' width='10%'>{html.escape(entry.code)}</td>"
                f"<td width='22%'>{html.escape(entry.title)}</td><td>{_cell(entry.reply, language)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
