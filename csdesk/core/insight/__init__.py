"""The supervisor's week: usage statistics, knowledge gaps, chat records, team usage, the weekly report.

Qt-free (the 数据 page and the PDF printing live in csdesk.gui.insight) and independent of csdesk.formats. Every
function takes the :class:`~csdesk.core.library.Library` and reads its logs through ``lib.database`` with SQL
aggregation over the daily roll-ups of migration 0003.
"""
