"""Bad inputs, many at once: each one a page (and its files) added beside a good article of
tests/roots/test-safety. One build reads them all (--keep-going) and each case's message is
asserted on its own: it names the file and line and the rule. The build fails without a
traceback, leaves every source as it was and the last good site in place."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOTS, STRICT
from test_bad_input import digests

#: a climb out of any test folder, to the machine's root
CLIMB = "../" * 40


def article(title: str, body: str = "Text.", *, fields: str = "", **overrides: str) -> str:
    """An article whose front matter ends on line 11 (12 with ``fields``) and whose ``body``
    starts on line 17 (18)."""
    front = {
        "title": title,
        "deck": "A case of bad input.",
        "authors": "[Test Author]",
        "published": "2026-01-01",
        "updated": "2026-01-01",
        "tags": "[charts]",
        "image": "../images/lead.svg",
        "image_alt": "A blue square.",
        "image_credit": "Safety Journal",
    }
    front.update(overrides)
    lines = [f"{key}: {value}" for key, value in front.items()]
    header = "\n".join(["---", *lines, *([fields] if fields else []), "---"])
    return (
        f"{header}\n\n## Section\n\nText {{cite:p}}`kr2026`.\n\n{body}\n\n"
        ":::{dropdown} References\n```{bibliography}\n:filter: docname in docnames\n```\n:::\n"
    )


def chart(name: str, csv: str | bytes, toml: str | None = None) -> dict[str, str | bytes]:
    """An article showing the chart ``data/<name>.csv`` (its directive on line 17)."""
    description = (
        toml or 'title = "A chart"\nkind = "bar"\nlabel = "{country}"\nvalue = "value"\ngroup = "shares"\n'
    )
    return {
        f"articles/{name}.md": article(name, f"```{{infographic}} /data/{name}.csv\n```"),
        f"data/{name}.csv": csv,
        f"data/{name}.toml": description,
    }


def rows(count: int) -> str:
    return "country,value,sources,basis\n" + "".join(
        f"Country {n},{n},kr2026 de2026,Test figure.\n" for n in range(count)
    )


@dataclass(frozen=True)
class Link:
    """A symbolic link to create in the test's copy, pointing to ``target`` (relative to the copy)."""

    target: str


@dataclass
class Case:
    files: dict[str, str | bytes | Link]
    expected: str
    #: the builds that read it
    builders: tuple[str, ...] = field(default=("html",))


def page(name: str, body: str, **overrides: str) -> dict[str, str]:
    return {f"articles/{name}.md": article(overrides.pop("title", name), body, **overrides)}


def at(name: str, line: int, message: str) -> str:
    return rf"articles/{re.escape(name)}\.md:{line}: ERROR: {message}"


OUTSIDE = r"is outside the source folder \(it resolves to [^)]*{}\)"
BOMB = "\n".join(
    ["topics:", "  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"  - &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)]
)

