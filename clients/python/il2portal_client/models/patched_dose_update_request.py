from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dose_update_status_enum import DoseUpdateStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedDoseUpdateRequest")


@_attrs_define
class PatchedDoseUpdateRequest:
    """
    Attributes:
        status (DoseUpdateStatusEnum | Unset): * `planned` - planned
            * `given` - given
            * `skipped` - skipped
        note (str | Unset):
    """

    status: DoseUpdateStatusEnum | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: DoseUpdateStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = DoseUpdateStatusEnum(_status)

        note = d.pop("note", UNSET)

        patched_dose_update_request = cls(
            status=status,
            note=note,
        )

        patched_dose_update_request.additional_properties = d
        return patched_dose_update_request

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
