"""Citations to take away: each article's own citation, and its whole reference list, as
BibTeX, RIS and CSL-JSON files written beside the page (``budgets.bib``,
``budgets.references.ris``...), linked from "Cite this article" and the References dropdown.

BibTeX is written by pybtex (the reference list) and kwelle.articles.citethis (the article);
RIS by rispy. No maintained library writes CSL-JSON from pybtex entries, so the one mapping
below (:class:`Work`) turns an entry or an article into the fields both RIS and CSL-JSON share.
Files are rewritten only when their text changes, and hold nothing of the build's time.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import rispy
from docutils import nodes
from pybtex.database import BibliographyData, Entry
from sphinx.transforms.post_transforms import SphinxPostTransform

from kwelle.articles.citethis import article_url, citation_bibtex, cite_key
from kwelle.articles.store import articles
from kwelle.editions.pagemeta import citation_name
from kwelle.files import write_atomically
from kwelle.i18n import _
from kwelle.sources.style import plain_text
from kwelle.upstream.sphinxcontrib_bibtex import listed_on_page

if TYPE_CHECKING:
    from pybtex.database import Person
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from kwelle.articles.frontmatter import ArticleMeta

#: file suffix -> link label, in the order the page offers them
FORMATS = {".bib": "BibTeX", ".ris": "RIS", ".csl.json": "CSL-JSON"}
#: the reference list's files: budgets.references.bib beside budgets.bib
REFERENCES = ".references"

#: BibTeX entry type -> (CSL type, RIS type); anything else is a generic document
TYPES = {
    "article": ("article-journal", "JOUR"),
    "book": ("book", "BOOK"),
    "inbook": ("chapter", "CHAP"),
    "incollection": ("chapter", "CHAP"),
    "inproceedings": ("paper-conference", "CONF"),
    "techreport": ("report", "RPRT"),
    "report": ("report", "RPRT"),
    "phdthesis": ("thesis", "THES"),
    "mastersthesis": ("thesis", "THES"),
    "thesis": ("thesis", "THES"),
    "online": ("webpage", "ELEC"),
}
GENERIC, WEB_PAGE = ("document", "GEN"), ("webpage", "ELEC")


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    #: an organisation, or a name that is not to be split
    literal: str = ""


@dataclass(frozen=True)
class Work:
    """What RIS and CSL-JSON both say about one citable work."""

    key: str
    types: tuple[str, str]  # (CSL, RIS)
    title: str
    authors: tuple[Name, ...]
    issued: tuple[int, ...]  # (year,) or (year, month, day)
    container: str = ""
    publisher: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    note: str = ""
    language: str = ""
    keywords: tuple[str, ...] = ()
    abstract: str = ""


def _name(person: Person) -> Name:
    family = plain_text(" ".join(person.prelast_names + person.last_names))
    given = plain_text(" ".join(person.first_names + person.middle_names))
    if not given and len(person.last_names) == 1 and person.last_names[0].startswith("{"):
        return Name(literal=family)  # {{OECD}}: a body, not a family name
    return Name(family=family, given=given)


def work_from_entry(entry: Entry) -> Work:
    fields = {name.lower(): plain_text(value) for name, value in entry.fields.items()}
    types = TYPES.get(entry.type.lower(), WEB_PAGE if "url" in fields else GENERIC)
    year = fields.get("year", "")
    return Work(
        key=entry.key,
        types=types,
        title=fields.get("title", ""),
        authors=tuple(_name(person) for person in entry.persons.get("author", [])),
        issued=(int(year),) if year.isdigit() else (),
        container=fields.get("journal") or fields.get("booktitle") or fields.get("howpublished", ""),
        publisher=fields.get("publisher") or fields.get("institution") or fields.get("school", ""),
        volume=fields.get("volume", ""),
        issue=fields.get("number", ""),
        pages=fields.get("pages", ""),
        doi=fields.get("doi", ""),
        url=fields.get("url", ""),
        note=fields.get("note", ""),
    )


def work_from_article(meta: ArticleMeta, key: str, journal: str, url: str) -> Work:
    day = meta.published
    return Work(
        key=key,
        types=TYPES["article"],
        title=meta.title,
        authors=tuple(Name(literal=citation_name(author)) for author in meta.authors),
        issued=(day.year, day.month, day.day),
        container=journal,
        publisher=journal,
        url=url,
        language=meta.language,
        keywords=meta.tags,
        abstract=meta.deck,
    )


def _page_range(pages: str) -> list[str]:
    return [part.strip() for part in re.split(r"[-–—]+", pages) if part.strip()]


def csl_record(work: Work) -> dict:
    record: dict = {"id": work.key, "type": work.types[0], "title": work.title}
    if work.authors:
        record["author"] = [
            {"literal": n.literal} if n.literal else {"family": n.family, "given": n.given}
            for n in work.authors
        ]
    if work.issued:
        record["issued"] = {"date-parts": [list(work.issued)]}
    optional = {
        "container-title": work.container,
        "publisher": work.publisher,
        "volume": work.volume,
        "issue": work.issue,
        "page": "-".join(_page_range(work.pages)),
        "DOI": work.doi,
        "URL": work.url,
        "note": work.note,
        "language": work.language,
        "keyword": ", ".join(work.keywords),
        "abstract": work.abstract,
    }
    record.update((name, value) for name, value in optional.items() if value)
    return record


def ris_record(work: Work) -> dict:
    pages = _page_range(work.pages)
    record: dict = {"type_of_reference": work.types[1], "id": work.key, "title": work.title}
    record["authors"] = [n.literal or f"{n.family}, {n.given}".rstrip(", ") for n in work.authors]
    if work.issued:
        record["year"] = str(work.issued[0])
    if len(work.issued) == 3:
        record["date"] = "{:04d}/{:02d}/{:02d}/".format(*work.issued)
    optional = {
        "journal_name": work.container,
        "publisher": work.publisher,
        "volume": work.volume,
        "number": work.issue,
        "start_page": pages[0] if pages else "",
        "end_page": pages[-1] if len(pages) > 1 else "",
        "doi": work.doi,
        "urls": [work.url] if work.url else [],
        "notes": [work.note] if work.note else [],
        "language": work.language,
        "keywords": list(work.keywords),
        "abstract": work.abstract,
    }
    record.update((name, value) for name, value in optional.items() if value)
    return record


def to_csl_json(works: list[Work]) -> str:
    return json.dumps([csl_record(work) for work in works], ensure_ascii=False, indent=2) + "\n"


class RisWriter(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # rispy numbers records ("1."): no RIS tag, which Zotero would read as text


def to_ris(works: list[Work]) -> str:
    return rispy.dumps([ris_record(work) for work in works], implementation=RisWriter)


def to_bibtex(entries: list[Entry]) -> str:
    """The entries as BibTeX, without ``keywords``: the journal's filing, not the source's."""
    data = BibliographyData()
    for entry in entries:
        fields = {name: value for name, value in entry.fields.items() if name.lower() != "keywords"}
        data.add_entry(entry.key, Entry(entry.type, fields=fields, persons=entry.persons))
    return data.to_string("bibtex")


def cited_entries(env: BuildEnvironment, docname: str) -> list[Entry]:
    """The bib entries of the article's own reference list, in its order."""
    domain = env.get_domain("cite")
    entries = domain.bibdata.data.entries
    keys = [citation.key for citation in listed_on_page(domain, docname)]
    return [entries[key] for key in dict.fromkeys(keys)]


