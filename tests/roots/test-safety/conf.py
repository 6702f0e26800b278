# The smallest journal a bad input can be added to: one article with one chart (tests/test_safety_*.py).
project = "Safety Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # feed, sitemap and OpenGraph need absolute URLs
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
kwelle_source_groups = {"shares": "Budget shares", "article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea", "DE": "Germany", "intl": "Cross-national"}
kwelle_pdf_dir = ""
latex_engine = "xelatex"
latex_documents = [("index", "safety.tex", "Safety Journal", "Test", "manual")]
# as in docs/conf.py: each article keeps its own list (see test_citations.py)
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]
