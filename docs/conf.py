"""Sphinx configuration for K-Welle Journal. Behaviour lives in the ``kwelle`` package."""

import os

project = "K-Welle Journal"
author = "K-Welle Journal"
copyright = "2025 K-Welle Journal"
language = "en"
# -- Translated editions: `sphinx-build -D language=ko` reads docs/locale/ko/LC_MESSAGES/<page>.po,
# one catalog per page (articles/<name>.po), as `sphinx-intl update -d docs/locale` writes them
# (`nox -s translations`); a page without a catalog stays English. `nox -s html` builds each
# edition, the German and Korean into build/html/<code>/, published at <html_baseurl><code>/
# (kwelle.editions.translations); a page is in an edition when its catalog translates something
kwelle_editions = ["en", "de", "ko"]  # the first is the sources' language
locale_dirs = ["locale/"]
gettext_compact = False
translation_progress_classes = "untranslated"  # a paragraph still in English is marked as such
version = release = "2026.12"  # the edition: year and month of the latest change
today_fmt = "%d %B %Y"

extensions = ["kwelle"]  # brings in myst_parser, sphinx_design and sphinxcontrib.bibtex

# strict: every reference must resolve (with -W in nox and on Read the Docs)
nitpicky = True

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# -- MyST -------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_title_to_header = True  # an article's title comes from its front matter
myst_heading_anchors = 3

# -- Citations --------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"  # (Chang, 2025)
bibtex_default_style = "kwelle"  # Organisation — Title (year). domain
bibtex_tooltips = False  # kwelle's citation previews show the entry instead
# Each article lists its own references and its citations link there first, so one source
# in two articles' lists, each numbered from 1, is by design. tests/test_citations.py
# (test_shared_source_links_locally) shows both warnings firing and the links landing locally.
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]

# -- The journal's sources: vocabulary of the bib ``group`` and ``region`` fields
# (an entry without them is cited as usual, but not on the References page's lists)
kwelle_source_groups = {
    "budget-share": "AI share in 2026 government budgets",
    "low-growth": "Advanced economies' response to the low-growth era",
    "article": "Cited in the text",
}
kwelle_source_regions = {
    "KR": "Korea",
    "US": "United States",
    "DE": "Germany",
    "JP": "Japan",
    "intl": "Cross-national",
}

# -- HTML -------------------------------------------------------------------
# absolute URLs (feed, sitemap, canonical links, hreflang, OpenGraph): the root edition's;
# a translation's build uses its own (kwelle.editions.translations)
html_baseurl = "https://k-welle.com/"
# Read the Docs builds each edition as its own project, a translation of the parent project with
# its own Language, served at /<language>/<version>/ of the parent's domain (Read the Docs'
# docs/user/localization.rst, "Project with multiple translations"). Its builds set
# READTHEDOCS_LANGUAGE, the project's language ("en", "de", "pt_BR"), and
# READTHEDOCS_CANONICAL_URL, the built version's base URL with language and version in its path
# ("https://docs.readthedocs.io/ja/stable/"; docs/user/reference/environment-variables.rst).
# So this one conf.py builds every project: its language from the one, every edition's URL from
# the other (the language segment replaced).
if os.environ.get("READTHEDOCS_CANONICAL_URL"):
    language = os.environ.get("READTHEDOCS_LANGUAGE", language).replace("_", "-")
    _domain, _, _version = os.environ["READTHEDOCS_CANONICAL_URL"].rstrip("/").rsplit("/", 2)
    kwelle_edition_url = f"{_domain}/{{code}}/{_version}/"
    html_baseurl = kwelle_edition_url.format(code=kwelle_editions[0])
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = "K-Welle Journal"
ogp_custom_meta_tags = ('<meta name="twitter:card" content="summary_large_image">',)
html_theme = "furo"
html_title = "K-Welle Journal"
html_short_title = "K-Welle"
html_last_updated_fmt = None
html_show_sphinx = False
html_copy_source = False
html_theme_options = {
    "light_css_variables": {
        "color-brand-primary": "#1f4fa8",
        "color-brand-content": "#1f4fa8",
    },
    "dark_css_variables": {
        "color-brand-primary": "#8fb3ff",
        "color-brand-content": "#8fb3ff",
    },
}

# -- PDF (xelatex; `nox -s pdf` adds one document per article) ----------------
latex_engine = "xelatex"
# toctree_only: the PDF's own masthead replaces the front page; articles become chapters
latex_documents = [("index", "k-welle-journal.tex", "K-Welle Journal", "K-Welle Journal", "manual", True)]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,oneside",  # no blank pages between articles
    "figure_align": "H",  # a chart stays with its notes and sources
    "fncychap": "",  # plain chapter heads; kwelle.sty sets the journal look
    "printindex": "",  # a journal has no index
}
# where `nox -s pdf` leaves the PDFs; the HTML build links and publishes those it finds
kwelle_pdf_dir = "../build/pdf"
# where `nox -s epub` leaves the ePubs, linked and published the same way
kwelle_epub_dir = "../build/epub"
kwelle_cite_key_prefix = "kwelle-"
# what `nox -s new` starts an article with, until it has its own byline and lead image
kwelle_scaffold_author = "K-Welle Journal editors"
kwelle_scaffold_image = "../images/ai-budget-tiles.svg"
kwelle_scaffold_image_alt = "A mosaic of small tiles, most in deep blue and a third of them in gold, rising in columns like a bar chart."
kwelle_scaffold_image_credit = "K-Welle Journal"  # the "Cite this" BibTeX key: kwelle-<article>
kwelle_journal_subject = (
    "Korea's policy, industry and Gen Z culture, explained for Europe's students and young innovators"
)
