"""Every page of the portal, in Chromium, at 1400 and 800 px wide, with the demo lab's data.

One test walks them all (the data is built once; one browser context per width) and fails, listing
every problem of every page at once, on:

- page-level horizontal scroll (the document wider than the window: wide tables scroll in their card);
- a plot label drawn outside its plot (Plotly axis titles, ticks, legend and colour-bar text);
- a console error, an uncaught exception or a failed request (the favicon's 404 included);
- a serious or critical axe-core violation (tests/vendor/axe.min.js, injected through the DevTools
  protocol, which the portal's Content-Security-Policy does not govern);
- an internal token in the visible text (:data:`KNOWN_TOKENS`, and snake_case words generally).

A screenshot of every page at both widths goes to ``SCREENSHOT_DIR/pages/<width>/<name>.png``.
:func:`test_the_walk_covers_every_page` fails when a page is added to the URLs and not to the walk.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.e2e]

AXE = (Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# the widths walked; IL2_WALK_WIDTHS=1400,1000,800 adds the width where the sidebar collapses
WIDTHS = tuple(int(w) for w in os.environ.get("IL2_WALK_WIDTHS", "1400,800").split(","))

# Pages not walked, with the reason: downloads, POST-only actions, JSON, the API and the admin.
NOT_PAGES = {
    "logout": "POST only",
    "lab-switch": "POST only",
    "token-revoke": "POST only",
    "token-revoke-own": "POST only",
    "invitation-withdraw": "POST only",
    "healthz": "JSON for the load balancer",
    "favicon": "the icon (checked apart: /favicon.ico answers)",
    "assays:plate-original": "download",
    "assays:plate-csv": "download",
    "assays:run-export": "download",
    "studies:sheet-import-original": "download",
    "studies:flow-import-original": "download",
    "studies:audit-csv": "download",
    "assays:run-audit-csv": "download",
    "audit-csv": "download",
    "audit-record-csv": "download",
    "studies:export-csv": "download",
    "studies:export-xlsx": "download",
    "studies:export-doses-csv": "download",
    "studies:export-send": "download",
    "studies:analysis-json": "JSON",
    "review-sign": "POST only",
    "studies:analyse": "POST only",
    "studies:status": "POST only",
    "studies:doses": "POST only",
    "studies:measurement-correct": "POST only",
    "studies:event-delete": "POST only",
}

# Words of the code that must never reach a page: the readers' format keys, the analyses' flags and
# settings, role codes. Snake_case words are caught generally by SNAKE below.
KNOWN_TOKENS = [
    "softmax_pro",
    "long_csv",
    "below_range",
    "above_range",
    "5pl_not_justified",
    "high_cv",
    "no_curve",
    "no_signal",
    "1/y2",
    "1/y",
    "loglog",
    "Qc",
    "qc_high",
    "qc_mid",
    "qc_low",
    "endpoint_euthanasia",
    "found_dead",
    "parameter_at_bound",
    "no_convergence",
]
SNAKE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./-])")
GROUP_KEY = re.compile(r"[^\s@]+@\d+(?:\.\d+)?\b")  # "serum 1@10": a sample's key with its dilution

# The text of these elements is the user's own data (file names, tags, tokens), not the portal's words.
DATA_SELECTORS = "code, pre, kbd, .mono, .key, [data-user-text], .js-plotly-plot"

VISIBLE_TEXT_JS = """(selectors) => {
  const skip = new Set(document.querySelectorAll(selectors));
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let el = n.parentElement, hidden = false;
    for (let e = el; e; e = e.parentElement) {
      if (skip.has(e) || e.tagName === 'SCRIPT' || e.tagName === 'STYLE') { hidden = true; break; }
    }
    if (hidden || !n.textContent.trim()) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden]')) continue;
    out.push(n.textContent.trim());
  }
  document.querySelectorAll('[title], [aria-label], [placeholder]').forEach(e => {
    if (e.closest(selectors)) return;
    for (const a of ['title', 'aria-label', 'placeholder']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
  });
  document.querySelectorAll('option').forEach(o => out.push(o.textContent.trim()));
  return out;
}"""

CLIPPED_LABELS_JS = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const texts = plot.querySelectorAll(
      '.xtitle, .ytitle, .gtitle, .xtick text, .ytick text, .legendtext, .cbtitle text, .cbaxis text, ' +
      '.annotation-text, .g-xtitle text, .g-ytitle text');
    texts.forEach(t => {
      const r = t.getBoundingClientRect();
      if (!r.width || !t.textContent.trim()) return;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push((plot.id || plot.dataset.figure || 'plot') + ': "' + t.textContent.trim() + '"');
      }
    });
  });
  return out;
}"""

