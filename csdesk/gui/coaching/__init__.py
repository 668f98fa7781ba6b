"""Wording tests and training (话术测试与培训): the main window's tab is :class:`csdesk.gui.coaching.page.CoachingPage`
(A/B tests, flash cards, quiz, drills, quiz results); the workspace's outcome bar is :mod:`csdesk.gui.coaching.outcome`.
"""
