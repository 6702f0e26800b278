# A journal shaped like the flagship: one article, sections in the sidebar, a References page.
project = "Site Journal"
copyright = "2025 Site Journal"
extensions = ["kwelle"]
html_baseurl = "https://site.example/"
nitpicky = True
myst_enable_extensions = ["colon_fence"]
myst_title_to_header = True
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "kwelle_author_year"
bibtex_default_style = "kwelle"
kwelle_source_groups = {"charts": "Sources of the charts", "article": "Cited in the text"}
kwelle_source_regions = {"KR": "Korea", "DE": "Germany", "intl": "Cross-national"}
html_theme = "furo"  # the sidebar and page chrome under test are furo's, as in docs/conf.py
bibtex_tooltips = False
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = "Site Journal"
ogp_custom_meta_tags = ('<meta name="twitter:card" content="summary_large_image">',)