# every id an attribute points at exists on the page (aria-describedby at a help text never printed...)
DANGLING_IDS_JS = """() => {
  const out = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']) {
    document.querySelectorAll('[' + attr + ']').forEach(el => {
      if (el.closest('template')) return;
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) out.push(attr + '="' + id + '" on <' + el.tagName.toLowerCase() + '>');
      }
    });
  }
  return out;
}"""

AXE_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length}));
}"""


def _named_pages() -> set[str]:
    """The names of every URL of the portal outside the API and the admin ("app:name")."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace in ("api", "admin"):
                    continue
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return names


def _demo(lab, user, other_lab, other_user):
    """The demo lab's data (the one `make run` loads), a randomisation, and an open invitation."""
    from il2portal import services
    from il2portal.demo import load_demo_data
    from il2portal.models import Job, TestArticle
    from molecules.models import LotRelease
    from studies.models import Animal, Arm, Randomisation, Study

    load_demo_data(lab=lab, user=user)
    services.lab_invitation_create(lab=other_lab, invitee=user, role="member", invited_by=other_user)
    from il2portal.notifications import notify

    first_job = Job.objects.filter(lab=lab).order_by("pk").first()
    notify(
        lab=lab,
        users=[user],
        kind="job_failed",
        title=f"{first_job.label} failed (job {first_job.pk})",
        body="The curve did not converge after 5000 iterations; check the standards of plate "
        + "PLATE" * 30,  # one long unbroken word: it wraps in its card
        url=f"/jobs/{first_job.pk}/",
    )
    notify(lab=lab, users=[user], kind="signature", title="Run “Demo IL-2 ELISA” waits for your signature")
    from assays.models import AssayRun, Layout, Plate, PlateImport

    study = Study.objects.filter(lab=lab).first()
    randomisation = Randomisation.objects.filter(study__lab=lab).first()
    if randomisation is None:
        from tests.studies.factories import RandomisationFactory

        randomisation = RandomisationFactory(study=study, lab=lab, date=study.day0 + dt.timedelta(days=7))
    runs = {r.name: r for r in AssayRun.objects.filter(lab=lab)}
    elisa = runs["Demo IL-2 ELISA (SoftMax export)"]
    bioassay = runs["Demo IL-2 reporter bioassay"]
    time_course = next(r for r in runs.values() if r.series and r.timepoint_h == 24)
    dilutions = runs["Demo IL-2 ELISA dilution linearity"]
    serum_run = runs["Demo serum IL-2 after the first mutein dose"]
    return {
        "study": study,
        "animal": Animal.objects.filter(study=study).order_by("tag").first(),
        "arm": Arm.objects.filter(study=study).order_by("order").first(),
        "randomisation": randomisation,
        "elisa": elisa,
        "bioassay": bioassay,
        "time_course": time_course,
        "dilutions": dilutions,
        "serum_run": serum_run,
        "plate": elisa.plates.order_by("pk").first(),
        "bioassay_plate": bioassay.plates.first(),
        "layout": Layout.objects.filter(lab=lab).order_by("pk").first(),
        "job": Job.objects.filter(lab=lab).order_by("pk").first(),
        "article": TestArticle.objects.filter(lab=lab).order_by("pk").first(),
        "mutein": TestArticle.objects.get(lab=lab, name="IL-2 not-alpha mutein"),
        "release": LotRelease.objects.filter(lab=lab).order_by("pk").first(),
        # names the lab chose (plates are named after their files): may hold any characters
        "own_words": sorted(
            {
                *Plate.objects.filter(lab=lab).values_list("name", flat=True),
                *PlateImport.objects.filter(lab=lab).values_list("original_filename", flat=True),
            },
            key=len,
            reverse=True,
        ),
    }