def article_files(env: BuildEnvironment, docname: str) -> dict[str, str]:
    """Output path (relative to the HTML folder) -> text, for one article."""
    meta = articles(env)[docname]
    journal, key = env.config.project, cite_key(env, docname)
    url = article_url(env.config.html_baseurl or "", docname)
    work = work_from_article(meta, key, journal, url)
    files = {
        f"{docname}.bib": citation_bibtex(meta, key, journal, url),
        f"{docname}.ris": to_ris([work]),
        f"{docname}.csl.json": to_csl_json([work]),
    }
    entries = cited_entries(env, docname)
    if entries:
        works = [work_from_entry(entry) for entry in entries]
        files[f"{docname}{REFERENCES}.bib"] = to_bibtex(entries)
        files[f"{docname}{REFERENCES}.ris"] = to_ris(works)
        files[f"{docname}{REFERENCES}.csl.json"] = to_csl_json(works)
    return files


class CitationFiles:
    """The files of the articles this build wrote: a file changes only with its article's page
    (front matter, cited entries: a .bib edit rewrites the pages that show the entry, a
    configuration change every page), so a no-op makes none of them again."""

    def __init__(self) -> None:
        self.written: set[str] = set()

    def start(self, app: Sphinx) -> None:
        self.written = set()

    def note(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        self.written.add(docname)

    def write(self, app: Sphinx, exception: Exception | None) -> None:
        if exception or app.builder.name not in CitationFileLinks.builders:
            return
        for docname in sorted(self.written & articles(app.env).keys()):
            for name, text in article_files(app.env, docname).items():
                target = Path(app.outdir, name)
                data = text.encode("utf-8")
                if not target.is_file() or target.read_bytes() != data:  # unchanged files keep their time
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_atomically(target, data)


def _links(intro: str, stem: str) -> nodes.paragraph:
    paragraph = nodes.paragraph("", intro + " ", classes=["kwelle-cite-files"])
    for index, (suffix, label) in enumerate(FORMATS.items()):
        if index:
            paragraph += nodes.Text(" · ")
        paragraph += nodes.reference("", label, refuri=stem + suffix)
    return paragraph


class CitationFileLinks(SphinxPostTransform):
    """Link the files from "Cite this article" and from under the reference list."""

    default_priority = 900
    builders = ("html",)

    def run(self, **kwargs: object) -> None:
        docname = self.env.docname
        if docname not in articles(self.env):
            return
        stem = posixpath.basename(docname)
        box = next(
            (c for c in self.document.findall(nodes.container) if "kwelle-cite-this" in c["classes"]), None
        )
        if box is not None:
            box += _links(_("Download this citation:"), stem)
        # after the article's reference list (kwelle.sources.reflists), inside its dropdown
        lists = [
            n for n in self.document.findall(nodes.enumerated_list) if "kwelle-references" in n["classes"]
        ]
        if lists and cited_entries(self.env, docname):
            parent = lists[-1].parent
            parent.insert(
                parent.index(lists[-1]) + 1, _links(_("Download these references:"), stem + REFERENCES)
            )


def setup_citefiles(app: Sphinx) -> None:
    app.add_post_transform(CitationFileLinks)
    files = CitationFiles()
    app.connect("builder-inited", files.start)
    app.connect("doctree-resolved", files.note)
    app.connect("build-finished", files.write)
