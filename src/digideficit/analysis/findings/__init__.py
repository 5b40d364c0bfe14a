"""Each chapter's findings, computed once from the validated tables: one module per
chapter, each with a `findings(...)` function returning `quantities.Findings`."""
