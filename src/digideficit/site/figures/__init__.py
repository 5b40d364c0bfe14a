"""Each chapter's charts and tables, drawn from its findings in the page's language."""