def _pages(d) -> list[tuple[str, str, str]]:
    """(url name, screenshot name, path) of every page walked while logged in."""
    s = d["study"].pk
    return [
        ("home", "home", "/"),
        ("assays:upload", "upload", "/assays/upload/"),
        ("assays:plate-list", "plate-list", "/assays/plates/"),
        ("assays:plate-detail", "plate-elisa", f"/assays/plates/{d['plate'].pk}/"),
        ("assays:plate-detail", "plate-bioassay", f"/assays/plates/{d['bioassay_plate'].pk}/"),
        ("assays:import-list", "imports", "/assays/imports/"),
        ("assays:layout-list", "layout-list", "/assays/layouts/"),
        ("assays:layout-new", "layout-new", "/assays/layouts/new/"),
        ("assays:layout-detail", "layout-detail", f"/assays/layouts/{d['layout'].pk}/"),
        ("assays:run-list", "run-list", "/assays/runs/"),
        ("assays:run-new", "run-new", "/assays/runs/new/"),
        ("assays:run-detail", "run-elisa", f"/assays/runs/{d['elisa'].pk}/"),
        ("assays:run-detail", "run-bioassay", f"/assays/runs/{d['bioassay'].pk}/"),
        ("assays:run-detail", "run-time-course-24h", f"/assays/runs/{d['time_course'].pk}/"),
        ("assays:run-detail", "run-elisa-dilutions", f"/assays/runs/{d['dilutions'].pk}/"),
        ("assays:time-courses", "time-courses", "/assays/time-courses/"),
        ("assays:time-course", "time-course", f"/assays/time-courses/{d['time_course'].series}/"),
        ("studies:list", "study-list", "/studies/"),
        ("studies:today", "study-today", "/studies/today/"),
        ("studies:detail", "study-detail", f"/studies/{s}/"),
        ("studies:report", "study-report", f"/studies/{s}/report/"),
        ("studies:setup", "study-setup", f"/studies/{s}/setup/"),
        ("studies:measure", "study-measure", f"/studies/{s}/measure/"),
        ("studies:import", "study-import", f"/studies/{s}/import/"),
        ("studies:randomise", "study-randomise", f"/studies/{s}/randomise/"),
        ("studies:serum", "study-serum", f"/studies/{s}/serum/?run={d['serum_run'].pk}"),
        ("studies:exposure", "study-exposure", f"/studies/{s}/exposure/"),
        ("studies:synergy", "study-synergy", f"/studies/{s}/synergy/"),
        ("studies:immune", "study-immune", f"/studies/{s}/immune/"),
        ("studies:review", "study-review", f"/studies/{s}/review/"),
        ("review-queue", "review-queue", "/review/"),
        ("account-name", "account-name", "/accounts/name/"),
        ("studies:audit", "study-audit", f"/studies/{s}/audit/"),
        ("assays:run-audit", "run-audit", f"/assays/runs/{d['bioassay'].pk}/audit/"),
        ("audit", "lab-audit", "/audit/"),
        ("audit-record", "record-audit", f"/audit/record/?record=il2portal.testarticle&id={d['article'].pk}"),
        ("studies:randomisation", "study-randomisation", f"/studies/randomisations/{d['randomisation'].pk}/"),
        ("studies:animal", "study-animal", f"/studies/animals/{d['animal'].pk}/"),
        ("studies:arm", "study-group", f"/studies/groups/{d['arm'].pk}/"),
        ("test-article-list", "test-articles", "/test-articles/"),
        ("test-article-detail", "test-article", f"/test-articles/{d['article'].pk}/"),
        ("test-article-detail", "molecule-mutein", f"/test-articles/{d['mutein'].pk}/"),
        ("molecules:selectivity", "selectivity", "/molecules/selectivity/"),
        ("molecules:monitoring", "potency-monitoring", "/molecules/monitoring/"),
        (
            "molecules:compare",
            "compare-molecules",
            f"/molecules/compare/?ids={d['article'].pk}&ids={d['mutein'].pk}",
        ),
        ("molecules:cell-lines", "cell-lines", "/molecules/cell-lines/"),
        ("molecules:release-detail", "lot-release", f"/molecules/releases/{d['release'].pk}/"),
        ("molecules:release-new", "lot-release-new", f"/molecules/lots/{d['release'].lot_id}/release/"),
        ("job-detail", "job", f"/jobs/{d['job'].pk}/"),
        ("lab-settings", "lab-settings", "/lab/"),
        ("tokens", "tokens", "/accounts/tokens/"),
        ("invitations", "invitations", "/accounts/invitations/"),
        ("notifications", "notifications", "/notifications/"),
        ("lab-choose", "lab-choose", "/accounts/labs/"),
        ("password_change", "password-change", "/accounts/password/"),
        ("password_change_done", "password-change-done", "/accounts/password/done/"),
        ("404", "not-found", "/no-such-page/"),
    ]


