"""What readers get: `params` (each chapter's parameters, checked before it runs), `build`
(`make book`: papermill, the Jupyter Book build, the swap into `_build/html`), `incremental`
(the cache that skips unchanged chapters), `notebooks` (reproducible executed notebooks),
`sphinx_ext` (what each page loads), `pdf` (the PDF edition), `datafiles`, `downloads` and
`health` (pages and files generated at build time) and `bench` (`make bench`)."""
