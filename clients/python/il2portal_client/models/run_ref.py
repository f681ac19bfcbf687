from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunRef")


@_attrs_define
class RunRef:
    """
    Attributes:
        id (int):
        name (str):
        version (int):
        cell_line (None | str):
        cd25 (bool | None):
    """

    id: int
    name: str
    version: int
    cell_line: None | str
    cd25: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        version = self.version

        cell_line: None | str
        cell_line = self.cell_line

        cd25: bool | None
        cd25 = self.cd25

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "version": version,
                "cell_line": cell_line,
                "cd25": cd25,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        version = d.pop("version")

        def _parse_cell_line(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cell_line = _parse_cell_line(d.pop("cell_line"))

        def _parse_cd25(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        cd25 = _parse_cd25(d.pop("cd25"))

        run_ref = cls(
            id=id,
            name=name,
            version=version,
            cell_line=cell_line,
            cd25=cd25,
        )

        run_ref.additional_properties = d
        return run_ref

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
