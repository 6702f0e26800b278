# One article with front matter, a citation and a chart, and its German catalog (one paragraph left untranslated).
project = "Translated Journal"
extensions = ["kwelle"]
html_baseurl = "https://journal.example/"  # feed, sitemap and OpenGraph need absolute URLs
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
kwelle_source_groups = {"growth": "Growth", "article": "Cited in the text"}
kwelle_source_regions = {"intl": "Cross-national"}
language = "en"
kwelle_editions = ["en", "de"]
locale_dirs = ["locale/"]
gettext_compact = False
translation_progress_classes = "untranslated"
