"""The article front-matter schema, and reading it from a MyST source.

Independent of the build (the scaffold reads it too): the schema is written once, here, as dataclasses, and
every error names the field and the line it was found on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import reprlib
import typing
from dataclasses import dataclass, field

import yaml

from kwelle.config import Bounds

# MyST front matter: a YAML block fenced by "---" lines at the very top.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


#: a BCP 47 language tag's shape (CLDR decides, in kwelle.articles.languages, whether it is known)
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser, where PyYAML has it
    """YAML's safe loader, but dates stay text so that a bad one is reported like any other field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Limits(Bounds):
    """How much front matter an article may have: each bound is a ``kwelle_max_*`` setting."""

    #: the YAML block, in UTF-8 bytes (kwelle_max_front_matter_bytes)
    front_matter_bytes: int
    #: the headline, in characters (kwelle_max_title_chars)
    title_chars: int
    #: any other text field, in characters (kwelle_max_field_chars)
    field_chars: int
    #: the entries of a list field: authors, tags (kwelle_max_list_items)
    list_items: int
    #: one tag, in characters: it names the tag's page file (kwelle_max_tag_chars)
    tag_chars: int


DEFAULT_LIMITS = Limits.from_config()


class FrontMatterError(ValueError):
    """A front-matter problem, located by field name and 1-based source line."""

    def __init__(self, message: str, *, field: str = "", line: int = 1) -> None:
        super().__init__(message)
        self.field = field
        self.line = line


@dataclass(frozen=True)
class Author:
    """A person or desk credited in the byline."""

    name: str
    role: str = ""
    affiliation: str = ""
    orcid: str = ""


def _doc(text: str, default: object = dataclasses.MISSING) -> typing.Any:
    """A schema field with the one-line description the Author guide prints."""
    if default is dataclasses.MISSING:
        return field(metadata={"doc": text})
    if isinstance(default, dict):  # hash=False: a frozen record's hash cannot take a dict
        return field(default_factory=dict, hash=False, metadata={"doc": text})
    return field(default=default, metadata={"doc": text})


@dataclass(frozen=True)
class ArticleMeta:
    """What every article declares about itself in its front matter."""

    title: str = _doc("The headline.")
    deck: str = _doc("One sentence under the headline: what the article argues.")
    authors: tuple[Author, ...] = _doc("Who wrote it: a list of names, or of name/role/affiliation/orcid.")
    published: dt.date = _doc("First publication, YYYY-MM-DD.")
    updated: dt.date = _doc("Last update, YYYY-MM-DD; a later {correction} moves it on.")
    tags: tuple[str, ...] = _doc("Topics, each with its own page: [AI policy, Korea].")
    image: str = _doc("The lead image, relative to the article (it must exist).")
    image_alt: str = _doc("What the lead image shows, for readers who cannot see it.")
    image_credit: str = _doc("Who made the lead image, printed under it.")
    summary: str = _doc("A sentence or two for the feed and listings (default: the deck).", "")
    based_on: str = _doc("Bib key of the work this article is an edition of, credited in the byline.", "")
    language: str = _doc("The text's language, a BCP 47 code: ko, en-GB (default: the journal's).", "")
    draft: bool = _doc("true: only in the preview (`nox -s serve`), under a Draft banner.", False)
    translators: dict[str, tuple[str, ...]] = _doc(
        "Who translated it, by edition language: {de: Name, ko: [Name, Name]}; credited in that edition.", {}
    )
    #: 1-based source line of each field, for error messages raised later
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: in a translated edition, the tags as the sources write them: they name the tags' pages
    source_tags: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: in a translated edition, the fields its catalog leaves in the source language
    untranslated: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def translators_of(self, language: str) -> tuple[str, ...]:
        """Who translated the article into ``language`` (an entry for ``de`` credits ``de-AT`` too)."""
        return self.translators.get(language) or self.translators.get(language.split("-", maxsplit=1)[0], ())

    @property
    def tag_keys(self) -> tuple[str, ...]:
        """The tags as written in the sources, which name their pages in every edition."""
        return self.source_tags or self.tags


