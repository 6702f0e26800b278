"""The journal's source style: "Organisation — Title (year). domain", and fast plugin lookup."""

from __future__ import annotations

from unittest.mock import Mock

import pybtex.plugin
import pytest
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database import parse_string
from pybtex.richtext import Text

from conftest import REFERENCE_ENTRIES, citation_text
from kwelle.sources import style as sourcestyle
from kwelle.sources.style import SourceStyle, domain_of, setup_sourcestyle


def formatted(bibtex: str) -> str:
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    return SourceStyle().format_entry("1", entry).text.render_as("text")


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        pytest.param(
            "@misc{a, author={{Ministry of Economy and Finance}}, title={Medium-Term Fiscal Strategy},"
            " year={2025}, url={https://www.moef.go.kr}}",
            "Ministry of Economy and Finance — Medium-Term Fiscal Strategy (2025). moef.go.kr.",
            id="corporate-author",
        ),
        pytest.param(
            "@misc{a, author={{Electronic Times}}, title={고성능 {GPU} 확보에 1.5조}, year={2025},"
            " url={https://www.etnews.com}, note={18 Apr 2025}}",
            "Electronic Times — 고성능 GPU 확보에 1.5조 (2025). etnews.com. 18 Apr 2025.",
            id="hangul-title",
        ),
        pytest.param(
            "@misc{a, author={{OECD}}, title={Government at a Glance}, url={https://www.oecd.org}}",
            "OECD — Government at a Glance (n.d.). oecd.org.",
            id="missing-year",
        ),
        pytest.param(
            "@misc{a, author={{Deltek GovWin IQ}}, title={{AI} {R\\&D} Gets a Boost}, year={2024},"
            " url={https://iq.govwin.com/neo/x}, note={4 Dec 2024; via NITRD}}",
            "Deltek GovWin IQ — AI R&D Gets a Boost (2024). iq.govwin.com. 4 Dec 2024; via NITRD.",
            id="note-via",
        ),
        pytest.param(
            "@techreport{a, author={{Korea Development Institute}}, title={Potential Growth Outlook},"
            " institution={Korea Development Institute}, type={KDI Economic Outlook}, year={2025},"
            " url={https://m.kdi.re.kr/eng}}",
            "Korea Development Institute — Potential Growth Outlook, KDI Economic Outlook (2025). m.kdi.re.kr.",
            id="techreport",
        ),
        pytest.param(
            "@report{a, institution={{Congressional Budget Office}}, title={The Long-Term Budget Outlook},"
            " year={2025}, url={https://www.cbo.gov/publication/61270}}",
            "Congressional Budget Office — The Long-Term Budget Outlook (2025). cbo.gov.",
            id="report-institution-only",
        ),
        pytest.param(
            "@misc{a, author={Chang, Dawn}, title={Why Korea Leads {AI} Now}, howpublished={K-Welle Journal},"
            " year={2025}, url={https://k-welle.com}}",
            "Dawn Chang — Why Korea Leads AI Now (2025). k-welle.com.",
            id="person-author",
        ),
        pytest.param(
            "@misc{a, author={{The Korea Herald (Yonhap)}}, title={[Cabinet approves budget]}, year={2025},"
            " date={2025-08-29}, url={https://www.koreaherald.com/article/1}}",
            "The Korea Herald (Yonhap) — [Cabinet approves budget] (2025-08-29). koreaherald.com.",
            id="bracketed-title-and-date",
        ),
    ],
)
def test_source_style(bibtex: str, expected: str) -> None:
    assert formatted(bibtex) == expected


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.oecd.org/en/x", "oecd.org"),
        ("https://m.kdi.re.kr/eng/research?art_no=1", "m.kdi.re.kr"),
        ("https://taz.de/!6125557/", "taz.de"),
    ],
)
def test_domain_of(url: str, domain: str) -> None:
    assert domain_of(url) == domain


def test_the_link_is_the_full_url(site) -> None:
    page = site.page("articles/why-korea-leads-ai-now")
    (entry,) = [e for e in page.xpath(REFERENCE_ENTRIES) if "Korea JoongAng Daily" in e.text_content()]
    (link,) = entry.xpath(".//a")
    assert link.text_content() == "koreajoongangdaily.joins.com"
    assert link.get("href").startswith("https://koreajoongangdaily.joins.com/news/2025-08-29/")


def test_inline_citations_stay_author_year(site) -> None:
    page = site.page("articles/why-korea-leads-ai-now")
    texts = [citation_text(c) for c in page.xpath("//span[contains(@class, 'bibtex-citation')]")]
    assert "(OECD, 2020)" in texts  # the 2019 Digital Government Index paper
    assert "Chang (2025)" in texts


def test_plugins_are_found_without_reading_package_metadata(monkeypatch) -> None:
    """kwelle registers the plugins sphinxcontrib-bibtex looks up per citation."""
    setup_sourcestyle(app=Mock())

    def no_metadata(**kwargs: object) -> None:
        raise AssertionError("pybtex read package metadata")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_metadata)
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is PlaintextBackend
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "kwelle") is SourceStyle
    assert Text("OECD").render_as("text") == "OECD"  # what JSON-LD and the previews use


def test_a_rebuild_formats_no_unchanged_entry(make_app, copy_root, monkeypatch) -> None:
    """Entries keep the text they were given in the last build (most of a no-op rebuild, before)."""
    srcdir = copy_root("journal")
    make_app("html", srcdir=srcdir).build()
    monkeypatch.setattr(SourceStyle, "_texts", {})  # as a new process starts
    formatted = []

    class Counting:
        def format_data(self, data: dict) -> Text:
            formatted.append(data["entry"].key)
            return template.format_data(data)

    template = sourcestyle.ENTRY_TEMPLATE
    monkeypatch.setattr(sourcestyle, "ENTRY_TEMPLATE", Counting())
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert formatted == []
    page = (again.outdir / "articles" / "older.html").read_text(encoding="utf-8")
    assert "Potential Growth Outlook and Policy Implications" in page
