"""Pages of the studies app: list, PI dashboard, set-up, group (arm) page with its treatments,
measurement grid, sheet import, randomisation, the day's work, animal page, exports. Every record is
read through the tenancy helpers, so another lab's study or animal is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from il2portal import formatting
from il2portal.audit import audit_trail, audit_trails
from il2portal.models import Job
from il2portal.tenancy import current_lab, get_scoped_or_404
from studies import exports, figures, live, selectors
from studies.analysis import ANALYSIS_VERSION
from studies.analysis.volume import DEFAULT_MAX_AXIS_MM
from studies.analysis.volume import FORMULAS as VOLUME_FACTORS
from studies.forms import (
    ROUTE_SUGGESTIONS,
    AnalyseForm,
    AnimalsForm,
    ArmForm,
    DosesGivenForm,
    EventForm,
    ImportForm,
    MeasurementCorrectionForm,
    MeasurementGridForm,
    RandomiseForm,
    ReasonForm,
    StudyForm,
    arm_treatment_formset,
    parse_day,
)
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    ArmTreatment,
    Dose,
    Event,
    Measurement,
    Randomisation,
    SheetImport,
    Study,
)
from studies.send import send_zip
from studies.services.analyses import analysis_request, survival_inputs_sha
from studies.services.common import REASON_MAX_LENGTH, BatchError, StudyError, lab_today
from studies.services.design import animals_create, arm_create, arm_update, study_create, study_status_set
from studies.services.dosing import doses_record
from studies.services.events import event_delete, events_record
from studies.services.measurements import (
    MAX_WEIGHT_G,
    measurement_update,
    measurements_record,
    sheet_import_store,
)
from studies.services.randomisation import randomisation_run
from studies.sheets import SheetError, read_measurement_sheet

STUDIES_PER_PAGE = 50
ANIMALS_PER_PAGE = 100  # the set-up page's animal table
UPLOADS_PER_PAGE = 10  # the sheet-import page's recent uploads


def _lab_or_404(request):
    lab = current_lab(request)
    if lab is None:
        raise Http404("You are not a member of any lab yet; ask your PI to add you.")
    return lab


def _study(request, pk: int) -> Study:
    return get_scoped_or_404(Study.objects.select_related("lab"), request, pk=pk)


def _next(request, default: str) -> str:
    target = request.POST.get("next") or default
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return default
    return target


# --------------------------------------------------------------------------------------------------
# List and set-up


@login_required
def study_list(request):
    lab = _lab_or_404(request)
    form = StudyForm(lab=lab, initial={"strain": "C57BL/6", "tumor_model": "MC38"})
    if request.method == "POST":
        form = StudyForm(request.POST, lab=lab)
        if form.is_valid():
            data = dict(form.cleaned_data)
            study = study_create(lab=lab, user=request.user, **data)
            messages.success(request, f"Study “{study.name}” created. Add its groups and animals.")
            return redirect("studies:setup", pk=study.pk)
    page = Paginator(selectors.study_list(lab), STUDIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "studies/study_list.html", {"page": page, "form": form})


@login_required
def study_setup(request, pk: int):
    study = _study(request, pk)
    study_form = StudyForm(instance=study, lab=study.lab, prefix="study")
    arm_form = ArmForm(study=study, prefix="arm", initial={"capacity": 10})
    treatment_rows = arm_treatment_formset(study=study)
    animals_form = AnimalsForm(study=study, prefix="animals", initial={"implanted_on": study.implanted_on})
    if request.method == "POST":
        if "save_study" in request.POST:
            study_form = StudyForm(request.POST, instance=study, lab=study.lab, prefix="study")
            if study_form.is_valid():
                study_form.instance._history_user = request.user
                study_form.save()
                messages.success(request, "Study settings saved.")
                return redirect("studies:setup", pk=study.pk)
        elif "add_arm" in request.POST:
            arm_form = ArmForm(request.POST, study=study, prefix="arm")
            treatment_rows = arm_treatment_formset(request.POST, study=study)
            if arm_form.is_valid() and treatment_rows.is_valid():
                try:
                    arm = arm_create(
                        study=study,
                        treatments=treatment_rows.treatment_rows(),
                        user=request.user,
                        **arm_form.cleaned_data,
                    )
                except StudyError as exc:
                    arm_form.add_error(None, exc.message)
                else:
                    n = arm.treatments.count()
                    messages.success(
                        request, f"Group “{arm.name}” added with {n} treatment{'s' if n != 1 else ''}."
                    )
                    return redirect("studies:setup", pk=study.pk)
        elif "add_animals" in request.POST:
            animals_form = AnimalsForm(request.POST, study=study, prefix="animals")
            if animals_form.is_valid():
                d = animals_form.cleaned_data
                start = study.animals.count()
                rows = [
                    {
                        "tag": tag,
                        "cage": f"C{(start + i) // d['per_cage'] + 1}",
                        "sex": d["sex"],
                        "age_weeks": d["age_weeks"],
                        "implanted_on": d["implanted_on"] or study.implanted_on,
                        "arm": d["arm"],
                    }
                    for i, tag in enumerate(d["tags"])
                ]
                try:
                    created = animals_create(study=study, rows=rows, user=request.user)
                except BatchError as exc:  # the same tags added at the same moment elsewhere
                    messages.error(request, f"No animals were added: {exc.errors[0].message}")
                else:
                    messages.success(request, f"{len(created)} animals added.")
                    return redirect("studies:setup", pk=study.pk)
    data = selectors.load_study_data(study)
    return render(
        request,
        "studies/setup.html",
        {
            "study": study,
            "study_form": study_form,
            "arm_form": arm_form,
            "treatment_rows": treatment_rows,
            "route_suggestions": ROUTE_SUGGESTIONS,
            "animals_form": animals_form,
            "arms": selectors.arm_summary(data, None),
            "animals": Paginator(data.animals, ANIMALS_PER_PAGE).get_page(request.GET.get("page")),
            "history": audit_trail(study),
        },
    )


def _treatment_initial(arm: Arm) -> list[dict]:
    return [
        {
            "id": t.pk,
            "test_article": t.test_article_id,
            "lot": t.lot_id,
            "dose": t.dose,
            "dose_unit": t.dose_unit,
            "route": t.route,
            "schedule": t.schedule,
        }
        for t in arm.treatments.all()
    ]


def _arm_audit(arm: Arm) -> list:
    """The group's audit trail and those of its treatments (also removed ones), newest first."""
    entries = list(audit_trail(arm))
    treatments = ArmTreatment.history.filter(arm_id=arm.pk)
    names = dict(  # each treatment by its latest test article (newest row wins)
        treatments.exclude(test_article=None).order_by("history_date").values_list("id", "test_article__name")
    )
    for tid, trail in audit_trails(treatments).items():
        what = f"treatment {names[tid]}" if names.get(tid) else "a treatment"
        entries += [_relabel(e, what) for e in trail]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:60]


@login_required
def arm_edit(request, pk: int):
    """Change a group: its settings and its treatment rows (add, change, remove). Planned doses
    follow; given doses stay as recorded, and a treatment with given doses cannot be removed."""
    arm = get_scoped_or_404(Arm.objects.select_related("study", "study__lab"), request, pk=pk)
    study = arm.study
    initial = _treatment_initial(arm)
    form = ArmForm(instance=arm, study=study, prefix="arm")
    rows = arm_treatment_formset(study=study, initial=initial)
    if request.method == "POST":
        form = ArmForm(request.POST, instance=arm, study=study, prefix="arm")
        rows = arm_treatment_formset(request.POST, study=study, initial=initial)
        if form.is_valid() and rows.is_valid():
            try:
                arm_update(
                    arm=arm, fields=form.cleaned_data, treatments=rows.treatment_rows(), user=request.user
                )
            except StudyError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"Group “{arm.name}” saved; its planned doses follow its treatments."
                )
                return redirect("studies:setup", pk=study.pk)
    return render(
        request,
        "studies/arm_edit.html",
        {
            "study": study,
            "arm": arm,
            "arm_form": form,
            "treatment_rows": rows,
            "route_suggestions": ROUTE_SUGGESTIONS,
            "history": _arm_audit(arm),
        },
    )


