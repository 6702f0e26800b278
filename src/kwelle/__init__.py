"""kwelle: a Sphinx extension for small journals, one module per concern, registered here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kwelle.articles.anchors import setup_anchors
from kwelle.articles.authorguide import setup_authorguide
from kwelle.articles.citefiles import setup_citefiles
from kwelle.articles.citethis import setup_citethis
from kwelle.articles.corrections import setup_corrections
from kwelle.articles.drafts import setup_drafts
from kwelle.articles.fallback import setup_fallback
from kwelle.articles.header import setup_header
from kwelle.articles.languages import setup_languages
from kwelle.articles.listing import setup_listing
from kwelle.articles.store import setup_articles
from kwelle.articles.tags import setup_tags
from kwelle.articles.translation import setup_translation
from kwelle.catalogs import setup_catalogs
from kwelle.config import setup_config
from kwelle.editions.downloads import setup_downloads
from kwelle.editions.epub import setup_epub
from kwelle.editions.feed import setup_feed
from kwelle.editions.latex import setup_latex
from kwelle.editions.scholar import setup_scholar
from kwelle.editions.social import setup_social
from kwelle.editions.svgimages import setup_svgimages
from kwelle.editions.translations import setup_translations
from kwelle.i18n import setup_i18n
from kwelle.infographics import fork_chart_worker, setup_infographics
from kwelle.safety.confinement import setup_confinement
from kwelle.safety.encoding import setup_encoding
from kwelle.safety.hardening import setup_hardening
from kwelle.safety.outputscan import setup_outputscan
from kwelle.safety.stale import setup_stale
from kwelle.search import setup_search
from kwelle.sources.bibfiles import setup_bibfiles
from kwelle.sources.changes import setup_bibchanges
from kwelle.sources.citations import setup_citations
from kwelle.sources.groups import setup_sources
from kwelle.sources.lint import setup_biblint
from kwelle.sources.previews import setup_previews
from kwelle.sources.reflists import setup_reflists
from kwelle.sources.style import setup_sourcestyle
from kwelle.theme.htmlfixes import setup_htmlfixes
from kwelle.theme.navigation import setup_navigation
from kwelle.theme.notfound import setup_notfound
from kwelle.theme.pageassets import setup_pageassets
from kwelle.theme.switcher import setup_switcher
from kwelle.theme.words import setup_theme_words
from kwelle.upstream.sphinx_sitemap import setup_sitemap
from kwelle.upstream.sphinxcontrib_bibtex import setup_fresh_citation_nodes, setup_indexed_citations

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    # once the builder has hashed the config into .buildinfo: an install's path is not the site's
    app.config.html_static_path.append(str(STATIC_DIR))


def setup_stylesheet(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.add_css_file("kwelle.css")


def setup(app: Sphinx) -> dict[str, object]:
    setup_config(app)  # the kwelle_* settings, typed and validated once
    setup_i18n(app)  # the journal's own words from its catalog, in the build's language
    fork_chart_worker(app)  # a clean build's charts: matplotlib loads on the second core from now
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinxcontrib.bibtex")
    setup_indexed_citations(app)  # the cite domain with indexes: no N³ walk over citations per build
    setup_sourcestyle(app)  # "Organisation — Title (year). domain" lists, (Author, year) citations
    setup_hardening(app)  # no raw HTML, no file insertion, math without a CDN
    setup_confinement(app)  # no file from outside the source folder is published
    setup_encoding(app)  # a source that is not UTF-8 stops the build, naming file and line
    setup_citations(app)  # each article cites into its own reference list
    setup_fresh_citation_nodes(app)  # a page resolved twice (journal and article PDF) lists each entry once
    setup_reflists(app)  # reference lists as <ol>, not divs with deprecated roles
    setup_previews(app)  # hover or focus a citation: see the source
    setup_bibfiles(app)  # strict .bib parsing: errors name file and line
    setup_biblint(app)  # what every bib entry must get right (also `nox -s check-refs`)
    setup_bibchanges(app)  # a .bib edit re-reads exactly the pages that show the entry
    setup_articles(app)  # front matter -> validated ArticleMeta per article
    setup_translation(app)  # in a translated edition, the front matter's prose is translated too
    setup_catalogs(app)  # a translated edition's .po files: stale, fuzzy, obsolete, broken roles fail
    setup_header(app)  # deck, byline, dates, lead image under each article title
    setup_citethis(app)  # "Cite this article": reference and BibTeX at the article's end
    setup_citefiles(app)  # the citation and reference list as .bib, .ris and CSL-JSON files
    setup_drafts(app)  # draft: true only in the preview; no publication date in the future
    setup_corrections(app)  # {correction}: dated corrections that update an article's date
    setup_listing(app)  # {article-list}: the index of articles, newest first
    setup_tags(app)  # a page per tag, linked from each article's header
    setup_languages(app)  # each page's language; {lang}`ko:…` passages
    setup_fallback(app)  # an untranslated paragraph: the source's text, with its lang and a badge
    setup_anchors(app)  # Korean headings get readable anchors
    setup_search(app)  # search finds Korean words, whatever particle follows them
    setup_navigation(app)  # the sidebar lists the sections; the front page, the articles
    setup_sources(app)  # bib entry groups and the {source-groups} References layout
    setup_infographics(app)  # {infographic}: charts from cited data files
    setup_latex(app)  # the PDF edition: per-article documents, layout, metadata
    setup_svgimages(app)  # SVG into PDF with rsvg-convert, once per image, not per document
    setup_epub(app)  # the ePub edition: EPUBCheck-clean, journal and per-article, metadata and cover
    setup_downloads(app)  # "Download PDF" links, when the PDFs were built
    setup_feed(app)  # feed.xml: the articles as an Atom feed
    setup_notfound(app)  # 404.html with absolute links at any depth (before social: the feed link too)
    setup_social(app)  # meta description, OpenGraph, JSON-LD, sitemap.xml
    setup_sitemap(app)  # sitemap.xml lists the whole site, after any build
    setup_translations(app)  # the language editions: their URLs, hreflang links, sitemap alternates
    setup_switcher(app)  # the sidebar links the page in each edition where it exists
    setup_theme_words(app)  # furo's words (Next, On this page...) in German and Korean
    setup_scholar(app)  # Highwire citation_* and Dublin Core tags for Scholar and Zotero
    setup_authorguide(app)  # {frontmatter-fields}: the schema as a table
    setup_outputscan(app)  # after HTML builds: nothing from other hosts, no unsafe links
    setup_stale(app)  # what a build no longer produces leaves the published folder
    setup_htmlfixes(app)  # valid HTML where the theme's is not (duplicate table ids)
    setup_pageassets(app)  # each page loads the styles and scripts it uses
    setup_stylesheet(app)  # the journal's stylesheet
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
