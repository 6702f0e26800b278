# The smallest project that loads the packages kwelle.upstream reaches into.
extensions = ["kwelle"]
html_theme = "furo"
bibtex_bibfiles = ["refs.bib"]
