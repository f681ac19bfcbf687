from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunDiffSample")


@_attrs_define
class RunDiffSample:
    """
    Attributes:
        plate (int | None):
        sample (None | str):
        old_concentration (float | None):
        new_concentration (float | None):
        old_flag (None | str):
        new_flag (None | str):
    """

    plate: int | None
    sample: None | str
    old_concentration: float | None
    new_concentration: float | None
    old_flag: None | str
    new_flag: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        plate: int | None
        plate = self.plate

        sample: None | str
        sample = self.sample

        old_concentration: float | None
        old_concentration = self.old_concentration

        new_concentration: float | None
        new_concentration = self.new_concentration

        old_flag: None | str
        old_flag = self.old_flag

        new_flag: None | str
        new_flag = self.new_flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "plate": plate,
                "sample": sample,
                "old_concentration": old_concentration,
                "new_concentration": new_concentration,
                "old_flag": old_flag,
                "new_flag": new_flag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_plate(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        plate = _parse_plate(d.pop("plate"))

        def _parse_sample(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sample = _parse_sample(d.pop("sample"))

        def _parse_old_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        old_concentration = _parse_old_concentration(d.pop("old_concentration"))

        def _parse_new_concentration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        new_concentration = _parse_new_concentration(d.pop("new_concentration"))

        def _parse_old_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_flag = _parse_old_flag(d.pop("old_flag"))

        def _parse_new_flag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_flag = _parse_new_flag(d.pop("new_flag"))

        run_diff_sample = cls(
            plate=plate,
            sample=sample,
            old_concentration=old_concentration,
            new_concentration=new_concentration,
            old_flag=old_flag,
            new_flag=new_flag,
        )

        run_diff_sample.additional_properties = d
        return run_diff_sample

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
