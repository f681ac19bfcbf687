from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationReadRequest")


@_attrs_define
class NotificationReadRequest:
    """
    Attributes:
        ids (list[int] | Unset): The notifications to mark read (others' and other labs' ids are ignored).
        all_ (bool | Unset): Mark every unread one read. Default: False.
        lab (int | Unset): The lab whose notifications these are; default: the current lab.
    """

    ids: list[int] | Unset = UNSET
    all_: bool | Unset = False
    lab: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ids: list[int] | Unset = UNSET
        if not isinstance(self.ids, Unset):
            ids = self.ids

        all_ = self.all_

        lab = self.lab

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ids is not UNSET:
            field_dict["ids"] = ids
        if all_ is not UNSET:
            field_dict["all"] = all_
        if lab is not UNSET:
            field_dict["lab"] = lab

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = cast(list[int], d.pop("ids", UNSET))

        all_ = d.pop("all", UNSET)

        lab = d.pop("lab", UNSET)

        notification_read_request = cls(
            ids=ids,
            all_=all_,
            lab=lab,
        )

        notification_read_request.additional_properties = d
        return notification_read_request

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
