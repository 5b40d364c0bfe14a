"""`make fetch`: the official series from the Bank of Japan, into data/.

The stages, one module each: `series_list` (which series, from data/boj_series.csv), `flat`
(the BOJ's flat files: download or local copy, checks, values new or revised since data/,
the raw copies kept with their manifest), `boj_api` (the polite HTTP client of the
Time-Series API: metadata, paged data, snapshots of every answer), `convert` (API answers →
rows of boj_monthly.csv and their sources), and `__main__` (the command, which hands the rows
to the same validate → show → write → rebuild path as `make update`).
"""
