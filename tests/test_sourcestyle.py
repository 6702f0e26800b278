"""The journal's source style: author–year for every entry type, "Organisation — Title (year). domain"
for web sources, and fast plugin lookup."""

from __future__ import annotations

import shutil
from unittest.mock import Mock

import pybtex.plugin
import pytest
from pybtex.backends.plaintext import Backend as PlaintextBackend
from pybtex.database import parse_string
from pybtex.richtext import Text

from conftest import REFERENCE_ENTRIES, ROOTS, SMALL_ARTICLE, citation_text, sphinx_build
from kwelle.sources.style import (
    SourceStyle,
    StyleState,
    cite_names,
    domain_of,
    setup_sourcestyle,
    year_label,
    year_suffixes,
)


def formatted(bibtex: str) -> str:
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    return SourceStyle().format_text(entry).render_as("text")


def cited(bibtex: str) -> str:
    """What a parenthetical citation of the entry says: its names and its year."""
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    names, year = (node.format_data({"entry": entry}).render_as("text") for node in (cite_names, year_label))
    return f"{names}, {year}"


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


def test_the_link_is_the_full_url(small_site) -> None:
    """The entry shows the domain; its link goes to the page itself (tests/roots/test-site)."""
    page = small_site.page(SMALL_ARTICLE)
    (entry,) = [e for e in page.xpath(REFERENCE_ENTRIES) if "Example Press" in e.text_content()]
    (link,) = entry.xpath(".//a")
    assert link.text_content() == "news.example"
    assert link.get("href") == "https://news.example/2025/08/29/report.html"


def test_inline_citations_stay_author_year(small_site) -> None:
    page = small_site.page(SMALL_ARTICLE)
    texts = [citation_text(c) for c in page.xpath("//span[contains(@class, 'bibtex-citation')]")]
    assert "(Bundesministerium der Finanzen, 2025)" in texts
    assert "(Korea Development Institute, 2025; OECD, 2025)" in texts
    assert "Doe (2025)" in texts


def test_plugins_are_found_without_reading_package_metadata(monkeypatch) -> None:
    """kwelle registers the plugins sphinxcontrib-bibtex looks up per citation."""
    setup_sourcestyle(app=Mock())

    def no_metadata(**kwargs: object) -> None:
        raise AssertionError("pybtex read package metadata")

    monkeypatch.setattr(pybtex.plugin, "entry_points", no_metadata)
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is PlaintextBackend
    assert isinstance(pybtex.plugin.find_plugin("pybtex.style.formatting", "kwelle")(), SourceStyle)
    assert Text("OECD").render_as("text") == "OECD"  # what JSON-LD and the previews use


def test_a_rebuild_formats_no_unchanged_entry(make_app, copy_root, monkeypatch) -> None:
    """Entries keep the text they were given in the last build (most of a no-op rebuild, before)."""
    srcdir = copy_root("journal")
    make_app("html", srcdir=srcdir).build()  # the next app starts with no texts, as a new process
    formatted = []
    format_text = SourceStyle.format_text

    def counting(self: SourceStyle, entry: object) -> Text:
        formatted.append(entry.key)
        return format_text(self, entry)

    monkeypatch.setattr(SourceStyle, "format_text", counting)
    again = make_app("html", srcdir=srcdir)
    again.build()
    assert formatted == []
    page = (again.outdir / "articles" / "older.html").read_text(encoding="utf-8")
    assert "Potential Growth Outlook and Policy Implications" in page


