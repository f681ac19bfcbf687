from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.layout_well import LayoutWell


T = TypeVar("T", bound="Layout")


@_attrs_define
class Layout:
    """
    Attributes:
        id (int):
        url (str):
        name (str):
        wells (list[LayoutWell]): The wells that are not empty, at most 1,536 (a 1536-well plate).
        created_at (datetime.datetime):
        created_by (None | str):
        lab (int | Unset):
        rows (int | Unset):
        columns (int | Unset):
        description (str | Unset):
    """

    id: int
    url: str
    name: str
    wells: list[LayoutWell]
    created_at: datetime.datetime
    created_by: None | str
    lab: int | Unset = UNSET
    rows: int | Unset = UNSET
    columns: int | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        url = self.url

        name = self.name

        wells = []
        for wells_item_data in self.wells:
            wells_item = wells_item_data.to_dict()
            wells.append(wells_item)

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        lab = self.lab

        rows = self.rows

        columns = self.columns

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "name": name,
                "wells": wells,
                "created_at": created_at,
                "created_by": created_by,
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
        from ..models.layout_well import LayoutWell  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        name = d.pop("name")

        wells = []
        _wells = d.pop("wells")
        for wells_item_data in _wells:
            wells_item = LayoutWell.from_dict(wells_item_data)

            wells.append(wells_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        lab = d.pop("lab", UNSET)

        rows = d.pop("rows", UNSET)

        columns = d.pop("columns", UNSET)

        description = d.pop("description", UNSET)

        layout = cls(
            id=id,
            url=url,
            name=name,
            wells=wells,
            created_at=created_at,
            created_by=created_by,
            lab=lab,
            rows=rows,
            columns=columns,
            description=description,
        )

        layout.additional_properties = d
        return layout

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
