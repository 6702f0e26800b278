# A small journal: two articles sharing a source, a front page and a References page.
project = "Test Journal"
copyright = "2025 Test Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # feed, sitemap and OpenGraph need absolute URLs
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
# as in docs/conf.py: each article keeps its own list (see test_citations.py)
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]
kwelle_source_groups = {"charts": "Sources of the charts", "article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea", "DE": "Germany", "intl": "Cross-national"}
latex_engine = "xelatex"
latex_documents = [("index", "journal.tex", "Test Journal", "Test", "manual")]

kwelle_scaffold_image = "../images/lead.svg"  # what `nox -s new` starts an article with
kwelle_scaffold_image_alt = "A blue square."
