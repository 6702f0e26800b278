"""Sources: bib files, lint, reference style and groups, citations, previews, reference lists, rebuilds."""
