from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MeasurementRowRequest")


@_attrs_define
class MeasurementRowRequest:
    """One row of ``POST /studies/{id}/measurements/`` (documentation; rows are checked together).

    Attributes:
        animal (str): The animal's tag.
        date (datetime.date):
        length_mm (float | None | Unset): Longer axis; swapped if not.
        width_mm (float | None | Unset):
        weight_g (float | None | Unset):
        note (str | Unset):
    """

    animal: str
    date: datetime.date
    length_mm: float | None | Unset = UNSET
    width_mm: float | None | Unset = UNSET
    weight_g: float | None | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        animal = self.animal

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "animal": animal,
                "date": date,
            }
        )
        if length_mm is not UNSET:
            field_dict["length_mm"] = length_mm
        if width_mm is not UNSET:
            field_dict["width_mm"] = width_mm
        if weight_g is not UNSET:
            field_dict["weight_g"] = weight_g
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        animal = d.pop("animal")

        date = datetime.date.fromisoformat(d.pop("date"))

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

        measurement_row_request = cls(
            animal=animal,
            date=date,
            length_mm=length_mm,
            width_mm=width_mm,
            weight_g=weight_g,
            note=note,
        )

        measurement_row_request.additional_properties = d
        return measurement_row_request

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
