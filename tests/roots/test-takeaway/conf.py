# One article for what readers and their tools take away: page metadata, citation files.
project = "Test Journal"
copyright = "2025 Test Journal"
version = release = "2026.03"  # an ePub needs one
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"
ogp_site_url = html_baseurl  # as docs/conf.py: absolute og:url
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]
kwelle_source_groups = {"article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea", "intl": "Cross-national"}
kwelle_cite_key_prefix = "tj-"
latex_engine = "xelatex"
latex_documents = [("index", "journal.tex", "Test Journal", "Test", "manual")]