CASES: dict[str, Case] = {
    # -- file confinement: every way a page names a file --------------------------------
    "image-field-climbs-out": Case(
        page("image-field-climbs-out", "Text.", image="../../outside/secret.svg"),
        at(
            "image-field-climbs-out",
            8,
            "front matter: image '../../outside/secret.svg' " + OUTSIDE.format("secret.svg"),
        ),
    ),
    "image-field-system-file": Case(
        page("image-field-system-file", "Text.", image=CLIMB + "etc/passwd"),
        at("image-field-system-file", 8, "front matter: image .* " + OUTSIDE.format("/etc/passwd")),
    ),
    "image-field-symlink": Case(
        {
            **page("image-field-symlink", "Text.", image="../images/linked.svg"),
            "images/linked.svg": Link("../outside/secret.svg"),
        },
        at(
            "image-field-symlink",
            8,
            "front matter: image '../images/linked.svg' " + OUTSIDE.format("secret.svg"),
        ),
    ),
    "markdown-image": Case(
        page("markdown-image", "![secret](../../outside/secret.svg)"),
        at("markdown-image", 17, "'../../outside/secret.svg' " + OUTSIDE.format("secret.svg")),
    ),
    "markdown-image-symlink": Case(
        {
            **page("markdown-image-symlink", "![secret](../images/linked-image.svg)"),
            "images/linked-image.svg": Link("../outside/secret.svg"),
        },
        at("markdown-image-symlink", 17, "'../images/linked-image.svg' " + OUTSIDE.format("secret.svg")),
    ),
    "image-directive": Case(
        page("image-directive", f"```{{image}} {CLIMB}etc/passwd\n```"),
        at("image-directive", 17, ".* " + OUTSIDE.format("/etc/passwd")),
    ),
    "figure-directive": Case(
        page("figure-directive", "```{figure} ../../outside/secret.svg\nA caption.\n```"),
        at("figure-directive", 17, "'../../outside/secret.svg' " + OUTSIDE.format("secret.svg")),
    ),
    "card-image": Case(
        page("card-image", ":::{card} A card\n:img-top: ../../outside/secret.svg\nText.\n:::"),
        at("card-image", 17, "'../../outside/secret.svg' " + OUTSIDE.format("secret.svg")),
    ),
    "image-wildcard": Case(
        page("image-wildcard", "![secret](../../outside/*.svg)"),
        at("image-wildcard", 17, r"'../../outside/\*\.svg' " + OUTSIDE.format(r"\*\.svg")),
    ),
    "based-on-a-path": Case(
        page("based-on-a-path", "Text.", based_on=CLIMB + "etc/passwd"),
        at(
            "based-on-a-path",
            11,
            r"front matter: based_on '(\.\./)+etc/passwd' is not a key in the bibliography",
        ),
    ),
    "download-role": Case(
        page("download-role", "{download}`../../outside/secret.txt`"),
        at("download-role", 17, "'../../outside/secret.txt' " + OUTSIDE.format("secret.txt")),
    ),
    "markdown-link-to-file": Case(
        page("markdown-link-to-file", "[the notes](../../outside/secret.txt)"),
        at("markdown-link-to-file", 17, "'../../outside/secret.txt' " + OUTSIDE.format("secret.txt")),
    ),
    "download-symlink": Case(
        {
            **page("download-symlink", "{download}`../images/linked.txt`"),
            "images/linked.txt": Link("../outside/secret.txt"),
        },
        at("download-symlink", 17, "'../images/linked.txt' " + OUTSIDE.format("secret.txt")),
    ),
    "literalinclude": Case(
        page("literalinclude", "```{literalinclude} /etc/passwd\n```"),
        r"articles/literalinclude\.md:17: WARNING: File insertion disabled",
    ),
    "csv-table-file": Case(
        page("csv-table-file", "```{csv-table}\n:file: ../../outside/secret.txt\n```"),
        r"articles/csv-table-file\.md:17: WARNING: File and URL access deactivated",
    ),
    "chart-data-climbs-out": Case(
        page("chart-data-climbs-out", "```{infographic} ../../outside/data.csv\n```"),
        at(
            "chart-data-climbs-out",
            17,
            r"infographic: .*outside/data\.csv: '../../outside/data\.csv' is outside the source folder",
        ),
    ),
    "chart-data-symlink": Case(
        {
            **page("chart-data-symlink", "```{infographic} /data/linked.csv\n```"),
            "data/linked.csv": Link("../outside/data.csv"),
            "data/linked.toml": Link("../outside/data.toml"),
        },
        at(
            "chart-data-symlink",
            17,
            r"infographic: .*outside/data\.csv: '/data/linked\.csv' is outside the source folder",
        ),
    ),
    # -- limits --------------------------------------------------------------------------
    "yaml-alias-bomb": Case(
        page("yaml-alias-bomb", "Text.", fields=BOMB),
        at("yaml-alias-bomb", 13, r"front matter: YAML aliases \(\*a\) are not allowed in front matter"),
    ),
    "yaml-alias": Case(
        page("yaml-alias", "Text.", deck="&d A deck.", summary="*d"),
        at("yaml-alias", 11, r"front matter: YAML aliases \(\*d\) are not allowed"),
    ),
    "front-matter-too-big": Case(
        page("front-matter-too-big", "Text.", summary="x" * 20_000),
        at(
            "front-matter-too-big",
            2,
            r"front matter: front matter is 20,\d+ bytes; the limit is 16,384 \(kwelle_max_front_matter_bytes\)",
        ),
    ),
    "title-too-long": Case(
        page("title-too-long", "Text.", title="T" * 151),
        at(
            "title-too-long",
            2,
            r"front matter: field 'title' has 151 characters; the limit is 150 \(kwelle_max_title_chars\)",
        ),
    ),
    "deck-too-long": Case(
        page("deck-too-long", "Text.", deck="d" * 1001),
        at(
            "deck-too-long",
            3,
            r"front matter: field 'deck' has 1,001 characters; the limit is 1,000 \(kwelle_max_field_chars\)",
        ),
    ),
    "too-many-tags": Case(
        page("too-many-tags", "Text.", tags="[" + ", ".join(f"t{n}" for n in range(21)) + "]"),
        at(
            "too-many-tags",
            7,
            r"front matter: field 'tags' has 21 entries; the limit is 20 \(kwelle_max_list_items\)",
        ),
    ),
    "tag-too-long": Case(
        page("tag-too-long", "Text.", tags="[charts, " + "t" * 51 + "]"),
        at(
            "tag-too-long",
            7,
            r"front matter: field 'tags' has 51 characters; the limit is 50 \(kwelle_max_tag_chars\)",
        ),
    ),
    "csv-50000-rows": Case(
        chart("csv-50000-rows", rows(50_000)),
        at(
            "csv-50000-rows",
            17,
            r"infographic: .*data/csv-50000-rows\.csv: the file is [\d,]+ bytes; the limit is 262,144 \(kwelle_max_csv_bytes\)",
        ),
    ),
    "chart-too-many-bars": Case(
        chart(
            "chart-too-many-bars",
            "country,a,b,c,sources,basis\n" + "X,1,2,3,kr2026 de2026,Test.\n" * 34,
            'title = "A chart"\nkind = "grouped-bar"\nlabel = "{country}"\nvalues = ["a", "b", "c"]\ngroup = "shares"\n',
        ),
        at(
            "chart-too-many-bars",
            17,
            r"infographic: .*chart-too-many-bars\.csv:35: more than 100 bars \(rows times series; kwelle_max_chart_bars\)",
        ),
    ),
    # -- no traceback for bad content ---------------------------------------------------
    "csv-not-utf8": Case(
        chart("csv-not-utf8", "country,value,sources,basis\nK\xf6ln,1,kr2026,Test.\n".encode("latin-1")),
        at(
            "csv-not-utf8",
            17,
            r"infographic: .*csv-not-utf8\.csv:2: not UTF-8 text \(byte 0xf6\); save it as UTF-8",
        ),
    ),
    "toml-not-utf8": Case(
        chart("toml-not-utf8", rows(1), 'title = "K\xf6ln"\nkind = "bar"\n'.encode("latin-1")),
        at("toml-not-utf8", 17, r"infographic: .*toml-not-utf8\.toml:1: not UTF-8 text \(byte 0xf6\)"),
    ),
    "csv-nul-byte": Case(
        chart("csv-nul-byte", "country,value,sources,basis\nKorea,1\0,kr2026,Test.\n"),
        at(
            "csv-nul-byte",
            17,
            r"infographic: .*csv-nul-byte\.csv:2: column 'value': '1\\x00' is not a number",
        ),
    ),
    "zero-total": Case(
        chart(
            "zero-total",
            "country,ai,total,sources,basis\nKorea,10.1,0,kr2026 de2026,Test.\n",
            'title = "Shares"\nkind = "bar"\nlabel = "{country}"\nvalue = "ai / total"\ngroup = "shares"\n',
        ),
        at(
            "zero-total",
            17,
            r"infographic: .*zero-total\.csv:2: column 'total': the total is zero: no share can be computed",
        ),
    ),
    "infinite-value": Case(
        chart("infinite-value", "country,value,sources,basis\nKorea,inf,kr2026 de2026,Test.\n"),
        at(
            "infinite-value",
            17,
            r"infographic: .*infinite-value\.csv:2: column 'value': 'inf' is not a finite number",
        ),
    ),
    "nan-value": Case(
        chart(
            "nan-value", "country,value,sources,basis\nKorea,1,kr2026 de2026,Test.\nJapan,NaN,kr2026,Test.\n"
        ),
        at("nan-value", 17, r"infographic: .*nan-value\.csv:3: column 'value': 'NaN' is not a finite number"),
    ),
    "overflowing-value": Case(
        chart("overflowing-value", "country,value,sources,basis\nKorea,1e400,kr2026 de2026,Test.\n"),
        at(
            "overflowing-value",
            17,
            r"infographic: .*overflowing-value\.csv:2: column 'value': '1e400' is not a finite number",
        ),
    ),
    "huge-value": Case(
        chart("huge-value", "country,value,sources,basis\nKorea,1e300,kr2026 de2026,Test.\n"),
        at("huge-value", 17, r"infographic: .*huge-value\.csv:2: column 'value': '1e300' is out of range"),
    ),
    "label-positional-field": Case(
        chart(
            "label-positional-field",
            rows(1),
            'title = "A chart"\nkind = "bar"\nlabel = "{}"\nvalue = "value"\ngroup = "shares"\n',
        ),
        at(
            "label-positional-field",
            17,
            r"infographic: .*label-positional-field\.toml:3: 'label' may only name columns, as \{column\}",
        ),
    ),
    "label-huge-width": Case(
        chart(
            "label-huge-width",
            rows(1),
            'title = "A chart"\nkind = "bar"\nlabel = "{country:>999999999}"\nvalue = "value"\ngroup = "shares"\n',
        ),
        at("label-huge-width", 17, r"infographic: .*label-huge-width\.toml:3: 'label' may only name columns"),
    ),
    "label-broken-template": Case(
        chart(
            "label-broken-template",
            rows(1),
            'title = "A chart"\nkind = "bar"\nlabel = "{country"\nvalue = "value"\ngroup = "shares"\n',
        ),
        at(
            "label-broken-template",
            17,
            r"infographic: .*label-broken-template\.toml:3: 'label' is not a valid template",
        ),
    ),
    # -- an article must be one --------------------------------------------------------
    "no-body": Case(
        {"articles/no-body.md": article("no-body").split("\n## Section")[0] + "\n\n% only a comment\n"},
        at("no-body", 12, "front matter: the article has no text after its front matter"),
    ),
    "duplicate-title": Case(
        {
            "articles/duplicate-title-a.md": article("The Same Headline"),
            "articles/duplicate-title-b.md": article("the same  headline"),
        },
        at(
            "duplicate-title-b",
            2,
            r"front matter: title 'the same  headline' is also the title of articles/duplicate-title-a\.md",
        ),
    ),
    "csv-too-many-rows": Case(
        chart("csv-too-many-rows", rows(51)),
        at(
            "csv-too-many-rows",
            17,
            r"infographic: .*csv-too-many-rows\.csv:52: more than 50 rows \(kwelle_max_csv_rows\)",
        ),
    ),
}


