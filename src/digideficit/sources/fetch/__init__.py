"""`make fetch`: the official series from the Bank of Japan's Time-Series Data Search API.

The stages, one module each: `series_list` (which series, from data/boj_series.csv),
`boj_api` (the polite HTTP client: metadata, paged data, snapshots of every answer),
`convert` (answers → tidy rows and their sources), and `__main__` (the command, which hands
the tidy rows to the same validate → show → write → rebuild path as `make update`).
"""
