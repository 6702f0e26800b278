"""The extension's settings: one typed dataclass, validated once on ``config-inited``.

Every setting is declared here once, with its type, default and the line the Author guide
prints; ``conf.py`` sets it as ``kwelle_<name>``. Modules read the validated values through
:func:`get_config`, never ``app.config.kwelle_*`` directly (as sphinx-design's ``SdConfig``).
A value of the wrong type is a warning naming it (an error in the journal's strict builds),
and the default is used.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from sphinx.util import logging

from kwelle.upstream.sphinx import read_conf

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

PREFIX = "kwelle_"


def _setting(doc: str, default: object, *, path: bool = False) -> typing.Any:
    """A setting with the line the Author guide prints (``path``: relative to conf.py, made absolute)."""
    metadata = {"doc": doc, "path": path}
    if isinstance(default, dict | list):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class JournalConfig:
    """The journal's settings, read from ``conf.py`` as ``kwelle_<field>``."""

    articles_dir: str = _setting("Folder of the articles, relative to the source folder.", "articles")
    editions: list[str] = _setting(
        "The editions' languages (BCP 47): the first is the sources' own, the others are translations"
        " from docs/locale/ (`-D language=de`). Empty: only `language`.",
        [],
    )
    journal_subject: str = _setting(
        "One line on what the journal covers: the feed's subtitle, the PDF's subject.", ""
    )
    source_groups: dict[str, str] = _setting(
        "References page groups: bib group value → heading. Empty: no grouped lists.", {}
    )
    source_regions: dict[str, str] = _setting("References page regions: bib region value → heading.", {})
    bib_max_names: int = _setting(
        'Reference lists show at most this many authors; a longer list, the first three and "et al.".', 6
    )
    front_page_articles: int = _setting(
        "Articles on the front page (the lead and the cards: full rows of two or four); past it, an archive.",
        9,
    )
    show_drafts: bool = _setting(
        "Build `draft: true` articles under a Draft banner (set by `nox -s serve`).", False
    )
    scaffold_author: str = _setting(
        "The byline of a new article (`nox -s new`); default: the project's editors.", ""
    )
    scaffold_image: str = _setting(
        "The lead image of a new article, relative to it, until it has its own.", ""
    )
    scaffold_image_alt: str = _setting("What that image shows, for readers who cannot see it.", "")
    scaffold_image_credit: str = _setting("Who made that image; default: the project.", "")
    recent_correction_days: int = _setting(
        "How long a correction is flagged as recent on the front page.", 90
    )
    cite_key_prefix: str = _setting('Prefix of the BibTeX key in an article\'s "Cite this" box.', "")
    max_front_matter_bytes: int = _setting("An article's front matter, in UTF-8 bytes.", 16_384)
    max_title_chars: int = _setting("An article's title, in characters.", 150)
    max_field_chars: int = _setting(
        "Any other front-matter text (deck, summary, alt text, names), in characters.", 1_000
    )
    max_list_items: int = _setting("Entries of `authors` and of `tags`.", 20)
    max_tag_chars: int = _setting("One tag, in characters (it names the tag's page file).", 50)
    max_csv_bytes: int = _setting("A chart's CSV file, in bytes.", 262_144)
    max_csv_rows: int = _setting("A chart's data rows (reading stops past them).", 50)
    max_chart_bars: int = _setting("Bars a chart draws: rows times series.", 100)
    pdf_dir: str = _setting(
        "Where `nox -s pdf` leaves the PDFs, relative to conf.py; HTML links those found.", "", path=True
    )
    article_pdfs: bool = _setting("Also write one LaTeX document per article (set by the PDF build).", False)
    epub_dir: str = _setting(
        "Where `nox -s epub` leaves the ePubs, relative to conf.py; HTML links those found.", "", path=True
    )
    edition_url: str = _setting(
        "Where a translated edition is published, with `{code}` for its language; empty: the root "
        "edition's `html_baseurl` followed by `<code>/`.",
        "",
    )
    epub_article: str = _setting(
        "Make the ePub of this article alone (its file name, without .md; set by the ePub build).", ""
    )


class Bounds:
    """A frozen dataclass of limits whose every field ``<name>`` is the setting ``kwelle_max_<name>``."""

    @classmethod
    def from_config(cls, settings: JournalConfig | None = None) -> typing.Self:
        """The limits the settings set (default: the settings' defaults)."""
        settings = settings or JournalConfig()
        return cls(**{name: getattr(settings, f"max_{name}") for name in cls.__dataclass_fields__})


def settings() -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(JournalConfig)


@functools.cache
def _type_hints() -> dict[str, object]:
    """The settings' annotations, evaluated once (each evaluation reads them all: 2 ms a time)."""
    return typing.get_type_hints(JournalConfig)


def type_of(setting: dataclasses.Field) -> type:
    hint = _type_hints()[setting.name]
    return typing.get_origin(hint) or hint


def validate(app: Sphinx, config: Config) -> None:
    if not isinstance(config.bibtex_bibfiles, list | tuple):
        # sphinxcontrib-bibtex asks for it only once the builder starts; every .bib check before that reads it
        logger.error(
            "%s: set bibtex_bibfiles, the journal's .bib files (bibtex_bibfiles = ['refs.bib']; [] for none)",
            Path(app.confdir, "conf.py"), type="kwelle", subtype="config",
        )  # fmt: skip
        config.bibtex_bibfiles = []
    values = {}
    for setting in settings():
        value = config[PREFIX + setting.name]
        expected = type_of(setting)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            logger.warning(
                "%s: %s%s must be of type %s (%s), not %r; using the default",
                Path(app.confdir, "conf.py"), PREFIX, setting.name, expected.__name__, setting.metadata["doc"],
                value, type="kwelle", subtype="config",
            )  # fmt: skip
            value = default_of(setting)
        if setting.metadata["path"] and value:
            value = str(Path(app.confdir, value).resolve())
        values[setting.name] = value
    config._kwelle = JournalConfig(**values)  # underscored: not pickled with the environment


def read_settings(confdir: Path) -> tuple[JournalConfig, str]:
    """The settings conf.py in ``confdir`` gives, and its project, for tools that run outside a
    build (the scaffold, the ePub command); no type check here: the build's own says it."""
    values = read_conf(confdir, {PREFIX + setting.name: default_of(setting) for setting in settings()})
    project = str(values.pop("project"))
    return JournalConfig(**{name.removeprefix(PREFIX): value for name, value in values.items()}), project


def get_config(env_or_app: BuildEnvironment | Sphinx) -> JournalConfig:
    """The validated settings of the build."""
    return env_or_app.config._kwelle


def source_language(env_or_app: BuildEnvironment | Sphinx) -> str:
    """The language the sources are written in: the first edition, else the build's ``language``."""
    editions = get_config(env_or_app).editions
    return editions[0] if editions else env_or_app.config.language or "en"


def is_translation(env_or_app: BuildEnvironment | Sphinx) -> bool:
    """Whether this build is a translated edition (``-D language=de`` of English sources)."""
    return (env_or_app.config.language or "en") != source_language(env_or_app)


def known_language(code: str) -> bool:
    """A BCP 47 code that CLDR (through babel, which Sphinx depends on) knows: ko, en-GB, de."""
    try:
        Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


def default_of(setting: dataclasses.Field) -> object:
    return setting.default_factory() if setting.default is dataclasses.MISSING else setting.default


def setup_config(app: Sphinx) -> None:
    for setting in settings():
        app.add_config_value(
            PREFIX + setting.name, default_of(setting), "env", types=frozenset({type_of(setting)})
        )
    app.connect("config-inited", validate, priority=100)  # before every handler that reads them
