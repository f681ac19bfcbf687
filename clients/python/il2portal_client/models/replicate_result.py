from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReplicateResult")


@_attrs_define
class ReplicateResult:
    """
    Attributes:
        well (str):
        signal (float | None):
        concentration (float | None): × dilution factor; null when out of range.
        flag (None | str):
    """

    well: str
    signal: float | None
    concentration: float | None
    flag: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        well = self.well

        signal: float | None
        signal = self.signal

        concentration: float | None
        concentration = self.concentration

        flag: None | str
        flag = self.flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "well": well,
                "signal": signal,
                "concentration": concentration,
                "flag": flag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        well = d.pop("well")

        def _parse_signal(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        signal = _parse_signal(d.pop("signal"))

        def _parse_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        concentration = _parse_concentration(d.pop("concentration"))

        def _parse_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        flag = _parse_flag(d.pop("flag"))

        replicate_result = cls(
            well=well,
            signal=signal,
            concentration=concentration,
            flag=flag,
        )

        replicate_result.additional_properties = d
        return replicate_result

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
