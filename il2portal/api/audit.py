"""``GET /api/v1/audit/``: the audit trail the export pages show (il2portal.audit), as JSON pages or CSV.

The trail is read from the same sources as the pages: the whole lab (``core_sources`` and every app's
``register_audit_sources``), one record (``?record=app_label.model&id=N``), or what an app registers as
a scope with ``register_audit_scope`` (``?run=``, ``?study=``). A source added to the trail (a new
app, signatures) shows up here without a change to this module.

Newest first, paged by moment like the print-ready page: a page ends between two moments (never inside
a change of several fields or a batch saved at once) and ``next`` is the same query with ``before`` set
to the oldest moment shown. There is no ``count``: counting the rows of a trail means reading all of it
(one row per changed field). Read only; instrument tokens may not read it (it names people and their
reasons; instruments push data).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import renderers, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param

from il2portal import registry
from il2portal.api.errors import ApiError
from il2portal.api.fields import default_lab
from il2portal.api.filters import MAX_OFFSET, MIN_OFFSET
from il2portal.api.pagination import Pagination
from il2portal.api.schema import AutoSchema
from il2portal.audit import AuditScope, AuditScopeInvalid, trail_page
from il2portal.permissions import NotInstrumentToken
from il2portal.tenancy import request_lab_ids

_WHOLE = re.compile(r"[0-9]{1,30}")
MAX_ID = 2**63 - 1


# ---- the answer


def _json_value(value):
    """An old or new value as JSON: numbers, booleans, text and null as they are; dates and times in ISO
    8601; a JSON field's content; a number that is not finite is null; anything else its text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | Decimal):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dt.date):  # also datetimes
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


@extend_schema_field(OpenApiTypes.ANY)
class AuditValueField(serializers.Field):
    def to_representation(self, value):
        return _json_value(value)


class AuditUserSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="`system` for changes made by no one signed in.")
    full_name = serializers.CharField(help_text="First and last name; empty when not known.")


class AuditRecordSerializer(serializers.Serializer):
    type = serializers.CharField(
        source="record_type", help_text="What the record is, as the CSV says it (`measurement`)."
    )
    model = serializers.CharField(
        source="record_model",
        help_text="`app_label.model` (`studies.measurement`): with `id`, `?record=` and `?id=` of this "
        "endpoint give the record's own trail (records that are versions, e.g. `assays.runresult`, have none).",
    )
    id = serializers.IntegerField(source="record_id", allow_null=True)
    name = serializers.CharField(source="record_name", help_text="The record as people know it.")


class AuditRowSerializer(serializers.Serializer):
    """One line of the trail (one line of the CSV)."""

    when = serializers.DateTimeField(help_text="When, ISO 8601 in UTC with its offset.")
    user = AuditUserSerializer(source="*")
    action = serializers.CharField(
        help_text="`created`, `changed`, `deleted`, `added` (a new result or analysis version), `signed`, "
        "`rejected` or `signature refused` (a wrong password); sources added to the trail may bring more."
    )
    record = AuditRecordSerializer(source="*")
    field = serializers.CharField(
        help_text="The field changed, by its name for people (`length (mm)`); `version` for an added "
        "version; empty when the record was created or deleted or nothing else changed."
    )
    old = AuditValueField(
        allow_null=True,
        help_text="The value before (null when there was none); a related record by its name.",
    )
    new = AuditValueField(
        allow_null=True, help_text="The value after (null when there is none); a related record by its name."
    )
    reason = serializers.CharField(help_text="The reason given for the change; empty when none was asked.")
    signature = serializers.CharField(
        help_text="On an electronic signature's row: its meaning, the version signed and the SHA-256 it "
        "binds; empty on other rows."
    )


class AuditTrailSerializer(serializers.Serializer):
    subject = serializers.CharField(help_text="What the trail covers (`Assay run R-12`, `Lab Tregs`).")
    lab = serializers.IntegerField(help_text="The lab the records belong to.")
    time_zone = serializers.CharField(help_text="The lab's time zone, in which the CSV writes times.")
    next = serializers.URLField(
        allow_null=True,
        help_text="The next (older) page: this query with `before` moved on; null on the last.",
    )
    results = AuditRowSerializer(many=True, help_text="Newest first.")