ARTICLE = (
    "@article{a, author={{Foreman-Mackey}, D. and {Agol}, E. and {Ambikasaran}, S. and {Angus}, R.},"
    " title={{Fast and Scalable Gaussian Process Modeling}}, journal={The Astronomical Journal}, year=2017,"
    " volume=154, number=6, pages={220--231}, doi={10.3847/1538-3881/aa9332}, eprint={1703.09710},"
    " archiveprefix={arXiv}}"
)


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        pytest.param(
            ARTICLE,
            "Foreman-Mackey, D., Agol, E., Ambikasaran, S. and Angus, R. (2017). Fast and Scalable Gaussian"
            " Process Modeling. The Astronomical Journal, 154(6), 220–231. doi:10.3847/1538-3881/aa9332."
            " arXiv:1703.09710.",
            id="article",
        ),
        pytest.param(
            "@article{a, author={Ackermann, Marit and Strimmer, Korbinian}, date={2009-01}, doi={10/dvzd5z},"
            " journaltitle={BMC bioinformatics}, pages={47}, title={A General Modular Framework.}, volume={10},"
            " langid={english}, urldate={2020-05-01}}",
            "Ackermann, M. and Strimmer, K. (2009). A General Modular Framework. BMC bioinformatics, 10, 47."
            " doi:10/dvzd5z. accessed 2020-05-01.",
            id="biblatex-article",
        ),
        pytest.param(
            "@book{a, editor={Gollin, Edward and Rehding, Alexander}, title={The Oxford Handbook},"
            " publisher={Oxford University Press}, address={Oxford}, year={2010}, isbn={9780199717477}}",
            "Gollin, E. and Rehding, A. (eds.) (2010). The Oxford Handbook. Oxford University Press, Oxford."
            " ISBN 9780199717477.",
            id="book-editors-only",
        ),
        pytest.param(
            "@incollection{a, author={Noll, Thomas}, editor={Fripertinger, Harald and Reich, Ludwig},"
            " title={The Topos of Triads}, booktitle={Colloquium on Mathematical Music Theory}, year={2005},"
            " pages={103--135}, publisher={Springer}}",
            "Noll, T. (2005). The Topos of Triads. In Fripertinger, H. and Reich, L. (eds.), Colloquium on"
            " Mathematical Music Theory, pp. 103–135. Springer.",
            id="incollection",
        ),
        pytest.param(
            "@inproceedings{a, author={McKinney, Wes}, title={Data Structures}, booktitle={Proceedings of the"
            " 9th Python in Science Conference}, year={2010}, pages={56 -- 61}, doi={10.25080/Majora-92bf1922-00a}}",
            "McKinney, W. (2010). Data Structures. In Proceedings of the 9th Python in Science Conference,"
            " pp. 56–61. doi:10.25080/Majora-92bf1922-00a.",
            id="inproceedings",
        ),
        pytest.param(
            "@techreport{a, author={Smith, Jane}, title={Tides}, institution={NOAA}, number={42}, year={2019},"
            " doi={10.1000/x}}",
            "Smith, J. (2019). Tides. Report 42, NOAA. doi:10.1000/x.",
            id="techreport-publication",
        ),
        pytest.param(
            "@phdthesis{a, author={Kim, Min-jun}, title={Fractional States}, school={Seoul National University},"
            " year={2021}}",
            "Kim, M.-j. (2021). Fractional States. PhD thesis, Seoul National University.",
            id="phdthesis",
        ),
        pytest.param(
            "@thesis{a, author={Lee, Ji-woo}, title={Waves}, institution={KAIST}, type={Master's thesis},"
            " date={2020-02-14}}",
            "Lee, J.-w. (2020). Waves. Master's thesis, KAIST.",
            id="biblatex-thesis",
        ),
        pytest.param(
            "@misc{a, author={Hijmans, Robert J}, title={terra: Spatial Data Analysis}, year={2021},"
            " howpublished={\\url{https://rspatial.org/terra}}}",
            "Robert J Hijmans — terra: Spatial Data Analysis (2021). rspatial.org.",
            id="misc-howpublished-url",
        ),
        pytest.param(
            "@unpublished{a, author={Park, Seo-yeon}, title={Notes on {$\\Lambda$}CDM}, note={Lecture notes},"
            " year={2024}}",
            "Park, S.-y. (2024). Notes on ΛCDM. Lecture notes.",
            id="unpublished-math",
        ),
        pytest.param(
            "@article{a, author={Madhavacheril, Mathew and others}, title={{ACT} {DR6}}, journal={ApJ},"
            " year={2024}, eprint={2304.05203}, archiveprefix={arXiv}}",
            "Madhavacheril, M. et al. (2024). ACT DR6. ApJ. arXiv:2304.05203.",
            id="and-others",
        ),
        pytest.param(
            "@article{a, author={{Planck Collaboration} and Aghanim, N. and Akrami, Y. and Ashdown, M. and"
            " Aumont, J. and Baccigalupi, C. and Ballardini, M. and Banday, A. J.}, title={Planck 2018 results},"
            " journal={\\aap}, year={2020}, volume={641}, pages={A6}}",
            "Planck Collaboration, Aghanim, N., Akrami, Y. et al. (2020). Planck 2018 results. A&A, 641, A6.",
            id="long-author-list-cut",
        ),
        pytest.param(
            "@article{a, author={G{\\\"u}nther, Maximilian N. and Walt, St{\\'e}fan van der and"
            ' {\\AA}str{\\"o}m, Karl}, title={T}, journal={J}, year={2020}}',
            "Günther, M. N., van der Walt, S. and Åström, K. (2020). T. J.",
            id="accents-and-particles",
        ),
        pytest.param(
            "@article{a, author={김, 철수 and Lee, Min}, title={한국의 {AI} 예산}, journal={경제연구}, year={2025}}",
            "김철수 and Lee, M. (2025). 한국의 AI 예산. 경제연구.",
            id="hangul-names",
        ),
        pytest.param(
            "@article{a, author={Doe, J.}, title={The $\\ensuremath \\nu =2/5$ state and \\textit{(2+1)}"
            " \\mathrm D gravity --- a note}, journal={Phys. Rev.}, year={1999}}",
            "Doe, J. (1999). The ν=2/5 state and (2+1) D gravity — a note. Phys. Rev.",
            id="latex-in-title",
        ),
    ],
)
def test_entry_types(bibtex: str, expected: str) -> None:
    assert formatted(bibtex) == expected


