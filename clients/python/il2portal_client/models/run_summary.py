from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_potency_summary import RunPotencySummary


T = TypeVar("T", bound="RunSummary")


@_attrs_define
class RunSummary:
    """The few numbers of the newest result a list shows (``assays.analysis.summary``); the run's own
    ``url`` answers the whole result.

        Attributes:
            accepted (bool | None | Unset):
            reasons (list[str] | Unset):
            model (None | str | Unset):
            r_squared (float | None | Unset):
            ec50 (float | None | Unset): In `unit`; null without one.
            ec50_ci95 (list[float] | None | Unset):
            unit (None | str | Unset):
            z_prime (float | None | Unset):
            n_samples (int | Unset):
            n_flagged_samples (int | Unset):
            relative_potency (list[RunPotencySummary] | Unset):
    """

    accepted: bool | None | Unset = UNSET
    reasons: list[str] | Unset = UNSET
    model: None | str | Unset = UNSET
    r_squared: float | None | Unset = UNSET
    ec50: float | None | Unset = UNSET
    ec50_ci95: list[float] | None | Unset = UNSET
    unit: None | str | Unset = UNSET
    z_prime: float | None | Unset = UNSET
    n_samples: int | Unset = UNSET
    n_flagged_samples: int | Unset = UNSET
    relative_potency: list[RunPotencySummary] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted: bool | None | Unset
        if isinstance(self.accepted, Unset):
            accepted = UNSET
        else:
            accepted = self.accepted

        reasons: list[str] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = self.reasons

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        r_squared: float | None | Unset
        if isinstance(self.r_squared, Unset):
            r_squared = UNSET
        else:
            r_squared = self.r_squared

        ec50: float | None | Unset
        if isinstance(self.ec50, Unset):
            ec50 = UNSET
        else:
            ec50 = self.ec50

        ec50_ci95: list[float] | None | Unset
        if isinstance(self.ec50_ci95, Unset):
            ec50_ci95 = UNSET
        elif isinstance(self.ec50_ci95, list):
            ec50_ci95 = self.ec50_ci95

        else:
            ec50_ci95 = self.ec50_ci95

        unit: None | str | Unset
        if isinstance(self.unit, Unset):
            unit = UNSET
        else:
            unit = self.unit

        z_prime: float | None | Unset
        if isinstance(self.z_prime, Unset):
            z_prime = UNSET
        else:
            z_prime = self.z_prime

        n_samples = self.n_samples

        n_flagged_samples = self.n_flagged_samples

        relative_potency: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relative_potency, Unset):
            relative_potency = []
            for relative_potency_item_data in self.relative_potency:
                relative_potency_item = relative_potency_item_data.to_dict()
                relative_potency.append(relative_potency_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if accepted is not UNSET:
            field_dict["accepted"] = accepted
        if reasons is not UNSET:
            field_dict["reasons"] = reasons
        if model is not UNSET:
            field_dict["model"] = model
        if r_squared is not UNSET:
            field_dict["r_squared"] = r_squared
        if ec50 is not UNSET:
            field_dict["ec50"] = ec50
        if ec50_ci95 is not UNSET:
            field_dict["ec50_ci95"] = ec50_ci95
        if unit is not UNSET:
            field_dict["unit"] = unit
        if z_prime is not UNSET:
            field_dict["z_prime"] = z_prime
        if n_samples is not UNSET:
            field_dict["n_samples"] = n_samples
        if n_flagged_samples is not UNSET:
            field_dict["n_flagged_samples"] = n_flagged_samples
        if relative_potency is not UNSET:
            field_dict["relative_potency"] = relative_potency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_potency_summary import RunPotencySummary  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_accepted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        accepted = _parse_accepted(d.pop("accepted", UNSET))

        reasons = cast(list[str], d.pop("reasons", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_r_squared(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        r_squared = _parse_r_squared(d.pop("r_squared", UNSET))

        def _parse_ec50(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ec50 = _parse_ec50(d.pop("ec50", UNSET))

        def _parse_ec50_ci95(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ec50_ci95_type_0 = cast(list[float], data)

                return ec50_ci95_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        ec50_ci95 = _parse_ec50_ci95(d.pop("ec50_ci95", UNSET))

        def _parse_unit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        unit = _parse_unit(d.pop("unit", UNSET))

        def _parse_z_prime(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        z_prime = _parse_z_prime(d.pop("z_prime", UNSET))

        n_samples = d.pop("n_samples", UNSET)

        n_flagged_samples = d.pop("n_flagged_samples", UNSET)

        _relative_potency = d.pop("relative_potency", UNSET)
        relative_potency: list[RunPotencySummary] | Unset = UNSET
        if _relative_potency is not UNSET:
            relative_potency = []
            for relative_potency_item_data in _relative_potency:
                relative_potency_item = RunPotencySummary.from_dict(relative_potency_item_data)

                relative_potency.append(relative_potency_item)

        run_summary = cls(
            accepted=accepted,
            reasons=reasons,
            model=model,
            r_squared=r_squared,
            ec50=ec50,
            ec50_ci95=ec50_ci95,
            unit=unit,
            z_prime=z_prime,
            n_samples=n_samples,
            n_flagged_samples=n_flagged_samples,
            relative_potency=relative_potency,
        )

        run_summary.additional_properties = d
        return run_summary

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