# pages whose tables fit their card, without scrolling sideways, from this width up (the lists at a
# desktop's width; the measurement grid on a tablet)
TABLES_FIT = {"plate-list": 1400, "study-list": 1400, "imports": 1400, "study-measure": 800}

TABLES_SCROLLING_JS = """() => [...document.querySelectorAll('.table-wrap')]
  .filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => (w.querySelector('table') || w).id || w.getAttribute('aria-label') || 'a table')"""

ANONYMOUS = [("login", "login", "/accounts/login/"), ("404", "not-found-anonymous", "/no-such-page/")]


def test_the_walk_covers_every_page():
    walked = {name for name, _, _ in ANONYMOUS + _pages(_AnyRecord())}
    missing = _named_pages() - walked - set(NOT_PAGES)
    assert not missing, f"pages the walk does not visit (add them to _pages or NOT_PAGES): {sorted(missing)}"


class _AnyRecord(dict):
    """Stands for the data in :func:`test_the_walk_covers_every_page`: any key, a record with pk 1."""

    pk = 1
    lot_id = 1
    series = "x"

    def __missing__(self, key):
        return self


def _problems_of(
    page, url: str, name: str, width: int, log: list[str], axe_counts: dict, own_words: list[str]
) -> list[str]:
    problems = [f"console: {m}" for m in log]
    page.wait_for_load_state("load")
    try:  # plots draw after load
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-figure]')].every(e => e.dataset.drawn === '1')",
            timeout=10_000,
        )
    except Exception:  # noqa: BLE001
        problems.append("a plot was not drawn within 10 s")
    page.wait_for_timeout(150)  # responsive plots settle
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )
    if sizes["scroll"] > sizes["client"] + 1:
        problems.append(f"horizontal scroll: the page is {sizes['scroll']} px wide in {sizes['client']} px")
    problems += [f"clipped plot label {c}" for c in page.evaluate(CLIPPED_LABELS_JS)]
    problems += [f"points at a missing id: {d}" for d in page.evaluate(DANGLING_IDS_JS)]
    if width >= TABLES_FIT.get(name, 10**6):
        problems += [f"table does not fit its card: {t}" for t in page.evaluate(TABLES_SCROLLING_JS)]
    for v in page.evaluate(AXE_JS):
        axe_counts[v["impact"]] = axe_counts.get(v["impact"], 0) + v["count"]
        rules = axe_counts.setdefault("rules", {})
        rules[f"{v['impact']} {v['id']}"] = rules.get(f"{v['impact']} {v['id']}", 0) + v["count"]
        axe_counts.setdefault("where", []).append(
            f"[{width} px] {name}: {v['impact']} {v['id']} {v['nodes']}"
        )
        if v["impact"] in ("serious", "critical"):
            problems.append(f"axe {v['impact']} {v['id']} ({v['help']}) ×{v['count']}: {v['nodes']}")
    text = page.evaluate(VISIBLE_TEXT_JS, DATA_SELECTORS)
    found = set()
    for chunk in text:
        for words in own_words:  # the lab's own names (file and plate names) are not the portal's words
            chunk = chunk.replace(words, " ")
        for token in KNOWN_TOKENS:
            if re.search(rf"(?<![\w/]){re.escape(token)}(?![\w/])", chunk):
                found.add(token)
        found.update(SNAKE.findall(chunk))
        found.update(GROUP_KEY.findall(chunk))
    problems += [f"internal token in the text: {t!r}" for t in sorted(found)]
    out = SCREENSHOTS / "pages" / str(width)
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    return [f"[{width} px] {name} ({url}): {p}" for p in problems]


