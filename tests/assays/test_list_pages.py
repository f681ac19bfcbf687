"""The assays lists (plates, runs, imports, layouts) come in pages whose links keep the list's filters."""

from __future__ import annotations

import html
import re

import pytest

from assays import views
from assays.models import AssayRun, PlateImport
from tests.assays.factories import LayoutFactory, PlateFactory, PlateImportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)


def _links(page: str) -> dict[str, str]:
    """rel -> href of the previous and next links."""
    return {
        rel: html.unescape(href) for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)">', page)
    }


def _walk(client, url: str, marker: str) -> list[str]:
    """Follow the next links from ``url``; the ``marker`` matches on every page, in order."""
    seen, pages = [], 0
    while url:
        page = client.get(url).content.decode()
        seen += re.findall(marker, page)
        pages += 1
        nxt = _links(page).get("next")
        url = f"{url.split('?')[0]}{nxt}" if nxt else None
        assert pages < 20
    return seen


def test_the_plate_list_pages_through_a_search(browser_client, lab):
    for n in range(5):
        PlateFactory(plate_import__stored_file__lab=lab, name=f"serum {n}")
    PlateFactory(plate_import__stored_file__lab=lab, name="other")
    first = browser_client.get("/assays/plates/?q=serum").content.decode()
    assert "Page 1 of 3" in first and _links(first) == {"next": "?q=serum&page=2"}
    names = _walk(browser_client, "/assays/plates/?q=serum", r">(serum \d|other)</a>")
    assert sorted(names) == [f"serum {n}" for n in range(5)]


def test_the_run_list_pages_through_one_kind(browser_client, lab):
    layout = LayoutFactory(lab=lab)
    for n in range(3):
        AssayRun.objects.create(lab=lab, layout=layout, kind="elisa", name=f"ELISA {n}")
    AssayRun.objects.create(lab=lab, layout=layout, kind="bioassay", name="Bioassay 0")
    runs = _walk(browser_client, "/assays/runs/?kind=elisa", r">((?:ELISA|Bioassay) \d)</a>")
    assert sorted(runs) == ["ELISA 0", "ELISA 1", "ELISA 2"]
    second = browser_client.get("/assays/runs/?kind=elisa&page=2").content.decode()
    assert _links(second) == {"prev": "?kind=elisa&page=1"}
    bad = browser_client.get("/assays/runs/?kind=nonsense").content.decode()
    assert 'class="errorlist"' in bad and "nonsense" in bad


def test_the_import_list_pages_through_the_failed_imports(browser_client, lab):
    for n in range(3):
        PlateImportFactory(
            stored_file__lab=lab, original_filename=f"bad{n}.bin", status=PlateImport.Status.FAILED
        )
    PlateImportFactory(stored_file__lab=lab, original_filename="good.csv")
    files = _walk(browser_client, "/assays/imports/?status=failed", r">((?:bad\d|good)\.\w+)</td>")
    assert sorted(files) == ["bad0.bin", "bad1.bin", "bad2.bin"]
    assert len(_walk(browser_client, "/assays/imports/", r">((?:bad\d|good)\.\w+)</td>")) == 4


def test_the_layout_list_comes_in_pages(browser_client, lab):
    for n in range(5):
        LayoutFactory(lab=lab, name=f"Map {n}")
    first = browser_client.get("/assays/layouts/").content.decode()
    assert "Page 1 of 3" in first and _links(first) == {"next": "?page=2"}
    assert _walk(browser_client, "/assays/layouts/", r">(Map \d)</a>") == [f"Map {n}" for n in range(5)]
    assert "Map 4" in browser_client.get("/assays/layouts/?page=99").content.decode()  # the last page