# --------------------------------------------------------------------------------------------------
# Dashboard


def _tgi_withheld_labels(growth: dict) -> dict[str, str]:
    """Why a TGI cell is empty, with the thresholds the growth summary used (the study's settings)."""
    share = f"{growth.get('mean_curve_min_fraction', 0.5) * 100:g} %"
    return {
        "control_below_min_n": f"control n < {growth.get('tgi_min_control_n', 3)}",
        "control_curve_stopped": f"control < {share}",
        "group_curve_stopped": f"group < {share}",
    }


MEDIAN_RULE_LABELS = {
    "midpoint": "Median: the day survival falls below 50 %; where the curve stays at exactly 50 %, the "
    "midpoint of that flat stretch (R survfit, GraphPad Prism); its CI is read off the CI curves the "
    "same way.",
    "first": "Median: the first day survival is at or below 50 % (the start of a flat stretch at 50 %, "
    "not R's midpoint); its CI is read off the CI curves the same way.",
}


def _mixed_context(mixed: dict | None, names: dict, colors: dict) -> dict | None:
    """Rows of the dashboard's mixed-model table: control first, then the treated groups."""
    if mixed is None:
        return None
    comps = {c["group"]: c for c in mixed["comparisons"]}
    rows = []
    for g in mixed["groups"]:
        c = comps.get(g["group"])
        rows.append(
            {
                **g,
                "name": names.get(g["group"], g["group"]),
                "color": colors.get(g["group"]),
                "diff": c,
                "p": formatting.p_value(c["p"]) if c else None,
                "p_holm": formatting.p_value(c["p_adjusted"]) if c else None,
            }
        )
    model = mixed["model"]
    return {
        "available": mixed["available"],
        "rows": rows,
        "model": model,
        "n_comparisons": len(mixed["comparisons"]),
        "random": {
            "intercept + slope": "a random intercept and slope (growth rate) per animal",
            "intercept": "a random intercept per animal",
        }.get(model["random_effects"] or "", "—"),
        "flags": mixed["flags"],
    }


def _due_by_date(study: Study, rows: list[dict]) -> list[dict]:
    """Doses due per date, then per group; a group's treatments are listed when it has several."""
    out: list[dict] = []
    for r in rows:
        if not out or out[-1]["date"] != r["date"]:
            out.append(
                {
                    "date": r["date"],
                    "day": study.day_of(r["date"]),
                    "overdue": r["overdue"],
                    "n": 0,
                    "groups": [],
                }
            )
        day = out[-1]
        day["n"] += r["n"]
        if not day["groups"] or day["groups"][-1]["arm_id"] != r["arm_id"]:
            day["groups"].append({"arm_id": r["arm_id"], "name": r["arm__name"], "treatments": []})
        day["groups"][-1]["treatments"].append({"name": r["treatment"], "n": r["n"]})
    return out


def _flat_at_half(result: dict, group: dict) -> tuple[float, float] | None:
    """(start, end) of the stretch where the group's KM curve is exactly 0.5 when its median is the
    midpoint of that stretch (R survfit, Prism), so the page can say why the median is not an event day."""
    median = group.get("median_days")
    curve = next((c for c in result.get("curves", []) if c["group"] == group["group"]), None)
    if median is None or curve is None or result.get("median_rule", "first") != "midpoint":
        return None
    times, surv = curve["times"], curve["survival"]
    on = [i for i, s in enumerate(surv) if s is not None and abs(s - 0.5) < 1.5e-8]
    if not on or times[on[0]] == median:
        return None
    after = [t for t, s in zip(times, surv, strict=True) if s is not None and s < 0.5 - 1.5e-8]
    ends = [*after, *curve.get("censored_times", []), *times]
    end = after[0] if after else max(ends)
    return (times[on[0]], end)


def dashboard_context(study: Study, today: dt.date, user=None) -> dict:
    """Everything the PI dashboard shows; a fixed number of queries whatever the number of animals.
    Fits nothing: the live summaries come from :mod:`studies.live`."""
    data = selectors.load_study_data(study)
    analyses = selectors.latest_analyses(study)
    summaries = live.summaries(data, user=user)
    growth = summaries.growth
    colors = figures.arm_colors([(a.pk, a.is_control) for a in data.arms])
    names = {a.pk: a.name for a in data.arms}
    names[selectors.UNASSIGNED] = "not randomised"
    figs = {
        "fig-growth-data": figures.growth_figure(
            growth, colors, endpoint_mm3=study.endpoint_volume_mm3, filename=f"study-{study.pk}-growth"
        ),
        "fig-spaghetti-data": figures.spaghetti_figure(
            growth,
            colors,
            names,
            endpoint_mm3=study.endpoint_volume_mm3,
            filename=f"study-{study.pk}-per-animal",
        ),
        "fig-weight-data": figures.weight_figure(
            growth,
            colors,
            weight_loss_pct=study.weight_loss_endpoint_pct,
            filename=f"study-{study.pk}-body-weight",
        ),
    }
    survival = analyses.get("survival")
    survival_ctx = None
    if survival is not None:
        res = survival.result
        figs["fig-km-data"] = figures.km_figure(res, colors, filename=f"study-{study.pk}-kaplan-meier")
        hr = {h["group"]: h for h in res.get("hazard_ratios", [])}
        survival_ctx = {
            "record": survival,
            "result": res,
            "groups": [
                {
                    **g,
                    "hr": hr.get(g["group"]),
                    "color": colors.get(g["group"]),
                    "flat": _flat_at_half(res, g),
                }
                for g in res["groups"]
            ],
            "pairwise": [
                {**p, "a_name": names.get(p["a"], p["a"]), "b_name": names.get(p["b"], p["b"])}
                for p in res.get("pairwise", [])
            ],
            "stale": survival_inputs_sha(data, survival.settings) != survival.inputs_sha256,
            "outdated": survival.analysis_version != ANALYSIS_VERSION,
            "flags": res.get("flags", []),
            "ci_label": res.get("ci_method", "log-log"),
            # results stored before the rule was recorded used the first time with S <= 0.5
            "median_label": MEDIAN_RULE_LABELS.get(res.get("median_rule", "first"), ""),
        }
    # TGI / T-C table: treated arms × the last measurement days
    tgi_by = {}
    withheld = _tgi_withheld_labels(growth)
    for t in growth.get("tgi", []):
        tgi_by[(t["group"], t["day"])] = {**t, "reason": withheld.get(t.get("withheld"), "")}
    days = sorted({t["day"] for t in growth.get("tgi", [])})[-8:]
    tgi_rows = []
    for g in growth.get("groups", []):
        if g["group"] in (growth.get("control_group"), selectors.UNASSIGNED):
            continue
        tgi_rows.append(
            {
                "name": g["name"],
                "color": colors.get(g["group"]),
                "cells": [tgi_by.get((g["group"], d)) for d in days],
                "delay": g.get("growth_delay_days"),
                "responses": g.get("response_counts", {}),
            }
        )
    response_rows = [
        {
            "name": g["name"],
            "color": colors.get(g["group"]),
            "counts": g["response_counts"],
            "median_ttv": g.get("median_days_to_volume"),
            "delay": g.get("growth_delay_days"),
        }
        for g in growth.get("groups", [])
        if g["group"] != selectors.UNASSIGNED
    ]
    means_days = sorted({s["day"] for g in growth.get("groups", []) for s in g["series"] if s["n"]})
    means_table = {
        "days": means_days,
        "rows": [
            {
                "group": g["group"],
                "name": g["name"],
                "n_animals": g["n_animals"],
                "color": colors.get(g["group"]),
                "cells": [
                    next((s for s in g["series"] if s["day"] == d and s["n"]), None) for d in means_days
                ],
            }
            for g in growth.get("groups", [])
        ],
    }
    has_groups = any(a.arm_id for a in data.animals)
    mixed = _mixed_context(summaries.mixed if has_groups else None, names, colors)
    refreshing = (
        summaries.state != "current"
        and summaries.refresh_job is not None
        and Job.objects.filter(pk=summaries.refresh_job, status__in=("queued", "running")).exists()
    )
    alerts = selectors.study_alerts(data, today)
    arms = selectors.arm_summary(data, growth)
    for row in arms:
        row["color"] = colors.get(row["arm"].pk)
    unassigned = sum(1 for a in data.animals if a.arm_id is None)
    alive = sum(1 for a in data.animals if a.status == Animal.Status.ALIVE)
    last_day = max((rows[-1].date for rows in data.measurements.values() if rows), default=None)
    due_doses = _due_by_date(study, selectors.doses_due(Dose.objects.filter(study=study), today))
    upcoming = (
        Dose.objects.filter(study=study, status=Dose.Status.PLANNED, date__gt=today).order_by("date").first()
    )
    overdue = selectors.overdue_tags(alerts)
    due_measure = sum(
        1
        for a in data.animals
        if a.status == Animal.Status.ALIVE
        and (
            not data.measurements.get(a.pk)
            or (
                data.measurements[a.pk][-1].date != today
                and (
                    a.tag in overdue
                    or (today - data.measurements[a.pk][-1].date).days >= study.measure_every_days
                )
            )
        )
    )
    return {
        "study": study,
        "today": today,
        "due_doses": due_doses,
        "due_measure": due_measure,
        "n_overdue": len(overdue),
        "next_dose": {"date": upcoming.date, "day": study.day_of(upcoming.date)} if upcoming else None,
        "today_day": study.day_of(today),
        "arms": arms,
        "unassigned": unassigned,
        "n_animals": len(data.animals),
        "n_alive": alive,
        "last_measured": last_day,
        "last_measured_day": study.day_of(last_day) if last_day else None,
        "alerts": alerts,
        "n_reached": sum(1 for a in alerts if a["level"] == "reached"),
        "n_warning": sum(1 for a in alerts if a["level"] == "warning" and not a.get("overdue")),
        "n_overdue_alerts": sum(1 for a in alerts if a.get("overdue")),
        "figures": figs,
        "survival": survival_ctx,
        "growth_record": analyses.get("growth"),
        "growth_flags": growth.get("flags", []),
        "tgi_days": days,
        "tgi_rows": tgi_rows,
        "response_rows": response_rows,
        "control_name": growth.get("control_name"),
        "means_table": means_table,
        "analysis_version": ANALYSIS_VERSION,
        "curve_min_pct": growth.get("mean_curve_min_fraction", 0.5) * 100,
        "tgi_min_control_n": growth.get("tgi_min_control_n", 3),
        "activity": selectors.recent_activity(data, analyses),
        "has_groups": has_groups,
        "mixed": mixed,
        "live_state": summaries.state,
        "live_refreshing": refreshing,
        "combination": _combination_summary(study),
    }


