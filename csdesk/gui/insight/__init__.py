"""The supervisor's 数据 page and the PDF printing of the weekly report and the cheat sheet (csdesk.core.insight)."""
