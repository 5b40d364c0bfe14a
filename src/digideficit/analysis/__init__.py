"""What the chapters compute, say and draw, from the validated tables: `series` (choosing
and deriving the digital balance), `reconcile`, `growth`, `impact`, `scenarios`,
`international`, `claims` (the ledger's verdicts), `headlines` (the summary's figures),
`timeline`, `prose` (figures into glued words), `charts` and `citation`."""
