"""Article metadata: each article's front matter, validated and kept on the environment."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from kwelle.articles.frontmatter import (
    DEFAULT_LIMITS,
    ArticleMeta,
    FrontMatterError,
    Limits,
    after_front_matter,
    parse_article_meta,
    read_front_matter,
)
from kwelle.config import get_config
from kwelle.envstore import PerDocument
from kwelle.safety.confinement import outside_source

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def is_article(env: BuildEnvironment, docname: str) -> bool:
    """Articles are the documents in the articles folder (``kwelle_articles_dir``)."""
    return docname.startswith(get_config(env).articles_dir.rstrip("/") + "/")


ARTICLES = PerDocument("kwelle_articles")


def articles(env: BuildEnvironment) -> dict[str, ArticleMeta]:
    """The metadata of every article read so far, by docname."""
    return ARTICLES.of(env)


def note_later_date(env: BuildEnvironment, docname: str, day: dt.date) -> None:
    """A page reports a date after its front matter's ``updated`` (a correction's): the article
    shows it as updated then. Re-reading the page starts again from its front matter."""
    meta = articles(env).get(docname)
    if meta is not None and day > meta.updated:
        articles(env)[docname] = dataclasses.replace(meta, updated=day)


def articles_on_disk(articles_dir: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, ArticleMeta]:
    """Every article file's front matter by slug, for what must be known before Sphinx reads
    anything (which documents the PDF and ePub editions have, which drafts to leave out). The
    build's own reader and limits (:func:`read_article_meta`); a file that cannot be read is
    skipped here and reported, with its line, when the build reads it."""
    found = {}
    for path in sorted(articles_dir.glob("*.md")):
        try:
            data, lines = read_front_matter(path.read_text(encoding="utf-8"), limits)
            found[path.stem] = parse_article_meta(data, lines, limits)
        except (FrontMatterError, UnicodeDecodeError):
            continue
    return found


def articles_before_reading(app: Sphinx, *, drafts: bool = False) -> dict[str, ArticleMeta]:
    """:func:`articles_on_disk` of the build's articles folder, read once per build (the PDF and
    ePub editions and the drafts' exclusion all ask at ``config-inited``); without ``drafts``,
    only the articles the build will read (drafts only in the preview)."""
    settings = get_config(app)
    found = getattr(app.config, "_kwelle_articles_on_disk", None)  # underscored: never pickled
    if found is None:
        found = articles_on_disk(Path(app.srcdir) / settings.articles_dir, Limits.from_config(settings))
        app.config._kwelle_articles_on_disk = found
    return {slug: meta for slug, meta in found.items() if drafts or settings.show_drafts or not meta.draft}


def read_article_meta(app: Sphinx, docname: str, source: list[str]) -> None:
    """Validate an article's front matter as it is read; store it, or report where it is wrong."""
    env = app.env
    if not is_article(env, docname):
        return
    limits = Limits.from_config(get_config(env))
    try:
        data, lines = read_front_matter(source[0], limits)
        if not data:
            raise FrontMatterError("an article needs front matter (a '---' YAML block at the top)")
        meta = parse_article_meta(data, lines, limits)
        _check_references(env, docname, meta)
        _check_body(source[0])
    except FrontMatterError as err:
        logger.error(
            "front matter: %s", err, location=(docname, err.line), type="kwelle", subtype="frontmatter"
        )
        return
    articles(env)[docname] = meta


def _check_body(source: str) -> None:
    """Front matter alone is not an article: some text must follow it."""
    body, line = after_front_matter(source)
    # MyST comments ("% ...") print nothing
    if not any(text.strip() and not text.lstrip().startswith("%") for text in body.splitlines()):
        raise FrontMatterError("the article has no text after its front matter", line=line)


def _check_references(env: BuildEnvironment, docname: str, meta: ArticleMeta) -> None:
    """Check what the front matter points to: the lead image file and the ``based_on`` entry."""
    _, image_path = env.relfn2path(meta.image, docname)
    if outside_source(env, image_path):
        raise FrontMatterError(
            f"image {meta.image!r} is outside the source folder (it resolves to {image_path})",
            field="image",
            line=meta.lines.get("image", 1),
        )
    if not Path(image_path).is_file():
        raise FrontMatterError(
            f"image {meta.image!r} not found (looked for {image_path})",
            field="image",
            line=meta.lines.get("image", 1),
        )
    if meta.based_on and meta.based_on not in env.get_domain("cite").bibdata.data.entries:
        raise FrontMatterError(
            f"based_on {meta.based_on!r} is not a key in the bibliography",
            field="based_on",
            line=meta.lines.get("based_on", 1),
        )


def check_unique_titles(app: Sphinx, env: BuildEnvironment) -> None:
    """Two articles with one headline: readers, the feed and search cannot tell them apart."""
    first: dict[str, str] = {}
    for docname, meta in sorted(articles(env).items()):
        key = " ".join(meta.title.casefold().split())
        if key in first:
            logger.error(
                "front matter: title %r is also the title of %s", meta.title, env.doc2path(first[key], False),
                location=(docname, meta.lines.get("title", 1)), type="kwelle", subtype="frontmatter",
            )  # fmt: skip
        else:
            first[key] = docname


def setup_articles(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_unique_titles)
    app.connect("source-read", read_article_meta)
    ARTICLES.connect(app)
