from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dilution_cell import DilutionCell


T = TypeVar("T", bound="DilutionLinearity")


@_attrs_define
class DilutionLinearity:
    """A sample measured at two or more dilutions (assays/analysis/dilution.py).

    Attributes:
        sample (str):
        unit (None | str):
        dilutions (list[DilutionCell]): Ordered by dilution factor.
        mean_concentration (float | None): Mean of the in-range dilution-corrected concentrations.
        n_in_range (int):
        max_abs_pct_difference (float | None):
        max_pct (float | None): The linearity limit (settings.linearity_max_pct).
        flags (list[str]): `non_linear`, `hook_rising`, `hook_top`, `too_few_in_range`.
        suggested_dilution_factor (float | None): The dilution to report; null when none is in range.
        suggested_concentration (float | None):
        reason (str): Why that dilution, in words.
        plate (int | Unset):
    """

    sample: str
    unit: None | str
    dilutions: list[DilutionCell]
    mean_concentration: float | None
    n_in_range: int
    max_abs_pct_difference: float | None
    max_pct: float | None
    flags: list[str]
    suggested_dilution_factor: float | None
    suggested_concentration: float | None
    reason: str
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample = self.sample

        unit: None | str
        unit = self.unit

        dilutions = []
        for dilutions_item_data in self.dilutions:
            dilutions_item = dilutions_item_data.to_dict()
            dilutions.append(dilutions_item)

        mean_concentration: float | None
        mean_concentration = self.mean_concentration

        n_in_range = self.n_in_range

        max_abs_pct_difference: float | None
        max_abs_pct_difference = self.max_abs_pct_difference

        max_pct: float | None
        max_pct = self.max_pct

        flags = self.flags

        suggested_dilution_factor: float | None
        suggested_dilution_factor = self.suggested_dilution_factor

        suggested_concentration: float | None
        suggested_concentration = self.suggested_concentration

        reason = self.reason

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample": sample,
                "unit": unit,
                "dilutions": dilutions,
                "mean_concentration": mean_concentration,
                "n_in_range": n_in_range,
                "max_abs_pct_difference": max_abs_pct_difference,
                "max_pct": max_pct,
                "flags": flags,
                "suggested_dilution_factor": suggested_dilution_factor,
                "suggested_concentration": suggested_concentration,
                "reason": reason,
            }
        )
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dilution_cell import DilutionCell  # noqa: PLC0415

        d = dict(src_dict)
        sample = d.pop("sample")

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        dilutions = []
        _dilutions = d.pop("dilutions")
        for dilutions_item_data in _dilutions:
            dilutions_item = DilutionCell.from_dict(dilutions_item_data)

            dilutions.append(dilutions_item)

        def _parse_mean_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_concentration = _parse_mean_concentration(d.pop("mean_concentration"))

        n_in_range = d.pop("n_in_range")

        def _parse_max_abs_pct_difference(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        max_abs_pct_difference = _parse_max_abs_pct_difference(d.pop("max_abs_pct_difference"))

        def _parse_max_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        max_pct = _parse_max_pct(d.pop("max_pct"))

        flags = cast(list[str], d.pop("flags"))

        def _parse_suggested_dilution_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        suggested_dilution_factor = _parse_suggested_dilution_factor(d.pop("suggested_dilution_factor"))

        def _parse_suggested_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        suggested_concentration = _parse_suggested_concentration(d.pop("suggested_concentration"))

        reason = d.pop("reason")

        plate = d.pop("plate", UNSET)

        dilution_linearity = cls(
            sample=sample,
            unit=unit,
            dilutions=dilutions,
            mean_concentration=mean_concentration,
            n_in_range=n_in_range,
            max_abs_pct_difference=max_abs_pct_difference,
            max_pct=max_pct,
            flags=flags,
            suggested_dilution_factor=suggested_dilution_factor,
            suggested_concentration=suggested_concentration,
            reason=reason,
            plate=plate,
        )

        dilution_linearity.additional_properties = d
        return dilution_linearity

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