def _combination_summary(study: Study) -> dict:
    """The dashboard's line on the newest synergy and exposure analyses (one query; their pages carry
    the rest)."""
    newest = (
        AnalysisResult.objects.filter(study=study, kind=OuterRef("kind"))
        .order_by("-version")
        .values("version")[:1]
    )
    found = {
        a.kind: a
        for a in AnalysisResult.objects.filter(
            study=study, kind__in=("synergy", "exposure"), version=Subquery(newest)
        )
    }
    out: dict = {kind: found.get(kind) for kind in ("synergy", "exposure")}
    synergy = out["synergy"]
    if synergy is not None:
        days = [d for d in synergy.result["synergy"]["days"] if d.get("bliss")]
        out["last"] = days[-1] if days else None
        out["hsa_arm"] = synergy.result["synergy"].get("hsa_arm")
    exposure = out["exposure"]
    if exposure is not None:
        out["er"] = (exposure.result.get("exposure_response") or {}).get("overall")
        out["n_mice"] = len(exposure.result["pk"]["animals"])
    return out


@login_required
def study_detail(request, pk: int):
    study = _study(request, pk)
    context = dashboard_context(study, lab_today(study.lab), request.user)
    return render(request, "studies/study_detail.html", context)


@login_required
@require_POST
def study_status(request, pk: int):
    """Mark the study completed (it leaves the home page and the today list) or back in life."""
    study = _study(request, pk)
    status = request.POST.get("status")
    if status not in (Study.Status.ACTIVE, Study.Status.COMPLETED):
        messages.error(request, "Choose “completed” or “in life”.")
        return redirect("studies:detail", pk=study.pk)
    study_status_set(study=study, status=status, user=request.user, reason=request.POST.get("reason", ""))
    if status == Study.Status.COMPLETED:
        messages.success(
            request, f"{study.name} is completed: it no longer shows on the home page or the today list."
        )
    else:
        messages.success(request, f"{study.name} is back in life.")
    return redirect("studies:detail", pk=study.pk)


@login_required
@require_POST
def study_analyse(request, pk: int):
    study = _study(request, pk)
    form = AnalyseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an analysis: growth, survival, synergy, exposure or immune.")
        return redirect("studies:detail", pk=study.pk)
    kind = form.cleaned_data["kind"]
    try:
        job = analysis_request(study=study, kind=kind, settings={}, user=request.user)
    except StudyError as exc:
        messages.error(request, exc.message)
        return redirect("studies:detail", pk=study.pk)
    if job.status == "succeeded":
        messages.success(request, f"{kind.capitalize()} analysis v{job.result['version']} stored.")
    elif job.status == "failed":
        messages.error(request, f"The {kind} analysis failed: {job.error}")
    else:
        messages.info(request, f"The {kind} analysis is running (job #{job.pk}); reload in a moment.")
    if kind in ("exposure", "synergy", "immune"):
        return redirect(f"studies:{kind}", pk=study.pk)
    return redirect(reverse("studies:detail", args=[study.pk]) + f"#{kind}")


# --------------------------------------------------------------------------------------------------
# Measurement grid and sheet import


def _grid_rows_json(rows) -> dict:
    return {
        str(r["animal"].pk): {
            "tag": r["animal"].tag,
            "volumes": r["history"]["volumes"],
            "weights": r["history"]["weights"],
            "baseline_weight": r["history"]["baseline_weight"],
            "rate": r["history"]["rate"],
        }
        for r in rows
    }


@login_required
def measure(request, pk: int):
    study = _study(request, pk)
    today = lab_today(study.lab)
    on = parse_day(request.POST.get("date") or request.GET.get("date"), today)
    data = selectors.load_study_data(study)
    overdue = {}
    if on == today:
        overdue = {a["animal"]: a["message"] for a in selectors.study_alerts(data, today) if a.get("overdue")}
    rows = selectors.measurement_grid(data, on, overdue)
    values: dict[str, dict] = {}
    errors: dict[str, str] = {}
    error_list: list[str] = []
    if request.method == "POST":
        form = MeasurementGridForm(request.POST, animals=[r["animal"] for r in rows if r["existing"] is None])
        form.is_valid()  # every value is optional text: the service reads the numbers
        values = form.typed()
        batch, owners = [], []
        for a in form.animals:
            v = values[str(a.pk)]
            if any(v.values()):
                batch.append({"animal": a.tag, "date": on.isoformat(), **v})
                owners.append(a)
        if not batch:
            messages.warning(request, "Nothing to save: the grid is empty.")
        else:
            try:
                created = measurements_record(study=study, rows=batch, user=request.user)
            except BatchError as exc:
                for e in exc.errors:
                    animal = owners[e.index] if e.index < len(owners) else None
                    label = animal.tag if animal else f"row {e.index + 1}"
                    if animal is not None:
                        errors.setdefault(str(animal.pk), f"{e.field}: {e.message}")
                    error_list.append(f"{label}: {e.field.replace('_mm', '').replace('_g', '')}: {e.message}")
            else:
                swapped = sum(1 for m in created if m.swapped)
                note = f" ({swapped} with length and width swapped)" if swapped else ""
                messages.success(
                    request, f"Saved {len(created)} measurements for {on} (day {study.day_of(on)}){note}."
                )
                return redirect("studies:detail", pk=study.pk)
    return render(
        request,
        "studies/measure.html",
        {
            "study": study,
            "on": on,
            "day": study.day_of(on),
            "prev_day": on - dt.timedelta(days=1),
            "next_day": on + dt.timedelta(days=1),
            "today": today,
            "rows": rows,
            "values": values,
            "errors": errors,
            "error_list": error_list,
            "grid_data": {
                "day": study.day_of(on),
                "factor": VOLUME_FACTORS[study.volume_formula],
                "endpoint": study.endpoint_volume_mm3,
                "weight_loss_pct": study.weight_loss_endpoint_pct,
                "max_axis": DEFAULT_MAX_AXIS_MM,
                "max_weight": MAX_WEIGHT_G,
                "animals": _grid_rows_json(rows),
            },
            "n_done": sum(1 for r in rows if r["existing"] is not None),
            "corrections": selectors.corrections(r["existing"].pk for r in rows if r["existing"] is not None),
            "open_correction": request.GET.get("correct", ""),
            "reason_max_length": REASON_MAX_LENGTH,
        },
    )


