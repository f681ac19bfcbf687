"""Page weight: bytes a browser downloads for each page with a plot (HTML + scripts + stylesheets).

    .venv/bin/python bench/bench_page_weight.py

Loads the demo data into a throwaway SQLite database, collects the static files as production and
`make run` serve them (hashed names, gzip and brotli copies), renders the demo's plot pages as the
demo user and adds up the HTML and every script and stylesheet the page names, as sent to a browser
that accepts brotli. Baseline: the same pages with the full plotly.js bundle of the Python plotly
package, uncompressed (what every plot page loaded before the partial bundle, under `make run`).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

static_root = Path(tempfile.mkdtemp(prefix="il2bench-static-"))
os.environ["STATIC_COLLECTED"] = "1"
os.environ["STATIC_ROOT"] = str(static_root)

from _django import setup  # noqa: E402
from _report import result  # noqa: E402

setup()

import plotly  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from assays.models import AssayRun, Plate  # noqa: E402
from studies.models import Animal, Study  # noqa: E402

call_command("collectstatic", "--noinput", verbosity=0)
call_command("bootstrap_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
user = get_user_model().objects.get(username="demo")
client = Client()
client.force_login(user)

FULL_PLOTLY = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
pages = {
    "study dashboard": f"/studies/{Study.objects.first().pk}/",
    "animal": f"/studies/animals/{Animal.objects.first().pk}/",
    "run (ELISA)": f"/assays/runs/{AssayRun.objects.filter(kind='elisa').first().pk}/",
    "plate": f"/assays/plates/{Plate.objects.first().pk}/",
}


def served_size(url: str) -> tuple[int, int]:
    """(bytes as brotli if a .br copy exists, else raw; raw bytes) of a collected static file."""
    path = static_root / url.removeprefix("/static/")
    brotli = path.with_name(path.name + ".br")
    return (brotli.stat().st_size if brotli.exists() else path.stat().st_size), path.stat().st_size


print(f"{'page':<18}{'HTML':>9}{'assets (br)':>13}{'baseline':>11}{'ratio':>8}  scripts")
worst = worst_base = 0.0
for name, url in pages.items():
    response = client.get(url, follow=True)
    if response.status_code != 200:
        print(f"{name:<18} {url} answered {response.status_code}")
        sys.exit(1)
    html = response.content
    assets = re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:js|css))"', html)
    now = base = len(html)
    plotly_here = False
    for asset in {a.decode() for a in assets}:
        sent, raw = served_size(asset)
        now += sent
        if "plotly" in asset:
            plotly_here = True
            base += FULL_PLOTLY.stat().st_size
        else:
            base += raw
    ratio = base / now
    worst, worst_base = max(worst, now), max(worst_base, base)
    print(
        f"{name:<18}{len(html):>9,}{now - len(html):>13,}{base:>11,}{ratio:>7.1f}x  plotly={'yes' if plotly_here else 'no'}"
    )
print(f"\nheaviest page {worst / 1e6:.2f} MB as sent (goal: at most 1.5 MB of script, compressed and cached)")
result("heaviest plot page, bytes sent", worst / 1e6, worst_base / 1e6, "MB", "full plotly.js, uncompressed")
