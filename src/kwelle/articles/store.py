"""Article metadata: each article's front matter, validated and kept on the environment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from kwelle.articles.frontmatter import ArticleMeta, FrontMatterError, parse_article_meta, read_front_matter
from kwelle.config import get_config
from kwelle.envstore import PerDocument

if TYPE_CHECKING:
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


def read_article_meta(app: Sphinx, docname: str, source: list[str]) -> None:
    """Validate an article's front matter as it is read; store it, or report where it is wrong."""
    env = app.env
    if not is_article(env, docname):
        return
    try:
        data, lines = read_front_matter(source[0])
        if not data:
            raise FrontMatterError("an article needs front matter (a '---' YAML block at the top)")
        meta = parse_article_meta(data, lines)
        _check_references(env, docname, meta)
    except FrontMatterError as err:
        logger.error(
            "front matter: %s", err, location=(docname, err.line), type="kwelle", subtype="frontmatter"
        )
        return
    articles(env)[docname] = meta


def _check_references(env: BuildEnvironment, docname: str, meta: ArticleMeta) -> None:
    """Check what the front matter points to: the lead image file and the ``based_on`` entry."""
    _, image_path = env.relfn2path(meta.image, docname)
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


def setup_articles(app: Sphinx) -> None:
    app.connect("source-read", read_article_meta)
    ARTICLES.connect(app)
