"""Each page loads the styles and scripts it uses, not every asset of every extension.

sphinx-design ships one stylesheet for all its components (grids, cards, tabs, badges,
buttons, icons) and a script for tabs, and Sphinx links both from every page, as it links
Pygments' colours for every token of every language in light and dark, and furo its styles
for other extensions (copy buttons, tabs, Read the Docs' old flyout, ads); a journal page
uses a dropdown or two and a block of BibTeX. Each page gets instead each stylesheet's
rules for the classes the page uses, with the custom properties those rules read (or the
page's other cuts read: furo's sets sphinx-design's colours), in a file named by its content
(pages that use the same components share one cached file), or no link where no rule
applies. The tabs script is dropped where there are no tabs, the journal's citation and copy
scripts where there are no citations or no "Cite this". Sphinx's doctools and highlighting
scripts, which an ordinary page runs only to highlight the words a reader searched for, are
loaded by a small loader when the page is opened from a search result (the search page
leaves the words for them), and not otherwise: 3.8 kB of an article's first view, gzipped.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import tinycss2

from kwelle.files import write_atomically
from kwelle.upstream import furo, sphinx_design
from kwelle.upstream.sphinx import asset_like

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx

#: (linked script, class a page must use for the script to stay)
OPTIONAL_SCRIPTS = (
    (sphinx_design.TABS_SCRIPT, "sd-tab-set"),  # sphinx-design's tabs
    ("_static/kwelle-previews.js", "kwelle-cite-preview"),  # kwelle.sources.previews
    ("_static/kwelle-copy.js", "kwelle-cite-this"),  # kwelle.articles.citethis
)
#: Sphinx's scripts that a page (not the search page or an index) runs only to highlight the
#: words searched for, when it is opened from a search result: loaded then, by the loader
ON_DEMAND_SCRIPTS = (
    "_static/documentation_options.js",
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
    "_static/translations.js",  # a translated edition's words for them ("Hide Search Matches")
)
ON_DEMAND_LOADER = "_static/kwelle-highlight.js"
_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_SRC = re.compile(r'\bsrc="([^"]+)"')
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def page_classes(html: str) -> set[str]:
    return {name for value in _CLASS_ATTRIBUTE.findall(html) for name in value.split()}


def _selectors(prelude: list) -> Iterable[set[str]]:
    """For each selector of a rule, the classes an element needs to match it (not those in :not())."""
    classes: set[str] = set()
    for previous, token in zip([None, *prelude], prelude, strict=False):
        if token.type == "literal" and token.value == ",":
            yield classes
            classes = set()
        elif (
            token.type == "ident"
            and previous is not None
            and previous.type == "literal"
            and previous.value == "."
        ):
            classes.add(token.value)
    yield classes


class Rule(NamedTuple):
    """A stylesheet rule: its selectors' classes, and its declarations or (for @media) rules."""

    selectors: tuple[frozenset[str], ...]
    node: object
    children: tuple[Rule, ...] = ()

    def applies(self, classes: AbstractSet[str]) -> bool:
        if self.children:
            return any(child.applies(classes) for child in self.children)
        return any(needed <= classes for needed in self.selectors)


def parse_rules(css_nodes: list) -> tuple[Rule, ...]:
    rules = []
    for node in css_nodes:
        if node.type == "qualified-rule":
            rules.append(Rule(tuple(frozenset(s) for s in _selectors(node.prelude)), node))
        elif node.type == "at-rule" and node.lower_at_keyword == "media":
            rules.append(Rule((), node, parse_rules(tinycss2.parse_rule_list(node.content, True, True))))
        elif node.type == "at-rule":
            rules.append(Rule((), node))  # @keyframes: added where a kept rule names them
    return tuple(rules)


@functools.cache
def stylesheet_rules(css: str) -> tuple[Rule, ...]:
    return parse_rules(tinycss2.parse_stylesheet(css, True, True))


@functools.cache
def stylesheet_classes(css: str) -> frozenset[str]:
    """Every class a rule of ``css`` asks for."""
    rules = _flatten(stylesheet_rules(css))
    return frozenset(name for rule in rules for selector in rule.selectors for name in selector)


@functools.cache
def stylesheet_properties(css: str) -> frozenset[str]:
    """Every custom property ``css`` sets (a superset: names as they appear before a colon)."""
    return frozenset(re.findall(r"(--[\w-]+)\s*:", css))


