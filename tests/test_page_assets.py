"""Each page loads the styles and scripts it uses (kwelle.theme.pageassets), on tests/roots/test-site."""

from __future__ import annotations

import re

import pytest

from conftest import SMALL_ARTICLE, Build
from kwelle.theme.pageassets import cut_css, page_classes
from kwelle.upstream.sphinx_design import STYLESHEET as DESIGN_CSS

ARTICLE = SMALL_ARTICLE
DROPDOWN = frozenset({"sd-sphinx-override", "sd-dropdown", "sd-card", "sd-card-header", "sd-summary-title",
                      "sd-summary-content", "sd-summary-chevron-right", "sd-octicon"})  # fmt: skip
TABS = frozenset({"sd-tab-set", "sd-tab-label", "sd-tab-content"})


def assets(site: Build, page: str) -> list[str]:
    """The stylesheets and scripts a page links, as paths from the site root."""
    tree = site.page(page)
    links = tree.xpath("//link[@rel='stylesheet']/@href") + tree.xpath("//script/@src")
    depth = page.count("/")
    return [re.sub(r"\?v=\w+$", "", link).removeprefix("../" * depth) for link in links]


def design_css_for(classes: frozenset[str]) -> str:
    return cut_css(DESIGN_CSS.read_text(encoding="utf-8"), classes)


def test_article_gets_its_cut_of_sphinx_design(small_site: Build) -> None:
    linked = assets(small_site, ARTICLE)
    (design,) = [name for name in linked if "sphinx-design" in name]
    assert re.fullmatch(r"_static/sphinx-design\.[0-9a-f]{12}\.css", design)
    css = (small_site.outdir / design).read_text(encoding="utf-8")
    assert "details.sd-dropdown" in css
    assert ".sd-tab-set" not in css
    assert ".sd-col" not in css
    assert "--sd-color-card-border:" in css  # the variables the dropdown reads...
    assert "--sd-color-primary:" not in css  # ...and not the others
    full = (small_site.outdir / "_static" / "sphinx-design.min.css").stat().st_size
    assert len(css) < full / 10


def test_article_gets_its_cut_of_furos_extension_styles(small_site: Build) -> None:
    """furo's styles for other extensions, cut like sphinx-design's: no copy-button, tab or old
    Read the Docs flyout rules; kept, furo's colours for the cards the dropdowns are, which
    sphinx-design's cut reads (without them the References dropdown is sphinx-design's grey)."""
    linked = assets(small_site, ARTICLE)
    assert "_static/styles/furo-extensions.css" not in linked
    (extensions,) = [name for name in linked if "furo-extensions" in name]
    assert re.fullmatch(r"_static/furo-extensions\.[0-9a-f]{12}\.css", extensions)
    css = (small_site.outdir / extensions).read_text(encoding="utf-8")
    for gone in ("copybtn", "--tabs--", ".rst-versions", ".ethical-sidebar"):
        assert gone not in css, gone
    (design,) = [name for name in linked if "sphinx-design" in name]
    read = set(
        re.findall(r"var\((--sd-color-card[\w-]+)", (small_site.outdir / design).read_text(encoding="utf-8"))
    )
    assert read
    assert all(re.search(rf"{name}:var\(--color-", css) for name in read), read
    full = (small_site.outdir / "_static" / "styles" / "furo-extensions.css").stat().st_size
    assert len(css) < full / 4


HIGHLIGHTING = ["_static/documentation_options.js", "_static/doctools.js", "_static/sphinx_highlight.js"]


