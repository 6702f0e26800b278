""" "Cite this article": the article's own reference and BibTeX, from its front matter,
at its end (before its References), each with a copy button (kwelle-copy.js; no third party).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from sphinx.transforms import SphinxTransform

from kwelle.articles.store import articles
from kwelle.config import get_config
from kwelle.i18n import _, format_date, format_list, ui_language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from kwelle.articles.frontmatter import ArticleMeta


def article_url(base_url: str, docname: str) -> str:
    return urljoin(base_url.rstrip("/") + "/", f"{docname}.html")


def cite_key(env: BuildEnvironment, docname: str) -> str:
    """The article's own BibTeX key (and the id of its RIS and CSL-JSON record)."""
    return get_config(env).cite_key_prefix + posixpath.basename(docname)


def citation_text(meta: ArticleMeta, journal: str, url: str, language: str) -> str:
    return _("%(authors)s (%(year)s). %(title)s. %(journal)s, %(date)s. %(url)s") % {
        "authors": format_list([author.name for author in meta.authors], language),
        "year": meta.published.year,
        "title": meta.title,
        "journal": journal,
        "date": format_date(meta.published, language),
        "url": url,
    }


def chart_citation(meta: ArticleMeta, chart_title: str, journal: str, url: str, language: str) -> str:
    """A chart cited as part of its article, ``url`` its permalink."""
    return _("%(authors)s (%(year)s). %(chart)s [chart]. In: %(title)s. %(journal)s, %(date)s. %(url)s") % {
        "authors": format_list([author.name for author in meta.authors], language),
        "year": meta.published.year,
        "chart": chart_title,
        "title": meta.title,
        "journal": journal,
        "date": format_date(meta.published, language),
        "url": url,
    }


def _braced(text: str) -> str:
    """BibTeX text: capitals and commas kept as written (a name like "Dawn Chang, PhD")."""
    return "{" + text.replace("{", "").replace("}", "") + "}"


def citation_bibtex(meta: ArticleMeta, key: str, journal: str, url: str) -> str:
    fields = {
        "author": " and ".join(_braced(author.name) for author in meta.authors),
        "title": _braced(meta.title),
        "journal": journal,
        "year": str(meta.published.year),
        "date": meta.published.isoformat(),
        "url": url,
    }
    body = ",\n".join(f"  {name:<7} = {{{value}}}" for name, value in fields.items())
    return f"@article{{{key},\n{body},\n}}\n"


class CiteThisArticle(SphinxTransform):
    default_priority = 510  # after the article header (500)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        meta = articles(self.env).get(docname)
        sections = list(self.document.findall(nodes.section))
        if meta is None or not sections:
            return
        url = article_url(self.config.html_baseurl or "", docname)
        journal = self.config.project
        key = cite_key(self.env, docname)
        box = nodes.container(classes=["kwelle-cite-this"])
        heading = _("Cite this article")
        box += nodes.rubric(heading, heading)
        reference = citation_text(meta, journal, url, ui_language(self.env, docname))
        box += nodes.paragraph(reference, reference, classes=["kwelle-copyable"])
        bibtex = citation_bibtex(meta, key, journal, url)
        block = nodes.literal_block(bibtex, bibtex, language="bibtex", classes=["kwelle-copyable"])
        box += block
        top = sections[0]
        dropdowns = [c for c in top.findall(nodes.container) if c.get("design_component") == "dropdown"]
        # before the References dropdown that ends the article, else at the very end
        if dropdowns and dropdowns[-1].parent is not None:
            parent = dropdowns[-1].parent
            parent.insert(parent.index(dropdowns[-1]), box)
        else:
            top += box


def copy_button_words(app: Sphinx, config: Config) -> None:
    """The copy buttons' words, for the template of kwelle-copy.js (``html_context``)."""
    words = {"reference": _("Copy the reference"), "bibtex": _("Copy the BibTeX"), "copied": _("Copied")}
    config.html_context = {**config.html_context, "kwelle_copy_words": words}


def setup_citethis(app: Sphinx) -> None:
    app.connect("config-inited", copy_button_words)
    app.add_transform(CiteThisArticle)
    app.add_js_file("kwelle-copy.js", loading_method="defer")
