"""Source groups: each bib entry's group and region fields place it on the References page."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from kwelle.sources.bibfiles import entry_lines
from kwelle.sources.groups import SourceGroup, classify

GROUPS = ["charts", "article"]
REGIONS = ["KR", "DE", "intl"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"group": "charts", "region": "KR"}, SourceGroup("charts", "KR")),
        # the file's own keywords are its own
        ({"group": "article", "region": "DE", "keywords": "budget, KR"}, SourceGroup("article", "DE")),
        ({"group": " charts ", "region": "intl "}, SourceGroup("charts", "intl")),
    ],
)
def test_classify(fields: dict[str, str], expected: SourceGroup) -> None:
    assert classify(fields, GROUPS, REGIONS) == expected


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "has no group field; use one of: charts, article"),
        ({"keywords": "charts, KR"}, "has no group field"),
        ({"group": "charts"}, "has no region field; use one of: KR, DE, intl"),
        ({"group": "gossip", "region": "KR"}, "group 'gossip' is not in the vocabulary"),
        ({"group": "charts", "region": "Korea"}, "region 'Korea' is not in the vocabulary"),
    ],
)
def test_classify_rejects(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify(fields, GROUPS, REGIONS)


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
