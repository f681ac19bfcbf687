from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.uploaded_plate import UploadedPlate


T = TypeVar("T", bound="UploadedPlates")


@_attrs_define
class UploadedPlates:
    """
    Attributes:
        plates (list[UploadedPlate]):
        duplicate (bool):
    """

    plates: list[UploadedPlate]
    duplicate: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        plates = []
        for plates_item_data in self.plates:
            plates_item = plates_item_data.to_dict()
            plates.append(plates_item)

        duplicate = self.duplicate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "plates": plates,
                "duplicate": duplicate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.uploaded_plate import UploadedPlate  # noqa: PLC0415

        d = dict(src_dict)
        plates = []
        _plates = d.pop("plates")
        for plates_item_data in _plates:
            plates_item = UploadedPlate.from_dict(plates_item_data)

            plates.append(plates_item)

        duplicate = d.pop("duplicate")

        uploaded_plates = cls(
            plates=plates,
            duplicate=duplicate,
        )

        uploaded_plates.additional_properties = d
        return uploaded_plates

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