CORRECTED_FIELDS = (("length_mm", "length", "mm"), ("width_mm", "width", "mm"), ("weight_g", "weight", "g"))


def _num(v) -> str:
    return "—" if v is None else f"{v:g}"


@login_required
@require_POST
def measurement_correct(request, pk: int):
    """Correct a saved measurement from the entry grid: a reason is required and kept in the record's
    history with the old values (measurement_update, the same service as PATCH in the API)."""
    measurement = get_scoped_or_404(
        Measurement.objects.select_related("animal", "study", "study__lab"), request, pk=pk
    )
    study = measurement.study
    back = reverse("studies:measure", args=[study.pk]) + f"?date={measurement.date.isoformat()}"
    form = MeasurementCorrectionForm(request.POST)
    tag, day = measurement.animal.tag, study.day_of(measurement.date)
    if not form.is_valid():
        messages.error(request, f"Nothing was changed: give the reason for correcting {tag} on day {day}.")
        return redirect(back + f"&correct={measurement.pk}")
    reason = form.cleaned_data["reason"]
    old = {name: getattr(measurement, name) for name, _, _ in CORRECTED_FIELDS}
    data = {name: form.cleaned_data[name] for name, _, _ in CORRECTED_FIELDS}
    try:
        measurement_update(measurement=measurement, data=data, user=request.user, reason=reason)
    except BatchError as exc:
        e = exc.errors[0]
        field = dict((n, label) for n, label, _ in CORRECTED_FIELDS).get(e.field, e.field)
        messages.error(request, f"Nothing was changed for {tag} on day {day}: {field}: {e.message}")
        return redirect(back + f"&correct={measurement.pk}")
    changes = [
        f"{label} {_num(old[name])} → {_num(getattr(measurement, name))} {unit}"
        for name, label, unit in CORRECTED_FIELDS
        if old[name] != getattr(measurement, name)
    ]
    if changes:
        messages.success(
            request,
            f"Corrected {tag} on day {day}: {', '.join(changes)}"
            + (" (axes swapped)" if measurement.swapped and "swapped" not in reason else "")
            + f". Reason: {reason[:REASON_MAX_LENGTH]}",
        )
    else:
        messages.info(request, f"{tag} on day {day}: the values are unchanged.")
    return redirect(back)


@login_required
@require_POST
def event_remove(request, pk: int):
    """Remove an event entered by mistake from the animal page, with a required reason kept in the
    history (event_delete, as DELETE /api/v1/events/{id}/); removing an exit event brings the
    animal back to alive and its cancelled doses back to planned."""
    event = get_scoped_or_404(Event.objects.select_related("animal", "study"), request, pk=pk)
    animal = event.animal
    back = reverse("studies:animal", args=[animal.pk])
    form = ReasonForm(request.POST)
    what = f"{event.get_kind_display()} of {animal.tag} on {event.date}"
    if not form.is_valid():
        messages.error(request, f"Nothing was removed: give the reason for removing the {what}.")
        return redirect(back)
    reason = form.cleaned_data["reason"]
    event_delete(event=event, user=request.user, reason=reason)
    messages.success(request, f"Removed {what}. Reason: {reason[:REASON_MAX_LENGTH]}")
    return redirect(back)


@login_required
def measurement_import(request, pk: int):
    """Import a measurement sheet. Every upload is kept with its bytes (SheetImport), refused ones too:
    too large, beyond the sheet limits, unreadable, or with a bad row."""
    study = _study(request, pk)
    form = ImportForm()
    problems: list[dict] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        upload = request.FILES.get("file")
        if not form.is_valid():
            if upload is not None and form.has_error("file"):
                sheet_import_store(
                    study=study,
                    user=request.user,
                    filename=upload.name,
                    data=None,
                    size=upload.size,
                    error_code="file_too_large" if upload.size > ImportForm.MAX_BYTES else "invalid_sheet",
                    error_message=f"{upload.name}: {' '.join(form.errors['file'])}",
                    error_detail={"limit": "bytes", "maximum": ImportForm.MAX_BYTES, "found": upload.size}
                    if upload.size > ImportForm.MAX_BYTES
                    else None,
                )
        else:
            data = upload.read()

            def refused(code: str, message: str, detail: dict | None = None) -> None:
                sheet_import_store(
                    study=study,
                    user=request.user,
                    filename=upload.name,
                    data=data,
                    error_code=code,
                    error_message=f"{upload.name}: {message}",
                    error_detail=detail,
                )

            try:
                sheet = read_measurement_sheet(data, upload.name, day0=study.day0)
            except SheetError as exc:
                refused(exc.code, str(exc), {"limit": exc.limit} if exc.limit else None)
                messages.error(request, f"Nothing was imported from {upload.name}: {exc}")
            else:
                try:
                    created = measurements_record(
                        study=study,
                        rows=sheet.rows,
                        user=request.user,
                        default_date=form.cleaned_data["date"],
                    )
                except BatchError as exc:
                    for e in exc.errors:
                        tag = sheet.rows[e.index].get("animal") if e.index < len(sheet.rows) else ""
                        problems.append(
                            {
                                "row": sheet.row_numbers[e.index]
                                if e.index < len(sheet.row_numbers)
                                else "—",
                                "tag": tag,
                                "field": e.field,
                                "message": e.message,
                            }
                        )
                    first = problems[0]
                    message = f"Row {first['row']} ({first['tag']}): {first['field']}: {first['message']}" + (
                        f" — {len(problems) - 1} more row(s) listed below." if len(problems) > 1 else ""
                    )
                    refused("invalid_rows", message, {"rows": problems[:100]})
                    messages.error(request, f"Nothing was imported. {message}")
                else:
                    sheet_import_store(
                        study=study,
                        user=request.user,
                        filename=upload.name,
                        data=data,
                        rows_imported=len(created),
                    )
                    extra = (
                        f" Ignored columns: {', '.join(sheet.ignored_columns)}."
                        if sheet.ignored_columns
                        else ""
                    )
                    swapped = sum(1 for m in created if m.swapped)
                    if swapped:
                        extra += f" {swapped} rows had width > length: swapped."
                    messages.success(
                        request, f"Imported {len(created)} measurements from {upload.name}.{extra}"
                    )
                    return redirect("studies:detail", pk=study.pk)
    imports = Paginator(study.sheet_imports.select_related("created_by"), UPLOADS_PER_PAGE)
    return render(
        request,
        "studies/import.html",
        {
            "study": study,
            "form": form,
            "problems": problems,
            "imports": imports.get_page(request.GET.get("page")),
        },
    )


