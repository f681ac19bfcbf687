"""Lot release results: the combined relative potency of a lot's independent runs, stored with its
inputs (the run versions and their numbers), settings and analysis version. A new computation makes a
new version; none is overwritten."""

from __future__ import annotations

from django.conf import settings as conf
from django.db import models

from il2portal.models import LabOwned


class LotRelease(LabOwned):
    lot = models.ForeignKey("il2portal.Lot", on_delete=models.PROTECT, related_name="releases")
    version = models.PositiveIntegerField()
    cell_line = models.ForeignKey(
        "assays.CellLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # what went in: [{run, version, name, relative_potency, log10_rp, se_log10_rp, df, excluded}]
    inputs = models.JSONField(default=list)
    # the specification and rules in force when it was computed
    settings = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    passed = models.BooleanField(null=True)
    analysis_version = models.CharField(max_length=20)
    inputs_sha256 = models.CharField(max_length=64)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        conf.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["lot", "-version"]
        constraints = [models.UniqueConstraint(fields=["lot", "version"], name="one_release_per_lot_version")]

    def __str__(self) -> str:
        return f"{self.lot} release v{self.version}"
