# The PDF font setup on its own: a Hangul paragraph and the won sign, nothing else.
project = "Hangul"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # sphinx-sitemap insists, even for LaTeX
bibtex_bibfiles = ["refs.bib"]
latex_engine = "xelatex"
latex_documents = [("index", "hangul.tex", "Hangul", "K-Welle Journal", "howto")]
