"""Source groups: each bib entry's keywords place it on the References page."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from kwelle.sources.bibfiles import entry_lines
from kwelle.sources.groups import SourceGroup, classify

GROUPS = ["charts", "article"]
REGIONS = ["KR", "DE", "intl"]


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ("charts, KR", SourceGroup("charts", "KR")),
        ("DE,article", SourceGroup("article", "DE")),
        (" charts ,  intl , growth", SourceGroup("charts", "intl")),  # other keywords are allowed
    ],
)
def test_classify(keywords: str, expected: SourceGroup) -> None:
    assert classify(keywords, GROUPS, REGIONS) == expected


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ("", "names no group"),
        ("KR", "names no group"),
        ("charts", "names no region"),
        ("charts, article, KR", r"names 2 \(charts, article\) instead of one group"),
        ("charts, KR, DE", "instead of one region"),
    ],
)
def test_classify_rejects(keywords: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify(keywords, GROUPS, REGIONS)


def test_entry_lines() -> None:
    bib = "% comment\n@misc{first,\n  title = {A},\n}\n\n  @TechReport{ second ,\n}\n@misc(third,\n)\n"
    assert entry_lines(bib) == {"first": 2, "second": 6, "third": 8}


@pytest.mark.sphinx("html", testroot="journal")
def test_source_groups_layout(app) -> None:
    app.build()
    page = lxml_html.parse(app.outdir / "references.html").getroot()
    sections = page.xpath("//section[starts-with(@id, 'sources-')]")
    assert [s.get("id") for s in sections] == ["sources-charts", "sources-article"]
    charts, article = sections
    assert [" ".join(s.text_content().split()) for s in charts.xpath(".//summary")] == [
        "Korea (1)",
        "Germany (1)",
    ]
    assert [" ".join(s.text_content().split()) for s in article.xpath(".//summary")] == [
        "Korea (1)",
        "Cross-national (1)",
    ]
    korea = article.xpath(".//details[1]")[0].text_content()
    assert "고성능 GPU 확보에 1.5조" in korea  # Hangul title, braces gone
    assert "Potential Growth Outlook" in charts.text_content()
    assert not app.warning.getvalue()
