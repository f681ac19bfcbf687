"""Serializer pieces that keep writes inside the caller's labs."""

from __future__ import annotations

from django.db import models
from rest_framework import serializers
from rest_framework.validators import UniqueTogetherValidator

from il2portal.models import Lab
from il2portal.tenancy import chosen_lab_id, request_lab_ids


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that only accepts records of the caller's labs.

    Another lab's id is reported exactly like an id that does not exist.
    """

    default_error_messages = {
        "does_not_exist": "No {model} with id {pk_value} in your labs.",
        "incorrect_type": "Expected an id (integer), got {data_type}.",
    }

    def __init__(self, model, **kwargs):
        self.model = model
        kwargs.setdefault("queryset", model.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        qs = self.model.objects.all()
        return qs.for_labs(request_lab_ids(request)) if request is not None else qs.none()

    def to_internal_value(self, data):
        # an id the database cannot even hold is simply not one of the caller's records
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data < 2**63:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def fail(self, key, **kwargs):
        if key == "does_not_exist":
            kwargs["model"] = self.model._meta.verbose_name
        super().fail(key, **kwargs)


def default_lab(request, lab: Lab | None) -> Lab:
    """The lab a write goes to: the one given, else the caller's only lab, else the current lab the
    caller chose (API.md: ``lab`` may be omitted when the caller has one lab). Never a guess."""
    if lab is not None:
        return lab
    ids = request_lab_ids(request)
    chosen = chosen_lab_id(request.user, ids)
    if chosen is not None:
        return Lab.objects.get(pk=chosen)
    if not ids:
        raise serializers.ValidationError(
            {"lab": ["lab is required: you are not a member of any lab yet (accept an invitation first)."]}
        )
    labs = ", ".join(f"{lab.pk} ({lab.name})" for lab in Lab.objects.filter(pk__in=ids).order_by("pk"))
    raise serializers.ValidationError(
        {
            "lab": [
                f"lab is required: you belong to {len(ids)} labs ({labs}) and have not chosen a current "
                "lab; pass the lab's id as `lab`, or choose a current lab on the portal's lab switcher."
            ]
        }
    )


class LabOwnedSerializer(serializers.ModelSerializer):
    """Base for lab-owned records: ``lab`` may be omitted when the caller has one lab,
    and every related record must belong to the same lab."""

    lab = ScopedRelatedField(Lab, required=False)

    def get_validators(self):
        # Unique-together checks run in validate(), once ``lab`` has been resolved.
        return [v for v in super().get_validators() if not isinstance(v, UniqueTogetherValidator)]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if self.instance is not None:
            attrs.pop("lab", None)  # records never move between labs
            lab = self.instance.lab
        else:
            lab = attrs["lab"] = default_lab(self.context["request"], attrs.get("lab"))
        for name, value in attrs.items():
            other_lab_id = getattr(value, "lab_id", None)
            if name != "lab" and other_lab_id is not None and other_lab_id != lab.pk:
                raise serializers.ValidationError({name: f"This {name} belongs to another lab."})
        self._check_unique_constraints({**attrs, "lab": lab})
        return attrs

    # unique constraints a subclass checks itself (e.g. against values a batch read once)
    constraints_checked_by_fields: frozenset[str] = frozenset()

    def _check_unique_constraints(self, attrs) -> None:
        model = self.Meta.model
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint) or constraint.condition is not None:
                continue
            if constraint.name in self.constraints_checked_by_fields:
                continue
            values = {}
            for field in constraint.fields:
                value = attrs[field] if field in attrs else getattr(self.instance, field, None)
                values[field] = value
            qs = model.objects.filter(**values)
            if self.instance is not None:
                qs = qs.exclude(pk=self.instance.pk)
            if qs.exists():
                shown = [f for f in constraint.fields if f != "lab"]
                where = shown[-1] if shown else "lab"
                described = ", ".join(f"{f}={values[f]}" for f in shown)
                raise serializers.ValidationError(
                    {where: f"A {model._meta.verbose_name} with {described} already exists."}
                )


class BoundedListField(serializers.ListField):
    """A ListField that refuses a list longer than ``max_length`` before validating any item (DRF checks
    the length only after every item, e.g. a database lookup per id, has been validated)."""

    def to_internal_value(self, data):
        if self.max_length is not None and isinstance(data, list) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)
