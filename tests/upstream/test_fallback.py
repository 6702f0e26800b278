"""A speed-up meeting an untested upstream version steps aside, saying so once."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from sphinxcontrib.bibtex.domain import BibtexDomain

from kwelle.upstream import sphinxcontrib_bibtex

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest
    from sphinx.application import Sphinx


def test_untested_sphinxcontrib_bibtex_gets_the_stock_domain(
    make_app: Callable[..., Sphinx], copy_root: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sphinxcontrib_bibtex, "TESTED", "<1")
    warnings = StringIO()
    app = make_app("html", srcdir=copy_root("upstream"), warning=warnings)
    app.build()
    assert type(app.env.get_domain("cite")) is BibtexDomain
    assert warnings.getvalue().count("outside the range <1 that the indexed cite domain was tested with") == 1
    assert "[kwelle.upstream]" in warnings.getvalue()