@login_required
def sheet_import_original(request, pk: int):
    """The bytes of a kept sheet upload, unchanged, with its file name."""
    return _original(get_scoped_or_404(SheetImport, request, pk=pk))


def _original(record):
    """A kept upload's bytes, unchanged, under its own file name, with its SHA-256 (sheets, flow)."""
    if not record.file:
        raise Http404("This upload was refused before it was read; no bytes were kept.")
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=record.original_filename,
        content_type="application/octet-stream",
    )
    response["X-Content-SHA256"] = record.sha256
    return response


# --------------------------------------------------------------------------------------------------
# Randomisation


PREVIEW_SALT = "studies.randomise.preview"
PREVIEW_SETTINGS = {
    "date": "the date of the volumes",
    "min_volume_mm3": "the window",
    "max_volume_mm3": "the window",
    "arms": "the groups",
    "seed": "the seed",
    "n_iter": "the number of allocations searched",
}


def _preview_settings(d: dict) -> dict:
    return {
        "date": d["date"].isoformat(),
        "min_volume_mm3": float(d["min_volume_mm3"]),
        "max_volume_mm3": float(d["max_volume_mm3"]),
        "arms": sorted(a.pk for a in d["arms"]),
        "seed": d["seed"],
        "n_iter": int(d["n_iter"]),
    }


def _preview_token(study: Study, settings: dict, inputs: dict) -> str:
    return signing.dumps(
        {"study": study.pk, "settings": settings, "inputs": inputs}, salt=PREVIEW_SALT, compress=True
    )


def _previewed(study: Study, token: str, settings: dict) -> dict:
    """The inputs a preview used, or :class:`StudyError` when the form no longer asks for what
    was previewed (settings changed, or a token that is not this study's)."""
    try:
        preview = signing.loads(token, salt=PREVIEW_SALT)
    except signing.BadSignature:
        raise StudyError("preview_invalid", "The preview could not be read. Preview again.") from None
    if preview.get("study") != study.pk:
        raise StudyError("preview_invalid", "That preview is of another study. Preview again.")
    changed = sorted(
        {PREVIEW_SETTINGS[k] for k, v in settings.items() if preview["settings"].get(k) != v},
        key=list(PREVIEW_SETTINGS.values()).index,
    )
    if changed:
        raise StudyError(
            "preview_stale",
            f"You changed {' and '.join(changed)} since the preview. Preview again to see that allocation, "
            "then assign it.",
        )
    return preview["inputs"]


@login_required
def randomise(request, pk: int):
    """Randomisation page. A preview draws the seed (when none is given), shows it and puts it in the
    form with a signed copy of the inputs it used; "Randomise and assign" after a preview assigns with
    that seed and refuses, naming what changed, unless the settings and the animals' volumes are those
    of the preview. So what is assigned is exactly what was previewed."""
    study = _study(request, pk)
    today = lab_today(study.lab)
    arms = list(Arm.objects.filter(study=study))
    initial = {
        "date": today,
        "arms": [a.pk for a in arms],
        "min_volume_mm3": 50,
        "max_volume_mm3": 100,
        "n_iter": 10000,
    }
    form = RandomiseForm(study=study, initial=initial)
    preview, preview_arms = None, []
    if request.method == "POST":
        form = RandomiseForm(request.POST, study=study)
        if form.is_valid():
            d = form.cleaned_data
            is_preview = "preview" in request.POST
            try:
                expected = None
                if not is_preview and d.get("preview_token"):
                    expected = _previewed(study, d["preview_token"], _preview_settings(d))
                record = randomisation_run(
                    study=study,
                    arms=list(d["arms"]),
                    min_volume_mm3=d["min_volume_mm3"],
                    max_volume_mm3=d["max_volume_mm3"],
                    seed=d["seed"],
                    n_iter=d["n_iter"],
                    date=d["date"],
                    user=request.user,
                    dry_run=is_preview,
                    expected_inputs=expected,
                )
            except StudyError as exc:
                messages.error(request, f"Nothing was assigned: {exc.message}")
            else:
                if record.pk is None:
                    preview, preview_arms = record, [a.pk for a in d["arms"]]
                    settings = _preview_settings({**d, "seed": record.seed})
                    data = request.POST.copy()
                    data["seed"] = str(record.seed)
                    data["preview_token"] = _preview_token(study, settings, record.inputs)
                    form = RandomiseForm(data, study=study)
                    form.seed_drawn = d["seed"] is None
                else:
                    messages.success(
                        request,
                        f"{len(record.assignment)} animals assigned (seed {record.seed}); "
                        "planned doses created from the groups' schedules.",
                    )
                    return redirect("studies:randomisation", pk=record.pk)
    on = parse_day(request.POST.get("date") if request.method == "POST" else None, today)
    volumes = selectors.latest_volumes(study, on)
    candidates = []
    for a in Animal.objects.filter(study=study).select_related("arm").order_by("tag"):
        vol = volumes.get(a.pk)
        candidates.append(
            {"animal": a, "volume": vol[0] if vol else None, "measured_on": vol[1] if vol else None}
        )
    return render(
        request,
        "studies/randomise.html",
        {
            "study": study,
            "form": form,
            "preview": preview,
            "preview_token": form["preview_token"].value() if preview else "",
            "preview_arms": preview_arms,
            "preview_ctx": _randomisation_ctx(preview) if preview else None,
            "candidates": candidates,
            "arms": arms,
            "past": Randomisation.objects.filter(study=study).select_related("created_by"),
        },
    )


def _randomisation_ctx(record: Randomisation) -> dict:
    return {
        "groups": record.group_stats,
        "assigned": [r for r in record.table if r["status"] == "assigned"],
        "others": [r for r in record.table if r["status"] != "assigned"],
    }


@login_required
def randomisation_detail(request, pk: int):
    record = get_scoped_or_404(Randomisation.objects.select_related("study", "created_by"), request, pk=pk)
    return render(
        request,
        "studies/randomisation_detail.html",
        {"study": record.study, "record": record, "ctx": _randomisation_ctx(record)},
    )


# --------------------------------------------------------------------------------------------------
# Today, doses, animals


TODAY_NEAR_PER_PAGE = 100
TODAY_TAGS_PER_STUDY = 60  # the rest are on the study's entry grid


@login_required
def today(request):
    lab = _lab_or_404(request)
    day = lab_today(lab)
    lists = selectors.today_lists(lab, day)
    # the most urgent first across studies (reached, then predicted past, then by days left), a page
    # at a time: a lab with many studies in life can have hundreds of animals near an endpoint
    lists["near"].sort(
        key=lambda a: (
            a["level"] != "reached",
            not a.get("overdue"),
            a.get("days_left") is None,
            a.get("days_left") or 0,
        )
    )
    lists["n_near"] = len(lists["near"])
    lists["near"] = Paginator(lists["near"], TODAY_NEAR_PER_PAGE).get_page(request.GET.get("near_page"))
    for entry in lists["measure"]:
        entry["more"] = max(0, len(entry["animals"]) - TODAY_TAGS_PER_STUDY)
        entry["shown"] = entry["animals"][:TODAY_TAGS_PER_STUDY]
    # one reverse() for the hundreds of animal links (the URL is /studies/animals/<id>/)
    animal_url = reverse("studies:animal", args=[0]).removesuffix("0/")
    return render(request, "studies/today.html", {"today": day, "animal_url": animal_url, **lists})


@login_required
@require_POST
def doses_given(request, pk: int):
    """Record the planned doses of one treatment of a group on one day as given (or skipped): each
    agent of a combination is recorded on its own."""
    study = _study(request, pk)
    form = DosesGivenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a group, one of its treatments and a date.")
        return redirect(_next(request, reverse("studies:today")))
    d = form.cleaned_data
    on, status = d["date"].isoformat(), d["status"]
    doses = Dose.objects.filter(
        study=study, status=Dose.Status.PLANNED, arm_id=d["arm"], treatment_id=d["treatment"], date=d["date"]
    )
    doses = list(doses.select_related("arm", "treatment__test_article"))
    n = doses_record(doses=doses, status=status, user=request.user)
    what = f" of {doses[0].treatment.name} ({doses[0].arm.name}) on {on}" if doses else ""
    messages.success(request, f"{n} dose{'s' if n != 1 else ''}{what} recorded as {status}.")
    return redirect(_next(request, reverse("studies:today")))


