# A journal in three editions: English sources, a German translation of every page, and a
# Korean one of the article only (tests/test_editions.py).
project = "Test Journal"
copyright = "2025 Test Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"
nitpicky = True
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
language = "en"
kwelle_editions = ["en", "de", "ko"]
locale_dirs = ["locale/"]
gettext_compact = False
html_theme = "furo"
latex_engine = "xelatex"
latex_documents = [("index", "journal.tex", "Test Journal", "Test", "manual")]
kwelle_pdf_dir = "../pdfs/pdf"  # where a test builds the PDFs, beside its copy of this root
