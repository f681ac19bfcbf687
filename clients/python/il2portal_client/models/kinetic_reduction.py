from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="KineticReduction")


@_attrs_define
class KineticReduction:
    """
    Attributes:
        name (str): `last`, `max_slope`, `value_at`, …
        reads (list[str]):
        description (str):
        window (int | Unset):
        at (float | None | Unset):
    """

    name: str
    reads: list[str]
    description: str
    window: int | Unset = UNSET
    at: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        reads = self.reads

        description = self.description

        window = self.window

        at: float | None | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        else:
            at = self.at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "reads": reads,
                "description": description,
            }
        )
        if window is not UNSET:
            field_dict["window"] = window
        if at is not UNSET:
            field_dict["at"] = at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        reads = cast(list[str], d.pop("reads"))

        description = d.pop("description")

        window = d.pop("window", UNSET)

        def _parse_at(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        kinetic_reduction = cls(
            name=name,
            reads=reads,
            description=description,
            window=window,
            at=at,
        )

        kinetic_reduction.additional_properties = d
        return kinetic_reduction

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
