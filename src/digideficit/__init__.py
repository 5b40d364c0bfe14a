"""The logic behind the report on Japan's digital trade deficit, in the order figures flow.

    sources/     figures in: `make update` (tidy or gathered files) and `make fetch`
                 (the Bank of Japan's API), both ending in validate → show → write data/
    validated/   the data as every chapter reads it: the schema each file must pass, the
                 loader, and which balance-of-payments items each published total adds up
    analysis/    what the chapters compute, say and draw: series, reconciliation, growth,
                 impact, scenarios, claims, headline figures, prose and charts
    site/        what readers get: chapter parameters, papermill execution with a cache,
                 the Jupyter Book build and its Sphinx extension, the PDF, generated pages

Each stage imports only the stages before it (`validated` first, as the vocabulary all of
them share): analysis never reaches into the build, and the data never depends on a chart.
The commands that run the whole pipeline, `sources.update`, `sources.fetch` and
`sources.refresh`, are the exception: they end by rebuilding the site (the refresh by
checking it). `tests/test_layout.py` holds the package to it.
"""

STAGES = ("sources", "validated", "analysis", "site")
