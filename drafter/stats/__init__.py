"""Counts across versions of a draft, and across the meetings of its journal: the negotiators' progress meter.

`versions`: one row per version (the numbers `drafter check` reports); `dates`: when
each version was issued; `sections`: counts per section, each section followed from
version to version through the diff; `meetings`: a journal's burn-down; `chart`: the
chart file (matplotlib, imported only when a chart is drawn: it is slow to import).
"""
