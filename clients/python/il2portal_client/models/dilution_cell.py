from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DilutionCell")


@_attrs_define
class DilutionCell:
    """
    Attributes:
        dilution_factor (float | None):
        reported_concentration (float | None): Interpolated × dilution factor; null when out of range.
        in_range (bool):
        mean_signal (float | None):
        flag (None | str): The sample row's flag (`below_range`, `above_range`, …).
        pct_difference (float | None): 100 (concentration / mean of the in-range dilutions − 1); null out of range.
        near_top (bool): The least-diluted well's signal is ≥ 90 % of the fitted span (hook risk).
    """

    dilution_factor: float | None
    reported_concentration: float | None
    in_range: bool
    mean_signal: float | None
    flag: None | str
    pct_difference: float | None
    near_top: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dilution_factor: float | None
        dilution_factor = self.dilution_factor

        reported_concentration: float | None
        reported_concentration = self.reported_concentration

        in_range = self.in_range

        mean_signal: float | None
        mean_signal = self.mean_signal

        flag: None | str
        flag = self.flag

        pct_difference: float | None
        pct_difference = self.pct_difference

        near_top = self.near_top

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dilution_factor": dilution_factor,
                "reported_concentration": reported_concentration,
                "in_range": in_range,
                "mean_signal": mean_signal,
                "flag": flag,
                "pct_difference": pct_difference,
                "near_top": near_top,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_dilution_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dilution_factor = _parse_dilution_factor(d.pop("dilution_factor"))

        def _parse_reported_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reported_concentration = _parse_reported_concentration(d.pop("reported_concentration"))

        in_range = d.pop("in_range")

        def _parse_mean_signal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_signal = _parse_mean_signal(d.pop("mean_signal"))

        def _parse_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flag = _parse_flag(d.pop("flag"))

        def _parse_pct_difference(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        pct_difference = _parse_pct_difference(d.pop("pct_difference"))

        near_top = d.pop("near_top")

        dilution_cell = cls(
            dilution_factor=dilution_factor,
            reported_concentration=reported_concentration,
            in_range=in_range,
            mean_signal=mean_signal,
            flag=flag,
            pct_difference=pct_difference,
            near_top=near_top,
        )

        dilution_cell.additional_properties = d
        return dilution_cell

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
