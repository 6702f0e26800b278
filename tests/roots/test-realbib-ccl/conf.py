# A real-world bibliography (cosmology, NASA ADS and INSPIRE exports), cited in full by the article the test writes.
project = "Real bibliography: ccl"
copyright = "2026 Test Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]
latex_engine = "xelatex"
latex_documents = [("index", "realbib.tex", "Real bibliography", "Test", "manual")]