def read_front_matter(
    source: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[dict[str, typing.Any], dict[str, int]]:
    """Return the front-matter mapping of a MyST source and each key's line.

    A source without front matter gives two empty dicts. The block is bounded in size and
    may not use YAML aliases: a few lines of them expand to gigabytes.
    """
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, {}
    text = match["yaml"]
    size = len(text.encode("utf-8"))
    if size > limits.front_matter_bytes:
        raise FrontMatterError(
            f"front matter is {size:,} bytes; the limit is {limits.front_matter_bytes:,}"
            " (kwelle_max_front_matter_bytes)",
            line=2,
        )
    _refuse_aliases(text)
    loader = _Loader(text)
    try:  # one parse: the node tree gives each key's line, then the values
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise FrontMatterError(f"front matter is not valid YAML: {err}", line=line) from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of field: value", line=2)
    return data, _lines(node)


def _lines(node: yaml.Node, prefix: str = "") -> dict[str, int]:
    """The line of each key and, below it, of each entry: ``authors.1.role``, ``tags.0``."""
    found: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        items = [(str(key.value), key, value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        items = [(str(index), value, value) for index, value in enumerate(node.value)]
    else:
        return found
    for name, marked, value in items:
        # +2: the opening "---" is line 1 and YAML marks count from 0
        found[prefix + name] = marked.start_mark.line + 2
        found |= _lines(value, f"{prefix}{name}.")
    return found


def after_front_matter(source: str) -> tuple[str, int]:
    """The text after the front matter, and the 1-based line it starts on."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return source, 1
    return source[match.end() :], source.count("\n", 0, match.end()) + 2


def _refuse_aliases(text: str) -> None:
    """An alias (``*name``) repeats a value: refuse it before anything is built from the events."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise FrontMatterError(
                    f"YAML aliases (*{event.anchor}) are not allowed in front matter; write the value out",
                    line=event.start_mark.line + 2,
                )
    except yaml.YAMLError:
        return  # composing reports it, with its line
    finally:
        loader.dispose()


def schema_fields() -> dict[str, dataclasses.Field]:
    """The fields an author may write, in the order the Author guide lists them."""
    return {f.name: f for f in dataclasses.fields(ArticleMeta) if "doc" in f.metadata}


def is_required(spec: dataclasses.Field) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING


def parse_article_meta(
    data: dict[str, typing.Any], lines: dict[str, int], limits: Limits = DEFAULT_LIMITS
) -> ArticleMeta:
    """Validate front-matter ``data`` against :class:`ArticleMeta`."""
    schema = schema_fields()
    hints = typing.get_type_hints(ArticleMeta)
    for name in data:
        if name not in schema:
            known = ", ".join(sorted(schema))
            raise FrontMatterError(
                f"unknown field {name!r} (known fields: {known})",
                field=name,
                line=lines.get(name, 1),
            )
    values: dict[str, typing.Any] = {}
    for name, spec in schema.items():
        line = lines.get(name, 1)
        if name not in data:
            if is_required(spec):
                raise FrontMatterError(f"missing required field {name!r}", field=name, line=line)
            continue
        values[name] = _convert(data[name], hints[name], name, line, limits)
    meta = ArticleMeta(**values, lines=dict(lines))
    if meta.updated < meta.published:
        raise FrontMatterError(
            f"'updated' ({meta.updated}) is before 'published' ({meta.published})",
            field="updated",
            line=lines.get("updated", 1),
        )
    return meta


def _convert(value: typing.Any, hint: typing.Any, name: str, line: int, limits: Limits) -> typing.Any:
    """Check ``value`` against the type ``hint`` of field ``name``; return it typed."""

    def fail(expected: str) -> typing.NoReturn:
        shown = reprlib.repr(value)  # a value may be long: the message shows its start
        raise FrontMatterError(f"field {name!r} must be {expected}, not {shown}", field=name, line=line)

    def bound(size: int, limit: int, unit: str, setting: str) -> None:
        if size > limit:
            raise FrontMatterError(
                f"field {name!r} has {size:,} {unit}; the limit is {limit:,} ({setting})",
                field=name,
                line=line,
            )

    def text() -> str:
        if not isinstance(value, str) or not value.strip():
            fail("a non-empty string")
        if name == "title":
            bound(len(value.strip()), limits.title_chars, "characters", "kwelle_max_title_chars")
        if name == "tags":
            bound(len(value.strip()), limits.tag_chars, "characters", "kwelle_max_tag_chars")
        bound(len(value.strip()), limits.field_chars, "characters", "kwelle_max_field_chars")
        return value.strip()

    def flag() -> bool:
        if not isinstance(value, bool):
            fail("true or false")
        return value

    if hint in (str, bool):
        return text() if hint is str else flag()
    if hint is dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        fail("a date written YYYY-MM-DD")
    if typing.get_origin(hint) is tuple:
        (item_hint, _) = typing.get_args(hint)
        if not isinstance(value, list) or not value:
            fail("a non-empty list")
        bound(len(value), limits.list_items, "entries", "kwelle_max_list_items")
        return tuple(_convert(item, item_hint, name, line, limits) for item in value)
    if typing.get_origin(hint) is dict or dataclasses.is_dataclass(hint):
        convert = _convert_by_language if typing.get_origin(hint) is dict else _convert_record
        return convert(value, hint, name, line, limits)
    raise TypeError(f"no converter for {hint!r}")  # a schema bug, not an author's


def _convert_by_language(
    value: typing.Any, hint: typing.Any, name: str, line: int, limits: Limits
) -> dict[str, typing.Any]:
    """A mapping of language code -> names (one name may be written without a list)."""
    if not isinstance(value, dict) or not all(isinstance(key, str) and _LANGUAGE.match(key) for key in value):
        shown = reprlib.repr(value)
        raise FrontMatterError(
            f"field {name!r} must be a mapping of language code (de, ko, pt-BR) to names, not {shown}",
            field=name,
            line=line,
        )
    _, item_hint = typing.get_args(hint)
    return {
        key: _convert([item] if isinstance(item, str) else item, item_hint, name, line, limits)
        for key, item in value.items()
    }


def _convert_record(value: typing.Any, record: type, name: str, line: int, limits: Limits) -> typing.Any:
    """Build the dataclass ``record`` (e.g. an :class:`Author`) from a mapping."""
    fields = {f.name: f for f in dataclasses.fields(record)}
    if isinstance(value, str):  # shorthand: just a name
        value = {"name": value}
    if not isinstance(value, dict):
        raise FrontMatterError(
            f"each entry of {name!r} must be a mapping with {', '.join(fields)}",
            field=name,
            line=line,
        )
    unknown = set(value) - set(fields)
    if unknown:
        raise FrontMatterError(
            f"unknown key {min(unknown)!r} in {name!r} (known: {', '.join(fields)})",
            field=name,
            line=line,
        )
    missing = [f for f, spec in fields.items() if spec.default is dataclasses.MISSING and f not in value]
    if missing:
        raise FrontMatterError(f"each entry of {name!r} needs {missing[0]!r}", field=name, line=line)
    return record(**{key: _convert(item, str, f"{name}.{key}", line, limits) for key, item in value.items()})