@pytest.mark.parametrize(
    ("bibtex", "expected"),
    [
        (ARTICLE, "Foreman-Mackey et al., 2017"),
        ("@article{a, author={Vautard, R. and Ghil, M.}, title={T}, year={1989}}", "Vautard and Ghil, 1989"),
        (
            "@article{a, author={Madhavacheril, M. and others}, title={T}, year={2024}}",
            "Madhavacheril et al., 2024",
        ),
        ("@misc{a, author={{OECD}}, title={T}, date={2025-04-18}}", "OECD, 2025"),
        ("@book{a, editor={van der Walt, S.}, title={T}, year={2010}}", "van der Walt, 2010"),
        ("@article{a, author={김, 철수}, title={T}, year={2025}}", "김철수, 2025"),
        ("@misc{a, title={Untitled Work}}", "Untitled Work, n.d."),
    ],
)
def test_citation_names(bibtex: str, expected: str) -> None:
    assert cited(bibtex) == expected


def test_same_authors_same_year_get_letters() -> None:
    bib = parse_string(
        "@misc{first, author={{OECD}}, title={A}, year={2025}, url={https://www.oecd.org/a}}"
        "@misc{second, author={{OECD}}, title={B}, year={2025}, url={https://www.oecd.org/b}}"
        "@misc{other, author={{OECD}}, title={C}, year={2024}, url={https://www.oecd.org/c}}",
        "bibtex",
    )
    suffixes = year_suffixes(bib.entries.values())
    assert suffixes == {"first": "a", "second": "b"}
    style = SourceStyle(state=StyleState(year_suffixes=suffixes))
    assert style.format_text(bib.entries["second"]).render_as("text") == "OECD — B (2025b). oecd.org."
    assert cite_names.format_data({"entry": bib.entries["first"]}).render_as("text") == "OECD"
    first = {"entry": bib.entries["first"], "style": style}
    assert year_label.format_data(first).render_as("text") == "2025a"


def with_second_oecd_work(srcdir) -> None:
    """Two OECD works of 2025 in one journal: (OECD, 2025a) and (OECD, 2025b)."""
    with (srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            "\n@misc{oecd2025b, author={{OECD}}, title={Society at a Glance 2025}, year={2025},"
            " url={https://www.oecd.org/society}, group={article}, region={intl}}\n"
        )
    article = srcdir / "articles" / "older.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("{cite:t}`oecd2025`.", "{cite:t}`oecd2025`, as {cite:p}`oecd2025b`.", 1))


def test_two_builds_in_one_process_keep_their_own_letters(make_app, copy_root, tmp_path) -> None:
    """Each app formats with its own state, even when another app was made after it."""
    lettered = copy_root("journal")
    with_second_oecd_work(lettered)
    plain = shutil.copytree(ROOTS / "test-journal", tmp_path / "plain")
    first = make_app("html", srcdir=lettered)
    second = make_app("html", srcdir=plain)
    first.build()
    second.build()

    def older(app) -> str:
        return (app.outdir / "articles" / "older.html").read_text(encoding="utf-8")

    assert "2025a" in older(first)
    assert "2025b" in older(first)
    assert "2025a" not in older(second)
    assert "2025b" not in older(second)


def test_a_new_work_of_the_same_year_letters_both_on_rebuild(copy_root, tmp_path) -> None:
    """Adding a second 2025 OECD entry makes the cited one 2025a, though its own entry is unchanged."""
    srcdir = copy_root("journal")
    outdir = tmp_path / "out" / "html"
    assert sphinx_build(srcdir, outdir).returncode == 0
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@misc{oecd2025other,\n  author = {{OECD}},\n  title = {Another Report},\n  year = {2025},\n"
        "  url = {https://www.oecd.org/other},\n}\n",
        encoding="utf-8",
    )
    rebuild = sphinx_build(srcdir, outdir)
    assert rebuild.returncode == 0, rebuild.output
    page = rebuild.page("articles/older")
    texts = [citation_text(c) for c in page.xpath("//span[contains(@class, 'bibtex-citation')]")]
    assert "OECD (2025a)" in texts
    (entry,) = [e for e in page.xpath(REFERENCE_ENTRIES) if "Government at a Glance" in e.text_content()]
    assert "(2025a)" in entry.text_content()


def test_full_author_citations_name_everyone() -> None:
    """{cite:ps} and {cite:ts}: every author, as sphinxcontrib-bibtex's own roles promise."""
    (entry,) = parse_string(ARTICLE, "bibtex").entries.values()
    full = cite_names(full=True).format_data({"entry": entry}).render_as("text")
    assert full == "Foreman-Mackey, Agol, Ambikasaran and Angus"
