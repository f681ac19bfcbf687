"""What an app adds to the core. Each app registers its parts in its ``AppConfig.ready``; the core
reads them here and imports no app (``tests/core/test_app_registry.py`` checks both).

An app listed in ``INSTALLED_APPS`` calls, from ``ready()``:

- :func:`register_job_kind`: long work run by :mod:`il2portal.jobs`, naming its handler;
- :func:`register_api_routes`: its viewsets on the one v1 router, and what instrument tokens may write;
- :func:`register_pages`: its page URLs and its block of the sidebar;
- :func:`register_dashboard_panels`: its counts and links on the home dashboard;
- :func:`register_first_steps`: what a new lab does first with it, shown on the dashboard until done;
- :func:`register_test_article_sections`: its sections of a test article's (molecule's) page;
- :func:`register_demo`: its part of ``make run``'s demo data;
- :func:`register_audit_sources`: its records' histories in the lab's audit trail export;
- :func:`register_signable`: a kind of record version that is reviewed and signed (il2portal.signing);
- :func:`register_audit_scope`: the trail of one of its records and what hangs on it (a run, a study),
  chosen with a query parameter of ``GET /api/v1/audit/`` (``?run=12``);
- :func:`register_periodic`: work the workers run every so often (e.g. endpoint notifications);
- and :func:`il2portal.warmup.register` for imports to do when a process starts.

Job handlers are passed as functions: a worker needs them from its start, and a wrong name fails at
start. The rest are dotted paths, imported the first time a page, the API or the demo needs them, so
a process that serves none of these (a migration, a worker) does not import an app's views.
Registering the same thing again changes nothing (Django may run ``ready()`` twice, e.g. when a test
changes ``INSTALLED_APPS``); two different handlers for one job kind are a configuration error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Callable[[Any], dict]  # handler(job) -> the job's result (plain JSON)
    label: str  # what pages call it ("Assay run analysis")
    result: str | None  # dotted path of the serializer describing the result in the OpenAPI schema
    on_failure: Callable[[Any, str], None] | None = None  # on_failure(job, message), after a failure
    # dotted path of subjects(jobs) -> {job id: (name, url)}: what each job analysed, for pages to link
    subjects: str | None = None
    # whether the person who started a failed job is notified (il2portal.notifications); False for
    # jobs the portal starts by itself (a dashboard refresh)
    notify_failure: bool = True


@dataclass(frozen=True)
class Periodic:
    name: str
    path: str  # dotted path of a function taking no argument
    every_s: int  # 0: never (turned off)


@dataclass(frozen=True)
class Pages:
    prefix: str  # "assays/"
    urlconf: str  # "assays.urls"
    nav_title: str | None  # the sidebar section's title ("Assays")
    nav_template: str | None  # the section's links ("assays/_nav.html")


@dataclass(frozen=True)
class AuditScopeHook:
    param: str  # the query parameter of GET /api/v1/audit/ ("run")
    scope: str  # dotted path of scope(request, pk) -> il2portal.audit.AuditScope
    description: str  # what the trail covers, for the OpenAPI schema


@dataclass
class Registry:
    job_kinds: dict[str, JobKind] = field(default_factory=dict)
    # dotted paths, in the order the apps registered them (INSTALLED_APPS order); dicts as ordered sets
    api_routes: dict[str, None] = field(default_factory=dict)
    instrument_writes: set[tuple[str, str]] = field(default_factory=set)
    pages: dict[str, Pages] = field(default_factory=dict)
    dashboard_panels: dict[str, None] = field(default_factory=dict)
    first_steps: dict[str, None] = field(default_factory=dict)
    demo_loaders: dict[str, None] = field(default_factory=dict)
    test_article_sections: dict[str, None] = field(default_factory=dict)
    audit_sources: dict[str, None] = field(default_factory=dict)
    signables: dict[str, Signable] = field(default_factory=dict)
    audit_scopes: dict[str, AuditScopeHook] = field(default_factory=dict)
    periodic: dict[str, Periodic] = field(default_factory=dict)


_registry = Registry()


# ---- what apps call from AppConfig.ready ------------------------------------------------------------


def register_job_kind(
    name: str,
    handler: Callable[[Any], dict],
    *,
    label: str,
    result: str | None,
    on_failure: Callable[[Any, str], None] | None = None,
    subjects: str | None = None,
    notify_failure: bool = True,
) -> None:
    """A kind of job: ``handler(job)`` gets ids from ``job.params``, loads what it needs, calls pure
    analysis code, stores results through services and returns the job's ``result``. ``result`` is
    the dotted path of the serializer that describes that return value (one of the ``JobResult``
    union of the OpenAPI schema), ``None`` only for kinds the API never serves. ``on_failure(job,
    message)`` runs after a failure, outside the handler's rolled-back transaction (e.g. to mark the
    record the job was computing as failed). ``subjects``: dotted path of ``subjects(jobs) -> {job id:
    (name, url)}``, what each of these jobs (all of one lab and this kind) analysed, in a fixed number of
    queries, so that job lists name and link it. ``notify_failure``: tell the person who started a job
    that failed (a notification); off for jobs the portal starts by itself."""
    kind = JobKind(
        name=name,
        handler=handler,
        label=label,
        result=result,
        on_failure=on_failure,
        subjects=subjects,
        notify_failure=notify_failure,
    )
    known = _registry.job_kinds.get(name)
    if known is not None and known.handler is not handler:
        raise ImproperlyConfigured(
            f"Job kind {name!r} is registered twice, by {_where(known.handler)} and {_where(handler)}."
        )
    _registry.job_kinds[name] = kind


def register_api_routes(register: str, *, instrument_writes: Iterable[tuple[str, str]] = ()) -> None:
    """``register``: dotted path of a function ``register(router)`` that adds the app's viewsets to
    the v1 router. ``instrument_writes``: the ``(viewset basename, action)`` pairs an instrument token
    may call with a write method (everything else is read-only for them: il2portal.permissions)."""
    _registry.api_routes[register] = None
    _registry.instrument_writes.update(instrument_writes)


def register_pages(
    prefix: str, urlconf: str, *, nav_title: str | None = None, nav_template: str | None = None
) -> None:
    """The app's pages (``urlconf``, with its ``app_name``) under ``prefix``; with ``nav_title`` and
    ``nav_template``, a section of the sidebar (the template's links, rendered in base.html)."""
    _registry.pages[prefix] = Pages(prefix, urlconf, nav_title, nav_template)


def register_dashboard_panels(panels: str) -> None:
    """``panels``: dotted path of ``panels(lab) -> list[il2portal.dashboard.Panel]``."""
    _registry.dashboard_panels[panels] = None


def register_first_steps(steps: str) -> None:
    """``steps``: dotted path of ``steps(lab) -> list[il2portal.dashboard.Step]``: what a new lab does
    first with the app (upload, lay out, analyse; create a study), shown on the dashboard until done."""
    _registry.first_steps[steps] = None


@dataclass(frozen=True)
class Section:
    """A part of a core page that an app renders: its template, included with ``context``."""

    template: str
    context: dict = field(default_factory=dict)


def register_test_article_sections(sections: str) -> None:
    """``sections``: dotted path of ``sections(request, article) -> list[Section]``: what the app knows
    about a test article (its runs, potency, selectivity, study arms), shown on the article's page in
    the order the apps registered."""
    _registry.test_article_sections[sections] = None


def register_demo(load: str) -> None:
    """``load``: dotted path of ``load(*, lab, user) -> list[str]`` (what it made); idempotent."""
    _registry.demo_loaders[load] = None


def register_audit_sources(sources: str) -> None:
    """``sources``: dotted path of ``sources(lab) -> list`` of :class:`il2portal.audit.HistorySource`
    and :class:`il2portal.audit.VersionSource`: every history of the app's records of ``lab``, for the
    lab's audit trail export over a date range."""
    _registry.audit_sources[sources] = None


@dataclass(frozen=True)
class Signable:
    """A kind of record version that can be submitted for review and signed (il2portal.signing).
    ``kind``: its key in lab settings and URLs ("run_version"); ``label``: what pages call it ("assay
    run version"); ``model``: "app_label.Model" of the versions; ``adapter``: dotted path of a module
    with ``get(lab, pk)``, ``describe(objs)`` and ``describe_ids(pks) -> {pk: (title, url)}``, ``author_id(obj)``,
    ``author_ids(pks) -> {pk: user id}``, ``superseded(pks) -> set of pks a newer version replaces``,
    ``version(obj)``, ``problem(obj) -> str`` (why it cannot be signed now: not the newest version,
    not succeeded; "" when it can) and ``manifest(obj) -> dict`` (what a signature binds: the version,
    its inputs' hash, settings and result)."""

    kind: str
    label: str
    model: str
    adapter: str
    plural: str = ""  # "study analyses" (default: the label and "s")

    @property
    def labels(self) -> str:
        return self.plural or f"{self.label}s"

    def module(self):
        import importlib

        return importlib.import_module(self.adapter)  # a module, not an attribute: import_string needs one


def register_signable(kind: str, *, label: str, model: str, adapter: str, plural: str = "") -> None:
    _registry.signables[kind] = Signable(kind, label, model, adapter, plural)


def register_audit_scope(param: str, scope: str, *, description: str) -> None:
    """``scope``: dotted path of ``scope(request, pk: int) -> il2portal.audit.AuditScope``: the trail of
    the app's record ``pk`` (and what hangs on it) as its own page shows it, read only through
    il2portal.tenancy, so that a record outside the caller's labs raises ``Http404``. ``param`` is the
    query parameter that asks for it in ``GET /api/v1/audit/`` (``?run=12``); ``description`` says what
    the trail covers, in the OpenAPI schema."""
    known = _registry.audit_scopes.get(param)
    if known is not None and known.scope != scope:
        raise ImproperlyConfigured(
            f"Audit scope {param!r} is registered twice, by {known.scope} and {scope}."
        )
    _registry.audit_scopes[param] = AuditScopeHook(param, scope, description)


def register_periodic(name: str, path: str, *, every_s: int) -> None:
    """``path``: dotted path of a function (no arguments) the workers run every ``every_s`` seconds
    (0: never), once across all workers (il2portal.periodic). Without workers (jobs in-process) nothing
    runs it: the app offers a management command for cron as well."""
    _registry.periodic[name] = Periodic(name, path, int(every_s))


# ---- what the core reads ------------------------------------------------------------------------


def job_kinds() -> dict[str, JobKind]:
    return _registry.job_kinds


def job_subjects(jobs) -> None:
    """Set ``subject_name`` and ``subject_url`` on each job (what it analysed; ``None`` when its kind
    does not say or the record is gone). Every registered ``subjects`` function is called once, also
    with no jobs, so a page's query count does not depend on which kinds of job are among the newest."""
    jobs = list(jobs)
    by_path: dict[str, list] = {kind.subjects: [] for kind in _registry.job_kinds.values() if kind.subjects}
    for job in jobs:
        job.subject_name = job.subject_url = None
        kind = _registry.job_kinds.get(job.kind)
        if kind is not None and kind.subjects:
            by_path[kind.subjects].append(job)
    for path, group in by_path.items():
        found = import_string(path)(group)
        for job in group:
            job.subject_name, job.subject_url = found.get(job.pk, (None, None))


def job_result_serializers() -> list[type]:
    """The serializers of the job kinds' results, each once, in the order they were registered."""
    paths = dict.fromkeys(kind.result for kind in _registry.job_kinds.values() if kind.result)
    return [import_string(path) for path in paths]


def api_route_registrars() -> list[Callable]:
    return [import_string(path) for path in _registry.api_routes]


def instrument_writes() -> frozenset[tuple[str, str]]:
    return frozenset(_registry.instrument_writes)


def pages() -> list[Pages]:
    return list(_registry.pages.values())


def dashboard_panel_providers() -> list[Callable]:
    return [import_string(path) for path in _registry.dashboard_panels]


def first_step_providers() -> list[Callable]:
    return [import_string(path) for path in _registry.first_steps]


def test_article_sections(request, article) -> list[Section]:
    return [s for path in _registry.test_article_sections for s in import_string(path)(request, article)]


def demo_loaders() -> list[Callable]:
    return [import_string(path) for path in _registry.demo_loaders]


def _where(func: Callable) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', func)}"


def periodic() -> dict[str, Periodic]:
    return _registry.periodic


def audit_sources(lab) -> list:
    return [s for path in _registry.audit_sources for s in import_string(path)(lab)]


def signables() -> dict[str, Signable]:
    return dict(_registry.signables)


def audit_scopes() -> dict[str, AuditScopeHook]:
    """The registered audit scopes by query parameter, in the order the apps registered them."""
    return dict(_registry.audit_scopes)


def audit_scope(param: str, request, pk: int):
    return import_string(_registry.audit_scopes[param].scope)(request, pk)
