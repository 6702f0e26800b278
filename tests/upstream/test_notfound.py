"""Contracts with sphinx-notfound-page: what kwelle.theme.notfound and the feed link rely on."""

from __future__ import annotations

from operator import attrgetter

import pytest
from sphinx.application import Sphinx

from kwelle.editions import social


@pytest.mark.sphinx("html", testroot="upstream")
def test_its_default_prefix_is_what_kwelle_replaces(app: Sphinx) -> None:
    """Off Read the Docs it defaults to /en/latest/; kwelle puts html_baseurl's path in its place."""
    assert app.config.values["notfound_urls_prefix"].default in {
        "/en/latest/",
        app.config.notfound_urls_prefix,
    }
    assert app.config.notfound_pagename == "404"


@pytest.mark.sphinx("html", testroot="upstream")
def test_it_replaces_pathto_before_the_feed_link_is_written(app: Sphinx) -> None:
    """The 404 page's ``pathto`` (absolute links) is in the context when kwelle writes the feed link."""
    listeners = sorted(app.events.listeners["html-page-context"], key=attrgetter("priority"))
    modules = [listener.handler.__module__ for listener in listeners]
    assert "notfound.extension" in modules
    assert modules.index("notfound.extension") < modules.index(social.__name__)
