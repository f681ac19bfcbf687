from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.method_enum import MethodEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="LotReleaseCreateRequest")


@_attrs_define
class LotReleaseCreateRequest:
    """
    Attributes:
        lot (int):
        cell_line (int):
        runs (list[int]): Independent runs to combine.
        method (MethodEnum | Unset): * `auto` - auto
            * `unweighted` - unweighted Default: MethodEnum.AUTO.
        reason (str | Unset):
    """

    lot: int
    cell_line: int
    runs: list[int]
    method: MethodEnum | Unset = MethodEnum.AUTO
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        lot = self.lot

        cell_line = self.cell_line

        runs = self.runs

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "lot": lot,
                "cell_line": cell_line,
                "runs": runs,
            }
        )
        if method is not UNSET:
            field_dict["method"] = method
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        lot = d.pop("lot")

        cell_line = d.pop("cell_line")

        runs = cast(list[int], d.pop("runs"))

        _method = d.pop("method", UNSET)
        method: MethodEnum | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = MethodEnum(_method)

        reason = d.pop("reason", UNSET)

        lot_release_create_request = cls(
            lot=lot,
            cell_line=cell_line,
            runs=runs,
            method=method,
            reason=reason,
        )

        lot_release_create_request.additional_properties = d
        return lot_release_create_request

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
