# An Author guide page with the two tables the extension generates from its dataclasses.
project = "Guide Journal"
copyright = "2025 Guide Journal"
extensions = ["kwelle"]
nitpicky = True
bibtex_bibfiles = []  # no sources: the page is only the guide
html_baseurl = "https://guide.example/"  # the sitemap warns without it
