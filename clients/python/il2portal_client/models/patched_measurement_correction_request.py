from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedMeasurementCorrectionRequest")


@_attrs_define
class PatchedMeasurementCorrectionRequest:
    """
    Attributes:
        date (datetime.date | Unset):
        length_mm (float | None | Unset):
        width_mm (float | None | Unset):
        weight_g (float | None | Unset):
        note (str | Unset):
        reason (str | Unset): Why the value changes (audit), at most 100 characters.
    """

    date: datetime.date | Unset = UNSET
    length_mm: float | None | Unset = UNSET
    width_mm: float | None | Unset = UNSET
    weight_g: float | None | Unset = UNSET
    note: str | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date: str | Unset = UNSET
        if not isinstance(self.date, Unset):
            date = self.date.isoformat()

        length_mm: float | None | Unset
        if isinstance(self.length_mm, Unset):
            length_mm = UNSET
        else:
            length_mm = self.length_mm

        width_mm: float | None | Unset
        if isinstance(self.width_mm, Unset):
            width_mm = UNSET
        else:
            width_mm = self.width_mm

        weight_g: float | None | Unset
        if isinstance(self.weight_g, Unset):
            weight_g = UNSET
        else:
            weight_g = self.weight_g

        note = self.note

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if date is not UNSET:
            field_dict["date"] = date
        if length_mm is not UNSET:
            field_dict["length_mm"] = length_mm
        if width_mm is not UNSET:
            field_dict["width_mm"] = width_mm
        if weight_g is not UNSET:
            field_dict["weight_g"] = weight_g
        if note is not UNSET:
            field_dict["note"] = note
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _date = d.pop("date", UNSET)
        date: datetime.date | Unset
        if isinstance(_date, Unset):
            date = UNSET
        else:
            date = datetime.date.fromisoformat(_date)

        def _parse_length_mm(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        length_mm = _parse_length_mm(d.pop("length_mm", UNSET))

        def _parse_width_mm(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        width_mm = _parse_width_mm(d.pop("width_mm", UNSET))

        def _parse_weight_g(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        weight_g = _parse_weight_g(d.pop("weight_g", UNSET))

        note = d.pop("note", UNSET)

        reason = d.pop("reason", UNSET)

        patched_measurement_correction_request = cls(
            date=date,
            length_mm=length_mm,
            width_mm=width_mm,
            weight_g=weight_g,
            note=note,
            reason=reason,
        )

        patched_measurement_correction_request.additional_properties = d
        return patched_measurement_correction_request

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
