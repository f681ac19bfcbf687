from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Reassay")


@_attrs_define
class Reassay:
    """
    Attributes:
        sample (None | str):
        group (str):
        dilution_factor (float | None):
        reason (str):
        plate (int | Unset):
    """

    sample: None | str
    group: str
    dilution_factor: float | None
    reason: str
    plate: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sample: None | str
        sample = self.sample

        group = self.group

        dilution_factor: float | None
        dilution_factor = self.dilution_factor

        reason = self.reason

        plate = self.plate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sample": sample,
                "group": group,
                "dilution_factor": dilution_factor,
                "reason": reason,
            }
        )
        if plate is not UNSET:
            field_dict["plate"] = plate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sample(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sample = _parse_sample(d.pop("sample"))

        group = d.pop("group")

        def _parse_dilution_factor(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dilution_factor = _parse_dilution_factor(d.pop("dilution_factor"))

        reason = d.pop("reason")

        plate = d.pop("plate", UNSET)

        reassay = cls(
            sample=sample,
            group=group,
            dilution_factor=dilution_factor,
            reason=reason,
            plate=plate,
        )

        reassay.additional_properties = d
        return reassay

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
