# One article with two infographics: a derived-share bar chart and a grouped bar chart.
project = "Chart Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # feed, sitemap and OpenGraph need absolute URLs
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
kwelle_source_groups = {"shares": "Budget shares", "growth": "Growth", "article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea", "DE": "Germany", "intl": "Cross-national"}
latex_engine = "xelatex"
latex_documents = [("index", "charts.tex", "Chart Journal", "Test", "manual")]
