# The PDF font setup on its own: a Hangul paragraph and the won sign, nothing else.
project = "Hangul"
extensions = ["kwelle"]
bibtex_bibfiles = ["refs.bib"]
latex_engine = "xelatex"
latex_documents = [("index", "hangul.tex", "Hangul", "K-Welle Journal", "howto")]
