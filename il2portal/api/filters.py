"""Filtering that keeps to the caller's labs.

A foreign-key filter (``?layout=``, ``?lab=``, ``?test_article=``…) only accepts records of the
caller's labs, so another lab's id is answered exactly like an id that does not exist.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django_filters.rest_framework import DjangoFilterBackend

from il2portal.tenancy import request_lab_ids

MAX_ID = 2**63 - 1  # the largest primary key a database column holds
# UTC offsets in use run from -12:00 to +14:00 (PostgreSQL refuses beyond +-15:59)
MAX_OFFSET = dt.timedelta(hours=14)
MIN_OFFSET = -dt.timedelta(hours=12)


def _invalid(message: str, value, **params) -> forms.ValidationError:
    """A validation error quoting what the caller sent. The text goes in as a parameter, never into
    the message itself: django-filter formats every message with ``message % params``, so a ``%`` in
    the caller's text (``?created_before=%25``) would otherwise be a server error."""
    return forms.ValidationError(
        message, code="invalid", params={"value": repr(value), **{k: str(v) for k, v in params.items()}}
    )


class DateOrDateTimeField(forms.Field):
    """ISO 8601 date (`2026-03-01`, the start of that day in UTC) or date-time with a UTC offset between
    -12:00 and +14:00; anything else (an impossible date, offset +17:00, a moment that leaves the
    calendar once made UTC) is a validation error naming the parameter, never a server error."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip()
        try:
            moment = parse_datetime(text) if "T" in text or " " in text else None
            if moment is None:
                day = parse_date(text) if "T" not in text else None
                if day is None:
                    raise _invalid("%(value)s is not an ISO 8601 date or date-time.", value)
                moment = dt.datetime.combine(day, dt.time.min)
        except ValueError as exc:  # "2026-02-30", offset -25:00
            raise _invalid(
                "%(value)s is not a valid date or date-time (%(reason)s).", value, reason=exc
            ) from None
        if timezone.is_aware(moment):
            offset = moment.utcoffset()
            if not MIN_OFFSET <= offset <= MAX_OFFSET:
                raise _invalid("%(value)s: the UTC offset must lie between -12:00 and +14:00.", value)
            try:
                return moment.astimezone(dt.UTC)
            except OverflowError:
                raise _invalid("%(value)s is outside the calendar once made UTC.", value) from None
        return timezone.make_aware(moment, dt.UTC)


class DateOrDateTimeFilter(django_filters.Filter):
    field_class = DateOrDateTimeField


class IdFilter(django_filters.NumberFilter):
    """A record id given as a number (e.g. ``?group=`` for an arm): a whole number 1 .. 2**63 - 1."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class _BoundedPkMixin:
    """For model-choice filter fields: an id beyond a 64-bit integer is an invalid choice, not a query
    that overflows the database driver."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value).strip())
            except ValueError:
                number = None
            if number is not None and not -MAX_ID <= number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


_BOUNDED: dict[type, type] = {}


def _bounded(field_class: type) -> type:
    if field_class not in _BOUNDED:
        _BOUNDED[field_class] = type(f"Bounded{field_class.__name__}", (_BoundedPkMixin, field_class), {})
    return _BOUNDED[field_class]


class LabScopedFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        lab_ids = request_lab_ids(request) if request is not None else []
        for filter_ in self.filters.values():
            if isinstance(
                filter_, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
            ):
                filter_.field_class = _bounded(filter_.field_class)
            choices = getattr(filter_, "queryset", None)
            if choices is None:
                continue
            model_qs = choices if not callable(choices) else None
            if model_qs is not None and hasattr(model_qs, "for_labs"):
                filter_.queryset = model_qs.for_labs(lab_ids)


class LabScopedFilterBackend(DjangoFilterBackend):
    filterset_base = LabScopedFilterSet
