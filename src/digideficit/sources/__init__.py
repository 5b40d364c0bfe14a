"""Figures in: `update` (`make update FILE=...`: validate new rows, show what changes, write
data/, rebuild), `gathered` (the layout of the gathered figures, converted to tidy rows) and
`fetch` (`make fetch`: the official series from the Bank of Japan's API, handed to the same
path as `update`)."""