def _animal_audit(animal: Animal) -> list:
    """The animal's own audit trail and those of its measurements and events (deleted ones too),
    newest first; two queries per table, whatever the number of measurements."""
    entries = list(audit_trail(animal))
    measurements = Measurement.history.filter(animal_id=animal.pk)
    days = dict(measurements.order_by("history_date").values_list("id", "date"))  # newest row wins
    for mid, trail in audit_trails(measurements).items():
        entries += [_relabel(e, f"measurement of {days[mid]}") for e in trail]
    events = Event.history.filter(animal_id=animal.pk)
    kinds = {i: (k, d) for i, k, d in events.order_by("history_date").values_list("id", "kind", "date")}
    for eid, trail in audit_trails(events).items():
        kind, day = kinds[eid]
        words = Event.Kind(kind).label if kind in Event.Kind.values else kind.replace("_", " ")
        entries += [_relabel(e, f"event {words} of {day}") for e in trail]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:60]


def _relabel(entry, what: str):
    return replace(entry, action=f"{entry.action} {what}")


@login_required
def animal_detail(request, pk: int):
    animal = get_scoped_or_404(Animal.objects.select_related("study", "arm", "study__lab"), request, pk=pk)
    study = animal.study
    today = lab_today(study.lab)
    form = EventForm(initial={"date": today})
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                events_record(
                    study=study,
                    rows=[
                        {
                            "animal": animal.tag,
                            "date": d["date"].isoformat(),
                            "kind": d["kind"],
                            "note": d["note"],
                        }
                    ],
                    user=request.user,
                )
            except BatchError as exc:
                e = exc.errors[0]
                form.add_error("kind" if e.field == "kind" else "date", e.message)
            else:
                messages.success(
                    request, f"{Event.Kind(d['kind']).label.capitalize()} recorded for {animal.tag}."
                )
                return redirect("studies:animal", pk=animal.pk)
    measurements = list(Measurement.objects.filter(animal=animal).order_by("date"))
    events = list(Event.objects.filter(animal=animal).order_by("date", "id"))
    rows = [
        {"day": study.day_of(m.date), "volume_mm3": m.volume_mm3, "weight_g": m.weight_g}
        for m in measurements
    ]
    evs = [{"day": study.day_of(e.date), "label": e.get_kind_display(), "exit": e.is_exit} for e in events]
    fig = figures.animal_figure(rows, tag=animal.tag, endpoint_mm3=study.endpoint_volume_mm3, events=evs)
    data = selectors.load_study_data(study)
    alerts = [a for a in selectors.study_alerts(data, today) if a["animal"] == animal.tag]
    overdue = any(a.get("overdue") for a in alerts)
    w0 = selectors.baseline_weight(data, data.measurements.get(animal.pk, []))
    corrected = selectors.corrections(m.pk for m in measurements)
    for m in measurements:
        m.day = study.day_of(m.date)
        m.weight_change = (m.weight_g - w0) / w0 * 100 if (m.weight_g and w0) else None
        m.correction = corrected.get(m.pk)
    doses = list(
        Dose.objects.filter(animal=animal)
        .select_related("arm", "given_by", "treatment__test_article", "treatment__lot")
        .order_by("date", "treatment__order", "treatment_id")
    )
    for d in doses:
        d.day = study.day_of(d.date)
    return render(
        request,
        "studies/animal_detail.html",
        {
            "animal": animal,
            "study": study,
            "measurements": measurements,
            "events": events,
            "doses": doses,
            "dose_groups": len({d.arm_id for d in doses}) > 1,
            "figure": fig,
            "form": form,
            "alerts": alerts,
            "overdue": overdue,
            "exit_day": study.day_of(animal.exit_date) if animal.exit_date else None,
            "history": _animal_audit(animal),
        },
    )


# --------------------------------------------------------------------------------------------------
# Exports


@login_required
def export_csv(request, pk: int):
    study = _study(request, pk)
    body = exports.to_csv(exports.measurement_rows(study))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-measurements.csv"'
    return response


@login_required
def export_doses_csv(request, pk: int):
    """Every dose record of the study, one row per dose (each treatment of a combination apart)."""
    study = _study(request, pk)
    body = exports.to_csv(exports.dose_rows(study), exports.DOSE_COLUMNS)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-doses.csv"'
    return response


