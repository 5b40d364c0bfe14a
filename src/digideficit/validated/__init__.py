"""Validated data: `schema` (every rule a data file must pass, each failure naming file,
line and column), `data` (the loader, which checks across files and converts units) and
`definitions` (the balance-of-payments items and the totals each basis adds up)."""