def _walk(
    browser, base: str, pages, width: int, *, login: bool, axe_counts: dict, own_words: list[str]
) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(script=AXE)
    page = context.new_page()
    log: list[str] = []
    expected_404: list[str] = []

    def on_console(msg):
        if msg.type == "error":
            if expected_404 and "404" in msg.text and msg.location.get("url", "").endswith(expected_404[0]):
                return
            log.append(msg.text + (f" ({msg.location.get('url')})" if msg.location.get("url") else ""))

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.append(f"uncaught {exc}"))
    page.on("requestfailed", lambda req: log.append(f"request failed {req.url}: {req.failure}"))
    problems: list[str] = []
    try:
        if login:
            page.goto(f"{base}/accounts/login/")
            page.fill("#id_username", "alice")
            page.fill("#id_password", "correct horse battery staple")
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
        else:  # browsers ask for /favicon.ico (headless Chromium does not): it must be there
            icon = page.request.get(f"{base}/favicon.ico")
            if not icon.ok or "svg" not in icon.headers.get("content-type", "") + icon.url:
                problems.append(f"/favicon.ico: HTTP {icon.status} {icon.url}")
        for _url_name, name, path in pages:
            log.clear()
            expected_404[:] = [path] if _url_name == "404" else []
            response = page.goto(f"{base}{path}")
            status = response.status if response else 0
            if _url_name != "404" and status != 200:
                problems.append(f"[{width} px] {name} ({path}): HTTP {status}")
            problems += _problems_of(page, path, name, width, list(log), axe_counts, own_words)
    finally:
        context.close()
    return problems


@pytest.mark.django_db(transaction=True)
def test_every_page_reads_well_at_1400_and_800_px(browser, live_server, lab, user, other_lab, other_user):
    data = _demo(lab, user, other_lab, other_user)
    problems: list[str] = []
    axe_counts: dict = {}
    for width in WIDTHS:
        for pages, login in ((ANONYMOUS, False), (_pages(data), True)):
            problems += _walk(
                browser,
                live_server.url,
                pages,
                width,
                login=login,
                axe_counts=axe_counts,
                own_words=data["own_words"],
            )
    summary = SCREENSHOTS / "pages" / "problems.json"
    summary.parent.mkdir(parents=True, exist_ok=True)
    summary.write_text(json.dumps({"axe_nodes_by_impact": axe_counts, "problems": problems}, indent=1))
    print(f"axe violations (nodes) by impact and rule over every page at both widths: {axe_counts}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_the_menu_folds_away_below_1000_px_and_opens_with_its_button(logged_in_page, live_server):
    page = logged_in_page
    page.goto(f"{live_server.url}/test-articles/")
    toggle = page.locator(".nav-toggle")
    assert not toggle.is_visible()  # 1400 px: the sidebar is there, no button
    assert page.locator("#sidebar-nav a[aria-current=page]").inner_text() == "Test articles"
    page.set_viewport_size({"width": 800, "height": 900})
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#sidebar-nav").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("#sidebar-nav >> text=Members & tokens").click()
    page.wait_for_url(f"{live_server.url}/lab/")
    assert page.locator("#sidebar-nav a[aria-current=page]").inner_text() == "Members & tokens"


@pytest.mark.django_db(transaction=True)
def test_a_table_wider_than_its_card_is_a_named_region_the_keyboard_can_scroll(logged_in_page, live_server):
    page = logged_in_page
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"{live_server.url}/lab/")
    page.evaluate(
        "() => { const w = document.querySelector('.table-wrap'); w.querySelector('table').style.minWidth = '1600px'; }"
    )
    page.wait_for_function("document.querySelector('.table-wrap').getAttribute('tabindex') === '0'")
    wrap = page.locator(".table-wrap").first
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")
    wrap.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.table-wrap').scrollLeft > 0")