@pytest.mark.parametrize("page", [ARTICLE, "index", "about"])
def test_highlighting_scripts_are_loaded_on_demand(small_site: Build, page: str) -> None:
    """Not in the page's first view: a loader that has their addresses, as the page would
    have linked them, each a file of the site (tests/test_browser.py runs it)."""
    linked = assets(small_site, page)
    assert not set(HIGHLIGHTING) & set(linked)
    assert "_static/kwelle-highlight.js" in linked
    (loader,) = small_site.page(page).xpath("//script[contains(@src, 'kwelle-highlight.js')]")
    addresses = loader.get("data-scripts").split()
    assert [
        re.sub(r"\?v=\w+$", "", a).removeprefix("../" * page.count("/")) for a in addresses
    ] == HIGHLIGHTING
    here = (small_site.outdir / page).parent
    assert all((here / address.partition("?")[0]).is_file() for address in addresses)
    assert linked.index("_static/kwelle-highlight.js") < linked.index(
        "_static/scripts/furo.js"
    )  # where they were


def test_the_search_page_keeps_the_scripts_it_runs(small_site: Build) -> None:
    linked = assets(small_site, "search")
    assert [name for name in linked if name in HIGHLIGHTING] == HIGHLIGHTING
    assert "_static/kwelle-highlight.js" not in linked


@pytest.mark.parametrize("page", [ARTICLE, "index", "references", "about"])
def test_no_tab_script_without_tabs(small_site: Build, page: str) -> None:
    assert "_static/design-tabs.js" not in assets(small_site, page)


@pytest.mark.parametrize("asset", ["_static/kwelle-previews.js", "_static/kwelle-copy.js"])
def test_what_only_articles_use(small_site: Build, asset: str) -> None:
    """Citation previews, copy buttons."""
    assert asset in assets(small_site, ARTICLE)
    assert asset not in assets(small_site, "about")


def test_code_colours_for_the_tokens_on_the_page(small_site: Build) -> None:
    """The BibTeX of "Cite this article", in light and dark; no Pygments stylesheet where no code."""
    (pygments,) = [name for name in assets(small_site, ARTICLE) if "pygments" in name]
    assert re.fullmatch(r"_static/pygments\.[0-9a-f]{12}\.css", pygments)
    css = (small_site.outdir / pygments).read_text(encoding="utf-8")
    spans = small_site.page(ARTICLE).xpath("//div[@class='highlight']//span/@class")
    tokens = {name for value in spans for name in value.split()}
    assert ".highlight{" in css.replace(" ", "")
    assert 'body[data-theme="dark"] .highlight' in css
    assert "prefers-color-scheme" in css
    # furo's, light and dark
    full = (small_site.outdir / "_static" / "pygments.css").read_text(encoding="utf-8")
    assert len(css) < len(full) / 3
    assert not [name for name in assets(small_site, "about") if "pygments" in name]
    assert tokens
    assert all(f".highlight .{token}{{" in css for token in tokens)


def test_pages_without_components_load_no_design_css(small_site: Build) -> None:
    assert not [name for name in assets(small_site, "about") if "sphinx-design" in name]


def test_pages_with_the_same_components_share_one_file(small_site: Build) -> None:
    designs = {
        page: [n for n in assets(small_site, page) if "sphinx-design" in n]
        for page in (ARTICLE, "references")
    }
    assert designs[ARTICLE] == designs["references"]


def test_design_css_follows_the_classes() -> None:
    dropdown, tabs = design_css_for(DROPDOWN), design_css_for(TABS)
    assert "details.sd-dropdown" in dropdown
    assert ".sd-tab-set" not in dropdown
    assert ".sd-tab-set" in tabs
    assert "details.sd-dropdown" not in tabs
    assert design_css_for(frozenset()) == ""


def test_keyframes_come_with_the_rules_that_run_them() -> None:
    animated = design_css_for(DROPDOWN | {"sd-fade-in-slide-down"})  # :animate: fade-in-slide-down
    assert "@keyframes sd-fade-in{" in animated
    assert "@keyframes sd-slide-down{" in animated
    assert "@keyframes sd-grow100" not in animated
    assert "@keyframes" not in design_css_for(DROPDOWN)


def test_page_classes() -> None:
    assert page_classes('<div class="a b"><p class="c">x</p></div>') == {"a", "b", "c"}
