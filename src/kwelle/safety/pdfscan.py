"""The PDF's links follow the HTML's rules: every link annotation is https, mailto or a place
in the document, and no action runs code, launches a program or submits a form.

Read with pypdf; ``python -m kwelle.cli.pdf`` scans each PDF it typesets and removes a
failing one, so that it is never published beside the site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pypdf import PdfReader

from kwelle.safety.outputscan import is_safe_link

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: actions a reader's PDF viewer would carry out on a click, or on opening the file
UNSAFE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Rendition"}


def _action_problem(action: dict) -> str | None:
    kind = action.get("/S")
    if kind == "/URI" and not is_safe_link(str(action.get("/URI", "")), followed=True):
        return f"links to {action['/URI']}: only https, mailto or # links"
    if kind in UNSAFE_ACTIONS:
        return f"has a {kind[1:]} action"
    return None


def pdf_violations(path: Path) -> Iterator[str]:
    """What is wrong with one PDF, one message per problem, naming the page."""
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    if "/OpenAction" in catalog and isinstance(catalog["/OpenAction"].get_object(), dict):
        problem = _action_problem(catalog["/OpenAction"].get_object())
        if problem:
            yield f"{path.name}: opening the file {problem}"
    if "/JavaScript" in catalog.get("/Names", {}):
        yield f"{path.name}: the document carries JavaScript"
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            problem = _action_problem(action.get_object()) if action is not None else None
            if problem:
                yield f"{path.name}, page {number}: a link {problem}"