class CSVRenderer(renderers.BaseRenderer):
    """``?format=csv`` or ``Accept: text/csv``. The trail streams itself (the view answers the CSV);
    an error is answered as JSON (:meth:`AuditViewSet.finalize_response`)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data)


# ---- the query


def _one(request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise _invalid(name, f"give {name} once, not {len(values)} times.")
    return values[0]


def _invalid(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _id(request, name: str) -> int | None:
    raw = _one(request, name)
    if raw is None:
        return None
    if not _WHOLE.fullmatch(raw.strip()):
        raise _invalid(name, f"give an id, a whole number from 1, not {raw[:50]!r}.")
    return int(raw.strip())


def _moment(request, name: str) -> dt.date | dt.datetime | None:
    """An ISO 8601 date or date-time; an aware one with its offset in -12:00..+14:00. A date, or a
    date-time without an offset, is read on the lab's clock once the lab is known."""
    raw = _one(request, name)
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        value = parse_datetime(text) if ("T" in text or " " in text) else parse_date(text)
    except ValueError as exc:  # 2026-02-30, offset -25:00
        raise _invalid(name, f"{text[:50]!r} is not a valid date or date-time ({exc}).") from None
    if value is None:
        raise _invalid(name, f"{text[:50]!r} is not an ISO 8601 date (2026-03-01) or date-time.")
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        if not MIN_OFFSET <= value.utcoffset() <= MAX_OFFSET:
            raise _invalid(name, f"{text[:50]!r}: the UTC offset must lie between -12:00 and +14:00.")
        try:
            value.astimezone(dt.UTC)
        except OverflowError:
            raise _invalid(name, f"{text[:50]!r} is outside the calendar once made UTC.") from None
    return value


def _on_lab_clock(value, zone: ZoneInfo, name: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min)
    try:
        moment = value if timezone.is_aware(value) else value.replace(tzinfo=zone)
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise _invalid(name, f"{value.isoformat()[:50]!r} is outside the calendar once made UTC.") from None


def _zone(lab) -> ZoneInfo:
    from il2portal.audit_views import lab_zone

    return lab_zone(lab)


# ---- the schema


def _parameters() -> list[OpenApiParameter]:
    scopes = registry.audit_scopes()
    return [
        OpenApiParameter(
            "record",
            str,
            description="A record's own trail (also after it was deleted), with `id`: "
            "`app_label.model`, e.g. `studies.measurement`, `assays.assayrun`, `il2portal.lot`.",
        ),
        OpenApiParameter("id", int, description="The id of the `record`."),
        *(
            OpenApiParameter(param, int, description=f"The trail of {hook.description}")
            for param, hook in scopes.items()
        ),
        OpenApiParameter(
            "lab",
            int,
            description="Without `record`, "
            + ", ".join(f"`{p}`" for p in scopes)
            + ": the whole lab's trail, of this lab (default: the caller's only or current lab).",
        ),
        OpenApiParameter(
            "after",
            str,
            description="Only changes at or after this moment: an ISO 8601 date (from the "
            "start of that day in the lab's time zone, as the *Audit trail* page) or date-time (without an "
            "offset: the lab's clock).",
        ),
        OpenApiParameter(
            "before",
            str,
            description="Only changes strictly before this moment (a date: before that day "
            "begins in the lab's time zone). The `next` link sets it to page on.",
        ),
        OpenApiParameter(
            "page_size",
            int,
            description=f"Rows per page, 1 to {Pagination.max_page_size:,} (default "
            f"{Pagination.page_size or 50}). A page ends between two moments: a change of several fields "
            "is never split, and a batch saved at one moment comes whole, even past the size.",
        ),
    ]


