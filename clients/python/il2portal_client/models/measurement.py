from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Measurement")


@_attrs_define
class Measurement:
    """
    Attributes:
        id (int):
        lab (int):
        study (int):
        animal (int):
        tag (str):
        date (datetime.date):
        day (int):
        length_mm (float | None):
        width_mm (float | None):
        volume_mm3 (float | None):
        weight_g (float | None):
        swapped (bool):
        note (str):
        created_by (None | str):
        created_at (datetime.datetime):
    """

    id: int
    lab: int
    study: int
    animal: int
    tag: str
    date: datetime.date
    day: int
    length_mm: float | None
    width_mm: float | None
    volume_mm3: float | None
    weight_g: float | None
    swapped: bool
    note: str
    created_by: None | str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        lab = self.lab

        study = self.study

        animal = self.animal

        tag = self.tag

        date = self.date.isoformat()

        day = self.day

        length_mm: float | None
        length_mm = self.length_mm

        width_mm: float | None
        width_mm = self.width_mm

        volume_mm3: float | None
        volume_mm3 = self.volume_mm3

        weight_g: float | None
        weight_g = self.weight_g

        swapped = self.swapped

        note = self.note

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lab": lab,
                "study": study,
                "animal": animal,
                "tag": tag,
                "date": date,
                "day": day,
                "length_mm": length_mm,
                "width_mm": width_mm,
                "volume_mm3": volume_mm3,
                "weight_g": weight_g,
                "swapped": swapped,
                "note": note,
                "created_by": created_by,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        lab = d.pop("lab")

        study = d.pop("study")

        animal = d.pop("animal")

        tag = d.pop("tag")

        date = datetime.date.fromisoformat(d.pop("date"))

        day = d.pop("day")

        def _parse_length_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        length_mm = _parse_length_mm(d.pop("length_mm"))

        def _parse_width_mm(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        width_mm = _parse_width_mm(d.pop("width_mm"))

        def _parse_volume_mm3(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        volume_mm3 = _parse_volume_mm3(d.pop("volume_mm3"))

        def _parse_weight_g(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        weight_g = _parse_weight_g(d.pop("weight_g"))

        swapped = d.pop("swapped")

        note = d.pop("note")

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        measurement = cls(
            id=id,
            lab=lab,
            study=study,
            animal=animal,
            tag=tag,
            date=date,
            day=day,
            length_mm=length_mm,
            width_mm=width_mm,
            volume_mm3=volume_mm3,
            weight_g=weight_g,
            swapped=swapped,
            note=note,
            created_by=created_by,
            created_at=created_at,
        )

        measurement.additional_properties = d
        return measurement

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
