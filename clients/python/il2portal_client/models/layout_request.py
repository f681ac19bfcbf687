from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.layout_well_request import LayoutWellRequest


T = TypeVar("T", bound="LayoutRequest")


@_attrs_define
class LayoutRequest:
    """
    Attributes:
        name (str):
        wells (list[LayoutWellRequest]): The wells that are not empty, at most 1,536 (a 1536-well plate).
        lab (int | Unset):
        rows (int | Unset):
        columns (int | Unset):
        description (str | Unset):
    """

    name: str
    wells: list[LayoutWellRequest]
    lab: int | Unset = UNSET
    rows: int | Unset = UNSET
    columns: int | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        wells = []
        for wells_item_data in self.wells:
            wells_item = wells_item_data.to_dict()
            wells.append(wells_item)

        lab = self.lab

        rows = self.rows

        columns = self.columns

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "wells": wells,
            }
        )
        if lab is not UNSET:
            field_dict["lab"] = lab
        if rows is not UNSET:
            field_dict["rows"] = rows
        if columns is not UNSET:
            field_dict["columns"] = columns
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.layout_well_request import LayoutWellRequest  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        wells = []
        _wells = d.pop("wells")
        for wells_item_data in _wells:
            wells_item = LayoutWellRequest.from_dict(wells_item_data)

            wells.append(wells_item)

        lab = d.pop("lab", UNSET)

        rows = d.pop("rows", UNSET)

        columns = d.pop("columns", UNSET)

        description = d.pop("description", UNSET)

        layout_request = cls(
            name=name,
            wells=wells,
            lab=lab,
            rows=rows,
            columns=columns,
            description=description,
        )

        layout_request.additional_properties = d
        return layout_request

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