def write_cases(srcdir: Path, cases: dict[str, Case]) -> None:
    outside = srcdir.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    shutil.copy(srcdir / "images" / "lead.svg", outside / "secret.svg")
    shutil.copy(srcdir / "data" / "shares.csv", outside / "data.csv")
    shutil.copy(srcdir / "data" / "shares.toml", outside / "data.toml")
    for case in cases.values():
        for name, content in case.files.items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Link):
                path.symlink_to(os.path.relpath(srcdir / content.target, path.parent))
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


@dataclass
class Batch:
    srcdir: Path
    outdir: Path
    returncode: int
    output: str
    sources_before: dict[str, str]
    sources_after: dict[str, str]
    site_before: dict[str, str]
    site_after: dict[str, str]


def safe_build(srcdir: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess:
    """``nox -s html``'s build: kwelle.cli.safebuild, strict, its output captured."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "kwelle.cli.safebuild",
            str(srcdir),
            str(outdir),
            str(outdir.parent / "doctrees"),
            *STRICT,
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    root = tmp_path_factory.mktemp("bad")
    srcdir = shutil.copytree(ROOTS / "test-safety", root / "src")
    outdir = root / "html"
    good = safe_build(srcdir, outdir)
    assert good.returncode == 0, good.stdout + good.stderr
    site_before = digests(outdir)
    write_cases(srcdir, CASES)
    sources_before = digests(srcdir)
    result = safe_build(srcdir, outdir)
    return Batch(
        srcdir,
        outdir,
        result.returncode,
        result.stdout + result.stderr,
        sources_before,
        digests(srcdir),
        site_before,
        digests(outdir),
    )


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_named(batch: Batch, case: str) -> None:
    assert re.search(CASES[case].expected, batch.output), batch.output[-6000:]


def test_bad_inputs_fail_the_build_and_change_nothing(batch: Batch) -> None:
    assert batch.returncode == 1
    assert "Traceback" not in batch.output
    assert "The build failed" in batch.output
    assert batch.sources_after == batch.sources_before
    assert batch.site_after == batch.site_before
    # no file from outside the source folder reached the attempt either
    attempt = batch.outdir.with_name("html.failed")
    published = [path.read_bytes() for path in attempt.rglob("*") if path.is_file()]
    assert not any(b"root:x:0:0" in data for data in published)
    assert not [path for path in attempt.rglob("*") if path.name in {"secret.svg", "secret.txt", "passwd"}]
