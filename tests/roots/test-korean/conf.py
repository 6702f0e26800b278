# An English journal with one Korean article: Hangul names, per-page language, Korean
# typesetting in the PDF, a chart with Korean labels, Korean search.
project = "Korea Desk"
language = "en"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # feed, sitemap and OpenGraph need absolute URLs
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
kwelle_source_groups = {"budget": "Budgets", "article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea"}
latex_engine = "xelatex"
latex_documents = [("index", "korea-desk.tex", "Korea Desk", "Korea Desk editors", "manual")]
copyright = "2026 Korea Desk"  # the ePub's metadata needs both
version = "1"
sitemap_url_scheme = "{link}"  # not under /en/1/ for the version above

kwelle_scaffold_image = "../images/lead.svg"  # what `nox -s new` starts an article with
kwelle_scaffold_image_alt = "A blue square."