class AuditSchema(AutoSchema):
    """The operation's parameters list the registered scopes, read when the schema is made."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), *_parameters()]

    def _get_format_parameters(self):
        # ?format= is DRF's answer switch, declared on no operation (a plate's format is `vendor`;
        # tests/core/test_schema_contract.py); the CSV is described by its media type and the description
        return []

    def get_operation_id(self):
        return "audit_trail"

    def get_summary(self):
        return "The audit trail of a record, a run, a study or the lab (JSON pages or CSV)"

    def get_description(self):
        return (
            "Who changed what, when, from which value to which, and why: the trail the portal's audit "
            "pages show and export. Choose at most one of `record` + `id`, "
            + ", ".join(f"`{p}`" for p in registry.audit_scopes())
            + " (another lab's record is a 404), or none for the whole lab; narrow with `after` and "
            "`before`. Newest first; follow `next`. With `?format=csv` (DRF's answer-format switch, as "
            "`?format=json`) or `Accept: text/csv`: every row at once, streamed, as the export pages' CSV "
            "(times in the lab's time zone, spreadsheet-safe). A name or id that is not one, or a bad "
            "date, is a 400 naming the parameter. Personal tokens and the browser session only: "
            "instrument tokens get 403."
        )

    def get_response_serializers(self):
        return {
            (200, "application/json"): AuditTrailSerializer,
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="With `?format=csv` or `Accept: text/csv`: the CSV of the export pages "
                "(`when, username, full name, record type, record, action, field, old, new, reason, signature`), "
                "as an attachment.",
            ),
            403: OpenApiResponse(description="Instrument tokens may not read the audit trail."),
        }

    def get_request_serializer(self):
        return None

    def _is_list_view(self, serializer=None):
        return False  # one trail object (with its rows), not an array of them


# ---- the view


class AuditViewSet(viewsets.GenericViewSet):
    """``GET /api/v1/audit/`` (read only: other methods are 405)."""

    schema = AuditSchema()
    pagination_class = None
    filter_backends: list = []
    serializer_class = AuditTrailSerializer
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer]
    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, NotInstrumentToken]
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):  # no model: the trail is read from the registered sources
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), CSVRenderer
        ):
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        scope, after, before, page_size = self._query(request)
        zone = _zone(scope.lab)
        if isinstance(request.accepted_renderer, CSVRenderer):
            from il2portal.audit_views import trail_csv_response

            suffix = "".join(
                f"-{word}-{day}"
                for word, moment in (("from", after), ("before", before))
                if moment is not None and (day := _day_on(moment, zone))
            )
            return trail_csv_response(
                scope.sources, time_zone=zone, after=after, before=before, filename=scope.filename + suffix
            )
        rows, next_before = trail_page(scope.sources, before=before, after=after, limit=page_size)
        next_url = None
        if next_before is not None:
            next_url = replace_query_param(request.build_absolute_uri(), "before", next_before.isoformat())
        data = {
            "subject": scope.subject,
            "lab": scope.lab.pk,
            "time_zone": str(zone),
            "next": next_url,
            "results": rows,
        }
        return Response(AuditTrailSerializer(data).data)

    def _query(self, request) -> tuple[AuditScope, dt.datetime | None, dt.datetime | None, int]:
        """The scope and range asked for; every parameter is checked (400) before a record is looked
        up (404)."""
        if request.query_params.get("page") is not None:
            raise _invalid(
                "page", "the audit trail is paged by moment, not number: follow `next` (it sets `before`)."
            )
        hooks = registry.audit_scopes()
        record = _one(request, "record")
        record_id = _one(request, "id")
        ids = {param: _id(request, param) for param in hooks}
        lab_id = _id(request, "lab")
        after, before = _moment(request, "after"), _moment(request, "before")
        page_size = Pagination().get_page_size(request) or Pagination.page_size or 50
        asked = [p for p, v in ids.items() if v is not None] + (["record"] if record is not None else [])
        if record is None and record_id is not None:
            raise _invalid("record", "give the record's type (app_label.model) with its id.")
        if len(asked) > 1:
            raise _invalid(
                asked[1], f"give one of {', '.join(['record', *hooks])}, not {' and '.join(asked)}."
            )
        if asked and lab_id is not None:
            raise _invalid("lab", f"lab chooses the whole lab's trail; {asked[0]} already says which lab.")
        if asked == ["record"]:
            if record_id is None:
                raise _invalid("id", "give the id of the record.")
            from il2portal.audit_views import record_scope

            try:
                scope = record_scope(request, record, record_id)
            except AuditScopeInvalid as exc:
                raise _invalid(exc.param, exc.message) from None
        elif asked:
            pk = ids[asked[0]]
            if not 0 < pk <= MAX_ID:
                raise Http404("No such record in your labs.")
            scope = registry.audit_scope(asked[0], request, pk)
        else:
            from il2portal.audit_views import lab_scope
            from il2portal.models import Lab

            if lab_id is not None:
                if lab_id not in request_lab_ids(request):
                    raise ApiError("not_found", "Not found in your labs.", status_code=404)
                lab = Lab.objects.get(pk=lab_id)
            else:
                lab = default_lab(request, None)
            scope = lab_scope(lab)
        zone = _zone(scope.lab)
        after_at, before_at = _on_lab_clock(after, zone, "after"), _on_lab_clock(before, zone, "before")
        if after_at is not None and before_at is not None and before_at <= after_at:
            raise _invalid("before", "before must be later than after.")
        return scope, after_at, before_at, page_size


def _day_on(moment, zone) -> str:
    """The moment's date on the lab's clock for a file name ("" at the ends of the calendar, where the
    zone's offset would leave the years a datetime can hold)."""
    try:
        return f"{moment.astimezone(zone):%Y%m%d}"
    except OverflowError:
        return ""
