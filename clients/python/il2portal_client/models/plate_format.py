from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlateFormat")


@_attrs_define
class PlateFormat:
    """
    Attributes:
        key (str): The format's `vendor` value: on a plate, the upload and the `?vendor=` filter.
        name (str):
        manufacturer (str): Who makes the instrument or software.
        extensions (list[str]):
        description (str):
        via (str):
    """

    key: str
    name: str
    manufacturer: str
    extensions: list[str]
    description: str
    via: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        name = self.name

        manufacturer = self.manufacturer

        extensions = self.extensions

        description = self.description

        via = self.via

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key": key,
                "name": name,
                "manufacturer": manufacturer,
                "extensions": extensions,
                "description": description,
                "via": via,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        manufacturer = d.pop("manufacturer")

        extensions = cast(list[str], d.pop("extensions"))

        description = d.pop("description")

        via = d.pop("via")

        plate_format = cls(
            key=key,
            name=name,
            manufacturer=manufacturer,
            extensions=extensions,
            description=description,
            via=via,
        )

        plate_format.additional_properties = d
        return plate_format

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
