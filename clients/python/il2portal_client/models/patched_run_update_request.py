from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedRunUpdateRequest")


@_attrs_define
class PatchedRunUpdateRequest:
    """
    Attributes:
        name (str | Unset):
        series (str | Unset): Time-course series; '' leaves it.
        timepoint_h (float | None | Unset):
        cell_line (int | None | Unset): null clears it.
    """

    name: str | Unset = UNSET
    series: str | Unset = UNSET
    timepoint_h: float | None | Unset = UNSET
    cell_line: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        series = self.series

        timepoint_h: float | None | Unset
        if isinstance(self.timepoint_h, Unset):
            timepoint_h = UNSET
        else:
            timepoint_h = self.timepoint_h

        cell_line: int | None | Unset
        if isinstance(self.cell_line, Unset):
            cell_line = UNSET
        else:
            cell_line = self.cell_line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if series is not UNSET:
            field_dict["series"] = series
        if timepoint_h is not UNSET:
            field_dict["timepoint_h"] = timepoint_h
        if cell_line is not UNSET:
            field_dict["cell_line"] = cell_line

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        series = d.pop("series", UNSET)

        def _parse_timepoint_h(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        timepoint_h = _parse_timepoint_h(d.pop("timepoint_h", UNSET))

        def _parse_cell_line(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cell_line = _parse_cell_line(d.pop("cell_line", UNSET))

        patched_run_update_request = cls(
            name=name,
            series=series,
            timepoint_h=timepoint_h,
            cell_line=cell_line,
        )

        patched_run_update_request.additional_properties = d
        return patched_run_update_request

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