@login_required
def export_send(request, pk: int):
    """A best-effort SEND-style zip (DM, BW, PM, DS, EX); see studies/send.py."""
    study = _study(request, pk)
    response = HttpResponse(send_zip(study), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-send.zip"'
    return response


PRINT_WIDTH_PX = 680  # an A4 page less 15 mm margins, at 96 px per inch


def _print_figure(figure: dict | None, *, height: int | None = None) -> dict | None:
    """A dashboard figure for paper: a fixed width (a printed page does not resize a plot), no buttons
    or toolbar, nothing to hover."""
    if figure is None:
        return None
    layout = {k: v for k, v in figure.get("layout", {}).items() if k != "updatemenus"}
    layout.update(width=PRINT_WIDTH_PX, hovermode=False)
    if height:
        layout["height"] = height
    config = {"staticPlot": True, "displayModeBar": False, "responsive": False}
    return {**figure, "layout": layout, "config": config}


@login_required
def study_report(request, pk: int):
    """The dashboard for a lab meeting: study design, the figures and the tables (groups, group means,
    TGI and responses, mixed model, survival with HR, CI and p, endpoints), when it was made and with
    which analysis versions, laid out for printing (or saving as PDF from the browser)."""
    study = _study(request, pk)
    context = dashboard_context(study, lab_today(study.lab), request.user)
    context["figures"] = {name: _print_figure(fig) for name, fig in context["figures"].items()}
    exits = (
        Animal.objects.filter(study=study)
        .exclude(status=Animal.Status.ALIVE)
        .select_related("arm")
        .order_by("exit_date", "tag")
    )
    days, rows = context["means_table"]["days"], context["means_table"]["rows"]
    per_table = 6  # day columns a portrait A4 page holds
    context["means_tables"] = [
        {
            "days": days[i : i + per_table],
            "rows": [{**r, "cells": r["cells"][i : i + per_table]} for r in rows],
        }
        for i in range(0, len(days), per_table)
    ]
    context["tgi_days"] = context["tgi_days"][-per_table:]
    context["tgi_rows"] = [{**r, "cells": r["cells"][-per_table:]} for r in context["tgi_rows"]]
    context.update(
        generated_at=timezone.now(),
        time_zone=study.lab.time_zone or "UTC",
        exits=[{"animal": a, "day": study.day_of(a.exit_date) if a.exit_date else None} for a in exits],
        live_version=ANALYSIS_VERSION,
    )
    return render(request, "studies/study_report.html", context)


@login_required
def export_xlsx(request, pk: int):
    from il2portal import signing

    study = _study(request, pk)
    body = exports.to_xlsx_sheets(
        [
            ("measurements", exports.COLUMNS, exports.measurement_rows(study)),
            ("doses", exports.DOSE_COLUMNS, exports.dose_rows(study)),
            ("groups", exports.GROUP_COLUMNS, exports.group_rows(study)),
            ("study", exports.STUDY_COLUMNS, exports.study_rows(study)),
            ("analyses", exports.ANALYSIS_COLUMNS, exports.analysis_rows(study)),
            ("synergy", exports.SYNERGY_COLUMNS, exports.synergy_rows(study)),
            ("serum NCA", exports.NCA_COLUMNS, exports.nca_rows(study)),
            ("serum samples", exports.SERUM_COLUMNS, exports.serum_sample_rows(study)),
            ("immune readouts", exports.IMMUNE_COLUMNS, exports.immune_rows(study)),
            ("immune tests", exports.IMMUNE_TEST_COLUMNS, exports.immune_test_rows(study)),
            ("signatures", signing.SIGNATURE_COLUMNS, exports.signature_rows(study)),
        ]
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-measurements.xlsx"'
    return response


@login_required
def analysis_json(request, pk: int):
    record = get_scoped_or_404(AnalysisResult.objects.select_related("study"), request, pk=pk)
    body = {
        "study": record.study_id,
        "kind": record.kind,
        "version": record.version,
        "settings": record.settings,
        "analysis_version": record.analysis_version,
        "inputs_sha256": record.inputs_sha256,
        "created_at": record.created_at.isoformat(),
        "result": record.result,
    }
    response = JsonResponse(body, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = (
        f'attachment; filename="study-{record.study_id}-{record.kind}-v{record.version}.json"'
    )
    return response


@login_required
def serum_samples(request, pk: int):
    """Link an ELISA run's samples to the study's animals (naming rule or sample map), previewed first."""
    from assays.models import AssayRun
    from studies.models import SerumSample
    from studies.services.serum import DEFAULT_RULE, serum_link, serum_map_parse, serum_preview

    study = _study(request, pk)
    runs = AssayRun.objects.filter(lab=study.lab, kind=AssayRun.Kind.ELISA).order_by("-created_at")[:200]
    data = request.POST if request.method == "POST" else request.GET
    run_id, rule = data.get("run"), data.get("rule") or DEFAULT_RULE
    run = next((r for r in runs if str(r.pk) == run_id), None)
    links, unmatched, error = None, [], None
    if run_id and run is None:
        error = "Choose one of your lab's ELISA runs."
    elif run is not None:
        try:
            upload = request.FILES.get("map") if request.method == "POST" else None
            if upload is not None:
                links, unmatched = serum_map_parse(study=study, run=run, data=upload.read(MAX_MAP_UPLOAD + 1))
            else:
                links, unmatched = serum_preview(study=study, run=run, rule=rule)
            if request.method == "POST" and data.get("apply"):
                made = serum_link(study=study, run=run, links=links, user=request.user)
                messages.success(request, f"Linked {len(made)} serum samples of {run.name} to their animals.")
                return redirect("studies:serum", pk=study.pk)
        except StudyError as exc:
            error = exc.message
    linked = (
        SerumSample.objects.filter(study=study)
        .select_related("animal", "run")
        .order_by("run_id", "animal__tag", "dose_day", "hours_after_dose")
    )
    return render(
        request,
        "studies/serum.html",
        {
            "study": study,
            "runs": runs,
            "run": run,
            "rule": rule,
            "links": links,
            "unmatched": unmatched,
            "error": error,
            "linked": linked,
            "n_problems": sum(1 for x in links or [] if x.problem),
        },
        status=400 if error else 200,
    )


MAX_MAP_UPLOAD = 1_000_000


@login_required
def exposure(request, pk: int):
    """The study's serum exposure: concentration–time per arm, NCA per animal, exposure–response, from
    the newest stored exposure analysis."""
    from studies.models import AnalysisResult, SerumSample
    from studies.services.exposure import exposure_inputs_sha

    study = _study(request, pk)
    record = (
        AnalysisResult.objects.filter(study=study, kind="exposure")
        .select_related("created_by")
        .order_by("-version")
        .first()
    )
    n_linked = SerumSample.objects.filter(study=study).count()
    figs, stale, result = {}, False, None
    if record is not None:
        result = record.result
        arms = Arm.objects.filter(study=study).order_by("order", "pk")
        by_id = figures.arm_colors([(a.pk, a.is_control) for a in arms])
        colors = {a.name: by_id[a.pk] for a in arms}
        unit = result["pk"].get("concentration_unit") or ""
        figs["fig-pk-data"] = figures.concentration_time_figure(
            result["pk"], colors, filename=f"study-{study.pk}-serum-il2"
        )
        er = result.get("exposure_response")
        if er:
            label = (
                "Growth rate (per day)"
                if result["response_source"]["metric"] == "growth_rate"
                else "Best % change from baseline"
            )
            figs["fig-er-data"] = figures.exposure_response_figure(
                er, colors, unit=unit, response_label=label, filename=f"study-{study.pk}-exposure-response"
            )
        stale = exposure_inputs_sha(study, record.settings) != record.inputs_sha256
    return render(
        request,
        "studies/exposure.html",
        {
            "study": study,
            "record": record,
            "result": result,
            "fig_pk": figs.get("fig-pk-data"),
            "fig_er": figs.get("fig-er-data"),
            "stale": stale,
            "outdated": record is not None and record.analysis_version != ANALYSIS_VERSION,
            "n_linked": n_linked,
        },
    )


@login_required
def synergy(request, pk: int):
    """Combination synergy (SynergyLMM's model): the design's roles, growth rates, the combination index
    and synergy score over time for Bliss and HSA, diagnostics and power, from the newest stored
    synergy analysis. Posting roles runs a new analysis with them."""
    from studies.models import AnalysisResult
    from studies.services.synergy import synergy_design, synergy_inputs_sha

    study = _study(request, pk)
    data = selectors.load_study_data(study)
    arm_names = [a.name for a in data.arms]
    if request.method == "POST":
        roles = {r: request.POST.get(r, "") for r in ("control", "a", "b", "combination")}
        settings = {"roles": roles} if all(roles.values()) else {}
        if request.POST.get("min_day"):
            try:
                settings["min_day"] = float(request.POST["min_day"])
            except ValueError:
                messages.error(request, "The first day to test must be a number.")
                return redirect("studies:synergy", pk=study.pk)
        try:
            if settings.get("roles"):
                synergy_design(data, settings)  # refuse bad roles here, not in the job
            job = analysis_request(study=study, kind="synergy", settings=settings, user=request.user)
        except StudyError as exc:
            messages.error(request, exc.message)
            return redirect("studies:synergy", pk=study.pk)
        if job.status == "failed":
            messages.error(request, f"The synergy analysis failed: {job.error}")
        elif job.status != "succeeded":
            messages.info(request, f"The synergy analysis is running (job #{job.pk}); reload in a moment.")
        return redirect("studies:synergy", pk=study.pk)
    record = (
        AnalysisResult.objects.filter(study=study, kind="synergy")
        .select_related("created_by")
        .order_by("-version")
        .first()
    )
    design_error, roles = None, None
    try:
        roles, _arms = synergy_design(data, record.settings if record else {})
    except StudyError as exc:
        design_error = exc.message
    ctx = {
        "study": study,
        "record": record,
        "arm_names": arm_names,
        "roles": roles,
        "design_error": design_error,
    }
    if record is not None:
        res = record.result
        colors_by_id = figures.arm_colors([(a.pk, a.is_control) for a in data.arms])
        colors = {a.name: colors_by_id[a.pk] for a in data.arms}
        influential = res["diagnostics"].get("influential") or []
        days = [d for d in res["synergy"]["days"] if d.get("bliss")]
        ctx.update(
            result=res,
            last=days[-1] if days else None,
            stale=synergy_inputs_sha(data, record.settings) != record.inputs_sha256,
            outdated=record.analysis_version != ANALYSIS_VERSION,
            fig_ci=figures.combination_index_figure(
                res["synergy"], filename=f"study-{study.pk}-combination-index"
            ),
            fig_ss=figures.synergy_score_figure(res["synergy"], filename=f"study-{study.pk}-synergy-score"),
            fig_res=figures.residuals_figure(
                res["diagnostics"], colors, filename=f"study-{study.pk}-residuals"
            ),
            fig_qq=figures.qq_figure(
                res["diagnostics"]["qq_residuals"],
                x="theoretical",
                y="sample",
                title="Normal QQ plot of the residuals",
            ),
            fig_qq_slopes=figures.qq_figure(
                res["diagnostics"]["random_slopes"],
                x="theoretical",
                y="random_slope",
                title="Normal QQ plot of the random slopes",
                flagged=influential,
            ),
            fig_power=figures.power_figure(res["sample_size"], filename=f"study-{study.pk}-power"),
            max_n=max((c["n_per_arm"] for c in res["sample_size"]["curve"]), default=None),
            power_pct=100 * res["post_hoc_power"]["power"]
            if res["post_hoc_power"].get("power") is not None
            else None,
        )
    return render(request, "studies/synergy.html", ctx)


@login_required
def immune(request, pk: int):
    """Immune readouts of the study's mice: import a flow statistics table (previewed, all-or-nothing),
    the lab's panel, and the stored immune analysis (per readout a dot plot per arm, the test across
    arms, the correlation with tumor response)."""
    from studies.models import FlowImport, FlowReadout
    from studies.services.flow import DEFAULT_RULE, flow_import, flow_preview, lab_panel

    study = _study(request, pk)
    preview, error, rule = None, None, request.POST.get("rule") or DEFAULT_RULE
    if request.method == "POST" and request.POST.get("action") == "readout":
        name = (request.POST.get("name") or "").strip()[:100]
        kind = request.POST.get("kind")
        num, den = (
            (request.POST.get("numerator") or "").strip(),
            (request.POST.get("denominator") or "").strip(),
        )
        if not (name and num and den and kind in FlowReadout.Kind.values):
            messages.error(request, "A readout needs a name, a kind and both population paths.")
        elif FlowReadout.objects.filter(lab=study.lab, name=name).exists():
            messages.error(request, f"The panel already has a readout named {name!r}.")
        else:
            lab_panel(study.lab)
            FlowReadout.objects.create(
                lab=study.lab, name=name, kind=kind, numerator=num[:300], denominator=den[:300], order=100
            )
            messages.success(request, f"Added {name} to the lab's panel.")
        return redirect("studies:immune", pk=study.pk)
    if request.method == "POST" and request.POST.get("action") == "fcs":
        from studies.services.flow import flow_fcs_upload

        files = request.FILES.getlist("fcs")
        gating = request.FILES.get("gating")
        try:
            if sum(f.size for f in files) + (gating.size if gating else 0) > MAX_FCS_UPLOAD:
                raise StudyError("invalid_fcs", f"At most {MAX_FCS_UPLOAD // 2**20} MiB of files at once.")
            record = flow_fcs_upload(
                study=study,
                user=request.user,
                fcs={f.name: f.read() for f in files},
                gating=gating.read() if gating else b"",
                gating_name=gating.name if gating else "",
                rule=rule,
                skip_unmatched=bool(request.POST.get("skip")),
            )
        except StudyError as exc:
            error = exc.message
        else:
            if record.status == "succeeded":
                messages.success(
                    request,
                    f"Gated {len(record.report.get('counts', {}))} FCS files: {record.samples.count()} samples stored.",
                )
            elif record.status == "failed":
                messages.error(request, record.error_message)
            else:
                messages.info(
                    request,
                    "The FCS files are being gated (a job); this page shows the result when it is done.",
                )
            return redirect("studies:immune", pk=study.pk)
    elif request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = "Choose a statistics table (CSV or XLSX exported from FlowJo, FCS Express or Kaluza)."
        else:
            data = upload.read(MAX_FLOW_UPLOAD + 1)
            try:
                if len(data) > MAX_FLOW_UPLOAD:
                    raise StudyError(
                        "invalid_table", f"{upload.name}: larger than {MAX_FLOW_UPLOAD // 2**20} MiB."
                    )
                if request.POST.get("action") == "import":
                    record = flow_import(
                        study=study,
                        user=request.user,
                        data=data,
                        filename=upload.name,
                        rule=rule,
                        skip_unmatched=bool(request.POST.get("skip")),
                    )
                    messages.success(request, f"Imported {record.samples.count()} samples of {upload.name}.")
                    return redirect("studies:immune", pk=study.pk)
                preview = flow_preview(study=study, data=data, filename=upload.name, rule=rule)
            except StudyError as exc:
                error = exc.message
    panel = lab_panel(study.lab)
    record = AnalysisResult.objects.filter(study=study, kind="immune").order_by("-version").first()
    figs = []
    if record is not None:
        arms = Arm.objects.filter(study=study).order_by("order", "pk")
        by_id = figures.arm_colors([(a.pk, a.is_control) for a in arms])
        colors = {a.name: by_id[a.pk] for a in arms}
        order = [a.name for a in arms]
        for i, entry in enumerate(record.result["readouts"]):
            if entry.get("comparison"):
                figs.append(
                    (
                        entry,
                        figures.readout_figure(entry, colors, order, filename=f"study-{study.pk}-immune-{i}"),
                    )
                )
    imports = FlowImport.objects.filter(study=study).select_related("created_by").order_by("-created_at")[:20]
    return render(
        request,
        "studies/immune.html",
        {
            "study": study,
            "panel": panel,
            "preview": preview,
            "error": error,
            "rule": rule,
            "record": record,
            "figs": [
                {"entry": e, "figure": f, "id": f"fig-immune-{i}", "data_id": f"fig-immune-{i}-data"}
                for i, (e, f) in enumerate(figs)
            ],
            "imports": imports,
            "n_samples": study.flow_samples.count(),
            "kinds": FlowReadout.Kind.choices,
        },
        status=400 if error else 200,
    )


MAX_FLOW_UPLOAD = 20 * 1024 * 1024
MAX_FCS_UPLOAD = 200 * 1024 * 1024  # a batch of FCS files through the page (read into memory)


@login_required
def flow_import_original(request, pk: int):
    """The bytes of a kept flow upload, unchanged, with its file name."""
    from studies.models import FlowImport

    return _original(get_scoped_or_404(FlowImport, request, pk=pk))


@require_safe
@login_required
def study_audit(request, pk: int, fmt: str = "html"):
    """The study's full audit trail (the study and everything under it), print-ready or as CSV; read
    only."""
    from il2portal.audit_views import trail_response
    from studies.audit import study_scope

    scope = study_scope(request, pk)  # the same trail as GET /api/v1/audit/?study=
    return trail_response(
        request, lab=scope.lab, sources=scope.sources, title=scope.title, subject=scope.subject,
        back_url=reverse("studies:detail", args=[pk]), back_label="Back to the dashboard",
        csv_url=reverse("studies:audit-csv", args=[pk]), filename=scope.filename, fmt=fmt,
    )  # fmt: skip


@login_required
def study_review(request, pk: int):
    """The study's analyses, newest version of each kind, each with its review and signatures; older
    versions listed with theirs."""
    from il2portal import signing
    from il2portal.review_views import review_card, role_of
    from studies.models import AnalysisResult
    from studies.signing import KIND

    study = _study(request, pk)
    analyses = list(
        AnalysisResult.objects.filter(study=study)
        .select_related("created_by", "study")
        .order_by("kind", "-version")
    )
    order = {kind: i for i, kind in enumerate(AnalysisResult.Kind.values)}  # growth, survival, synergy, …
    analyses.sort(key=lambda a: (order.get(a.kind, 99), -a.version))
    reviews = signing.reviews_of(KIND, [a.pk for a in analyses])
    role = role_of(request, study.lab)
    where = {
        "growth": reverse("studies:detail", args=[study.pk]),
        "survival": reverse("studies:detail", args=[study.pk]),
        "synergy": reverse("studies:synergy", args=[study.pk]),
        "exposure": reverse("studies:exposure", args=[study.pk]),
        "immune": reverse("studies:immune", args=[study.pk]),
    }
    newest, older, seen = [], [], set()
    for a in analyses:
        a.review = reviews.get(a.pk)
        if a.kind in seen:
            older.append(a)
            continue
        seen.add(a.kind)
        card = review_card(request, lab=study.lab, kind=KIND, obj=a, review=a.review, role=role)
        newest.append({"analysis": a, "card": card, "where": where.get(a.kind, "")})
    return render(
        request,
        "studies/review.html",
        {"study": study, "tab": "review", "newest": newest, "older": older},
    )