@functools.cache
def cut_css(css: str, classes: frozenset[str], read_elsewhere: frozenset[str] = frozenset()) -> str:
    """The rules of ``css`` that apply to a page using ``classes``, and the variables they (or
    the page's other stylesheets, ``read_elsewhere``) read."""
    kept = _kept(stylesheet_rules(css), classes)
    declarations = {id(rule): tinycss2.parse_blocks_contents(rule.node.content, True, True)
                    for rule in _flatten(kept) if rule.node.type == "qualified-rule"}  # fmt: skip
    used = set(read_elsewhere) | {
        var
        for items in declarations.values()
        for item in items
        if item.type == "declaration" and not item.name.startswith("--")
        for var in _VAR.findall(item.serialize())
    }
    defined = {
        item.name: item
        for items in declarations.values()
        for item in items
        if item.type == "declaration" and item.name.startswith("--")
    }
    pending = list(used)
    while pending:  # a variable's value may read others
        new = (
            set(_VAR.findall(defined[name].serialize())) - used
            if (name := pending.pop()) in defined
            else set()
        )
        used |= new
        pending.extend(new)

    def serialize(rule: Rule) -> str:
        if rule.children:
            inner = "".join(serialize(child) for child in rule.children)
            return f"@media{tinycss2.serialize(rule.node.prelude)}{{{inner}}}"
        if rule.node.type != "qualified-rule":
            return rule.node.serialize()
        body = ";".join(
            item.serialize()
            for item in declarations[id(rule)]
            if item.type == "declaration" and (not item.name.startswith("--") or item.name in used)
        )
        return f"{tinycss2.serialize(rule.node.prelude).strip()}{{{body}}}" if body else ""

    cut = "".join(serialize(rule) for rule in kept)
    animations = [rule.node.serialize() for rule in stylesheet_rules(css)
                  if rule.node.type == "at-rule" and not rule.children and _named(rule.node, cut)]  # fmt: skip
    return cut + "".join(animations)


def _named(at_rule: object, css: str) -> bool:
    """Whether ``css`` uses what the at-rule defines (@keyframes NAME)."""
    name = tinycss2.serialize(at_rule.prelude).strip()
    return bool(name) and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", css) is not None


def _kept(rules: tuple[Rule, ...], classes: AbstractSet[str]) -> tuple[Rule, ...]:
    return tuple(
        rule._replace(children=_kept(rule.children, classes)) if rule.children else rule
        for rule in rules
        if rule.applies(classes)
    )


def _flatten(rules: tuple[Rule, ...]) -> Iterable[Rule]:
    for rule in rules:
        yield rule
        yield from _flatten(rule.children)


class PageAssets:
    """The full text of each stylesheet that pages get a cut of, for one build."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}

    def start(self, app: Sphinx) -> None:
        if app.builder.format != "html" or app.builder.name.startswith("epub"):
            return  # an ePub keeps its theme's assets
        design = sphinx_design.STYLESHEET
        self.full = {f"_static/{design.name}": design.read_text(encoding="utf-8")}
        if furo.is_theme(app):  # furo writes its pygments.css after the pages: ask it now
            self.full[f"_static/{furo.PYGMENTS_STYLESHEET}"] = furo.pygments_stylesheet()
            self.full[f"_static/{furo.EXTENSIONS_STYLESHEET}"] = furo.extensions_stylesheet()

    def keep_used(
        self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
    ) -> None:
        if not self.full:
            return
        classes = page_classes(context.get("body", ""))
        scripts = [js for js in context.get("script_files", []) if _needed(js.filename, classes)]
        context["script_files"] = on_demand(scripts, context) if templatename == "page.html" else scripts
        # each cut first on its own, then again keeping what the other cuts read of it
        linked = [css.filename for css in context.get("css_files", []) if css.filename in self.full]
        alone = {name: _cut(self.full[name], classes) for name in linked}
        stylesheets = []
        for css in context.get("css_files", []):
            if css.filename in self.full:
                full = self.full[css.filename]
                read = {
                    var for name, cut in alone.items() if name != css.filename for var in _VAR.findall(cut)
                }
                css = _page_cut(app, css, _cut(full, classes, read))  # noqa: PLW2901
            if css is not None:
                stylesheets.append(css)
        context["css_files"] = stylesheets


def on_demand(scripts: list, context: dict) -> list:
    """The scripts, with the highlighting ones replaced by their loader, where the first was,
    which has their addresses (as the page would link them) in its ``data-scripts``."""
    deferred = [js for js in scripts if js.filename in ON_DEMAND_SCRIPTS]
    if not deferred:
        return scripts
    addresses = " ".join(_SRC.search(context["js_tag"](js)).group(1) for js in deferred)
    loader = asset_like(deferred[0], ON_DEMAND_LOADER, **{"data-scripts": addresses})
    kept = [js for js in scripts if js.filename not in ON_DEMAND_SCRIPTS]
    return [*kept[: scripts.index(deferred[0])], loader, *kept[scripts.index(deferred[0]) :]]


def _needed(filename: str, classes: AbstractSet[str]) -> bool:
    return all(filename != script or marker in classes for script, marker in OPTIONAL_SCRIPTS)


def _cut(full: str, classes: AbstractSet[str], read_elsewhere: AbstractSet[str] = frozenset()) -> str:
    """:func:`cut_css`, asked with only what can change its answer (so that it is cached)."""
    return cut_css(
        full,
        frozenset(classes & stylesheet_classes(full)),
        frozenset(read_elsewhere & stylesheet_properties(full)),
    )


def _page_cut(app: Sphinx, stylesheet: object, css: str) -> object | None:
    """The page's own cut of a stylesheet, written once per content; None if no rule applies."""
    if not css:
        return None
    stem = Path(stylesheet.filename).name.partition(".")[0]
    name = f"_static/{stem}.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    target = Path(app.outdir) / name
    if not target.exists():
        write_atomically(target, css.encode())  # parallel writers may write the same cut
    return asset_like(stylesheet, name)


def setup_pageassets(app: Sphinx) -> None:
    assets = PageAssets()
    app.connect("builder-inited", assets.start, priority=900)  # after furo has picked its styles
    app.connect("html-page-context", assets.keep_used, priority=900)  # after every extension added its own
